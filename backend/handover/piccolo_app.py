import os

from piccolo.conf.apps import AppConfig

from backend.handover.tables import (
    HandoverConsent,
    HandoverFeedback,
    HandoverLink,
    HandoverView,
    HandoverWords,
)

APP_CONFIG = AppConfig(
    app_name="handover",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[HandoverConsent, HandoverWords, HandoverLink, HandoverView, HandoverFeedback],
    migration_dependencies=["backend.accounts.piccolo_app", "backend.employers.piccolo_app"],
)
