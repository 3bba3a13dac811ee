"""An update's photo: the step-photo pipeline (``backend/lib/images.py`` in the worker pool of
``backend/lib/photo_pool.py``: validated, re-encoded, no metadata), stored under the update.

Files: ``family/updates/<update>/<size>-<hash16>.<webp|jpg>``. Served through
``/api/updates/<update>/photo/<file>`` with access checked on every request (a family member's
access ends with their consent). The storage and URL rules: ``backend/lib/owned_photos.py``.
"""

from __future__ import annotations

from backend.family.tables import Update
from backend.lib.owned_photos import OwnedPhotos
from backend.lib.photo_pool import process


async def _hashes(ids: list[str]) -> dict[str, str]:
    """The photo of each of these rows that exists (for the recovery at start)."""
    rows = await Update.select(Update.id, Update.photo_hash).where(Update.id.is_in(ids))
    return {str(r["id"]): r["photo_hash"] for r in rows}


PHOTOS = OwnedPhotos(root="family/updates", url_root="/api/updates", hashes=_hashes)

prefix = PHOTOS.prefix
largest_jpeg_key = PHOTOS.largest_jpeg_key
store = PHOTOS.store
remove = PHOTOS.remove
to_wire = PHOTOS.to_wire
read = PHOTOS.read

__all__ = ["PHOTOS", "largest_jpeg_key", "prefix", "process", "read", "remove", "store", "to_wire"]
