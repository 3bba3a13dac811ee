"""The planner: writes each occurrence of each rule as a delivery row before it is due.

A rule is planned up to ``planned_until``; when that gets closer than ``REPLAN_AT`` the planner
takes the rule again and writes the occurrences up to ``now + LOOKAHEAD``. Rows are inserted with
``ON CONFLICT DO NOTHING`` on the unique (rule, occurrence instant): however many planners run
(one per app server and worker), an occurrence exists once. On PostgreSQL the rules to plan are
taken with ``FOR UPDATE SKIP LOCKED``, so planners share the work instead of repeating it.

When a person's shifts, goals, conversations, quiet hours or rules change, ``client_changed``
drops their pending deliveries that have not happened yet and plans again from now; the rule
rows are locked first, so a planner working on them meanwhile finishes before they are dropped.

What a rule is about is not the reminders domain's to know: the domains above it register a
source for the kinds they answer (``backend/app.py`` wires them, in the app server and in the
worker). ``register_starts`` for the "… minutes before" kinds: ``await source(user_ids, first,
last)`` gives, per person, the ``Moment``s (shifts) that start in [first, last), in order of
their start. ``register_days`` for the kinds at a time of day: ``await source(asked)`` gives the
``Day``s of ``asked`` on which the reminder has something to say (a kind may have several
sources). A kind with no source fails the planning loudly rather than leaving people without
their reminders.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from backend.clients.tables import ClientRecord
from backend.lib import clock
from backend.lib.db import Statement, fetch
from backend.lib.localtime import parse_hhmm
from backend.reminders.rules import (
    START_KINDS,
    TIMED_KINDS,
    Day,
    Moment,
    Planned,
    Quiet,
    RulePlan,
    plan,
    starts_window,
    timed_instants,
)
from backend.reminders.tables import Delivery, NotificationSettings, ReminderRule

LOOKAHEAD = timedelta(hours=2)
REPLAN_AT = timedelta(hours=1)
BATCH = 250

StartsSource = Callable[
    [Sequence[str], datetime, datetime], Awaitable[Mapping[str, Sequence[Moment]]]
]
DaysSource = Callable[[Collection[Day]], Awaitable[Collection[Day]]]
S = TypeVar("S")
_starts: dict[str, StartsSource] = {}
_days: dict[str, list[DaysSource]] = {}


def register_starts(kinds: Iterable[str], source: StartsSource) -> None:
    """``source`` tells the planner what these "… minutes before" kinds are about."""
    for kind in kinds:
        assert kind in START_KINDS, kind
        _starts[kind] = source


def register_days(kinds: Iterable[str], source: DaysSource) -> None:
    """``source`` tells the planner on which days these time-of-day kinds have something to say.
    A kind may have several sources (goals, the activity log's agreed actions): a day is wanted
    when one of them wants it."""
    for kind in kinds:
        assert kind in TIMED_KINDS, kind
        sources = _days.setdefault(kind, [])
        if source not in sources:
            sources.append(source)


def _source(sources: dict[str, S], kind: str) -> S:
    if kind not in sources:
        raise LookupError(f"no source of reminder plans for {kind!r} (wired in backend/app.py)")
    return sources[kind]


_RULE_COLUMNS = """CAST(id AS TEXT), CAST("user" AS TEXT), kind, minutes_before, weekday,
    at_time, zone, planned_until"""
_TAKE = {
    "postgres": Statement(
        f"""SELECT {_RULE_COLUMNS} FROM reminder_rules
        WHERE enabled AND planned_until < ? ORDER BY planned_until LIMIT ?
        FOR UPDATE SKIP LOCKED"""  # noqa: S608 (constant SQL)
    ),
    "sqlite": Statement(
        f"""SELECT {_RULE_COLUMNS} FROM reminder_rules
        WHERE enabled AND planned_until < ? ORDER BY planned_until LIMIT ?"""  # noqa: S608 (constant SQL)
    ),
}
_RULES_OF = {
    "postgres": Statement(
        f"""SELECT {_RULE_COLUMNS} FROM reminder_rules
        WHERE enabled AND "user" = ANY(?::uuid[]) FOR UPDATE"""  # noqa: S608 (constant SQL)
    ),
    "sqlite": Statement(
        f"""SELECT {_RULE_COLUMNS} FROM reminder_rules
        WHERE enabled AND "user" IN (SELECT value FROM json_each(?))"""  # noqa: S608 (constant SQL)
    ),
}
_PLANNED = {
    "postgres": Statement("UPDATE reminder_rules SET planned_until = ? WHERE id = ANY(?::uuid[])"),
    "sqlite": Statement(
        "UPDATE reminder_rules SET planned_until = ? WHERE id IN (SELECT value FROM json_each(?))"
    ),
}
_RESET = {
    "postgres": Statement(
        """UPDATE reminder_rules SET planned_until = ?
        WHERE "user" = ANY(?::uuid[]) AND planned_until > ?"""
    ),
    "sqlite": Statement(
        """UPDATE reminder_rules SET planned_until = ?
        WHERE "user" IN (SELECT value FROM json_each(?)) AND planned_until > ?"""
    ),
}
_DROP = {
    "postgres": Statement(
        """DELETE FROM reminder_deliveries WHERE "user" = ANY(?::uuid[]) AND status = 'pending'
        AND rule IS NOT NULL AND occurrence_at > ?"""
    ),
    "sqlite": Statement(
        """DELETE FROM reminder_deliveries WHERE "user" IN (SELECT value FROM json_each(?))
        AND status = 'pending' AND rule IS NOT NULL AND occurrence_at > ?"""
    ),
}
_INSERT_COLUMNS = (
    'rule, "user", kind, subject, occurrence_at, due_at, status, attempts, claimed_by, '
    "sent_to, devices, outcome, created_at"
)
_INSERT_CHUNK = 500


def _engine() -> Any:
    return ReminderRule._meta.db


def _kind() -> str:
    return "postgres" if _engine().engine_type == "postgres" else "sqlite"


def ids_arg(ids: Sequence[str]) -> Any:
    """A list of ids as one parameter: a PostgreSQL array, or JSON for SQLite's json_each."""
    return list(ids) if _kind() == "postgres" else json.dumps(list(ids))


def _aware(value: Any) -> Any:
    """SQLite hands back timestamps and times from plain SQL as text."""
    if isinstance(value, str):
        return datetime.fromisoformat(value) if "-" in value else parse_hhmm(value[:5])
    return value


def _rule(row: Sequence[Any]) -> RulePlan:
    return RulePlan(
        id=row[0],
        user=row[1],
        kind=row[2],
        minutes_before=row[3],
        weekday=row[4],
        at_time=_aware(row[5]),
        zone=row[6] or "",
    )


async def _insert(rows: list[tuple[Any, ...]]) -> None:
    engine = _engine()
    for i in range(0, len(rows), _INSERT_CHUNK):
        chunk = rows[i : i + _INSERT_CHUNK]
        values = ", ".join(["(?, ?, ?, ?, ?, ?, ?, 0, '', ?, 0, '', ?)"] * len(chunk))
        sql = f"INSERT INTO reminder_deliveries ({_INSERT_COLUMNS}) VALUES {values}"  # noqa: S608
        statement = Statement(sql + " ON CONFLICT DO NOTHING")
        await fetch(engine, statement, *(value for row in chunk for value in row))


async def _quiet(users: list[str]) -> dict[str, Quiet]:
    quiet: dict[str, Quiet] = {}
    for s in await NotificationSettings.select(
        NotificationSettings.user,
        NotificationSettings.quiet_start,
        NotificationSettings.quiet_end,
        NotificationSettings.zone,
    ).where(
        NotificationSettings.user.is_in(users) & NotificationSettings.quiet_start.is_not_null()
    ):
        if s["quiet_end"] is not None:
            quiet[str(s["user"])] = Quiet(s["quiet_start"], s["quiet_end"], s["zone"])
    return quiet


@dataclass(slots=True)
class _StartsAsked:
    kinds: set[str] = field(default_factory=set)
    users: set[str] = field(default_factory=set)
    first: datetime | None = None
    last: datetime | None = None


async def _moments(
    rules: list[RulePlan], starts: dict[str, datetime], until: datetime
) -> dict[tuple[str, str], Sequence[Moment]]:
    """(kind, user) → what the "… minutes before" rules are about: one question per source,
    for everyone it answers, over the window all their rules need."""
    asked: dict[StartsSource, _StartsAsked] = {}
    for rule in rules:
        if rule.kind not in START_KINDS:
            continue
        question = asked.setdefault(_source(_starts, rule.kind), _StartsAsked())
        first, last = starts_window(rule, starts[rule.id], until)
        question.kinds.add(rule.kind)
        question.users.add(rule.user)
        question.first = min(first, question.first or first)
        question.last = max(last, question.last or last)
    out: dict[tuple[str, str], Sequence[Moment]] = {}
    for source, question in asked.items():
        assert question.first is not None and question.last is not None
        found = await source(sorted(question.users), question.first, question.last)
        for user, moments in found.items():
            for kind in question.kinds:
                out[kind, user] = moments
    return out


async def _days_wanted(
    rules: list[RulePlan], starts: dict[str, datetime], until: datetime
) -> set[Day]:
    """The days on which the time-of-day rules have something to say, asked of each source
    once for the local dates of the batch's instants."""
    asked: dict[DaysSource, set[Day]] = {}
    for rule in rules:
        if rule.kind not in TIMED_KINDS:
            continue
        wanted_days = [
            Day(rule.kind, rule.user, day)
            for _, day in timed_instants(rule, starts[rule.id], until)
        ]
        for source in _source(_days, rule.kind):
            asked.setdefault(source, set()).update(wanted_days)
    wanted: set[Day] = set()
    for source, days in asked.items():
        if days:
            wanted.update(await source(days))
    return wanted


def _asked_of(rule: RulePlan, wanted: set[Day]) -> Callable[[date], bool]:
    return lambda day: Day(rule.kind, rule.user, day) in wanted


async def _plan(rules: list[RulePlan], starts: dict[str, datetime], now: datetime) -> int:
    until = now + LOOKAHEAD
    quiet = await _quiet(sorted({r.user for r in rules}))
    moments = await _moments(rules, starts, until)
    wanted = await _days_wanted(rules, starts, until)
    rows: list[tuple[Any, ...]] = []
    for rule in rules:
        planned: list[Planned] = plan(
            rule,
            after=starts[rule.id],
            until=until,
            now=now,
            quiet=quiet.get(rule.user),
            starts=moments.get((rule.kind, rule.user), ()),
            wanted=_asked_of(rule, wanted),
        )
        rows.extend(
            (
                rule.id,
                rule.user,
                rule.kind,
                p.subject,
                p.occurrence_at,
                p.due_at,
                p.status,
                "[]",
                now,
            )
            for p in planned
        )
    await _insert(rows)
    await fetch(_engine(), _PLANNED[_kind()], until, ids_arg([r.id for r in rules]))
    return len(rows)


async def plan_due(now: datetime | None = None, batch: int = BATCH) -> int:
    """Plan the rules whose planned horizon is getting close; the number of rules planned."""
    now = now or clock.now()
    total = 0
    while True:
        async with _engine().transaction():
            rows = await fetch(_engine(), _TAKE[_kind()], now + REPLAN_AT, batch)
            if not rows:
                return total
            rules = [_rule(r) for r in rows]
            # A rule never plans before "now": what it missed while the engine was down is
            # planned from where it stopped, and recorded as missed if too late.
            starts = {r[0]: max(_aware(r[7]), now - LOOKAHEAD) for r in rows}
            await _plan(rules, starts, now)
        total += len(rows)
        if len(rows) < batch:
            return total


async def client_changed(user_id: str) -> None:
    """The person's schedule changed: drop what is planned ahead and plan again from now.
    Their coach's digest follows their goals and conversations, so it is planned again too.
    Two changes at once for clients of one coach can deadlock on the coach's rules on
    PostgreSQL (it picks one to fail): that one is simply done again."""
    for attempt in range(3):
        try:
            await _replan(user_id)
            return
        except Exception as exc:
            if attempt == 2 or "deadlock" not in str(exc).lower():
                raise


async def _replan(user_id: str) -> None:
    now = clock.now()
    users = [user_id]
    record = (
        await ClientRecord.select(ClientRecord.coach).where(ClientRecord.user == user_id).first()
    )
    if record and record["coach"] is not None:
        users.append(str(record["coach"]))
    engine = _engine()
    async with engine.transaction():
        await fetch(engine, _RESET[_kind()], now, ids_arg(users), now)
        await fetch(engine, _DROP[_kind()], ids_arg(users), now)
        rows = await fetch(engine, _RULES_OF[_kind()], ids_arg(users))
        if rows:
            starts = {r[0]: max(_aware(r[7]), now - LOOKAHEAD) for r in rows}
            await _plan([_rule(r) for r in rows], starts, now)


async def drop_pending_of_rule(rule_id: str) -> None:
    await Delivery.delete().where((Delivery.rule == rule_id) & (Delivery.status == "pending"))
