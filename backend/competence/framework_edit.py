"""Changes to the competence framework: a new draft copied from a version, a draft's words,
indicators, targets and structure edited — competences and areas added, moved and removed, keys
made from the English name and never changed — and the draft published once every text is in
every language. Reading the versions is ``framework.py``'s."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from backend.competence.framework import (
    LOCALE_NAMES,
    MAX_INDICATORS,
    MIN_INDICATORS,
    current,
    ensure_default,
    row_of,
)
from backend.competence.tables import Framework
from backend.lib import clock, i18n
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from shared_schemas import FieldError
from shared_schemas import competence as wire


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


AREA_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
COMPETENCE_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}\.[a-z0-9_]{1,39}$")


def slug(title: str, limit: int = 30) -> str:
    """``Working with interpreters`` → ``working_with_interpreters``: a key's part from words."""
    ascii_ = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    made = re.sub(r"[^a-z0-9]+", "_", ascii_).strip("_")[:limit].strip("_")
    return made


def _free(base: str, taken: set[str], separator: str = "_") -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}{separator}{n}" in taken:
        n += 1
    return f"{base}{separator}{n}"


def _keys(content: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The area keys and the competence keys of a version's content."""
    areas = content.get("areas", [])
    return {a["key"] for a in areas}, {c["key"] for a in areas for c in a["competences"]}


def _area_key(area: wire.AreaEdit, where: str, seen: set[str], reserved: set[str]) -> str:
    if area.key is not None:
        if not AREA_KEY.match(area.key):
            raise field_error(
                f"{where}.key",
                "An area's key is lower-case letters, digits and _, starting with a letter.",
            )
        if area.key in seen:
            raise field_error(f"{where}.key", "Another area already has this key.", code="taken")
        return area.key
    base = slug(area.titles.get("en", "")) or "area"
    if not base[0].isalpha():
        base = f"area_{base}"
    return _free(base, seen | reserved)


def _competence_key(
    comp: wire.CompetenceEdit,
    area_key: str,
    where: str,
    seen: set[str],
    known: set[str],
    reserved: set[str],
) -> str:
    """The key of the body's competence: its own (a known one as it is, a new one checked), or
    one made from its English name that nothing in ``reserved`` uses."""
    if comp.key is not None:
        if comp.key in seen:
            raise field_error(
                f"{where}.key", "Another competence already has this key.", code="taken"
            )
        if comp.key not in known and (
            not COMPETENCE_KEY.match(comp.key) or comp.key.split(".")[0] != area_key
        ):
            raise field_error(
                f"{where}.key",
                "A new competence's key is its area's key, a dot, then lower-case letters, "
                "digits and _ (area.name).",
            )
        return comp.key
    base = f"{area_key}.{slug(comp.titles.get('en', '')) or 'competence'}"
    return _free(base, seen | reserved)


def _checked(
    row: dict[str, Any], data: wire.FrameworkEdit, earlier: dict[str, Any] | None
) -> dict[str, Any]:
    """The draft's new content from the body: words, order, added and removed items. Existing
    keys stay; new ones are checked for being unique in the version, or made from the English
    name (never one the draft or the version it was copied from used for something else)."""
    drafted = row["content"]
    if [lv.level for lv in data.levels] != [0, 1, 2, 3, 4]:
        raise field_error("body.levels", "The levels are 0 to 4, in that order.")
    levels = []
    for i, lv in enumerate(data.levels):
        _need_english(lv.titles, f"body.levels.{i}.titles", "the level's name")
        _need_english(lv.texts, f"body.levels.{i}.texts", "what the level means")
        levels.append({"level": lv.level, "titles": _plain(lv.titles), "texts": _plain(lv.texts)})
    had = {c["key"]: c for a in drafted["areas"] for c in a["competences"]}
    area_keys, comp_keys = _keys(drafted)
    old_areas, old_comps = _keys(earlier["content"]) if earlier else (set(), set())
    # Keys the body leaves out, or gives further on, are not made for a new item from its name.
    known_comps = comp_keys | old_comps
    reserved_areas = area_keys | old_areas | {a.key for a in data.areas if a.key}
    reserved_comps = known_comps | {c.key for a in data.areas for c in a.competences if c.key}
    tracks = [t["key"] for t in drafted["tracks"]]
    seen_areas: set[str] = set()
    seen_comps: set[str] = set()
    areas = []
    for i, area in enumerate(data.areas):
        where = f"body.areas.{i}"
        _need_english(area.titles, f"{where}.titles", "the area's name")
        key = _area_key(area, where, seen_areas, reserved_areas)
        seen_areas.add(key)
        comps = []
        for j, comp in enumerate(area.competences):
            at = f"{where}.competences.{j}"
            _need_english(comp.titles, f"{at}.titles", "the competence's name")
            ckey = _competence_key(comp, key, at, seen_comps, known_comps, reserved_comps)
            seen_comps.add(ckey)
            for k, indicator in enumerate(comp.indicators):
                _need_english(indicator, f"{at}.indicators.{k}", "this indicator")
            before = had.get(ckey, {}).get("targets", {t: 0 for t in tracks})
            comps.append(
                {
                    "key": ckey,
                    "titles": _plain(comp.titles),
                    "indicators": [_plain(x) for x in comp.indicators],
                    "targets": {**before, **{str(k): v for k, v in comp.targets.items()}},
                }
            )
        areas.append({"key": key, "titles": _plain(area.titles), "competences": comps})
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
    earlier = None
    if row["based_on"] is not None:
        earlier = (
            await Framework.select(Framework.content)
            .where(Framework.version == row["based_on"])
            .first()
            .output(load_json=True)
        )
    content = _checked(row, data, earlier)
    changed = (
        await Framework.update({Framework.content: content, Framework.updated_at: clock.now()})
        .where((Framework.id == row["id"]) & (Framework.status == "draft"))
        .returning(Framework.id)
    )
    if not changed:  # published while this edit was on its way
        raise _published()


def untranslated(content: dict[str, Any]) -> list[FieldError]:
    """Every text without its words in one of the four languages, every area without a
    competence and every competence without 3 to 6 indicators."""
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
        if not area["competences"]:
            reason = "Add a competence to this area, or remove the area."
            missing.append(FieldError(field=f"areas.{i}.competences", reason=reason, code="empty"))
        for j, comp in enumerate(area["competences"]):
            at = f"areas.{i}.competences.{j}"
            need(comp["titles"], f"{at}.titles", "the competence's name")
            if not MIN_INDICATORS <= len(comp["indicators"]) <= MAX_INDICATORS:
                reason = "A competence has 3 to 6 things one can see the person do."
                missing.append(
                    FieldError(field=f"{at}.indicators", reason=reason, code="indicators")
                )
            for k, indicator in enumerate(comp["indicators"]):
                need(indicator, f"{at}.indicators.{k}", "this indicator")
    return missing


async def publish(row: dict[str, Any]) -> None:
    """Puts a draft into use. Coaches read it in their language, so every text needs all four,
    every area a competence and every competence 3 to 6 indicators; the 422 names each missing
    one (code ``untranslated``, each error its own code)."""
    if row["status"] == "published":
        return
    missing = untranslated(row["content"])
    if missing:
        words = all(m.code == "untranslated" for m in missing)
        problem = ProblemError(
            422,
            "Some texts are not translated yet. Write each one in every language, then try again."
            if words
            else "Some parts of the draft are not complete yet. Each is named; then try again.",
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
