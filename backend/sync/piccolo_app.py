import os

from piccolo.conf.apps import AppConfig

from backend.sync.tables import IdempotencyRecord, ReplayMention

APP_CONFIG = AppConfig(
    app_name="sync",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[IdempotencyRecord, ReplayMention],
)
