"""Scanning the whole database and the whole data directory for a person's traces, with plain
SQL over every table Piccolo knows (so the tables of domains added later are scanned too)."""

from __future__ import annotations

import os
import time
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


def trash_emptied(timeout: float = 30) -> None:
    """Wait until the storage's own thread has freed what was deleted by moving it into its
    trash (``LocalStorage.delete_prefixes``): that thread runs on its own, so waiting here,
    even in the event loop's thread, lets it finish."""
    trash = get_settings().data_dir / "files" / ".trash"
    deadline = time.monotonic() + timeout
    while any(names for _, _, names in os.walk(trash)):  # os.walk: folders may go meanwhile
        assert time.monotonic() < deadline, "the storage's trash was never emptied"
        time.sleep(0.005)


def data_files() -> dict[str, bytes]:
    """Every file under the data directory (database files and secrets excluded), by path,
    once the storage has freed what it was deleting."""
    trash_emptied()
    root = get_settings().data_dir
    skip = {"secrets"}
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and not p.name.startswith("test.sqlite3")
        and not (set(p.relative_to(root).parts) & skip)
    }
