"""The figures as evidence for other domains (the fidelity self-assessment): the value of a few
indicators over a team or the organisation and a period, computed exactly as the dashboard
computes them. No access decided here: the caller has decided who may ask."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from backend.lib import clock
from backend.lib.localtime import today
from backend.outcomes import scope as scopes
from backend.outcomes.indicators import BY_ID
from backend.outcomes.periods import Period
from shared_schemas import outcomes as wire


@dataclass(frozen=True, slots=True)
class FigureValue:
    indicator: str
    unit: str
    value: float | None
    base: int | None
    start: date
    end: date
    as_of: date


async def figure_values(
    scope: wire.Scope, start: date, end: date, zone: str, indicators: Iterable[str]
) -> dict[str, FigureValue]:
    """The value of each of ``indicators`` (those the dashboard has; others are left out) over
    ``scope`` and the local days ``start`` … ``end`` at ``zone``, counted on the last day or
    today while the period runs."""
    period = Period(start, end, today(clock.now(), zone))
    ctx = await scopes.context(scope, zone)
    out = {}
    for name in indicators:
        indicator = BY_ID.get(name)  # type: ignore[call-overload]
        if indicator is None:
            continue
        result = await indicator.compute(ctx, period)
        out[name] = FigureValue(
            name, indicator.unit, result.value, result.base, start, end, period.as_of
        )
    return out
