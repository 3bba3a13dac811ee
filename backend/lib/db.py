"""Database engines.

Piccolo's ``SQLiteEngine`` opens a new aiosqlite connection for every query (1.3 ms each,
stack-facts.md). ``FastSQLiteEngine`` keeps one ``sqlite3`` connection per process and runs
each statement in the event-loop thread (about 0.02 ms for the small indexed queries this app
makes). SQLite serialises writers anyway, so a single connection loses nothing; an
``asyncio.Lock`` keeps a transaction's statements together on that connection. Long scans
belong on PostgreSQL, which is the engine for production and scale-out.
"""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, dict_factory


class _FastTransaction:
    """``async with engine.transaction():`` on the shared connection."""

    def __init__(self, engine: FastSQLiteEngine) -> None:
        self.engine = engine
        self._outer = engine.current_transaction.get() is not None
        self._token: Any = None

    async def __aenter__(self) -> _FastTransaction:
        if self._outer:
            return self
        await self.engine.lock.acquire()
        self._token = self.engine.current_transaction.set(self)
        self.engine.connection.execute("BEGIN IMMEDIATE")
        return self

    async def __aexit__(self, exc_type: object, exc: object, tb: object) -> bool:
        if self._outer:
            return False
        try:
            self.engine.connection.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self.engine.current_transaction.reset(self._token)
            self.engine.lock.release()
        return False

    async def commit(self) -> None:
        self.engine.connection.execute("COMMIT")
        self.engine.connection.execute("BEGIN IMMEDIATE")

    async def rollback(self) -> None:
        self.engine.connection.execute("ROLLBACK")
        self.engine.connection.execute("BEGIN IMMEDIATE")


class FastSQLiteEngine(SQLiteEngine):  # type: ignore[misc]
    """One persistent connection, WAL journal, a busy timeout, foreign keys on."""

    def __init__(self, path: str, busy_timeout_ms: int = 5000) -> None:
        super().__init__(path=path)
        self.busy_timeout_ms = busy_timeout_ms
        self._connection: sqlite3.Connection | None = None
        self._lock: asyncio.Lock | None = None

    @property
    def lock(self) -> asyncio.Lock:
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            conn = sqlite3.connect(
                self.path,
                detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.row_factory = dict_factory
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = 1")
            self._connection = conn
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._lock = None

    def _execute(self, query: str, args: list[Any] | None) -> list[dict[str, Any]]:
        cursor = self.connection.execute(query, args or [])
        try:
            return cursor.fetchall()
        finally:
            cursor.close()

    async def _run(self, query: str, args: list[Any] | None) -> list[dict[str, Any]]:
        if self.current_transaction.get() is not None:
            return self._execute(query, args)
        if self.lock.locked():
            # Another task's transaction holds the connection: wait for it to finish.
            async with self.lock:
                return self._execute(query, args)
        return self._execute(query, args)

    async def run_querystring(self, querystring: Any, in_pool: bool = False) -> Any:
        query, args = querystring.compile_string(engine_type=self.engine_type)
        if self.log_queries:
            self.print_query(query_id=self.get_query_id(), query=str(querystring))
        return await self._run(query, args)

    async def run_ddl(self, ddl: str, in_pool: bool = False) -> Any:
        return await self._run(ddl, None)

    def transaction(self, *args: Any, **kwargs: Any) -> Any:
        return _FastTransaction(self)

    async def get_connection(self) -> Any:  # used by batch(); not on our paths
        return await super().get_connection()


def make_engine(database_url: str) -> Any:
    if database_url.startswith("sqlite:///"):
        return FastSQLiteEngine(path=database_url.removeprefix("sqlite:///"))
    if database_url.startswith(("postgresql://", "postgres://")):
        # extensions=(): the default tries CREATE EXTENSION "uuid-ossp", which needs a superuser.
        return PostgresEngine(config={"dsn": database_url}, extensions=())
    raise ValueError(f"STEPWISE_DATABASE_URL must start with sqlite:/// or postgresql://: {database_url}")
