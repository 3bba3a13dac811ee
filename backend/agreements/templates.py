"""The organisation's agreement templates: versioned, in English, Polish, Finnish and Hebrew.

Version 1 is Stepwise's own, from ``data/template_v1.json``, made the first time anyone needs a
template: the rules of working together, confidentiality, the goal, the duration, how often
and how the two meet, and ending without blame. Administrators write the next version; a
version never changes, and an agreement keeps the number of the version it was made from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec

from backend.accounts import display_names
from backend.agreements.tables import AgreementTemplate
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import field_error
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from shared_schemas import agreements as wire

DEFAULT = Path(__file__).parent / "data" / "template_v1.json"
LOCALES = ("en", "pl", "fi", "he")
TEMPLATES = "agreement-templates"
"""The list's name in its cursors."""


def default_texts() -> dict[str, Any]:
    texts: dict[str, Any] = json.loads(DEFAULT.read_text(encoding="utf-8"))
    return texts


async def ensure_default() -> None:
    """Version 1 from the data file, the first time anyone needs a template."""
    if await AgreementTemplate.exists():
        return
    try:
        await AgreementTemplate.insert(
            AgreementTemplate(version=1, texts=default_texts(), created_at=clock.now())
        )
    except Exception:  # another request made it at the same moment (unique version)
        if not await AgreementTemplate.exists():
            raise


def _wire(row: dict[str, Any], names: dict[str, str]) -> wire.AgreementTemplate:
    return wire.AgreementTemplate(
        id=str(row["id"]),
        version=row["version"],
        texts=msgspec.convert(row["texts"], dict[wire.Locale, wire.AgreementTemplateText]),
        created_at=row["created_at"],
        created_by_name=names.get(str(row["created_by"])) if row["created_by"] else None,
    )


async def _to_wire(rows: list[dict[str, Any]]) -> list[wire.AgreementTemplate]:
    people = {str(r["created_by"]) for r in rows if r["created_by"]}
    names = await display_names(people) if people else {}
    return [_wire(r, names) for r in rows]


def templates_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of template versions, newest first."""
    return page_request(TEMPLATES, cursor, limit, int)


async def templates(page: PageRequest) -> tuple[list[wire.AgreementTemplate], str | None]:
    await ensure_default()
    query = AgreementTemplate.select(*AgreementTemplate.all_columns())
    if (after := after_key(page, AgreementTemplate.version, descending=True)) is not None:
        query = query.where(after)
    rows = (
        await query.order_by(AgreementTemplate.version, ascending=False)
        .limit(page.fetch)
        .output(load_json=True)
    )
    found, next_cursor = page_of(rows, page, TEMPLATES, lambda r: (r["version"],))
    return await _to_wire(found), next_cursor


async def newest_version() -> int:
    await ensure_default()
    row = (
        await AgreementTemplate.select(AgreementTemplate.version)
        .order_by(AgreementTemplate.version, ascending=False)
        .first()
    )
    assert row is not None
    return int(row["version"])


async def exists(version: int) -> bool:
    await ensure_default()
    return bool(await AgreementTemplate.exists().where(AgreementTemplate.version == version))


async def add(actor: Actor, data: wire.AgreementTemplateCreate) -> wire.AgreementTemplate:
    """The next version (the newest + 1); two editors at once: the later one is numbered after."""
    texts: dict[str, Any] = {}
    for locale in LOCALES:
        text: wire.AgreementTemplateTextSet = getattr(data, locale)
        title, rules = text.title.strip(), [r.strip() for r in text.rules if r.strip()]
        if not title:
            raise field_error(f"body.{locale}.title", "Please write the template's title.")
        if not rules:
            raise field_error(f"body.{locale}.rules", "Please write at least one rule.")
        texts[locale] = {"title": title, "rules": rules}
    for attempt in range(3):
        number = await newest_version() + 1
        row = AgreementTemplate(
            version=number, texts=texts, created_by=actor.id, created_at=clock.now()
        )
        try:
            await row.save()
        except Exception:  # the same number taken meanwhile: take the next
            if attempt == 2:
                raise
            continue
        break
    saved = (
        await AgreementTemplate.select(*AgreementTemplate.all_columns())
        .where(AgreementTemplate.id == row.id)
        .first()
        .output(load_json=True)
    )
    assert saved is not None
    return (await _to_wire([saved]))[0]
