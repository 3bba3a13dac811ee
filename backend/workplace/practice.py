"""What a staff member's own practice shows of job analyses (for staff competence's evidence):
the analyses they made, in a window, bounded."""

from __future__ import annotations

from datetime import UTC, datetime

from backend.lib.ids import as_uuid
from backend.workplace.tables import JobAnalysis


async def analyses_made_by(
    person_id: str, start: datetime, end: datetime, limit: int
) -> list[tuple[str, datetime]]:
    """(analysis id, made at) of the job analyses ``person_id`` made in [start, end), latest
    first, at most ``limit``. No client, no words: only that it was."""
    if as_uuid(person_id) is None:
        return []
    rows = (
        await JobAnalysis.select(JobAnalysis.id, JobAnalysis.created_at)
        .where(
            (JobAnalysis.created_by == person_id)
            & (JobAnalysis.created_at >= start)
            & (JobAnalysis.created_at < end)
        )
        .order_by(JobAnalysis.created_at, ascending=False)
        .limit(limit)
    )
    return [(str(r["id"]), r["created_at"].astimezone(UTC)) for r in rows]
