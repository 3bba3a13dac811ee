"""Database engines.

(Longer than 400 lines on purpose: where a statement runs, the writer's lock, the reader threads
and the interruption of a read that was given up change each other's state, and are read and
changed together.)

Piccolo's ``SQLiteEngine`` opens a new aiosqlite connection for every query (1.3 ms each).
``FastSQLiteEngine`` keeps its connections open and decides where each statement runs:

- **Reads outside a transaction** first run on a read-only connection in the event-loop thread,
  with a budget of ``LOOP_BUDGET_S`` (1 ms). Nearly all of this app's reads are small indexed
  queries that finish in a few microseconds there. A read that is still running at the end of
  its budget is interrupted (SQLite's progress handler) and run again, whole, on one of
  ``READERS`` read-only connections in threads of their own. WAL lets those readers read while
  the writer writes, and ``sqlite3`` lets go of the GIL while SQLite steps, so a two-second
  report holds up nobody (``bench/slow_neighbour.py``). Why not send every read to a thread:
  measured here, an indexed one-row read costs 2.7 µs on the loop and 58 µs through
  ``run_in_executor`` (28 µs each with 32 in flight), ten to twenty times the query; the
  progress handler adds 0.2 µs. The price of the budget is at most about 1 ms of loop time
  spent on a statement that turns out slow, once for each time it runs.
- **Writes and transactions** run on the one writer connection (SQLite has one writer at a
  time anyway), one transaction at a time (an ``asyncio.Lock``). A transaction's reads run on
  it too, so they see its own writes; one that runs past its budget moves, whole, to the
  writer's own thread while the transaction keeps the lock. Writes stay on the loop: they are
  small, and every foreign-key column a delete uses is indexed (``tests/api/test_indexes.py``).
- Reads never wait for a transaction: until it commits they see the data as it was before.
- The WAL is copied back into the database by a thread of its own (``_Checkpointer``, a
  passive checkpoint every half second), not by whichever commit fills it: on the loop that
  copy cost the audited client's page a sixth of its throughput on the large organisation.
- Other processes' commits are seen without a read: the writer connection's
  ``PRAGMA data_version`` moves only when another connection commits (``cache_stamp``,
  ``moment``), so copies kept in this process (sessions, clients' days, pages, caseloads)
  are trusted while it stays.
- A read in a thread whose request is cancelled (the person left the screen) is interrupted:
  its reader is free at once, and a transaction ends only after its read has let go.

``FastPostgresEngine`` is Piccolo's PostgreSQL engine with a pool that does not send a reset
query on every release, a small lane of connections of its own for the hot statements, and
announcements (``NOTIFY``) of every write to the tables app servers cache (``CACHED_TABLES``),
naming what changed where the writer knows it (a session, a person, a team: ``naming``), so that
every app server drops those copies at once, and all of them for a write nobody named; such a
write returns once every listening server has said it heard it (``acknowledged``).

Hot paths (the session lookup on every request, the caseload) skip Piccolo's query builder,
which costs about 0.35 ms of CPU per select, more than the query itself: they run a
``Statement``, plain SQL written once for both engines, through ``fetch`` (docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import logging
import math
import re
import select
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

import asyncpg  # type: ignore[import-untyped]
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
from piccolo.engine.sqlite import SQLiteEngine, dict_factory

log = logging.getLogger("stepwise.db")
T = TypeVar("T")

_READ = re.compile(r"^\s*(?:SELECT|WITH)\b", re.IGNORECASE)


# The tables whose rows a kept copy trusted by its moment shows (``moment``): a client's day
# or page (each table has a trigger that moves the client's day stamp, ``day_stamp_*`` and
# ``page_stamp_*``, backend/today's migrations, and day_stamps itself tells every server,
# ``NOTIFY stepwise_days``), a client's activity log (``activity_stamp_*``, and activity_stamps
# tells, ``NOTIFY stepwise_activities``) and the caseloads and client records (client records,
# mentorships and names tell ``NOTIFY stepwise_caseloads``). A row added to or changed in any
# other table (a session touched on each request, an audit entry, a reminder claimed) cannot
# move what those channels tell, so it leaves this process's ``writes`` as they are. A DELETE
# always counts: rows of these tables may go with the deleted ones.
# tests/api/test_today.py checks this list against the database's triggers.
TOLD_TABLES = frozenset(
    {
        "activities",
        "activity_agreed_actions",
        "activity_clients",
        "client_records",
        "day_stamps",
        "employers",
        "family_links",
        "family_updates",
        "goal_check_ins",
        "goals",
        "handover_feedback",
        "help_requests",
        "jobs",
        "mentorships",
        "notification_settings",
        "opportunities",
        "passkeys",
        "pta_answers",
        "pta_conversations",
        "push_subscriptions",
        "reminder_rules",
        "shift_exceptions",
        "shifts",
        "step_completions",
        "step_records",
        "steps",
        "task_progress",
        "tasks",
        "training_sessions",
        "users",
    }
)
_ADDS_OR_CHANGES = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE)\s+"?(\w+)', re.IGNORECASE)


def may_tell(sql: str) -> bool:
    """A write that may move something a ``hear`` channel tells (erring towards True)."""
    target = _ADDS_OR_CHANGES.match(sql)
    return target is None or target[1].lower() in TOLD_TABLES


def tells(sql: str) -> bool:
    """A statement that writes, and may move something a ``hear`` channel tells."""
    return not is_read(sql) and may_tell(sql)


STATEMENTS: ContextVar[list[int] | None] = ContextVar("stepwise_db_statements", default=None)
"""Where the statements of the request under way are counted (``[n]``, set by
``backend/lib/metrics.py``'s middleware): every statement sent to the database, a transaction's
``BEGIN`` and ``COMMIT`` and a write's ``NOTIFY`` included — on PostgreSQL each is a round trip.
Work a request leaves to another task after it ended is not counted."""


def counted(n: int = 1) -> None:
    cell = STATEMENTS.get()
    if cell is not None:
        cell[0] += n


def is_read(sql: str) -> bool:
    """True for a statement that only reads (a ``SELECT``, or a ``WITH`` that writes nothing)."""
    return bool(_READ.match(sql)) and not _WRITE.search(sql)


class _FastTransaction:
    """``async with engine.transaction():`` on the writer connection. What its writes changed
    (``changes``: cached rows, by name; ``told``: a table a day stamp watches) counts at its
    commit, as PostgreSQL's ``NOTIFY`` is sent at commit, and not at all on a rollback."""

    def __init__(self, engine: FastSQLiteEngine) -> None:
        self.engine = engine
        self._outer = engine.current_transaction.get() is not None
        self._token: Any = None
        self.changes: list[str] = []
        self.told = False

    def _committed(self) -> None:
        changes, told = self.changes, self.told
        self.changes, self.told = [], False
        self.engine.committed(list(dict.fromkeys(changes)), told)

    async def __aenter__(self) -> _FastTransaction:
        if self._outer:
            return self
        await self.engine.lock.acquire()
        self._token = self.engine.current_transaction.set(self)  # type: ignore[arg-type]
        counted()
        try:
            self.engine.connection.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.engine.current_transaction.reset(self._token)
            self.engine.lock.release()
            raise
        return self

    async def __aexit__(self, exc_type: object, exc: object, tb: object) -> bool:
        if self._outer:
            return False
        counted()
        try:
            self.engine.connection.execute("ROLLBACK" if exc_type else "COMMIT")
            if not exc_type:
                self._committed()
        finally:
            self.engine.current_transaction.reset(self._token)
            self.engine.lock.release()
        return False

    async def commit(self) -> None:
        self.engine.connection.execute("COMMIT")
        self._committed()
        self.engine.connection.execute("BEGIN IMMEDIATE")

    async def rollback(self) -> None:
        self.engine.connection.execute("ROLLBACK")
        self.changes, self.told = [], False
        self.engine.connection.execute("BEGIN IMMEDIATE")


class _Budget:
    """A progress handler that interrupts the statement on its connection once the clock passes
    ``deadline``; ``tripped`` tells that interruption from any other error."""

    __slots__ = ("deadline", "tripped")

    def __init__(self) -> None:
        self.deadline = math.inf
        self.tripped = False

    def __call__(self) -> int:
        if time.perf_counter() < self.deadline:
            return 0
        self.tripped = True
        return 1


class _Job:
    """A read handed to a reader thread, which a cancelled request interrupts. ``connection``
    is set only while the statement runs on it (under ``lock``), so an interruption never
    reaches the next job's statement: ``sqlite3_interrupt`` leaves statements started after
    the connection's running statements have finished alone."""

    __slots__ = ("cancelled", "connection", "lock")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cancelled = False
        self.connection: sqlite3.Connection | None = None

    def cancel(self) -> None:
        with self.lock:
            self.cancelled = True
            if self.connection is not None:
                self.connection.interrupt()


def _run_on(
    connection: sqlite3.Connection, query: str, args: Sequence[Any] | None, rows: bool
) -> list[Any]:
    cursor = connection.cursor()
    if rows:
        cursor.row_factory = None  # plain tuples: no dict built per row
    try:
        return cursor.execute(query, args or ()).fetchall()
    finally:
        cursor.close()


class _Checkpointer:
    """Copies the WAL back into the database file every ``every`` seconds, in a thread with a
    connection of its own (``PRAGMA wal_checkpoint(PASSIVE)``: it waits for nobody and nobody
    waits for it; sqlite3 lets go of the GIL meanwhile). A checkpoint changes no row, so the
    writer's ``PRAGMA data_version`` stays where it was (tests/api/test_session_copies.py)."""

    def __init__(self, path: str, every: float) -> None:
        self._path = path
        self._every = every
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stepwise-sqlite-checkpoint")
        self._thread.daemon = True
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            log.exception("the WAL checkpointer could not open the database")
            return
        try:
            while not self._stopping.wait(self._every):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:
                    log.warning("a WAL checkpoint failed; the next one tries again", exc_info=True)
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            conn.close()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=10)


class FastSQLiteEngine(SQLiteEngine):  # type: ignore[misc]
    """A writer connection and read-only connections, WAL journal, a busy timeout, foreign
    keys on; where each statement runs is told in this module's docstring."""

    READERS = 3  # read-only connections in threads, for the reads that outrun the budget
    CHECKPOINT_EVERY_S = 0.5  # how often the checkpointer copies the WAL into the database
    LOOP_BUDGET_S = 0.001  # a read's time on the event loop before it moves to a reader
    PROGRESS_STEPS = 1000  # SQLite VM instructions between two looks at the clock

    def __init__(self, path: str, busy_timeout_ms: int = 5000, readers: int = READERS) -> None:
        super().__init__(path=path)
        self.busy_timeout_ms = busy_timeout_ms
        self.readers = readers
        self._connection: sqlite3.Connection | None = None
        self._loop_reader: sqlite3.Connection | None = None
        self._write_budget = _Budget()
        self._read_budget = _Budget()
        self._lock: asyncio.Lock | None = None
        self._reader_pool: ThreadPoolExecutor | None = None
        self._writer_thread: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._opened_lock = threading.Lock()
        self._setups: list[Callable[[sqlite3.Connection], None]] = []
        self._checkpointer: _Checkpointer | None = None
        # What PostgreSQL's NOTIFY tells the other engine, read from the file itself:
        # ``generation`` moves on with every commit of another connection (another process)
        # and every unnamed write of this one, ``changes`` with every change to cached rows,
        # ``writes`` with this process's own writes that may move a client's day stamp.
        self.generation = 0
        self.changes = 0
        self.writes = 0
        self._version: int | None = None
        self._writer_busy = False  # a transaction's read runs on the writer in its thread

    @property
    def lock(self) -> asyncio.Lock:
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    def _open(self, *, read_only: bool) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path,
            detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES,
            isolation_level=None,
            check_same_thread=False,
            cached_statements=256,
        )
        conn.row_factory = dict_factory
        conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
        if read_only:
            conn.execute("PRAGMA query_only = 1")
        else:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = 1")
        with self._opened_lock:
            for setup in self._setups:
                setup(conn)
            self._opened.append(conn)
        return conn

    @property
    def connection(self) -> sqlite3.Connection:
        """The writer connection: writes, transactions and their reads."""
        if self._connection is None:
            self._connection = self._open(read_only=False)
            self._connection.set_progress_handler(self._write_budget, self.PROGRESS_STEPS)
            # The WAL is copied back into the database by a thread of its own (below), not by
            # the commit that fills it: on the event loop that copy (and its fsync) was paid by
            # whichever request's write came at the wrong moment.
            self._connection.execute("PRAGMA wal_autocheckpoint = 0")
            self._checkpointer = _Checkpointer(self.path, self.CHECKPOINT_EVERY_S)
        return self._connection

    @property
    def loop_reader(self) -> sqlite3.Connection:
        """The read-only connection used in the event-loop thread, within the budget."""
        if self._loop_reader is None:
            self.connection  # noqa: B018 (the writer first: it puts the file in WAL mode)
            self._loop_reader = self._open(read_only=True)
            # The schema is read in full, outside the budget, before the first statement: SQLite
            # parses it when a connection prepares its first statement, and with a few dozen
            # tables that takes longer than the budget, so every read would be interrupted in
            # the parse, never finish it, and go to a thread.
            self._loop_reader.execute("SELECT count(*) FROM sqlite_master").fetchall()
            self._loop_reader.set_progress_handler(self._read_budget, self.PROGRESS_STEPS)
        return self._loop_reader

    def on_connect(self, setup: Callable[[sqlite3.Connection], None]) -> None:
        """Run ``setup`` on every connection, those open now and those opened later (for
        example ``create_function``)."""
        with self._opened_lock:
            self._setups.append(setup)
            for conn in self._opened:
                setup(conn)

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        for pool in (self._reader_pool, self._writer_thread):
            if pool is not None:
                pool.shutdown(wait=True)
        self._reader_pool = self._writer_thread = None
        with self._opened_lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            conn.close()
        self._connection = self._loop_reader = None
        self._local = threading.local()
        self._lock = None

    def _execute(self, query: str, args: Sequence[Any] | None, rows: bool = False) -> list[Any]:
        return _run_on(self.connection, query, args, rows)

    def _read_in_thread(
        self, job: _Job, query: str, args: Sequence[Any] | None, rows: bool
    ) -> list[Any]:
        conn: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if conn is None:
            conn = self._local.connection = self._open(read_only=True)
        with job.lock:
            if job.cancelled:
                raise sqlite3.OperationalError("interrupted")
            job.connection = conn
        try:
            return _run_on(conn, query, args, rows)
        finally:
            with job.lock:
                job.connection = None

    def _write_in_thread(
        self, job: _Job, query: str, args: Sequence[Any] | None, rows: bool
    ) -> list[Any]:
        self._write_budget.deadline = math.inf
        conn = self.connection
        with job.lock:
            if job.cancelled:
                raise sqlite3.OperationalError("interrupted")
            job.connection = conn
        try:
            return _run_on(conn, query, args, rows)
        finally:
            with job.lock:
                job.connection = None

    async def _run(
        self,
        query: str,
        args: Sequence[Any] | None,
        rows: bool = False,
        read: bool | None = None,
        kind: tuple[bool, bool] | None = None,
    ) -> list[Any]:
        """``kind``: (announce, tells) of a write, when the caller knows them (``Statement``)."""
        counted()
        if read is None:
            read = is_read(query)
        transaction = self.current_transaction.get()
        if transaction is not None:
            if read:
                return await self._transaction_read(query, args, rows)
            out = self._execute(query, args, rows)
            announce, told = kind or _write_kind(query)
            if announce and isinstance(transaction, _FastTransaction):
                transaction.changes.append(_NAMED.get())
            if told and isinstance(transaction, _FastTransaction):
                transaction.told = True
            return out
        if read:
            return await self._read(query, args, rows)
        if self.lock.locked():
            # Another task's transaction holds the writer: wait for it to finish.
            async with self.lock:
                out = self._execute(query, args, rows)
        else:
            out = self._execute(query, args, rows)
        announce, told = kind or _write_kind(query)
        if announce or told:
            self.committed((_NAMED.get(),) if announce else (), told)
        return out

    # -- hearing changes ----------------------------------------------------------------------

    def committed(self, changes: Sequence[str], told: bool) -> None:
        """This process committed writes: to cached rows (``changes``, what each named), and,
        if ``told``, to a table a client's day stamp watches."""
        if told:
            self.writes += 1
        for what in changes:
            self.changed(what)

    def changed(self, what: str) -> None:
        """A change made or seen: the copies it names go, or every copy when it names none."""
        self.changes += 1
        if named(what) is None:
            self.generation += 1
        _tell_hearers(what)

    def cache_stamp(self) -> tuple[int, int] | None:
        """(generation, changes), as ``FastPostgresEngine.cache_stamp``. Another connection's
        commit (another process: a second app server, the CLI) moves the writer connection's
        ``PRAGMA data_version`` (SQLite docs: it changes when another connection committed;
        this connection's own commits leave it): then every copy goes, as for a write nobody
        named. None inside a transaction (its reads see its uncommitted writes; they count
        at its commit) and while a transaction's read holds the writer connection in its
        thread (the pragma would wait for it). While another task's transaction is open no
        other connection can commit (SQLite has one writer), and what it writes counts at its
        commit: the reminder engine's and the audit sealer's rounds, every second, leave the
        copies trusted."""
        if self._writer_busy or self.current_transaction.get() is not None:
            return None
        version = _run_on(self.connection, "PRAGMA data_version", None, True)[0][0]
        if version != self._version:
            if self._version is not None:
                self.changed(EVERYTHING)
            self._version = version
        return (self.generation, self.changes)

    def moment(self) -> tuple[int, int] | None:
        """(generation, own writes that may move a day stamp), as the PostgreSQL engine's."""
        stamp = self.cache_stamp()
        return None if stamp is None else (stamp[0], self.writes)

    async def _read(self, query: str, args: Sequence[Any] | None, rows: bool) -> list[Any]:
        budget = self._read_budget
        conn = self.loop_reader
        budget.tripped = False
        budget.deadline = time.perf_counter() + self.LOOP_BUDGET_S
        try:
            return _run_on(conn, query, args, rows)
        except sqlite3.OperationalError:
            if not budget.tripped:
                raise
        finally:
            budget.deadline = math.inf
        if self._reader_pool is None:
            self._reader_pool = ThreadPoolExecutor(self.readers, "stepwise-sqlite-reader")
        job = _Job()
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self._reader_pool, self._read_in_thread, job, query, args, rows
            )
        except asyncio.CancelledError:
            job.cancel()  # the request went away: its reader is free for the next one
            raise

    async def _transaction_read(
        self, query: str, args: Sequence[Any] | None, rows: bool
    ) -> list[Any]:
        budget = self._write_budget
        conn = self.connection
        budget.tripped = False
        budget.deadline = time.perf_counter() + self.LOOP_BUDGET_S
        try:
            return _run_on(conn, query, args, rows)
        except sqlite3.OperationalError:
            if not budget.tripped:
                raise
        finally:
            budget.deadline = math.inf
        # An interrupted SELECT leaves the transaction open (SQLite rolls one back only for an
        # interrupted INSERT, UPDATE or DELETE); the transaction keeps the lock meanwhile.
        if self._writer_thread is None:
            self._writer_thread = ThreadPoolExecutor(1, "stepwise-sqlite-writer")
        job = _Job()
        loop = asyncio.get_running_loop()
        self._writer_busy = True
        running = loop.run_in_executor(
            self._writer_thread, self._write_in_thread, job, query, args, rows
        )
        try:
            return await asyncio.shield(running)
        except asyncio.CancelledError:
            # The transaction ends next (a rollback on the writer): the read must have let go
            # of the writer first, so it is interrupted and waited for.
            job.cancel()
            with contextlib.suppress(sqlite3.Error):
                await running
            raise
        finally:
            self._writer_busy = False

    async def run_querystring(self, querystring: Any, in_pool: bool = False) -> Any:
        query, args = querystring.compile_string(engine_type=self.engine_type)
        if self.log_queries:
            self.print_query(query_id=self.get_query_id(), query=str(querystring))
        return await self._run(query, args)

    async def run_ddl(self, ddl: str, in_pool: bool = False) -> Any:
        return await self._run(ddl, None, read=False)

    def transaction(self, *args: Any, **kwargs: Any) -> Any:
        return _FastTransaction(self)

    async def get_connection(self) -> Any:  # used by batch(); not on our paths
        return await super().get_connection()


# Tables whose rows an app server copies into its memory: accounts/sessions.py keeps
# session → person for a few seconds. Every write to them through an engine here, from any
# process (app server or CLI), is announced on CHANGES; PostgreSQL delivers a NOTIFY at commit
# to every listening connection, and drops it on rollback (PostgreSQL docs, NOTIFY).
CACHED_TABLES = ("sessions", "users", "teams")
CHANGES = "stepwise_changes"
HEARD = "stepwise_heard"  # each listening server: "<writer pid>:<payload>", once it heard that
LISTENER_NAME = "stepwise-listener"  # the application_name of every listening connection
_ANNOUNCE = "SELECT pg_notify($1, $2)"
_LISTENERS = (
    "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()"
)


@dataclass(slots=True)
class _Acks:
    """A write's wait for every listening server (``needed``, backend pids) to have heard it."""

    needed: set[int]
    done: asyncio.Future[None]
    heard: set[int] = field(default_factory=set)


# What a write changed, as its announcement says: ``sessions:<id_hash>`` (one session),
# ``users:<id>`` (a person: their row, or all their sessions), ``teams:<id>`` (a team), or
# EVERYTHING — the payload of a write nobody named, and of anything a listener cannot read
# (an older or newer server's announcement): then every copy goes, the safe default.
EVERYTHING = ""
_NAMED: contextvars.ContextVar[str] = contextvars.ContextVar("stepwise_change", default="")
_hearers: list[Callable[[str | None, str], None]] = []


def change(table: str, key: object) -> str:
    """The announcement of a write to the row ``key`` of ``table`` (one of ``CACHED_TABLES``);
    EVERYTHING for a key no row can have (empty, or too long for a ``NOTIFY``)."""
    text = str(key)
    if table not in CACHED_TABLES or not text or len(text) > 200:
        return EVERYTHING
    return f"{table}:{text}"


def named(payload: str) -> tuple[str, str] | None:
    """(table, key) of an announcement that names its row; None: anything may have changed."""
    table, colon, key = payload.partition(":")
    return (table, key) if colon and key and table in CACHED_TABLES else None


async def naming(what: str, write: Awaitable[T]) -> T:
    """Run ``write`` (a query on ``CACHED_TABLES`` that changes only what ``what`` names, made
    with ``change``) and announce it as that, so that other servers drop only those copies."""
    token = _NAMED.set(what)
    try:
        return await write
    finally:
        _NAMED.reset(token)


def _tell_hearers(what: str) -> bool:
    """Give ``what`` changed to every ``on_change`` hearer; False if one of them failed (then
    nothing it keeps may be trusted)."""
    row = named(what)
    ok = True
    for hearer in _hearers:
        try:
            hearer(*row) if row else hearer(None, what)
        except Exception:  # a hearer's bug must not stop the others, nor the listener
            log.exception("a cache could not drop what changed (%r); all of it goes", what)
            ok = False
    return ok


@functools.lru_cache(maxsize=4096)
def _write_kind(sql: str) -> tuple[bool, bool]:
    """(announce, tells) of a statement: it may change cached rows; it may move a day stamp."""
    return writes_cached_rows(sql), tells(sql)


def on_change(hearer: Callable[[str | None, str], None]) -> None:
    """Call ``hearer(table, key)`` at every change this process makes or hears of, in the same
    event-loop callback that read it; ``table`` None when anything may have changed (an unnamed
    write, the listener connected or lost). Register once, at import."""
    _hearers.append(hearer)


_WRITE = re.compile(
    r"^\s*(?:INSERT|UPDATE|DELETE|TRUNCATE|MERGE)\b|^\s*WITH\b.*\b(?:INSERT|UPDATE|DELETE|MERGE)\b",
    re.IGNORECASE | re.DOTALL,
)
_CACHED = re.compile(rf"\b(?:{'|'.join(CACHED_TABLES)})\b", re.IGNORECASE)
_PLAIN_INSERT = re.compile(r"^\s*INSERT\b", re.IGNORECASE)
_CHANGES_EXISTING = re.compile(r"\bDO\s+UPDATE\b|\b(?:UPDATE|DELETE)\b", re.IGNORECASE)


_TARGET = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:ONLY\s+)?((?:"?\w+"?\.)?"?\w+"?)',
    re.IGNORECASE,
)


def writes_cached_rows(sql: str) -> bool:
    """True for a statement that may change rows of ``CACHED_TABLES`` (erring towards True).

    An ``INSERT``, ``UPDATE`` or ``DELETE`` changes only the table it names first (PostgreSQL
    allows a writing ``WITH`` only at the top of a statement, and no other table's foreign key
    reaches a cached row): one that only reads a cached table (the worker's sweep of the push
    subscriptions of ended sessions) is not announced. A plain ``INSERT`` only adds rows, and no
    copy can be of a row that was not there: a sign-in (a new session), a new person or team
    leaves every server's copies as they are. An upsert (``ON CONFLICT … DO UPDATE``), and any
    other statement naming ``UPDATE`` or ``DELETE`` and a cached table, is announced."""
    if not (_WRITE.search(sql) and _CACHED.search(sql)):
        return False
    target = _TARGET.match(sql)
    if target is not None and target[1].split(".")[-1].strip('"').lower() not in CACHED_TABLES:
        return False
    return not (_PLAIN_INSERT.match(sql) and not _CHANGES_EXISTING.search(sql))


async def _keep_session(connection: Any) -> None:
    """asyncpg's pool, on each release, first rolls back an open transaction and drops listener
    callbacks (``Connection._reset``), then by default sends a reset query (``RESET ALL``,
    ``UNLISTEN *``, ``CLOSE ALL``, advisory unlock): a second round trip for every query this
    app makes. This app leaves no session state on pooled connections (no ``SET``; no
    ``LISTEN``, the listener has a connection of its own; advisory locks only as
    ``pg_advisory_xact_lock``; no ``WITH HOLD`` cursors), so that query has nothing to reset."""


def _told(transaction: Any) -> None:
    """A statement of ``transaction`` may move what a ``hear`` channel tells (at its commit)."""
    if isinstance(transaction, _AnnouncingTransaction):
        transaction.told = True


class _AnnouncingTransaction(PostgresTransaction):  # type: ignore[misc]
    """Tells this process again at commit of the changes the transaction made to cached rows
    (other processes hear the NOTIFY, which PostgreSQL sends at commit): a copy read from the
    rows as they were before the commit is dropped."""

    __slots__ = ("acks", "changes", "told")

    def __init__(self, engine: FastPostgresEngine, allow_nested: bool = True) -> None:
        super().__init__(engine=engine, allow_nested=allow_nested)
        self.changes: list[str] = []
        self.acks: list[_Acks | None] = []
        # A write in it may move what a ``hear`` channel tells: only then does its commit
        # move this process's ``writes``. A transaction that only reads or locks (the
        # reminder planner's and the audit sealer's rounds, every second, mostly finding
        # nothing) must not make every kept client's day look again: on the large
        # organisation that made the day's p99 8-12x the baseline's instead of 2x.
        self.told = False

    async def begin(self) -> None:
        counted()
        await super().begin()  # type: ignore[no-untyped-call]

    async def commit(self) -> None:
        counted()
        await super().commit()  # type: ignore[no-untyped-call]
        if isinstance(self.engine, FastPostgresEngine):
            if self.told:
                self.engine.writes += 1
            for what in dict.fromkeys(self.changes):
                self.engine.changed(what)
            await self.engine.acknowledged(self.acks)

    async def rollback(self) -> None:
        counted()
        for acks in self.acks:
            if acks is not None:
                acks.done.cancel()  # nothing was announced
        await super().rollback()  # type: ignore[no-untyped-call]


class _Lane:
    """A few connections of their own for ``fetch`` on the hot paths, handed from task to task
    through a plain free list. asyncpg's pool (acquire timeouts, a shielded release task, the
    reset hook) costs about 30 µs of CPU per statement, a third of a small read's cost here
    (docs/benchmarks.md). Piccolo's queries and transactions keep using the pool."""

    def __init__(self, config: dict[str, Any], size: int) -> None:
        self._config = config
        self._size = size
        self._idle: list[Any] = []
        self._open = 0  # connections open, or being opened, by this lane
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._closed = False

    async def fetch(self, query: str, args: Sequence[Any]) -> Any:
        connection = await self._take()
        try:
            rows = await connection.fetch(query, *args)
        except asyncpg.PostgresError:
            # The server refused the statement; the connection is still good unless it broke.
            self._give(connection)
            raise
        except BaseException:
            # Cancelled mid-statement, or the connection failed: never hand it out again.
            self._drop(connection)
            raise
        self._give(connection)
        return rows

    async def _take(self) -> Any:
        while True:
            if self._closed:
                raise asyncpg.InterfaceError("the connection pool is closed")
            while self._idle:
                connection = self._idle.pop()
                if not connection.is_closed():
                    return connection
                self._open -= 1
            if self._open < self._size:
                self._open += 1
                try:
                    return await asyncpg.connect(**self._config)
                except BaseException:
                    self._open -= 1
                    self._wake()
                    raise
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            except BaseException:
                if waiter.done() and not waiter.cancelled():
                    self._wake()  # woken but leaving: pass the turn on
                elif waiter in self._waiters:
                    self._waiters.remove(waiter)
                raise

    def _give(self, connection: Any) -> None:
        if self._closed or connection.is_closed() or connection.is_in_transaction():
            self._drop(connection)
            return
        self._idle.append(connection)
        self._wake()

    def _drop(self, connection: Any) -> None:
        self._open -= 1
        connection.terminate()
        self._wake()

    def _wake(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    async def close(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, []
        for connection in idle:
            self._open -= 1
            await connection.close()
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)  # wakes into the closed check


class FastPostgresEngine(PostgresEngine):  # type: ignore[misc]
    """Piccolo's PostgreSQL engine: a pool without the per-release reset query, a lane of
    connections for the hot statements (``fetch``), and writes to ``CACHED_TABLES`` announced
    to every app server (``cache_stamp``, ``on_change``)."""

    LANE_SIZE = 4

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lane: _Lane | None = None  # open while the pool is
        # Moves on at every change that may have changed anything (an unnamed write, from this
        # process or another) and whenever the listener connects or is lost: a copy made under
        # another generation is stale.
        self.generation = 0
        # Moves on at every change, named or not: a copy read while it moved is not kept.
        self.changes = 0
        self._listener: Any = None
        self._unread = select.poll()
        self._listening: asyncio.Task[None] | None = None
        self._listen_after = 0.0
        # Moves on after every write this process made (a statement outside a transaction, a
        # commit): its own change's NOTIFY comes back a moment later (see ``moment``).
        self.writes = 0
        self._hearers: dict[str, Callable[[str], None]] = {}
        # (writer's backend pid, payload) → the writes of this process waiting to hear that
        # every listening server has heard that announcement
        self._acks: dict[tuple[int, str], deque[_Acks]] = {}
        self._acking: asyncio.Lock | None = None
        self._ack_tasks: set[asyncio.Task[None]] = set()

    async def start_connection_pool(self, **kwargs: Any) -> None:
        kwargs.setdefault("reset", _keep_session)
        await super().start_connection_pool(**kwargs)
        self.lane = _Lane(self.config, self.LANE_SIZE)

    async def close_connection_pool(self) -> None:
        await self._stop_listening()
        lane, self.lane = self.lane, None
        if lane is not None:
            await lane.close()
        await super().close_connection_pool()

    def transaction(self, allow_nested: bool = True) -> _AnnouncingTransaction:
        return _AnnouncingTransaction(engine=self, allow_nested=allow_nested)

    # -- writes -------------------------------------------------------------------------------

    async def run_querystring(self, querystring: Any, in_pool: bool = True) -> Any:
        query, args = querystring.compile_string(engine_type=self.engine_type)
        if self.log_queries:
            self.print_query(query_id=self.get_query_id(), query=str(querystring))
        return await self._run(query, args, in_pool)

    async def run_ddl(self, ddl: str, in_pool: bool = True) -> Any:
        if self.log_queries:
            self.print_query(query_id=self.get_query_id(), query=ddl)
        return await self._run(ddl, [], in_pool)

    async def _run(self, query: str, args: Sequence[Any], in_pool: bool) -> Any:
        if writes_cached_rows(query):
            return await self.write_and_announce(query, args, _NAMED.get())
        counted()
        transaction = self.current_transaction.get()
        if transaction is not None:
            if tells(query):
                _told(transaction)
            return await transaction.connection.fetch(query, *args)
        if in_pool and self.pool is not None:
            response = await self._run_in_pool(query, args)
        else:
            response = await self._run_in_new_connection(query, args)
        if tells(query):
            self.writes += 1
        if self.log_responses:
            self.print_response(query_id=self.get_query_id(), response=response)
        return response

    async def write_and_announce(
        self, query: str, args: Sequence[Any], what: str = EVERYTHING
    ) -> Any:
        """Run a write to cached rows and ``NOTIFY`` what it changed (``change``; by default
        anything) in one transaction: both happen, or neither."""
        transaction = self.current_transaction.get()
        if transaction is not None:
            counted(2)  # the write and its NOTIFY
            connection = transaction.connection
            if isinstance(transaction, _AnnouncingTransaction) and what not in transaction.changes:
                # One for each payload: PostgreSQL sends a transaction's alike once.
                transaction.acks.append(await self._expect(connection, what))
            rows = await connection.fetch(query, *args)
            await connection.execute(_ANNOUNCE, CHANGES, what)
            _told(transaction)
            if isinstance(transaction, _AnnouncingTransaction):
                transaction.changes.append(what)
            self.changed(what)
            return rows
        counted(4)  # BEGIN, the write, its NOTIFY, COMMIT
        connection = await (self.pool.acquire() if self.pool else self.get_new_connection())
        acks = None
        try:
            acks = await self._expect(connection, what)
            async with connection.transaction():
                rows = await connection.fetch(query, *args)
                await connection.execute(_ANNOUNCE, CHANGES, what)
        except BaseException:
            if acks is not None:
                acks.done.cancel()
            raise
        finally:
            await (self.pool.release(connection) if self.pool else connection.close())
        # This process's own next request must not wait for its NOTIFY to come back.
        self.writes += 1
        self.changed(what)
        await self.acknowledged([acks])
        return rows

    # -- every server has heard it ----------------------------------------------------------

    ACK_SECONDS = 1.0
    """How long a write waits for the listening servers to say they heard it (below)."""

    async def _expect(self, connection: Any, what: str) -> _Acks | None:
        """Before announcing ``what`` on ``connection``: the listening servers whose word that
        they heard it the write will wait for; None while this process is not listening (it
        could not hear their word)."""
        if self._listener is None:
            return None
        rows = await connection.fetch(_LISTENERS, LISTENER_NAME)
        acks = _Acks({int(r[0]) for r in rows}, asyncio.get_running_loop().create_future())
        waiting = self._acks.setdefault((connection.get_server_pid(), what), deque())
        while waiting and waiting[0].done.done():  # given up on (too late, or never)
            waiting.popleft()
        waiting.append(acks)
        return acks

    async def acknowledged(self, expected: Sequence[_Acks | None]) -> None:
        """Wait (at most ``ACK_SECONDS``) until every server that was listening when the write
        was made has heard its announcements, and so dropped what they name.

        PostgreSQL sends a ``NOTIFY`` to each listening connection after the commit, each in its
        own time: a sign-out answered at once could reach another server before its
        announcement does, and that server would serve its copy once more. So each server, as
        it hears a change, says so on ``HEARD`` (``<writer pid>:<payload>``), and the write
        returns (and its request answers) once all have. Only writes to cached rows wait: a
        sign-out, a revocation, a change of a person or a team."""
        waiting = [a.done for a in expected if a is not None and not a.done.done()]
        if not waiting:
            return
        _, late = await asyncio.wait(waiting, timeout=self.ACK_SECONDS)
        for done in late:
            done.cancel()

    def _acked(self, by: int, body: str) -> None:
        """Listener ``by`` says it heard ``<writer pid>:<payload>``."""
        writer, _, payload = body.partition(":")
        if not writer.isdigit():
            return
        for acks in self._acks.get((int(writer), payload), ()):
            if not acks.done.done():
                acks.heard.add(by)
                if acks.needed <= acks.heard:
                    acks.done.set_result(None)
                break

    def _ack(self, writer: int, payload: str) -> None:
        """Say on ``HEARD`` that this server heard ``payload`` from ``writer`` (one at a time on
        the listening connection, in the order heard)."""
        listener = self._listener
        if listener is None:
            return
        if self._acking is None:
            self._acking = asyncio.Lock()
        lock = self._acking

        async def say() -> None:
            async with lock:
                with contextlib.suppress(Exception):  # a lost listener: its writer waits it out
                    await listener.execute(_ANNOUNCE, HEARD, f"{writer}:{payload}")

        task = asyncio.get_running_loop().create_task(say())
        self._ack_tasks.add(task)
        task.add_done_callback(self._ack_tasks.discard)

    # -- hearing changes ----------------------------------------------------------------------

    def cache_stamp(self) -> tuple[int, int] | None:
        """(generation, changes) while this process hears every announced change; else None,
        and then nothing may be served from a cache. Starts listening on first use."""
        if self._listener is not None:
            # Bytes waiting unread on the listener may be a change not yet counted: until the
            # event loop reads them, nothing cached can be trusted.
            return None if self._unread.poll(0) else (self.generation, self.changes)
        if (
            self.pool is not None
            and self._listening is None
            and time.monotonic() >= self._listen_after
        ):
            self._listening = asyncio.get_running_loop().create_task(self._listen())
        return None

    def moment(self) -> tuple[int, int] | None:
        """(generation, own writes) while this process hears every notification, else None: a
        copy made under one moment still holds under the same moment, unless a notification
        on a channel of ``hear`` said it moved."""
        stamp = self.cache_stamp()
        return None if stamp is None else (stamp[0], self.writes)

    def hear(self, channel: str, callback: Callable[[str], None]) -> None:
        """Call ``callback(payload)`` for each ``NOTIFY channel`` from any process, in the
        event-loop callback that reads it (before any request queued behind it runs)."""
        self._hearers[channel] = callback
        if self._listener is not None:
            self._lost()  # listen again, on this channel too; nothing cached holds meanwhile

    async def _listen(self) -> None:
        connection = None
        try:
            settings = {"application_name": LISTENER_NAME}
            connection = await asyncpg.connect(
                **self.config, connection_class=_Listener, server_settings=settings
            )
            connection.heard = self._heard
            connection.acked = self._acked
            connection.hearers = self._hearers
            for channel in (CHANGES, HEARD, *self._hearers):
                await connection.add_listener(channel, _ignore)
            connection.add_termination_listener(self._lost)
            unread = select.poll()
            # asyncpg has no public way to the socket; its transport's is asyncio's own.
            unread.register(connection._transport.get_extra_info("socket").fileno(), select.POLLIN)
        except BaseException as exc:  # cancelled at close too: no connection is left open
            if connection is not None:
                connection.terminate()
            if not isinstance(exc, Exception):
                raise
            log.warning("Cannot listen for changes; caches stay off for now: %s", exc)
            self._listen_after = time.monotonic() + 5
        else:
            self._unread = unread
            self._listener = connection
            self.changed(EVERYTHING)  # nothing cached before this moment was covered
        finally:
            self._listening = None

    def changed(self, what: str) -> None:
        """A change made or heard (an announcement's payload): the copies it names go, or
        every copy when it names none."""
        self.changes += 1
        if named(what) is None:
            self.generation += 1
        if not _tell_hearers(what):
            self.generation += 1

    def _heard(self, pid: int, payload: str) -> None:
        self.changed(payload)
        self._ack(pid, payload)

    def _forget_acks(self) -> None:
        acks, self._acks = self._acks, {}
        for waiting in acks.values():
            for one in waiting:
                one.done.cancel()

    def _lost(self, *_: object) -> None:
        self._listener = None
        self._forget_acks()
        self.changed(EVERYTHING)
        self._listen_after = time.monotonic() + 1

    async def _stop_listening(self) -> None:
        if self._listening is not None:
            self._listening.cancel()
            self._listening = None
        listener, self._listener = self._listener, None
        self._forget_acks()
        self.changed(EVERYTHING)
        if listener is not None:
            listener.remove_termination_listener(self._lost)
            await listener.close()


def _ignore(*_: object) -> None:
    """``add_listener`` needs a callback; ``_Listener`` has counted the change already."""


class _Listener(asyncpg.Connection):  # type: ignore[misc]
    """The connection that LISTENs. It tells of a change as soon as its message is parsed, in
    the same event-loop callback that read it; asyncpg would call listeners one turn later,
    after requests already queued, which could still be served from a stale copy."""

    heard: Any = None
    acked: Any = None
    hearers: dict[str, Callable[[str], None]] = {}

    def _process_notification(self, pid: int, channel: str, payload: str) -> None:
        if channel == CHANGES and self.heard is not None:
            self.heard(pid, payload)
        elif channel == HEARD and self.acked is not None:
            self.acked(pid, payload)
        elif (hearer := self.hearers.get(channel)) is not None:
            hearer(payload)
        super()._process_notification(pid, channel, payload)


def moment(engine: Any) -> tuple[int, int] | None:
    """For a process-local copy of rows whose changes are told on a channel of ``hear``: the
    moment to keep with it (taken before reading) and compare it to, or None when the engine
    cannot tell now (read the rows' own stamp instead). On SQLite nothing is told on a channel:
    any other process's commit moves the moment itself."""
    if isinstance(engine, (FastPostgresEngine, FastSQLiteEngine)):
        return engine.moment()
    return None


def hear(engine: Any, channel: str, callback: Callable[[str], None]) -> None:
    """On PostgreSQL, ``callback(payload)`` for every ``NOTIFY channel`` (any process);
    nothing on SQLite."""
    if isinstance(engine, FastPostgresEngine):
        engine.hear(channel, callback)


def cache_stamp(engine: Any) -> tuple[int, int] | None:
    """For a process-local cache of ``CACHED_TABLES`` rows: (generation, changes), or None when
    the engine cannot tell this process about changes made by others now, and then do not
    cache. A copy is kept only if the stamp is the same after its row was read as before; it
    is served while the generation is the one it was kept under (``on_change`` drops the copies
    a named change reaches). PostgreSQL hears other servers' writes (``NOTIFY``); SQLite sees
    that another connection committed anything (``PRAGMA data_version``)."""
    if isinstance(engine, (FastPostgresEngine, FastSQLiteEngine)):
        return engine.cache_stamp()
    return None


_PLACEHOLDER = re.compile(r"'[^']*'|\"[^\"]*\"|\?")


class Statement:
    """Plain SQL for a hot path, written once in SQLite's ``?`` style for both engines.

    The PostgreSQL form (``$1``, ``$2``, …) is made once, here, not per request; asyncpg then
    prepares it once per connection and reuses it (its statement cache). Write SQL that both
    engines read alike: quote ``"user"`` (a reserved word in PostgreSQL), ``CAST(x AS TEXT)``
    where a UUID should come back as text (on SQLite that also skips Piccolo's converters).

    A statement that writes ``CACHED_TABLES`` is announced like any other write, unless it is
    made with ``announce=False``, which needs a reason why no cached copy can be wrong after it.
    Runs of whitespace are collapsed: keep string literals out of these statements.
    """

    __slots__ = ("_postgres", "announce", "reads", "sqlite", "tells")

    def __init__(self, sql: str, *, announce: bool = True) -> None:
        self.sqlite = " ".join(sql.split())
        self.reads = is_read(self.sqlite)
        self.tells = tells(self.sqlite)
        self.announce = announce and writes_cached_rows(self.sqlite)
        self._postgres: str | None = None

    @property
    def postgres(self) -> str:
        """The PostgreSQL form, made the first time it is used (never, on SQLite: a statement
        with thousands of keys costs a millisecond to number)."""
        if self._postgres is None:
            count = 0

            def number(match: re.Match[str]) -> str:
                nonlocal count
                if match[0] != "?":
                    return match[0]  # a quoted literal or name: left as it is
                count += 1
                return f"${count}"

            self._postgres = _PLACEHOLDER.sub(number, self.sqlite)
        return self._postgres


async def fetch(engine: Any, statement: Statement, *args: Any) -> Sequence[Sequence[Any]]:
    """Run ``statement`` on ``engine`` (a table's ``_meta.db``); rows indexable by position.

    Inside a Piccolo transaction the statement runs on the transaction's connection, so it sees
    the transaction's own writes, as a Piccolo query would.
    """
    if isinstance(engine, FastSQLiteEngine):
        return await engine._run(
            statement.sqlite,
            args,
            rows=True,
            read=statement.reads,
            kind=(statement.announce, statement.tells),
        )
    if isinstance(engine, FastPostgresEngine) and statement.announce:
        return await engine.write_and_announce(statement.postgres, args, _NAMED.get())  # type: ignore[no-any-return]
    if isinstance(engine, PostgresEngine):
        counted()
        transaction = engine.current_transaction.get()
        if transaction is not None:
            if statement.tells:
                _told(transaction)
            return await transaction.connection.fetch(statement.postgres, *args)  # type: ignore[no-any-return]
        if isinstance(engine, FastPostgresEngine) and engine.lane is not None:
            rows = await engine.lane.fetch(statement.postgres, args)
            if statement.tells:
                engine.writes += 1
            return rows  # type: ignore[no-any-return]
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
