import os

from piccolo.conf.apps import AppConfig

from backend.journey.tables import Episode, FollowUp, StagePeriod, StageTarget

APP_CONFIG = AppConfig(
    app_name="journey",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Episode, StagePeriod, StageTarget, FollowUp],
    migration_dependencies=[
        "backend.accounts.piccolo_app",
        "backend.clients.piccolo_app",
        "backend.employers.piccolo_app",
    ],
)
