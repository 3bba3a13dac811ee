"""Opportunities added, moved, changed and removed: the only writer of the opportunity tables.

An opportunity and each step are made with the UUID the phone made for them (``localId``): the
outbox may send them twice and they land once (``backend.sync.insert_once``). Moving to
"contacted" logs the employer contact in the activity log in the same transaction, under an id
made from the step's (a retry of the step finds the step, and logs nothing more); a contact
logged from the opportunity is an activity under its own ``localId``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from litestar import Request

from backend import activities, reminders
from backend.clients import ClientRow
from backend.lib import clock, events
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError
from backend.lib.ids import as_uuid
from backend.lib.localtime import today
from backend.opportunities import access, checks, queries, themes
from backend.opportunities.events import EmployerContacted
from backend.opportunities.reading import to_wire
from backend.opportunities.tables import Opportunity, OpportunityStep
from backend.sync import insert_once
from shared_schemas import FieldError
from shared_schemas import activities as activity_wire
from shared_schemas import opportunities as wire

FOLLOW_UP_AT = "09:00"
"""A follow-up reminder's time of day when the person has none of their own yet."""
INTERVIEW_MINUTES = 120
"""An interview reminder comes this long before, unless the client chose another time."""
STEP_IDS = uuid.UUID("5b0e6a2e-3f47-4c1e-9d43-0a6f1c9c7e11")
"""The namespace of the activity ids made from a step's id (``uuid5``)."""
NO_OPPORTUNITY = "There is no such opportunity in your reach."


async def visible(
    actor: Actor, record_of: Any, opportunity_id: str
) -> tuple[dict[str, Any], ClientRow]:
    """The opportunity and its client's record, or 404 when it is out of the actor's reach."""
    row = await queries.one(opportunity_id) if as_uuid(opportunity_id) is not None else None
    record = await record_of(row["client"]) if row else None
    if row is None or record is None or not access.can_view_pipeline(actor, record):
        raise ProblemError(404, NO_OPPORTUNITY)
    return row, record


async def create(
    actor: Actor, record: ClientRow, data: wire.OpportunityCreate
) -> tuple[wire.Opportunity, bool]:
    """Add an opportunity (idempotent by ``localId``): (the opportunity, created)."""
    errors: list[FieldError] = []
    by_client = access.is_the_client(actor, record)
    zone = checks.zone_of(data.zone, "body.zone", errors)
    if by_client and (data.employer_id or data.employer_person_id or data.job_title):
        errors.append(
            FieldError(
                field="body.employerId",
                reason="Write your idea in your own words; your coach adds the employer.",
            )
        )
        employer = person = None
    else:
        employer, person = await checks.employer_of(
            actor, data.employer_id, data.employer_person_id, errors
        )
    idea, title = data.idea.strip(), checks.plain(data.job_title)
    if (
        employer is None
        and not idea
        and not any(e.field.startswith("body.employer") for e in errors)
    ):
        errors.append(
            FieldError(
                field="body.idea", reason="Choose an employer, or write the idea in a few words."
            )
        )
    on = today(clock.now(), zone)
    if data.follow_up_on is not None and data.follow_up_on < on:
        errors.append(
            FieldError(field="body.followUpOn", reason="A follow-up day cannot be in the past.")
        )
    checks.refuse(errors)
    at = clock.now()
    follow_up_by = actor.id if data.follow_up_on is not None and not by_client else None
    row = Opportunity(
        client_uuid=as_uuid(data.local_id),
        client=record.client_id,
        employer=employer,
        employer_person=person,
        job_title=title,
        idea=idea,
        themes=themes.column(list(data.themes)),
        step="idea",
        step_on=on,
        follow_up_on=data.follow_up_on if follow_up_by else None,
        follow_up_by=follow_up_by,
        by_client=by_client,
        created_by=actor.id,
        created_at=at,
        updated_at=at,
    )
    async with Opportunity._meta.db.transaction():
        found, created = await insert_once(
            Opportunity, row, {"client": record.client_id}, data, read_back=False
        )
        if created:
            await OpportunityStep.insert(
                OpportunityStep(
                    client_uuid=uuid.uuid5(STEP_IDS, f"idea:{found['id']}"),
                    opportunity=found["id"],
                    step="idea",
                    taken_on=on,
                    moved_by=actor.id,
                    created_at=at,
                )
            )
    if created and follow_up_by:
        await reminders.ensure_rule(follow_up_by, "follow_up", at=FOLLOW_UP_AT, zone=zone)
    return await _answer(actor, record, str(found["id"])), created


async def _answer(actor: Actor, record: ClientRow, opportunity_id: str) -> wire.Opportunity:
    stored = await queries.one(opportunity_id)
    assert stored is not None
    return (await to_wire([stored], access.can_move(actor, record)))[0]


async def update(
    actor: Actor, record: ClientRow, row: dict[str, Any], data: wire.OpportunityUpdate
) -> wire.Opportunity:
    access.require(access.can_change(actor, record, row["by_client"], row["step"]))
    errors: list[FieldError] = []
    values: dict[Any, Any] = {}
    staff = access.can_move(actor, record)
    zone = checks.zone_of(data.zone or "UTC", "body.zone", errors)
    if not staff and (data.follow_up_on is not None or data.clear_follow_up):
        errors.append(
            FieldError(field="body.followUpOn", reason="Your coach sets the follow-up day.")
        )
    if not staff and (data.employer_id or data.employer_person_id or data.job_title):
        errors.append(
            FieldError(
                field="body.employerId",
                reason="Write your idea in your own words; your coach adds the employer.",
            )
        )
    elif data.employer_id is not None or data.employer_person_id is not None:
        employer, person = await checks.employer_of(
            actor, data.employer_id, data.employer_person_id, errors
        )
        values[Opportunity.employer], values[Opportunity.employer_person] = employer, person
    if data.job_title is not None:
        values[Opportunity.job_title] = checks.plain(data.job_title)
    if data.idea is not None:
        values[Opportunity.idea] = data.idea.strip()
    if data.themes is not None:
        values[Opportunity.themes] = themes.column(list(data.themes))
    follow_up_changed = data.clear_follow_up or data.follow_up_on is not None
    if data.follow_up_on is not None:
        if data.follow_up_on < today(clock.now(), zone):
            errors.append(
                FieldError(field="body.followUpOn", reason="A follow-up day cannot be in the past.")
            )
        values[Opportunity.follow_up_on] = data.follow_up_on
        values[Opportunity.follow_up_by] = actor.id
    elif data.clear_follow_up:
        values[Opportunity.follow_up_on] = None
        values[Opportunity.follow_up_by] = None
    interview_asked = any(
        v is not None
        for v in (data.interview_on, data.interview_at, data.interview_zone, data.interview_place)
    )
    if interview_asked:
        if row["step"] != "interview":
            errors.append(
                FieldError(
                    field="body.interviewOn",
                    reason="Move the opportunity to the interview step first.",
                )
            )
        else:
            values.update(
                {
                    getattr(Opportunity, k): v
                    for k, v in checks.interview(data, zone, row, errors).items()
                }
            )
    checks.refuse(errors)
    if values:
        values[Opportunity.updated_at] = clock.now()
        await Opportunity.update(values).where(Opportunity.id == row["id"])
    await _replan(
        row,
        follow_up=follow_up_changed,
        follow_up_by=actor.id if data.follow_up_on is not None else None,
        zone=zone,
        interview=interview_asked,
    )
    return await _answer(actor, record, str(row["id"]))


async def _replan(
    row: dict[str, Any], *, follow_up: bool, follow_up_by: str | None, zone: str, interview: bool
) -> None:
    """The reminders follow the change: the follow-up's person (the one before too), and the
    client's interview reminder."""
    if follow_up:
        before = row["follow_up_by"]
        if before and before != follow_up_by:
            await reminders.client_changed(before)
        if follow_up_by:
            await reminders.ensure_rule(follow_up_by, "follow_up", at=FOLLOW_UP_AT, zone=zone)
    if interview:
        await reminders.ensure_rule(
            str(row["client"]), "interview", minutes_before=INTERVIEW_MINUTES
        )


async def _log_contact(
    request: Request[Any, Any, Any] | None,
    actor: Actor,
    record: ClientRow,
    row: dict[str, Any],
    local_id: str,
    at: datetime,
    *,
    mode: str,
    made: bool,
    minutes: int,
    note: str,
) -> tuple[activity_wire.Activity, bool]:
    """The employer contact as an activity of the activity log: with the person at the
    employer (or the employer, or the idea's words), about the employer and the job search."""
    with_name = ""
    if row["employer"] is None:
        with_name = checks.plain(row["idea"])[:120] or "Employer"
    return await activities.log_activity(
        request,
        actor,
        activity_wire.ActivityCreate(
            local_id=local_id,
            client_ids=[record.client_id],
            mode=mode,  # type: ignore[arg-type]
            occurred_at=at,
            purposes=["employer_contact", "job_search"],
            with_whom="employer_person",
            with_name=with_name,
            employer_id=row["employer"] if row["employer_person"] is None else None,
            employer_person_id=row["employer_person"],
            made=made,
            minutes=minutes,
            note=note,
        ),
        checked=[record],
    )


async def move(
    request: Request[Any, Any, Any] | None,
    actor: Actor,
    record: ClientRow,
    row: dict[str, Any],
    data: wire.StepMove,
) -> tuple[wire.Opportunity, bool]:
    """Move to a step (idempotent by ``localId``): (the opportunity, moved now)."""
    access.require(access.can_move(actor, record), "Your coach moves the steps.")
    errors: list[FieldError] = []
    zone = checks.zone_of(data.zone, "body.zone", errors)
    at, on = checks.moment(data, zone, errors)
    values: dict[Any, Any] = {}
    if data.step == "interview":
        values = {
            getattr(Opportunity, k): v for k, v in checks.interview(data, zone, row, errors).items()
        }
    if data.follow_up_on is not None and data.follow_up_on < on:
        errors.append(
            FieldError(field="body.followUpOn", reason="A follow-up day cannot be in the past.")
        )
    checks.refuse(errors)
    step = OpportunityStep(
        client_uuid=as_uuid(data.local_id),
        opportunity=row["id"],
        step=data.step,
        taken_on=on,
        note=checks.plain(data.note),
        moved_by=actor.id,
        created_at=clock.now(),
    )
    async with Opportunity._meta.db.transaction():
        step.position = await OpportunityStep.count().where(
            OpportunityStep.opportunity == row["id"]
        )
        found, created = await insert_once(
            OpportunityStep, step, {"opportunity": row["id"]}, data, read_back=False
        )
        if created:
            if data.step == "contacted":
                activity, _ = await _log_contact(
                    request,
                    actor,
                    record,
                    row,
                    str(uuid.uuid5(STEP_IDS, data.local_id)),
                    at,
                    mode=data.mode,
                    made=data.made,
                    minutes=data.minutes,
                    note=checks.plain(data.note),
                )
                await OpportunityStep.update({OpportunityStep.activity: activity.id}).where(
                    OpportunityStep.id == found["id"]
                )
            newest = await _newest_step(row["id"])
            values[Opportunity.step], values[Opportunity.step_on] = newest
            values[Opportunity.follow_up_on] = data.follow_up_on
            values[Opportunity.follow_up_by] = actor.id if data.follow_up_on else None
            values[Opportunity.updated_at] = clock.now()
            await Opportunity.update(values).where(Opportunity.id == row["id"])
    if created:
        await _replan(
            row,
            follow_up=True,
            follow_up_by=actor.id if data.follow_up_on else None,
            zone=zone,
            interview=data.step == "interview" or row["step"] == "interview",
        )
        if data.step == "contacted":
            await events.emit(EmployerContacted(str(row["id"]), record.client_id, on, actor.id))
    return await _answer(actor, record, str(row["id"])), created


async def _newest_step(opportunity_id: Any) -> tuple[str, date]:
    """The step the opportunity is at: the one recorded last (a step is moved in one tap; its
    day says when it happened, which may be an earlier day entered later)."""
    newest = (
        await OpportunityStep.select(OpportunityStep.step, OpportunityStep.taken_on)
        .where(OpportunityStep.opportunity == opportunity_id)
        .order_by(OpportunityStep.position, ascending=False)
        .first()
    )
    assert newest is not None
    return newest["step"], newest["taken_on"]


async def contact(
    request: Request[Any, Any, Any],
    actor: Actor,
    record: ClientRow,
    row: dict[str, Any],
    data: wire.ContactCreate,
) -> tuple[activity_wire.Activity, bool]:
    """A contact with the employer about the opportunity, logged as an activity (idempotent by
    ``localId``, the activity's own)."""
    access.require(access.can_move(actor, record), "Your coach logs the contacts.")
    errors: list[FieldError] = []
    at, _ = checks.moment(data, "UTC", errors)
    checks.refuse(errors)
    return await _log_contact(
        request,
        actor,
        record,
        row,
        data.local_id,
        at,
        mode=data.mode,
        made=data.made,
        minutes=data.minutes,
        note=data.note.strip(),
    )


async def remove(actor: Actor, record: ClientRow, row: dict[str, Any]) -> None:
    access.require(access.can_change(actor, record, row["by_client"], row["step"]))
    await Opportunity.delete().where(Opportunity.id == row["id"])  # its steps cascade
    await _replan(row, follow_up=True, follow_up_by=None, zone="UTC", interview=False)
    if row["interview_at"] is not None:
        await reminders.client_changed(str(row["client"]))
