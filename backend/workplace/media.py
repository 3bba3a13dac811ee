"""The analysis' photos of the workplace, through the pipeline the task steps and the profile
use: a photo is validated and re-encoded in clean sizes with no metadata
(``backend/lib/images.py``), stored by ``OwnedPhotos`` as
``workplace/photos/<photo>/<size>-<hash16>.<webp|jpg>``."""

from __future__ import annotations

from typing import Any

from backend.lib import clock, images
from backend.lib.actor import Actor
from backend.lib.ids import as_uuid
from backend.lib.owned_photos import OwnedPhotos
from backend.lib.storage import Opened
from backend.workplace.tables import AnalysisPhoto, JobAnalysis


async def _hashes(ids: list[str]) -> dict[str, str]:
    """The photo of each of these rows that exists (for the recovery at start)."""
    rows = await AnalysisPhoto.select(AnalysisPhoto.id, AnalysisPhoto.photo_hash).where(
        AnalysisPhoto.id.is_in(ids)
    )
    return {str(r["id"]): r["photo_hash"] for r in rows}


PHOTOS = OwnedPhotos(root="workplace/photos", url_root="/api/analysis-photos", hashes=_hashes)


async def photo_row(photo_id: str) -> dict[str, Any] | None:
    if as_uuid(photo_id) is None:
        return None
    row: dict[str, Any] | None = (
        await AnalysisPhoto.select(
            *AnalysisPhoto.all_columns(), AnalysisPhoto.analysis.job.as_alias("job")
        )
        .where(AnalysisPhoto.id == as_uuid(photo_id))
        .first()
        .output(load_json=True)
    )
    return row


async def add_photo(
    actor: Actor, analysis: dict[str, Any], caption: str, processed: images.Processed
) -> str:
    row = AnalysisPhoto(
        analysis=analysis["id"],
        client=analysis["client"],
        caption=caption,
        created_by=actor.id,
        created_at=clock.now(),
    )

    async def commit(content_hash: str, sizes: list[dict[str, Any]]) -> None:
        row.photo_hash = content_hash
        row.photo_sizes = sizes  # type: ignore[assignment]  # a JSONB column holds the list
        await AnalysisPhoto.insert(row)

    await PHOTOS.store(str(row.id), processed, commit)
    await JobAnalysis.update({JobAnalysis.updated_at: clock.now()}).where(
        JobAnalysis.id == analysis["id"]
    )
    return str(row.id)


async def remove_photo(photo: dict[str, Any]) -> None:
    await AnalysisPhoto.delete().where(AnalysisPhoto.id == photo["id"])
    await PHOTOS.remove(str(photo["id"]))


async def read_photo(photo: dict[str, Any], file_name: str) -> tuple[str, Opened] | None:
    sizes = photo["photo_sizes"] if isinstance(photo["photo_sizes"], list) else []
    return await PHOTOS.read(str(photo["id"]), photo["photo_hash"], sizes, file_name)
