"""An update's photo: the step-photo pipeline (``backend/lib/images.py`` in the worker pool of
``backend/lib/photo_pool.py``: validated, re-encoded, no metadata), stored under the update.

Files: ``family/updates/<update>/<size>-<hash16>.<webp|jpg>``. Served through
``/api/updates/<update>/photo/<file>`` with access checked on every request (a family member's
access ends with their consent). The storage and URL rules: ``backend/lib/owned_photos.py``.
"""

from __future__ import annotations

from backend.lib.owned_photos import OwnedPhotos
from backend.lib.photo_pool import process

PHOTOS = OwnedPhotos(root="family/updates", url_root="/api/updates")

prefix = PHOTOS.prefix
largest_jpeg_key = PHOTOS.largest_jpeg_key
store = PHOTOS.store
remove = PHOTOS.remove
to_wire = PHOTOS.to_wire
read = PHOTOS.read

__all__ = ["PHOTOS", "largest_jpeg_key", "prefix", "process", "read", "remove", "store", "to_wire"]
