"""The profile template, versioned like the agreement template and the monthly conversation's
question set: version 1 is ``data/profile_template_v1.json`` (the seven sections' headings and
plain questions, the themes of interest, the conditions at work, the kinds of experience, in
English, Polish, Finnish and Hebrew), made the first time anyone needs it. A version never
changes, and a profile keeps the number of the version it was started with, so its headings
read the same in every later document."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, get_args

import msgspec

from backend.lib import clock
from backend.lib.errors import field_error
from backend.profiles.tables import ProfileTemplate
from shared_schemas import profiles as wire

DEFAULT = Path(__file__).parent / "data" / "profile_template_v1.json"
LOCALES = ("en", "pl", "fi", "he")
SECTION_KEYS: tuple[wire.SectionKey, ...] = (
    "who_i_am",
    "likes_and_strengths",
    "done",
    "how_i_learn",
    "needs",
    "not_want",
    "bring",
)
CONDITIONS = ("hours", "place", "people", "noise", "travel", "adjustments")
# The same needs in levels the job analysis compares with (stored beside the words in a
# section's conditions, by their wire name; "" not said): wire name → Struct attribute.
LEVELS = {
    "noiseLevel": "noise_level",
    "peopleLevel": "people_level",
    "hoursPerWeek": "hours_per_week",
    "travelMinutes": "travel_minutes",
}


@cache
def default_texts() -> dict[str, Any]:
    texts: dict[str, Any] = json.loads(DEFAULT.read_text(encoding="utf-8"))
    return texts


async def ensure_default() -> None:
    """Version 1 from the data file, the first time anyone needs a template."""
    if await ProfileTemplate.exists():
        return
    try:
        await ProfileTemplate.insert(
            ProfileTemplate(version=1, texts=default_texts(), created_at=clock.now())
        )
    except Exception:  # another request made it at the same moment (unique version)
        if not await ProfileTemplate.exists():
            raise


async def newest_version() -> int:
    await ensure_default()
    row = (
        await ProfileTemplate.select(ProfileTemplate.version)
        .order_by(ProfileTemplate.version, ascending=False)
        .first()
    )
    assert row is not None
    return int(row["version"])


async def texts_of(version: int) -> dict[str, Any] | None:
    """The version's words in every language, or None when there is no such version."""
    await ensure_default()
    row = (
        await ProfileTemplate.select(ProfileTemplate.texts)
        .where(ProfileTemplate.version == version)
        .first()
        .output(load_json=True)
    )
    return dict(row["texts"]) if row is not None else None


def to_wire(version: int, texts: dict[str, Any]) -> wire.ProfileTemplate:
    return wire.ProfileTemplate(
        version=version,
        texts=msgspec.convert(
            texts, dict[wire.Locale, wire.TemplateText], from_attributes=False, str_keys=True
        ),
    )


def words_in(texts: dict[str, Any], locale: str) -> dict[str, Any]:
    """The template in ``locale`` (English when it has none)."""
    found: dict[str, Any] = texts.get(locale) or texts["en"]
    return found


def _complete(locale: str, text: wire.TemplateTextIn) -> dict[str, Any]:
    """The words of one language, every key there (a missing one refused, naming it)."""
    wanted = {
        "sections": get_args(wire.SectionKey),
        "themes": get_args(wire.Theme),
        "conditions": get_args(wire.ConditionKey),
        "entryKinds": get_args(wire.EntryKind),
    }
    words: dict[str, Any] = msgspec.to_builtins(text)
    for part, keys in wanted.items():
        for key in keys:
            if key not in words[part]:
                raise field_error(
                    f"body.{locale}.{part}.{key}", "Please write this in every language."
                )
    return words


async def add(data: wire.ProfileTemplateCreate) -> wire.ProfileTemplate:
    """The next version (the newest + 1); two editors at once: the later one is numbered after."""
    texts = {locale: _complete(locale, getattr(data, locale)) for locale in LOCALES}
    for attempt in range(3):
        number = await newest_version() + 1
        try:
            await ProfileTemplate.insert(
                ProfileTemplate(version=number, texts=texts, created_at=clock.now())
            )
        except Exception:  # the same number taken meanwhile: take the next
            if attempt == 2:
                raise
            continue
        return to_wire(number, texts)
    raise AssertionError("unreachable")
