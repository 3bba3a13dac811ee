"""Shifts and their cancelled dates: the only writer of the shifts tables.

Every change tells the reminder planner, which drops the client's pending shift reminders and
plans them again from the new times.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

import msgspec

from backend.employers import client_of_job
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.localtime import hhmm, is_zone, parse_hhmm, today
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.reminders import client_changed
from backend.shifts import plans, schedule
from backend.shifts.plans import exceptions_of as _cancelled
from backend.shifts.plans import plans_of, starting_on
from backend.shifts.schedule import Occurrence, ShiftPlan
from backend.shifts.tables import Shift, ShiftException
from backend.sync import insert_once
from shared_schemas import shifts as wire

NO_SHIFT = "There is no such shift in your reach."
MAX_DAYS = 62  # how far ahead lists of occurrences reach
NEXT_DAYS = 62  # how far ahead the next shift is looked for
ONE_DAY = timedelta(days=1)


async def shift_row(shift_id: str) -> dict[str, Any] | None:
    if as_uuid(shift_id) is None:
        return None
    row: dict[str, Any] | None = (
        await Shift.select(*Shift.all_columns())
        .where(Shift.id == as_uuid(shift_id))
        .first()
        .output(load_json=True)
    )
    return row


# --- reading ------------------------------------------------------------------------------


def _wire(row: dict[str, Any], exceptions: dict[date, tuple[str, str]]) -> wire.Shift:
    return wire.Shift(
        id=str(row["id"]),
        owner_id=str(row["client"]),
        workplace=row["workplace"],
        zone=row["zone"],
        starts_at=hhmm(row["starts_at"]),
        ends_at=hhmm(row["ends_at"]),
        repeat=row["repeat"],
        date=row["on_date"],
        weekdays=sorted(int(d) for d in row["weekdays"] or []),
        from_date=row["from_date"],
        until=row["until"],
        exceptions=[
            wire.ShiftException(date=d, reason=reason, note=note)  # type: ignore[arg-type]
            for d, (reason, note) in sorted(exceptions.items())
        ],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        ends_next_day=row["ends_at"] <= row["starts_at"],
        job_id=str(row["job"]) if row["job"] is not None else None,
    )


async def detail(shift_id: Any) -> wire.Shift:
    row = await shift_row(str(shift_id))
    assert row is not None
    cancelled = await _cancelled([row["id"]])
    return _wire(row, cancelled.get(str(row["id"]), {}))


SHIFTS = "shifts"
"""The shift list's name in its cursors."""


def shifts_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of a client's shifts: in the order they were entered (then by id)."""
    return page_request(SHIFTS, cursor, limit, datetime, str)


async def shifts_of(client_id: str, page: PageRequest) -> tuple[list[wire.Shift], str | None]:
    """A client's shifts as entered, oldest first: one page and the next page's cursor."""
    where: Any = Shift.client == client_id
    if (after := after_key(page, Shift.created_at, Shift.id)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await Shift.select(*Shift.all_columns())
        .where(where)
        .order_by(Shift.created_at, Shift.id)
        .limit(page.fetch)
        .output(load_json=True),
        page,
        SHIFTS,
        lambda r: (r["created_at"], str(r["id"])),
    )
    cancelled = await _cancelled([r["id"] for r in rows])
    return [_wire(r, cancelled.get(str(r["id"]), {})) for r in rows], next_cursor


def day_word(day: date, today_there: date) -> str:
    """The day in plain words relative to today at the place."""
    delta = (day - today_there).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if 1 < delta < 7:
        return "weekday"
    return "date"


def occurrence_wire(o: Occurrence, at: datetime) -> wire.Occurrence:
    return wire.Occurrence(
        shift_id=o.shift_id,
        owner_id=o.client,
        date=o.day,
        day=day_word(o.day, today(at, o.zone)),  # type: ignore[arg-type]
        weekday=o.day.isoweekday(),
        starts_at=hhmm(o.starts_at),
        ends_at=hhmm(o.ends_at),
        workplace=o.workplace,
        zone=o.zone,
        start=o.start,
        end=o.end,
        cancelled=o.cancelled,  # type: ignore[arg-type]
        job_id=o.job,
    )


async def next_shift(client_id: str) -> wire.NextShift:
    at = clock.now()
    plans = await plans_of([client_id], at - ONE_DAY, at + timedelta(days=NEXT_DAYS + 1))
    found = schedule.next_after(plans, at, horizon_days=NEXT_DAYS)
    if found is None:
        return wire.NextShift(next=None, minutes_until=None)
    minutes = max(0, int((found.start - at).total_seconds() // 60))
    return wire.NextShift(next=occurrence_wire(found, at), minutes_until=minutes)


async def todays(client_id: str) -> list[wire.Occurrence]:
    """Shifts starting today at their workplace (cancelled ones listed, marked)."""
    at = clock.now()
    out = []
    for plan in await plans_of([client_id], at - ONE_DAY, at + ONE_DAY):
        day = today(at, plan.zone)
        out.extend(schedule.on_days(plan, day, day, cancelled=True))
    out.sort(key=lambda o: o.start)
    return [occurrence_wire(o, at) for o in out]


def _not_ended(
    plans: list[ShiftPlan], at: datetime, days: int, *, cancelled: bool
) -> list[Occurrence]:
    """Occurrences that have not ended at ``at`` and start within ``days`` days of it. A shift
    lasts at most a day, so one that started in the last day may be under way: it counts (the
    client's two weeks must not say "no work" today while they are at work)."""
    found = schedule.starting_between(
        plans, at - ONE_DAY, at + timedelta(days=days), cancelled=cancelled
    )
    return [o for o in found if o.end > at]


async def upcoming(client_id: str, days: int) -> list[wire.Occurrence]:
    """Shifts not yet ended that start within ``days`` days, cancelled ones marked."""
    at = clock.now()
    found = _not_ended(await _plans_near([client_id], at, days), at, days, cancelled=True)
    return [occurrence_wire(o, at) for o in found]


async def coming(client_ids: Sequence[str], days: int) -> list[Occurrence]:
    """See ``backend.shifts.coming``."""
    at = clock.now()
    return _not_ended(await _plans_near(client_ids, at, days), at, days, cancelled=False)


async def _plans_near(client_ids: Sequence[str], at: datetime, days: int) -> list[ShiftPlan]:
    """The shifts that may be under way at ``at`` or start within ``days`` days of it."""
    return await plans_of(list(client_ids), at - ONE_DAY, at + timedelta(days=days))


async def occurrence_on(shift_id: str, day: date) -> Occurrence | None:
    """The shift's occurrence starting on the local date ``day`` (a cancelled one marked), or
    None when the shift does not happen that day (or there is no such shift)."""
    key = as_uuid(shift_id)
    return await plans.occurrence_on(key, day) if key is not None else None


async def on_day(client_ids: Sequence[str], day: date) -> list[Occurrence]:
    """The clients' shifts starting on the local date ``day`` at their places, cancelled ones
    left out, in order of their start."""
    found = await starting_on(list(client_ids), day)
    found.sort(key=lambda o: (o.start, o.workplace, o.shift_id))
    return found


# --- writing ------------------------------------------------------------------------------


def _zone(value: str, field: str = "body.zone") -> str:
    if not is_zone(value):
        raise field_error(field, "Choose a time zone from the list, e.g. Europe/Helsinki.")
    return value


def _weekdays(values: list[int]) -> list[int]:
    if not values:
        raise field_error("body.weekdays", "Choose at least one day of the week.")
    return sorted(set(values))


def _check_hours(starts_at: time, ends_at: time, ends_next_day: bool) -> None:
    """The end after the start on the same day, or at or before it when the person said the
    shift ends the next day; anything else is a slip of the finger (16:00–15:00 was
    kept as 23 hours)."""
    if not ends_next_day and ends_at <= starts_at:
        raise field_error(
            "body.endsAt",
            "The shift cannot end before it starts. If it ends after midnight, "
            "choose “Ends the next day”.",
        )
    if ends_next_day and ends_at > starts_at:
        raise field_error(
            "body.endsNextDay",
            "A shift that ends the next day ends at an earlier time than it starts.",
        )


def _check_span(from_date: date | None, until: date | None) -> None:
    if from_date is not None and until is not None and until < from_date:
        raise field_error("body.until", "The last day cannot be before the first day.")


async def _job(client_id: Any, job_id: str | None) -> str | None:
    """A job the shift names: one of its own client's (422 naming ``body.jobId`` otherwise)."""
    if job_id is None:
        return None
    if await client_of_job(job_id) != str(client_id):
        raise field_error("body.jobId", "Choose one of the client's jobs.")
    return as_uuid(job_id)


async def create(actor: Actor, client_id: str, data: wire.ShiftCreate) -> tuple[str, bool]:
    zone_name = _zone(data.zone)
    job = await _job(client_id, data.job_id)
    at = clock.now()
    fields: dict[str, Any] = {"on_date": None, "weekdays": [], "from_date": None, "until": None}
    if data.repeat == "once":
        if data.date is None:
            raise field_error("body.date", "Choose the day of the shift.")
        fields["on_date"] = data.date
    else:
        fields["weekdays"] = _weekdays(data.weekdays)
        fields["from_date"] = data.from_date or today(at, zone_name)
        fields["until"] = data.until
        _check_span(fields["from_date"], data.until)
    starts_at, ends_at = parse_hhmm(data.starts_at), parse_hhmm(data.ends_at)
    _check_hours(starts_at, ends_at, data.ends_next_day)
    row = Shift(
        client_uuid=as_uuid(data.local_id),
        client=client_id,
        workplace=" ".join(data.workplace.split()),
        zone=zone_name,
        starts_at=starts_at,
        ends_at=ends_at,
        repeat=data.repeat,
        job=job,
        created_by=actor.id,
        created_at=at,
        updated_at=at,
        **fields,
    )
    if not row.workplace:
        raise field_error("body.workplace", "Please write the workplace.")
    found, created = await insert_once(Shift, row, {"client": client_id}, data)
    if created:
        await client_changed(client_id)
    return str(found["id"]), created


async def update(shift: dict[str, Any], data: wire.ShiftUpdate) -> None:
    changes: dict[Any, Any] = {}
    if data.workplace is not None:
        workplace = " ".join(data.workplace.split())
        if not workplace:
            raise field_error("body.workplace", "Please write the workplace.")
        changes[Shift.workplace] = workplace
    if data.zone is not None:
        changes[Shift.zone] = _zone(data.zone)
    if not isinstance(data.job_id, msgspec.UnsetType):
        changes[Shift.job] = await _job(shift["client"], data.job_id)
    if data.starts_at is not None:
        changes[Shift.starts_at] = parse_hhmm(data.starts_at)
    if data.ends_at is not None:
        changes[Shift.ends_at] = parse_hhmm(data.ends_at)
    if data.starts_at is not None or data.ends_at is not None or data.ends_next_day is not None:
        overnight = shift["ends_at"] <= shift["starts_at"]
        _check_hours(
            parse_hhmm(data.starts_at) if data.starts_at is not None else shift["starts_at"],
            parse_hhmm(data.ends_at) if data.ends_at is not None else shift["ends_at"],
            overnight if data.ends_next_day is None else data.ends_next_day,
        )
    if shift["repeat"] == "once":
        if data.date is not None:
            changes[Shift.on_date] = data.date
    else:
        if data.weekdays is not None:
            changes[Shift.weekdays] = _weekdays(data.weekdays)
        if data.from_date is not None:
            changes[Shift.from_date] = data.from_date
        if data.until is None or isinstance(data.until, date):
            changes[Shift.until] = data.until
        _check_span(
            changes.get(Shift.from_date, shift["from_date"]),
            changes.get(Shift.until, shift["until"]),
        )
    if changes:
        changes[Shift.updated_at] = clock.now()
        await Shift.update(changes).where(Shift.id == shift["id"])
        await client_changed(str(shift["client"]))


async def remove(shift: dict[str, Any]) -> None:
    await Shift.delete().where(Shift.id == shift["id"])  # exceptions cascade
    await client_changed(str(shift["client"]))


def _happens_on(shift: dict[str, Any], day: date) -> bool:
    plan = ShiftPlan.from_row(shift)
    return any(True for _ in schedule.days(plan, day, day))


async def cancel_date(actor: Actor, shift: dict[str, Any], data: wire.ShiftExceptionCreate) -> None:
    """Cancel one date (a holiday, a sick day); cancelling it again changes the reason."""
    if not _happens_on(shift, data.date):
        raise field_error("body.date", "The shift does not happen on this day.")
    note = " ".join(data.note.split())
    async with ShiftException._meta.db.transaction():
        existing = (
            await ShiftException.select(ShiftException.id)
            .where((ShiftException.shift == shift["id"]) & (ShiftException.on_date == data.date))
            .first()
        )
        if existing is None:
            await ShiftException.insert(
                ShiftException(
                    shift=shift["id"],
                    on_date=data.date,
                    reason=data.reason,
                    note=note,
                    created_by=actor.id,
                    created_at=clock.now(),
                )
            )
        else:
            await ShiftException.update(
                {ShiftException.reason: data.reason, ShiftException.note: note}
            ).where(ShiftException.id == existing["id"])
    await client_changed(str(shift["client"]))


async def restore_date(shift: dict[str, Any], day: str) -> None:
    try:
        on_date = date.fromisoformat(day)
    except ValueError:
        raise not_found("This date is not cancelled.") from None
    removed = (
        await ShiftException.delete()
        .where((ShiftException.shift == shift["id"]) & (ShiftException.on_date == on_date))
        .returning(ShiftException.id)
    )
    if not removed:
        raise not_found("This date is not cancelled.")
    await client_changed(str(shift["client"]))
