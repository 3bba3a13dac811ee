"""Database engines.

Piccolo's ``SQLiteEngine`` opens a new aiosqlite connection for every query (1.3 ms each,
stack-facts.md). ``FastSQLiteEngine`` keeps one ``sqlite3`` connection per process and runs
each statement in the event-loop thread (about 0.02 ms for the small indexed queries this app
makes). SQLite serialises writers anyway, so a single connection loses nothing; an
``asyncio.Lock`` keeps a transaction's statements together on that connection. Long scans
belong on PostgreSQL, which is the engine for production and scale-out.

Hot paths (the session lookup on every request, the caseload) skip Piccolo's query builder,
which costs about 0.35 ms of CPU per select, more than the query itself: they run a
``Statement``, plain SQL written once for both engines, through ``fetch`` (docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Sequence
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

    def _execute(self, query: str, args: Sequence[Any] | None, rows: bool = False) -> list[Any]:
        cursor = self.connection.cursor()
        if rows:
            cursor.row_factory = None  # plain tuples: no dict built per row
        try:
            return cursor.execute(query, args or ()).fetchall()
        finally:
            cursor.close()

    async def _run(self, query: str, args: Sequence[Any] | None, rows: bool = False) -> list[Any]:
        if self.current_transaction.get() is not None:
            return self._execute(query, args, rows)
        if self.lock.locked():
            # Another task's transaction holds the connection: wait for it to finish.
            async with self.lock:
                return self._execute(query, args, rows)
        return self._execute(query, args, rows)

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


async def _keep_session(connection: Any) -> None:
    """asyncpg's pool, on each release, first rolls back an open transaction and drops listener
    callbacks (``Connection._reset``), then by default sends a reset query (``RESET ALL``,
    ``UNLISTEN *``, ``CLOSE ALL``, advisory unlock): a second round trip for every query this
    app makes. This app puts no session state on pooled connections (no ``SET``, only
    ``SET LOCAL``; no ``LISTEN``; only ``pg_advisory_xact_lock``; no ``WITH HOLD`` cursors),
    so there is nothing for that query to reset."""


class FastPostgresEngine(PostgresEngine):  # type: ignore[misc]
    """Piccolo's PostgreSQL engine whose pool skips the per-release reset query."""

    async def start_connection_pool(self, **kwargs: Any) -> None:
        kwargs.setdefault("reset", _keep_session)
        await super().start_connection_pool(**kwargs)


_PLACEHOLDER = re.compile(r"'[^']*'|\"[^\"]*\"|\?")


class Statement:
    """Plain SQL for a hot path, written once in SQLite's ``?`` style for both engines.

    The PostgreSQL form (``$1``, ``$2``, …) is made once, here, not per request; asyncpg then
    prepares it once per connection and reuses it (its statement cache). Write SQL that both
    engines read alike: quote ``"user"`` (a reserved word in PostgreSQL), ``CAST(x AS TEXT)``
    where a UUID should come back as text (on SQLite that also skips Piccolo's converters).
    """

    __slots__ = ("postgres", "sqlite")

    def __init__(self, sql: str) -> None:
        self.sqlite = " ".join(sql.split())
        count = 0

        def number(match: re.Match[str]) -> str:
            nonlocal count
            if match[0] != "?":
                return match[0]  # a quoted literal or name: left as it is
            count += 1
            return f"${count}"

        self.postgres = _PLACEHOLDER.sub(number, self.sqlite)


async def fetch(engine: Any, statement: Statement, *args: Any) -> Sequence[Sequence[Any]]:
    """Run ``statement`` on ``engine`` (a table's ``_meta.db``); rows indexable by position.

    Inside a Piccolo transaction the statement runs on the transaction's connection, so it sees
    the transaction's own writes, as a Piccolo query would.
    """
    if isinstance(engine, FastSQLiteEngine):
        return await engine._run(statement.sqlite, args, rows=True)
    if isinstance(engine, PostgresEngine):
        transaction = engine.current_transaction.get()
        if transaction is not None:
            return await transaction.connection.fetch(statement.postgres, *args)  # type: ignore[no-any-return]
        if engine.pool is not None:
            async with engine.pool.acquire() as connection:
                return await connection.fetch(statement.postgres, *args)  # type: ignore[no-any-return]
        connection = await engine.get_new_connection()
        try:
            return await connection.fetch(statement.postgres, *args)  # type: ignore[no-any-return]
        finally:
            await connection.close()
    raise TypeError(f"no fast path for {type(engine).__name__}")


def make_engine(database_url: str) -> Any:
    if database_url.startswith("sqlite:///"):
        return FastSQLiteEngine(path=database_url.removeprefix("sqlite:///"))
    if database_url.startswith(("postgresql://", "postgres://")):
        # extensions=(): the default tries CREATE EXTENSION "uuid-ossp", which needs a superuser.
        return FastPostgresEngine(config={"dsn": database_url}, extensions=())
    raise ValueError(
        f"STEPWISE_DATABASE_URL must start with sqlite:/// or postgresql://: {database_url}"
    )
