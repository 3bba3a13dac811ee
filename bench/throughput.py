"""Authenticated caseload read against a no-database endpoint, same server, same run.

The database endpoint is ``GET /api/clients`` as a coach with 25 clients (session cookie); the
baseline is ``GET /api/version``, which touches no database. The two alternate in rounds so
that a noisy neighbour slows both alike; the figure is the median of the per-round ratios.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench import roundtrips, server, wrk

CASELOAD = 25


@dataclass(frozen=True, slots=True)
class Database:
    engine: str  # sqlite | postgres
    url: str
    data_dir: Path


@dataclass(frozen=True, slots=True)
class Throughput:
    engine: str
    baseline: list[wrk.Load]
    database: list[wrk.Load]
    statements: float = 0.0  # database round trips of one ``GET /api/clients``

    @property
    def ratios(self) -> list[float]:
        return [
            d.requests_per_s / b.requests_per_s
            for b, d in zip(self.baseline, self.database, strict=True)
        ]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def errors(self) -> int:
        return sum(load.errors for load in [*self.baseline, *self.database])


async def _admin(admin_url: str, sql: str) -> None:
    import asyncpg  # type: ignore[import-untyped]

    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextmanager
def database(engine: str, postgres_admin_url: str | None) -> Iterator[Database]:
    """A fresh database (a file, or a new database in the PostgreSQL cluster), removed after."""
    with tempfile.TemporaryDirectory(prefix=f"stepwise-bench-{engine}-") as tmp:
        data_dir = Path(tmp)
        if engine == "sqlite":
            yield Database(engine, f"sqlite:///{data_dir / 'bench.sqlite3'}", data_dir)
            return
        if not postgres_admin_url:
            raise SystemExit("PostgreSQL benchmark needs --postgres URL (scripts/pg-up prints one)")
        if urlsplit(postgres_admin_url).hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise SystemExit("benchmarks run against a loopback PostgreSQL only")
        name = f"stepwise_bench_{secrets.token_hex(4)}"
        asyncio.run(_admin(postgres_admin_url, f'CREATE DATABASE "{name}"'))
        try:
            parts = urlsplit(postgres_admin_url)
            yield Database(engine, urlunsplit(parts._replace(path=f"/{name}")), data_dir)
        finally:
            asyncio.run(
                _admin(postgres_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            )


def seed(db: Database) -> dict[str, Any]:
    """Migrate and seed in a subprocess (settings are per process); return ``bench.seed``'s
    people and session tokens (``token``: the coach with 25 clients)."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.seed"],
        env=server.app_env(db.url, db.data_dir),
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"seeding the {db.engine} database failed:\n{done.stderr}")
    seeded: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seeded


def measure(
    db: Database, token: str, *, seconds: float, rounds: int, connections: int, log: Path
) -> Throughput:
    port = server.free_port()
    cookie = {"Cookie": f"stepwise_session={token}"}
    with server.spawn(server.serve_argv(port), server.app_env(db.url, db.data_dir), log) as proc:
        server.wait_for(port, "/health", proc, timeout=30)
        # The figure means nothing unless the endpoint answers what a coach should see.
        status, body = server.get_status(port, "/api/clients", cookie)
        if status != 200 or len(json.loads(body)) != CASELOAD:
            raise RuntimeError(f"GET /api/clients answered {status}: {body[:200]!r}")
        status, _ = server.get_status(port, "/api/clients", {"Cookie": "stepwise_session=x"})
        if status != 401:
            raise RuntimeError(f"GET /api/clients with a wrong cookie answered {status}, not 401")
        version = f"http://{server.HOST}:{port}/api/version"
        clients = f"http://{server.HOST}:{port}/api/clients"
        for url in (version, clients):  # warm up: imports, caches, the pool, the JIT-less CPU
            wrk.run(url, seconds=1, connections=connections, headers=cookie)
        statements = roundtrips.per_request(port, ["/api/clients"], cookie)
        baseline: list[wrk.Load] = []
        loaded: list[wrk.Load] = []
        for _ in range(rounds):
            baseline.append(wrk.run(version, seconds=seconds, connections=connections))
            loaded.append(
                wrk.run(clients, seconds=seconds, connections=connections, headers=cookie)
            )
    return Throughput(db.engine, baseline, loaded, statements)
