from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt
from piccolo.columns.column_types import UUID
from piccolo.columns.defaults.uuid import UUID4
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-05T18:18:26:917002"
VERSION = "1.38.0"
DESCRIPTION = "A counter per client for the day's kept answer"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="today", description=DESCRIPTION
    )

    manager.add_table(
        class_name="DayStamp", tablename="day_stamps", schema=None, columns=None
    )

    manager.add_column(
        table_class_name="DayStamp",
        tablename="day_stamps",
        column_name="client",
        db_column_name="client",
        column_class_name="UUID",
        column_class=UUID,
        params={
            "default": UUID4(),
            "null": False,
            "primary_key": False,
            "unique": True,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="DayStamp",
        tablename="day_stamps",
        column_name="changes",
        db_column_name="changes",
        column_class_name="BigInt",
        column_class=BigInt,
        params={
            "default": 0,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
