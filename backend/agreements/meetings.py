"""How often the two people of an agreement actually met: counted in the activity log (made
activities, not attempts, that the partner logged for the client)."""

from __future__ import annotations

from datetime import date

from backend.activities import meetings_between


async def held(client_id: str, person_id: str, since: date, until: date) -> int | None:
    """Meetings between the client and the person logged from ``since`` to ``until``."""
    return await meetings_between(client_id, person_id, since, until)
