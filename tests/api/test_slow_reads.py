"""A slow read holds up nobody: other requests are answered while it runs, on both engines;
reads do not wait for another task's open transaction; a transaction's reads, slow or not,
see its own writes.

The slow read is made slow on purpose and ends only when the test lets it: on SQLite a
recursive query that asks a function of the test, every thousand rows, whether to stop; on
PostgreSQL a wait for an advisory lock the test holds. Each test asserts an order of events,
never a duration.
"""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import threading
from typing import Any

import pytest

from backend.accounts.tables import Team
from backend.lib.clock import now
from backend.piccolo_conf import DB
from tests.api.conftest import Api

# Rows the SQLite slow read counts at most before it stops by itself: seconds of work, so that
# an engine that runs it in the event-loop thread fails the test instead of hanging it.
CAP = 20_000_000
LOCK_KEY = 7_301_014

# A read that runs until it has counted CAP rows, asking stepwise_spin() every thousand.
_SPIN = (
    "WITH RECURSIVE r(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM r "
    "WHERE n < {} AND (n % 1000 <> 0 OR stepwise_spin() = 0)) SELECT max(n) FROM r"
)

_released = threading.Event()
_started = threading.Event()
_registered = False


_in_thread = threading.Event()  # the slow read has asked from a reader thread
_spinning: set[int] = set()  # reader threads running a read that never stops by itself
_spins = itertools.count()


def _released_yet() -> int:
    _started.set()
    if threading.get_ident() != threading.main_thread().ident:
        _in_thread.set()
    return int(_released.is_set())


def _spin() -> int:
    next(_spins)
    if threading.get_ident() != threading.main_thread().ident:
        _spinning.add(threading.get_ident())
    return 0


def _setup(conn: sqlite3.Connection) -> None:
    conn.create_function("stepwise_released", 0, _released_yet)
    conn.create_function("stepwise_spin", 0, _spin)


def _register() -> None:
    global _registered
    if not _registered:
        DB.on_connect(_setup)
        _registered = True


async def _slow_sqlite_read() -> tuple[int, int]:
    """Rows counted before the test let the read end, and teams named "Mine" it saw."""
    rows = await Team.raw(
        "WITH RECURSIVE r(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM r "
        "WHERE n < {} AND (n % 1000 <> 0 OR stepwise_released() = 0)) "
        "SELECT max(n) AS n, (SELECT count(*) FROM teams WHERE name = 'Mine') AS mine FROM r",
        CAP,
    )
    return int(rows[0]["n"]), int(rows[0]["mine"])


async def _wait_started() -> None:
    while not _started.is_set():
        await asyncio.to_thread(_started.wait, 0.05)


async def test_a_slow_read_does_not_hold_up_another_request(world_api: Api) -> None:
    order: list[str] = []

    if DB.engine_type == "sqlite":
        _register()
        _released.clear()
        _started.clear()

        async def slow() -> int:
            n, _ = await _slow_sqlite_read()
            order.append("slow read")
            return n

        reading = asyncio.create_task(slow())
        await _wait_started()
        me = await world_api.get("/api/me", as_="client")
        order.append("other request")
        _released.set()
        n = await reading
        assert n < CAP, "the slow read ran to its end before the other request was answered"
    else:
        holder = await DB.get_new_connection()
        try:
            await holder.execute("SELECT pg_advisory_lock($1)", LOCK_KEY)

            async def slow_pg() -> None:
                await Team.raw("SELECT pg_advisory_xact_lock_shared({}) AS x", LOCK_KEY)
                order.append("slow read")

            reading_pg = asyncio.create_task(slow_pg())
            await _wait_for_waiter(holder)
            me = await world_api.get("/api/me", as_="client")
            order.append("other request")
            await holder.execute("SELECT pg_advisory_unlock($1)", LOCK_KEY)
            await reading_pg
        finally:
            await holder.close()

    assert me.status_code == 200
    assert order == ["other request", "slow read"]


async def _wait_for_waiter(holder: Any) -> None:
    """Until a statement waits for the advisory lock ``holder`` holds."""
    query = (
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1"
    )
    while not await holder.fetchval(query, LOCK_KEY):
        await asyncio.sleep(0)


async def test_a_read_does_not_wait_for_another_tasks_open_transaction(world_api: Api) -> None:
    go = asyncio.Event()
    seen: list[list[str]] = []

    async def read_teams() -> None:
        await go.wait()
        rows = await Team.select(Team.name).order_by(Team.name)
        seen.append([r["name"] for r in rows])

    # Made before the transaction, so that it does not run inside it.
    reader = asyncio.create_task(read_teams())
    async with DB.transaction():
        await Team.insert(Team(name="Uncommitted", created_at=now()))
        go.set()
        for _ in range(10_000):  # turns of the event loop, not time
            if reader.done():
                break
            await asyncio.sleep(0)
        answered_inside = reader.done()
        if not answered_inside:
            reader.cancel()  # it would wait for this very transaction to end
    assert answered_inside, "the read waited for the transaction to end"
    assert seen == [["North", "South"]], "the read saw a write not yet committed"
    assert "Uncommitted" in [r["name"] for r in await Team.select(Team.name)]


async def test_a_transactions_reads_see_its_own_writes_even_when_slow(world_api: Api) -> None:
    if DB.engine_type == "sqlite":
        _register()
        _released.set()  # the slow read below stops at once, after its first thousand rows
    async with DB.transaction():
        await Team.insert(Team(name="Mine", created_at=now()))
        if DB.engine_type == "sqlite":
            # Longer than the event loop's budget: it moves to the writer's thread.
            _released.clear()
            _started.clear()
            slow = asyncio.create_task(_slow_sqlite_read())
            await _wait_started()
            _released.set()
            counted_rows, mine_seen = await slow
            assert counted_rows < CAP
            assert mine_seen == 1, "the slow read did not see the transaction's own write"
        mine = await Team.select(Team.name).where(Team.name == "Mine")
        counted = await Team.raw("SELECT count(*) AS n FROM teams WHERE name = {}", "Mine")
    assert [r["name"] for r in mine] == ["Mine"]
    assert counted[0]["n"] == 1
    assert await Team.count().where(Team.name == "Mine") == 1


async def test_a_read_given_up_frees_its_reader(world_api: Api) -> None:
    """A request that goes away (the person closed the screen) interrupts its read: every
    reader thread busy with a read that would take seconds, all given up, and the next slow
    read starts on a reader before any of them could have run to its end."""
    if DB.engine_type != "sqlite":
        await _given_up_reads_free_their_connections_pg()
        return
    _register()
    _spinning.clear()
    spinning = [asyncio.create_task(Team.raw(_SPIN, CAP).run()) for _ in range(DB.readers)]
    while len(_spinning) < DB.readers:  # until every reader thread runs one
        await asyncio.sleep(0.01)
    for task in spinning:
        task.cancel()
    await asyncio.gather(*spinning, return_exceptions=True)

    _released.clear()
    _in_thread.clear()
    reading = asyncio.create_task(_slow_sqlite_read())
    while not _in_thread.is_set():
        await asyncio.to_thread(_in_thread.wait, 0.05)
    spins = next(_spins)
    _released.set()
    await reading
    assert spins < CAP // 1000, "a reader ran a given-up read to its end first"


async def test_a_transaction_given_up_during_a_slow_read_rolls_back(world_api: Api) -> None:
    """The request goes away while its transaction's read runs on the writer's thread: the read
    is interrupted, the transaction rolled back, and the writer works for the next one."""
    if DB.engine_type != "sqlite":
        await _given_up_transaction_rolls_back_pg()
        return
    _register()
    _spinning.clear()
    before = next(_spins)

    async def work() -> None:
        async with DB.transaction():
            await Team.insert(Team(name="Given up", created_at=now()))
            await Team.raw(_SPIN, CAP)

    task = asyncio.create_task(work())
    while not _spinning:  # until the read runs on the writer's thread
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert next(_spins) - before < CAP // 1000, "the read ran to its end first"
    assert await Team.count().where(Team.name == "Given up") == 0
    await Team.insert(Team(name="After", created_at=now()))
    assert await Team.count().where(Team.name == "After") == 1


_WAITERS = (
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1"
)


async def _given_up_reads_free_their_connections_pg() -> None:
    """On PostgreSQL the reads wait for an advisory lock the test holds: given up, each
    statement is cancelled in the server (no waiter is left while the lock is still held) and
    the pool's connections answer the next read."""
    holder = await DB.get_new_connection()
    try:
        await holder.execute("SELECT pg_advisory_lock($1)", LOCK_KEY)
        waiting = [
            asyncio.create_task(
                Team.raw("SELECT pg_advisory_xact_lock_shared({}) AS x", LOCK_KEY).run()
            )
            for _ in range(3)
        ]
        while await holder.fetchval(_WAITERS, LOCK_KEY) < len(waiting):
            await asyncio.sleep(0.01)
        for task in waiting:
            task.cancel()
        await asyncio.gather(*waiting, return_exceptions=True)
        while await holder.fetchval(_WAITERS, LOCK_KEY):
            await asyncio.sleep(0.01)
        assert await Team.count() >= 0
    finally:
        await holder.close()


async def _given_up_transaction_rolls_back_pg() -> None:
    """On PostgreSQL: the transaction's read waits for the test's advisory lock; given up, the
    transaction is rolled back and the next write works, while the lock is still held."""
    holder = await DB.get_new_connection()
    try:
        await holder.execute("SELECT pg_advisory_lock($1)", LOCK_KEY)

        async def work() -> None:
            async with DB.transaction():
                await Team.insert(Team(name="Given up", created_at=now()))
                await Team.raw("SELECT pg_advisory_xact_lock_shared({}) AS x", LOCK_KEY)

        task = asyncio.create_task(work())
        while not await holder.fetchval(_WAITERS, LOCK_KEY):
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert await Team.count().where(Team.name == "Given up") == 0
        await Team.insert(Team(name="After", created_at=now()))
        assert await Team.count().where(Team.name == "After") == 1
    finally:
        await holder.close()


def test_an_interrupted_select_leaves_the_transaction_open() -> None:
    """What the engine relies on to move a slow read of a transaction to a thread (SQLite
    rolls a transaction back only when an INSERT, UPDATE or DELETE is interrupted)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE t (n INTEGER)")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.set_progress_handler(lambda: 1, 100)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        conn.execute(
            "WITH RECURSIVE r(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM r WHERE n < 100000) "
            "SELECT max(n) FROM r"
        ).fetchall()
    conn.set_progress_handler(None, 0)
    assert conn.in_transaction
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (1,)
    conn.execute("COMMIT")
    conn.close()
