"""A goal's optional photo (PTA: a picture of what the goal is about helps a client who reads
little): the step-photo pipeline, stored as ``goals/<goal>/<size>-<hash16>.<webp|jpg>`` and
served through ``/api/goals/<goal>/photo/<file>`` with access checked on every request."""

from __future__ import annotations

from backend.goals.tables import Goal
from backend.lib.owned_photos import OwnedPhotos
from backend.lib.photo_pool import process


async def _hashes(ids: list[str]) -> dict[str, str]:
    """The photo of each of these rows that exists (for the recovery at start)."""
    rows = await Goal.select(Goal.id, Goal.photo_hash).where(Goal.id.is_in(ids))
    return {str(r["id"]): r["photo_hash"] for r in rows}


PHOTOS = OwnedPhotos(root="goals", url_root="/api/goals", hashes=_hashes)

__all__ = ["PHOTOS", "process"]
