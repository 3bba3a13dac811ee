from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import ForeignKey

ID = "2026-12-05T18:22:12:123345"
VERSION = "1.38.0"
DESCRIPTION = "Indexes on the foreign-key columns that had none"

# Deleting a person, a photo, a step or a conversation makes the database find the rows that
# point at it (to delete them or set them to null), and reads join on these columns: without an
# index each of those is a scan of the whole table (tests/api/test_indexes.py).


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="family", description=DESCRIPTION)

    manager.alter_column(
        table_class_name="Consent",
        tablename="family_consents",
        column_name="actor",
        db_column_name="actor",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="AutoShare",
        tablename="family_auto_shares",
        column_name="actor",
        db_column_name="actor",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Update",
        tablename="family_updates",
        column_name="author",
        db_column_name="author",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Update",
        tablename="family_updates",
        column_name="decided_by",
        db_column_name="decided_by",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    return manager
