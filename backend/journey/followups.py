"""The six-month follow-up: where a client agreed, on leaving, to be asked about their situation
later, their coach is reminded six months after the closing day (on the coach's week) and
records the situation then: in work, in education or training, looking, something else.

The ESF+ longer-term result "in employment six months after leaving" is counted from these
records (``backend/reports``); a client who was not asked, or not reached, is not counted as
in work. The record is the client's data (My data, the export) and goes with an erasure.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from backend import reminders
from backend.clients import InScope, among
from backend.journey.tables import Episode, FollowUp
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.clock import day as _day
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.localtime import is_zone, today
from backend.sync import insert_once
from shared_schemas import journey as wire
from shared_schemas import shifts as week_wire

NO_EPISODE = "There is no such ended support in this client's journey."
MONTHS = 6


def six_months_after(day: date) -> date:
    """The same day six calendar months later (the month's last day where it has no such day:
    31 August → 28 or 29 February)."""
    month = day.month - 1 + MONTHS
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def six_months_before(day: date) -> date:
    """The earliest closing day whose six months have come by ``day``'s (the inverse, for a
    query's bound: ``six_months_after(x) <= day`` exactly when ``x <= six_months_before(day)``
    — the last days of a longer month all fall on a shorter month's last day)."""
    month = day.month - 1 - MONTHS
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return date(year, month, last)
    return date(year, month, min(day.day, last))


async def follow_ups_of(client_id: str) -> dict[str, wire.FollowUp]:
    """The client's follow-ups by episode id (the journey shows each on its episode)."""
    rows = await FollowUp.select(
        FollowUp.episode, FollowUp.situation, FollowUp.situation_on, FollowUp.created_at
    ).where(FollowUp.client == client_id)
    return {
        str(r["episode"]): wire.FollowUp(
            situation=r["situation"],
            situation_on=_day(r["situation_on"]),
            recorded_at=r["created_at"],
        )
        for r in rows
    }


async def record(actor: Actor, client_id: str, episode_id: str, data: wire.FollowUpCreate) -> bool:
    """Record the situation on an ended episode whose client agreed to be asked. False when
    this ``localId`` was recorded before (nothing added); 409 when another was."""
    uid = as_uuid(data.local_id)
    eid = as_uuid(episode_id)
    episode = (
        await Episode.select(Episode.id, Episode.closed_on, Episode.follow_up_agreed)
        .where((Episode.id == eid) & (Episode.client == client_id))
        .first()
        if eid is not None
        else None
    )
    if episode is None or episode["closed_on"] is None:
        raise not_found(NO_EPISODE)
    owner = {"client": client_id, "episode": episode["id"]}
    if uid is not None and await FollowUp.exists().where(FollowUp.client_uuid == uid):
        await insert_once(FollowUp, FollowUp(client_uuid=uid), owner, data)
        return False
    if not episode["follow_up_agreed"]:
        raise field_error(
            "body.situation",
            "The client did not agree to be asked about their situation later.",
            409,
            "not_agreed",
        )
    if not is_zone(data.zone):
        raise field_error("body.zone", "Choose a time zone from the list.")
    if data.situation_on > today(clock.now(), data.zone):
        raise field_error("body.situationOn", "The date cannot be in the future.")
    closed = _day(episode["closed_on"])
    if data.situation_on < closed:
        raise field_error(
            "body.situationOn",
            f"The date cannot be before the support ended ({closed.isoformat()}).",
        )
    if await FollowUp.exists().where(FollowUp.episode == episode["id"]):
        raise field_error(
            "body.situation",
            "The situation after this support is recorded already.",
            409,
            "follow_up_recorded",
        )
    row = FollowUp(
        client_uuid=uid or uuid.uuid4(),
        episode=episode["id"],
        client=client_id,
        situation=data.situation,
        situation_on=data.situation_on,
        recorded_by=actor.id,
        created_at=clock.now(),
    )
    _, created = await insert_once(FollowUp, row, owner, data)
    if created:  # the coach's reminder of it, planned ahead, is dropped
        await reminders.client_changed(client_id)
    return created


async def follow_ups_due(names: Mapping[str, str], until: date) -> list[week_wire.FollowUpDue]:
    """Of these clients (id → name), the ended episodes whose client agreed to be asked, whose
    six months have come by ``until`` and whose situation is not recorded: one read over these
    clients' closed episodes (a page of the week reads no other client's), earliest first."""
    ids = [u for u in (as_uuid(c) for c in names) if u is not None]
    if not ids:
        return []
    rows = await Episode.select(Episode.id, Episode.client, Episode.closed_on).where(
        Episode.client.is_in(ids)
        & Episode.follow_up_agreed.eq(True)
        & Episode.closed_on.is_not_null()
        & (Episode.closed_on <= six_months_before(until))
    )
    if not rows:
        return []
    done = {
        str(r["episode"])
        for r in await FollowUp.select(FollowUp.episode).where(
            FollowUp.episode.is_in([r["id"] for r in rows])
        )
    }
    due = [
        week_wire.FollowUpDue(
            owner_id=str(r["client"]),
            display_name=names[str(r["client"])],
            episode_id=str(r["id"]),
            closed_on=_day(r["closed_on"]),
            due_on=six_months_after(_day(r["closed_on"])),
        )
        for r in rows
        if str(r["id"]) not in done
    ]
    return sorted(due, key=lambda d: (d.due_on, d.display_name, d.owner_id, d.episode_id))


@dataclass(frozen=True, slots=True)
class EpisodeSpan:
    """An episode for a funder's figures: its days, the situation at entry, whether the client
    agreed to the follow-up, and what was recorded then (None: nothing yet)."""

    client_id: str
    episode_id: str
    intake_on: date
    closed_on: date | None
    in_paid_work: bool
    follow_up_agreed: bool
    follow_up: str | None = None
    follow_up_on: date | None = None


async def episodes_between(
    first: date, last: date, clients: Sequence[str] | InScope
) -> list[EpisodeSpan]:
    """Of these clients, the episodes open on at least one of the days ``first`` … ``last``
    (intake on or before ``last``, not closed before ``first``) and those whose six months after
    leaving fall on those days, each with its follow-up. Oldest intake first."""
    day = timedelta(days=1)
    if not isinstance(clients, InScope) and not any(as_uuid(c) for c in clients):
        return []
    open_then = (Episode.intake_on <= last) & (
        Episode.closed_on.is_null() | (Episode.closed_on >= first)
    )
    six_months = (Episode.closed_on >= six_months_before(first - day) + day) & (
        Episode.closed_on <= six_months_before(last)
    )
    rows = await (
        Episode.select(
            Episode.id,
            Episode.client,
            Episode.intake_on,
            Episode.closed_on,
            Episode.in_paid_work,
            Episode.follow_up_agreed,
        )
        .where(among(Episode.client, clients) & (open_then | six_months))
        .order_by(Episode.intake_on)
        .order_by(Episode.id)
    )
    recorded: dict[str, tuple[str, date]] = {}
    if rows:
        recorded = {
            str(r["episode"]): (r["situation"], _day(r["situation_on"]))
            for r in await FollowUp.select(
                FollowUp.episode, FollowUp.situation, FollowUp.situation_on
            ).where(FollowUp.episode.is_in([r["id"] for r in rows]))
        }
    out = []
    for r in rows:
        found = recorded.get(str(r["id"]))
        out.append(
            EpisodeSpan(
                client_id=str(r["client"]),
                episode_id=str(r["id"]),
                intake_on=_day(r["intake_on"]),
                closed_on=_day(r["closed_on"]) if r["closed_on"] is not None else None,
                in_paid_work=bool(r["in_paid_work"]),
                follow_up_agreed=bool(r["follow_up_agreed"]),
                follow_up=found[0] if found else None,
                follow_up_on=found[1] if found else None,
            )
        )
    return out
