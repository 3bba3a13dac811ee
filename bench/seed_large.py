"""Seed a LARGE organisation (2,000 clients, 100 coaches, about 5 M rows, 1 M audit entries).

Run in a subprocess (``python -m bench.seed_large``) with ``STEPWISE_DATABASE_URL`` and
``STEPWISE_DATA_DIR`` set, like ``bench.seed``: it migrates, then writes the rows in bulk —
``executemany`` in large transactions on SQLite, binary ``COPY`` through asyncpg on PostgreSQL,
with the secondary indexes dropped during the load and made again after it (one sort per index
instead of a million B-tree inserts). No row goes through Piccolo: at this size its query builder
alone would take an hour. It prints, as its last line, the JSON ``bench.large`` needs (session
tokens, the people and tasks it measures).

Ids are made from a counter (``_uid``): valid UUID text that sorts in insertion order, so every
index grows at its end. The audit log is one valid, keyed hash chain made by ``audit_rows``
alone, with a signed checkpoint at its end, so ``stepwise audit verify`` passes on the result.

Besides the crowd, two pairs for the growth benchmark have the same answer and 100× different
history: client ``light`` (10 past shifts, 10 sessions of the measured task, 100 audit entries
about them) and client ``heavy`` (1,000, 1,000, 10,000); coach ``light`` and coach ``heavy``, each
with a caseload of such clients.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import random
import secrets
import sqlite3
import sys
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import Any

import backend  # noqa: F401  (sets PICCOLO_CONF before any table is imported)
from backend.audit import bulk, chain

TEAMS = 10
COACHES = 100  # 10 a team
CLIENTS = 2_000  # 20 a coach
COORDINATORS = TEAMS
AUDIT_ENTRIES = 1_000_000
TASKS_PER_CLIENT = 5
STEPS_PER_TASK = 8
SESSIONS_PER_TASK = 20
RUNS_PER_TASK = 10  # the client's own runs through the player ("Done — next")
PAST_SHIFTS = 150  # about a year of three shifts a week
GOALS_PER_CLIENT = 10
CHECK_INS_PER_GOAL = 10
UPDATES_PER_CLIENT = 25
DELIVERIES_PER_CLIENT = 100
CONVERSATIONS_PER_CLIENT = 24  # monthly, two years
ANSWERS_PER_CONVERSATION = 10
CONSENT_KINDS = ("shifts", "goals", "training", "updates", "help_alerts")

LIGHT, HEAVY = 1, 100  # history multipliers of the growth pairs
GROWTH_SHIFTS = 10  # past shifts of a light client (heavy: 100×)
GROWTH_SESSIONS = 10  # sessions of the measured task of a light client
GROWTH_AUDIT = 100  # audit entries about the light client
ERASABLE = 5  # crowd clients erased at the end of a run (their history is the crowd's)
TOKENS_FOR = 1_500  # clients the ratio runs rotate through (bench/large.py: DAY_FIRST_CLIENTS)

ZONE = "Europe/Helsinki"
HISTORY_DAYS = 730


def _uid(kind: int, n: int) -> str:
    """A valid UUID (version 4 layout) from a table number and a counter: sorts as inserted."""
    return f"{kind:08x}-0000-4000-8000-{n:012x}"


class Kinds:
    team, user, session, passkey, record, link, consent, update, task, photo, step = range(1, 12)
    training, step_record, completion, shift, exception, goal, check_in, push, rule = range(12, 21)
    run, client_uuid, help_request, conversation, answer = 21, 22, 23, 24, 25


@dataclass(frozen=True, slots=True)
class Fmt:
    """How a value is handed to the driver: SQLite stores text, asyncpg's COPY wants objects.
    The SQLite forms are those Piccolo's own adapters write (``str(datetime)``, ISO dates)."""

    sqlite: bool

    def ts(self, at: datetime) -> Any:
        return str(at) if self.sqlite else at

    def day(self, d: date) -> Any:
        return d.isoformat() if self.sqlite else d

    def tm(self, t: clock_time) -> Any:
        return t.isoformat() if self.sqlite else t

    def js(self, value: Any) -> str:
        return json.dumps(value, separators=(",", ":"))

    def flag(self, value: bool) -> Any:
        return int(value) if self.sqlite else value


@dataclass(slots=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: Iterable[tuple[Any, ...]]


@dataclass(slots=True)
class Org:
    """Who is who, by index; filled while the tables are generated."""

    now: datetime
    teams: list[str]
    coaches: list[str]
    coach_team: list[str]
    clients: list[str]
    client_coach: list[int]
    families: list[str]
    coordinators: list[str]
    admins: list[str]
    light_clients: set[int]
    heavy_clients: set[int]
    light_client: int
    heavy_client: int
    light_coach: int
    heavy_coach: int


def _org(now: datetime) -> Org:
    users = iter(range(1, 10**9))
    teams = [_uid(Kinds.team, i) for i in range(1, TEAMS + 1)]
    coaches = [_uid(Kinds.user, next(users)) for _ in range(COACHES)]
    clients = [_uid(Kinds.user, next(users)) for _ in range(CLIENTS)]
    per_coach = CLIENTS // COACHES
    light_coach, heavy_coach = 0, 1
    return Org(
        now=now,
        teams=teams,
        coaches=coaches,
        coach_team=[teams[i % TEAMS] for i in range(COACHES)],
        clients=clients,
        client_coach=[i // per_coach for i in range(CLIENTS)],
        families=[_uid(Kinds.user, next(users)) for _ in range(CLIENTS)],
        coordinators=[_uid(Kinds.user, next(users)) for _ in range(COORDINATORS)],
        admins=[_uid(Kinds.user, next(users)) for _ in range(2)],
        light_clients=set(range(light_coach * per_coach, (light_coach + 1) * per_coach)),
        heavy_clients=set(range(heavy_coach * per_coach, (heavy_coach + 1) * per_coach)),
        light_client=light_coach * per_coach,
        heavy_client=heavy_coach * per_coach,
        light_coach=light_coach,
        heavy_coach=heavy_coach,
    )


def _history(org: Org, client: int) -> int:
    """The growth multiplier of a client's history: 1 (light pair), 100 (heavy pair), 0 (the
    crowd, whose history is the ordinary one)."""
    if client in org.heavy_clients:
        return HEAVY
    if client in org.light_clients:
        return LIGHT
    return 0


def people(org: Org, f: Fmt, tokens: dict[str, str]) -> list[Table]:
    at = f.ts(org.now - timedelta(days=HISTORY_DAYS))
    seen = f.ts(org.now)
    expires = f.ts(org.now + timedelta(days=80))
    team_rows = [(t, f"Team {i + 1}", at, 10) for i, t in enumerate(org.teams)]

    def user_rows() -> Iterator[tuple[Any, ...]]:
        def row(uid: str, name: str, role: str, team: str | None) -> tuple[Any, ...]:
            return (uid, name, role, team, "en", "{}", os.urandom(32), at, 1, "en", at)

        for i, u in enumerate(org.coaches):
            yield row(u, f"Coach {i + 1}", "coach", org.coach_team[i])
        for i, u in enumerate(org.clients):
            yield row(u, f"Client {i + 1}", "client", None)
        for i, u in enumerate(org.families):
            yield row(u, f"Family of client {i + 1}", "family", None)
        for i, u in enumerate(org.coordinators):
            yield row(u, f"Coordinator {i + 1}", "coordinator", org.teams[i])
        for i, u in enumerate(org.admins):
            yield row(u, f"Administrator {i + 1}", "admin", None)

    everyone = [*org.coaches, *org.clients, *org.families, *org.coordinators, *org.admins]
    session_ids: dict[str, str] = {}

    def session_rows() -> Iterator[tuple[Any, ...]]:
        for u in everyone:
            token = secrets.token_urlsafe(32)
            tokens[u] = token
            session_ids[u] = hashlib.sha256(token.encode()).hexdigest()
            yield (session_ids[u], u, at, seen, expires, "bench", "127.0.0.1", None)

    def passkey_rows() -> Iterator[tuple[Any, ...]]:
        for n, u in enumerate(everyone, start=1):
            yield (
                _uid(Kinds.passkey, n),
                u,
                secrets.token_urlsafe(32),
                os.urandom(77),
                n,
                '["internal"]',
                f.flag(True),
                "Phone",
                at,
                seen,
            )

    def push_rows() -> Iterator[tuple[Any, ...]]:
        for n, u in enumerate([*org.coaches, *org.clients], start=1):
            yield (
                _uid(Kinds.push, n),
                u,
                session_ids[u],
                f"http://127.0.0.1:9/push/{n}",
                "http://127.0.0.1:9",
                "B" + secrets.token_urlsafe(64)[:86],
                secrets.token_urlsafe(16),
                "Phone",
                "bench",
                at,
                seen,
                0,
            )

    return [
        Table("teams", ("id", "name", "created_at", "help_escalation_minutes"), team_rows),
        Table(
            "users",
            (
                "id",
                "display_name",
                "role",
                "team",
                "locale",
                "preferences",
                "webauthn_handle",
                "created_at",
                "notice_version",
                "notice_locale",
                "notice_seen_at",
            ),
            user_rows(),
        ),
        Table(
            "sessions",
            (
                "id_hash",
                "user",
                "created_at",
                "last_seen_at",
                "expires_at",
                "user_agent",
                "ip",
                "verified_at",
            ),
            session_rows(),
        ),
        Table(
            "passkeys",
            (
                "id",
                "user",
                "credential_id",
                "public_key",
                "sign_count",
                "transports",
                "backed_up",
                "name",
                "created_at",
                "last_used_at",
            ),
            passkey_rows(),
        ),
        Table(
            "push_subscriptions",
            (
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
            ),
            push_rows(),
        ),
    ]


def records(org: Org, f: Fmt) -> list[Table]:
    at = f.ts(org.now - timedelta(days=HISTORY_DAYS))
    stages = ("engagement", "profiling", "job_finding", "employer_engagement", "support")

    def record_rows() -> Iterator[tuple[Any, ...]]:
        for i, c in enumerate(org.clients):
            coach = org.client_coach[i]
            yield (
                _uid(Kinds.record, i + 1),
                c,
                org.coaches[coach],
                org.coach_team[coach],
                stages[i % 5],
                "Likes clear steps and a quiet start to the day.",
                at,
                at,
            )

    def link_rows() -> Iterator[tuple[Any, ...]]:
        for i, c in enumerate(org.clients):
            yield (_uid(Kinds.link, i + 1), c, org.families[i], "Parent", at)

    def consent_rows() -> Iterator[tuple[Any, ...]]:
        n = 0
        for i, c in enumerate(org.clients):
            for kind in CONSENT_KINDS:
                n += 1
                yield (
                    _uid(Kinds.consent, n),
                    _uid(Kinds.client_uuid, 10**9 + n),
                    c,
                    org.families[i],
                    kind,
                    f.flag(kind != "help_alerts"),
                    c,
                    "client",
                    1,
                    "en",
                    at,
                )

    return [
        Table(
            "client_records",
            (
                "id",
                "user",
                "coach",
                "team",
                "stage",
                "support_summary",
                "created_at",
                "updated_at",
            ),
            record_rows(),
        ),
        Table("family_links", ("id", "client", "family", "relation", "created_at"), link_rows()),
        Table(
            "family_consents",
            (
                "id",
                "client_uuid",
                "client",
                "family",
                "kind",
                "granted",
                "actor",
                "actor_role",
                "text_version",
                "locale",
                "at",
            ),
            consent_rows(),
        ),
    ]


@dataclass(slots=True)
class TaskIds:
    """The measured task of each growth client (its first)."""

    first: dict[int, str]


def tasks(org: Org, f: Fmt, ids: TaskIds) -> list[Table]:
    """Tasks with steps (one photo row each), the coach's training sessions with a record per
    step, the client's own runs through the player and their answered requests for help."""
    rng = random.Random(14)
    start = org.now - timedelta(days=HISTORY_DAYS)
    created = f.ts(start)
    sizes = f.js(
        [
            {"size": 1600, "width": 1200, "height": 1600},
            {"size": 800, "width": 600, "height": 800},
            {"size": 320, "width": 240, "height": 320},
        ]
    )
    levels = ("physical", "model", "gestural", "verbal", "independent")

    def task_id(client: int, k: int) -> str:
        return _uid(Kinds.task, client * TASKS_PER_CLIENT + k + 1)

    def step_id(client: int, k: int, s: int) -> str:
        return _uid(Kinds.step, (client * TASKS_PER_CLIENT + k) * STEPS_PER_TASK + s + 1)

    def sessions_of(client: int, k: int) -> int:
        history = _history(org, client)
        if history and k == 0:
            return GROWTH_SESSIONS * history
        return SESSIONS_PER_TASK

    for c in (*org.light_clients, *org.heavy_clients):
        ids.first[c] = task_id(c, 0)

    def task_rows() -> Iterator[tuple[Any, ...]]:
        for c, client in enumerate(org.clients):
            coach = org.coaches[org.client_coach[c]]
            for k in range(TASKS_PER_CLIENT):
                yield (
                    task_id(c, k),
                    client,
                    None,
                    f"Task {k + 1}: set up the salad bar",
                    "Hotel Aurora",
                    f.flag(False),
                    3,
                    "",
                    coach,
                    created,
                    created,
                    "en",
                )

    def photo_rows() -> Iterator[tuple[Any, ...]]:
        for c in range(CLIENTS):
            coach = org.coaches[org.client_coach[c]]
            for k in range(TASKS_PER_CLIENT):
                for s in range(STEPS_PER_TASK):
                    n = (c * TASKS_PER_CLIENT + k) * STEPS_PER_TASK + s + 1
                    yield (
                        _uid(Kinds.photo, n),
                        task_id(c, k),
                        f"{n:064x}",
                        1200,
                        1600,
                        sizes,
                        "jpeg",
                        coach,
                        created,
                    )

    def step_rows() -> Iterator[tuple[Any, ...]]:
        for c in range(CLIENTS):
            for k in range(TASKS_PER_CLIENT):
                for s in range(STEPS_PER_TASK):
                    n = (c * TASKS_PER_CLIENT + k) * STEPS_PER_TASK + s + 1
                    yield (
                        step_id(c, k, s),
                        task_id(c, k),
                        s + 1,
                        f"Step {s + 1}: take the bowls from the shelf",
                        _uid(Kinds.photo, n),
                        f.flag(False),
                        created,
                        created,
                    )

    training_n = [0]
    record_n = [0]

    def training() -> tuple[Iterator[tuple[Any, ...]], Iterator[tuple[Any, ...]]]:
        """Sessions, then their step records (the same walk twice: nothing held in memory)."""

        def session_rows() -> Iterator[tuple[Any, ...]]:
            for c in range(CLIENTS):
                coach = org.coaches[org.client_coach[c]]
                for k in range(TASKS_PER_CLIENT):
                    count = sessions_of(c, k)
                    for j in range(count):
                        training_n[0] += 1
                        day = org.now - timedelta(days=HISTORY_DAYS * (count - j) / (count + 1))
                        yield (
                            _uid(Kinds.training, training_n[0]),
                            _uid(Kinds.client_uuid, 2 * 10**9 + training_n[0]),
                            task_id(c, k),
                            coach,
                            f.ts(day),
                            f.day(day.date()),
                            f.ts(day),
                        )

        def record_rows() -> Iterator[tuple[Any, ...]]:
            n = 0
            for c in range(CLIENTS):
                for k in range(TASKS_PER_CLIENT):
                    count = sessions_of(c, k)
                    for j in range(count):
                        n += 1
                        session = _uid(Kinds.training, n)
                        at = f.ts(
                            org.now - timedelta(days=HISTORY_DAYS * (count - j) / (count + 1))
                        )
                        # Prompts fade over the sessions, as they do when training works.
                        fade = min(4, 5 * j // max(1, count))
                        for s in range(STEPS_PER_TASK):
                            record_n[0] += 1
                            yield (
                                _uid(Kinds.step_record, record_n[0]),
                                session,
                                step_id(c, k, s),
                                levels[min(4, fade + rng.randrange(2))],
                                rng.randrange(5, 90),
                                at,
                            )

        return session_rows(), record_rows()

    def completion_rows() -> Iterator[tuple[Any, ...]]:
        n = 0
        for c, client in enumerate(org.clients):
            for k in range(TASKS_PER_CLIENT):
                for r in range(RUNS_PER_TASK):
                    run = _uid(Kinds.run, (c * TASKS_PER_CLIENT + k) * RUNS_PER_TASK + r + 1)
                    at = org.now - timedelta(days=3 * (RUNS_PER_TASK - r), hours=k)
                    for s in range(STEPS_PER_TASK):
                        n += 1
                        when = f.ts(at + timedelta(minutes=s))
                        yield (
                            _uid(Kinds.completion, n),
                            _uid(Kinds.client_uuid, 3 * 10**9 + n),
                            task_id(c, k),
                            step_id(c, k, s),
                            client,
                            run,
                            when,
                            when,
                        )

    def help_rows() -> Iterator[tuple[Any, ...]]:
        """Answered requests for help, one every few runs: the day's help-request state."""
        n = 0
        for c, client in enumerate(org.clients):
            coach = org.coaches[org.client_coach[c]]
            for k in range(TASKS_PER_CLIENT):
                for r in range(0, RUNS_PER_TASK, 2):
                    n += 1
                    at = org.now - timedelta(days=3 * (RUNS_PER_TASK - r), hours=k)
                    asked, answered = f.ts(at), f.ts(at + timedelta(minutes=4))
                    yield (
                        _uid(Kinds.help_request, n),
                        _uid(Kinds.client_uuid, 9 * 10**9 + n),
                        task_id(c, k),
                        step_id(c, k, r % STEPS_PER_TASK),
                        client,
                        asked,
                        asked,
                        answered,
                        coach,
                        "phone",
                        asked,
                        answered,
                    )

    sessions, step_records = training()
    return [
        Table(
            "tasks",
            (
                "id",
                "client",
                "team",
                "title",
                "workplace",
                "is_template",
                "mastery_sessions",
                "copied_from",
                "created_by",
                "created_at",
                "updated_at",
                "language",
            ),
            task_rows(),
        ),
        Table(
            "photos",
            (
                "id",
                "task",
                "content_hash",
                "width",
                "height",
                "sizes",
                "source_format",
                "uploaded_by",
                "created_at",
            ),
            photo_rows(),
        ),
        Table(
            "steps",
            ("id", "task", "position", "text", "photo", "mastered", "created_at", "updated_at"),
            step_rows(),
        ),
        Table(
            "training_sessions",
            ("id", "client_uuid", "task", "coach", "started_at", "session_date", "created_at"),
            sessions,
        ),
        Table(
            "step_records",
            ("id", "session", "step", "level", "duration_seconds", "recorded_at"),
            step_records,
        ),
        Table(
            "step_completions",
            ("id", "client_uuid", "task", "step", "user", "run_id", "at", "received_at"),
            completion_rows(),
        ),
        Table(
            "help_requests",
            (
                "id",
                "client_uuid",
                "task",
                "step",
                "user",
                "at",
                "received_at",
                "resolved_at",
                "resolved_by",
                "reached",
                "reached_at",
                "changed_at",
            ),
            help_rows(),
        ),
    ]


def shifts(org: Org, f: Fmt) -> list[Table]:
    """Past one-off shifts (the history), one weekly shift under way, a few one-offs ahead, and
    a cancelled date now and then. The growth pairs have the same future and 10 or 1,000 past
    shifts."""
    today = org.now.date()
    created = f.ts(org.now - timedelta(days=HISTORY_DAYS))
    start, end = f.tm(clock_time(8, 0)), f.tm(clock_time(14, 0))
    weekly_from = f.day(today - timedelta(days=30))
    exceptions: list[tuple[Any, ...]] = []

    def shift_rows() -> Iterator[tuple[Any, ...]]:
        n = 0
        for c, client in enumerate(org.clients):
            coach = org.coaches[org.client_coach[c]]
            history = _history(org, c)
            past = GROWTH_SHIFTS * history if history else PAST_SHIFTS
            for j in range(past):
                n += 1
                # Before this week began: the week's answer is the same for light and heavy.
                on = today - timedelta(days=8 + (j * HISTORY_DAYS) // past % HISTORY_DAYS)
                yield (
                    _uid(Kinds.shift, n),
                    _uid(Kinds.client_uuid, 4 * 10**9 + n),
                    client,
                    "Hotel Aurora",
                    ZONE,
                    start,
                    end,
                    "once",
                    f.day(on),
                    "[]",
                    None,
                    None,
                    coach,
                    created,
                    created,
                )
            n += 1
            weekly = _uid(Kinds.shift, n)
            yield (
                weekly,
                _uid(Kinds.client_uuid, 4 * 10**9 + n),
                client,
                "Hotel Aurora",
                ZONE,
                start,
                end,
                "weekly",
                None,
                "[1,3,5]",
                weekly_from,
                None,
                coach,
                created,
                created,
            )
            exceptions.append(
                (
                    _uid(Kinds.exception, len(exceptions) + 1),
                    weekly,
                    f.day(today + timedelta(days=7 + (7 - today.isoweekday()) % 7 + 1)),
                    "holiday",
                    "",
                    coach,
                    created,
                )
            )
            for j in range(3):
                n += 1
                yield (
                    _uid(Kinds.shift, n),
                    _uid(Kinds.client_uuid, 4 * 10**9 + n),
                    client,
                    "Cafe Linden",
                    ZONE,
                    f.tm(clock_time(16, 0)),
                    f.tm(clock_time(20, 0)),
                    "once",
                    f.day(today + timedelta(days=2 + 5 * j)),
                    "[]",
                    None,
                    None,
                    coach,
                    created,
                    created,
                )

    columns = (
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
        "from_date",
        "until",
        "created_by",
        "created_at",
        "updated_at",
    )
    return [
        Table("shifts", columns, shift_rows()),
        Table(
            "shift_exceptions",
            ("id", "shift", "on_date", "reason", "note", "created_by", "created_at"),
            exceptions,  # filled while the shifts are written
        ),
    ]


def goals(org: Org, f: Fmt, question_set: str, question_keys: list[str]) -> list[Table]:
    """Goals with check-ins, and the monthly PTA conversations with some of their answers."""
    today = org.now.date()
    means = f.js(["Lay out the clothes the evening before", "Set two alarms"])
    levels = f.js(
        {
            "much_less": "Not at all",
            "less": "Once",
            "expected": "Three times a week",
            "more": "Four times",
            "much_more": "Every day",
        }
    )

    def goal_rows() -> Iterator[tuple[Any, ...]]:
        n = 0
        for c, client in enumerate(org.clients):
            coach = org.coaches[org.client_coach[c]]
            for g in range(GOALS_PER_CLIENT):
                n += 1
                ends = today + timedelta(days=14 - 28 * (GOALS_PER_CLIENT - 1 - g))
                starts = ends - timedelta(days=27)
                active = ends >= today
                at = f.ts(datetime.combine(starts, clock_time(9), UTC))
                yield (
                    _uid(Kinds.goal, n),
                    _uid(Kinds.client_uuid, 5 * 10**9 + n),
                    client,
                    f"Goal {g + 1}: be on time for work",
                    means,
                    f.day(starts),
                    f.day(ends),
                    1.0,
                    "active" if active else "ended",
                    None if active else 0,
                    None if active else 1,
                    coach,
                    at,
                    at,
                    levels,
                )

    def check_in_rows() -> Iterator[tuple[Any, ...]]:
        n = 0
        for c, client in enumerate(org.clients):
            for g in range(GOALS_PER_CLIENT):
                goal = _uid(Kinds.goal, c * GOALS_PER_CLIENT + g + 1)
                ends = today + timedelta(days=14 - 28 * (GOALS_PER_CLIENT - 1 - g))
                for k in range(CHECK_INS_PER_GOAL):
                    day = ends - timedelta(days=27 - 2 * k)
                    if day > today:
                        break
                    n += 1
                    at = f.ts(datetime.combine(day, clock_time(18), UTC))
                    yield (
                        _uid(Kinds.check_in, n),
                        _uid(Kinds.client_uuid, 6 * 10**9 + n),
                        goal,
                        client,
                        k % 5 - 2,
                        k % 5 - 2,
                        "",
                        at,
                        at,
                    )

    def conversation_rows() -> Iterator[tuple[Any, ...]]:
        n = 0
        for c, client in enumerate(org.clients):
            coach = org.coaches[org.client_coach[c]]
            for m in range(CONVERSATIONS_PER_CLIENT):
                n += 1
                held = today - timedelta(days=30 * (CONVERSATIONS_PER_CLIENT - m) - c % 20)
                at = f.ts(datetime.combine(held, clock_time(10), UTC))
                yield (
                    _uid(Kinds.conversation, n),
                    _uid(Kinds.client_uuid, 10 * 10**9 + n),
                    client,
                    coach,
                    question_set,
                    f.day(held),
                    "en",
                    "ended",
                    at,
                    at,
                )

    def answer_rows() -> Iterator[tuple[Any, ...]]:
        n = 0
        for c in range(CLIENTS):
            coach = org.coaches[org.client_coach[c]]
            for m in range(CONVERSATIONS_PER_CLIENT):
                conversation = _uid(Kinds.conversation, c * CONVERSATIONS_PER_CLIENT + m + 1)
                held = today - timedelta(days=30 * (CONVERSATIONS_PER_CLIENT - m) - c % 20)
                at = f.ts(datetime.combine(held, clock_time(11), UTC))
                for key in question_keys[:ANSWERS_PER_CONVERSATION]:
                    n += 1
                    yield (
                        _uid(Kinds.answer, n),
                        conversation,
                        key,
                        "Going well; the mornings are still hard.",
                        coach,
                        at,
                    )

    return [
        Table(
            "pta_conversations",
            (
                "id",
                "client_uuid",
                "client",
                "coach",
                "question_set",
                "held_on",
                "locale",
                "status",
                "started_at",
                "ended_at",
            ),
            conversation_rows(),
        ),
        Table(
            "pta_answers",
            ("id", "conversation", "question_key", "answer", "updated_by", "updated_at"),
            answer_rows(),
        ),
        Table(
            "goals",
            (
                "id",
                "client_uuid",
                "client",
                "title",
                "means",
                "starts_on",
                "ends_on",
                "weight",
                "status",
                "client_rating",
                "coach_rating",
                "created_by",
                "created_at",
                "updated_at",
                "levels",
            ),
            goal_rows(),
        ),
        Table(
            "goal_check_ins",
            (
                "id",
                "client_uuid",
                "goal",
                "user",
                "mood",
                "level",
                "note",
                "at",
                "received_at",
            ),
            check_in_rows(),
        ),
    ]


def updates(org: Org, f: Fmt) -> list[Table]:
    def update_rows() -> Iterator[tuple[Any, ...]]:
        n = 0
        for c, client in enumerate(org.clients):
            coach = org.coaches[org.client_coach[c]]
            for u in range(UPDATES_PER_CLIENT):
                n += 1
                at = org.now - timedelta(days=7 * (UPDATES_PER_CLIENT - u))
                waiting = u >= UPDATES_PER_CLIENT - 2  # the newest two wait for the client
                yield (
                    _uid(Kinds.update, n),
                    _uid(Kinds.client_uuid, 7 * 10**9 + n),
                    client,
                    coach,
                    "coach",
                    "updates",
                    "Finished the first week at the hotel kitchen.",
                    "coach",
                    "pending" if waiting else "shared",
                    "" if waiting else "client",
                    None if waiting else f.ts(at),
                    None if waiting else client,
                    f.ts(at),
                    f.ts(at),
                )

    def rule_rows() -> Iterator[tuple[Any, ...]]:
        # Planned a month ahead: the reminder engine of the measured server has nothing to do.
        planned = f.ts(org.now + timedelta(days=30))
        created = f.ts(org.now - timedelta(days=HISTORY_DAYS))
        for n, client in enumerate(org.clients, start=1):
            yield (
                _uid(Kinds.rule, n),
                _uid(Kinds.client_uuid, 8 * 10**9 + n),
                client,
                "shift_prepare",
                60,
                ZONE,
                f.flag(True),
                planned,
                client,
                created,
                created,
            )

    def delivery_rows() -> Iterator[tuple[Any, ...]]:
        n = 0
        for c, client in enumerate(org.clients):
            rule = _uid(Kinds.rule, c + 1)
            for d in range(DELIVERIES_PER_CLIENT):
                n += 1
                at = f.ts(org.now - timedelta(days=HISTORY_DAYS * (d + 1) / DELIVERIES_PER_CLIENT))
                yield (n, rule, client, "shift_prepare", "", at, at, "sent", 1, "[]", 1, at, at)

    return [
        Table(
            "family_updates",
            (
                "id",
                "client_uuid",
                "client",
                "author",
                "author_role",
                "kind",
                "text",
                "source",
                "status",
                "shared_how",
                "shared_at",
                "decided_by",
                "created_at",
                "updated_at",
            ),
            update_rows(),
        ),
        Table(
            "reminder_rules",
            (
                "id",
                "client_uuid",
                "user",
                "kind",
                "minutes_before",
                "zone",
                "enabled",
                "planned_until",
                "created_by",
                "created_at",
                "updated_at",
            ),
            rule_rows(),
        ),
        Table(
            "reminder_deliveries",
            (
                "id",
                "rule",
                "user",
                "kind",
                "subject",
                "occurrence_at",
                "due_at",
                "status",
                "attempts",
                "sent_to",
                "devices",
                "sent_at",
                "created_at",
            ),
            delivery_rows(),
        ),
    ]


# --- the audit log ------------------------------------------------------------------------

AUDIT_COLUMNS = ("id", *bulk.SEALED_COLUMNS, "ip", "user_agent")


def audit_rows(org: Org, f: Fmt) -> Iterator[tuple[Any, ...]]:
    """The whole audit log as the app would have left it once its sealer had run: every entry
    sealed, in one keyed hash chain (HMAC under this data directory's audit key), each with its
    position, made by the audit domain's own ``bulk.sealed_rows``; and a signed checkpoint at
    its end (written when the generator is exhausted). ``stepwise audit verify`` passes on the
    result, and the measured server's sealer finds nothing to do.

    Who reads whom: staff reading their clients' records, shifts, tasks and goals, spread over
    two years; ``GROWTH_AUDIT`` entries about the light client and 100× as many about the heavy
    one (so "My data" and the audit page can be measured at both sizes)."""
    actions = ("client_read", "shifts_read", "tasks_read", "goals_read", "task_progress_read")
    start = org.now - timedelta(days=HISTORY_DAYS)
    step = timedelta(days=HISTORY_DAYS) / AUDIT_ENTRIES
    heavy_every = max(2, AUDIT_ENTRIES // (GROWTH_AUDIT * HEAVY))
    light_every = max(3, AUDIT_ENTRIES // GROWTH_AUDIT)
    crowd = [c for c in range(CLIENTS) if c not in (org.heavy_client, org.light_client)]
    rng = random.Random(1401)

    def entries() -> Iterator[bulk.NewEntry]:
        for n in range(1, AUDIT_ENTRIES + 1):
            if n % heavy_every == 0:
                client = org.heavy_client
            elif n % light_every == 1:
                client = org.light_client
            else:
                client = crowd[rng.randrange(len(crowd))]
            coach = org.client_coach[client]
            yield bulk.NewEntry(
                at=(start + step * n).replace(microsecond=0),
                action=actions[n % len(actions)],
                actor=org.coaches[coach],
                subject=org.clients[client],
                team=org.coach_team[coach],
            )

    made = None
    for n, row in enumerate(bulk.sealed_rows(entries(), None, chain.key()), start=1):
        made = row
        # id = position: an empty log sealed in id order, as the sealer would have done.
        yield (n, f.ts(row[0]), *row[1:], "", "")
    if made is not None:
        chain.append(
            chain.Checkpoint(
                at=chain.now_iso(), count=made[-1], last_id=made[-1], head=made[-2], keyed_from=1
            )
        )


def day_stamp_rows(org: Org) -> Iterator[tuple[Any, ...]]:
    """Every client's day stamp, as the triggers would have left it had they been there for
    the load (they are not: see ``sqlite_triggers_off``): a counter that has moved on."""
    for client in org.clients:
        yield (client, 1)


def tables(
    org: Org, f: Fmt, tokens: dict[str, str], ids: TaskIds, questions: tuple[str, list[str]]
) -> Iterator[Table]:
    yield from people(org, f, tokens)
    yield from records(org, f)
    yield from tasks(org, f, ids)
    yield from shifts(org, f)
    yield from goals(org, f, *questions)
    yield from updates(org, f)
    yield Table("audit_events", AUDIT_COLUMNS, audit_rows(org, f))
    yield Table("day_stamps", ("client", "changes"), day_stamp_rows(org))


# --- writing ------------------------------------------------------------------------------

CHUNK = 20_000


def _chunks(rows: Iterable[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


# Triggers (the day stamps': ``backend/today/piccolo_migrations/``) are dropped for the load and
# made again after it from the definitions the database holds, which are the statements the
# migrations ran: whatever triggers the migrations make, the seeded database has the same ones.
# ``day_stamps`` is written as a table of the load instead (``day_stamp_rows``).
_PG_TRIGGERS = (
    "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) AS def FROM pg_trigger AS t "
    "JOIN pg_class AS c ON c.oid = t.tgrelid JOIN pg_namespace AS n ON n.oid = c.relnamespace "
    "WHERE NOT t.tgisinternal AND n.nspname = 'public' ORDER BY t.tgname"
)


def sqlite_triggers_off(db: sqlite3.Connection) -> list[str]:
    """Drop every trigger; return the statements that make them again."""
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND sql IS NOT NULL ORDER BY name"
    ).fetchall()
    for name, _ in rows:
        db.execute(f'DROP TRIGGER "{name}"')
    return [sql for _, sql in rows]


async def postgres_triggers_off(conn: Any) -> list[str]:
    """Drop every trigger of the schema but the foreign keys' own; return the statements that
    make them again (their functions stay)."""
    rows = await conn.fetch(_PG_TRIGGERS)
    for row in rows:
        await conn.execute(f'DROP TRIGGER "{row["tgname"]}" ON "{row["relname"]}"')
    return [str(row["def"]) for row in rows]


def _write_sqlite(path: str, load: Iterable[Table], say: Callable[[str], None]) -> int:
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-200000")
        triggers = sqlite_triggers_off(db)
        indexes = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in indexes:
            db.execute(f'DROP INDEX "{name}"')
        total = 0
        for table in load:
            started, count = time.perf_counter(), 0
            cols = ", ".join(f'"{c}"' for c in table.columns)
            marks = ", ".join("?" for _ in table.columns)
            sql = f'INSERT INTO "{table.name}" ({cols}) VALUES ({marks})'  # noqa: S608 (our names)
            db.execute("BEGIN")
            for batch in _chunks(table.rows):
                db.executemany(sql, batch)
                count += len(batch)
            db.execute("COMMIT")
            total += count
            say(f"{table.name}: {count:,} rows in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        for _, sql in indexes:
            db.execute(sql)
        for sql in triggers:
            db.execute(sql)
        db.execute("PRAGMA analysis_limit=10000")  # statistics from a sample: seconds, not a minute
        db.execute("ANALYZE")
        db.execute("PRAGMA journal_mode=WAL")
        say(
            f"{len(indexes)} indexes, {len(triggers)} triggers and ANALYZE in "
            f"{time.perf_counter() - started:.1f} s"
        )
        return total
    finally:
        db.close()


async def _write_postgres(
    url: str,
    load: Iterable[Table],
    say: Callable[[str], None],
    before_triggers: Callable[[], Awaitable[None]] | None = None,
) -> int:
    import asyncpg  # type: ignore[import-untyped]

    conn = await asyncpg.connect(url)
    try:
        # Secondary indexes (not those behind a primary key or a unique constraint) are made
        # again after the load; foreign-key triggers are off for it where the role may do so.
        indexes = await conn.fetch(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
        )
        for row in indexes:
            await conn.execute(f'DROP INDEX "{row["indexname"]}"')
        triggers = await postgres_triggers_off(conn)
        with contextlib.suppress(asyncpg.PostgresError):
            await conn.execute("SET session_replication_role = replica")
        total = 0
        for table in load:
            started, count = time.perf_counter(), 0
            async with conn.transaction():
                for batch in _chunks(table.rows):
                    await conn.copy_records_to_table(
                        table.name, records=batch, columns=list(table.columns)
                    )
                    count += len(batch)
            total += count
            say(f"{table.name}: {count:,} rows in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        for row in indexes:
            await conn.execute(row["indexdef"])
        await conn.execute("ANALYZE")
        if before_triggers is not None:
            await before_triggers()
        for sql in triggers:
            await conn.execute(sql)
        for name in ("audit_events", "reminder_deliveries"):
            sql = f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"  # noqa: S608, E501 (two names written here)
            await conn.execute(sql)
        await conn.execute("ANALYZE")
        say(
            f"{len(indexes)} indexes, {len(triggers)} triggers and ANALYZE in "
            f"{time.perf_counter() - started:.1f} s"
        )
        return total
    finally:
        await conn.close()


async def _question_set() -> tuple[str, list[str]]:
    """The published PTA question set (made as the app makes it) and its question keys."""
    from backend.goals import questions
    from backend.goals.tables import QuestionSet

    await questions.ensure_default()
    row = await QuestionSet.select(QuestionSet.id, QuestionSet.sections).first()
    if row is None:
        raise RuntimeError("no PTA question set")
    sections = row["sections"]
    if isinstance(sections, str):
        sections = json.loads(sections)
    keys = [q["key"] for section in sections for q in section["questions"]]
    return str(row["id"]), keys


async def seed() -> dict[str, Any]:
    from backend.commands.common import close_db as _close_db
    from backend.commands.common import migrate as _migrate
    from backend.settings import get_settings

    started = time.perf_counter()
    await _migrate(quiet=True)
    questions = await _question_set()
    _close_db()
    url = get_settings().database_url
    sqlite = url.startswith("sqlite")
    f = Fmt(sqlite=sqlite)
    now = datetime.now(UTC).replace(microsecond=0)
    org = _org(now)
    tokens: dict[str, str] = {}
    ids = TaskIds(first={})

    def say(line: str) -> None:
        print(
            f"       seed {time.perf_counter() - started:6.1f} s  {line}",
            file=sys.stderr,
            flush=True,
        )

    load = tables(org, f, tokens, ids, questions)
    # Rows written in bulk bypass the server's writes, which keep each task's progress: make it.
    from backend.tasks import refresh_every_task

    kept = 0

    async def keep_progress() -> None:
        nonlocal kept
        kept = await refresh_every_task()

    if sqlite:
        total = _write_sqlite(url.removeprefix("sqlite:///"), load, say)
        await keep_progress()
    else:
        # Before the triggers come back: each of the 219,400 sessions' updates would otherwise
        # fire the day's and the outcomes' triggers (over six minutes on PostgreSQL).
        total = await _write_postgres(url, load, say, keep_progress)
    _close_db()
    say(f"progress kept for {kept} tasks")
    light, heavy = org.light_client, org.heavy_client
    crowd = [c for c in range(CLIENTS) if c not in org.light_clients | org.heavy_clients]
    return {
        "rows": total,
        "seconds": round(time.perf_counter() - started, 1),
        "seeded_on": now.date().isoformat(),
        "clients": [
            {"id": org.clients[c], "token": tokens[org.clients[c]]} for c in crowd[:TOKENS_FOR]
        ],
        "coaches": [
            {
                "id": org.coaches[k],
                "token": tokens[org.coaches[k]],
                "clients": [org.clients[c] for c in range(CLIENTS) if org.client_coach[c] == k],
            }
            for k in range(COACHES)
            if k not in (org.light_coach, org.heavy_coach)
        ],
        "admin": {"id": org.admins[0], "token": tokens[org.admins[0]]},
        # Erased at the end of the run (bench/large.py): clients of the crowd no mix asks for.
        "erasable": [{"id": org.clients[c], "name": f"Client {c + 1}"} for c in crowd[-ERASABLE:]],
        "growth": {
            size: {
                "client": {"id": org.clients[c], "token": tokens[org.clients[c]]},
                "task": ids.first[c],
                "coach": {"id": org.coaches[k], "token": tokens[org.coaches[k]]},
            }
            for size, c, k in (("light", light, org.light_coach), ("heavy", heavy, org.heavy_coach))
        },
    }


def main() -> None:
    print(json.dumps(asyncio.run(seed())))


if __name__ == "__main__":
    main()
