"""Reading updates: a client's own list, one update, and the family member's feed with the
shifts the client shares — each in the reader's language where Stepwise wrote the words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend import shifts
from backend.family import consent, photos
from backend.family.tables import Update
from backend.family.updates.rows import COLUMNS, sizes, str_or_none, update_row
from backend.family.updates.rows import text_of as _text
from backend.lib.ids import as_uuid
from backend.lib.localtime import hhmm
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from shared_schemas import family as wire

FEED_LIMIT = 100
FAMILY_SHIFT_DAYS = 14  # the family sees the next two weeks' shifts, as the client does


async def _to_wire(rows: list[dict[str, Any]], locale: str) -> list[wire.Update]:
    client_ids = {str(r["client"]) for r in rows}
    audiences: dict[tuple[str, str], list[wire.PersonRef]] = {}
    for client_id in client_ids:
        names = {
            str(link["family"]): link["name"] for link in await consent.links_of_client(client_id)
        }
        for kind in {r["kind"] for r in rows if str(r["client"]) == client_id}:
            audiences[(client_id, kind)] = [
                wire.PersonRef(id=f, display_name=names.get(f, ""))
                for f in await consent.family_recipients(client_id, kind)
            ]
    return [
        wire.Update(
            id=str(r["id"]),
            client_id=str(r["client"]),
            kind=r["kind"],
            text=_text(r, locale),
            photo=photos.to_wire(str(r["id"]), r["photo_hash"], sizes(r["photo_sizes"])),
            status=r["status"],
            source=r["source"],
            author_id=str_or_none(r["author"]),
            author_name=r.get("author_name"),
            author_role=r["author_role"] or None,
            shared_at=r["shared_at"],
            shared_how=r["shared_how"] or None,
            audience=audiences.get((str(r["client"]), r["kind"]), [])
            if r["status"] == "shared"
            else [],
            created_at=r["created_at"],
            updated_at=r["updated_at"],
        )
        for r in rows
    ]


async def detail(update_id: Any, locale: str) -> wire.Update:
    """One update, its words in ``locale`` (the reader's) where Stepwise wrote them."""
    row = await update_row(str(update_id))
    assert row is not None
    return (await _to_wire([row], locale))[0]


UPDATES = "updates"
"""The update list's name in its cursors."""


def updates_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of a client's updates: newest first (then by id)."""
    return page_request(UPDATES, cursor, limit, datetime, str)


async def for_client(
    client_id: str, locale: str, page: PageRequest
) -> tuple[list[wire.Update], str | None]:
    """A client's updates, newest first: one page and the next page's cursor."""
    where: Any = Update.client == client_id
    if (after := after_key(page, Update.created_at, Update.id, descending=True)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await Update.select(*COLUMNS)
        .where(where)
        .order_by(Update.created_at, Update.id, ascending=False)
        .limit(page.fetch)
        .output(load_json=True),
        page,
        UPDATES,
        lambda r: (r["created_at"], str(r["id"])),
    )
    return await _to_wire([dict(r) for r in rows], locale), next_cursor


FEED = "feed"
"""The feed's name in its cursors."""


def feed_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of the family feed: the latest shared first (then by id)."""
    return page_request(FEED, cursor, limit, datetime, str)


async def feed(
    family_id: str, locale: str, client_id: str | None = None, page: PageRequest | None = None
) -> tuple[wire.Feed, str | None]:
    """Shared updates of the clients a family member is linked to, for the kinds each client
    shares with them now, Stepwise's suggestions in the family member's own language
    (``locale``), a page at a time (the first ``FEED_LIMIT`` without ``page``), and the next
    page's cursor. Consent is read at this request: nothing withdrawn appears."""
    page = page or PageRequest(FEED_LIMIT)
    next_cursor = None
    live = await consent.live_kinds_by_client(family_id)
    where: Any = None
    for client, kinds in live.items():
        if not kinds or (client_id is not None and client != as_uuid(client_id)):
            continue
        condition = (Update.client == client) & Update.kind.is_in(sorted(kinds))
        where = condition if where is None else where | condition
    items: list[wire.FeedItem] = []
    if where is not None:
        where = (Update.status == "shared") & where
        if (after := after_key(page, Update.shared_at, Update.id, descending=True)) is not None:
            where &= after
        rows, next_cursor = page_of(
            await Update.select(*COLUMNS)
            .where(where)
            .order_by(Update.shared_at, Update.id, ascending=False)
            .limit(page.fetch)
            .output(load_json=True),
            page,
            FEED,
            lambda r: (r["shared_at"], str(r["id"])),
        )
        items = [
            wire.FeedItem(
                id=str(r["id"]),
                client_id=str(r["client"]),
                client_name=r["client_name"],
                kind=r["kind"],
                text=_text(r, locale),
                photo=photos.to_wire(str(r["id"]), r["photo_hash"], sizes(r["photo_sizes"])),
                author_name=r["author_name"],
                author_role=r["author_role"] or None,
                shared_at=r["shared_at"],
            )
            for r in rows
        ]
    sharing = await consent.my_sharing(family_id)
    coming = await _work_times(sharing, client_id)
    return wire.Feed(items=items, sharing=sharing, shifts=coming), next_cursor


async def _work_times(
    sharing: list[wire.MySharing], client_id: str | None
) -> list[wire.FamilyShift]:
    """The coming shifts of the clients who share "My work times" now (``sharing`` was read
    from live consent at this request), asked of the shifts domain; the workplace's name only
    where "My workplace" is shared too."""
    sharers = {
        s.client_id: s
        for s in sharing
        if "shifts" in s.kinds and (client_id is None or s.client_id == as_uuid(client_id))
    }
    if not sharers:
        return []
    return [
        wire.FamilyShift(
            client_id=o.client,
            client_name=sharers[o.client].client_name,
            date=o.day,
            starts_at=hhmm(o.starts_at),
            ends_at=hhmm(o.ends_at),
            ends_next_day=o.ends_at <= o.starts_at,
            workplace=o.workplace if "workplace" in sharers[o.client].kinds else None,
        )
        for o in await shifts.coming(list(sharers), FAMILY_SHIFT_DAYS)
    ]
