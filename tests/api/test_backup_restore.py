"""``stepwise backup`` and ``stepwise restore`` as an operator meets them: one
archive restores the whole installation on an empty machine, photos and voice
prompts included, and a restore refuses what it cannot check, leaving the live data as it was.

On the engine the API tier runs on: SQLite, or PostgreSQL when ``STEPWISE_TEST_DATABASE_URL``
is set (the empty machine then gets an empty database of its own on the same server).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import tarfile
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from backend.accounts.tables import User
from backend.settings import get_settings
from backend.tasks.tables import Photo
from tests.api.conftest import Api
from tests.support.cli import installation, serving, stepwise
from tests.support.tasks import build_tasks


def here() -> dict[str, str]:
    """The installation the API tier runs on (its data directory and database)."""
    return os.environ.copy()


@contextlib.asynccontextmanager
async def empty_machine(tmp_path: Path) -> AsyncIterator[dict[str, str]]:
    """A new data directory that does not exist yet and, on PostgreSQL, a new empty database."""
    data_dir = tmp_path / "new-machine" / "var"
    if get_settings().is_sqlite:
        yield installation(data_dir)
        return
    import asyncpg  # type: ignore[import-untyped]

    url = get_settings().database_url
    name = f"stepwise_restore_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(url)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield installation(data_dir, urlunsplit(urlsplit(url)._replace(path=f"/{name}")))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def backup(tmp_path: Path) -> Path:
    archive = tmp_path / "stepwise-backup.tar.gz"
    made = stepwise(here(), "backup", "--output", str(archive))
    assert made.returncode == 0, made.stderr
    return archive


async def test_a_backup_restores_the_whole_installation_on_an_empty_machine(
    world_api: Api, tmp_path: Path
) -> None:
    world = world_api.world
    assert world is not None
    await build_tasks(world)
    ids = world.ids
    photo = f"/api/photos/{ids['photo']}/{ids['photo_file']}"
    voice = f"/api/tasks/{ids['task']}/steps/{ids['step']}/voice/{ids['voice_file']}"
    photo_bytes = (await world_api.get(photo, as_="coach")).content
    voice_bytes = (await world_api.get(voice, as_="coach")).content
    assert photo_bytes and voice_bytes

    get_settings().secret("vapid-private-key")  # as the first push subscription makes it
    archive = backup(tmp_path)
    assert archive.stat().st_mode & 0o077 == 0  # only the operator reads a backup
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        names = tar.getnames()
    assert manifest["format"] == "stepwise-backup" and manifest["formatVersion"] == 1
    assert manifest["counts"]["users"] == await User.count()
    stored = {f["key"]: f for f in manifest["files"]}
    photo_keys = [k for k in stored if k.startswith(f"tasks/{ids['task']}/photos/{ids['photo']}/")]
    sizes = (await Photo.select(Photo.sizes).where(Photo.id == ids["photo"]).first())["sizes"]
    sizes = json.loads(sizes) if isinstance(sizes, str) else sizes
    assert len(photo_keys) == 2 * len(sizes)  # every size, as WebP and as JPEG
    assert all(len(stored[k]["sha256"]) == 64 for k in photo_keys)
    assert any(k.endswith(ids["voice_file"]) for k in stored)
    assert not any(n.startswith("secrets/") for n in names)  # kept apart unless asked for

    async with empty_machine(tmp_path) as machine:
        restored = stepwise(machine, "restore", str(archive))
        assert restored.returncode == 0, restored.stderr
        said = restored.stdout
        assert f"{len(stored)} stored files" in said
        assert f"{manifest['counts']['users']} people" in said
        assert "kept in" not in said  # nothing was there to keep
        # The backup had no secrets: the restore says which to bring from the old machine.
        assert "secrets/vapid-private-key is not here" in said
        assert not (Path(machine["STEPWISE_DATA_DIR"]) / "secrets" / "vapid-private-key").exists()

        with serving(machine) as url:
            served_photo = stepwise_get(url + photo, world.tokens["coach"])
            served_voice = stepwise_get(url + voice, world.tokens["coach"])
        assert served_photo == (200, photo_bytes)
        assert served_voice == (200, voice_bytes)


async def test_a_backup_with_secrets_brings_them_to_the_new_machine(
    api: Api, tmp_path: Path
) -> None:
    assert stepwise(here(), "demo").returncode == 0
    key = get_settings().secret("vapid-private-key")
    archive = tmp_path / "with-secrets.tar.gz"
    made = stepwise(here(), "backup", "--with-secrets", "--output", str(archive))
    assert made.returncode == 0, made.stderr
    assert "It includes the secrets" in made.stdout
    with tarfile.open(archive) as tar:
        assert "secrets/vapid-private-key" in tar.getnames()
        assert "secrets/audit-chain-key" in tar.getnames()
        assert "audit-checkpoints/checkpoints.jsonl" in tar.getnames()

    async with empty_machine(tmp_path) as machine:
        restored = stepwise(machine, "restore", str(archive))
        assert restored.returncode == 0, restored.stderr
        assert "secrets: 2 restored" in restored.stdout
        copied = Path(machine["STEPWISE_DATA_DIR"]) / "secrets" / "vapid-private-key"
        assert copied.read_bytes() == key
        assert copied.stat().st_mode & 0o077 == 0
        # The audit log, its key and its checkpoints came along: it verifies on the new machine.
        checked = stepwise(machine, "audit", "verify")
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "signed checkpoint" in checked.stdout


def test_there_is_nothing_to_back_up_before_the_first_start(tmp_path: Path) -> None:
    made = stepwise(installation(tmp_path / "var"), "backup")
    assert made.returncode == 1
    assert "no database to back up" in made.stderr


def stepwise_get(url: str, session: str) -> tuple[int, bytes]:
    from tests.support.cli import get

    answer = get(url, session)
    return answer.status_code, answer.content


# --- refusals --------------------------------------------------------------------------------


Change = Callable[[dict[str, bytes], dict[str, Any], str], None]
"""Changes an archive's members (name → bytes) and manifest; the third argument is the name of a
photo the database points at."""


def rewrite(archive: Path, change: Change, photo: str) -> Path:
    """A copy of ``archive`` changed by hand."""
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]
    manifest = json.loads(members.pop("manifest.json"))
    change(members, manifest, photo)
    members["manifest.json"] = json.dumps(manifest).encode()
    changed = archive.with_name(f"changed-{uuid.uuid4().hex[:6]}.tar.gz")
    with tarfile.open(changed, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return changed


def flip_a_byte(members: dict[str, bytes], manifest: dict[str, Any], photo: str) -> None:
    name = photo
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0xFF
    members[name] = bytes(data)


def leave_out_a_photo(members: dict[str, bytes], manifest: dict[str, Any], photo: str) -> None:
    del members[photo]


def leave_out_a_photo_and_its_entry(
    members: dict[str, bytes], manifest: dict[str, Any], photo: str
) -> None:
    name = photo
    del members[name]
    manifest["files"] = [f for f in manifest["files"] if f"files/{f['key']}" != name]


def add_a_file(members: dict[str, bytes], manifest: dict[str, Any], photo: str) -> None:
    members["files/tasks/extra/800-0123456789abcdef.jpg"] = b"not from this backup"


def from_a_newer_version(members: dict[str, bytes], manifest: dict[str, Any], photo: str) -> None:
    manifest["migrations"].append("2099-01-01T00:00:00:000000")


def a_manifest_without_counts(
    members: dict[str, bytes], manifest: dict[str, Any], photo: str
) -> None:
    del manifest["counts"]


def a_newer_format(members: dict[str, bytes], manifest: dict[str, Any], photo: str) -> None:
    manifest["formatVersion"] = 2


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (flip_a_byte, "does not match the manifest"),
        (leave_out_a_photo, "missing from the archive"),
        (leave_out_a_photo_and_its_entry, "the database points at are not in the backup"),
        (add_a_file, "not in its manifest"),
        (from_a_newer_version, "made by a newer Stepwise"),
        (a_newer_format, "written by a newer Stepwise"),
        (a_manifest_without_counts, "manifest.json is incomplete or damaged"),
    ],
)
async def test_a_restore_refuses_an_archive_it_cannot_check_and_changes_nothing(
    world_api: Api,
    tmp_path_factory: pytest.TempPathFactory,
    change: Change,
    reason: str,
) -> None:
    archive, photo = await one_backup(world_api, tmp_path_factory)
    tampered = rewrite(archive, change, photo)
    await check_refused_and_untouched(tampered, reason)


_made: list[tuple[Path, str]] = []


async def one_backup(world_api: Api, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One backup of the installation with a task's photo in it, made for the first refusal and
    read (never changed: each case changes a copy) by the others — a backup of the API tier's
    whole installation takes half a minute once the tier has run for a while."""
    if not _made:
        world = world_api.world
        assert world is not None
        await build_tasks(world)
        ids = world.ids
        photo = f"files/tasks/{ids['task']}/photos/{ids['photo']}/{ids['photo_file']}"
        _made.append((backup(tmp_path_factory.mktemp("one-backup")), photo))
    return _made[0]


async def test_a_restore_refuses_a_database_file_that_is_not_a_stepwise_backup(
    api: Api, tmp_path: Path
) -> None:
    stepwise(here(), "demo")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE users (id TEXT, name TEXT)")
        db.execute("INSERT INTO users VALUES ('1', 'Mallory')")
    await check_refused_and_untouched(other, "is not a Stepwise backup")
    # The plain database copies of older versions are refused the same way, with the reason.


async def check_refused_and_untouched(archive: Path, reason: str) -> None:
    settings = get_settings()
    users = await User.count()
    files = settings.data_dir / "files"
    before = _files(files)
    backups = set((settings.data_dir / "backups").glob("*"))

    refused = stepwise(here(), "restore", str(archive))
    assert refused.returncode != 0
    assert refused.stderr.startswith("Not restored: "), refused.stderr
    assert reason in refused.stderr, refused.stderr
    assert await User.count() == users and users > 0
    assert _files(files) == before
    assert set((settings.data_dir / "backups").glob("*")) == backups  # no safety copy needed
    assert not list(settings.data_dir.glob(".restore-*"))  # no staging folder left behind


def _files(root: Path) -> dict[Path, tuple[int, int, int]]:
    """Every stored file with its size, inode and time of last change: a restore that wrote,
    replaced or moved one changes at least one of them."""
    return {
        p: (s.st_size, s.st_ino, s.st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file() and (s := p.stat())
    }
