"""Changes to a client's journey: intake, the informed decision, stages started and ended,
closure. The only writer of the episodes and stage periods.

Dates are days at the place (``zone``, UTC by default): none may be in the future, none before
the episode's intake, an end never before its start. Every change ends by writing the journey's
view on the client's record (``history.refresh_record``).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from backend import reminders
from backend.clients import record_of
from backend.journey import reminding, texts
from backend.journey.history import open_episode, refresh_record
from backend.journey.tables import Episode, StagePeriod
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.localtime import is_zone, today
from backend.sync import insert_once
from shared_schemas import journey as wire

NO_EPISODE = "Start the client's support first: record the intake."
NO_STAGE = "There is no such stage in this client's journey."


def today_at(zone: str) -> date:
    """Today at the place; a zone that is not one is refused, naming the field."""
    if not is_zone(zone):
        raise field_error("body.zone", "Choose a time zone from the list.")
    return today(now(), zone)


def _not_future(field: str, day: date, zone: str) -> None:
    if day > today_at(zone):
        raise field_error(field, "The date cannot be in the future.")


async def open_new(actor: Actor, client_id: str, data: wire.EpisodeCreate) -> bool:
    """Intake: a new episode with engagement started on the intake day. False when this
    ``localId`` was recorded before (nothing added)."""
    uid = as_uuid(data.local_id)
    if uid is not None and await Episode.exists().where(Episode.client_uuid == uid):
        await insert_once(Episode, Episode(client_uuid=uid), {"client": client_id}, data)
        return False
    _not_future("body.intakeOn", data.intake_on, data.zone)
    if data.work_since is not None:
        _not_future("body.workSince", data.work_since, data.zone)
    if await open_episode(client_id) is not None:
        raise field_error(
            "body.intakeOn",
            "This client's support is already open. Close it before you start a new one.",
            409,
            "episode_open",
        )
    last_closed = (
        await Episode.select(Episode.closed_on)
        .where((Episode.client == client_id) & Episode.closed_on.is_not_null())
        .order_by(Episode.closed_on, ascending=False)
        .first()
    )
    if last_closed is not None and data.intake_on < last_closed["closed_on"]:
        raise field_error(
            "body.intakeOn",
            "The intake cannot be before the earlier support ended "
            f"({last_closed['closed_on'].isoformat()}).",
        )
    at = now()
    row = Episode(
        client_uuid=uid,
        client=client_id,
        intake_on=data.intake_on,
        in_paid_work=data.in_paid_work,
        work_since=data.work_since,
        benefits=",".join(dict.fromkeys(data.benefits)),
        benefits_note=data.benefits_note.strip(),
        created_by=actor.id,
        created_at=at,
        updated_at=at,
    )
    found, created = await insert_once(Episode, row, {"client": client_id}, data)
    if created:
        await start_at(client_id, found["id"], "engagement", data.intake_on, actor.id, "coach")
        await refresh_record(client_id)
    return created


async def _the_open(client_id: str) -> dict[str, Any]:
    episode = await open_episode(client_id)
    if episode is None:
        raise field_error("body", NO_EPISODE, 409, "no_episode")
    return episode


async def decide(actor: Actor, client_id: str, data: wire.DecisionCreate) -> bool:
    """The client's informed decision to take part, on the open episode. False when it was
    recorded before (the first stays)."""
    if texts.wording(data.text_version, data.locale) is None:
        raise field_error(
            "body.textVersion", "These words are not known. Show the latest words again."
        )
    episode = await _the_open(client_id)
    if episode["decision_at"] is not None:
        return False
    at = now()
    await Episode.update(
        {
            Episode.decision_at: at,
            Episode.decision_by: actor.id,
            Episode.decision_by_role: actor.role,
            Episode.decision_version: data.text_version,
            Episode.decision_locale: data.locale,
            Episode.updated_at: at,
        }
    ).where(Episode.id == episode["id"])
    return True


async def close(actor: Actor, client_id: str, data: wire.EpisodeClose) -> str:
    """Close the open episode: its stages still going on end that day. The episode's id."""
    episode = await _the_open(client_id)
    _not_future("body.closedOn", data.closed_on, data.zone)
    if data.closed_on < episode["intake_on"]:
        raise field_error(
            "body.closedOn",
            f"The end cannot be before the intake ({episode['intake_on'].isoformat()}).",
        )
    going = await _going(episode["id"])
    latest = max((s["started_on"] for s in going), default=None)
    if latest is not None and data.closed_on < latest:
        raise field_error(
            "body.closedOn",
            f"The end cannot be before the latest stage started ({latest.isoformat()}).",
        )
    if data.reason == "other" and not data.note.strip():
        raise field_error("body.note", "Say in a few words why the support ended.")
    at = now()
    await StagePeriod.update(
        {
            StagePeriod.ended_on: data.closed_on,
            StagePeriod.ended_cause: "closed",
            StagePeriod.ended_by: actor.id,
            StagePeriod.updated_at: at,
        }
    ).where((StagePeriod.episode == episode["id"]) & StagePeriod.ended_on.is_null())
    await Episode.update(
        {
            Episode.closed_on: data.closed_on,
            Episode.closure_reason: data.reason,
            Episode.closure_note: data.note.strip(),
            Episode.follow_up_agreed: data.follow_up_agreed,
            Episode.closed_by: actor.id,
            Episode.updated_at: at,
        }
    ).where(Episode.id == episode["id"])
    await refresh_record(client_id)
    if data.follow_up_agreed:
        record = await record_of(client_id)
        if record is not None and record.coach_id is not None:
            await reminders.ensure_rule(
                record.coach_id, "after_support", at=reminding.AT, zone=data.zone
            )
    return str(episode["id"])


async def _going(episode_id: Any) -> list[dict[str, Any]]:
    return list(
        await StagePeriod.select(*StagePeriod.all_columns()).where(
            (StagePeriod.episode == episode_id) & StagePeriod.ended_on.is_null()
        )
    )


async def start_at(
    client_id: str,
    episode_id: Any,
    stage: str,
    on: date,
    by: str | None,
    cause: str,
    job: str | None = None,
    local_id: Any = None,
    request: wire.StageStart | None = None,
) -> None:
    at = now()
    await insert_once(
        StagePeriod,
        StagePeriod(
            client_uuid=local_id or uuid.uuid4(),
            episode=episode_id,
            client=client_id,
            stage=stage,
            started_on=on,
            started_cause=cause,
            job=job,
            started_by=by,
            created_at=at,
            updated_at=at,
        ),
        {"client": client_id},
        request,
    )


async def start_stage(actor: Actor, client_id: str, data: wire.StageStart) -> bool:
    """Start a stage of the open episode (others may go on beside it). False when this
    ``localId`` was recorded before."""
    uid = as_uuid(data.local_id)
    if uid is not None and await StagePeriod.exists().where(StagePeriod.client_uuid == uid):
        await insert_once(StagePeriod, StagePeriod(client_uuid=uid), {"client": client_id}, data)
        return False
    episode = await _the_open(client_id)
    on = data.started_on or today_at(data.zone)
    _not_future("body.startedOn", on, data.zone)
    if on < episode["intake_on"]:
        raise field_error(
            "body.startedOn",
            f"A stage cannot start before the intake ({episode['intake_on'].isoformat()}).",
        )
    if any(s["stage"] == data.stage for s in await _going(episode["id"])):
        raise field_error("body.stage", "This stage is already going on.")
    await start_at(
        client_id, episode["id"], data.stage, on, actor.id, "coach", local_id=uid, request=data
    )
    await refresh_record(client_id)
    return True


async def end_stage(actor: Actor, client_id: str, stage_id: str, data: wire.StageEnd) -> None:
    sid = as_uuid(stage_id)
    row = (
        await StagePeriod.select(*StagePeriod.all_columns())
        .where((StagePeriod.id == sid) & (StagePeriod.client == client_id))
        .first()
        if sid is not None
        else None
    )
    if row is None:
        raise not_found(NO_STAGE)
    on = data.ended_on or today_at(data.zone)
    if row["ended_on"] is not None:
        raise field_error("body.endedOn", "This stage has already ended.")
    _not_future("body.endedOn", on, data.zone)
    if on < row["started_on"]:
        raise field_error(
            "body.endedOn",
            f"A stage cannot end before it started ({row['started_on'].isoformat()}).",
        )
    await StagePeriod.update(
        {
            StagePeriod.ended_on: on,
            StagePeriod.ended_cause: "coach",
            StagePeriod.ended_by: actor.id,
            StagePeriod.updated_at: now(),
        }
    ).where(StagePeriod.id == sid)
    await refresh_record(client_id)
