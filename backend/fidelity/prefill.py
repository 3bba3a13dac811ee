"""The items the figures can score: each rule names an item, the dashboard's indicator it reads
(``backend.outcomes.figure_values``) and how the figure becomes a suggested score. The reviewer
accepts the suggestion or changes it; the evidence stays with the item.

IPS thresholds follow the published scale's anchors (caseload, rapid search, frequent employer
contact); the EUSE ones are Stepwise's own reading of "met" (docs/fidelity.md). A rule whose
indicator the dashboard does not have yet is skipped: adding an indicator and a rule here is all
it takes to pre-fill one more item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from backend import outcomes
from backend.outcomes import FigureValue
from shared_schemas import fidelity as wire
from shared_schemas.outcomes import Scope

Scorer = Callable[[FigureValue], int | None]


def at_most(*limits: float) -> Scorer:
    """The top score while the value is at most the first limit, one less up to the next, …"""

    def score(figure: FigureValue) -> int | None:
        if figure.value is None:
            return None
        for i, limit in enumerate(limits):
            if figure.value <= limit:
                return len(limits) + 1 - i
        return 1

    return score


def at_least(*limits: float) -> Scorer:
    """The top score from the first limit up, one less from the next, …"""

    def score(figure: FigureValue) -> int | None:
        if figure.value is None:
            return None
        for i, limit in enumerate(limits):
            if figure.value >= limit:
                return len(limits) + 1 - i
        return 1

    return score


def share_at_most(*limits: float) -> Scorer:
    """A count of ``base`` as a percentage, then ``at_most``."""

    def score(figure: FigureValue) -> int | None:
        if figure.value is None or not figure.base:
            return None
        share = 100 * figure.value / figure.base
        return at_most(*limits)(replace(figure, value=share))

    return score


@dataclass(frozen=True, slots=True)
class Rule:
    item: str
    indicator: str
    score: Scorer


RULES: dict[str, tuple[Rule, ...]] = {
    "ips": (
        Rule("caseload", "caseload", at_most(20, 30, 40, 50)),
        Rule("rapid_search", "days_to_employer_contact", at_most(30, 60, 90, 120)),
        Rule("frequent_contact", "employer_contacts_face", at_least(6, 5, 4, 3)),
    ),
    "euse": (
        Rule("regular_contact", "no_contact_30", share_at_most(0, 10)),
        Rule("employer_contacts", "employer_contacts", at_least(2, 1)),
        Rule("follow_up", "conversation_coverage", at_least(90, 60)),
    ),
}


async def suggestions(
    template: str, scope: Scope, start: date, end: date, zone: str
) -> dict[str, tuple[int | None, wire.FidelityEvidence]]:
    """item → (suggested score, its evidence), for the items the figures can score."""
    rules = RULES.get(template, ())
    figures = await outcomes.figure_values(scope, start, end, zone, [r.indicator for r in rules])
    out = {}
    for rule in rules:
        figure = figures.get(rule.indicator)
        if figure is None:
            continue
        evidence = wire.FidelityEvidence(
            indicator=figure.indicator,
            unit=figure.unit,
            value=figure.value,
            base=figure.base,
            start=figure.start,
            end=figure.end,
            as_of=figure.as_of,
        )
        out[rule.item] = (rule.score(figure), evidence)
    return out
