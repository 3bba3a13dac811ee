"""Checking a backup archive through, then restoring it."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from backend.backup._common import (
    AUDIT_CHECKPOINTS,
    CHUNK,
    DB_POSTGRES,
    DB_SQLITE,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    SECRET_NAME,
    Refused,
    require,
    sha256_of,
)
from backend.backup._rows import (
    Query,
    code_migrations,
    count_rows,
    dump_answers,
    list_migrations,
    postgres_answers,
    referenced_keys,
    sqlite_query,
)
from backend.backup._store import live_files
from backend.backup._write import write
from backend.lib import private
from backend.lib.storage import check_key
from backend.settings import Settings


@dataclass
class Restored:
    manifest: dict[str, Any]
    safety: Path | None
    """The backup of what was there before, when there was anything."""
    files: int
    bytes: int
    notes: list[str]
    """What the operator still has to do (secrets to bring, migrations to apply)."""


class _Hashed:
    """Copies a member to its place in the staging folder, counting and hashing it."""

    def __init__(self, source: IO[bytes], target: Path) -> None:
        self.source = source
        self.target = target

    def copy(self) -> dict[str, Any]:
        self.target.parent.mkdir(parents=True, exist_ok=True, mode=private.DIR_MODE)
        digest = hashlib.sha256()
        size = 0
        fd = os.open(self.target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, private.FILE_MODE)
        with os.fdopen(fd, "wb") as out:
            while chunk := self.source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        return {"bytes": size, "sha256": digest.hexdigest()}


def _staged_path(staging: Path, name: str) -> Path:
    if name in {DB_SQLITE, DB_POSTGRES}:
        return staging / name
    if name.startswith("files/"):
        try:
            return staging / "files" / check_key(name.removeprefix("files/"))
        except ValueError:
            raise Refused(
                f"The archive holds a file with a name Stepwise never makes: {name}"
            ) from None
    if name.startswith("secrets/") and SECRET_NAME.match(name.removeprefix("secrets/")):
        return staging / name
    if name == AUDIT_CHECKPOINTS:
        return staging / name
    raise Refused(f"The archive holds something a Stepwise backup does not: {name}")


def _unpack(path: Path, staging: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Every member into ``staging``, with its size and hash; the manifest, parsed."""
    not_a_backup = (
        f"{path} is not a Stepwise backup: a backup is the .tar.gz archive `stepwise backup` "
        "writes (database, stored files and manifest.json)."
    )
    seen: dict[str, dict[str, Any]] = {}
    manifest: bytes | None = None
    try:
        with tarfile.open(path, "r:*") as archive:
            for member in archive:
                if member.name in seen or (member.name == MANIFEST and manifest is not None):
                    raise Refused(f"The archive holds {member.name} twice.")
                if not member.isfile():
                    raise Refused(f"The archive holds something that is not a file: {member.name}")
                source = archive.extractfile(member)
                assert source is not None
                if member.name == MANIFEST:
                    manifest = source.read(64 << 20)
                    continue
                seen[member.name] = _Hashed(source, _staged_path(staging, member.name)).copy()
    except (tarfile.TarError, EOFError, OSError) as exc:
        if not seen and manifest is None:
            raise Refused(not_a_backup) from None
        raise Refused(f"The archive is damaged or cut short ({exc}).") from None
    if manifest is None:
        raise Refused(not_a_backup)
    try:
        parsed = json.loads(manifest)
    except ValueError:
        raise Refused("The archive's manifest.json is damaged.") from None
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise Refused(not_a_backup)
    return parsed, seen


def _check_members(manifest: dict[str, Any], seen: dict[str, dict[str, Any]]) -> None:
    """Every member the manifest names, with its size and SHA-256, and nothing else."""
    expected: dict[str, dict[str, Any]] = {manifest["database"]["name"]: manifest["database"]}
    expected |= {f"files/{f['key']}": f for f in manifest["files"]}
    if manifest["secretsIncluded"]:
        expected |= {f"secrets/{s['name']}": s for s in manifest["secrets"]}
    if manifest.get("auditCheckpoints"):
        expected[AUDIT_CHECKPOINTS] = manifest["auditCheckpoints"]
    for name, entry in expected.items():
        found = seen.get(name)
        if found is None:
            raise Refused(f"{name} is named in the manifest but missing from the archive.")
        if found["sha256"] != entry["sha256"] or found["bytes"] != entry["bytes"]:
            raise Refused(f"{name} does not match the manifest (its SHA-256 differs): damaged.")
    extra = sorted(set(seen) - set(expected))
    if extra:
        raise Refused(f"{extra[0]} is in the archive but not in its manifest.")


def _check_compatible(manifest: dict[str, Any], settings: Settings) -> None:
    version = manifest.get("formatVersion")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise Refused(
            f"This backup was written by a newer Stepwise (backup format {version}; this "
            f"version reads {FORMAT_VERSION}). Update Stepwise first."
        )
    engine = "sqlite" if settings.is_sqlite else "postgres"
    if manifest.get("engine") != engine:
        names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
        raise Refused(
            f"This backup is of a {names.get(str(manifest.get('engine')), '?')} installation; "
            f"this one uses {names[engine]} (STEPWISE_DATABASE_URL)."
        )
    unknown = sorted(set(manifest.get("migrations", [])) - code_migrations())
    if unknown:
        raise Refused(
            f"This backup was made by a newer Stepwise: its database has {len(unknown)} "
            f"migration(s) this version does not know ({unknown[0]}, …). Update Stepwise first."
        )


def _check_rows(
    query: Query, engine: str, manifest: dict[str, Any], has: Callable[[str], bool]
) -> None:
    """The database is the manifest's, and every file a row points at is there."""
    if list_migrations(query) != sorted(manifest["migrations"]):
        raise Refused("The database's migrations are not the ones the manifest names.")
    counts = count_rows(query, engine)
    if counts != manifest["counts"]:
        table = next(
            t
            for t in sorted(set(counts) | set(manifest["counts"]))
            if counts.get(t) != manifest["counts"].get(t)
        )
        raise Refused(
            f"The database's {table} has {counts.get(table, 0)} rows; the manifest says "
            f"{manifest['counts'].get(table, 0)}."
        )
    missing = sorted(
        key
        for key in referenced_keys(query) - set(manifest.get("missingAtBackup", []))
        if not has(key)
    )
    if missing:
        raise Refused(
            f"{len(missing)} stored file(s) the database points at are not in the backup "
            f"(files/{missing[0]}, …)."
        )


def _check_sqlite(path: Path, manifest: dict[str, Any], has: Callable[[str], bool]) -> None:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        raise Refused("The backup's database cannot be opened.") from None
    try:
        if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise Refused("The backup's database is damaged (SQLite quick_check).")
        _check_rows(sqlite_query(connection), "sqlite", manifest, has)
    except sqlite3.Error as exc:
        raise Refused(f"The backup's database is not a Stepwise database ({exc}).") from None
    finally:
        connection.close()


def _has_data(settings: Settings) -> bool:
    if live_files(settings).listing():
        return True
    if settings.is_sqlite:
        if not settings.sqlite_path.is_file():
            return False
        connection = sqlite3.connect(f"file:{settings.sqlite_path}?mode=ro", uri=True)
        try:
            return bool(
                connection.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migration'"
                ).fetchone()
            )
        finally:
            connection.close()

    async def postgres() -> bool:
        import asyncpg  # type: ignore[import-untyped]

        connection = await asyncpg.connect(settings.database_url)
        try:
            return bool(
                await connection.fetchval(
                    "SELECT COUNT(*) FROM pg_tables "
                    "WHERE schemaname = 'public' AND tablename = 'migration'"
                )
            )
        finally:
            await connection.close()

    return asyncio.run(postgres())


def _replace_database(settings: Settings, staged: Path) -> None:
    if settings.is_sqlite:
        # Through the backup API into the live file, so its WAL and open readers stay coherent.
        src = sqlite3.connect(f"file:{staged}?mode=ro", uri=True)
        dst = sqlite3.connect(settings.sqlite_path)
        try:
            with dst:
                src.backup(dst)
        finally:
            src.close()
            dst.close()
        return
    require("pg_restore")
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings.database_url}",
            str(staged),
        ],
        check=True,
    )


def _secrets_notes(
    settings: Settings, manifest: dict[str, Any], staging: Path, stamp: str
) -> list[str]:
    folder = settings.data_dir / "secrets"
    notes: list[str] = []
    for entry in manifest["secrets"]:
        here = folder / entry["name"]
        if manifest["secretsIncluded"]:
            folder.mkdir(exist_ok=True, mode=private.DIR_MODE)
            if here.is_file() and sha256_of(here) != entry["sha256"]:
                os.replace(here, here.with_name(f"{here.name}.before-restore-{stamp}"))
            os.replace(staging / "secrets" / entry["name"], here)
        elif not here.is_file():
            notes.append(
                f"secrets/{entry['name']} is not here: copy the secrets/ folder kept with this "
                "backup into the data directory before starting the server."
            )
        elif sha256_of(here) != entry["sha256"]:
            notes.append(
                f"secrets/{entry['name']} here is not the one the backup was made with: "
                "copy the secrets/ folder kept with this backup before starting the server."
            )
    return notes


def _replace_audit_checkpoints(
    settings: Settings, manifest: dict[str, Any], staging: Path, stamp: str
) -> None:
    """The audit checkpoints describe the restored log, not the replaced one: the ones that were
    here are kept beside it (``checkpoints.jsonl.before-restore-TIME``)."""
    here = settings.data_dir / AUDIT_CHECKPOINTS
    if here.is_file():
        os.replace(here, here.with_name(f"{here.name}.before-restore-{stamp}"))
    if manifest.get("auditCheckpoints"):
        here.parent.mkdir(parents=True, exist_ok=True, mode=private.DIR_MODE)
        os.replace(staging / AUDIT_CHECKPOINTS, here)


def restore(settings: Settings, path: Path) -> Restored:
    """Check ``path`` through and through, keep a safety backup, then replace the database,
    the stored files and (when the archive has them) the secrets. Raises ``Refused``."""
    if not path.is_file():
        raise Refused(f"No such backup: {path}")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    staging = Path(tempfile.mkdtemp(dir=settings.data_dir, prefix=".restore-"))
    try:
        manifest, seen = _unpack(path, staging)
        staged_db = staging / (DB_SQLITE if settings.is_sqlite else DB_POSTGRES)
        try:
            _check_compatible(manifest, settings)
            _check_members(manifest, seen)
            if manifest["database"]["name"] != staged_db.name:
                raise Refused("The archive's database copy is not where the manifest says.")

            def staged(key: str) -> bool:
                return (staging / "files" / key).is_file()

            if settings.is_sqlite:
                _check_sqlite(staged_db, manifest, staged)
            else:
                _check_rows(dump_answers(staged_db), "postgres", manifest, staged)
        except (KeyError, TypeError, AttributeError, ValueError):
            raise Refused("The archive's manifest.json is incomplete or damaged.") from None
        safety = None
        if _has_data(settings):
            safety = write(
                settings, settings.data_dir / "backups" / f"before-restore-{stamp}.tar.gz"
            ).path
        _replace_database(settings, staged_db)
        live_files(settings).replace_all(staging / "files", stamp)
        notes = _secrets_notes(settings, manifest, staging, stamp)
        _replace_audit_checkpoints(settings, manifest, staging, stamp)
        _check_live(settings, manifest, safety)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    newer = len(code_migrations() - set(manifest["migrations"]))
    if newer:
        notes.append(f"The server applies {newer} newer migration(s) when it starts.")
    return Restored(
        manifest=manifest,
        safety=safety,
        files=len(manifest["files"]),
        bytes=sum(f["bytes"] for f in manifest["files"]),
        notes=notes,
    )


def _check_live(settings: Settings, manifest: dict[str, Any], safety: Path | None) -> None:
    """The same checks on the restored installation."""
    has = live_files(settings).has
    try:
        if settings.is_sqlite:
            connection = sqlite3.connect(f"file:{settings.sqlite_path}?mode=ro", uri=True)
            try:
                _check_rows(sqlite_query(connection), "sqlite", manifest, has)
            finally:
                connection.close()
        else:

            async def postgres() -> None:
                import asyncpg  # type: ignore[import-untyped]

                connection = await asyncpg.connect(settings.database_url)
                try:
                    _check_rows(await postgres_answers(connection), "postgres", manifest, has)
                finally:
                    await connection.close()

            asyncio.run(postgres())
    except Refused as refused:
        back = f" What was here before is in {safety}." if safety else ""
        raise Refused(f"The restored data does not check out: {refused}{back}") from None
