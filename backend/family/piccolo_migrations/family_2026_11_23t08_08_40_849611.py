from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSONB
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-23T08:08:40:849611"
VERSION = "1.38.0"
DESCRIPTION = "A suggested update keeps its message key and words, to be written in each reader's language"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="family", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="Update",
        tablename="family_updates",
        column_name="text_key",
        db_column_name="text_key",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 40,
            "default": "",
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

    manager.add_column(
        table_class_name="Update",
        tablename="family_updates",
        column_name="text_params",
        db_column_name="text_params",
        column_class_name="JSONB",
        column_class=JSONB,
        params={
            "default": "{}",
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
