from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Timestamptz

ID = "2026-12-06T20:54:33:926789"
VERSION = "1.38.0"
DESCRIPTION = (
    "Index reminder_deliveries.created_at: housekeeping finds old rows without reading them all"
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="reminders", description=DESCRIPTION)

    manager.alter_column(
        table_class_name="Delivery",
        tablename="reminder_deliveries",
        column_name="created_at",
        db_column_name="created_at",
        params={"index": True},
        old_params={"index": False},
        column_class=Timestamptz,
        old_column_class=Timestamptz,
        schema=None,
    )

    return manager
