from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import ForeignKey

ID = "2026-12-05T18:22:19:853626"
VERSION = "1.38.0"
DESCRIPTION = "Indexes on the foreign-key columns that had none"

# Deleting a person, a photo, a step or a conversation makes the database find the rows that
# point at it (to delete them or set them to null), and reads join on these columns: without an
# index each of those is a scan of the whole table (tests/api/test_indexes.py).


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="reminders", description=DESCRIPTION)

    manager.alter_column(
        table_class_name="ReminderRule",
        tablename="reminder_rules",
        column_name="created_by",
        db_column_name="created_by",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    return manager
