"""A goal's optional photo (PTA: a picture of what the goal is about helps a client who reads
little): the step-photo pipeline, stored as ``goals/<goal>/<size>-<hash16>.<webp|jpg>`` and
served through ``/api/goals/<goal>/photo/<file>`` with access checked on every request."""

from __future__ import annotations

from backend.lib.owned_photos import OwnedPhotos
from backend.lib.photo_pool import process

PHOTOS = OwnedPhotos(root="goals", url_root="/api/goals")

__all__ = ["PHOTOS", "process"]
