"""The operators' CLI on the test database: demo, invite, backup and restore, audit verify."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from backend.accounts.tables import Team, User
from backend.clients.tables import ClientRecord
from backend.family.tables import Update
from backend.goals.tables import Goal
from backend.shifts.tables import Shift
from backend.tasks.tables import Step, Task


def stepwise(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
        timeout=120,
    )


async def test_demo_backup_and_restore(api, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    demo = stepwise("demo")
    assert demo.returncode == 0, demo.stderr
    lines = [line for line in demo.stdout.splitlines() if "/enroll#" in line]
    assert len(lines) == 9  # a coordinator, two coaches, four clients, two family members
    roles = [line.split()[0] for line in lines]
    assert roles.count("client") == 4 and roles.count("coach") == 2 and roles.count("family") == 2
    assert await ClientRecord.count() == 4
    assert len({r["stage"] for r in await ClientRecord.select(ClientRecord.stage)}) > 1
    # Something to look at: a photo task, shifts and a goal per client, a shared family update.
    assert await Task.count() == 4 and await Step.count().where(Step.photo.is_null()) == 0
    assert await Shift.count() == 4 and await Goal.count() == 4
    assert await Update.count().where(Update.status == "shared") == 2

    invite = stepwise(
        "invite", "--role", "coach", "--name", "Nina", "--team", "Demo team: Riverside"
    )
    assert invite.returncode == 0, invite.stderr
    assert invite.stdout.strip().startswith("http://localhost:8000/enroll#")

    backup_file = tmp_path / "backup"
    backup = stepwise("backup", "--output", str(backup_file))
    assert backup.returncode == 0, backup.stderr
    assert backup_file.stat().st_mode & 0o077 == 0  # only the operator reads a backup

    await Team.delete(force=True)
    await User.delete().where(User.role == "client")
    assert await Team.count() == 0

    restore = stepwise("restore", str(backup_file))
    assert restore.returncode == 0, restore.stderr
    assert await Team.count() == 1
    assert await User.count().where(User.role == "client") == 4

    verify = stepwise("audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "intact" in verify.stdout


def test_every_command_has_help() -> None:
    for command in ("serve", "migrate", "demo", "invite", "backup", "restore", "audit", "worker"):
        result = stepwise(command, "--help")
        assert result.returncode == 0, command
        assert "usage: stepwise" in result.stdout
