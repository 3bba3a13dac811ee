"""Small-number suppression of a funder's table row (docs/reports.md): counts of 1 to 5 are
"≤ 5"; where exactly one part of a row is hidden, its total is hidden too."""

from __future__ import annotations

import pytest

from backend.reports.suppression import suppress_row


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ([23, 16, 7], ["23", "16", "7"]),  # nothing small
        ([0, 0, 0], ["0", "0", "0"]),  # zero names nobody
        ([7, 6, 1], ["–", "6", "≤ 5"]),  # one part hidden: 7 − 6 would give it back
        ([12, 0, 12], ["12", "0", "12"]),
        ([9, 4, 5], ["9", "≤ 5", "≤ 5"]),  # two parts hidden: the total reveals neither
        ([5, 5, 0], ["≤ 5", "≤ 5", "0"]),  # the total small itself
        ([6, 1, 5], ["6", "≤ 5", "≤ 5"]),
        ([40, 1, 30, 9], ["–", "≤ 5", "30", "9"]),  # three parts, one hidden
    ],
)
def test_a_row_is_suppressed_so_no_count_of_one_to_five_can_be_read_or_worked_out(
    counts: list[int], shown: list[str]
) -> None:
    cells = suppress_row(counts)
    assert [c.shown for c in cells] == shown
    assert all(c.value is None for c in cells if c.state != "count")
