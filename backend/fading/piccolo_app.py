import os

from piccolo.conf.apps import AppConfig

from backend.fading.tables import FadingAlert, FadingPlan, FadingVersion, FadingWeek

APP_CONFIG = AppConfig(
    app_name="fading",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[FadingPlan, FadingVersion, FadingWeek, FadingAlert],
    migration_dependencies=[
        "backend.accounts.piccolo_app",
        "backend.employers.piccolo_app",
    ],
)
