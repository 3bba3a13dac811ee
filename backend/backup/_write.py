"""Writing a backup archive."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import os
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from backend.backup._common import (
    AUDIT_CHECKPOINTS,
    DB_POSTGRES,
    DB_SQLITE,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    Refused,
    require,
    secrets_in,
    sha256_of,
)
from backend.backup._rows import (
    count_rows,
    list_migrations,
    postgres_answers,
    referenced_keys,
    sqlite_query,
)
from backend.backup._store import LiveFiles, live_files
from backend.lib import private
from backend.settings import Settings


@dataclass
class Written:
    path: Path
    manifest: dict[str, Any]
    missing: list[str] = field(default_factory=list)


def _snapshot_sqlite(settings: Settings, into: Path) -> dict[str, Any]:
    """A consistent copy while the server keeps writing (SQLite online backup API)."""
    copy = into / DB_SQLITE
    if not settings.sqlite_path.is_file():
        raise Refused(f"There is no database to back up at {settings.sqlite_path}.")
    src = sqlite3.connect(f"file:{settings.sqlite_path}?mode=ro", uri=True)
    dst = sqlite3.connect(copy)
    try:
        with dst:
            src.backup(dst)
        query = sqlite_query(dst)
        return {
            "file": copy,
            "migrations": list_migrations(query),
            "counts": count_rows(query, "sqlite"),
            "referenced": referenced_keys(query),
        }
    except sqlite3.Error as exc:
        raise Refused(f"{settings.sqlite_path} is not a Stepwise database ({exc}).") from None
    finally:
        src.close()
        dst.close()


async def _snapshot_postgres(settings: Settings, into: Path) -> dict[str, Any]:
    """``pg_dump`` in the snapshot the migrations, counts and file list are read in, so the
    manifest describes exactly the dump (PostgreSQL: ``pg_export_snapshot``)."""
    import asyncpg  # type: ignore[import-untyped]

    dump = into / DB_POSTGRES
    require("pg_dump")
    connection = await asyncpg.connect(settings.database_url)
    try:
        async with connection.transaction(isolation="repeatable_read", readonly=True):
            snapshot = await connection.fetchval("SELECT pg_export_snapshot()")
            answer = await postgres_answers(connection)
            process = await asyncio.create_subprocess_exec(
                "pg_dump",
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={dump}",
                settings.database_url,
            )
            if await process.wait() != 0:
                raise Refused("pg_dump failed (its message is above).")
    finally:
        await connection.close()

    return {
        "file": dump,
        "migrations": list_migrations(answer),
        "counts": count_rows(answer, "postgres"),
        "referenced": referenced_keys(answer),
    }


def _add(archive: tarfile.TarFile, name: str, path: Path) -> dict[str, Any]:
    size = path.stat().st_size
    digest = hashlib.sha256()

    class Hashing(io.RawIOBase):
        def __init__(self, f: IO[bytes]) -> None:
            self.f = f

        def read(self, n: int = -1) -> bytes:
            data = self.f.read(n)
            digest.update(data)
            return data

    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = private.FILE_MODE
    info.mtime = int(path.stat().st_mtime)
    with path.open("rb") as f:
        archive.addfile(info, Hashing(f))  # type: ignore[arg-type]
    return {"bytes": size, "sha256": digest.hexdigest()}


def _add_stored(archive: tarfile.TarFile, live: LiveFiles, key: str, size: int) -> dict[str, Any]:
    """A stored file streamed from its store into the archive (never whole in memory)."""
    opened = live.open(key)
    if opened is None:
        raise FileNotFoundError(key)
    source: IO[bytes] = opened
    digest = hashlib.sha256()

    class Hashing(io.RawIOBase):
        def read(self, n: int = -1) -> bytes:
            data: bytes = source.read(n)
            digest.update(data)
            return data

    info = tarfile.TarInfo(f"files/{key}")
    info.size = size
    info.mode = private.FILE_MODE
    info.mtime = int(datetime.now(UTC).timestamp())
    try:
        archive.addfile(info, Hashing())  # type: ignore[arg-type]
    finally:
        source.close()
    return {"bytes": size, "sha256": digest.hexdigest()}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = private.FILE_MODE
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def write(settings: Settings, target: Path, *, with_secrets: bool = False) -> Written:
    """Write a backup archive to ``target`` (mode 0600, complete or not there at all)."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=private.DIR_MODE)
    with tempfile.TemporaryDirectory(dir=settings.data_dir, prefix=".backup-") as work:
        if settings.is_sqlite:
            snap = _snapshot_sqlite(settings, Path(work))
        else:
            snap = asyncio.run(_snapshot_postgres(settings, Path(work)))
        # Files after the database: a photo stored meanwhile is in the archive without its row
        # (harmless); one removed meanwhile is named in the manifest as missing.
        live = live_files(settings)
        stored = live.listing()
        secrets = secrets_in(settings.data_dir)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".tar.gz")
        try:
            with os.fdopen(fd, "wb") as out, tarfile.open(fileobj=out, mode="w:gz") as archive:
                database = {
                    "name": snap["file"].name,
                    **_add(archive, snap["file"].name, snap["file"]),
                }
                files = []
                for key, size in stored:
                    try:
                        files.append({"key": key, **_add_stored(archive, live, key, size)})
                    except FileNotFoundError:  # removed since it was listed (before its header)
                        continue
                for name, path in secrets if with_secrets else []:
                    _add(archive, f"secrets/{name}", path)
                # The audit log's signed checkpoints (backend/audit/chain.py): without them a
                # restored log cannot show it was not cut short.
                checkpoints = settings.data_dir / AUDIT_CHECKPOINTS
                audit_checkpoints = (
                    {"name": AUDIT_CHECKPOINTS, **_add(archive, AUDIT_CHECKPOINTS, checkpoints)}
                    if checkpoints.is_file()
                    else None
                )
                keys = {f["key"] for f in files}
                missing = sorted(snap["referenced"] - keys)
                manifest = {
                    "format": FORMAT,
                    "formatVersion": FORMAT_VERSION,
                    "createdAt": datetime.now(UTC).isoformat(timespec="seconds"),
                    "engine": "sqlite" if settings.is_sqlite else "postgres",
                    "migrations": snap["migrations"],
                    "counts": snap["counts"],
                    "database": database,
                    "files": files,
                    "missingAtBackup": missing,
                    "auditCheckpoints": audit_checkpoints,
                    "secretsIncluded": with_secrets,
                    "secrets": [
                        {"name": name, "bytes": path.stat().st_size, "sha256": sha256_of(path)}
                        for name, path in secrets
                    ],
                }
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
            os.chmod(tmp, private.FILE_MODE)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return Written(path=target, manifest=manifest, missing=missing)


def summary(counts: dict[str, int]) -> str:
    """The rows that mean most to an operator, in words."""
    named = (
        ("users", "people"),
        ("client_records", "clients"),
        ("tasks", "tasks"),
        ("photos", "step photos"),
        ("shifts", "shifts"),
        ("goals", "goals"),
        ("audit_events", "audit entries"),
    )
    return ", ".join(f"{counts.get(table, 0)} {words}" for table, words in named)


def describe_written(written: Written, data_dir: Path) -> Iterable[str]:
    manifest = written.manifest
    rows = sum(manifest["counts"].values())
    size = sum(f["bytes"] for f in manifest["files"])
    yield f"Backup written to {written.path}"
    yield (
        f"  {rows} rows in {len(manifest['counts'])} tables ({summary(manifest['counts'])}); "
        f"{len(manifest['files'])} stored files ({_mb(size)})."
    )
    if written.missing:
        yield (
            f"  Warning: {len(written.missing)} stored file(s) the database points at were not "
            f"found (files/{written.missing[0]}, …); they are named in the manifest."
        )
    if manifest["secretsIncluded"]:
        yield "  It includes the secrets: keep it as safe as the secrets themselves."
    elif manifest["secrets"]:
        yield (
            f"  Secrets are not in it: keep {data_dir / 'secrets'}/ "
            "in a second safe place (see README, Backup and restore)."
        )


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
