"""Goals as the wire shows them, read: one goal or a client's goals with their check-ins, the
GAS T-scores per period, and the goals ending in a window of days (the coach's week).

Everything here reads; ``services.py`` writes the goals tables."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from backend.goals import gas, photos
from backend.goals.tables import CheckIn, Goal
from backend.lib import clock
from backend.lib.db import Statement, fetch
from backend.lib.ids import as_uuid
from backend.lib.paging import MAX_LIMIT, PageRequest, after_key, page_of, page_request
from shared_schemas import goals as wire

LAST_WEEK = 6  # the final evaluation opens on the last day − 6: the goal's last seven days
LEVEL_KEYS = ("much_less", "less", "expected", "more", "much_more")  # −2 … +2


def today() -> date:
    """The organisation's date: goals are days, not instants; UTC keeps every server agreeing."""
    return clock.now().date()


async def goal_row(goal_id: str) -> dict[str, Any] | None:
    if as_uuid(goal_id) is None:
        return None
    row: dict[str, Any] | None = (
        await Goal.select(*Goal.all_columns())
        .where(Goal.id == as_uuid(goal_id))
        .first()
        .output(load_json=True)
    )
    return row


def evaluation_opens_on(row: dict[str, Any]) -> date:
    """The first day of the final evaluation: the goal's last week, or the day it was ended."""
    early: date | None = row.get("ended_early_on")
    return early if early is not None else row["ends_on"] - timedelta(days=LAST_WEEK)


def status_of(row: dict[str, Any], on: date) -> str:
    if row["status"] == "active" and row["ends_on"] < on:
        return "ended"
    return str(row["status"])


def _evaluation(rating: int | None, comment: str, at: Any) -> wire.Evaluation | None:
    if rating is None or at is None:
        return None
    return wire.Evaluation(rating=rating, comment=comment, at=at)


def _levels_wire(value: Any) -> wire.GoalLevels | None:
    if not isinstance(value, dict) or not value.get("expected"):
        return None
    return wire.GoalLevels(**{k: str(value.get(k) or "") for k in LEVEL_KEYS})


def _wire(row: dict[str, Any], check_ins: list[wire.CheckIn], on: date) -> wire.Goal:
    return wire.Goal(
        id=str(row["id"]),
        owner_id=str(row["client"]),
        title=row["title"],
        means=list(row["means"] or []),
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        weight=float(row["weight"]),
        status=status_of(row, on),  # type: ignore[arg-type]
        conversation_id=str(row["conversation"]) if row["conversation"] else None,
        check_ins=check_ins,
        client_evaluation=_evaluation(
            row["client_rating"], row["client_comment"], row["client_rated_at"]
        ),
        coach_evaluation=_evaluation(
            row["coach_rating"], row["coach_comment"], row["coach_rated_at"]
        ),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        photo=photos.PHOTOS.to_wire(
            str(row["id"]), row["photo_hash"], photo_sizes(row["photo_sizes"])
        ),
        levels=_levels_wire(row["levels"]),
        evaluation_opens_on=evaluation_opens_on(row),
        ended_early=(
            wire.EarlyEnd(on=row["ended_early_on"], reason=row["end_reason"])
            if row["ended_early_on"] is not None
            else None
        ),
    )


def photo_sizes(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else []


_CHECK_INS: dict[int, Statement] = {}


def _check_ins_statement(goals: int) -> Statement:
    """The check-ins of ``goals`` goals, oldest first: plain SQL (a client's page reads a
    hundred of them when it is made; Piccolo's rows cost ten times the statement), made once
    per number of goals."""
    found = _CHECK_INS.get(goals)
    if found is None:
        marks = ", ".join(["?"] * goals)
        columns = "CAST(goal AS TEXT), CAST(id AS TEXT), CAST(client_uuid AS TEXT), mood, note"
        where = f"goal IN ({marks}) ORDER BY at"
        sql = f"SELECT {columns}, CAST(at AS TEXT), level FROM goal_check_ins WHERE {where}"  # noqa: S608 (placeholders only)
        found = _CHECK_INS[goals] = Statement(sql)
    return found


async def _check_ins(goal_ids: list[Any]) -> dict[str, list[wire.CheckIn]]:
    out: dict[str, list[wire.CheckIn]] = {}
    ids = [str(i) for i in goal_ids]
    for start in range(0, len(ids), MAX_LIMIT):
        chunk = ids[start : start + MAX_LIMIT]
        for goal, id_, local_id, mood, note, at, level in await fetch(
            CheckIn._meta.db, _check_ins_statement(len(chunk)), *chunk
        ):
            out.setdefault(goal, []).append(
                wire.CheckIn(
                    id=id_,
                    local_id=local_id,
                    mood=mood,
                    note=note,
                    at=clock.instant(at),
                    level=level,
                )
            )
    return out


async def goals_where(where: Any) -> list[wire.Goal]:
    rows = (
        await Goal.select(*Goal.all_columns())
        .where(where)
        .order_by(Goal.ends_on, ascending=False)
        .order_by(Goal.created_at, ascending=False)
        .output(load_json=True)
    )
    check_ins = await _check_ins([r["id"] for r in rows])
    on = today()
    return [_wire(r, check_ins.get(str(r["id"]), []), on) for r in rows]


async def detail(goal_id: Any) -> wire.Goal:
    found = await goals_where(Goal.id == goal_id)
    assert found
    return found[0]


GOALS = "goals"
"""The goal list's name in its cursors."""


def goals_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of goals: the latest end first (then the newest, then by id)."""
    return page_request(GOALS, cursor, limit, date, datetime, str)


async def goal_titles(client_id: str, goal_ids: Collection[str]) -> dict[str, str]:
    """The titles of those of ``goal_ids`` that are goals of this client, by id (others, and
    ids that are no goal, are left out)."""
    wanted = sorted({str(i) for i in goal_ids if as_uuid(str(i)) is not None})
    if not wanted:
        return {}
    rows = await Goal.select(Goal.id, Goal.title).where(
        Goal.id.is_in(wanted), Goal.client == client_id
    )
    return {str(r["id"]): r["title"] for r in rows}


async def goals_of(
    client_id: str, status: str | None, page: PageRequest
) -> tuple[list[wire.Goal], str | None]:
    """A client's goals, the latest end first: one page and the next page's cursor. ``status``
    is worked out from the day (a goal past its end is ended), so it narrows the page after the
    database has read it: a page may hold fewer goals than ``limit`` and still have a next."""
    where: Any = Goal.client == client_id
    order = (Goal.ends_on, Goal.created_at, Goal.id)
    if (after := after_key(page, *order, descending=True)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await Goal.select(*Goal.all_columns())
        .where(where)
        .order_by(*order, ascending=False)
        .limit(page.fetch)
        .output(load_json=True),
        page,
        GOALS,
        lambda r: (r["ends_on"], r["created_at"], str(r["id"])),
    )
    check_ins = await _check_ins([r["id"] for r in rows])
    on = today()
    goals = [_wire(r, check_ins.get(str(r["id"]), []), on) for r in rows]
    return [g for g in goals if status is None or g.status == status], next_cursor


async def gas_summary(client_id: str) -> wire.GasSummary:
    """T-scores per period (the month the goals end in, or were ended early) from each side's
    final evaluations."""
    rows = (
        await Goal.select(
            Goal.ends_on,
            Goal.ended_early_on,
            Goal.weight,
            Goal.client_rating,
            Goal.coach_rating,
            Goal.status,
        )
        .where((Goal.client == client_id) & Goal.status.is_in(["active", "ended"]))
        .order_by(Goal.ends_on)
    )
    periods: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        last = r["ended_early_on"] or r["ends_on"]
        periods.setdefault(last.strftime("%Y-%m"), []).append(r)
    out = []
    for period, goals in sorted(periods.items()):
        client = [
            (g["client_rating"], g["weight"]) for g in goals if g["client_rating"] is not None
        ]
        coach = [(g["coach_rating"], g["weight"]) for g in goals if g["coach_rating"] is not None]
        out.append(
            wire.GasPeriod(
                period=period,
                goals=len(goals),
                client_t=_t(client),
                coach_t=_t(coach),
                client_rated=len(client),
                coach_rated=len(coach),
            )
        )
    direction, s = gas.trend([p.coach_t for p in out if p.coach_t is not None])
    return wire.GasSummary(
        rho=gas.RHO,
        periods=out,
        trend=direction,  # type: ignore[arg-type]
        slope=round(s, 2) if s is not None else None,
    )


def _t(pairs: list[tuple[int, float]]) -> float | None:
    t = gas.t_score([x for x, _ in pairs], [w for _, w in pairs])
    return round(t, 1) if t is not None else None


@dataclass(frozen=True, slots=True)
class GoalEnding:
    """An active goal and its last day."""

    id: str
    client: str
    title: str
    ends_on: date


async def ending_between(client_ids: list[str], first: date, last: date) -> list[GoalEnding]:
    """Active goals whose last day is in [first, last], soonest first (the coach's week)."""
    if not client_ids:
        return []
    rows = (
        await Goal.select(Goal.id, Goal.client, Goal.title, Goal.ends_on)
        .where(
            Goal.client.is_in(client_ids)
            & (Goal.status == "active")
            & (Goal.ends_on >= first)
            & (Goal.ends_on <= last)
        )
        .order_by(Goal.ends_on)
    )
    return [GoalEnding(str(g["id"]), str(g["client"]), g["title"], g["ends_on"]) for g in rows]
