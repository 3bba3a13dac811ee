from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T15:21:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "How the client has felt this month, rated in the monthly conversation"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="goals", description=DESCRIPTION)
    manager.add_column(
        table_class_name="Conversation",
        tablename="pta_conversations",
        column_name="mood",
        db_column_name="mood",
        column_class_name="Integer",
        column_class=Integer,
        params={
            "default": None,
            "null": True,
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
