"""At start: the stored files of tasks made to agree with their rows after a crash.

``storage.recover`` finishes the photos whose row was committed just before the crash and drops
the ones whose row never was (``backend/lib/storage.py``). What is left are files whose row was
deleted while the files were still to go: a photo replaced or removed, a task deleted (rows
first, then files, so that no row ever points to missing files). Their folders are deleted here.
Folders reach their place only after their row is committed, so a folder without a row is never
an upload still under way. Then the photos owned by rows of other domains (a goal's, a family
update's) are looked after by the rule each of those domains gave (``backend/lib/owned_photos.py``).
"""

from __future__ import annotations

import logging
import re

from backend.lib import owned_photos
from backend.lib.storage import get_storage
from backend.tasks.tables import Photo, Task

log = logging.getLogger("stepwise.tasks")
_PHOTO = re.compile(r"^tasks/(?P<task>[0-9a-f-]{36})/photos/(?P<photo>[0-9a-f-]{36})$")


async def _photo_ids(ids: set[str]) -> set[str]:
    if not ids:
        return set()
    rows = await Photo.select(Photo.id).where(Photo.id.is_in(list(ids)))
    return {str(r["id"]) for r in rows}


async def _committed(prefixes: list[str]) -> set[str]:
    wanted = {m["photo"]: p for p in prefixes if (m := _PHOTO.match(p))}
    return {wanted[i] for i in await _photo_ids(set(wanted))}


async def _still_orphans(candidates: list[str]) -> list[str]:
    """Of the folders found without a row, those to remove: not an upload under way (an
    object store writes an upload's files in place before its row, on any server) and still
    without a row. Asked in this order — listing, uploads under way, rows — so an upload that
    committed meanwhile is seen by its row."""
    if not candidates:
        return []
    staged = await get_storage().staged()
    candidates = [c for c in candidates if not any(s == c or s.startswith(c + "/") for s in staged)]
    known = {str(r["id"]) for r in await Task.select(Task.id)}
    photos = await _photo_ids({m["photo"] for c in candidates if (m := _PHOTO.match(c))})
    return [
        c
        for c in candidates
        if not ((m := _PHOTO.match(c)) and m["photo"] in photos)
        and not (c.count("/") == 1 and c.split("/")[1] in known)
    ]


async def recover_files() -> None:
    storage = get_storage()
    settled = await storage.recover(_committed)
    # One listing of every task's files (a page of 1,000 keys a request on an object store),
    # not one request per task folder.
    found: dict[str, set[str]] = {}
    async for key, _ in storage.all_keys("tasks"):
        parts = key.split("/")
        photos = found.setdefault(parts[1], set())
        if len(parts) > 4 and parts[2] == "photos":
            photos.add(parts[3])
    known_tasks = {str(r["id"]) for r in await Task.select(Task.id)}
    candidates = [f"tasks/{t}" for t in found if t not in known_tasks]
    listed = {photo: task for task, ps in found.items() if task in known_tasks for photo in ps}
    kept: set[str] = set()
    ids = sorted(listed)
    for start in range(0, len(ids), 500):
        kept |= await _photo_ids(set(ids[start : start + 500]))
    candidates.extend(f"tasks/{listed[p]}/photos/{p}" for p in sorted(set(listed) - kept))
    orphans = await _still_orphans(candidates)
    for prefix in orphans:
        await storage.delete_prefix(prefix)
    dropped = len(orphans)
    dropped += await owned_photos.recover()
    if settled or dropped:
        log.warning(
            "after an unclean stop: %d unfinished uploads settled, %d stored items without rows"
            " removed",
            settled,
            dropped,
        )
