"""The job-analysis template, versioned like the profile template: version 1 is
``data/analysis_template_v1.json`` (the parts' headings and questions and the fields' labels, in
English, Polish, Finnish and Hebrew), made the first time anyone needs it. Administrators write
the next version; a version never changes, and an analysis keeps the version it was started
with, so it reads the same later."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, get_args

import msgspec

from backend.lib import clock
from backend.lib.errors import field_error
from backend.workplace.tables import AnalysisTemplate
from shared_schemas import workplace as wire

DEFAULT = Path(__file__).parent / "data" / "analysis_template_v1.json"
LOCALES = ("en", "pl", "fi", "he")
FIELD_KEYS: tuple[wire.FieldKey, ...] = get_args(wire.FieldKey)


@cache
def default_texts() -> dict[str, Any]:
    texts: dict[str, Any] = json.loads(DEFAULT.read_text(encoding="utf-8"))
    return texts


async def ensure_default() -> None:
    """Version 1 from the data file, the first time anyone needs a template."""
    if await AnalysisTemplate.exists():
        return
    try:
        await AnalysisTemplate.insert(
            AnalysisTemplate(version=1, texts=default_texts(), created_at=clock.now())
        )
    except Exception:  # another request made it at the same moment (unique version)
        if not await AnalysisTemplate.exists():
            raise


async def newest_version() -> int:
    await ensure_default()
    row = (
        await AnalysisTemplate.select(AnalysisTemplate.version)
        .order_by(AnalysisTemplate.version, ascending=False)
        .first()
    )
    assert row is not None
    return int(row["version"])


async def texts_of(version: int) -> dict[str, Any] | None:
    """The version's words in every language, or None when there is no such version."""
    await ensure_default()
    row = (
        await AnalysisTemplate.select(AnalysisTemplate.texts)
        .where(AnalysisTemplate.version == version)
        .first()
        .output(load_json=True)
    )
    return dict(row["texts"]) if row is not None else None


def to_wire(version: int, texts: dict[str, Any]) -> wire.AnalysisTemplate:
    return wire.AnalysisTemplate(
        version=version,
        texts=msgspec.convert(
            texts,
            dict[wire.Locale, wire.AnalysisTemplateText],
            from_attributes=False,
            str_keys=True,
        ),
    )


def _complete(locale: str, text: wire.AnalysisTemplateTextIn) -> dict[str, Any]:
    """The words of one language, every key there (a missing one refused, naming it)."""
    wanted = {"sections": get_args(wire.SectionKey), "fields": FIELD_KEYS}
    words: dict[str, Any] = msgspec.to_builtins(text)
    for part, keys in wanted.items():
        for key in keys:
            if key not in words[part]:
                raise field_error(
                    f"body.{locale}.{part}.{key}", "Please write this in every language."
                )
    return words


async def add(data: wire.AnalysisTemplateCreate) -> wire.AnalysisTemplate:
    """The next version (the newest + 1); two editors at once: the later one is numbered after."""
    texts = {locale: _complete(locale, getattr(data, locale)) for locale in LOCALES}
    for attempt in range(3):
        number = await newest_version() + 1
        try:
            await AnalysisTemplate.insert(
                AnalysisTemplate(version=number, texts=texts, created_at=clock.now())
            )
        except Exception:  # the same number taken meanwhile: take the next
            if attempt == 2:
                raise
            continue
        return to_wire(number, texts)
    raise AssertionError("unreachable")
