"""Figures kept, so that a dashboard does not count two years of rows again on every look
(docs/outcomes.md, "How figures are kept").

A figure of a period is kept when it is first computed, keyed by scope, zone, indicator and the
period's days, with the day it was counted on (``as_of``; and ``today`` for a figure that counts
up to today). It holds until the triggers (``triggers.py``) forget it: a change to a row on the
days it read. A reader notes the triggers' counter (``outcome_changes``) before it computes and
keeps its figures only if the counter has not moved since (on PostgreSQL it waits, with a share
lock on the counter's row, for writers that moved it to commit), so a figure computed from rows
a concurrent write was changing is never kept.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import msgspec

from backend.lib.clock import now
from backend.outcomes.periods import Period
from backend.outcomes.tables import FigureChanges, KeptFigure
from shared_schemas import outcomes as wire

log = logging.getLogger("stepwise.outcomes")

_PARTS = msgspec.json.Decoder(list[wire.Part])


@dataclass(frozen=True, slots=True)
class Kept:
    value: float | None
    base: int | None
    parts: list[wire.Part]


@dataclass(frozen=True, slots=True)
class Reach:
    """The days a figure of a period reads: from ``first`` (the period's first day less what
    the indicator looks back) to ``last`` (the day it is counted on; None: up to today, for a
    figure that counts what happened after its period)."""

    first: date
    last: date | None


def reach(period: Period, looks_back_days: int, looks_ahead: bool) -> Reach:
    return Reach(
        period.first - timedelta(days=looks_back_days), None if looks_ahead else period.as_of
    )


def _scope_id(scope: wire.Scope) -> str:
    return scope.id or ""


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


async def changes_seen() -> int:
    """The triggers' counter now (its row made again if an emptied database lost it)."""
    rows = await FigureChanges.select(FigureChanges.changes).limit(1)
    if not rows:
        await FigureChanges.insert(FigureChanges(changes=0))
        return 0
    return int(rows[0]["changes"])


async def kept(
    scope: wire.Scope, zone: str, periods: list[Period], looking_ahead: Collection[str]
) -> dict[tuple[str, date, date], Kept]:
    """The figures kept for these periods that still hold, by (indicator, first, last day)."""
    rows = await KeptFigure.select(
        KeptFigure.indicator,
        KeptFigure.first_day,
        KeptFigure.last_day,
        KeptFigure.as_of,
        KeptFigure.today,
        KeptFigure.value,
        KeptFigure.base,
        KeptFigure.parts,
    ).where(
        (KeptFigure.scope_kind == scope.kind)
        & (KeptFigure.scope_id == _scope_id(scope))
        & (KeptFigure.zone == zone)
        & (KeptFigure.first_day >= min(p.first for p in periods))
        & (KeptFigure.last_day <= max(p.last for p in periods))
    )
    wanted = {(p.first, p.last): p for p in periods}
    shown = periods[-1]  # the figure's parts are the chosen period's: only its are read
    out: dict[tuple[str, date, date], Kept] = {}
    for r in rows:
        first, last = _day(r["first_day"]), _day(r["last_day"])
        period = wanted.get((first, last))
        if period is None or _day(r["as_of"]) != period.as_of:
            continue
        if r["indicator"] in looking_ahead and (
            r["today"] is None or _day(r["today"]) != period.today
        ):
            continue
        value = r["value"]
        out[(r["indicator"], first, last)] = Kept(
            None if value is None else float(value),
            None if r["base"] is None else int(r["base"]),
            _PARTS.decode(r["parts"]) if period is shown else [],
        )
    return out


@dataclass(frozen=True, slots=True)
class ToKeep:
    indicator: str
    period: Period
    reach: Reach
    value: float | None
    base: int | None
    parts: list[wire.Part]


async def keep(scope: wire.Scope, zone: str, seen: int, figures: list[ToKeep]) -> bool:
    """Keep these figures, unless a change was made since ``seen``: then none (they may have
    been counted from rows as they were before it). Best effort: a figure not kept is computed
    again next time."""
    if not figures:
        return True
    db = KeptFigure._meta.db
    lock = " FOR SHARE" if db.engine_type == "postgres" else ""
    at = now()
    try:
        async with db.transaction():
            rows = await FigureChanges.raw(f"SELECT changes FROM outcome_changes{lock}")  # noqa: S608 (constant)
            if not rows or int(rows[0]["changes"]) != seen:
                return False
            key = (
                (KeptFigure.scope_kind == scope.kind)
                & (KeptFigure.scope_id == _scope_id(scope))
                & (KeptFigure.zone == zone)
            )
            by_period: dict[Period, list[str]] = {}
            for f in figures:
                by_period.setdefault(f.period, []).append(f.indicator)
            for period, indicators in by_period.items():
                await KeptFigure.delete().where(
                    key
                    & KeptFigure.indicator.is_in(indicators)
                    & (KeptFigure.first_day == period.first)
                    & (KeptFigure.last_day == period.last)
                )
            await KeptFigure.insert(
                *(
                    KeptFigure(
                        scope_kind=scope.kind,
                        scope_id=_scope_id(scope),
                        zone=zone,
                        indicator=f.indicator,
                        first_day=f.period.first,
                        last_day=f.period.last,
                        as_of=f.period.as_of,
                        today=f.period.today if f.reach.last is None else None,
                        reads_from=f.reach.first,
                        reads_to=f.reach.last,
                        value=f.value,
                        base=f.base,
                        parts=msgspec.json.encode(f.parts).decode(),
                        stored_at=at,
                    )
                    for f in figures
                )
            )
    except Exception:  # another reader kept the same figures meanwhile: theirs stay
        log.warning("figures of %s not kept", scope.kind, exc_info=True)
        return False
    return True
