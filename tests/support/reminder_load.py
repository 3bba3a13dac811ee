"""Many due reminders at once, written with plain SQL (fast enough for 100,000), for the
exactly-once test and ``bench/push.py``: ``users`` people, each with one device subscribed at
the loopback push service and a "Time to get ready" rule 0 minutes before each of
``per_user`` one-off shifts that all start in the minute before ``at``."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

from backend.lib import clock
from backend.lib.db import FastSQLiteEngine, Statement, fetch
from backend.reminders.tables import ReminderRule
from tests.support.push_service import PushService

CHUNK = 400


async def _insert(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    engine = ReminderRule._meta.db
    marks = "(" + ", ".join("?" * len(columns)) + ")"
    names = ", ".join(f'"{c}"' for c in columns)
    if isinstance(engine, FastSQLiteEngine):  # one prepared statement, executemany
        async with engine.transaction():
            engine.connection.executemany(
                f"INSERT INTO {table} ({names}) VALUES {marks}",  # noqa: S608
                rows,
            )
        return
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i : i + CHUNK]
        sql = f"INSERT INTO {table} ({names}) VALUES " + ", ".join([marks] * len(chunk))  # noqa: S608
        await fetch(engine, Statement(sql), *(v for row in chunk for v in row))


async def seed(push: PushService, users: int, per_user: int, at: datetime) -> list[str]:
    """The people's ids. Occurrences: ``at`` − 1 s, − 2 s, … (all due, none too late)."""
    subs = push.subscribe_many(users)
    keys = subs[0].as_json()["keys"]
    return await seed_endpoints(
        push.origin, [s.endpoint for s in subs], keys["p256dh"], keys["auth"], per_user, at
    )


async def seed_endpoints(
    origin: str,
    endpoints: list[str],
    p256dh: str,
    auth: str,
    per_user: int,
    at: datetime,
    step: timedelta = timedelta(seconds=1),
) -> list[str]:
    """One person per endpoint; their shifts start at ``at`` − step, − 2·step, … (with
    ``step`` 0: all at ``at``)."""
    now = clock.now()
    ids = [str(uuid.uuid4()) for _ in endpoints]
    await _insert(
        "users",
        ["id", "display_name", "role", "locale", "preferences", "webauthn_handle", "created_at"],
        [(u, f"Load {i}", "client", "", "{}", b"", now) for i, u in enumerate(ids)],
    )
    # Each device is signed in: a subscription is sent to only while its session lives.
    sessions = [uuid.uuid4().hex + uuid.uuid4().hex for _ in ids]
    await _insert(
        "sessions",
        ["id_hash", "user", "created_at", "last_seen_at", "expires_at", "user_agent", "ip"],
        [
            (h, u, now, now, now + timedelta(days=90), "", "")
            for h, u in zip(sessions, ids, strict=True)
        ],
    )
    await _insert(
        "push_subscriptions",
        [
            "id",
            "user",
            "session",
            "endpoint",
            "origin",
            "p256dh",
            "auth",
            "device_label",
            "user_agent",
            "created_at",
            "seen_at",
            "failures",
        ],
        [
            (str(uuid.uuid4()), u, h, endpoint, origin, p256dh, auth, "", "", now, now, 0)
            for u, h, endpoint in zip(ids, sessions, endpoints, strict=True)
        ],
    )
    shifts = []
    for u in ids:
        for k in range(per_user):
            start = (at - step * (k + 1 if step else 0)).astimezone(UTC)
            shifts.append(
                (
                    str(uuid.uuid4()),
                    str(uuid.uuid4()),
                    u,
                    "Load",
                    "UTC",
                    start.time().replace(microsecond=0, tzinfo=None),
                    time(23, 59),
                    "once",
                    start.date(),
                    "[]",
                    now,
                    now,
                )
            )
    await _insert(
        "shifts",
        [
            "id",
            "client_uuid",
            "client",
            "workplace",
            "zone",
            "starts_at",
            "ends_at",
            "repeat",
            "on_date",
            "weekdays",
            "created_at",
            "updated_at",
        ],
        shifts,
    )
    await _insert(
        "reminder_rules",
        [
            "id",
            "client_uuid",
            "user",
            "kind",
            "minutes_before",
            "zone",
            "enabled",
            "planned_until",
            "created_at",
            "updated_at",
        ],
        [
            (
                str(uuid.uuid4()),
                str(uuid.uuid4()),
                u,
                "shift_prepare",
                0,
                "",
                True,
                at - timedelta(minutes=5),
                now,
                now,
            )
            for u in ids
        ],
    )
    return ids
