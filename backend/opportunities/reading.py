"""Reading pipelines: opportunities for the wire, and a client's or a caseload's pipeline a
page at a time (newest first, by when it was added, then id: a keyset page,
``backend/lib/paging.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from backend import profiles
from backend.lib.actor import Actor
from backend.lib.paging import PageRequest, page_of, page_request
from backend.opportunities import queries, themes
from shared_schemas import opportunities as wire

LIST = "opportunities"


def list_request(cursor: str | None, limit: int) -> PageRequest:
    return page_request(LIST, cursor, limit, datetime, str)


def _interview(r: dict[str, Any]) -> wire.Interview | None:
    if r["interview_at"] is None or r["interview_on"] is None:
        return None
    return wire.Interview(
        on=r["interview_on"],
        at=r["interview_time"],
        zone=r["interview_zone"],
        starts_at=r["interview_at"],
        place=r["interview_place"],
    )


async def to_wire(rows: Sequence[dict[str, Any]], can_move: bool) -> list[wire.Opportunity]:
    """The opportunities with which of their themes each client chose in their profile (one
    statement for all of their clients)."""
    liked = await profiles.themes_of(sorted({str(r["client"]) for r in rows}))
    return [
        wire.Opportunity(
            id=r["id"],
            local_id=r["client_uuid"],
            client_id=r["client"],
            client_name=r["client_name"] or "",
            employer_id=r["employer"],
            employer_name=r["employer_name"] or "",
            person_id=r["employer_person"],
            person_name=r["person_name"] or "",
            job_title=r["job_title"],
            idea=r["idea"],
            themes=themes.listed(r["themes"]),  # type: ignore[arg-type]
            matches=[
                t  # type: ignore[misc]
                for t in themes.listed(r["themes"])
                if t in liked.get(str(r["client"]), ())
            ],
            step=r["step"],
            step_on=r["step_on"],
            follow_up_on=r["follow_up_on"],
            interview=_interview(r),
            steps=[
                wire.StepTaken(
                    id=s["id"],
                    step=s["step"],
                    on=s["taken_on"],
                    note=s["note"],
                    by_id=s["moved_by"],
                    by_name=s["by_name"],
                    activity_id=s["activity"],
                )
                for s in r["steps"]
            ],
            by_client=r["by_client"],
            can_move=can_move,
            created_at=r["created_at"],
            updated_at=r["updated_at"],
        )
        for r in rows
    ]


def _key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["created_at"], r["id"])


async def client_page(
    client_id: str, step: str | None, page: PageRequest
) -> tuple[list[dict[str, Any]], str | None]:
    rows = await queries.page(
        "client", client_id, step=step, after=page.after, fetch_rows=page.fetch
    )
    return page_of(rows, page, LIST, _key)


async def caseload_page(
    actor: Actor, step: str | None, page: PageRequest
) -> tuple[list[dict[str, Any]], str | None]:
    """Coaches: their caseload's; coordinators: their team's; administrators: everyone's."""
    if actor.role == "admin":
        by, subject = "all", None
    elif actor.role == "coordinator":
        by, subject = "team", actor.team_id
    else:
        by, subject = "coach", actor.id
    if by == "team" and subject is None:
        return [], None
    rows = await queries.page(by, subject, step=step, after=page.after, fetch_rows=page.fetch)
    return page_of(rows, page, LIST, _key)
