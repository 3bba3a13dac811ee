"""Writing and sharing updates: written by the coach or the client, or suggested by Stepwise;
shared with family only when the client approves, or at once for a kind the client auto-shares.
Every share is audit-logged and announced to the family members who may see it at that moment
(``notify``)."""

from __future__ import annotations

import uuid
from typing import Any

from backend import clients
from backend.accounts.tables import User
from backend.audit import record as audit
from backend.family import access, consent, notify, photos, texts
from backend.family.tables import Update
from backend.family.updates.reading import detail
from backend.family.updates.rows import AnyRequest, sizes, update_row
from backend.family.updates.rows import text_of as _text
from backend.lib import i18n, images
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.ids import as_uuid
from backend.lib.storage import Opened
from backend.sync import insert_once
from shared_schemas import family as wire


async def _announce_share(
    update_id: str, record: clients.ClientRow, actor_id: str, how: str, request: AnyRequest
) -> None:
    """Every share is audit-logged and pushed to whoever may see it now."""
    row = await update_row(update_id)
    assert row is not None
    client_id = record.client_id
    await audit(
        "update_shared",
        request=request,
        actor=actor_id,
        subject=client_id,
        team=record.audit_team,
        detail={"update": update_id, "kind": row["kind"], "how": how},
    )
    await notify.update_shared(client_id, update_id, row["kind"])


async def _initial_status(actor: Actor | None, record: clients.ClientRow, kind: str) -> str:
    """The client's own update is shared as they write it; anyone else's waits for the client,
    unless the client auto-shares the kind."""
    if actor is not None and access.is_the_client(actor, record):
        return "client"
    if kind in await consent.auto_share_kinds(record.client_id):
        return "auto_share"
    return ""


async def create(
    actor: Actor, record: clients.ClientRow, data: wire.UpdateCreate, request: AnyRequest
) -> tuple[wire.Update, bool]:
    client_id = record.client_id
    how = await _initial_status(actor, record, data.kind)
    at = now()
    row = Update(
        client_uuid=as_uuid(data.local_id),
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
            team=record.audit_team,
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
    client_id = record.client_id
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
        team=record.audit_team,
        detail={"update": update_id, "kind": kind, "source": source[:80]},
    )
    if how:
        await _announce_share(update_id, record, "", how, None)
    else:
        await notify.waiting_for_client(client_id)
    return update_id


async def _after_change_by(actor: Actor, update: dict[str, Any], record: clients.ClientRow) -> None:
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
    record: clients.ClientRow,
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
    actor: Actor, update: dict[str, Any], record: clients.ClientRow, request: AnyRequest
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
    actor: Actor, update: dict[str, Any], record: clients.ClientRow, request: AnyRequest
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
        subject=record.client_id,
        team=record.audit_team,
        detail={"update": str(update["id"]), "kind": update["kind"]},
    )


async def remove(update: dict[str, Any]) -> None:
    await Update.delete().where(Update.id == update["id"])
    await photos.remove(str(update["id"]))


async def set_photo(
    actor: Actor, update: dict[str, Any], record: clients.ClientRow, processed: images.Processed
) -> None:
    async def commit(content_hash: str, sizes: list[dict[str, Any]]) -> None:
        await Update.update(
            {Update.photo_hash: content_hash, Update.photo_sizes: sizes, Update.updated_at: now()}
        ).where(Update.id == update["id"])

    await photos.store(str(update["id"]), processed, commit)
    await _after_change_by(actor, update, record)


async def remove_photo(actor: Actor, update: dict[str, Any], record: clients.ClientRow) -> None:
    if not update["photo_hash"]:
        return
    await Update.update(
        {Update.photo_hash: "", Update.photo_sizes: [], Update.updated_at: now()}
    ).where(Update.id == update["id"])
    await photos.remove(str(update["id"]))


async def read_photo(update: dict[str, Any], file_name: str) -> tuple[str, Opened] | None:
    return await photos.read(
        str(update["id"]), update["photo_hash"], sizes(update["photo_sizes"]), file_name
    )
