"""A client's agreements as records of their journey: who with, the day it was made and the
day it ended — what the journey shows as a stage's product."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backend.accounts import display_names
from backend.agreements.tables import Agreement
from backend.lib import localtime


@dataclass(frozen=True, slots=True)
class AgreementMade:
    id: str
    partner_name: str
    """"" once the partner's account is gone."""
    partner_role: str
    made_on: date
    """The day it was drafted, on the clock of ``zone``."""
    ended_on: date | None


async def agreements_made(client_id: str, zone: str = "UTC") -> list[AgreementMade]:
    """The client's agreements, oldest first."""
    rows = (
        await Agreement.select(
            Agreement.id,
            Agreement.partner,
            Agreement.partner_role,
            Agreement.created_at,
            Agreement.ended_at,
        )
        .where(Agreement.client == client_id)
        .order_by(Agreement.created_at)
    )
    partners = {str(r["partner"]) for r in rows if r["partner"]}
    names = await display_names(partners) if partners else {}
    here = localtime.zone(zone)
    return [
        AgreementMade(
            id=str(r["id"]),
            partner_name=names.get(str(r["partner"]), "") if r["partner"] else "",
            partner_role=r["partner_role"],
            made_on=r["created_at"].astimezone(here).date(),
            ended_on=r["ended_at"].astimezone(here).date() if r["ended_at"] else None,
        )
        for r in rows
    ]
