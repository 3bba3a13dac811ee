"""A goal's or a family update's photo is safe from a killed server: a new photo's files are
written beside the old ones, then the row names them, and only then do the old ones go; what a
killed server can leave (files no row names, the folder of a deleted row) is removed at the
next start (``recover_files``)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from backend.goals import GOAL_PHOTOS
from backend.goals import reading as goal_reading
from backend.goals import services as goals
from backend.lib import images
from backend.settings import get_settings
from backend.tasks.recovery import recover_files
from tests.api.conftest import Api
from tests.support import family
from tests.support.coaching import build_coaching
from tests.support.photos import phone_jpeg


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


async def test_start_removes_the_owned_photo_files_no_row_names(world_api: Api) -> None:
    w = world_api.world
    assert w is not None
    await build_coaching(w)
    await family.build_family(w)
    files = get_settings().data_dir / "files"
    goal = files / "goals" / w.ids["goal"]
    update = files / "family" / "updates" / w.ids["update"]
    kept = {goal: _names(goal), update: _names(update)}
    assert all(kept.values())
    left: list[Path] = []
    for folder in (goal, update):
        # A new photo's files, written whole; the server killed before the row named them (or
        # after it did, before the old ones went: the same files nobody names).
        stray = folder / "800-fedcba9876543210.jpg"
        stray.write_bytes(b"a photo no row names")
        # A row deleted, the server killed before its files went.
        gone = folder.parent / str(uuid.uuid4())
        gone.mkdir()
        (gone / "800-0123456789abcdef.jpg").write_bytes(b"the photo of a deleted row")
        left += [stray, gone]

    await recover_files()

    assert not [p for p in left if p.exists()]
    assert {folder: _names(folder) for folder in kept} == kept  # the rows' photos stay
    goal_row = await goal_reading.goal_row(w.ids["goal"])
    assert goal_row is not None
    photo = (await goal_reading.detail(goal_row["id"])).photo
    assert photo is not None and photo.src.rsplit("/", 1)[1] in kept[goal]


async def test_a_new_photo_replaces_the_old_only_once_its_row_names_it(world_api: Api) -> None:
    w = world_api.world
    assert w is not None
    await build_coaching(w)
    files = get_settings().data_dir / "files"
    folder = files / "goals" / w.ids["goal"]
    old = _names(folder)
    goal_row = await goal_reading.goal_row(w.ids["goal"])
    assert goal_row is not None
    new = images.process(phone_jpeg(640, 480, 1, 70))

    async def killed(content_hash: str, sizes: list[dict[str, Any]]) -> None:
        # When the row is written, the new files are all there and the old ones still are.
        names = _names(folder)
        assert old <= names
        assert {f"{s['size']}-{content_hash[:16]}.jpg" for s in sizes} <= names
        raise RuntimeError("the row's write failed")

    with pytest.raises(RuntimeError):
        await GOAL_PHOTOS.store(w.ids["goal"], new, killed)
    assert _names(folder) == old

    await goals.set_photo(goal_row, new)
    row = await goal_reading.goal_row(w.ids["goal"])
    assert row is not None and row["photo_hash"] == new.content_hash
    assert _names(folder) == {
        f"{v.size}-{new.content_hash[:16]}.{ext}" for v in new.variants for ext in ("webp", "jpg")
    }
