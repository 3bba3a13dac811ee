"""The Goal Attainment Scale T-score (Kiresuk & Sherman 1968), a pure function.

Each goal i is rated xᵢ ∈ {−2, −1, 0, +1, +2} (0: reached as expected) with a weight wᵢ (equal
unless given). With ρ the assumed correlation between the goals' scores (0.3 by convention):

    T = 50 + 10 · Σwᵢxᵢ / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²)

T is 50 when every goal is reached as expected, with a standard deviation of 10.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

RHO = 0.3
FLAT = 1.0  # T-score points per period within which a trend is "flat"


def t_score(
    scores: Sequence[float], weights: Sequence[float] | None = None, rho: float = RHO
) -> float | None:
    """The T-score of one period's ratings, or None when there are none."""
    if not scores:
        return None
    w = list(weights) if weights is not None else [1.0] * len(scores)
    if len(w) != len(scores):
        raise ValueError("one weight per score")
    if any(x < -2 or x > 2 for x in scores):
        raise ValueError("scores are -2 … +2")
    if any(wi <= 0 for wi in w):
        raise ValueError("weights are positive")
    if not 0 <= rho < 1:
        raise ValueError("0 ≤ ρ < 1")
    numerator = sum(wi * xi for wi, xi in zip(w, scores, strict=True))
    denominator = math.sqrt((1 - rho) * sum(wi * wi for wi in w) + rho * sum(w) ** 2)
    return 50 + 10 * numerator / denominator


def slope(values: Sequence[float]) -> float | None:
    """The least-squares slope of ``values`` over their positions 0, 1, 2, …"""
    n = len(values)
    if n < 2:
        return None
    mean_x = (n - 1) / 2
    mean_y = sum(values) / n
    sxx = sum((i - mean_x) ** 2 for i in range(n))
    sxy = sum((i - mean_x) * (y - mean_y) for i, y in enumerate(values))
    return sxy / sxx


def trend(values: Sequence[float]) -> tuple[str, float | None]:
    """("up" | "down" | "flat" | "unknown", slope) over the periods in order."""
    s = slope(values)
    if s is None:
        return "unknown", None
    if s > FLAT:
        return "up", s
    if s < -FLAT:
        return "down", s
    return "flat", s
