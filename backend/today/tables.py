"""A counter per client that moves on with every change to what the client's day shows."""

from __future__ import annotations

from piccolo.columns import UUID, BigInt
from piccolo.table import Table


class DayStamp(Table, tablename="day_stamps"):
    """Written only by database triggers (``backend/today/stamps.py``), in the transaction of the
    change itself, from any process; read by ``GET /api/me/day`` to tell whether the answer it
    keeps still holds. No foreign key: the row goes when the person does (a trigger on
    ``users``), and a counter is nobody's data to export."""

    client = UUID(unique=True)
    changes = BigInt(default=0)
