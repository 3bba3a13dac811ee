"""What the goals domain tells the reminder planner: on which days a reminder at a time of day
has something to say (registered with ``backend.reminders.register_days`` in ``backend/app.py``).

- ``goal_checkin``: the person has an active goal that day.
- ``conversation``: the person's monthly structured conversation is due that day.
- ``coach``: one of the coach's clients has a conversation due, or a goal ending within three
  days.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from backend.clients.tables import ClientRecord
from backend.goals.pta import is_due
from backend.goals.tables import Conversation, Goal
from backend.reminders import Day

KINDS = ("goal_checkin", "conversation", "coach")
COACH_GOALS_AHEAD = timedelta(days=3)  # a coach hears of goals ending within three days


async def days_wanted(asked: Collection[Day]) -> set[Day]:
    """The days of ``asked`` on which the reminder has something to say."""
    coaches = sorted({d.user for d in asked if d.kind == "coach"})
    caseload: dict[str, list[str]] = {}
    if coaches:
        for c in await ClientRecord.select(ClientRecord.user, ClientRecord.coach).where(
            ClientRecord.coach.is_in(coaches)
        ):
            caseload.setdefault(str(c["coach"]), []).append(str(c["user"]))
    people = sorted({d.user for d in asked} | {c for cs in caseload.values() for c in cs})
    goals: dict[str, list[tuple[date, date]]] = {}
    held: dict[str, date] = {}
    if people:
        for g in await Goal.select(Goal.client, Goal.starts_on, Goal.ends_on).where(
            Goal.client.is_in(people) & (Goal.status == "active")
        ):
            goals.setdefault(str(g["client"]), []).append((g["starts_on"], g["ends_on"]))
        for c in await Conversation.select(Conversation.client, Conversation.held_on).where(
            Conversation.client.is_in(people)
        ):
            key = str(c["client"])
            if key not in held or c["held_on"] > held[key]:
                held[key] = c["held_on"]

    def active_goal(client: str, day: date) -> bool:
        return any(start <= day <= end for start, end in goals.get(client, []))

    def ending_soon(client: str, day: date) -> bool:
        last = day + COACH_GOALS_AHEAD
        return any(day <= end <= last for _, end in goals.get(client, []))

    def wanted(d: Day) -> bool:
        if d.kind == "goal_checkin":
            return active_goal(d.user, d.day)
        if d.kind == "conversation":
            return is_due(held.get(d.user), d.day)
        clients = caseload.get(d.user, [])
        return any(is_due(held.get(c), d.day) or ending_soon(c, d.day) for c in clients)

    return {d for d in asked if wanted(d)}
