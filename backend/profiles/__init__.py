"""The vocational profile: the client's own story of what they like, can do and need, written
with their coach on two phones, approved by the client with their passkey.

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``).

- ``approved_profile(client_id, language)``: the version in force as an ``ApprovedProfile``
  (headings and theme labels in ``language``; never the coach's notes), None when no version is
  approved. Documents for employers are made only from it.
- ``photo_jpeg(photo_id)``: the middle-size JPEG of a profile photo, metadata already stripped.
- ``themes_of(client_ids)``: the themes each client chose in their profile (the job search
  shows which of an opportunity's themes they are).
- ``needs_levels(client_id)``: what the client needs at work in levels (noise, people, hours,
  travel), from the approved version or else the draft (the job analysis compares with it).
- ``ProfileApproved``: the event emitted when the client approves a version.
- ``PROFILE_PHOTOS``, ``voice_key``: where the photos and voice notes are stored (export,
  erasure); ``router``.
"""

from __future__ import annotations

from backend.profiles.controllers import router
from backend.profiles.events import ProfileApproved
from backend.profiles.face import ApprovedProfile, ProfileEntry, ProfilePhoto, ProfileSection
from backend.profiles.media import PHOTOS as PROFILE_PHOTOS
from backend.profiles.media import voice_key, voice_prefix
from backend.profiles.practice import approvals_asked_by
from backend.profiles.reading import approved_profile, needs_levels, photo_jpeg, themes_of

__all__ = [
    "PROFILE_PHOTOS",
    "ApprovedProfile",
    "ProfileApproved",
    "ProfileEntry",
    "ProfilePhoto",
    "ProfileSection",
    "approvals_asked_by",
    "approved_profile",
    "needs_levels",
    "photo_jpeg",
    "router",
    "themes_of",
    "voice_key",
    "voice_prefix",
]
