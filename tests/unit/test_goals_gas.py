"""The GAS T-score (Kiresuk & Sherman) with ρ = 0.3, and its trend: a pure function."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.goals.gas import RHO, slope, t_score, trend


def test_reached_as_expected_is_fifty() -> None:
    assert t_score([0]) == 50
    assert t_score([0, 0, 0, 0]) == 50


def test_one_goal_is_ten_points_per_step() -> None:
    # One goal: √((1 − ρ)·1 + ρ·1) = 1, whatever ρ.
    assert t_score([2]) == pytest.approx(70)
    assert t_score([-1]) == pytest.approx(40)
    assert t_score([1], rho=0.0) == pytest.approx(60)


def test_equal_weights_with_rho_three_tenths() -> None:
    # Two goals +1, +1: 50 + 10·2/√(0.7·2 + 0.3·4) = 50 + 20/√2.6.
    assert t_score([1, 1]) == pytest.approx(50 + 20 / math.sqrt(2.6))
    assert t_score([1, 1]) == pytest.approx(62.40, abs=0.01)
    # The textbook case: three goals, −1, 0, +2.
    assert t_score([-1, 0, 2]) == pytest.approx(50 + 10 / math.sqrt(0.7 * 3 + 0.3 * 9))


def test_weights() -> None:
    # 50 + 10·(2·1 + 1·(−1)) / √(0.7·(4 + 1) + 0.3·9)
    assert t_score([1, -1], [2, 1]) == pytest.approx(50 + 10 / math.sqrt(3.5 + 2.7))
    assert t_score([1, -1], [1, 1]) == pytest.approx(50)
    assert t_score([1, 1], [3, 3]) == pytest.approx(t_score([1, 1]))  # scale-free


def test_no_ratings_no_score_and_bad_input_refused() -> None:
    assert t_score([]) is None
    with pytest.raises(ValueError, match="weight"):
        t_score([1, 2], [1])
    with pytest.raises(ValueError, match="-2"):
        t_score([3])
    with pytest.raises(ValueError, match="positive"):
        t_score([1], [0])
    with pytest.raises(ValueError, match="ρ"):
        t_score([1], rho=1.0)
    assert RHO == 0.3


@given(st.lists(st.integers(min_value=-2, max_value=2), min_size=1, max_size=12))
def test_the_score_stays_in_range_and_follows_the_sign(scores: list[int]) -> None:
    t = t_score(scores)
    assert t is not None
    n = len(scores)
    bound = 10 * 2 * n / math.sqrt(0.7 * n + 0.3 * n * n)
    assert 50 - bound - 1e-9 <= t <= 50 + bound + 1e-9
    assert (t > 50) == (sum(scores) > 0) and (t < 50) == (sum(scores) < 0)


def test_trend() -> None:
    assert slope([40, 50, 60]) == pytest.approx(10)
    assert trend([40, 50, 60]) == ("up", pytest.approx(10))
    assert trend([60, 50.5, 40])[0] == "down"
    assert trend([50, 50.5, 50.2])[0] == "flat"
    assert trend([55]) == ("unknown", None)
    assert trend([]) == ("unknown", None)
