"""Who looked and what readers said: pages of a job's views and feedback, newest first; and a
client's recent feedback across their jobs (the client's page for staff reads it)."""

from __future__ import annotations

from datetime import datetime, timedelta

from backend.handover.tables import HandoverFeedback, HandoverView
from backend.lib import clock
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from shared_schemas import handover as wire

RECENT = timedelta(days=28)
"""How long a reader's feedback stays on the client's home and page."""
RECENT_AT_MOST = 5

VIEWS = "handover-views"
FEEDBACK = "handover-feedback"


def views_request(cursor: str | None, limit: int) -> PageRequest:
    return page_request(VIEWS, cursor, limit, datetime, str)


def feedback_request(cursor: str | None, limit: int) -> PageRequest:
    return page_request(FEEDBACK, cursor, limit, datetime, str)


async def views_of(job_id: str, page: PageRequest) -> tuple[list[wire.PackViewRow], str | None]:
    query = HandoverView.select(
        HandoverView.id,
        HandoverView.link,
        HandoverView.language,
        HandoverView.at,
        HandoverView.link.reader_name.as_alias("reader_name"),
        HandoverView.link.reader_role.as_alias("reader_role"),
    ).where(HandoverView.link.job == as_uuid(job_id))
    after = after_key(page, HandoverView.at, HandoverView.id, descending=True)
    if after is not None:
        query = query.where(after)
    rows = await query.order_by(HandoverView.at, HandoverView.id, ascending=False).limit(page.fetch)
    items, cursor = page_of(rows, page, VIEWS, lambda r: (r["at"].isoformat(), str(r["id"])))
    return [
        wire.PackViewRow(
            link_id=str(r["link"]),
            reader_name=r["reader_name"],
            reader_role=r["reader_role"],
            language=r["language"],
            at=r["at"],
        )
        for r in items
    ], cursor


async def feedback_of(
    job_id: str, page: PageRequest
) -> tuple[list[wire.PackFeedbackRow], str | None]:
    query = HandoverFeedback.select(
        HandoverFeedback.id,
        HandoverFeedback.link,
        HandoverFeedback.kind,
        HandoverFeedback.task_title,
        HandoverFeedback.step,
        HandoverFeedback.at,
        HandoverFeedback.link.reader_name.as_alias("reader_name"),
    ).where(HandoverFeedback.job == as_uuid(job_id))
    after = after_key(page, HandoverFeedback.at, HandoverFeedback.id, descending=True)
    if after is not None:
        query = query.where(after)
    rows = await query.order_by(HandoverFeedback.at, HandoverFeedback.id, ascending=False).limit(
        page.fetch
    )
    items, cursor = page_of(rows, page, FEEDBACK, lambda r: (r["at"].isoformat(), str(r["id"])))
    return [
        wire.PackFeedbackRow(
            id=str(r["id"]),
            link_id=str(r["link"]),
            reader_name=r["reader_name"],
            kind=r["kind"],
            task_title=r["task_title"],
            step=r["step"],
            at=r["at"],
        )
        for r in items
    ], cursor


async def recent_feedback(client_id: str) -> list[wire.WorkFeedback]:
    """What readers of the client's packs said in the last ``RECENT``, newest first, at most
    ``RECENT_AT_MOST`` (by the index on client and time: a few rows whatever the history)."""
    if as_uuid(client_id) is None:
        return []
    job = HandoverFeedback.job._
    rows = (
        await HandoverFeedback.select(
            HandoverFeedback.id,
            HandoverFeedback.job,
            HandoverFeedback.kind,
            HandoverFeedback.task_title,
            HandoverFeedback.step,
            HandoverFeedback.at,
            job.title.as_alias("job_title"),
            job.employer._.name.as_alias("employer_name"),
        )
        .where(
            (HandoverFeedback.client == as_uuid(client_id))
            & (HandoverFeedback.at >= clock.now() - RECENT)
        )
        .order_by(HandoverFeedback.at, HandoverFeedback.id, ascending=False)
        .limit(RECENT_AT_MOST)
    )
    return [
        wire.WorkFeedback(
            id=str(r["id"]),
            job_id=str(r["job"]),
            job_title=r["job_title"],
            employer_name=r["employer_name"] or "",
            kind=r["kind"],
            task_title=r["task_title"],
            step=r["step"],
            at=r["at"],
        )
        for r in rows
    ]
