"""How a figure becomes a suggested fidelity score (backend/fidelity/prefill.py): each threshold
of the IPS anchors and of Stepwise's EUSE reading, at and just past its boundary."""

from __future__ import annotations

from datetime import date

import pytest

from backend.fidelity import templates
from backend.fidelity.prefill import RULES
from backend.outcomes import FigureValue

DAY = date(2026, 11, 1)


def _score(template: str, item: str, value: float | None, base: int | None = None) -> int | None:
    rule = next(r for r in RULES[template] if r.item == item)
    return rule.score(FigureValue(rule.indicator, "", value, base, DAY, DAY, DAY))


@pytest.mark.parametrize(
    ("value", "score"),
    [(3, 5), (20, 5), (20.1, 4), (30, 4), (31, 3), (40, 3), (50, 2), (50.5, 1), (None, None)],
)
def test_caseload_size(value: float | None, score: int | None) -> None:
    assert _score("ips", "caseload", value) == score


@pytest.mark.parametrize(
    ("value", "score"), [(0, 5), (30, 5), (30.5, 4), (90, 3), (120, 2), (121, 1)]
)
def test_rapid_search(value: float, score: int) -> None:
    assert _score("ips", "rapid_search", value) == score


@pytest.mark.parametrize(("value", "score"), [(7, 5), (6, 5), (5.99, 4), (4, 3), (3, 2), (2.9, 1)])
def test_frequent_employer_contact(value: float, score: int) -> None:
    assert _score("ips", "frequent_contact", value) == score


@pytest.mark.parametrize(
    ("count", "base", "score"), [(0, 12, 3), (1, 10, 2), (2, 10, 1), (0, 0, None), (0, None, None)]
)
def test_regular_contact_is_a_share_of_the_clients_counted(
    count: int, base: int | None, score: int | None
) -> None:
    assert _score("euse", "regular_contact", count, base) == score


@pytest.mark.parametrize(("value", "score"), [(100, 3), (90, 3), (89.9, 2), (60, 2), (59, 1)])
def test_monthly_follow_up(value: float, score: int) -> None:
    assert _score("euse", "follow_up", value) == score


def test_every_rule_names_an_item_of_its_template() -> None:
    for key, rules in RULES.items():
        items = {item for _, item in templates.items(templates.latest(key))}
        assert {r.item for r in rules} <= items


def test_the_ips_bands() -> None:
    ips = templates.latest("ips")
    found = [templates.band(ips, t) for t in (125, 115, 114, 100, 99, 74, 73, 25)]
    assert (
        found == ["exemplary", "exemplary", "good", "good", "fair", "fair"] + ["not_supported"] * 2
    )
