import os

from piccolo.conf.apps import AppConfig

from backend.today.tables import DayStamp

APP_CONFIG = AppConfig(
    app_name="today",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[DayStamp],
    # The triggers watch these apps' tables: they are made after them.
    migration_dependencies=[
        "backend.accounts.piccolo_app",
        "backend.clients.piccolo_app",
        "backend.employers.piccolo_app",
        "backend.reminders.piccolo_app",
        "backend.family.piccolo_app",
        "backend.shifts.piccolo_app",
        "backend.tasks.piccolo_app",
        "backend.goals.piccolo_app",
        "backend.opportunities.piccolo_app",
        "backend.handover.piccolo_app",
    ],
)
