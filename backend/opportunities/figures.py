"""The figures of job finding, per coach over a period:

- **employer contacts per week**: the activities with the purpose ``employer_contact`` the coach
  logged, made and only attempted, per week (Monday to Sunday at the zone asked for) — each
  activity once, however many clients it was for;
- **days from intake to the first employer contact**: for the clients of the coach's caseload
  whose intake fell in the period, the days from the intake to the first employer contact made
  (by anyone) on or after it; the median of those contacted, and how many are still waiting.

The intake is the journey's (a layer above): it answers through ``answer_intakes``, wired in
``backend/app.py``, as the reminders domain's planners are answered.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median

from backend import activities
from backend.clients import InScope, among
from backend.lib.clock import day
from backend.lib.ids import as_uuid
from backend.lib.localtime import instant, local
from backend.opportunities.tables import OpportunityStep

PURPOSE = "employer_contact"
IntakesSource = Callable[[Sequence[str]], Awaitable[dict[str, date]]]
_intakes: list[IntakesSource] = []


def answer_intakes(source: IntakesSource) -> None:
    """``source(client_ids)`` gives each client's intake day (of their newest episode)."""
    _intakes[:] = [source]


async def intakes_of(client_ids: Sequence[str]) -> dict[str, date]:
    if not _intakes:
        raise LookupError("no source of intake days (wired in backend/app.py)")
    return await _intakes[0](client_ids)


def week_of(day: date) -> date:
    """The Monday of ``day``'s week (ISO 8601)."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Week:
    week_of: date
    made: int
    attempted: int


def contacts_per_week(
    contacts: Iterable[activities.Counted], first: date, last: date, zone: str
) -> dict[str, list[Week]]:
    """Per author, each week from ``first``'s to ``last``'s (weeks without contacts too): the
    employer contacts made and attempted, each activity once."""
    seen: dict[str, dict[str, tuple[date, bool]]] = {}
    for c in contacts:
        if c.author_id is not None:
            day = local(c.occurred_at, zone).date()
            seen.setdefault(c.author_id, {})[c.activity_id] = (week_of(day), c.made)
    weeks = []
    monday = week_of(first)
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(days=7)
    out: dict[str, list[Week]] = {}
    for author, by_activity in seen.items():
        counts = {w: [0, 0] for w in weeks}
        for w, made in by_activity.values():
            if w in counts:
                counts[w][0 if made else 1] += 1
        out[author] = [Week(w, m, a) for w, (m, a) in counts.items()]
    return out


def days_to_first_contact(
    intakes: dict[str, date], contacts: Iterable[activities.Counted], zone: str
) -> dict[str, int | None]:
    """Per client: the days from intake to the first employer contact made on or after it
    (None: none yet)."""
    first: dict[str, date] = {}
    for c in contacts:
        day = local(c.occurred_at, zone).date()
        intake = intakes.get(c.client_id)
        if c.made and intake is not None and day >= intake:
            first[c.client_id] = min(day, first.get(c.client_id, day))
    return {
        client: (first[client] - intake).days if client in first else None
        for client, intake in intakes.items()
    }


def median_days(days: Iterable[int | None]) -> float | None:
    known = [d for d in days if d is not None]
    return float(median(known)) if known else None


def period(first: date, last: date, zone: str) -> tuple[datetime, datetime]:
    """The instants of the local days ``first`` … ``last`` at ``zone``."""
    return instant(first, time(), zone), instant(last + timedelta(days=1), time(), zone)


async def contacts_by(
    authors: Sequence[str], first: date, last: date, zone: str
) -> dict[str, list[Week]]:
    """Employer contacts per week of these authors over the local days ``first`` … ``last``."""
    start, end = period(first, last, zone)
    found = await activities.with_purpose(PURPOSE, start, end, authors=authors)
    return contacts_per_week(found, first, last, zone)


async def first_contacts(
    client_ids: Sequence[str], first: date, last: date, zone: str, until: datetime
) -> dict[str, int | None]:
    """Of these clients, those with their intake in ``first`` … ``last``: the days from intake
    to their first employer contact (made before ``until``), None while there is none."""
    intakes = {c: d for c, d in (await intakes_of(client_ids)).items() if first <= d <= last}
    if not intakes:
        return {}
    start, _ = period(min(intakes.values()), last, zone)
    found = await activities.with_purpose(PURPOSE, start, until, clients=sorted(intakes))
    return days_to_first_contact(intakes, found, zone)


@dataclass(frozen=True, slots=True)
class StepReached:
    """An opportunity that reached ``step`` on ``taken_on`` (the first such day asked about)."""

    opportunity_id: str
    client_id: str
    step: str
    taken_on: date
    title: str
    employer_name: str


async def steps_reached(
    clients: Sequence[str] | InScope, first: date, last: date
) -> list[StepReached]:
    """The steps the opportunities of these clients reached on ``first`` … ``last``: each step
    of each opportunity once (the first day it was taken then), whatever came after."""
    if not isinstance(clients, InScope) and not any(as_uuid(c) for c in clients):
        return []
    rows = await OpportunityStep.select(
        OpportunityStep.opportunity,
        OpportunityStep.opportunity.client.as_alias("client"),
        OpportunityStep.step,
        OpportunityStep.taken_on,
        OpportunityStep.opportunity.job_title.as_alias("title"),
        OpportunityStep.opportunity.employer.name.as_alias("employer_name"),  # type: ignore[union-attr]
    ).where(
        among(OpportunityStep.opportunity.client, clients)
        & (OpportunityStep.taken_on >= first)
        & (OpportunityStep.taken_on <= last)
    )
    out: dict[tuple[str, str], StepReached] = {}
    for r in rows:
        on = day(r["taken_on"])
        key = (str(r["opportunity"]), r["step"])
        if key not in out or on < out[key].taken_on:
            out[key] = StepReached(
                opportunity_id=key[0],
                client_id=str(r["client"]),
                step=r["step"],
                taken_on=on,
                title=r["title"] or "",
                employer_name=r["employer_name"] or "",
            )
    return list(out.values())
