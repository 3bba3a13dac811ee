"""What a staff member's own practice shows of profiles (for staff competence's evidence): the
profile versions they asked a client to approve and the client approved, in a window, bounded."""

from __future__ import annotations

from datetime import UTC, datetime

from backend.lib.ids import as_uuid
from backend.profiles.tables import ProfileVersion


async def approvals_asked_by(
    person_id: str, start: datetime, end: datetime, limit: int
) -> list[tuple[str, datetime]]:
    """(version id, approved at) of the versions ``person_id`` asked for and the client approved
    in [start, end), latest first, at most ``limit``. No client, no words: only that it was."""
    if as_uuid(person_id) is None:
        return []
    rows = (
        await ProfileVersion.select(ProfileVersion.id, ProfileVersion.approved_at)
        .where(
            (ProfileVersion.asked_by == person_id)
            & (ProfileVersion.approved_at >= start)
            & (ProfileVersion.approved_at < end)
        )
        .order_by(ProfileVersion.approved_at, ascending=False)
        .limit(limit)
    )
    return [(str(r["id"]), r["approved_at"].astimezone(UTC)) for r in rows]
