"""What the outcomes' figures ask of the monthly conversations: per client, the last one held
on or before a day (one grouped read, bounded by the clients and the days); the goals whose
final evaluation fell in a period (``evaluations_between``, for the GAS figures); the client's
mood chosen in the conversations of a period (``moods_between``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from piccolo.query.functions.aggregate import Max

from backend.clients import InScope, among
from backend.goals.tables import Conversation, Goal
from backend.lib.clock import day as _day
from backend.lib.ids import as_uuid


async def last_held_between(
    clients: Sequence[str] | InScope, first: date, last: date
) -> dict[str, date]:
    """Per client of these (a list, or a scope's): the day of the last conversation held on
    ``first`` … ``last``; clients without one are left out."""
    if not isinstance(clients, InScope) and not any(as_uuid(c) for c in clients):
        return {}
    rows = (
        await Conversation.select(Conversation.client, Max(Conversation.held_on, alias="last"))
        .where(
            among(Conversation.client, clients)
            & (Conversation.held_on >= first)
            & (Conversation.held_on <= last)
        )
        .group_by(Conversation.client)
    )
    out: dict[str, date] = {}
    for r in rows:
        value: Any = r["last"]
        if value is not None:
            out[str(r["client"])] = _day(value)
    return out


@dataclass(frozen=True, slots=True)
class Mood:
    """How a client felt at work (−2 … +2), chosen in the conversation held that day."""

    client_id: str
    held_on: date
    mood: int


async def moods_between(
    clients: Sequence[str] | InScope, first: date, last: date
) -> dict[str, Mood]:
    """Per client of these: the mood of their last conversation held on ``first`` … ``last``
    with one chosen; clients without one are left out. One read, bounded by the clients and
    the days (a month has a conversation or two a client)."""
    if not isinstance(clients, InScope) and not any(as_uuid(c) for c in clients):
        return {}
    rows = (
        await Conversation.select(Conversation.client, Conversation.held_on, Conversation.mood)
        .where(
            among(Conversation.client, clients)
            & (Conversation.held_on >= first)
            & (Conversation.held_on <= last)
            & Conversation.mood.is_not_null()
        )
        .order_by(Conversation.held_on)
    )
    out: dict[str, Mood] = {}
    for r in rows:
        held: Any = r["held_on"]
        out[str(r["client"])] = Mood(str(r["client"]), _day(held), int(r["mood"]))
    return out


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A goal's final evaluation: the client's and the coach's ratings (−2 … +2, None: not
    rated) and its weight, on its last day (the day it ended early, else its end)."""

    goal_id: str
    client_id: str
    title: str
    last_day: date
    weight: float
    client_rating: int | None
    coach_rating: int | None


async def evaluations_between(
    clients: Sequence[str] | InScope, first: date, last: date
) -> list[Evaluation]:
    """The goals (set going, not cancelled) of these clients whose last day is in ``first`` …
    ``last``: the same goals the client's GAS summary puts in a month."""
    early: Any = (Goal.ended_early_on >= first) & (Goal.ended_early_on <= last)
    on_time: Any = Goal.ended_early_on.is_null() & (Goal.ends_on >= first) & (Goal.ends_on <= last)
    rows = await Goal.select(
        Goal.id,
        Goal.client,
        Goal.title,
        Goal.ends_on,
        Goal.ended_early_on,
        Goal.weight,
        Goal.client_rating,
        Goal.coach_rating,
    ).where(
        among(Goal.client, clients) & Goal.status.is_in(["active", "ended"]) & (early | on_time)
    )
    return [
        Evaluation(
            str(r["id"]),
            str(r["client"]),
            r["title"],
            _day(r["ended_early_on"] or r["ends_on"]),
            float(r["weight"] or 1.0),
            r["client_rating"],
            r["coach_rating"],
        )
        for r in rows
    ]
