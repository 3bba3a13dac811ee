"""The photo jobs' table and store keys as both sides use them (``backend/lib/photo_jobs.py``
hands photos over and waits, ``backend/lib/photo_job_worker.py`` does them): the statements,
written once for SQLite and PostgreSQL, and hearing PostgreSQL's notifications."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from datetime import datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from backend.lib import clock
from backend.lib.db import Statement, fetch
from backend.lib.storage import JOBS
from backend.lib.tables import PhotoJob

log = logging.getLogger("stepwise.photo_jobs")

ROOT = JOBS
HOUR = "%Y%m%d%H"
WAITING = "stepwise_photo_jobs"
"""``NOTIFY`` channel: a job is waiting (payload: its id)."""
FINISHED = "stepwise_photo_jobs_finished"
"""``NOTIFY`` channel: a job has its answer (payload: its id)."""
MAX_ATTEMPTS = 3
"""A job whose workers died this often is left to its app server."""
POLL = {"postgres": 1.0, "sqlite": 0.1}
"""How often a waiting app server looks at its job without a notification (seconds)."""
LISTEN_RETRY_SECONDS = 5.0
FILES = (("webp", "image/webp"), ("jpg", "image/jpeg"))


def db() -> Any:
    return PhotoJob._meta.db


def dialect() -> str:
    return "postgres" if db().engine_type == "postgres" else "sqlite"


_COLUMNS = "id, prefix, status, created_at, claimed_by, lease_until, attempts, result"
HAND_OVER = {
    "postgres": Statement(
        f"""WITH j AS (INSERT INTO photo_jobs ({_COLUMNS})
        VALUES (?, ?, 'waiting', ?, '', NULL, 0, '') RETURNING id)
        SELECT pg_notify('{WAITING}', id) FROM j"""  # noqa: S608 (constant SQL)
    ),
    "sqlite": Statement(
        f"""INSERT INTO photo_jobs ({_COLUMNS})
        VALUES (?, ?, 'waiting', ?, '', NULL, 0, '')"""  # noqa: S608 (constant SQL)
    ),
}
STATE = Statement("SELECT status, lease_until, attempts, result FROM photo_jobs WHERE id = ?")
# The jobs to take are chosen once, in a materialised CTE: in ``UPDATE … WHERE id IN (SELECT …
# LIMIT n FOR UPDATE SKIP LOCKED)`` PostgreSQL may run the subquery more than once, each run
# skipping the rows the last one locked, and so claim more than ``n`` (seen here: 2 for 1).
CLAIM = {
    dialect: Statement(
        f"""WITH c AS {materialized}(SELECT id FROM photo_jobs WHERE status = 'waiting'
        OR (status = 'working' AND lease_until < ? AND attempts < ?)
        ORDER BY created_at LIMIT ?{lock})
        UPDATE photo_jobs SET status = 'working', claimed_by = ?, lease_until = ?,
        attempts = attempts + 1 WHERE id IN (SELECT id FROM c)
        RETURNING id, prefix, attempts"""  # noqa: S608 (constant SQL)
    )
    for dialect, materialized, lock in (
        ("postgres", "MATERIALIZED ", " FOR UPDATE SKIP LOCKED"),
        ("sqlite", "", ""),
    )
}
_FINISH = """UPDATE photo_jobs SET status = ?, result = ?, lease_until = NULL
    WHERE id = ? AND claimed_by = ? AND attempts = ? AND status = 'working' RETURNING id"""
FINISH = {
    "postgres": Statement(
        f"WITH f AS ({_FINISH}) SELECT pg_notify('{FINISHED}', id) FROM f"  # noqa: S608
    ),
    "sqlite": Statement(_FINISH),
}
TAKE_BACK = Statement(
    """UPDATE photo_jobs SET status = 'taken_back', claimed_by = ?, lease_until = NULL
    WHERE id = ? AND (status = 'waiting' OR status = 'failed' OR status = 'done'
    OR (status = 'working' AND lease_until < ?)) RETURNING id"""
)
FORGET = Statement("DELETE FROM photo_jobs WHERE id = ?")
COUNT_WAITING = Statement(
    """SELECT count(*) FROM photo_jobs WHERE status = 'waiting'
    OR (status = 'working' AND lease_until < ?)"""
)
OLD = Statement("DELETE FROM photo_jobs WHERE created_at < ? RETURNING prefix")


def process_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def aware(value: Any) -> datetime | None:
    """SQLite hands plain SQL's timestamps back as text."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


async def count_waiting() -> float:
    """The photo jobs no worker holds now (``stepwise_photo_jobs_waiting``)."""
    rows = await fetch(db(), COUNT_WAITING, clock.now())
    return float(rows[0][0])


# -- hearing notifications (PostgreSQL) ----------------------------------------------------------


class Listener:
    """One ``LISTEN`` connection of this process for one channel, opened on first use. Lost or
    unreachable, nothing fails: those waiting look at the database every ``POLL`` seconds
    anyway, and it is opened again at a later use."""

    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.loop = asyncio.get_running_loop()
        self.connection: Any = None
        self._opening: asyncio.Task[None] | None = None
        self._retry_after = 0.0
        self._watchers: dict[str | None, set[asyncio.Event]] = {}

    def watch(self, key: str | None) -> asyncio.Event:
        """An event set when a notification with payload ``key`` (None: any) is heard, and
        whenever the connection is (re)opened (something may have been missed before)."""
        event = asyncio.Event()
        self._watchers.setdefault(key, set()).add(event)
        closed = self.connection is None and self._opening is None
        if closed and time.monotonic() >= self._retry_after:
            self._opening = self.loop.create_task(self._open())
        return event

    def unwatch(self, key: str | None, event: asyncio.Event) -> None:
        events = self._watchers.get(key)
        if events is not None:
            events.discard(event)
            if not events:
                del self._watchers[key]

    def _wake(self, key: str | None) -> None:
        for event in [*self._watchers.get(key, ()), *self._watchers.get(None, ())]:
            event.set()

    async def _open(self) -> None:
        connection = None
        try:
            connection = await asyncpg.connect(**db().config)
            await connection.add_listener(self.channel, self._heard)
            connection.add_termination_listener(self._lost)
        except BaseException as exc:  # cancelled by close() too: no connection is left open
            if connection is not None:
                connection.terminate()
            if not isinstance(exc, Exception):
                raise
            log.warning("cannot listen on %s, looking every few seconds: %s", self.channel, exc)
            self._retry_after = time.monotonic() + LISTEN_RETRY_SECONDS
        else:
            self.connection = connection
            for events in list(self._watchers.values()):
                for event in events:
                    event.set()
        finally:
            self._opening = None

    def _heard(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        self._wake(payload or None)

    def _lost(self, *_: object) -> None:
        self.connection = None
        self._retry_after = time.monotonic() + 1

    async def close(self) -> None:
        if self._opening is not None:
            self._opening.cancel()
            with contextlib.suppress(BaseException):
                await self._opening
        connection, self.connection = self.connection, None
        if connection is not None:
            connection.remove_termination_listener(self._lost)
            with contextlib.suppress(Exception):
                await connection.close(timeout=2)


_listeners: dict[str, Listener] = {}


def listening(channel: str) -> Listener | None:
    """This process's listener on ``channel`` for the running loop; None on SQLite."""
    if dialect() != "postgres":
        return None
    listener = _listeners.get(channel)
    if listener is None or listener.loop is not asyncio.get_running_loop():
        if listener is not None and listener.connection is not None:
            listener.connection.terminate()  # of a loop that is gone (tests)
        listener = _listeners[channel] = Listener(channel)
    return listener


async def close() -> None:
    """Close this process's listening connections (the app's and the worker's shutdown)."""
    listeners = list(_listeners.values())
    _listeners.clear()
    for listener in listeners:
        if listener.loop is asyncio.get_running_loop():
            await listener.close()
        elif listener.connection is not None:
            listener.connection.terminate()


async def wait_for(event: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), max(seconds, 0.0))
    event.clear()
