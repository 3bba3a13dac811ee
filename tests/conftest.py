"""Test settings are set in the environment before the app is imported.

The API tier runs against ``STEPWISE_TEST_DATABASE_URL`` when it is set (scripts/test sets a
throwaway PostgreSQL for the second pass), otherwise a fresh SQLite file. Run in several
processes (``pytest -n 2``, pytest-xdist), each process has its own data folder and database:
on PostgreSQL the database named in the URL with the worker's name after it
(``stepwise_test_gw0``), made here when it is missing.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def _database_of_this_worker(url: str, worker: str) -> str:
    """The URL of this worker's own database on the server ``url`` names, made if missing."""
    import asyncpg  # type: ignore[import-untyped]

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_{worker}"

    async def make() -> None:
        admin = await asyncpg.connect(url)
        try:
            if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()

    asyncio.run(make())
    return urlunsplit(parts._replace(path=f"/{name}"))


_tmp = Path(tempfile.mkdtemp(prefix="stepwise-tests-"))
_test_database = os.environ.get("STEPWISE_TEST_DATABASE_URL")
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _test_database and _worker:
    _test_database = _database_of_this_worker(_test_database, _worker)
    os.environ["STEPWISE_TEST_DATABASE_URL"] = _test_database
os.environ["STEPWISE_DATA_DIR"] = str(_tmp)
os.environ["STEPWISE_ORIGIN"] = "http://localhost:8000"
os.environ["STEPWISE_RATE_LIMIT"] = "100000"
# The stand-in push service (tests/support/push_service.py) listens on loopback.
os.environ["STEPWISE_PUSH_LOOPBACK"] = "1"
os.environ["STEPWISE_DATABASE_URL"] = _test_database or f"sqlite:///{_tmp / 'test.sqlite3'}"
os.environ["PICCOLO_CONF"] = "backend.piccolo_conf"
