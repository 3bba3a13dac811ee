"""The checks of the requests that add, change and move opportunities: each refusal names its
field (RFC 9457, ``backend/lib/errors.py``), and a request is refused once, naming every field to
blame."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from backend import employers
from backend.employers import access as employer_access
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import field_error
from backend.lib.localtime import instant, is_zone, parse_hhmm, today
from shared_schemas import FieldError

FUTURE_SLACK = timedelta(minutes=10)  # a phone's clock a little ahead is not "the future"


def plain(value: str) -> str:
    return " ".join(value.split())


def refuse(errors: list[FieldError]) -> None:
    """One refusal naming every field to blame."""
    if errors:
        refused = field_error(errors[0].field, errors[0].reason)
        refused.problem.errors = errors
        raise refused


def zone_of(zone: str, field: str, errors: list[FieldError]) -> str:
    if not is_zone(zone):
        errors.append(FieldError(field=field, reason="Choose a time zone from the list."))
        return "UTC"
    return zone


async def employer_of(
    actor: Actor, employer_id: str | None, person_id: str | None, errors: list[FieldError]
) -> tuple[str | None, str | None]:
    """(employer, person) named by a request, each one the actor sees in the register; a
    person's employer follows the person."""
    if person_id is not None:
        person = await employers.person_of(person_id)
        employer = await employers.employer_of(person.employer_id) if person else None
        if (
            person is None
            or employer is None
            or not employer_access.can_see_employer(actor, employer)
        ):
            errors.append(
                FieldError(field="body.employerPersonId", reason="Choose a person from the list.")
            )
            return None, None
        return employer.id, person.id
    if employer_id is not None:
        employer = await employers.employer_of(employer_id)
        if employer is None or not employer_access.can_see_employer(actor, employer):
            errors.append(
                FieldError(field="body.employerId", reason="Choose an employer from the list.")
            )
            return None, None
        return employer.id, None
    return None, None


def interview(
    data: Any, zone: str, current: dict[str, Any] | None, errors: list[FieldError]
) -> dict[str, Any]:
    """The interview's columns from a request (its date, time, zone and place), checked."""
    cur = current or {}
    on = data.interview_on if data.interview_on is not None else cur.get("interview_on")
    at = data.interview_at if data.interview_at is not None else cur.get("interview_time") or None
    where = data.interview_zone or cur.get("interview_zone") or zone
    place = data.interview_place if data.interview_place is not None else cur.get("interview_place")
    if on is None:
        errors.append(FieldError(field="body.interviewOn", reason="Choose the interview's day."))
    if at is None:
        errors.append(FieldError(field="body.interviewAt", reason="Choose the interview's time."))
    if not is_zone(where):
        errors.append(
            FieldError(field="body.interviewZone", reason="Choose a time zone from the list.")
        )
    if on is None or at is None or not is_zone(where):
        return {}
    return {
        "interview_on": on,
        "interview_time": at,
        "interview_zone": where,
        "interview_at": instant(on, parse_hhmm(at), where),
        "interview_place": plain(place or ""),
    }


def moment(data: Any, zone: str, errors: list[FieldError]) -> tuple[datetime, date]:
    """(the instant, its local day) of a step or contact: ``at``, or now; never the future."""
    now = clock.now()
    at = data.at.astimezone(UTC) if data.at is not None else now
    if at > now + FUTURE_SLACK:
        errors.append(FieldError(field="body.at", reason="This cannot be in the future."))
        at = now
    return at, today(at, zone)
