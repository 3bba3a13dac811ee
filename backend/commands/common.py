"""What every command needs: the settings, the database brought up to date, its connections
closed before a server forks its workers.

Imports inside the functions, not at the top, to spare the command line's start-up time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def read_settings() -> Any:
    from backend.settings import get_settings

    return get_settings()


_MIGRATION_ID = re.compile(r'^ID = "([^"]+)"', re.MULTILINE)


def known_migrations() -> set[tuple[str, str]]:
    """(app, migration id) of every migration file, read as text (each app's migrations are in
    ``backend/<app>/piccolo_migrations``; importing them is what costs)."""
    import backend
    from backend.piccolo_conf import APPS

    root = Path(backend.__file__).parent
    found = set()
    for module in APPS:  # backend.<app>.piccolo_app
        app = module.split(".")[1]
        for path in (root / app / "piccolo_migrations").glob("*.py"):
            if match := _MIGRATION_ID.search(path.read_text(encoding="utf-8")):
                found.add((app, match.group(1)))
    return found


async def up_to_date() -> bool:
    """Whether every migration has run, asked in one statement; False when unsure (no table of
    migrations yet, a database that does not answer): then Piccolo's own run decides."""
    from backend.lib.db import Statement, fetch
    from backend.piccolo_conf import DB

    try:
        rows = await fetch(DB, Statement("SELECT app_name, name FROM migration"))
    except Exception:
        return False
    return known_migrations() <= {(str(r[0]), str(r[1])) for r in rows}


async def migrate(quiet: bool = False) -> None:
    """Bring the database up to date. When it is (the usual start of a server), one statement
    says so and Piccolo's migration machinery is not loaded: about a second of start-up."""
    if await up_to_date():
        return
    from piccolo.apps.migrations.commands.forwards import run_forwards

    if quiet:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            result = await run_forwards("all")
    else:
        result = await run_forwards("all")
    if not result.success:
        raise SystemExit(f"Migration failed: {result.message}")


def close_db() -> None:
    from backend.piccolo_conf import DB

    if hasattr(DB, "close"):
        DB.close()
