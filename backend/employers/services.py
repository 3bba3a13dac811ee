"""Employers and their people: the only writer of their tables."""

from __future__ import annotations

from datetime import datetime

from backend.employers.tables import Employer
from backend.lib.ids import as_uuid


async def record_contact(employer_id: str, at: datetime) -> None:
    """An activity with the employer or one of its people happened at ``at``: its "last
    contact" moves to ``at`` when that is later than the one kept (an activity logged late, or
    an earlier one edited, never moves it back)."""
    key = as_uuid(employer_id)
    if key is None:
        return
    await Employer.update({Employer.last_contact_at: at}).where(
        (Employer.id == key)
        & (Employer.last_contact_at.is_null() | (Employer.last_contact_at < at))
    )
