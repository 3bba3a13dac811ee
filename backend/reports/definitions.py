"""Report definitions as data: each funder's table is a JSON file in ``definitions/``, named
``<id>.v<version>.json`` — its rows (the funder's fields, each mapped onto a ``Measure`` the app
computes), its columns (the situation at entry each counts), the periods it asks about, and its
labels, rules and notes in the four languages.

A definition is never edited in place once reports were submitted with it: a change is a new
version (a new file), and a submitted report keeps the copy it was made with. The newest version
of each definition is the one offered. Users do not type definitions in this version.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import msgspec

from shared_schemas import reports as wire

FOLDER = Path(__file__).parent / "definitions"

Measure = Literal[
    "participants", "leavers", "employed_on_leaving", "employed_six_months", "improved"
]
"""What a row counts (``figures.py``)."""
Entry = Literal["all", "out_of_work", "in_work"]
"""Which participants a column counts, by their situation at entry."""


class Words(msgspec.Struct, frozen=True):
    """The same words in the four languages."""

    en: str
    pl: str
    fi: str
    he: str

    def __call__(self, locale: str) -> str:
        return str(getattr(self, locale, self.en))


class ColumnDef(msgspec.Struct, frozen=True):
    id: str
    entry: Entry
    label: Words


class RowDef(msgspec.Struct, frozen=True):
    id: str
    code: str
    measure: Measure
    label: Words
    definition: Words


class DefinitionData(msgspec.Struct, frozen=True):
    id: str
    version: int
    periods: list[wire.PeriodKind]
    funder: Words
    name: Words
    description: Words
    row_heading: Words
    columns: list[ColumnDef]
    rows: list[RowDef]
    notes: list[Words]


@cache
def _all() -> dict[tuple[str, int], DefinitionData]:
    out = {}
    for path in sorted(FOLDER.glob("*.v*.json")):
        found = msgspec.json.decode(path.read_bytes(), type=DefinitionData)
        if path.name != f"{found.id}.v{found.version}.json":
            raise ValueError(f"{path.name} holds {found.id} version {found.version}")
        if not found.columns or found.columns[0].entry != "all":
            raise ValueError(f"{path.name}: the first column is the total (entry: all)")
        out[(found.id, found.version)] = found
    return out


def latest() -> list[DefinitionData]:
    """The newest version of each definition, by id."""
    newest: dict[str, DefinitionData] = {}
    for (key, version), found in sorted(_all().items()):
        if key not in newest or version > newest[key].version:
            newest[key] = found
    return [newest[k] for k in sorted(newest)]


def current(definition_id: str) -> DefinitionData | None:
    return next((d for d in latest() if d.id == definition_id), None)


def summary(found: DefinitionData, locale: str) -> wire.Definition:
    return wire.Definition(
        id=found.id,
        version=found.version,
        name=found.name(locale),
        funder=found.funder(locale),
        description=found.description(locale),
        periods=list(found.periods),
    )


def version(definition_id: str, number: int) -> DefinitionData | None:
    """That version of a definition (a submitted report names the one it was made with)."""
    return _all().get((definition_id, number))
