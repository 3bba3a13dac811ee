from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import UUID, BigInt
from piccolo.columns.defaults.uuid import UUID4
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T14:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "A counter per person for the activity log's kept pages"

_COLUMN = {
    "null": False,
    "primary_key": False,
    "index": False,
    "index_method": IndexMethod.btree,
    "choices": None,
    "db_column_name": None,
    "secret": False,
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="activities", description=DESCRIPTION)
    manager.add_table(
        class_name="ActivityStamp", tablename="activity_stamps", schema=None, columns=None
    )
    manager.add_column(
        table_class_name="ActivityStamp",
        tablename="activity_stamps",
        column_name="person",
        db_column_name="person",
        column_class_name="UUID",
        column_class=UUID,
        params={"default": UUID4(), "unique": True, **_COLUMN},
        schema=None,
    )
    manager.add_column(
        table_class_name="ActivityStamp",
        tablename="activity_stamps",
        column_name="changes",
        db_column_name="changes",
        column_class_name="BigInt",
        column_class=BigInt,
        params={"default": 0, "unique": False, **_COLUMN},
        schema=None,
    )
    return manager
