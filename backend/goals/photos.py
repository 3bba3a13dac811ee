"""A goal's optional photo (PTA: a picture of what the goal is about helps a client who reads
little): the step-photo pipeline, stored as ``goals/<goal>/<size>-<hash16>.<webp|jpg>`` and
served through ``/api/goals/<goal>/photo/<file>`` with access checked on every request."""

from __future__ import annotations

from backend.lib.owned_photos import OwnedPhotos
from backend.tasks.photos import process

_PHOTOS = OwnedPhotos(root="goals", url_root="/api/goals")

prefix = _PHOTOS.prefix
largest_jpeg_key = _PHOTOS.largest_jpeg_key
store = _PHOTOS.store
remove = _PHOTOS.remove
to_wire = _PHOTOS.to_wire
read = _PHOTOS.read

__all__ = ["largest_jpeg_key", "prefix", "process", "read", "remove", "store", "to_wire"]
