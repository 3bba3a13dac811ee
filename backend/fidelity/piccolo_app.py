import os

from piccolo.conf.apps import AppConfig

from backend.fidelity.tables import Review, Score

APP_CONFIG = AppConfig(
    app_name="fidelity",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Review, Score],
    migration_dependencies=["backend.accounts.piccolo_app"],
)
