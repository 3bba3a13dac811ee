"""Everything Stepwise writes under its data directory is readable by its own user only
(folders 0700, files 0600), whatever umask the operator starts it with.

The commands run as an operator runs them, with the common umask 022, on a data directory of
their own with SQLite (the engine whose database is a file there).
"""

from __future__ import annotations

import stat
from pathlib import Path

from tests.support.cli import installation, serving, stepwise


def _too_open(data_dir: Path) -> list[str]:
    """Every path under ``data_dir`` (and itself) that anyone but the owner may read or enter."""
    wrong = []
    for path in [data_dir, *data_dir.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            wrong.append(f"{path.relative_to(data_dir.parent)} {oct(mode)}")
    return wrong


def test_commands_write_only_private_files_and_narrow_old_ones(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    # What an older version left behind with umask 022.
    old = data_dir / "files" / "tasks" / "old"
    old.mkdir(parents=True)
    (old / "800-0123456789abcdef.jpg").write_bytes(b"old photo")
    for path in (data_dir, data_dir / "files", data_dir / "files" / "tasks", old):
        path.chmod(0o755)
    (old / "800-0123456789abcdef.jpg").chmod(0o644)
    env = installation(data_dir)

    demo = stepwise(env, "demo")  # migrates, stores the demo's photos
    assert demo.returncode == 0, demo.stderr
    backup = stepwise(env, "backup")
    assert backup.returncode == 0, backup.stderr
    archive = next((data_dir / "backups").glob("stepwise-*.tar.gz"))
    restore = stepwise(env, "restore", str(archive))  # a staging folder, a safety copy
    assert restore.returncode == 0, restore.stderr

    made = {p.relative_to(data_dir).parts[0] for p in data_dir.iterdir()}
    assert {"stepwise.sqlite3", "files", "backups"} <= made
    assert list((data_dir / "files" / "tasks").glob("*/photos/*/*.webp"))
    assert list((data_dir / "backups").glob("before-restore-*.tar.gz"))
    assert _too_open(data_dir) == []


def test_the_running_server_keeps_the_database_and_its_journal_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    with serving(installation(data_dir)):
        # The serving worker has the database open in WAL mode: its -wal and -shm files exist.
        names = {p.name for p in data_dir.iterdir()}
        assert {"stepwise.sqlite3", "stepwise.sqlite3-wal", "stepwise.sqlite3-shm"} <= names
        assert _too_open(data_dir) == []
