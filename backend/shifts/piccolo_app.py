import os

from piccolo.conf.apps import AppConfig

from backend.shifts.tables import Shift, ShiftException

APP_CONFIG = AppConfig(
    app_name="shifts",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Shift, ShiftException],
    migration_dependencies=["backend.accounts.piccolo_app", "backend.employers.piccolo_app"],
)
