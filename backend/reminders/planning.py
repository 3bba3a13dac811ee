"""The planner: writes each occurrence of each rule as a delivery row before it is due.

A rule is planned up to ``planned_until``; when that gets closer than ``REPLAN_AT`` the planner
takes the rule again and writes the occurrences up to ``now + LOOKAHEAD``. Rows are inserted with
``ON CONFLICT DO NOTHING`` on the unique (rule, occurrence instant): however many planners run
(one per app server and worker), an occurrence exists once. On PostgreSQL the rules to plan are
taken with ``FOR UPDATE SKIP LOCKED``, so planners share the work instead of repeating it.

When a person's shifts, goals, conversations, quiet hours or rules change, ``client_changed``
drops their pending deliveries that have not happened yet and plans again from now; the rule
rows are locked first, so a planner working on them meanwhile finishes before they are dropped.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from backend.lib import clock
from backend.lib.db import Statement, fetch
from backend.lib.localtime import parse_hhmm
from backend.reminders.rules import Planned, Quiet, RulePlan, plan
from backend.reminders.tables import Delivery, ReminderRule

LOOKAHEAD = timedelta(hours=2)
REPLAN_AT = timedelta(hours=1)
BATCH = 250
COACH_GOALS_AHEAD = timedelta(days=3)  # a coach hears of goals ending within three days
SHIFT_REMINDER_AHEAD = timedelta(days=1, minutes=1)  # a reminder comes at most a day before

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


async def _context(rules: list[RulePlan], now: datetime, until: datetime) -> dict[str, Any]:
    """What the rules of a batch need: quiet hours, shifts, goals, conversations, caseloads."""
    from backend.clients.tables import ClientRecord
    from backend.goals.tables import Conversation, Goal
    from backend.reminders.tables import NotificationSettings
    from backend.shifts.plans import plans_of

    users = sorted({r.user for r in rules})
    kinds = {r.kind for r in rules}
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
    shift_users = sorted({r.user for r in rules if r.kind.startswith("shift_")})
    shifts: dict[str, list[Any]] = {}
    # A rule plans from at most LOOKAHEAD ago (``plan_due``), its reminders up to a day before.
    for p in await plans_of(shift_users, now - LOOKAHEAD, until + SHIFT_REMINDER_AHEAD):
        shifts.setdefault(p.client, []).append(p)
    # For coaches: their caseload; the goals and conversations of everyone concerned.
    coaches = sorted({r.user for r in rules if r.kind == "coach"})
    caseload: dict[str, list[str]] = {}
    if coaches:
        for c in await ClientRecord.select(ClientRecord.user, ClientRecord.coach).where(
            ClientRecord.coach.is_in(coaches)
        ):
            caseload.setdefault(str(c["coach"]), []).append(str(c["user"]))
    people = set(users) | {c for clients in caseload.values() for c in clients}
    goals: dict[str, list[tuple[date, date]]] = {}
    held: dict[str, date] = {}
    if kinds & {"goal_checkin", "coach", "conversation"} and people:
        for g in await Goal.select(Goal.client, Goal.starts_on, Goal.ends_on).where(
            Goal.client.is_in(sorted(people)) & (Goal.status == "active")
        ):
            goals.setdefault(str(g["client"]), []).append((g["starts_on"], g["ends_on"]))
        for c in await Conversation.select(Conversation.client, Conversation.held_on).where(
            Conversation.client.is_in(sorted(people))
        ):
            key = str(c["client"])
            if key not in held or c["held_on"] > held[key]:
                held[key] = c["held_on"]
    return {"quiet": quiet, "shifts": shifts, "caseload": caseload, "goals": goals, "held": held}


def _wanted(rule: RulePlan, context: dict[str, Any]) -> Any:
    from backend.goals.pta import is_due

    goals: dict[str, list[tuple[date, date]]] = context["goals"]
    held: dict[str, date] = context["held"]

    def active_goal(client: str, day: date) -> bool:
        return any(start <= day <= end for start, end in goals.get(client, []))

    def ending_soon(client: str, day: date) -> bool:
        last = day + COACH_GOALS_AHEAD
        return any(day <= end <= last for _, end in goals.get(client, []))

    if rule.kind == "goal_checkin":
        return lambda day: active_goal(rule.user, day)
    if rule.kind == "conversation":
        return lambda day: is_due(held.get(rule.user), day)
    if rule.kind == "coach":
        clients = context["caseload"].get(rule.user, [])
        return lambda day: any(is_due(held.get(c), day) or ending_soon(c, day) for c in clients)
    return lambda day: True


async def _plan(rules: list[RulePlan], starts: dict[str, datetime], now: datetime) -> int:
    until = now + LOOKAHEAD
    context = await _context(rules, now, until)
    rows: list[tuple[Any, ...]] = []
    for rule in rules:
        planned: list[Planned] = plan(
            rule,
            after=starts[rule.id],
            until=until,
            now=now,
            quiet=context["quiet"].get(rule.user),
            shifts=context["shifts"].get(rule.user, []),
            wanted=_wanted(rule, context),
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
    from backend.clients.tables import ClientRecord

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
