"""A coach opening a client's page (``GET /api/clients/{id}/page``, audited) against the
no-database endpoint, same server, same run.

The client is ``bench.day``'s (a weekly and a one-off shift, three tasks of six steps with
training sessions and an open request for help, a goal with check-ins, an update waiting), with a
reminder and a monthly conversation besides; the coach asks for the page. Every request writes
its audit entry (the sealer chains them meanwhile, as in a server). Budget at 64 connections:
0.25 of ``/api/version`` on SQLite and on PostgreSQL. Seeded through the services, in a
subprocess (``python -m bench.client_page``: settings are read once per process).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import statistics
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench import day, roundtrips, server, wrk
from bench.throughput import Database

RATIO = 0.25
CONNECTIONS = 64


async def _seed() -> dict[str, Any]:
    seeded = await day.build()
    from backend.accounts.sessions import hash_token
    from backend.accounts.tables import Session
    from backend.clients import services as clients
    from backend.commands.common import close_db as _close_db
    from backend.goals import pta
    from backend.lib.actor import Actor
    from backend.lib.clock import now
    from backend.reminders.tables import ReminderRule
    from shared_schemas import pta as pta_wire

    coach_id, client_id = seeded["coach"], seeded["client"]
    record = await clients.record_of(client_id)
    assert record is not None
    coach = Actor(coach_id, "coach", str(record.team_id), "Day Coach", "")
    await pta.start(coach, record, pta_wire.ConversationCreate(local_id=str(uuid.uuid4())))
    at = now()
    # The rule's row as the reminders domain writes it; its deliveries are planned by a server
    # (the planner's sources are wired in ``backend/app.py``), and none is measured here.
    await ReminderRule.insert(
        ReminderRule(
            client_uuid=uuid.uuid4(),
            user=client_id,
            kind="shift_prepare",
            minutes_before=60,
            planned_until=at,
            created_by=coach_id,
            created_at=at,
            updated_at=at,
        )
    )
    token = secrets.token_urlsafe(32)
    await Session.insert(
        Session(
            id_hash=hash_token(token),
            user=coach_id,
            created_at=at,
            last_seen_at=at,
            expires_at=at + timedelta(days=90),
            user_agent="bench",
            ip="127.0.0.1",
        )
    )
    _close_db()
    return {"token": token, "client": client_id}


def seed(db: Database) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.client_page"],
        env=server.app_env(db.url, db.data_dir),
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"seeding the client's page on {db.engine} failed:\n{done.stderr}")
    seeded: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seeded


def measure(
    db: Database, *, seconds: float, rounds: int, log: Path
) -> tuple[list[wrk.Load], list[wrk.Load], float]:
    """(baseline rounds, page rounds, database round trips of one page)."""
    seeded = seed(db)
    cookie = {"Cookie": f"stepwise_session={seeded['token']}"}
    path = f"/api/clients/{seeded['client']}/page"
    port = server.free_port()
    with server.spawn(server.serve_argv(port), server.app_env(db.url, db.data_dir), log) as proc:
        server.wait_for(port, "/health", proc, timeout=30)
        # The figure means nothing unless the page holds what the coach should see.
        status, body = server.get_status(port, path, cookie)
        page = json.loads(body) if status == 200 else {}
        if (
            len(page.get("tasks", [])) != day.TASKS
            or page["tasks"][0]["openHelpRequests"] != 1
            or not page.get("shifts")
            or len(page.get("goals", [])) != 1
            or len(page["reminders"]["rules"]) != 1
            or len(page["conversations"]["conversations"]) != 1
        ):
            raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")
        version = f"http://{server.HOST}:{port}/api/version"
        url = f"http://{server.HOST}:{port}{path}"
        for target in (version, url):  # warm up
            wrk.run(target, seconds=1, connections=CONNECTIONS, headers=cookie)
        statements = roundtrips.per_request(port, [path], cookie)
        baseline: list[wrk.Load] = []
        loaded: list[wrk.Load] = []
        for _ in range(rounds):
            baseline.append(wrk.run(version, seconds=seconds, connections=CONNECTIONS))
            loaded.append(wrk.run(url, seconds=seconds, connections=CONNECTIONS, headers=cookie))
    return baseline, loaded, statements


def report(args: argparse.Namespace, db: Database, out: Any, logs: Path) -> None:
    """Measure and check the budget into ``out`` (``bench.__main__``'s Report)."""
    baseline, loaded, statements = measure(
        db, seconds=args.seconds, rounds=args.rounds, log=logs / f"client-page-{db.engine}.log"
    )
    ratios = [d.requests_per_s / b.requests_per_s for b, d in zip(baseline, loaded, strict=True)]
    ratio = statistics.median(ratios)
    p99 = statistics.median(d.p99_ms / b.p99_ms for b, d in zip(baseline, loaded, strict=True))
    errors = sum(x.errors for x in [*baseline, *loaded])

    def med(loads: list[wrk.Load], name: str) -> float:
        return float(statistics.median(getattr(x, name) for x in loads))

    line = (
        f"page       {db.engine:<8} /api/clients/{{id}}/page ÷ /api/version = {ratio:.3f} "
        f"at -c{CONNECTIONS} (rounds {', '.join(f'{r:.3f}' for r in ratios)}; "
        f"budget ≥ {RATIO}); p99 {p99:.2f}× the baseline's\n"
        f"       {'':<19} page         {med(loaded, 'requests_per_s'):>8,.0f} req/s  "
        f"p50 {med(loaded, 'p50_ms'):6.2f} ms  p99 {med(loaded, 'p99_ms'):6.2f} ms  "
        f"{roundtrips.said(statements)}\n"
        f"       {'':<19} /api/version {med(baseline, 'requests_per_s'):>8,.0f} req/s  "
        f"p50 {med(baseline, 'p50_ms'):6.2f} ms  p99 {med(baseline, 'p99_ms'):6.2f} ms"
    )
    if errors:
        line += f"\n       {errors} failed requests (socket errors or non-2xx answers)"
    ok = ratio >= RATIO and errors == 0
    out.check(ok, line, f"a coach opening a client's page on {db.engine} ({ratio:.3f})")
    out.figures[f"client_page_{db.engine}"] = {
        "ratio": ratio,
        "ratios": ratios,
        "p99_factor": p99,
        "statements": statements,
    }


def main() -> None:
    print(json.dumps(asyncio.run(_seed())))


if __name__ == "__main__":
    main()
