"""A counter per client that moves on with every change to what the client's day shows."""

from __future__ import annotations

from piccolo.columns import UUID, BigInt
from piccolo.table import Table


class DayStamp(Table, tablename="day_stamps"):
    """Written only by database triggers (``piccolo_migrations/today_2026_12_05t18_18_27_…``),
    in the transaction of the change itself, from any process; read by ``GET /api/me/day`` to
    tell whether the answer it keeps still holds. No foreign key (a trigger writing it during a
    cascade could not point at a person being erased): the row goes when the person does, by a
    trigger on ``users``, and My data finds it by the person's id (``backend/privacy/walk.py``)."""

    client = UUID(unique=True)
    changes = BigInt(default=0)
