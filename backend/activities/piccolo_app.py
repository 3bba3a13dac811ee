import os

from piccolo.conf.apps import AppConfig

from backend.activities.tables import Activity, ActivityClient, ActivityStamp, AgreedAction

APP_CONFIG = AppConfig(
    app_name="activities",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Activity, ActivityClient, AgreedAction, ActivityStamp],
    migration_dependencies=[
        "backend.accounts.piccolo_app",
        "backend.employers.piccolo_app",
        "backend.shifts.piccolo_app",
    ],
)
