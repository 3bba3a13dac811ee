from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.base import OnUpdate
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder
from piccolo.table import Table


class Session(Table, tablename="sessions", schema=None):
    id_hash = Varchar(
        length=64,
        default="",
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name=None,
        secret=False,
    )


ID = "2026-12-05T16:12:46:105061"
VERSION = "1.38.0"
DESCRIPTION = "A push subscription belongs to the session that made it and ends with it"

# Subscriptions made before this have no session to end with: they are dropped (a raw step runs
# before the column is added). A device still in use sends its subscription again on its next
# start (the PWA confirms it on every signed-in start), bound to the session it then has; a
# lost or revoked phone has no session and gets nothing more. See docs/reminders.md.


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="reminders", description=DESCRIPTION
    )

    async def drop_sessionless():
        await engine_finder().run_ddl("DELETE FROM push_subscriptions")

    manager.add_raw(drop_sessionless)

    manager.add_column(
        table_class_name="PushSubscription",
        tablename="push_subscriptions",
        column_name="session",
        db_column_name="session",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": Session,
            "on_delete": OnDelete.cascade,
            "on_update": OnUpdate.cascade,
            "target_column": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": True,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": True,
        },
        schema=None,
    )

    return manager
