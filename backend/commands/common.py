"""What every command needs: the settings, the database brought up to date, its connections
closed before a server forks its workers.

Imports inside the functions, not at the top, to spare the command line's start-up time.
"""

from __future__ import annotations

from typing import Any


def read_settings() -> Any:
    from backend.settings import get_settings

    return get_settings()


async def migrate(quiet: bool = False) -> None:
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
