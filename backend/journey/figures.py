"""What the figures above ask of the journey, for a set of clients (a list, or a team's or a
caseload's as ``clients.InScope``) on a day or over days: who was in support, in which stages
and since when, whose intake fell when.

Each answer is one indexed read bounded by the clients asked about, and a typed row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from backend.clients import InScope, among
from backend.journey.tables import Episode, StagePeriod, StageTarget
from backend.lib.clock import day as _day
from backend.lib.ids import as_uuid


def _none(clients: Sequence[str] | InScope) -> bool:
    """No client asked about (an empty list): nothing to read."""
    return not isinstance(clients, InScope) and not any(as_uuid(c) for c in clients)


async def support_on(day: date, clients: Sequence[str] | InScope) -> dict[str, date]:
    """Of these clients, those in support on ``day`` (an episode with its intake on or before
    it, not closed on or before it), with that episode's intake day."""
    if _none(clients):
        return {}
    rows = await Episode.select(Episode.client, Episode.intake_on).where(
        among(Episode.client, clients)
        & (Episode.intake_on <= day)
        & (Episode.closed_on.is_null() | (Episode.closed_on > day))
    )
    return {str(r["client"]): _day(r["intake_on"]) for r in rows}


@dataclass(frozen=True, slots=True)
class StageOn:
    """A stage a client was in on a day: since when, and the organisation's target in days for
    it (None: no target)."""

    client_id: str
    stage: str
    started_on: date
    target_days: int | None


async def stages_on(day: date, clients: Sequence[str] | InScope) -> list[StageOn]:
    """The stages going on on ``day`` (started on or before it, not ended on or before it) of
    these clients; stages may overlap, so a client may be in two."""
    if _none(clients):
        return []
    rows = await StagePeriod.select(
        StagePeriod.client, StagePeriod.stage, StagePeriod.started_on
    ).where(
        among(StagePeriod.client, clients)
        & (StagePeriod.started_on <= day)
        & (StagePeriod.ended_on.is_null() | (StagePeriod.ended_on > day))
    )
    targets = {
        t["stage"]: t["days"] for t in await StageTarget.select(StageTarget.stage, StageTarget.days)
    }
    return [
        StageOn(
            client_id=str(r["client"]),
            stage=r["stage"],
            started_on=_day(r["started_on"]),
            target_days=targets.get(r["stage"]),
        )
        for r in rows
    ]


async def intakes_between(
    first: date, last: date, clients: Sequence[str] | InScope
) -> dict[str, date]:
    """Of these clients, those with an intake on ``first`` … ``last``: the first such day."""
    if _none(clients):
        return {}
    rows = await Episode.select(Episode.client, Episode.intake_on).where(
        among(Episode.client, clients) & (Episode.intake_on >= first) & (Episode.intake_on <= last)
    )
    out: dict[str, date] = {}
    for r in rows:
        day = _day(r["intake_on"])
        out[str(r["client"])] = min(day, out.get(str(r["client"]), day))
    return out


async def out_of_work_at_entry(day: date, clients: Sequence[str] | InScope) -> dict[str, date]:
    """Of these clients, those in support on ``day`` whose situation at the intake of that
    episode was "not in paid work", with the intake day."""
    if _none(clients):
        return {}
    rows = await Episode.select(Episode.client, Episode.intake_on).where(
        among(Episode.client, clients)
        & (Episode.intake_on <= day)
        & (Episode.closed_on.is_null() | (Episode.closed_on > day))
        & (Episode.in_paid_work == False)  # noqa: E712 (a column condition, not a comparison)
    )
    return {str(r["client"]): _day(r["intake_on"]) for r in rows}
