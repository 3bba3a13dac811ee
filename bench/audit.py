"""Audit budgets: audited reads under load, and verifying a long log in constant memory.

- **Audited reads**: ``GET /api/clients/{id}`` as the coach (a client's page: one audit entry
  per request) against ``GET /api/version`` (no database), alternating in rounds on one granian
  worker at 64 connections, SQLite and PostgreSQL. Writing an entry takes no lock (the sealer
  chains entries in batches, ``backend/audit/sealing.py``); afterwards ``stepwise audit verify``
  must find every entry sealed and the chain intact. Budget: ≥ 0.25 of the baseline.
- **Appends**: 64 tasks in one process, each writing entries with ``services.record`` as an
  audited request does, while the sealer's round runs as in the server: entries per second
  and the p99 of one write (no budget; the figure to compare with the version that extended
  the chain under one lock).
- **Verify at size**: ``ENTRIES`` (1 M) entries written with ``backend.audit.bulk``, then
  ``stepwise audit verify`` in a process of its own; its peak resident memory (``wait4``'s
  ``ru_maxrss``). Budget: ≤ 200 MB.

``python -m bench.audit [--only reads,appends,verify] [--engines sqlite,postgres]
[--postgres URL]``; exit status 1 when a budget is missed. About three minutes for both engines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench import server, throughput, wrk

READ_RATIO = 0.25
VERIFY_MB = 200.0
ENTRIES = 1_000_000


def _reads(
    db: throughput.Database, token: str, args: argparse.Namespace, log: Path
) -> tuple[bool, str]:
    port = server.free_port()
    cookie = {"Cookie": f"stepwise_session={token}"}
    with server.spawn(server.serve_argv(port), server.app_env(db.url, db.data_dir), log) as proc:
        server.wait_for(port, "/health", proc, timeout=30)
        status, body = server.get_status(port, "/api/clients", cookie)
        if status != 200:
            raise RuntimeError(f"GET /api/clients answered {status}: {body[:200]!r}")
        client = json.loads(body)[0]["id"]
        path = f"/api/clients/{client}"
        status, body = server.get_status(port, path, cookie)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}: {body[:200]!r}")
        version = f"http://{server.HOST}:{port}/api/version"
        audited = f"http://{server.HOST}:{port}{path}"
        for url in (version, audited):
            wrk.run(url, seconds=1, connections=args.connections, headers=cookie)
        base: list[wrk.Load] = []
        reads: list[wrk.Load] = []
        for _ in range(args.rounds):
            base.append(wrk.run(version, seconds=args.seconds, connections=args.connections))
            reads.append(
                wrk.run(audited, seconds=args.seconds, connections=args.connections, headers=cookie)
            )
    ratio = statistics.median(
        r.requests_per_s / b.requests_per_s for b, r in zip(base, reads, strict=True)
    )
    errors = sum(x.errors for x in [*base, *reads])
    checked = _verify(db, [])
    ok = ratio >= READ_RATIO and errors == 0 and checked.returncode == 0
    line = (
        f"audit    {db.engine:<8} audited reads ÷ /api/version = {ratio:.3f} at "
        f"{args.connections} connections (budget ≥ {READ_RATIO})\n"
        f"         {'':<8} {path[:24]}… "
        f"{statistics.median(r.requests_per_s for r in reads):>8,.0f} req/s  "
        f"p99 {statistics.median(r.p99_ms for r in reads):6.1f} ms; /api/version "
        f"{statistics.median(b.requests_per_s for b in base):>8,.0f} req/s  "
        f"p99 {statistics.median(b.p99_ms for b in base):6.1f} ms\n"
        f"         {'':<8} afterwards: {checked.summary}"
    )
    if errors:
        line += f"\n         {'':<8} {errors} failed requests"
    return ok, line


class _Verified:
    def __init__(self, returncode: int, summary: str, peak_mb: float, seconds: float) -> None:
        self.returncode = returncode
        self.summary = summary
        self.peak_mb = peak_mb
        self.seconds = seconds


def _verify(db: throughput.Database, extra: list[str]) -> _Verified:
    """``stepwise audit verify`` in a process of its own: its outcome and peak memory."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "backend.cli", "audit", "verify", *extra],
            env=server.app_env(db.url, db.data_dir),
            cwd=server.ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode(errors="replace").strip()
    summary = " ".join(line.strip() for line in text.splitlines()[:2])
    return _Verified(proc.returncode, summary, usage.ru_maxrss / 1024, seconds)


def _at_size(db: throughput.Database, entries: int) -> tuple[bool, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bench.audit", "--write-entries", str(entries)],
        env=server.app_env(db.url, db.data_dir),
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"writing {entries:,} entries failed:\n{done.stderr[-2000:]}")
    written = time.perf_counter() - start
    whole = _verify(db, [])
    since = _verify(db, ["--from-checkpoint"])
    ok = whole.returncode == 0 and since.returncode == 0 and whole.peak_mb <= VERIFY_MB
    line = (
        f"audit    {db.engine:<8} verify of {entries:,} entries: peak {whole.peak_mb:.0f} MB "
        f"(budget ≤ {VERIFY_MB:.0f} MB), {whole.seconds:.1f} s; from the newest checkpoint "
        f"{since.seconds:.1f} s, peak {since.peak_mb:.0f} MB (written in {written:.0f} s)\n"
        f"         {'':<8} {whole.summary}"
    )
    return ok, line


def _appends(db: throughput.Database, seconds: float, tasks: int) -> tuple[bool, str]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.audit", "--append-for", str(seconds), "--tasks", str(tasks)],
        env=server.app_env(db.url, db.data_dir),
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"appending failed:\n{done.stderr[-2000:]}")
    rate, p99 = json.loads(done.stdout.strip().splitlines()[-1])
    checked = _verify(db, [])
    line = (
        f"audit    {db.engine:<8} appends from {tasks} tasks: {rate:,.0f} entries/s, "
        f"p99 of one {p99:.1f} ms; afterwards: {checked.summary}"
    )
    return checked.returncode == 0, line


def _append_for(seconds: float, tasks: int) -> None:
    """In a subprocess with the database's settings: ``tasks`` writers for ``seconds``."""
    import backend  # noqa: F401  (sets PICCOLO_CONF before any table is imported)
    from backend.audit import services
    from backend.commands.common import close_db as _close_db
    from backend.commands.common import migrate as _migrate
    from backend.lib.clock import now
    from backend.piccolo_conf import DB

    async def run() -> tuple[float, float]:
        await _migrate(quiet=True)
        if DB.engine_type == "postgres":
            await DB.start_connection_pool(max_size=tasks)
        times: list[float] = []
        stop = time.perf_counter() + seconds

        async def writer(n: int) -> None:
            while (start := time.perf_counter()) < stop:
                await services.record("client_read", actor=f"{n:036d}", subject="s" * 36)
                times.append(time.perf_counter() - start)
                await asyncio.sleep(0)  # a request's end: SQLite's statements never yield

        async def sealer() -> None:
            """As the server's round does (the version before sealing had none)."""
            seal_round = getattr(services, "seal_round", None)
            while seal_round is not None and time.perf_counter() < stop:
                if not await seal_round(now()):
                    await asyncio.sleep(1)

        began = time.perf_counter()
        await asyncio.gather(sealer(), *(writer(n) for n in range(tasks)))
        elapsed = time.perf_counter() - began
        if DB.engine_type == "postgres":
            await DB.close_connection_pool()
        _close_db()
        times.sort()
        return len(times) / elapsed, times[int(len(times) * 0.99)] * 1000

    print(json.dumps(asyncio.run(run())))


def _write_entries(count: int) -> None:
    """In a subprocess with the database's settings: migrate, then write ``count`` entries."""
    import backend  # noqa: F401  (sets PICCOLO_CONF before any table is imported)
    from backend.audit import bulk, services
    from backend.commands.common import close_db as _close_db
    from backend.commands.common import migrate as _migrate
    from backend.lib.clock import now

    async def run() -> int:
        await _migrate(quiet=True)
        start = now() - timedelta(days=3650)
        step = timedelta(days=3650) / count
        people = [f"{i:08d}-0000-4000-8000-000000000000" for i in range(2000)]
        written = await bulk.write_sealed(
            bulk.NewEntry(
                at=start + i * step,
                action="client_read" if i % 5 else "goals_read",
                actor=people[(i * 7) % 100],
                subject=people[i % 2000],
                team=people[i % 20],
                detail={},
            )
            for i in range(count)
        )
        await services.checkpoint()
        _close_db()
        return written

    print(asyncio.run(run()))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.audit", description=__doc__)
    p.add_argument("--only", default="reads,appends,verify", help="reads, appends, verify")
    p.add_argument("--engines", default="sqlite,postgres")
    p.add_argument("--postgres", default=os.environ.get("STEPWISE_BENCH_POSTGRES"))
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--seconds", type=float, default=2)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--entries", type=int, default=ENTRIES)
    p.add_argument("--tasks", type=int, default=64, help="concurrent writers (appends)")
    p.add_argument("--write-entries", type=int, help=argparse.SUPPRESS)
    p.add_argument("--append-for", type=float, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.write_entries is not None:
        _write_entries(args.write_entries)
        return 0
    if args.append_for is not None:
        _append_for(args.append_for, args.tasks)
        return 0
    only = set(args.only.split(","))
    logs = Path(tempfile.mkdtemp(prefix="stepwise-bench-audit-"))
    missed = 0
    for engine in args.engines.split(","):
        if "reads" in only:
            with throughput.database(engine, args.postgres) as db:
                seeded = throughput.seed(db)
                ok, line = _reads(db, seeded["token"], args, logs / f"reads-{engine}.log")
                print(f"{'ok    ' if ok else 'MISSED'} {line}", flush=True)
                missed += not ok
        if "appends" in only:
            with throughput.database(engine, args.postgres) as db:
                ok, line = _appends(db, args.seconds * args.rounds, args.tasks)
                print(f"{'ok    ' if ok else 'MISSED'} {line}", flush=True)
                missed += not ok
        if "verify" in only:
            with throughput.database(engine, args.postgres) as db:
                ok, line = _at_size(db, args.entries)
                print(f"{'ok    ' if ok else 'MISSED'} {line}", flush=True)
                missed += not ok
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
