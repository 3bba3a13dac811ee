"""What agreements tell the reminder planner: on which days a ``meeting`` reminder has something
to say (registered with ``backend.reminders.register_days`` in ``backend/app.py``).

A person — the client, or the coach or mentor — hears of a meeting on each day the agreed rhythm
of one of their agreements in force asks for one (``rhythm.is_due``), when the two chose a time
for reminders. The rule itself is made for both of them when the partner signs
(``services.sign``); an ended agreement says nothing more.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from backend.agreements import rhythm
from backend.agreements.reading import in_force, versions_of
from backend.agreements.tables import Agreement
from backend.reminders import Day

KINDS = ("meeting",)


async def days_wanted(asked: Collection[Day]) -> set[Day]:
    """The days of ``asked`` on which a meeting is due for the person."""
    people = sorted({d.user for d in asked})
    if not people:
        return set()
    rows = await Agreement.select(Agreement.id, Agreement.client, Agreement.partner).where(
        (Agreement.client.is_in(people) | Agreement.partner.is_in(people))
        & Agreement.ended_at.is_null()
    )
    versions = await versions_of([r["id"] for r in rows])
    schedules: dict[str, list[tuple[str, date, date]]] = {}
    for r in rows:
        version = in_force(versions.get(str(r["id"]), []))
        if version is None or not version["remind_at"]:
            continue
        plan = (version["rhythm"], version["starts_on"], version["ends_on"])
        for person in (r["client"], r["partner"]):
            if person is not None:
                schedules.setdefault(str(person), []).append(plan)
    return {
        d
        for d in asked
        if any(
            rhythm.is_due(kind, start, end, d.day) for kind, start, end in schedules.get(d.user, [])
        )
    }
