"""How often the two people of an agreement actually met: counted in the activity log.

TODO(lead): the activity log (``backend.activities``) is being written alongside this domain and
will export ``meetings_between(client_id, person_id, start, end) -> int``. Once it is in main,
replace the body of ``held`` with ``return await meetings_between(client_id, person_id, since,
until)`` (import it from ``backend.activities``); until then the agreement says the count is not
known (None) rather than showing a made-up zero.
"""

from __future__ import annotations

from datetime import date


async def held(client_id: str, person_id: str, since: date, until: date) -> int | None:
    """Meetings between the client and the person logged from ``since`` to ``until``."""
    del client_id, person_id, since, until
    return None
