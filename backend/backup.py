"""Backups that restore a whole installation, and restores that check what they restore.

A backup is one tar archive (gzip), written with mode 0600:

    database.sqlite3 | database.pgdump   a consistent copy (SQLite online backup API, or
                                         ``pg_dump --format=custom`` in the snapshot the counts
                                         and the file list were read in)
    files/<key>                          every stored file: step photos, voice prompts, the
                                         photos of updates and goals (``backend/lib/storage.py``)
    secrets/<name>                       only with ``--with-secrets``
    manifest.json                        last: format and version, the engine, the migrations
                                         the database has, rows per table, and the size and
                                         SHA-256 of the database copy and of every file

Secrets (``<data dir>/secrets``: the VAPID key push subscriptions are bound to, and any other
generated key) are left out unless asked for: a key kept beside the data it protects protects
nothing, so the README tells operators to keep ``secrets/`` in a second place. The manifest names
them with a SHA-256 fingerprint so a restore can say whether the machine has the right ones.

A restore refuses anything but such an archive from a version it knows: the format, the engine,
migrations not newer than the code, every member named in the manifest with its size and hash,
nothing else in it, an intact database whose migrations and row counts are the manifest's, and a
stored file for every file a row points at. Only then is a safety backup of what is there made
(``backups/before-restore-TIME.tar.gz``) and the live data replaced. The hashes catch damage
and hand edits; they are not a signature against someone who rewrites the manifest too.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from backend.lib import private
from backend.lib.owned_photos import file_name
from backend.lib.storage import check_key
from backend.settings import ROOT, Settings

FORMAT = "stepwise-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_SQLITE = "database.sqlite3"
DB_POSTGRES = "database.pgdump"
_CHUNK = 1 << 20
_SECRET_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*$")
_MIGRATION_ID = re.compile(r'^ID = "([^"]+)"$', re.MULTILINE)


class Refused(Exception):
    """The archive is not one this version restores; the message says why, in plain words."""


# --- what the rows point at ------------------------------------------------------------------

Query = Callable[[str], list[dict[str, Any]]]


def _json_list(value: Any) -> list[dict[str, Any]]:
    loaded = json.loads(value) if isinstance(value, str | bytes) else value
    return loaded if isinstance(loaded, list) else []


def _photo_keys(prefix: str, content_hash: str, sizes: Any) -> list[str]:
    if not content_hash:
        return []
    return [
        f"{prefix}/{file_name(int(s['size']), content_hash, ext)}"
        for s in _json_list(sizes)
        for ext in ("webp", "jpg")
    ]


PHOTOS_SQL = "SELECT id, task, content_hash, sizes FROM photos"
VOICE_SQL = "SELECT id, task, voice_hash, voice_type FROM steps WHERE voice_hash <> ''"
OWNED_PHOTOS = {"family/updates": "family_updates", "goals": "goals"}  # storage root: table
OWNED_PHOTOS_SQL = {
    root: f"SELECT id, photo_hash, photo_sizes FROM {table}"  # noqa: S608 (constants)
    for root, table in OWNED_PHOTOS.items()
}
MIGRATIONS_SQL = "SELECT name FROM migration"


def referenced_keys(query: Query) -> set[str]:
    """The storage key of every file a row points at (plain SQL, the same on both engines).

    The stores that write these files: ``backend/tasks/photos.py`` (every size as WebP and
    JPEG), ``backend/tasks/services.py`` (voice prompts), ``backend/lib/owned_photos.py`` (the
    photos of family updates and goals). A new kind of stored file adds its rule here and in
    ``backend/privacy/files.py``.
    """
    from backend.tasks.services import task_prefix, voice_name

    keys: set[str] = set()
    for row in query(PHOTOS_SQL):
        prefix = f"{task_prefix(str(row['task']))}/photos/{row['id']}"
        keys.update(_photo_keys(prefix, row["content_hash"], row["sizes"]))
    for row in query(VOICE_SQL):
        name = voice_name(row["voice_hash"], row["voice_type"])
        keys.add(f"{task_prefix(str(row['task']))}/voice/{row['id']}/{name}")
    for root, sql in OWNED_PHOTOS_SQL.items():
        for row in query(sql):
            keys.update(_photo_keys(f"{root}/{row['id']}", row["photo_hash"], row["photo_sizes"]))
    return keys


def _tables_sql(engine: str) -> str:
    if engine == "sqlite":
        return (
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    return "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"


def _count_sql(table: str) -> str:
    return f'SELECT COUNT(*) AS n FROM "{table}"'  # noqa: S608 (names the database listed)


def _counts(query: Query, engine: str) -> dict[str, int]:
    return {
        row["name"]: int(query(_count_sql(row["name"]))[0]["n"])
        for row in query(_tables_sql(engine))
    }


def _migrations(query: Query) -> list[str]:
    return sorted(str(row["name"]) for row in query(MIGRATIONS_SQL))


async def postgres_answers(connection: Any) -> Query:
    """Every statement the checks ask, run once on ``connection`` (asyncpg), as a ``Query``."""
    rows: dict[str, list[dict[str, Any]]] = {}
    tables_sql = _tables_sql("postgres")
    for sql in (PHOTOS_SQL, VOICE_SQL, *OWNED_PHOTOS_SQL.values(), MIGRATIONS_SQL, tables_sql):
        rows[sql] = [dict(r) for r in await connection.fetch(sql)]
    for table in rows[tables_sql]:
        sql = _count_sql(table["name"])
        rows[sql] = [dict(r) for r in await connection.fetch(sql)]
    return rows.__getitem__


def code_migrations() -> set[str]:
    """The ids of the migrations this version of the code carries."""
    return {
        match
        for path in (ROOT / "backend").glob("*/piccolo_migrations/*.py")
        for match in _MIGRATION_ID.findall(path.read_text(encoding="utf-8"))
    }


def _sqlite_query(connection: sqlite3.Connection) -> Query:
    def query(sql: str) -> list[dict[str, Any]]:
        cursor = connection.execute(sql)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    return query


# --- writing ---------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _stored_files(root: Path) -> list[tuple[str, Path]]:
    """(key, path) of every stored file; the storage's half-written ``.tmp-`` files are not."""
    found = []
    for path in sorted(root.rglob("*")) if root.is_dir() else []:
        if path.is_file() and not path.is_symlink() and not path.name.startswith(".tmp-"):
            found.append((path.relative_to(root).as_posix(), path))
    return found


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
        query = _sqlite_query(dst)
        return {
            "file": copy,
            "migrations": _migrations(query),
            "counts": _counts(query, "sqlite"),
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
    _require("pg_dump")
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
                raise RuntimeError("pg_dump failed (its message is above).")
    finally:
        await connection.close()

    return {
        "file": dump,
        "migrations": _migrations(answer),
        "counts": _counts(answer, "postgres"),
        "referenced": referenced_keys(answer),
    }


def _require(program: str) -> None:
    if shutil.which(program) is None:
        raise Refused(f"{program} is not installed (apt-get install postgresql-client).")


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
        stored = _stored_files(settings.data_dir / "files")
        secrets = _secrets(settings.data_dir)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".tar.gz")
        try:
            with os.fdopen(fd, "wb") as out, tarfile.open(fileobj=out, mode="w:gz") as archive:
                database = {
                    "name": snap["file"].name,
                    **_add(archive, snap["file"].name, snap["file"]),
                }
                files = [
                    {"key": key, **_add(archive, f"files/{key}", path)} for key, path in stored
                ]
                for name, path in secrets if with_secrets else []:
                    _add(archive, f"secrets/{name}", path)
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
                    "secretsIncluded": with_secrets,
                    "secrets": [
                        {"name": name, "bytes": path.stat().st_size, "sha256": _sha256(path)}
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


def _secrets(data_dir: Path) -> list[tuple[str, Path]]:
    folder = data_dir / "secrets"
    if not folder.is_dir():
        return []
    return [
        (p.name, p)
        for p in sorted(folder.iterdir())
        if p.is_file() and _SECRET_NAME.match(p.name) and ".before-restore-" not in p.name
    ]


# --- restoring -------------------------------------------------------------------------------


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
            while chunk := self.source.read(_CHUNK):
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
    if name.startswith("secrets/") and _SECRET_NAME.match(name.removeprefix("secrets/")):
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


def _check_rows(query: Query, engine: str, manifest: dict[str, Any], files: Path) -> None:
    """The database is the manifest's, and every file a row points at is there."""
    if _migrations(query) != sorted(manifest["migrations"]):
        raise Refused("The database's migrations are not the ones the manifest names.")
    counts = _counts(query, engine)
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
        if not (files / key).is_file()
    )
    if missing:
        raise Refused(
            f"{len(missing)} stored file(s) the database points at are not in the backup "
            f"(files/{missing[0]}, …)."
        )


def _check_sqlite(path: Path, manifest: dict[str, Any], files: Path) -> None:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        raise Refused("The backup's database cannot be opened.") from None
    try:
        if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise Refused("The backup's database is damaged (SQLite quick_check).")
        _check_rows(_sqlite_query(connection), "sqlite", manifest, files)
    except sqlite3.Error as exc:
        raise Refused(f"The backup's database is not a Stepwise database ({exc}).") from None
    finally:
        connection.close()


_COPY = re.compile(r'^COPY (?:"?\w+"?\.)?"?(\w+)"? \(([^)]*)\) FROM stdin;$')
_TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (?!DATA )\S+ (\S+) ")
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))")
_ESCAPED = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _unescape(value: str) -> str | None:
    """One field of PostgreSQL's COPY text format."""
    if value == "\\N":
        return None

    def one(m: re.Match[str]) -> str:
        if m[1]:
            return chr(int(m[1], 8))
        if m[2]:
            return chr(int(m[2], 16))
        return _ESCAPED.get(m[3], m[3])

    return _ESCAPE.sub(one, value)


def _dump_answers(dump: Path) -> Query:
    """The checks' questions answered from a ``pg_dump`` archive, before it replaces anything:
    ``pg_restore`` writes its data as COPY text, which is counted, and the rows of the tables
    that point at stored files are read."""
    _require("pg_restore")
    listing = subprocess.run(
        ["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=False
    )
    if listing.returncode != 0:
        raise Refused("The backup's database is not a PostgreSQL dump pg_restore can read.")
    counts = {m[1]: 0 for line in listing.stdout.splitlines() if (m := _TOC_TABLE.match(line))}
    wanted = {"photos", "steps", "migration", *OWNED_PHOTOS.values()}
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in wanted}
    with subprocess.Popen(
        ["pg_restore", "--data-only", "--file=-", str(dump)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    ) as process:
        assert process.stdout is not None
        table, columns = "", []
        for raw in process.stdout:
            line = raw.rstrip("\n")
            if not table:
                if match := _COPY.match(line):
                    table, columns = match[1], [c.strip().strip('"') for c in match[2].split(",")]
                    counts[table] = 0
            elif line == "\\.":
                table = ""
            else:
                counts[table] += 1
                if table in wanted:
                    values = [_unescape(v) for v in line.split("\t")]
                    rows[table].append(dict(zip(columns, values, strict=True)))
    if process.returncode != 0:
        raise Refused("The backup's database dump is damaged (pg_restore cannot read it).")
    answers: dict[str, list[dict[str, Any]]] = {
        PHOTOS_SQL: rows["photos"],
        VOICE_SQL: [r for r in rows["steps"] if r["voice_hash"]],
        MIGRATIONS_SQL: rows["migration"],
        _tables_sql("postgres"): [{"name": t} for t in sorted(counts)],
    }
    answers |= {OWNED_PHOTOS_SQL[root]: rows[table] for root, table in OWNED_PHOTOS.items()}
    answers |= {_count_sql(t): [{"n": n}] for t, n in counts.items()}
    return answers.__getitem__


def _has_data(settings: Settings) -> bool:
    if any(True for _ in _stored_files(settings.data_dir / "files")):
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
        import asyncpg

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
    _require("pg_restore")
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


def _replace_files(data_dir: Path, staging: Path, stamp: str) -> None:
    live = data_dir / "files"
    old = data_dir / f".files-before-restore-{stamp}"
    if live.exists():
        os.replace(live, old)
    if (staging / "files").is_dir():
        os.replace(staging / "files", live)
    else:
        live.mkdir(mode=private.DIR_MODE)
    shutil.rmtree(old, ignore_errors=True)


def _secrets_notes(
    settings: Settings, manifest: dict[str, Any], staging: Path, stamp: str
) -> list[str]:
    folder = settings.data_dir / "secrets"
    notes: list[str] = []
    for entry in manifest["secrets"]:
        here = folder / entry["name"]
        if manifest["secretsIncluded"]:
            folder.mkdir(exist_ok=True, mode=private.DIR_MODE)
            if here.is_file() and _sha256(here) != entry["sha256"]:
                os.replace(here, here.with_name(f"{here.name}.before-restore-{stamp}"))
            os.replace(staging / "secrets" / entry["name"], here)
        elif not here.is_file():
            notes.append(
                f"secrets/{entry['name']} is not here: copy the secrets/ folder kept with this "
                "backup into the data directory before starting the server."
            )
        elif _sha256(here) != entry["sha256"]:
            notes.append(
                f"secrets/{entry['name']} here is not the one the backup was made with: "
                "copy the secrets/ folder kept with this backup before starting the server."
            )
    return notes


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
            if settings.is_sqlite:
                _check_sqlite(staged_db, manifest, staging / "files")
            else:
                _check_rows(_dump_answers(staged_db), "postgres", manifest, staging / "files")
        except (KeyError, TypeError, AttributeError, ValueError):
            raise Refused("The archive's manifest.json is incomplete or damaged.") from None
        safety = None
        if _has_data(settings):
            safety = write(
                settings, settings.data_dir / "backups" / f"before-restore-{stamp}.tar.gz"
            ).path
        _replace_database(settings, staged_db)
        _replace_files(settings.data_dir, staging, stamp)
        notes = _secrets_notes(settings, manifest, staging, stamp)
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
    files = settings.data_dir / "files"
    try:
        if settings.is_sqlite:
            connection = sqlite3.connect(f"file:{settings.sqlite_path}?mode=ro", uri=True)
            try:
                _check_rows(_sqlite_query(connection), "sqlite", manifest, files)
            finally:
                connection.close()
        else:

            async def postgres() -> None:
                import asyncpg

                connection = await asyncpg.connect(settings.database_url)
                try:
                    _check_rows(await postgres_answers(connection), "postgres", manifest, files)
                finally:
                    await connection.close()

            asyncio.run(postgres())
    except Refused as refused:
        back = f" What was here before is in {safety}." if safety else ""
        raise Refused(f"The restored data does not check out: {refused}{back}") from None


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
