"""A client's shifts: one-off or weekly, with cancelled dates, at the place's local time.

The public face for other domains (style.md, "Between domains"): they import only what is
named in ``__all__``. ``schedule`` stays a pure module, importable without the database, so the
services are imported when asked, not here.
"""

from __future__ import annotations

from collections.abc import Sequence

from backend.shifts.schedule import Occurrence

__all__ = ["Occurrence", "coming"]


async def coming(client_ids: Sequence[str], days: int) -> list[Occurrence]:
    """The clients' shifts that have not ended and start within ``days`` days (one under way
    included), in order of their start; cancelled dates are left out (their reason, a sick
    day, is not a work time). For readers who see work times without the record: a family
    member with the client's "My work times" consent."""
    from backend.shifts.services import coming as found

    return await found(client_ids, days)
