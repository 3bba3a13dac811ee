"""Fading, measured (backend/tasks/progress.py): sessions to mastery, days to independence.

(Named ``test_photos_*`` by the brief's file pattern for this work; it covers the training
progress of photo tasks.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.tasks import progress

STEPS = ["a", "b", "c"]
DAY0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def session(day: int, *levels: str) -> progress.Session:
    return progress.Session(
        id=f"s{day}",
        started_at=DAY0 + timedelta(days=day),
        levels={step: level for step, level in zip(STEPS, levels, strict=False) if level},
    )


ALL = ("independent", "independent", "independent")


def test_score_counts_unrecorded_steps_as_not_independent() -> None:
    scored = progress.score(session(0, "independent", "verbal", ""), STEPS)
    assert (scored.independent, scored.recorded, scored.total, scored.percent) == (1, 2, 3, 33)
    assert progress.score(session(0), []).percent == 0


def test_mastery_needs_the_criterion_in_consecutive_sessions() -> None:
    sessions = [
        session(0, "verbal", "model", "physical"),
        session(1, *ALL),
        session(3, *ALL),
        session(4, "independent", "verbal", "independent"),  # the run breaks
        session(7, *ALL),
        session(8, *ALL),
        session(10, *ALL),  # third in a row: mastered here
        session(11, *ALL),
    ]
    reached = progress.mastery(sessions, STEPS, criterion=3)
    assert reached.sessions_to_mastery == 7
    assert reached.mastered_at == DAY0 + timedelta(days=10)
    assert reached.days_to_independence == 10


@pytest.mark.parametrize(("criterion", "expected"), [(1, 2), (2, 3), (3, 7), (4, 8), (5, None)])
def test_the_criterion_is_configurable(criterion: int, expected: int | None) -> None:
    sessions = [
        session(0, "verbal", "model", "physical"),
        session(1, *ALL),
        session(2, *ALL),
        session(3, "gestural", *ALL[1:]),
        session(4, *ALL),
        session(5, *ALL),
        session(6, *ALL),
        session(7, *ALL),
    ]
    assert progress.mastery(sessions, STEPS, criterion).sessions_to_mastery == expected


def test_no_sessions_no_steps_no_mastery() -> None:
    assert progress.mastery([], STEPS, 3).sessions_to_mastery is None
    assert progress.mastery([session(0), session(1)], [], 1).sessions_to_mastery is None
    with pytest.raises(ValueError, match="at least one"):
        progress.mastery([], STEPS, 0)


def test_a_step_not_recorded_breaks_the_run() -> None:
    sessions = [session(0, *ALL), session(1, "independent", "independent", ""), session(2, *ALL)]
    assert progress.mastery(sessions, STEPS, 2).sessions_to_mastery is None


def test_levels_and_streaks_per_step() -> None:
    sessions = [
        session(0, "physical", "verbal"),
        session(1, "model", "independent"),
        session(2, "independent", "independent"),
    ]
    assert progress.step_levels(sessions, "a") == ["physical", "model", "independent"]
    assert progress.step_levels(sessions, "c") == [None, None, None]
    assert progress.independent_streak(sessions, "a") == 1
    assert progress.independent_streak(sessions, "b") == 2
    assert progress.independent_streak(sessions, "c") == 0


@given(
    st.lists(st.lists(st.sampled_from(progress.LEVELS), min_size=3, max_size=3), max_size=15),
    st.integers(min_value=1, max_value=5),
)
def test_mastery_agrees_with_a_plain_reading_of_the_definition(
    rows: list[list[str]], criterion: int
) -> None:
    sessions = [session(i, *levels) for i, levels in enumerate(rows)]
    reached = progress.mastery(sessions, STEPS, criterion)
    clean = [all(level == "independent" for level in levels) for levels in rows]
    first = next(
        (end for end in range(criterion, len(clean) + 1) if all(clean[end - criterion : end])),
        None,
    )
    assert reached.sessions_to_mastery == first
    if first is not None:
        assert reached.days_to_independence == first - 1
