"""What a killed server left half-stored is settled at the next start (``recover_files``):
a staged photo whose row was committed is moved into place, one whose row never was is
deleted, and so are photo folders whose row was deleted before their files, and the trash a
killed server had not yet emptied."""

from __future__ import annotations

import subprocess
import uuid

from backend.lib.clock import now
from backend.lib.storage import get_storage
from backend.settings import get_settings
from backend.tasks.recovery import recover_files
from backend.tasks.tables import Photo
from tests.api.conftest import Api
from tests.support.scan import trash_emptied
from tests.support.tasks import build_tasks


def _dead_life() -> str:
    """The staging folder name of a process that has ended."""
    gone = subprocess.Popen(["true"])
    gone.wait()
    return f"{gone.pid}-0123abcd"


async def test_start_settles_what_a_killed_server_left(world_api: Api) -> None:
    world = world_api.world
    assert world is not None
    await build_tasks(world)
    task = world.ids["task"]
    files = get_settings().data_dir / "files"
    life = files / ".staging" / _dead_life()
    committed, never, deleted = (str(uuid.uuid4()) for _ in range(3))
    for photo in (committed, never):
        staged = life / f"tasks+{task}+photos+{photo}"
        staged.mkdir(parents=True)
        (staged / "800-0123456789abcdef.jpg").write_bytes(b"photo " + photo.encode())
    (life / "tmp-half-written").write_bytes(b"half")
    # The crash came after this row's commit, before its folder was moved into place.
    await Photo.insert(
        Photo(
            id=committed,
            task=task,
            content_hash="0123456789abcdef" * 4,
            width=600,
            height=800,
            sizes=[{"size": 800, "width": 600, "height": 800}],
            created_at=now(),
        )
    )
    # A photo whose row was deleted, the server killed before its files went.
    orphan = files / "tasks" / task / "photos" / deleted
    orphan.mkdir(parents=True)
    (orphan / "800-0123456789abcdef.jpg").write_bytes(b"old photo")
    kept = files / "tasks" / task / "photos" / world.ids["photo"]
    assert any(kept.iterdir())

    await recover_files()

    placed = files / "tasks" / task / "photos" / committed / "800-0123456789abcdef.jpg"
    assert placed.read_bytes() == b"photo " + committed.encode()
    assert not (files / "tasks" / task / "photos" / never).exists()
    assert not orphan.exists()
    assert not life.exists()
    assert any(kept.iterdir())  # a photo with its row is left alone


async def test_deleted_prefixes_are_gone_at_once_and_freed_after(world_api: Api) -> None:
    """``delete_prefixes`` (erasure): the keys go before it returns, the bytes a moment later;
    what a killed server had not yet freed is removed at the next start."""
    files = get_settings().data_dir / "files"
    storage = get_storage()
    await storage.put("family/updates/a/800-x.jpg", b"photo a", "image/jpeg")
    await storage.put("family/updates/b/800-x.jpg", b"photo b", "image/jpeg")
    await storage.put("family/updates/c/800-x.jpg", b"photo c", "image/jpeg")

    await storage.delete_prefixes(["family/updates/a", "family/updates/b", "family/updates/none"])

    assert await storage.get("family/updates/a/800-x.jpg") is None
    assert await storage.get("family/updates/b/800-x.jpg") is None
    assert await storage.get("family/updates/c/800-x.jpg") == b"photo c"
    trash_emptied()

    left = files / ".trash" / _dead_life() / "0123abcd"
    left.mkdir(parents=True)
    (left / "800-x.jpg").write_bytes(b"not yet freed")
    await recover_files()
    assert not left.parent.exists()
