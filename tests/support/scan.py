"""Scanning the whole database and the whole data directory for a person's traces, with plain
SQL over every table Piccolo knows (so the tables of domains added later are scanned too)."""

from __future__ import annotations

from typing import Any

from piccolo.conf.apps import Finder

from backend.settings import get_settings


def text_of(value: Any) -> str:
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


async def rows_containing(*needles: str) -> dict[str, list[dict[str, Any]]]:
    """table → every row with any of ``needles`` in any column (as text)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for table in Finder().get_table_classes():
        name = table._meta.tablename
        for row in await table.raw(f'SELECT * FROM "{name}"'):  # noqa: S608 (registry names)
            if any(n in text_of(v) for v in row.values() for n in needles):
                found.setdefault(name, []).append(row)
    return found


def data_files() -> dict[str, bytes]:
    """Every file under the data directory (database files and secrets excluded), by path."""
    root = get_settings().data_dir
    skip = {"secrets"}
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and not p.name.startswith("test.sqlite3")
        and not (set(p.relative_to(root).parts) & skip)
    }
