"""The profile's photos and voice notes, through the pipelines the task steps use: a photo is
validated, re-encoded in clean sizes with no metadata (``backend/lib/images.py``, stored by
``OwnedPhotos`` as ``profiles/photos/<photo>/<size>-<hash16>.<webp|jpg>``); a voice note keeps
only the sound in a fresh container (the tasks domain's voice pipeline), stored as
``profiles/voice/<section>/<hash16>.<webm|m4a>``.

A photo taken out of the draft stays while a version shows it (an approved profile keeps its
photos); otherwise its row and files go."""

from __future__ import annotations

import hashlib
from typing import Any

from backend.lib import clock, images
from backend.lib.actor import Actor
from backend.lib.ids import as_uuid
from backend.lib.owned_photos import OwnedPhotos
from backend.lib.storage import Opened, get_storage
from backend.profiles.services import touch
from backend.profiles.tables import ProfilePhoto, ProfileSection, ProfileVersion
from backend.tasks import voice_name


async def _hashes(ids: list[str]) -> dict[str, str]:
    """The photo of each of these rows that exists (for the recovery at start)."""
    rows = await ProfilePhoto.select(ProfilePhoto.id, ProfilePhoto.photo_hash).where(
        ProfilePhoto.id.is_in(ids)
    )
    return {str(r["id"]): r["photo_hash"] for r in rows}


PHOTOS = OwnedPhotos(root="profiles/photos", url_root="/api/profile-photos", hashes=_hashes)


def voice_prefix(section_id: str) -> str:
    return f"profiles/voice/{section_id}"


def voice_key(section_id: str, voice_hash: str, voice_type: str) -> str:
    return f"{voice_prefix(section_id)}/{voice_name(voice_hash, voice_type)}"


async def photo_row(photo_id: str) -> dict[str, Any] | None:
    if as_uuid(photo_id) is None:
        return None
    row: dict[str, Any] | None = (
        await ProfilePhoto.select(*ProfilePhoto.all_columns())
        .where(ProfilePhoto.id == as_uuid(photo_id))
        .first()
        .output(load_json=True)
    )
    return row


async def add_photo(
    actor: Actor, profile: dict[str, Any], section: str, caption: str, processed: images.Processed
) -> str:
    row = ProfilePhoto(
        profile=profile["id"],
        client=profile["client"],
        section=section,
        caption=caption,
        created_by=actor.id,
        created_at=clock.now(),
    )

    async def commit(content_hash: str, sizes: list[dict[str, Any]]) -> None:
        row.photo_hash = content_hash
        row.photo_sizes = sizes  # type: ignore[assignment]  # a JSONB column holds the list
        await ProfilePhoto.insert(row)

    await PHOTOS.store(str(row.id), processed, commit)
    await touch(profile["id"])
    return str(row.id)


async def _in_a_version(photo: dict[str, Any]) -> bool:
    versions = (
        await ProfileVersion.select(ProfileVersion.content)
        .where(ProfileVersion.profile == photo["profile"])
        .output(load_json=True)
    )
    wanted = str(photo["id"])
    return any(
        p["id"] == wanted
        for v in versions
        for s in v["content"].get("sections", [])
        for p in s.get("photos", [])
    )


async def remove_photo(photo: dict[str, Any]) -> None:
    if await _in_a_version(photo):
        await ProfilePhoto.update({ProfilePhoto.in_draft: False}).where(
            ProfilePhoto.id == photo["id"]
        )
    else:
        await ProfilePhoto.delete().where(ProfilePhoto.id == photo["id"])
        await PHOTOS.remove(str(photo["id"]))
    await touch(photo["profile"])


async def read_photo(photo: dict[str, Any], file_name: str) -> tuple[str, Opened] | None:
    sizes = photo["photo_sizes"] if isinstance(photo["photo_sizes"], list) else []
    return await PHOTOS.read(str(photo["id"]), photo["photo_hash"], sizes, file_name)


async def middle_jpeg(photo: dict[str, Any]) -> bytes | None:
    """The 800 px JPEG (or the nearest size there is), metadata already stripped."""
    sizes = photo["photo_sizes"] if isinstance(photo["photo_sizes"], list) else []
    if not sizes or not photo["photo_hash"]:
        return None
    size = min(sizes, key=lambda s: abs(int(s["size"]) - 800))["size"]
    name = f"{size}-{photo['photo_hash'][:16]}.jpg"
    return await get_storage().get(f"{PHOTOS.prefix(str(photo['id']))}/{name}")  # for the PDF


async def set_voice(
    actor: Actor, section: dict[str, Any], data: bytes, content_type: str, seconds: float | None
) -> None:
    digest = hashlib.sha256(data).hexdigest()
    storage = get_storage()
    prefix = voice_prefix(str(section["id"]))
    await storage.delete_prefix(prefix)
    await storage.put(voice_key(str(section["id"]), digest, content_type), data, content_type)
    await ProfileSection.update(
        {
            ProfileSection.voice_hash: digest,
            ProfileSection.voice_type: content_type,
            ProfileSection.voice_seconds: seconds,
            ProfileSection.updated_at: clock.now(),
            ProfileSection.updated_by: actor.id,
        }
    ).where(ProfileSection.id == section["id"])
    await touch(section["profile"])


async def remove_voice(section: dict[str, Any]) -> None:
    await ProfileSection.update(
        {
            ProfileSection.voice_hash: "",
            ProfileSection.voice_type: "",
            ProfileSection.voice_seconds: None,
        }
    ).where(ProfileSection.id == section["id"])
    await get_storage().delete_prefix(voice_prefix(str(section["id"])))
    await touch(section["profile"])


async def read_voice(section: dict[str, Any], file_name: str) -> Opened | None:
    """The section's recording opened for streaming, or None (another name, nothing there)."""
    if not section["voice_hash"]:
        return None
    if file_name != voice_name(section["voice_hash"], section["voice_type"]):
        return None
    return await get_storage().open(
        voice_key(str(section["id"]), section["voice_hash"], section["voice_type"])
    )
