"""Who looked and what readers said: pages of a job's views and feedback, newest first."""

from __future__ import annotations

from datetime import datetime

from backend.handover.tables import HandoverFeedback, HandoverView
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from shared_schemas import handover as wire

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
