import os

from piccolo.conf.apps import AppConfig

from backend.family.tables import AutoShare, Consent, Update

APP_CONFIG = AppConfig(
    app_name="family",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Consent, AutoShare, Update],
    migration_dependencies=["backend.accounts.piccolo_app"],
)
