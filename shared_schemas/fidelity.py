"""The fidelity self-assessment: versioned templates (the IPS Supported Employment Fidelity
Scale, the EUSE process standards) in four languages, reviews of a team or the organisation over
a period with the items the figures can score pre-filled, and a comparison of two reviews."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct
from shared_schemas.outcomes import Scope

TemplateKey = Literal["ips", "euse"]
ScaleKind = Literal["five", "met"]
"""``five``: scores 1–5; ``met``: 1 not met, 2 partly met, 3 met."""
BandKey = Literal["exemplary", "good", "fair", "not_supported"]
ReviewStatus = Literal["draft", "finished"]
ReviewScope = Literal["organisation", "team"]
Change = Literal["up", "down", "same", "scored", "unscored", "none"]
"""An item from the first review to the second: a higher or lower score, the same, scored only
in the second, scored only in the first, or in neither."""
Notes = Annotated[str, msgspec.Meta(max_length=2000)]
Score = Annotated[int, msgspec.Meta(ge=1, le=5)]


class FidelityItem(Struct, kw_only=True):
    key: str
    titles: dict[str, str]
    anchors: list[dict[str, str]] = []
    """``five``: what scores 1 … 5 look like, in each language."""
    descriptions: dict[str, str] = {}
    """``met``: what "met" looks like, in each language."""


class FidelitySection(Struct, kw_only=True):
    key: str
    titles: dict[str, str]
    items: list[FidelityItem]


class FidelityBand(Struct, kw_only=True):
    key: BandKey
    min: int
    """The lowest total in the band."""


class FidelityTemplate(Struct, kw_only=True):
    key: TemplateKey
    version: int
    scale: ScaleKind
    names: dict[str, str]
    bands: list[FidelityBand]
    sections: list[FidelitySection]
    top: int
    """The highest score of one item (5 or 3)."""


class FidelityEvidence(Struct, kw_only=True):
    """The figure a suggested score comes from (``/results/{indicator}`` shows its rows)."""

    indicator: str
    unit: str
    value: float | None
    base: int | None
    start: dt.date
    end: dt.date
    as_of: dt.date


class FidelityScore(Struct, kw_only=True):
    item: str
    section: str
    suggested: int | None
    """The score the figures suggest (None: the data cannot score this item)."""
    evidence: FidelityEvidence | None
    score: int | None
    notes: str
    updated_at: dt.datetime | None


class FidelitySectionTotal(Struct, kw_only=True):
    section: str
    score: int
    top: int
    scored: int
    items: int


class FidelityReviewSummary(Struct, kw_only=True):
    id: str
    template: TemplateKey
    version: int
    scope: Scope
    start: dt.date
    end: dt.date
    status: ReviewStatus
    started_by: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    total: int
    top: int
    scored: int
    items: int
    band: BandKey | None
    """The scale's band of the total, once every item is scored (IPS only)."""


class FidelityReview(FidelityReviewSummary, kw_only=True):
    zone: str
    scores: list[FidelityScore]
    sections: list[FidelitySectionTotal]


class FidelityReviewStart(Request, kw_only=True):
    local_id: LocalId
    """Made by the PWA: a repeated request starts the review once."""
    template: TemplateKey
    scope: ReviewScope
    team_id: str | None = None
    start: dt.date
    end: dt.date
    zone: str = "UTC"


class FidelityItemSave(Request, kw_only=True):
    score: Score | None = None
    notes: Notes = ""
    local_id: LocalId | None = None


class FidelityItemChange(Struct, kw_only=True):
    item: str
    section: str
    before: int | None
    after: int | None
    change: Change
    difference: int | None


class FidelitySectionChange(Struct, kw_only=True):
    section: str
    before: int
    after: int
    difference: int


class FidelityComparison(Struct, kw_only=True):
    first: FidelityReviewSummary
    second: FidelityReviewSummary
    items: list[FidelityItemChange]
    sections: list[FidelitySectionChange]
    difference: int
