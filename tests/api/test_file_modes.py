"""Everything Stepwise writes under its data directory is readable by its own user only
(folders 0700, files 0600), whatever umask the operator starts it with (issue 12, finding 6).

The commands run as an operator runs them, with the common umask 022, on a data directory of
their own with SQLite (the engine whose database is a file there).
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEPWISE_")}
    return env | {"STEPWISE_DATA_DIR": str(data_dir), "STEPWISE_ORIGIN": "http://localhost:8000"}


def _umask_022() -> None:
    os.umask(0o022)


def _stepwise(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        capture_output=True,
        text=True,
        env=_env(data_dir),
        check=False,
        timeout=180,
        preexec_fn=_umask_022,
    )


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

    demo = _stepwise(data_dir, "demo")  # migrates, stores the demo's photos, makes secrets
    assert demo.returncode == 0, demo.stderr
    backup = _stepwise(data_dir, "backup")
    assert backup.returncode == 0, backup.stderr

    made = {p.relative_to(data_dir).parts[0] for p in data_dir.iterdir()}
    assert {"stepwise.sqlite3", "files", "backups"} <= made
    assert list((data_dir / "files" / "tasks").glob("*/photos/*/*.webp"))
    assert _too_open(data_dir) == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_running_server_keeps_the_database_and_its_journal_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(data_dir),
        preexec_fn=_umask_022,
        process_group=0,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not answer /health"
            time.sleep(0.1)
        # The serving worker has the database open in WAL mode: its -wal and -shm files exist.
        names = {p.name for p in data_dir.iterdir()}
        assert {"stepwise.sqlite3", "stepwise.sqlite3-wal", "stepwise.sqlite3-shm"} <= names
        assert _too_open(data_dir) == []
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
