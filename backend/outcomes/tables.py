"""The figures kept: one row per (scope, zone, indicator, period), written when a figure is first
computed and deleted by the triggers of ``piccolo_migrations`` when a row it counts changes
(docs/outcomes.md, "How figures are kept")."""

from __future__ import annotations

from piccolo.columns import BigInt, Date, DoublePrecision, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table


class KeptFigure(Table, tablename="outcome_figures"):
    """A figure as computed for a period: its value, base and parts (``wire.Part`` list as
    msgspec JSON). Valid while ``as_of`` (and, for a figure that counts up to today, ``today``)
    is the period's; the triggers delete it when a change touches the days it read
    (``reads_from`` … ``reads_to``; no ``reads_to``: every day from ``reads_from`` on)."""

    scope_kind = Varchar(length=16)
    scope_id = Varchar(length=36)
    """The team's or coach's id; empty for the organisation."""
    zone = Varchar(length=64)
    indicator = Varchar(length=64)
    first_day = Date()
    last_day = Date()
    as_of = Date()
    today = Date(null=True, default=None)
    reads_from = Date(index=True)
    reads_to = Date(null=True, default=None, index=True)
    value = DoublePrecision(null=True, default=None)
    base = Integer(null=True, default=None)
    parts = Text(default="[]")
    stored_at = Timestamptz()


class FigureChanges(Table, tablename="outcome_changes"):
    """One row: a counter the triggers move on with every change they see. A reader notes it
    before computing and keeps what it computed only if it has not moved meanwhile (so a figure
    read from data a concurrent write was changing is never kept)."""

    changes = BigInt(default=0)
