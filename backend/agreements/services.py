"""Writing agreements: the draft, new versions, the client's agreement, the partner's
signature, and the end. The only module that writes the agreements tables (with
``templates.py`` for the templates).

The order is the client first, then the partner: a version is agreed when both did, and a
version the client agreed never changes (a change is the next version, which both agree to
again). The version both agreed stays in force while a newer one waits. An agreement with a
mentor, once agreed, opens the mentorship (the mentor then sees the client's goals); ending it
closes the mentorship. The agreed rhythm plans both people's reminders (``reminding.py``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend import clients, goals, reminders
from backend.accounts import mentors_of_team, person
from backend.agreements import access, templates
from backend.agreements.reading import versions_of
from backend.agreements.tables import Agreement, AgreementVersion
from backend.clients import ClientRow
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from backend.lib.localtime import is_zone
from backend.sync import insert_once
from shared_schemas import agreements as wire

NO_AGREEMENT = "There is no such agreement."
LONGEST = timedelta(days=3 * 366)
PER_PERIOD = {"times_per_week", "times_per_month"}


async def _terms(record: ClientRow, data: wire.AgreementTerms) -> dict[str, Any]:
    """The version's columns from ``data``, checked; every refusal names its field."""
    rules = [r.strip() for r in data.rules if r.strip()]
    if not rules:
        raise field_error("body.rules", "Please write at least one rule of working together.")
    if data.ends_on < data.starts_on:
        raise field_error("body.endsOn", "The last day comes on or after the first day.")
    if data.ends_on - data.starts_on > LONGEST:
        raise field_error("body.endsOn", "An agreement lasts three years at most.")
    if data.rhythm in PER_PERIOD and data.times is None:
        raise field_error("body.times", "Say how many times you meet.")
    if data.remind_at is not None and (data.zone is None or not is_zone(data.zone)):
        raise field_error("body.zone", "Choose a time zone from the list.")
    goal_ids = list(dict.fromkeys(data.goal_ids))
    titles = await goals.goal_titles(record.client_id, goal_ids)
    if any(g not in titles for g in goal_ids):
        raise field_error("body.goalIds", "Choose goals of this client.")
    if not goal_ids and not data.goal_text.strip():
        raise field_error("body.goalText", "Write the goal, or choose one of the client's goals.")
    if data.template_version is not None and not await templates.exists(data.template_version):
        raise field_error("body.templateVersion", "There is no such template version.")
    return {
        "rules": rules,
        "locale": data.locale,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "rhythm": data.rhythm,
        "times": data.times if data.rhythm in PER_PERIOD else None,
        "ways": list(dict.fromkeys(data.ways)),
        "goal_ids": goal_ids,
        "goal_text": data.goal_text.strip(),
        "remind_at": data.remind_at or "",
        "zone": (data.zone or "") if data.remind_at else "",
        "template_version": data.template_version,
    }


async def _add_version(agreement_id: Any, number: int, actor: Actor, terms: dict[str, Any]) -> None:
    await AgreementVersion.insert(
        AgreementVersion(
            agreement=agreement_id,
            number=number,
            created_by=actor.id,
            created_at=clock.now(),
            **terms,
        )
    )


async def draft(actor: Actor, record: ClientRow, data: wire.AgreementCreate) -> tuple[str, bool]:
    """A new agreement with its first version, waiting for the client (idempotent by localId)."""
    partner = await person(data.partner_id)
    if partner is None or not access.may_be_partner(partner, record):
        raise field_error(
            "body.partnerId", "Choose the client's coach, or a mentor of the client's team."
        )
    terms = await _terms(record, data)
    row = Agreement(
        client_uuid=as_uuid(data.local_id),
        client=record.client_id,
        partner=partner.id,
        partner_role=partner.role,
        created_by=actor.id,
        created_at=clock.now(),
    )
    found, created = await insert_once(Agreement, row, {"client": record.client_id}, data)
    # A repeat finds the first version there; should a crash have come between the two
    # inserts, the repeat makes it.
    if not await AgreementVersion.exists().where(AgreementVersion.agreement == found["id"]):
        await _add_version(found["id"], 1, actor, terms)
    return str(found["id"]), created


async def partners(record: ClientRow) -> list[wire.AgreementPartner]:
    """The client's coach, then the mentors of the client's team."""
    found = []
    if record.coach_id is not None:
        coach = await person(record.coach_id)
        if coach is not None:
            found.append(
                wire.AgreementPartner(id=coach.id, display_name=coach.display_name, role="coach")
            )
    if record.team_id is not None:
        found += [
            wire.AgreementPartner(id=m.id, display_name=m.display_name, role="mentor")
            for m in await mentors_of_team(record.team_id)
        ]
    return found


def _open(row: dict[str, Any]) -> None:
    if row["ended_at"] is not None:
        raise ProblemError(409, "This agreement has ended. Make a new one.", code="ended")


async def new_version(
    actor: Actor, record: ClientRow, row: dict[str, Any], data: wire.AgreementTerms
) -> None:
    """A change: the next version, which the client and then the partner agree to again."""
    _open(row)
    terms = await _terms(record, data)
    versions = (await versions_of([row["id"]])).get(str(row["id"]), [])
    number = (versions[0]["number"] if versions else 0) + 1
    try:
        await _add_version(row["id"], number, actor, terms)
    except Exception as exc:  # the same number made by another change at the same moment
        raise ProblemError(
            409, "The agreement changed meanwhile. Open it again.", code="version_changed"
        ) from exc


async def _newest(row: dict[str, Any], number: int) -> dict[str, Any]:
    _open(row)
    versions = (await versions_of([row["id"]])).get(str(row["id"]), [])
    if not versions or versions[0]["number"] != number:
        raise field_error(
            "body.version",
            "The agreement changed since you opened it. Read the newest version.",
            409,
            "version_changed",
        )
    return versions[0]


async def agree(row: dict[str, Any], number: int) -> bool:
    """The client agrees to the newest version; False when they had already."""
    version = await _newest(row, number)
    if version["client_agreed_at"] is not None:
        return False
    await AgreementVersion.update({AgreementVersion.client_agreed_at: clock.now()}).where(
        AgreementVersion.id == version["id"], AgreementVersion.client_agreed_at.is_null()
    )
    return True


async def sign(row: dict[str, Any], number: int) -> bool:
    """The partner signs the newest version, after the client; False when they had already.
    Signed with a mentor: the mentorship opens. Both people's reminders follow the rhythm."""
    version = await _newest(row, number)
    if version["client_agreed_at"] is None:
        raise ProblemError(
            409, "The client reads and agrees first; then you sign.", code="client_first"
        )
    if version["partner_signed_at"] is not None:
        return False
    await AgreementVersion.update({AgreementVersion.partner_signed_at: clock.now()}).where(
        AgreementVersion.id == version["id"], AgreementVersion.partner_signed_at.is_null()
    )
    if row["partner_role"] == "mentor":
        await clients.start_mentoring(str(row["client"]), str(row["partner"]))
    if version["remind_at"]:
        for user in (row["client"], row["partner"]):
            await reminders.keep_daily_rule(
                str(user), "meeting", version["remind_at"], version["zone"]
            )
    await _replan(row)
    return True


async def end(actor: Actor, row: dict[str, Any], reason: str) -> None:
    """Either side ends the agreement, nobody to blame; a mentor's mentorship closes with it."""
    _open(row)
    await Agreement.update(
        {
            Agreement.ended_at: clock.now(),
            Agreement.ended_by: actor.id,
            Agreement.end_reason: reason.strip(),
        }
    ).where(Agreement.id == row["id"], Agreement.ended_at.is_null())
    mentor = row["partner_role"] == "mentor" and row["partner"] is not None
    if mentor and not await _still_agreed(row):
        await clients.end_mentoring(str(row["client"]), str(row["partner"]))
    await _replan(row)


async def _still_agreed(row: dict[str, Any]) -> bool:
    """Another agreement between the same two, not ended, has a version both agreed: the
    mentorship it opened stays open."""
    others = await Agreement.select(Agreement.id).where(
        (Agreement.client == row["client"])
        & (Agreement.partner == row["partner"])
        & (Agreement.id != row["id"])
        & Agreement.ended_at.is_null()
    )
    if not others:
        return False
    return await AgreementVersion.exists().where(
        AgreementVersion.agreement.is_in([o["id"] for o in others])
        & AgreementVersion.partner_signed_at.is_not_null()
    )


async def _replan(row: dict[str, Any]) -> None:
    """Both people's reminders are planned again from now."""
    for user in (row["client"], row["partner"]):
        if user is not None:
            await reminders.client_changed(str(user))
