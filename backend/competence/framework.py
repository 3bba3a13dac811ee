"""The competence framework, versioned as the monthly conversation's question sets are
(``backend/goals/questions.py``): version 1 is ``data/framework_v1.json``, made on first use.
Reading the versions, the current one and a version's competences is here; making a draft,
editing and publishing it is ``framework_edit.py``'s. A published version never changes, so every
self-assessment and visit keeps the version it used. The only writers of
``competence_frameworks`` are these two modules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec

from backend.competence.tables import Framework
from backend.lib import clock
from backend.lib.ids import as_uuid
from shared_schemas import competence as wire

DEFAULT = Path(__file__).parent / "data" / "framework_v1.json"
LOCALE_NAMES = {"en": "English", "pl": "Polish", "fi": "Finnish", "he": "Hebrew"}
NO_FRAMEWORK = "There is no such version of the framework."
MIN_INDICATORS, MAX_INDICATORS = 3, 6
CURRENT = "current"
"""``/api/competence/frameworks/current``: the newest published version."""


def default_content() -> dict[str, Any]:
    content: dict[str, Any] = json.loads(DEFAULT.read_text(encoding="utf-8"))
    return content


async def ensure_default() -> None:
    """Version 1 from the data file, the first time anyone needs the framework."""
    if await Framework.exists():
        return
    at = clock.now()
    try:
        await Framework.insert(
            Framework(
                version=1,
                status="published",
                content=default_content(),
                created_at=at,
                updated_at=at,
                published_at=at,
            )
        )
    except Exception:  # another request made it at the same moment (unique version)
        if not await Framework.exists():
            raise


async def row_of(framework_id: str) -> dict[str, Any] | None:
    """A version by id (or ``current``), None when there is none."""
    if framework_id == CURRENT:
        return await current()
    await ensure_default()
    if as_uuid(framework_id) is None:
        return None
    row: dict[str, Any] | None = (
        await Framework.select(*Framework.all_columns())
        .where(Framework.id == as_uuid(framework_id))
        .first()
        .output(load_json=True)
    )
    return row


async def rows_by_id(ids: set[str]) -> dict[str, dict[str, Any]]:
    wanted = sorted(i for i in ids if as_uuid(i) is not None)
    if not wanted:
        return {}
    rows = (
        await Framework.select(*Framework.all_columns())
        .where(Framework.id.is_in(wanted))
        .output(load_json=True)
    )
    return {str(r["id"]): r for r in rows}


def to_wire(row: dict[str, Any]) -> wire.Framework:
    content = row["content"]
    return wire.Framework(
        id=str(row["id"]),
        version=row["version"],
        status=row["status"],
        levels=msgspec.convert(content["levels"], list[wire.LevelWords]),
        tracks=msgspec.convert(content["tracks"], list[wire.Track]),
        areas=msgspec.convert(content["areas"], list[wire.Area]),
        based_on=row["based_on"],
        created_at=row["created_at"],
        published_at=row["published_at"],
    )


def competences(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The version's competences, in order, across its areas."""
    return [c for a in row["content"]["areas"] for c in a["competences"]]


async def versions() -> list[wire.FrameworkSummary]:
    await ensure_default()
    rows = await Framework.select(
        Framework.id,
        Framework.version,
        Framework.status,
        Framework.based_on,
        Framework.created_at,
        Framework.published_at,
    ).order_by(Framework.version, ascending=False)
    return [
        wire.FrameworkSummary(
            id=str(r["id"]),
            version=r["version"],
            status=r["status"],
            based_on=r["based_on"],
            created_at=r["created_at"],
            published_at=r["published_at"],
        )
        for r in rows
    ]


async def current() -> dict[str, Any]:
    """The newest published version: new self-assessments and visits use it."""
    await ensure_default()
    row: dict[str, Any] | None = (
        await Framework.select(*Framework.all_columns())
        .where(Framework.status == "published")
        .order_by(Framework.version, ascending=False)
        .first()
        .output(load_json=True)
    )
    assert row is not None
    return row
