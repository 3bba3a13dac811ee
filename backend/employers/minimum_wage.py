"""The legal minimum hourly wage the administrator sets: one row (or none, not set). The
figures of work compare the pay recorded on clients' jobs with it (``minimum_wage``)."""

from __future__ import annotations

from dataclasses import dataclass

from backend.employers.tables import MinimumWage
from backend.lib.actor import Actor
from backend.lib.clock import now
from shared_schemas import employers as wire


@dataclass(frozen=True, slots=True)
class Minimum:
    hourly_cents: int
    currency: str


async def get() -> wire.MinimumWage:
    row = await MinimumWage.select(*MinimumWage.all_columns()).first()
    if row is None:
        return wire.MinimumWage(hourly_cents=None)
    return wire.MinimumWage(
        hourly_cents=row["hourly_cents"], currency=row["currency"], updated_at=row["updated_at"]
    )


async def minimum_wage() -> Minimum | None:
    """The minimum set now (None: the administrator has not set one)."""
    found = await get()
    return None if found.hourly_cents is None else Minimum(found.hourly_cents, found.currency)


async def set_minimum(actor: Actor, data: wire.MinimumWageUpdate) -> tuple[wire.MinimumWage, bool]:
    """Set (or clear) the minimum; returns it and whether it changed."""
    before = await get()
    if (before.hourly_cents, before.currency) == (data.hourly_cents, data.currency) or (
        before.hourly_cents is None and data.hourly_cents is None
    ):
        return before, False
    await MinimumWage.delete(force=True)
    if data.hourly_cents is not None:
        await MinimumWage.insert(
            MinimumWage(
                hourly_cents=data.hourly_cents,
                currency=data.currency,
                updated_by=actor.id,
                updated_at=now(),
            )
        )
    return await get(), True
