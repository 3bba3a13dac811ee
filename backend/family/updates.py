"""Updates: written by the coach or the client, or suggested by Stepwise; shared with family
only when the client approves, or at once for a kind the client auto-shares.

The only writer of ``family_updates``. Every share is audit-logged and announced to the family
members who may see it at that moment (``notify``).
"""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request

from backend import clients, shifts
from backend.accounts.tables import User
from backend.audit import record as audit
from backend.family import access, consent, notify, photos, texts
from backend.family.tables import Update
from backend.lib import i18n, images
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import not_found
from backend.lib.ids import as_uuid
from backend.lib.localtime import hhmm
from backend.sync import insert_once
from shared_schemas import family as wire

NO_UPDATE = "There is no such update in your reach."
FEED_LIMIT = 100
FAMILY_SHIFT_DAYS = 14  # the family sees the next two weeks' shifts, as the client does

_COLUMNS = (
    *Update.all_columns(),
    Update.author.display_name.as_alias("author_name"),
    Update.client.display_name.as_alias("client_name"),
)

AnyRequest = Request[Any, Any, Any] | None


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


def _sizes(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else []


async def update_row(update_id: str) -> dict[str, Any] | None:
    if as_uuid(update_id) is None:
        return None
    row = (
        await Update.select(*_COLUMNS)
        .where(Update.id == as_uuid(update_id))
        .first()
        .output(load_json=True)
    )
    return dict(row) if row is not None else None


async def visible_update(actor: Actor, update_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The update and the client's record, or 404. A family member sees an update only while it
    is shared and they have a live consent for its kind — checked now, at this request."""
    update = await update_row(update_id)
    record = await clients.record_of(str(update["client"])) if update else None
    if update is None or record is None:
        raise not_found(NO_UPDATE)
    if access.can_view_updates(actor, record):
        return update, record
    if (
        actor.role == "family"
        and update["status"] == "shared"
        and await consent.may_see(actor.id, str(update["client"]), update["kind"])
    ):
        return update, record
    raise not_found(NO_UPDATE)


# --- reading ------------------------------------------------------------------------------


def _text(row: dict[str, Any], locale: str) -> str:
    """The update's words for one reader: a suggestion by Stepwise in the reader's language,
    anything a person wrote as they wrote it."""
    key = row.get("text_key") or ""
    if not key:
        return str(row["text"])
    params = row.get("text_params")
    return i18n.text_or(
        locale, key, str(row["text"]), **(params if isinstance(params, dict) else {})
    )


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
            photo=photos.to_wire(str(r["id"]), r["photo_hash"], _sizes(r["photo_sizes"])),
            status=r["status"],
            source=r["source"],
            author_id=_s(r["author"]),
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


async def for_client(client_id: str, locale: str) -> list[wire.Update]:
    rows = (
        await Update.select(*_COLUMNS)
        .where(Update.client == client_id)
        .order_by(Update.created_at, ascending=False)
        .output(load_json=True)
    )
    return await _to_wire([dict(r) for r in rows], locale)


async def feed(family_id: str, locale: str, client_id: str | None = None) -> wire.Feed:
    """Shared updates of the clients a family member is linked to, for the kinds each client
    shares with them now, Stepwise's suggestions in the family member's own language
    (``locale``). Consent is read at this request: nothing withdrawn appears."""
    live = await consent.live_kinds_by_client(family_id)
    where: Any = None
    for client, kinds in live.items():
        if not kinds or (client_id is not None and client != as_uuid(client_id)):
            continue
        condition = (Update.client == client) & Update.kind.is_in(sorted(kinds))
        where = condition if where is None else where | condition
    items: list[wire.FeedItem] = []
    if where is not None:
        rows = (
            await Update.select(*_COLUMNS)
            .where((Update.status == "shared") & where)
            .order_by(Update.shared_at, ascending=False)
            .limit(FEED_LIMIT)
            .output(load_json=True)
        )
        items = [
            wire.FeedItem(
                id=str(r["id"]),
                client_id=str(r["client"]),
                client_name=r["client_name"],
                kind=r["kind"],
                text=_text(r, locale),
                photo=photos.to_wire(str(r["id"]), r["photo_hash"], _sizes(r["photo_sizes"])),
                author_name=r["author_name"],
                author_role=r["author_role"] or None,
                shared_at=r["shared_at"],
            )
            for r in rows
        ]
    sharing = await consent.my_sharing(family_id)
    return wire.Feed(items=items, sharing=sharing, shifts=await _work_times(sharing, client_id))


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


# --- sharing ------------------------------------------------------------------------------


async def _announce_share(
    update_id: str, record: dict[str, Any], actor_id: str, how: str, request: AnyRequest
) -> None:
    """Every share is audit-logged (issue 6) and pushed to whoever may see it now."""
    row = await update_row(update_id)
    assert row is not None
    client_id = str(record["user"])
    await audit(
        "update_shared",
        request=request,
        actor=actor_id,
        subject=client_id,
        team=str(record["team"] or ""),
        detail={"update": update_id, "kind": row["kind"], "how": how},
    )
    await notify.update_shared(client_id, update_id, row["kind"])


async def _initial_status(actor: Actor | None, record: dict[str, Any], kind: str) -> str:
    """The client's own update is shared as they write it; anyone else's waits for the client,
    unless the client auto-shares the kind."""
    if actor is not None and access.is_the_client(actor, record):
        return "client"
    if kind in await consent.auto_share_kinds(str(record["user"])):
        return "auto_share"
    return ""


async def create(
    actor: Actor, record: dict[str, Any], data: wire.UpdateCreate, request: AnyRequest
) -> tuple[wire.Update, bool]:
    client_id = str(record["user"])
    how = await _initial_status(actor, record, data.kind)
    at = now()
    row = Update(
        client_uuid=as_uuid(data.client_id),
        client=client_id,
        author=actor.id,
        author_role=actor.role,
        kind=data.kind,
        text=data.text.strip(),
        source="client" if how == "client" else "coach",
        status="shared" if how else "pending",
        shared_how=how,
        shared_at=at if how else None,
        decided_by=actor.id if how == "client" else None,
        created_at=at,
        updated_at=at,
    )
    found, created = await insert_once(Update, row, {"client": client_id}, data)
    if created:
        await audit(
            "update_created",
            request=request,
            actor=actor.id,
            subject=client_id,
            team=str(record["team"] or ""),
            detail={"update": str(found["id"]), "kind": data.kind},
        )
        if how:
            await _announce_share(str(found["id"]), record, actor.id, how, request)
        else:
            await notify.waiting_for_client(client_id)
    # Words a person wrote read the same in every language.
    return await detail(found["id"], i18n.choose(actor.locale)), created


async def suggest_update(
    client_id: str, kind: str, message: str, params: dict[str, str], source: str
) -> str | None:
    """A suggestion for the client to approve ("I can now fold the towels on my own."), made by
    another domain when something worth telling happens: a goal reached, a task mastered.

    ``message``: a key of the server's catalogue (``backend/lib/i18n``, e.g.
    ``suggestion.task_mastered``) and ``params`` its words: each reader gets it in their own
    language. ``kind``: shifts | goals | training | updates; ``source``: what it is about, e.g.
    ``task:<id>`` — one suggestion per source and client, so calling twice is harmless.
    Shared at once when the client auto-shares the kind. Returns the update's id, or None when
    ``client_id`` is not a client."""
    if kind not in texts.UPDATE_KINDS:
        raise ValueError(f"not an update kind: {kind}")
    if not i18n.has(message):
        raise ValueError(f"not a message of the catalogue: {message}")
    record = await clients.record_of(client_id)
    if record is None:
        return None
    client_id = str(record["user"])
    if source:
        existing = (
            await Update.select(Update.id)
            .where((Update.client == client_id) & (Update.source == source))
            .first()
        )
        if existing is not None:
            return str(existing["id"])
    how = await _initial_status(None, record, kind)
    at = now()
    person = await User.select(User.locale).where(User.id == client_id).first()
    text = i18n.text(i18n.choose(person["locale"] if person else ""), message, **params)
    row = Update(
        client_uuid=str(uuid.uuid4()),
        client=client_id,
        author=None,
        author_role="",
        kind=kind,
        text=" ".join(text.split())[:500],
        text_key=message,
        text_params=params,
        source=source[:80],
        status="shared" if how else "pending",
        shared_how=how,
        shared_at=at if how else None,
        created_at=at,
        updated_at=at,
    )
    await Update.insert(row)
    update_id = str(row.id)
    await audit(
        "update_suggested",
        subject=client_id,
        team=str(record["team"] or ""),
        detail={"update": update_id, "kind": kind, "source": source[:80]},
    )
    if how:
        await _announce_share(update_id, record, "", how, None)
    else:
        await notify.waiting_for_client(client_id)
    return update_id


async def _after_change_by(actor: Actor, update: dict[str, Any], record: dict[str, Any]) -> None:
    """A change by anyone but the client sends a shared update back for the client's approval,
    unless its kind is auto-shared: the client approved *that* text and photo, not a new one."""
    if update["status"] != "shared" or access.is_the_client(actor, record):
        return
    how = await _initial_status(None, record, update["kind"])
    if how:
        await Update.update({Update.shared_how: how}).where(Update.id == update["id"])
    else:
        await Update.update(
            {Update.status: "pending", Update.shared_at: None, Update.shared_how: ""}
        ).where(Update.id == update["id"])


async def edit(
    actor: Actor,
    update: dict[str, Any],
    record: dict[str, Any],
    data: wire.UpdateEdit,
    locale: str,
) -> None:
    """``locale``: the editor's language. A suggestion's words sent back as the editor was
    shown them are no change; other words make it the editor's text, in every reader's view."""
    changes: dict[Any, Any] = {}
    if data.text is not None and data.text.strip() not in {update["text"], _text(update, locale)}:
        changes[Update.text] = data.text.strip()
        changes[Update.text_key] = ""
        changes[Update.text_params] = {}
    if data.kind is not None and data.kind != update["kind"]:
        changes[Update.kind] = data.kind
    if changes:
        changes[Update.updated_at] = now()
        await Update.update(changes).where(Update.id == update["id"])
        refreshed = await update_row(str(update["id"]))
        assert refreshed is not None
        await _after_change_by(actor, refreshed, record)


async def approve(
    actor: Actor, update: dict[str, Any], record: dict[str, Any], request: AnyRequest
) -> None:
    if update["status"] == "shared":
        return
    await Update.update(
        {
            Update.status: "shared",
            Update.shared_how: "client",
            Update.shared_at: now(),
            Update.decided_by: actor.id,
            Update.updated_at: now(),
        }
    ).where(Update.id == update["id"])
    await _announce_share(str(update["id"]), record, actor.id, "client", request)


async def decline(
    actor: Actor, update: dict[str, Any], record: dict[str, Any], request: AnyRequest
) -> None:
    """Not shared, or no longer: family stop seeing it with their next request."""
    if update["status"] == "declined":
        return
    await Update.update(
        {
            Update.status: "declined",
            Update.shared_how: "",
            Update.shared_at: None,
            Update.decided_by: actor.id,
            Update.updated_at: now(),
        }
    ).where(Update.id == update["id"])
    await audit(
        "update_unshared" if update["status"] == "shared" else "update_declined",
        request=request,
        actor=actor.id,
        subject=str(record["user"]),
        team=str(record["team"] or ""),
        detail={"update": str(update["id"]), "kind": update["kind"]},
    )


async def remove(update: dict[str, Any]) -> None:
    await Update.delete().where(Update.id == update["id"])
    await photos.remove(str(update["id"]))


async def set_photo(
    actor: Actor, update: dict[str, Any], record: dict[str, Any], processed: images.Processed
) -> None:
    async def commit(content_hash: str, sizes: list[dict[str, Any]]) -> None:
        await Update.update(
            {Update.photo_hash: content_hash, Update.photo_sizes: sizes, Update.updated_at: now()}
        ).where(Update.id == update["id"])

    await photos.store(str(update["id"]), processed, commit)
    await _after_change_by(actor, update, record)


async def remove_photo(actor: Actor, update: dict[str, Any], record: dict[str, Any]) -> None:
    if not update["photo_hash"]:
        return
    await Update.update(
        {Update.photo_hash: "", Update.photo_sizes: [], Update.updated_at: now()}
    ).where(Update.id == update["id"])
    await photos.remove(str(update["id"]))


async def read_photo(update: dict[str, Any], file_name: str) -> tuple[str, bytes] | None:
    return await photos.read(
        str(update["id"]), update["photo_hash"], _sizes(update["photo_sizes"]), file_name
    )
