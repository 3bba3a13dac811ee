"""Whether the database is up to date with this code's migrations, asked without loading
Piccolo's migration machinery: at a server's start (``stepwise migrate``) and on each
readiness probe (``GET /api/ready``)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from backend.lib.db import Statement, fetch

_MIGRATION_ID = re.compile(r'^ID = "([^"]+)"', re.MULTILINE)
_RECORDED = Statement("SELECT app_name, name FROM migration")


@lru_cache(maxsize=1)
def known_migrations(apps: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """(app, migration id) of every migration file of ``apps`` (``backend.<app>.piccolo_app``),
    read as text: importing them is what costs. Read once: a process runs one version."""
    root = Path(__file__).resolve().parent.parent
    found = set()
    for module in apps:
        app = module.split(".")[1]
        for path in (root / app / "piccolo_migrations").glob("*.py"):
            if match := _MIGRATION_ID.search(path.read_text(encoding="utf-8")):
                found.add((app, match.group(1)))
    return frozenset(found)


async def up_to_date(engine: Any, apps: tuple[str, ...]) -> bool:
    """Every migration of this code has run (a database migrated by a newer version, in a
    rolling deploy, is up to date for an older one too). Raises when the database does not
    answer or has no table of migrations yet."""
    rows = await fetch(engine, _RECORDED)
    return known_migrations(apps) <= {(str(r[0]), str(r[1])) for r in rows}
