"""Reading a client's journey, and keeping its view on the client's record.

The record (``client_records``) holds the current stage, since when, and its due day, so the
caseload reads them without this history. The current stage is the latest started of the
open episode's stages still going on; with none going on, the latest started of the latest
episode (without a due day: nothing is overdue that does not go on).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from backend import clients
from backend.accounts.tables import User
from backend.journey import products
from backend.journey.followups import follow_ups_of, six_months_after
from backend.journey.tables import Episode, StagePeriod
from backend.journey.targets import days_by_stage
from backend.lib.clock import now
from shared_schemas import journey as wire


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


async def episodes_of(client_id: str) -> list[dict[str, Any]]:
    """The client's episodes, oldest first."""
    return list(
        await Episode.select(*Episode.all_columns())
        .where(Episode.client == client_id)
        .order_by(Episode.intake_on)
        .order_by(Episode.created_at)
    )


async def stages_of(client_id: str) -> list[dict[str, Any]]:
    """The client's stage periods, oldest first (by start, then when recorded)."""
    return list(
        await StagePeriod.select(*StagePeriod.all_columns())
        .where(StagePeriod.client == client_id)
        .order_by(StagePeriod.started_on)
        .order_by(StagePeriod.created_at)
    )


async def open_episode(client_id: str) -> dict[str, Any] | None:
    return (
        await Episode.select(*Episode.all_columns())
        .where((Episode.client == client_id) & Episode.closed_on.is_null())
        .first()
    )


def _due(started_on: date, days: int | None) -> date | None:
    return started_on + timedelta(days=days) if days is not None else None


def current(
    episodes: list[dict[str, Any]], stages: list[dict[str, Any]]
) -> tuple[dict[str, Any] | None, bool]:
    """The current stage period, and whether it goes on in an open episode."""
    if not episodes:
        return None, False
    latest = episodes[-1]
    if latest["closed_on"] is None:
        going = [
            s for s in stages if str(s["episode"]) == str(latest["id"]) and s["ended_on"] is None
        ]
        if going:
            return going[-1], True
    own = [s for s in stages if str(s["episode"]) == str(latest["id"])]
    return (own[-1] if own else None), False


async def refresh_record(client_id: str) -> None:
    """Write the current stage, since when and its due day on the client's record."""
    episodes, stages = await episodes_of(client_id), await stages_of(client_id)
    period, going = current(episodes, stages)
    if period is None:
        return
    days = (await days_by_stage())[period["stage"]]
    due = _due(period["started_on"], days) if going else None
    await clients.set_stage(client_id, period["stage"], period["started_on"], due)


async def _names(ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = await User.select(User.id, User.display_name).where(User.id.is_in(sorted(ids)))
    return {str(r["id"]): r["display_name"] for r in rows}


def _episode(
    row: dict[str, Any],
    periods: list[dict[str, Any]],
    names: dict[str, str],
    days: dict[str, int | None],
    found: list[tuple[products.Source, list[wire.Product]]],
    today: date,
    follow_ups: dict[str, wire.FollowUp],
) -> wire.Episode:
    decision = None
    if row["decision_at"] is not None:
        by = _s(row["decision_by"])
        decision = wire.Decision(
            at=row["decision_at"],
            by_id=by,
            by_name=names.get(by) if by else None,
            by_client=by is not None and by == str(row["client"]),
            text_version=row["decision_version"] or 1,
            locale=row["decision_locale"] or "en",
        )
    placed = products.placed(
        [(str(p["id"]), p["stage"], p["started_on"], p["ended_on"]) for p in periods], found
    )
    stages = []
    for p in periods:
        due = _due(p["started_on"], days[p["stage"]]) if p["ended_on"] is None else None
        stages.append(
            wire.StagePeriod(
                id=str(p["id"]),
                stage=p["stage"],
                started_on=p["started_on"],
                ended_on=p["ended_on"],
                started_cause=p["started_cause"],
                ended_cause=p["ended_cause"] or None,
                due_on=due,
                overdue=due is not None and due < today,
                products=placed[str(p["id"])],
            )
        )
    follow_up = follow_ups.get(str(row["id"]))
    return wire.Episode(
        follow_up_agreed=bool(row["follow_up_agreed"]),
        follow_up_due_on=six_months_after(row["closed_on"])
        if row["closed_on"] is not None and row["follow_up_agreed"]
        else None,
        follow_up=follow_up,
        id=str(row["id"]),
        intake_on=row["intake_on"],
        in_paid_work=row["in_paid_work"],
        work_since=row["work_since"],
        benefits=[b for b in row["benefits"].split(",") if b],  # type: ignore[misc]
        benefits_note=row["benefits_note"],
        decision=decision,
        closed_on=row["closed_on"],
        closure_reason=row["closure_reason"] or None,
        closure_note=row["closure_note"],
        stages=stages,
    )


async def journey(client_id: str) -> wire.Journey:
    episodes, stages = await episodes_of(client_id), await stages_of(client_id)
    names = await _names({str(e["decision_by"]) for e in episodes if e["decision_by"]})
    days = await days_by_stage()
    found = await products.of_client(client_id)
    recorded = await follow_ups_of(client_id)
    today = now().date()
    built = [
        _episode(
            e,
            [s for s in stages if str(s["episode"]) == str(e["id"])],
            names,
            days,
            found,
            today,
            recorded,
        )
        for e in episodes
    ]
    current_episode = next((e for e in built if e.closed_on is None), None)
    past = [e for e in reversed(built) if e.closed_on is not None]
    return wire.Journey(client_id=client_id, current=current_episode, past=past)
