"""What the database says: the files its rows point at, its rows per table, its migrations;
from a live database, a SQLite copy or a ``pg_dump`` archive."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backend.backup._common import Refused, require
from backend.lib.owned_photos import file_name
from backend.settings import ROOT

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
    # Imported here for start-up cost: the backup commands load no domain (and its tables)
    # unless a backup is checked.
    from backend.tasks import task_prefix, voice_name

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


def tables_sql(engine: str) -> str:
    if engine == "sqlite":
        return (
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    return "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"


def count_sql(table: str) -> str:
    return f'SELECT COUNT(*) AS n FROM "{table}"'  # noqa: S608 (names the database listed)


def count_rows(query: Query, engine: str) -> dict[str, int]:
    return {
        row["name"]: int(query(count_sql(row["name"]))[0]["n"]) for row in query(tables_sql(engine))
    }


def list_migrations(query: Query) -> list[str]:
    return sorted(str(row["name"]) for row in query(MIGRATIONS_SQL))


async def postgres_answers(connection: Any) -> Query:
    """Every statement the checks ask, run once on ``connection`` (asyncpg), as a ``Query``."""
    rows: dict[str, list[dict[str, Any]]] = {}
    tables = tables_sql("postgres")
    for sql in (PHOTOS_SQL, VOICE_SQL, *OWNED_PHOTOS_SQL.values(), MIGRATIONS_SQL, tables):
        rows[sql] = [dict(r) for r in await connection.fetch(sql)]
    for table in rows[tables]:
        sql = count_sql(table["name"])
        rows[sql] = [dict(r) for r in await connection.fetch(sql)]
    return rows.__getitem__


_MIGRATION_ID = re.compile(r'^ID = "([^"]+)"$', re.MULTILINE)


def code_migrations() -> set[str]:
    """The ids of the migrations this version of the code carries."""
    return {
        match
        for path in (ROOT / "backend").glob("*/piccolo_migrations/*.py")
        for match in _MIGRATION_ID.findall(path.read_text(encoding="utf-8"))
    }


def sqlite_query(connection: sqlite3.Connection) -> Query:
    def query(sql: str) -> list[dict[str, Any]]:
        cursor = connection.execute(sql)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    return query


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


def dump_answers(dump: Path) -> Query:
    """The checks' questions answered from a ``pg_dump`` archive, before it replaces anything:
    ``pg_restore`` writes its data as COPY text, which is counted, and the rows of the tables
    that point at stored files are read."""
    require("pg_restore")
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
        tables_sql("postgres"): [{"name": t} for t in sorted(counts)],
    }
    answers |= {OWNED_PHOTOS_SQL[root]: rows[table] for root, table in OWNED_PHOTOS.items()}
    answers |= {count_sql(t): [{"n": n}] for t, n in counts.items()}
    return answers.__getitem__
