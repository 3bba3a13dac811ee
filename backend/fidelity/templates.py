"""The templates, versioned: ``data/<key>_v<version>.json``, each item's texts in en, pl, fi and
he. A published version never changes: a review keeps the key and version it was scored with, and
a new wording is a new file with the next version (the newest is the one new reviews start
with). The IPS anchors are Stepwise's own plain words for the published scale's meaning."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from shared_schemas import fidelity as wire

DATA = Path(__file__).parent / "data"
KEYS: tuple[wire.TemplateKey, ...] = ("ips", "euse")
TOP: dict[str, int] = {"five": 5, "met": 3}


@cache
def _versions() -> dict[tuple[str, int], wire.FidelityTemplate]:
    out: dict[tuple[str, int], wire.FidelityTemplate] = {}
    for path in sorted(DATA.glob("*_v*.json")):
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        raw["top"] = TOP[raw["scale"]]
        template = msgspec.convert(
            {k: v for k, v in raw.items() if k != "about"}, wire.FidelityTemplate
        )
        out[(template.key, template.version)] = template
    return out


def latest(key: str) -> wire.FidelityTemplate:
    return max((t for (k, _), t in _versions().items() if k == key), key=lambda t: t.version)


def version(key: str, number: int) -> wire.FidelityTemplate:
    return _versions()[(key, number)]


def newest() -> list[wire.FidelityTemplate]:
    return [latest(k) for k in KEYS]


def items(template: wire.FidelityTemplate) -> list[tuple[str, str]]:
    """(section, item) in the template's order."""
    return [(s.key, i.key) for s in template.sections for i in s.items]


def band(template: wire.FidelityTemplate, total: int) -> wire.BandKey | None:
    for rule in sorted(template.bands, key=lambda b: -b.min):
        if total >= rule.min:
            return rule.key
    return None
