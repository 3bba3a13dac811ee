"""Counts over the activity log for the outcomes' figures: each a grouped read bounded by the
people and the period asked about (the indexes on (client, occurred_at) and (author,
occurred_at) answer them).

- A **contact with a client** is an activity made (not only attempted) with the client
  (``with_whom = client``).
- An **employer contact** is an activity made with the purpose ``employer_contact``; it is
  **face to face** when it took place at the workplace, the office or elsewhere (not by phone,
  video or message).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from piccolo.query.functions.aggregate import Count, Max, Min, Sum

from backend.activities.tables import Activity, ActivityClient
from backend.clients import InScope, among
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key

EMPLOYER_CONTACT = "employer_contact"
FACE_TO_FACE = ("workplace", "office", "elsewhere")


def _keys(ids: Sequence[str]) -> list[Any]:
    return [k for k in (as_uuid(i) for i in ids) if k is not None]


def _instant(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


async def last_client_contacts(
    clients: Sequence[str] | InScope, end: datetime, start: datetime | None = None
) -> dict[str, datetime]:
    """Per client of these (a list, or a scope's): the last contact made with them before
    ``end`` (and at or after ``start``, when given); clients without one are left out."""
    if not isinstance(clients, InScope) and not _keys(clients):
        return {}
    where: Any = (
        among(ActivityClient.client, clients)
        & (ActivityClient.occurred_at < end)
        & (ActivityClient.activity.with_whom == "client")
        & (ActivityClient.activity.made == True)  # noqa: E712 (a Piccolo condition)
    )
    if start is not None:
        where &= ActivityClient.occurred_at >= start
    rows = (
        await ActivityClient.select(
            ActivityClient.client, Max(ActivityClient.occurred_at, alias="last")
        )
        .where(where)
        .group_by(ActivityClient.client)
    )
    return {str(r["client"]): _instant(r["last"]) for r in rows if r["last"] is not None}


async def first_employer_contacts(
    clients: Sequence[str], start: datetime, end: datetime
) -> dict[str, datetime]:
    """Per client of these: the first employer contact made for them in [start, end)."""
    keys = _keys(clients)
    if not keys:
        return {}
    rows = (
        await ActivityClient.select(
            ActivityClient.client, Min(ActivityClient.occurred_at, alias="first")
        )
        .where(
            ActivityClient.client.is_in(keys)
            & (ActivityClient.occurred_at >= start)
            & (ActivityClient.occurred_at < end)
            & ActivityClient.activity.purposes.like(f"%,{EMPLOYER_CONTACT},%")
            & (ActivityClient.activity.made == True)  # noqa: E712 (a Piccolo condition)
        )
        .group_by(ActivityClient.client)
    )
    return {str(r["client"]): _instant(r["first"]) for r in rows if r["first"] is not None}


@dataclass(frozen=True, slots=True)
class ContactCount:
    """Employer contacts made: all of them, and those face to face."""

    made: int
    face_to_face: int


def _employer_contacts(authors: Sequence[str], start: datetime, end: datetime) -> Any:
    return (
        Activity.author.is_in(_keys(authors) or [None])
        & (Activity.occurred_at >= start)
        & (Activity.occurred_at < end)
        & Activity.purposes.like(f"%,{EMPLOYER_CONTACT},%")
        & (Activity.made == True)  # noqa: E712 (a Piccolo condition)
    )


async def employer_contact_count(
    authors: Sequence[str], start: datetime, end: datetime
) -> ContactCount:
    """The employer contacts these people made in [start, end), each activity once however many
    clients it was for."""
    if not authors:
        return ContactCount(0, 0)
    rows = (
        await Activity.select(Activity.mode, Count(alias="n"))
        .where(_employer_contacts(authors, start, end))
        .group_by(Activity.mode)
    )
    made = sum(int(r["n"]) for r in rows)
    face = sum(int(r["n"]) for r in rows if r["mode"] in FACE_TO_FACE)
    return ContactCount(made, face)


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One employer contact: when, by whom, how, with which employer (the name kept with it)."""

    activity_id: str
    occurred_at: datetime
    author_id: str | None
    author_name: str
    mode: str
    employer_name: str


async def employer_contact_rows(
    authors: Sequence[str],
    start: datetime,
    end: datetime,
    page: PageRequest,
    face_to_face: bool = False,
) -> list[ContactRow]:
    """The employer contacts these people made in [start, end), newest first then by id: one
    page (``page.fetch`` rows, after ``page.after`` = (occurred_at, id)); face to face
    only when asked."""
    if not authors:
        return []
    where: Any = _employer_contacts(authors, start, end)
    if face_to_face:
        where &= Activity.mode.is_in(list(FACE_TO_FACE))
    if page.after is not None:
        at, last = page.after
        where &= after_key(
            PageRequest(page.limit, (datetime.fromisoformat(at), as_uuid(last))),
            Activity.occurred_at,
            Activity.id,
            descending=True,
        )
    rows = (
        await Activity.select(
            Activity.id,
            Activity.occurred_at,
            Activity.author,
            Activity.author.display_name.as_alias("author_name"),
            Activity.mode,
            Activity.employer.name.as_alias("employer_name"),
            Activity.with_name,
        )
        .where(where)
        .order_by(Activity.occurred_at, Activity.id, ascending=False)
        .limit(page.fetch)
    )
    return [
        ContactRow(
            activity_id=str(r["id"]),
            occurred_at=_instant(r["occurred_at"]),
            author_id=str(r["author"]) if r["author"] is not None else None,
            author_name=r["author_name"] or "",
            mode=r["mode"],
            employer_name=r["employer_name"] or r["with_name"] or "",
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class TimeSpent:
    """Minutes logged for one client, in one way (``mode``) and under one main purpose (the
    first of the activity's, which the coach's time use counts it under)."""

    client_id: str
    mode: str
    purpose: str
    minutes: int
    activities: int


async def time_for_clients(
    clients: Sequence[str] | InScope, start: datetime, end: datetime
) -> list[TimeSpent]:
    """The minutes of the activities made (not only attempted) for these clients in [start,
    end), per client, mode and main purpose: one grouped read. An activity for two clients
    counts its minutes for each."""
    activity = ActivityClient.activity
    rows = (
        await ActivityClient.select(
            ActivityClient.client,
            activity.mode.as_alias("mode"),
            activity.purposes.as_alias("purposes"),
            Sum(activity.minutes, alias="minutes"),
            Count(alias="n"),
        )
        .where(
            among(ActivityClient.client, clients)
            & (ActivityClient.occurred_at >= start)
            & (ActivityClient.occurred_at < end)
            & (activity.made == True)  # noqa: E712 (a Piccolo condition)
        )
        .group_by(ActivityClient.client, activity.mode, activity.purposes)
    )
    out: dict[tuple[str, str, str], list[int]] = {}
    for r in rows:
        main = next((p for p in str(r["purposes"] or "").split(",") if p), "other")
        total = out.setdefault((str(r["client"]), r["mode"], main), [0, 0])
        total[0] += int(r["minutes"] or 0)
        total[1] += int(r["n"])
    return [TimeSpent(c, m, p, n, a) for (c, m, p), (n, a) in sorted(out.items())]
