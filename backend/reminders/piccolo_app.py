import os

from piccolo.conf.apps import AppConfig

from backend.reminders.tables import Delivery, NotificationSettings, PushSubscription, ReminderRule

APP_CONFIG = AppConfig(
    app_name="reminders",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[NotificationSettings, ReminderRule, PushSubscription, Delivery],
    migration_dependencies=["backend.accounts.piccolo_app"],
)
