"""Funder reports: a definition (a funder's table: its rows and columns, each mapped onto what
the app records, with period rules) filled in for a scope and a period, previewed, and submitted
as a dated, signed, unchangeable snapshot. A correction is a new report pointing to the old.

Every count of 1 to 5 people is shown as "≤ 5", and a total that would reveal one is hidden too
(docs/reports.md): a cell's ``value`` is then None and ``shown`` says why."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct

ScopeKind = Literal["organisation", "team"]
PeriodKind = Literal["month", "quarter", "year"]
CellState = Literal["count", "small", "complement"]
"""A number shown; a count of 1 to 5 people (shown "≤ 5"); a number hidden because it would
reveal such a count (a total less a shown part)."""
FileKind = Literal["xlsx", "csv", "pdf"]
Period = Annotated[str, msgspec.Meta(pattern=r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$")]
"""``2026`` (a year), ``2026-Q3`` (a quarter), ``2026-11`` (a month)."""
Note = Annotated[str, msgspec.Meta(max_length=500)]


class ReportScope(Struct, kw_only=True):
    """Whom a report is about: the organisation, or one team."""

    kind: ScopeKind
    id: str | None = None
    name: str = ""


class Definition(Struct, kw_only=True):
    """A report a funder asks for, in the reader's language."""

    id: str
    version: int
    name: str
    funder: str
    description: str
    periods: list[PeriodKind]
    """The periods the funder asks about."""


class Column(Struct, kw_only=True):
    id: str
    label: str


class Cell(Struct, kw_only=True):
    value: int | None
    """The count, or None where it is hidden."""
    shown: str
    """What every output prints: the number, or "≤ 5", or "–" for a hidden total."""
    state: CellState


class Row(Struct, kw_only=True):
    id: str
    code: str
    """The funder's code for the field (ESF+: ``EECO12``, …)."""
    label: str
    definition: str
    """The rule in plain words: what is counted, from what the app records."""
    cells: list[Cell]
    """One per column, in the columns' order; the first column is the row's total."""


class Table(Struct, kw_only=True):
    """A definition filled in for a scope and a period: the funder's table, suppressed."""

    definition_id: str
    definition_version: int
    name: str
    scope: ReportScope
    period: str
    start: dt.date
    end: dt.date
    row_heading: str
    columns: list[Column]
    rows: list[Row]
    notes: list[str]
    """What the funder reads under the table: the suppression rule, what is left out."""


class ReportCreate(Request, kw_only=True):
    """Submit a report (idempotent by ``localId``: a retry lands once)."""

    local_id: LocalId
    definition: Annotated[str, msgspec.Meta(max_length=64)]
    period: Period
    scope: ScopeKind | None = None
    """By default the reader's own: a coordinator's team, an administrator's organisation."""
    scope_id: Annotated[str, msgspec.Meta(max_length=64)] | None = None
    corrects: Annotated[str, msgspec.Meta(max_length=64)] | None = None
    """The report this one corrects (it is then marked superseded, never changed)."""
    note: Note = ""
    """Why (a correction must say)."""


class Download(Struct, kw_only=True):
    kind: FileKind
    href: str


class ReportSummary(Struct, kw_only=True):
    id: str
    name: str
    scope: ReportScope
    period: str
    submitted_at: dt.datetime
    submitted_by: str
    """The name of who submitted it ("" once that person's account is erased)."""
    corrects: str | None
    superseded_by: str | None


class Report(Struct, kw_only=True):
    """A submitted report: the snapshot as it was submitted, and its signature."""

    id: str
    submitted_at: dt.datetime
    submitted_by: str
    submitted_by_id: str | None
    content_hash: str
    """SHA-256 of the stored snapshot (hex): who, when, the definition's version, the cells."""
    intact: bool
    """The stored snapshot still has that hash."""
    corrects: str | None
    superseded_by: str | None
    note: str
    table: Table
    downloads: list[Download]
