import os

from piccolo.conf.apps import AppConfig

from backend.reports.tables import Report

APP_CONFIG = AppConfig(
    app_name="reports",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Report],
    migration_dependencies=["backend.accounts.piccolo_app"],
)
