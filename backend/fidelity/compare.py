"""Two reviews made with the same template, item by item: what changed, in words."""

from __future__ import annotations

from backend.fidelity.services import review, summary
from backend.lib.actor import Actor
from backend.lib.errors import field_error
from shared_schemas import fidelity as wire


def _change(before: int | None, after: int | None) -> wire.Change:
    if before is None and after is None:
        return "none"
    if before is None:
        return "scored"
    if after is None:
        return "unscored"
    return "up" if after > before else "down" if after < before else "same"


async def compare(actor: Actor, first_id: str, second_id: str) -> wire.FidelityComparison:
    """Two reviews made with the same template, item by item (matched by key across its
    versions), and their sections' totals."""
    first = await review(actor, first_id)
    second = await review(actor, second_id)
    if first.template != second.template:
        raise field_error(
            "query.second", "Choose a review made with the same template.", status=400
        )
    before = {s.item: s for s in first.scores}
    after = {s.item: s for s in second.scores}
    order = [s.item for s in second.scores] + [k for k in before if k not in after]
    items = []
    for key in order:
        b, a = before.get(key), after.get(key)
        b_score, a_score = (b.score if b else None), (a.score if a else None)
        items.append(
            wire.FidelityItemChange(
                item=key,
                section=(a or b).section,  # type: ignore[union-attr]
                before=b_score,
                after=a_score,
                change=_change(b_score, a_score),
                difference=a_score - b_score
                if a_score is not None and b_score is not None
                else None,
            )
        )
    first_sections = {s.section: s.score for s in first.sections}
    sections = [
        wire.FidelitySectionChange(
            section=s.section,
            before=first_sections.get(s.section, 0),
            after=s.score,
            difference=s.score - first_sections.get(s.section, 0),
        )
        for s in second.sections
    ]
    return wire.FidelityComparison(
        first=summary(first),
        second=summary(second),
        items=items,
        sections=sections,
        difference=second.total - first.total,
    )
