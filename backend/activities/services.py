"""Activities logged, changed and removed: the only writer of the activity tables.

An activity is made with the UUID the phone made for it (``localId``): the outbox may send it
twice and it lands once (``backend.sync.insert_once``), its clients and agreed actions in the
same transaction. An activity with an employer or one of its people moves the employer's "last
contact" (``backend.employers.record_contact``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

from litestar import Request

from backend import audit, clients, employers, shifts
from backend.activities import access, reading, reminding
from backend.activities.tables import Activity, ActivityClient, AgreedAction
from backend.clients import ClientRow
from backend.employers.tables import Employer, EmployerPerson
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from backend.lib.localtime import instant, parse_hhmm
from backend.reminders import client_changed
from backend.sync import insert_once
from shared_schemas import FieldError
from shared_schemas import activities as wire

NO_CLIENT = clients.NO_CLIENT
FUTURE_SLACK = timedelta(minutes=10)  # a phone's clock a little ahead is not "the future"
NAMED = {"family", "coworker", "professional", "funder"}
"""Whom an activity is with, written as a short name (the others: the client, or a person in
the employer register)."""


def _plain(value: str) -> str:
    return " ".join(value.split())


@dataclass(frozen=True, slots=True)
class _Fields:
    """The checked fields of a create or an update, as stored."""

    values: dict[str, Any]
    agreed: list[wire.AgreedActionSet] | None


def _refuse(errors: list[FieldError]) -> None:
    """One refusal naming every field to blame: a coach on a phone sees all that is missing."""
    if errors:
        refused = field_error(errors[0].field, errors[0].reason)
        refused.problem.errors = errors
        raise refused


async def _employer_of(data: Any, errors: list[FieldError]) -> tuple[str | None, str | None]:
    """(employer, employer person) named by the request, checked to exist; a person's employer
    follows the person."""
    employer, person = data.employer_id, data.employer_person_id
    if person is not None:
        found = None
        if as_uuid(person) is not None:
            found = (
                await EmployerPerson.select(EmployerPerson.employer)
                .where(EmployerPerson.id == as_uuid(person))
                .first()
            )
        if found is None:
            errors.append(
                FieldError(field="body.employerPersonId", reason="Choose a person from the list.")
            )
            return None, None
        return str(found["employer"]), str(as_uuid(person))
    if employer is not None:
        if as_uuid(employer) is None or not await Employer.exists().where(
            Employer.id == as_uuid(employer)
        ):
            errors.append(
                FieldError(field="body.employerId", reason="Choose an employer from the list.")
            )
            return None, None
        return str(as_uuid(employer)), None
    return None, None


def _check_agreed(agreed: list[wire.AgreedActionSet], errors: list[FieldError]) -> None:
    for i, action in enumerate(agreed):
        if not _plain(action.text):
            errors.append(
                FieldError(field=f"body.agreed.{i}.text", reason="Write what was agreed.")
            )
        if action.remind and action.due_on is None:
            errors.append(
                FieldError(
                    field=f"body.agreed.{i}.dueOn",
                    reason="Choose the day of the reminder, or do not ask for one.",
                )
            )


async def _checked(data: Any, current: dict[str, Any] | None) -> _Fields:
    """The request's fields checked against each other (and, for an update, against what is
    stored): every refusal at once."""
    errors: list[FieldError] = []
    values: dict[str, Any] = {}

    def now_or(key: str, new: Any) -> Any:
        return new if new is not None else (current or {}).get(key)

    with_whom = now_or("with_whom", data.with_whom)
    with_name = _plain(now_or("with_name", data.with_name) or "")
    if data.with_whom is not None or data.with_name is not None:
        values["with_whom"], values["with_name"] = with_whom, with_name
    if with_whom in NAMED and not with_name:
        errors.append(
            FieldError(field="body.withName", reason="Write a short name: whom was it with?")
        )
    if data.employer_id is not None or data.employer_person_id is not None:
        values["employer"], values["employer_person"] = await _employer_of(data, errors)
    elif current is None:
        values["employer"] = values["employer_person"] = None
    if (
        with_whom == "employer_person"
        and values.get("employer", (current or {}).get("employer")) is None
        and not with_name
        and not any(e.field.startswith("body.employer") for e in errors)
    ):
        errors.append(
            FieldError(
                field="body.employerPersonId",
                reason="Choose the person at the employer, or write their name.",
            )
        )
    if data.occurred_at is not None:
        if data.occurred_at > clock.now() + FUTURE_SLACK:
            errors.append(
                FieldError(field="body.occurredAt", reason="An activity cannot be in the future.")
            )
        # Stored in UTC: SQLite keeps the text, which Piccolo reads back as UTC.
        values["occurred_at"] = data.occurred_at.astimezone(UTC)
    restricted = now_or("restricted", data.restricted)
    reason = _plain(now_or("restricted_reason", data.restricted_reason) or "")
    if restricted and not reason:
        errors.append(
            FieldError(
                field="body.restrictedReason",
                reason="Say why it is kept from the client: who asked for confidence.",
            )
        )
    if data.restricted is not None or data.restricted_reason is not None:
        values["restricted"], values["restricted_reason"] = (
            bool(restricted),
            reason if restricted else "",
        )
    if data.agreed is not None:
        _check_agreed(data.agreed, errors)
    _refuse(errors)
    for key in ("mode", "made", "minutes"):
        if getattr(data, key) is not None:
            values[key] = getattr(data, key)
    if data.purposes is not None:
        values["purposes"] = reading.purposes_column(data.purposes)
    if data.note is not None:
        values["note"] = data.note.strip()
    return _Fields(values, data.agreed)


async def _records_for(actor: Actor, client_ids: list[str]) -> list[ClientRow]:
    """The clients' records, each one the actor may log for; 422 naming the first that is out
    of reach (whether someone is a client is itself private: the same words either way)."""
    found = await clients.records_of(set(client_ids))
    out: list[ClientRow] = []
    for i, client_id in enumerate(client_ids):
        record = found.get(str(as_uuid(client_id)))
        if record is None or not access.can_log_for(actor, record):
            raise field_error(f"body.clientIds.{i}", NO_CLIENT)
        if record not in out:
            out.append(record)
    return out


def _agreed_rows(activity_id: Any, agreed: list[wire.AgreedActionSet]) -> list[AgreedAction]:
    return [
        AgreedAction(
            activity=activity_id,
            position=i,
            text=_plain(a.text),
            who=a.who,
            due_on=a.due_on,
            remind=a.remind,
        )
        for i, a in enumerate(agreed)
    ]


async def _restricted_audit(
    request: Request[Any, Any, Any] | None,
    actor: Actor,
    action: str,
    activity_id: str,
    records: list[ClientRow],
) -> None:
    """Setting or reading a restricted activity is audit-logged, once per client it is about."""
    for record in records:
        await audit.record(
            action,
            request=request,
            actor=actor.id,
            subject=record.client_id,
            team=record.audit_team,
            detail={"activity": activity_id},
        )


async def create(
    request: Request[Any, Any, Any] | None,
    actor: Actor,
    data: wire.ActivityCreate,
    *,
    shift: tuple[str, Any] | None = None,
    checked: list[ClientRow] | None = None,
) -> tuple[wire.Activity, bool]:
    """Log an activity (idempotent by ``localId``): (the activity, created). ``checked``: the
    clients' records, already read and checked by the caller (a visit's)."""
    records = checked if checked is not None else await _records_for(actor, data.client_ids)
    fields = await _checked(data, None)
    at = clock.now()
    row = Activity(
        client_uuid=as_uuid(data.local_id),
        author=actor.id,
        shift=shift[0] if shift else None,
        shift_day=shift[1] if shift else None,
        created_at=at,
        updated_at=at,
        **fields.values,
    )
    async with Activity._meta.db.transaction():
        found, created = await insert_once(
            Activity, row, {"author": actor.id}, data, read_back=False
        )
        if created:
            await ActivityClient.insert(
                *[
                    ActivityClient(
                        activity=found["id"], client=r.client_id, occurred_at=found["occurred_at"]
                    )
                    for r in records
                ]
            )
            if fields.agreed:
                await AgreedAction.insert(*_agreed_rows(found["id"], fields.agreed))
    if created:
        if found["employer"] is not None:
            await employers.record_contact(str(found["employer"]), found["occurred_at"])
        if found["restricted"]:
            await _restricted_audit(
                request, actor, "activity_restricted", str(found["id"]), records
            )
    if created:
        # The answer is made from what was written: no read of the rows just inserted.
        found["author_name"] = actor.display_name
        found["clients_of_row"] = [(r.client_id, r.display_name) for r in records]
        found["agreed_of_row"] = [
            (i, _plain(a.text), a.who, a.due_on, a.remind)
            for i, a in enumerate(fields.agreed or [])
        ]
    return (await reading.to_wire(actor, [found]))[0], created


async def log_visit(
    request: Request[Any, Any, Any], actor: Actor, data: wire.VisitCreate
) -> tuple[wire.Activity, bool]:
    """ "I was there": a face-to-face visit at the workplace for training on the job, for the
    shift's client, at the shift's times (or the ones given) on its day."""
    occurrence, record = None, None
    if as_uuid(data.shift_id) is not None:
        occurrence = await shifts.occurrence_on(str(as_uuid(data.shift_id)), data.date)
        record = await clients.record_of(occurrence.client) if occurrence else None
        if record is None or not access.can_log_for(actor, record):
            occurrence = None
    if occurrence is None or record is None:
        raise field_error("body.shiftId", "There is no such shift on this day in your caseload.")
    if occurrence.cancelled is not None:
        raise field_error("body.date", "The shift was cancelled on this day.")
    starts = parse_hhmm(data.starts_at) if data.starts_at else occurrence.starts_at
    ends = parse_hhmm(data.ends_at) if data.ends_at else occurrence.ends_at
    start = instant(data.date, starts, occurrence.zone)
    end_day = data.date + timedelta(days=1) if ends <= starts else data.date
    end = instant(end_day, ends, occurrence.zone)
    minutes = max(0, min(24 * 60, int((end - start).total_seconds() // 60)))
    activity = wire.ActivityCreate(
        local_id=data.local_id,
        client_ids=[occurrence.client],
        mode="workplace",
        occurred_at=start,
        purposes=["training"],
        with_whom="client",
        made=True,
        minutes=minutes,
        note=data.note,
    )
    return await create(
        request, actor, activity, shift=(occurrence.shift_id, data.date), checked=[record]
    )


async def update(
    request: Request[Any, Any, Any],
    actor: Actor,
    row: dict[str, Any],
    records: list[ClientRow],
    data: wire.ActivityUpdate,
) -> wire.Activity:
    fields = await _checked(data, row)
    changes = {getattr(Activity, k): v for k, v in fields.values.items()}
    async with Activity._meta.db.transaction():
        if changes:
            changes[Activity.updated_at] = clock.now()
            await Activity.update(changes).where(Activity.id == row["id"])
        if "occurred_at" in fields.values:
            await ActivityClient.update(
                {ActivityClient.occurred_at: fields.values["occurred_at"]}
            ).where(ActivityClient.activity == row["id"])
        if fields.agreed is not None:
            await AgreedAction.delete().where(AgreedAction.activity == row["id"])
            if fields.agreed:
                await AgreedAction.insert(*_agreed_rows(row["id"], fields.agreed))
    stored = await reading.activity_row(str(row["id"]))
    assert stored is not None
    if stored["employer"] is not None:
        await employers.record_contact(str(stored["employer"]), stored["occurred_at"])
    if fields.agreed is not None:
        await _replan(stored)
    if stored["restricted"] and not row["restricted"]:
        await _restricted_audit(request, actor, "activity_restricted", str(row["id"]), records)
    return (await reading.to_wire(actor, [stored]))[0]


async def _replan(row: dict[str, Any]) -> None:
    """The reminders of agreed actions follow their change: the author's and the clients'."""
    for person in await reminding.people_to_replan(row["id"], reading.author_of(row)):
        await client_changed(person)


async def remove(actor: Actor, row: dict[str, Any]) -> None:
    access.require(
        access.can_delete(actor, reading.author_of(row), row["created_at"], clock.now()),
        "An activity can be removed only by its author, within a day of logging it.",
    )
    await Activity.delete().where(Activity.id == row["id"])  # clients and actions cascade


async def visible(
    request: Request[Any, Any, Any], actor: Actor, activity_id: str
) -> tuple[dict[str, Any], list[ClientRow]]:
    """The activity and its clients' records, or 404 when it is out of the actor's reach; a
    restricted one read by someone else than its author is audit-logged."""
    row = await reading.activity_row(activity_id)
    records = (
        list((await clients.records_of(set(await reading.clients_of(row["id"])))).values())
        if row
        else []
    )
    if row is None or not access.can_view_activity(
        actor, reading.author_of(row), row["restricted"], records
    ):
        raise ProblemError(404, "There is no such activity in your reach.")
    if row["restricted"] and not access.is_author(actor, reading.author_of(row)):
        await _restricted_audit(request, actor, "restricted_activity_read", str(row["id"]), records)
    return row, records


async def audit_restricted_in(
    request: Request[Any, Any, Any], actor: Actor, items: list[wire.Activity]
) -> None:
    """A list that shows restricted activities of others: one audit entry per client they are
    about, naming them."""
    shown = [a for a in items if a.restricted and a.author_id != actor.id]
    if not shown:
        return
    records = await clients.records_of({c.id for a in shown for c in a.clients})
    for client_id, record in sorted(records.items()):
        about = [a.id for a in shown if any(c.id == client_id for c in a.clients)]
        await audit.record(
            "restricted_activity_read",
            request=request,
            actor=actor.id,
            subject=record.client_id,
            team=record.audit_team,
            detail={"activities": about},
        )
