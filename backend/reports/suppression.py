"""Small-number suppression of a funder's table (docs/reports.md).

- **Primary**: a count of 1 to 5 people is shown as "≤ 5" (``small``). Zero is shown: it names
  nobody.
- **Complementary**: each row is a total (its first cell) and parts that add up to it (the
  participants split by their situation at entry, each in exactly one). Where exactly one part
  of a row is hidden, the total less the shown parts would give it back: the total is hidden too
  (``complement``, shown "–"). With two parts or more hidden, or the total hidden already, no
  hidden count can be worked out from the row.

Rows are separate questions (different people counted), not parts of one another's totals, so
no rule runs across rows. Pure functions: the same rule for the preview and for every output.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared_schemas import reports as wire

SMALL = 5
SMALL_SHOWN = "≤ 5"
HIDDEN_SHOWN = "–"


def cell(value: int) -> wire.Cell:
    if 1 <= value <= SMALL:
        return wire.Cell(value=None, shown=SMALL_SHOWN, state="small")
    return wire.Cell(value=value, shown=str(value), state="count")


def suppress_row(counts: Sequence[int]) -> list[wire.Cell]:
    """``counts``: the total, then its parts (which add up to it)."""
    cells = [cell(c) for c in counts]
    total, parts = cells[0], cells[1:]
    hidden_parts = sum(1 for p in parts if p.state != "count")
    if total.state == "count" and hidden_parts == 1:
        cells[0] = wire.Cell(value=None, shown=HIDDEN_SHOWN, state="complement")
    return cells
