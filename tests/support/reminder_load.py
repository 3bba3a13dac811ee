"""Many due reminders at once, written with plain SQL (fast enough for 100,000), for the
exactly-once tests and ``bench/push.py``: ``users`` people, each with one device subscribed at
the loopback push service and a "Time to get ready" rule 0 minutes before each of
``per_user`` one-off shifts that all start in the minute before ``at``. ``check_exactly_once``
says whether each of them reached the person once."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from typing import Any

from piccolo.query.functions.aggregate import Count

from backend.lib import clock
from backend.lib.db import FastSQLiteEngine, Statement, fetch
from backend.reminders.tables import Delivery, ReminderRule
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


async def statuses() -> Counter[str]:
    """How many deliveries are in each status (counted by the database: asked again and again
    while 10,000 are sent)."""
    rows = await Delivery.select(Delivery.status, Count()).group_by(Delivery.status)
    return Counter({r["status"]: r["count"] for r in rows})


async def check_exactly_once(push: PushService, total: int, kills: int) -> None:
    """Every one of the ``total`` deliveries is ``sent`` and reached the user agent once.

    A worker killed between the push service's answer and writing it down cannot know whether
    its message went out: the row is claimed again after its lease and sent again with the same
    ``Topic``, and the push service keeps one undelivered message per topic (RFC 8030 §5.4), so
    the user agent receives it once (``held``). Raw duplicates are allowed only for rows taken
    over after a lease (never for two live claimants)."""
    rows = await Delivery.select(Delivery.id, Delivery.user, Delivery.status, Delivery.attempts)
    assert len(rows) == total, "one row per (rule, occurrence)"
    assert Counter(r["status"] for r in rows) == {"sent": total}
    topics = {f"r{r['id']}" for r in rows}
    # What a user agent receives: exactly one message per reminder, none missing, none extra.
    held_topics = [topic for _, topic in push.held]
    assert len(held_topics) == total and set(held_topics) == topics
    for (_, topic), message in push.held.items():
        assert message.payload is not None
        assert f"r{message.payload['id']}" == topic and message.payload["kind"] == "shift_prepare"
        assert message.token.startswith("u")
    # Raw duplicates at the push service only for rows taken over after a lease expired.
    sent = Counter(m.topic for m in push.messages)
    retaken = {f"r{r['id']}" for r in rows if r["attempts"] > 1}
    duplicated = {topic for topic, count in sent.items() if count > 1}
    assert duplicated <= retaken, duplicated - retaken
    assert push.refused == []
    print(
        f"\n{total} reminders, {kills} kills, {len(push.messages)} posts, "
        f"{len(duplicated)} re-sent after a kill (held once by topic), {len(retaken)} retaken"
    )
