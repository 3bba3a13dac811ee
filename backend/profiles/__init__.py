"""PLACEHOLDER for the vocational profile's public face, kept only until the profiles branch is
merged: at that merge this whole file is replaced by that branch's ``backend/profiles/__init__.py``
(the real profile, its versions and the client's passkey approval, stored in the database).

It defines exactly the public face the documents domain codes against — the approved profile's
typed rows, ``approved_profile`` and ``photo_jpeg`` — reading from in-memory dictionaries that
the documents' tests fill (``tests/support/documents.py``). Nothing else in the server uses it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import msgspec

__all__ = [
    "ApprovedProfile",
    "ProfileEntry",
    "ProfilePhoto",
    "ProfileSection",
    "approved_profile",
    "photo_jpeg",
]


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


APPROVED: dict[tuple[str, str], ApprovedProfile] = {}
"""Placeholder store: (client id, language) → the approved version."""
PHOTOS: dict[str, bytes] = {}
"""Placeholder store: photo id → JPEG."""


async def approved_profile(client_id: str, language: str) -> ApprovedProfile | None:
    """The client's approved profile in ``language``; None: no approved version."""
    return APPROVED.get((client_id, language))


async def photo_jpeg(photo_id: str) -> bytes:
    """A profile photo as JPEG, metadata stripped."""
    return PHOTOS[photo_id]
