"""The approved profile as the documents read it (``approved_profile``): what the client
approved, headings and theme labels in the reader's language, never the coach's notes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import msgspec


class ProfilePhoto(msgspec.Struct, frozen=True):
    id: str
    caption: str


class ProfileEntry(msgspec.Struct, frozen=True):
    kind: Literal["work", "school", "volunteering", "other"]
    what: str
    where: str
    from_date: date | None
    until: date | None


class ProfileSection(msgspec.Struct, frozen=True):
    """``key``: who_i_am, likes_and_strengths, done, how_i_learn, needs, not_want, bring."""

    key: str
    heading: str
    text: str
    photos: list[ProfilePhoto]


class ApprovedProfile(msgspec.Struct, frozen=True):
    client_id: str
    display_name: str
    version: int
    approved_at: datetime
    template_version: int
    language: str
    sections: list[ProfileSection]
    themes: list[str]
    experiences: list[ProfileEntry]
    disclosure: Literal["nothing", "adjustments", "more"]
    disclosure_words: str
