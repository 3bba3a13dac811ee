"""The competence framework, versioned as the monthly conversation's question sets are
(``backend/goals/questions.py``): version 1 is ``data/framework_v1.json``, made on first use.
Administrators and coordinators copy a version into a draft, edit and translate it, and publish
it; a published version never changes, so every self-assessment and visit keeps the version it
used. The only writer of ``competence_frameworks``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from backend.competence.tables import Framework
from backend.lib import clock, i18n
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from shared_schemas import FieldError
from shared_schemas import competence as wire

DEFAULT = Path(__file__).parent / "data" / "framework_v1.json"
LOCALE_NAMES = {"en": "English", "pl": "Polish", "fi": "Finnish", "he": "Hebrew"}
NO_FRAMEWORK = "There is no such version of the framework."
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


async def new_draft(actor: Actor, from_version: int | None) -> str:
    await ensure_default()
    if from_version is None:
        source = await current()
    else:
        source = (
            await Framework.select(*Framework.all_columns())
            .where(Framework.version == from_version)
            .first()
            .output(load_json=True)
        )
        if source is None:
            raise field_error("body.fromVersion", "There is no such version.")
    at = clock.now()
    for _ in range(3):  # two editors at once: the unique version decides, try again
        last = (
            await Framework.select(Framework.version)
            .order_by(Framework.version, ascending=False)
            .first()
        )
        row = Framework(
            version=(last["version"] if last else 0) + 1,
            status="draft",
            content=source["content"],
            based_on=source["version"],
            created_by=actor.id,
            created_at=at,
            updated_at=at,
        )
        try:
            await row.save()
        except Exception:  # noqa: S112 (the unique version was taken: count again)
            continue
        return str(row.id)
    raise ProblemError(409, "Someone else is making a version right now. Try again.")


def _plain(texts: Mapping[Any, str]) -> dict[str, str]:
    return {k: " ".join(v.split()) for k, v in texts.items()}


def _need_english(texts: Mapping[Any, str], field: str, what: str) -> None:
    if not " ".join(texts.get("en", "").split()):
        raise field_error(f"{field}.en", f"Write {what} in English at least.")


def _checked(row: dict[str, Any], data: wire.FrameworkEdit) -> dict[str, Any]:
    drafted = row["content"]
    if [lv.level for lv in data.levels] != [0, 1, 2, 3, 4]:
        raise field_error("body.levels", "The levels are 0 to 4, in that order.")
    levels = []
    for i, lv in enumerate(data.levels):
        _need_english(lv.titles, f"body.levels.{i}.titles", "the level's name")
        _need_english(lv.texts, f"body.levels.{i}.texts", "what the level means")
        levels.append({"level": lv.level, "titles": _plain(lv.titles), "texts": _plain(lv.texts)})
    if [a.key for a in data.areas] != [a["key"] for a in drafted["areas"]]:
        raise field_error("body.areas", "The areas stay as they are: edit their words.")
    areas = []
    for i, (area, was) in enumerate(zip(data.areas, drafted["areas"], strict=True)):
        where = f"body.areas.{i}"
        _need_english(area.titles, f"{where}.titles", "the area's name")
        if [c.key for c in area.competences] != [c["key"] for c in was["competences"]]:
            raise field_error(
                f"{where}.competences", "The competences stay as they are: edit their words."
            )
        comps = []
        for j, (comp, had) in enumerate(zip(area.competences, was["competences"], strict=True)):
            at = f"{where}.competences.{j}"
            _need_english(comp.titles, f"{at}.titles", "the competence's name")
            for k, indicator in enumerate(comp.indicators):
                _need_english(indicator, f"{at}.indicators.{k}", "this indicator")
            comps.append(
                {
                    "key": comp.key,
                    "titles": _plain(comp.titles),
                    "indicators": [_plain(x) for x in comp.indicators],
                    "targets": {**had["targets"], **{str(k): v for k, v in comp.targets.items()}},
                }
            )
        areas.append({"key": area.key, "titles": _plain(area.titles), "competences": comps})
    return {"levels": levels, "tracks": drafted["tracks"], "areas": areas}


def _published() -> ProblemError:
    return ProblemError(
        409,
        "A published version does not change. Make a new version to edit.",
        code="published",
    )


async def edit(row: dict[str, Any], data: wire.FrameworkEdit) -> None:
    if row["status"] != "draft":
        raise _published()
    content = _checked(row, data)
    changed = (
        await Framework.update({Framework.content: content, Framework.updated_at: clock.now()})
        .where((Framework.id == row["id"]) & (Framework.status == "draft"))
        .returning(Framework.id)
    )
    if not changed:  # published while this edit was on its way
        raise _published()


def untranslated(content: dict[str, Any]) -> list[FieldError]:
    """Every text without its words in one of the four languages."""
    missing: list[FieldError] = []

    def need(texts: dict[str, str], field: str, what: str) -> None:
        for locale in i18n.LOCALES:
            if not texts.get(locale, "").strip():
                reason = f"Write {what} in {LOCALE_NAMES[locale]}."
                missing.append(
                    FieldError(field=f"{field}.{locale}", reason=reason, code="untranslated")
                )

    for i, lv in enumerate(content["levels"]):
        need(lv["titles"], f"levels.{i}.titles", "the level's name")
        need(lv["texts"], f"levels.{i}.texts", "what the level means")
    for i, area in enumerate(content["areas"]):
        need(area["titles"], f"areas.{i}.titles", "the area's name")
        for j, comp in enumerate(area["competences"]):
            at = f"areas.{i}.competences.{j}"
            need(comp["titles"], f"{at}.titles", "the competence's name")
            for k, indicator in enumerate(comp["indicators"]):
                need(indicator, f"{at}.indicators.{k}", "this indicator")
    return missing


async def publish(row: dict[str, Any]) -> None:
    """Puts a draft into use. Coaches read it in their language, so every text needs all four;
    the 422 names each missing one."""
    if row["status"] == "published":
        return
    missing = untranslated(row["content"])
    if missing:
        problem = ProblemError(
            422,
            "Some texts are not translated yet. Write each one in every language, then try again.",
            code="untranslated",
        )
        problem.problem.errors = missing
        raise problem
    at = clock.now()
    changed = (
        await Framework.update(
            {Framework.status: "published", Framework.published_at: at, Framework.updated_at: at}
        )
        .where(
            (Framework.id == row["id"])
            & (Framework.status == "draft")
            & (Framework.updated_at == row["updated_at"])
        )
        .returning(Framework.id)
    )
    if not changed:
        now = await row_of(str(row["id"]))
        if now is None or now["status"] != "published":
            raise ProblemError(409, "The draft changed just now. Look at it again, then retry.")
