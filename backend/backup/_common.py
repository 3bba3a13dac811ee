"""Names and helpers shared by writing and restoring."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

from backend.lib.storage import TRASH

FORMAT = "stepwise-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_SQLITE = "database.sqlite3"
DB_POSTGRES = "database.pgdump"
AUDIT_CHECKPOINTS = "audit-checkpoints/checkpoints.jsonl"
CHUNK = 1 << 20
SECRET_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*$")


class Refused(Exception):
    """The archive is not one this version restores; the message says why, in plain words."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def stored_files(root: Path) -> list[tuple[str, Path]]:
    """(key, path) of every stored file; the storage's half-written ``.tmp-`` files are not,
    nor what it is freeing after a deletion (its trash: no key names those any more)."""
    found = []
    for folder, names, files in os.walk(root):
        if Path(folder) == root and TRASH in names:
            names.remove(TRASH)
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink() and not name.startswith(".tmp-"):
                found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def require(program: str) -> None:
    if shutil.which(program) is None:
        raise Refused(f"{program} is not installed (apt-get install postgresql-client).")


def secrets_in(data_dir: Path) -> list[tuple[str, Path]]:
    folder = data_dir / "secrets"
    if not folder.is_dir():
        return []
    return [
        (p.name, p)
        for p in sorted(folder.iterdir())
        if p.is_file() and SECRET_NAME.match(p.name) and ".before-restore-" not in p.name
    ]
