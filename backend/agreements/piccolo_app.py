import os

from piccolo.conf.apps import AppConfig

from backend.agreements.tables import Agreement, AgreementTemplate, AgreementVersion

APP_CONFIG = AppConfig(
    app_name="agreements",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[AgreementTemplate, Agreement, AgreementVersion],
    migration_dependencies=["backend.accounts.piccolo_app"],
)
