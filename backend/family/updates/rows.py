"""An update's row and who may see it: the first step of every handler about one update."""

from __future__ import annotations

from typing import Any

from litestar import Request

from backend import clients
from backend.family import access, consent
from backend.family.tables import Update
from backend.lib import i18n
from backend.lib.actor import Actor
from backend.lib.errors import not_found
from backend.lib.ids import as_uuid

NO_UPDATE = "There is no such update in your reach."

COLUMNS = (
    *Update.all_columns(),
    Update.author.display_name.as_alias("author_name"),
    Update.client.display_name.as_alias("client_name"),
)

AnyRequest = Request[Any, Any, Any] | None


def str_or_none(value: Any) -> str | None:
    return str(value) if value is not None else None


def sizes(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else []


async def update_row(update_id: str) -> dict[str, Any] | None:
    if as_uuid(update_id) is None:
        return None
    row = (
        await Update.select(*COLUMNS)
        .where(Update.id == as_uuid(update_id))
        .first()
        .output(load_json=True)
    )
    return dict(row) if row is not None else None


async def visible_update(actor: Actor, update_id: str) -> tuple[dict[str, Any], clients.ClientRow]:
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


def text_of(row: dict[str, Any], locale: str) -> str:
    """The update's words for one reader: a suggestion by Stepwise in the reader's language,
    anything a person wrote as they wrote it."""
    key = row.get("text_key") or ""
    if not key:
        return str(row["text"])
    params = row.get("text_params")
    return i18n.text_or(
        locale, key, str(row["text"]), **(params if isinstance(params, dict) else {})
    )
