"""``stepwise backup`` and ``restore`` when the files live in an object store (a real SeaweedFS
on loopback): the archive holds every object, streamed from the bucket, and a restore on a new
machine puts exactly those into its bucket — the photos are served from there again."""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
from pathlib import Path

from tests.api.conftest import Api
from tests.api.test_backup_restore import empty_machine, stepwise_get
from tests.support.cli import serving, stepwise
from tests.support.seaweed import Seaweed, app_storage, seaweed  # noqa: F401 (the fixture)
from tests.support.tasks import build_tasks


async def test_backup_and_restore_cover_the_object_store(
    seaweed: Seaweed,  # noqa: F811
    world_api: Api,
    tmp_path: Path,
) -> None:
    world = world_api.world
    assert world is not None
    old_bucket, new_bucket = seaweed.new_bucket(), seaweed.new_bucket()
    archive = tmp_path / "stepwise-backup.tar.gz"
    with app_storage(seaweed.url(old_bucket)):
        await build_tasks(world)
        made = stepwise(os.environ.copy(), "backup", "--output", str(archive))
    assert made.returncode == 0, made.stderr
    stored = seaweed.objects(old_bucket)
    assert any("/photos/" in k for k in stored) and any("/voice/" in k for k in stored)
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        archived = {
            name.removeprefix("files/"): tar.extractfile(name).read()  # type: ignore[union-attr]
            for name in tar.getnames()
            if name.startswith("files/")
        }
    assert archived == stored
    assert {f["key"]: f["sha256"] for f in manifest["files"]} == {
        k: hashlib.sha256(v).hexdigest() for k, v in stored.items()
    }
    assert manifest["missingAtBackup"] == []

    ids = world.ids
    photo = f"/api/photos/{ids['photo']}/{ids['photo_file']}"
    async with empty_machine(tmp_path) as machine:
        machine["STEPWISE_STORAGE_URL"] = seaweed.url(new_bucket)
        restored = stepwise(machine, "restore", str(archive))
        assert restored.returncode == 0, restored.stderr
        assert f"{len(stored)} stored files" in restored.stdout
        assert seaweed.objects(new_bucket) == stored
        assert not (Path(machine["STEPWISE_DATA_DIR"]) / "files" / "tasks").exists()
        with serving(machine) as url:
            served = stepwise_get(url + photo, world.tokens["coach"])

        # Restored again over what is there: what the bucket held is in the safety backup,
        # and the bucket holds the backup's files only.
        seaweed.client().put_object(Bucket=new_bucket, Key="tasks/stray/800-x.jpg", Body=b"x")
        again = stepwise(machine, "restore", str(archive))
        assert again.returncode == 0, again.stderr
        assert seaweed.objects(new_bucket) == stored
        safety = next((Path(machine["STEPWISE_DATA_DIR"]) / "backups").glob("before-restore-*"))
        with tarfile.open(safety) as tar:
            assert "files/tasks/stray/800-x.jpg" in tar.getnames()
    key = next(k for k in stored if k.endswith(ids["photo_file"]))
    assert served == (200, stored[key])
