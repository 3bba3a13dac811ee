"""Reading the activity log: one activity for the wire, and the logs a page at a time.

Every log is newest first, by (occurred_at, id), a keyset page (``backend/lib/paging.py``): a
client's log is one range of the index on activity_clients (client, occurred_at, activity), a
person's own log one range of activities (author, occurred_at, id), whatever the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec

from backend import accounts
from backend.activities import access, queries
from backend.activities.tables import Activity, ActivityClient
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from shared_schemas import activities as wire

LOG = "activities"
"""The logs' name in their cursors (every log has the same sort key)."""


def log_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of a log: newest first, by when it happened, then id."""
    return page_request(LOG, cursor, limit, datetime, str)


def purposes_column(purposes: Sequence[str]) -> str:
    """``,job_search,training,``: in order, each once (the first is the main one)."""
    return "," + ",".join(dict.fromkeys(purposes)) + ","


def _purposes(value: str) -> list[Any]:
    return [p for p in value.split(",") if p]


def author_of(row: dict[str, Any]) -> str | None:
    return str(row["author"]) if row["author"] is not None else None


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


async def activity_row(activity_id: str) -> dict[str, Any] | None:
    key = as_uuid(activity_id)
    if key is None:
        return None
    row: dict[str, Any] | None = (
        await Activity.select(*Activity.all_columns()).where(Activity.id == key).first()
    )
    return row


async def clients_of(activity_id: Any) -> list[str]:
    rows = await ActivityClient.select(ActivityClient.client).where(
        ActivityClient.activity == activity_id
    )
    return [str(r["client"]) for r in rows]


def rights(actor: Actor, items: list[wire.Activity]) -> list[wire.Activity]:
    """Copies of ``items`` with what ``actor`` may do with each (change it, delete it); the
    items themselves may be kept and shared between readers (``kept.py``), so stay as they are."""
    at = clock.now()
    return [
        msgspec.structs.replace(
            item,
            can_edit=access.can_edit(actor, item.author_id),
            can_delete=access.can_delete(actor, item.author_id, item.created_at, at),
        )
        for item in items
    ]


async def to_wire(actor: Actor, rows: Sequence[dict[str, Any]]) -> list[wire.Activity]:
    """Activities as the wire carries them, in the order given: their clients and what was
    agreed, read for all of them in one statement (a page's rows carry their author's name)."""
    if not rows:
        return []
    # A page's rows carry their clients and agreements; other rows are completed here.
    clients = {str(r["id"]): r["clients_of_row"] for r in rows if "clients_of_row" in r}
    agreed = {str(r["id"]): r["agreed_of_row"] for r in rows if "agreed_of_row" in r}
    bare = [str(r["id"]) for r in rows if "clients_of_row" not in r]
    if bare:
        more_clients, more_agreed = await queries.extras(bare)
        clients |= more_clients
        agreed |= more_agreed
    unnamed = {a for r in rows if "author_name" not in r and (a := author_of(r)) is not None}
    names = await accounts.display_names(unnamed) if unnamed else {}
    at = clock.now()
    out = []
    for r in rows:
        key, author = str(r["id"]), author_of(r)
        author_name = r.get("author_name") or names.get(author or "", "")
        out.append(
            wire.Activity(
                id=key,
                local_id=str(r["client_uuid"]),
                author_id=author,
                author_name=author_name or "",
                clients=[
                    wire.ActivityClient(id=c, display_name=name)
                    for c, name in sorted(clients.get(key, []), key=lambda x: (x[1], x[0]))
                ],
                with_whom=r["with_whom"],
                with_name=r["with_name"],
                employer_id=_s(r["employer"]),
                employer_person_id=_s(r["employer_person"]),
                mode=r["mode"],
                made=r["made"],
                occurred_at=r["occurred_at"],
                minutes=r["minutes"],
                purposes=_purposes(r["purposes"]),
                note=r["note"],
                agreed=[
                    wire.AgreedAction(text=text, who=who, due_on=due, remind=remind)  # type: ignore[arg-type]
                    for _, text, who, due, remind in agreed.get(key, [])
                ],
                restricted=r["restricted"],
                restricted_reason=r["restricted_reason"] if r["restricted"] else "",
                shift_id=_s(r["shift"]),
                shift_date=r["shift_day"],
                created_at=r["created_at"],
                updated_at=r["updated_at"],
                can_edit=access.can_edit(actor, author),
                can_delete=access.can_delete(actor, author, r["created_at"], at),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Filters:
    """What a log is narrowed to; None: not narrowed."""

    author: str | None = None
    with_whom: str | None = None
    purpose: str | None = None
    start: datetime | None = None
    """From this instant (inclusive)."""
    end: datetime | None = None
    """Before this instant."""
    hide_restricted: bool = False


def _on_activity(where: Any, f: Filters, prefix: Any) -> Any:
    """``where`` narrowed by the filters on the activity's own columns (``prefix``: the
    activity, or the link's ``activity`` to join)."""
    if f.author is not None:
        where &= prefix.author == f.author
    if f.with_whom is not None:
        where &= prefix.with_whom == f.with_whom
    if f.purpose is not None:
        where &= prefix.purposes.like(f"%,{f.purpose},%")
    if f.hide_restricted:
        where &= prefix.restricted == False  # noqa: E712 (a Piccolo condition)
    return where


async def _by_ids(ids: list[str]) -> list[wire.Activity]:
    """The activities with these ids, in the order of ``ids``."""
    by_id = {a.id: a for a in await queries.by_ids(ids)}
    return [by_id[i] for i in ids if i in by_id]


async def page_by_clients(
    client_ids: Sequence[str], f: Filters, page: PageRequest
) -> tuple[list[wire.Activity], str | None]:
    """A page of the activities about these clients (one client: one range of the index; an
    activity about several of them is listed once), without the reader's rights (``rights``)."""
    if not client_ids:
        return [], None
    if len(client_ids) == 1:
        rows = await _page("client", client_ids[0], f, page)
        return page_of(rows, page, LOG, lambda r: (r.occurred_at, r.id))
    where: Any = ActivityClient.client.is_in(list(client_ids))
    where = _on_activity(where, f, ActivityClient.activity)
    if f.start is not None:
        where &= ActivityClient.occurred_at >= f.start
    if f.end is not None:
        where &= ActivityClient.occurred_at < f.end
    after = after_key(page, ActivityClient.occurred_at, ActivityClient.activity, descending=True)
    if after is not None:
        where &= after
    links = (
        await ActivityClient.select(ActivityClient.activity, ActivityClient.occurred_at)
        .where(where)
        .order_by(ActivityClient.occurred_at, ActivityClient.activity, ascending=False)
        .limit(page.fetch)
    )
    part, cursor = page_of(links, page, LOG, lambda r: (r["occurred_at"], str(r["activity"])))
    return await _by_ids(list(dict.fromkeys(str(r["activity"]) for r in part))), cursor


async def _page(by: str, subject: str | None, f: Filters, page: PageRequest) -> list[wire.Activity]:
    return await queries.page(
        by,
        subject,
        author=f.author if by != "author" else None,
        whom=f.with_whom,
        purpose=f.purpose,
        start=f.start,
        end=f.end,
        hide_restricted=f.hide_restricted,
        after=page.after,
        fetch_rows=page.fetch,
    )


async def page_by_author(f: Filters, page: PageRequest) -> tuple[list[wire.Activity], str | None]:
    """A page of the activities by ``f.author`` (everyone's when None: an administrator's
    organisation log), without the reader's rights (``rights``)."""
    by = "author" if f.author is not None else "all"
    rows = await _page(by, f.author, f, page)
    return page_of(rows, page, LOG, lambda r: (r.occurred_at, r.id))


async def count_restricted(client_id: str) -> int:
    count: int = await ActivityClient.count().where(
        (ActivityClient.client == client_id) & (ActivityClient.activity.restricted == True)  # noqa: E712 (a Piccolo condition)
    )
    return count


async def visits_logged(pairs: Sequence[tuple[str, Any]]) -> set[tuple[str, Any]]:
    """Of these (shift, day) pairs, those a visit was logged from."""
    out: set[tuple[str, Any]] = set()
    for day in sorted({d for _, d in pairs}):
        shifts = [s for s, d in pairs if d == day]
        out |= {(s, day) for s in await queries.visited(day, shifts)}
    return out


async def minutes_by_purpose(
    author: str, start: datetime, end: datetime
) -> list[tuple[str, int, int]]:
    """(main purpose, minutes, activities) of a person's activities in [start, end)."""
    totals: dict[str, list[int]] = {}
    rows = await Activity.select(Activity.purposes, Activity.minutes).where(
        (Activity.author == author) & (Activity.occurred_at >= start) & (Activity.occurred_at < end)
    )
    for r in rows:
        main = (_purposes(r["purposes"]) or ["other"])[0]
        total = totals.setdefault(main, [0, 0])
        total[0] += r["minutes"]
        total[1] += 1
    return [(p, m, n) for p, (m, n) in sorted(totals.items())]
