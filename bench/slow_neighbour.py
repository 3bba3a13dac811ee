"""A slow report beside quick requests, and costs that follow the answer, on one engine.

**Slow neighbour.** An administrator asks the audit log what one person did about one client
when both have long histories and nothing joins them: the database walks hundreds of thousands
of entries to answer "nothing" (about two seconds on SQLite here). One connection asks it again
and again while wrk reads the coach's caseload on 32 others; the caseload's p99 during the
reports must stay under ``P99_MS``. On SQLite this holds only when a read that outgrows the
event loop's budget moves to a reader thread (``backend/lib/db.py``).

**Growth.** Two clients have the same shifts in the coming weeks; one has ``HISTORY[0]`` past
one-off shifts, the other ``HISTORY[1]`` (100×). The next shift, today's, the next 28 days and
the coach's week (each client with a coach of their own) must cost at most ``GROWTH`` times as
much for the long history: wrk's requests per second, alternating the two in rounds.

``python -m bench.slow_neighbour seed`` seeds a migrated database in a subprocess (settings are
per process) and prints what the measurement needs as JSON.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import statistics
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from itertools import islice
from pathlib import Path
from time import perf_counter
from typing import Any

from bench import server, wrk
from bench.throughput import Database

P99_MS = 100.0  # the caseload's p99 while the report runs
GROWTH = 1.5  # cost with 100× the history ÷ cost with the small one, at most
REPORT_ROWS = 1_000_000  # audit entries: half by the administrator, half about the client
HISTORY = (10, 1000)  # past one-off shifts of the two clients
ROUNDS = 5


# --- seeding (in the app's process environment) -------------------------------------------


async def _seed() -> dict[str, Any]:
    import backend  # noqa: F401  (sets PICCOLO_CONF before any table is imported)
    from backend.accounts.sessions import hash_token
    from backend.accounts.tables import Session, Team, User
    from backend.audit import bulk, chain, sealing
    from backend.audit.tables import AuditEvent
    from backend.clients import services as clients
    from backend.commands.common import close_db as _close_db
    from backend.commands.common import migrate as _migrate
    from backend.lib.clock import now
    from backend.shifts.tables import Shift

    await _migrate(quiet=True)
    at = now()
    team = Team(name="Neighbours", created_at=at)
    await team.save()

    async def person(name: str, role: str, team_id: Any = None) -> tuple[str, str]:
        row = User(
            display_name=name,
            role=role,
            team=team_id,
            webauthn_handle=uuid.uuid4().bytes * 2,
            created_at=at,
            preferences={},
        )
        await row.save()
        token = uuid.uuid4().hex + uuid.uuid4().hex
        await Session.insert(
            Session(
                id_hash=hash_token(token),
                user=row.id,
                created_at=at,
                last_seen_at=at,
                expires_at=at + timedelta(days=90),
                user_agent="bench",
                ip="127.0.0.1",
            )
        )
        return str(row.id), token

    admin, admin_token = await person("Neighbour Admin", "admin")
    out: dict[str, Any] = {"admin": admin_token, "clients": [], "coaches": []}
    today = at.date()
    for n, history in enumerate(HISTORY):
        coach, coach_token = await person(f"Coach {n}", "coach", team.id)
        client, client_token = await person(f"Client {n}", "client")
        await clients.create_record(client, coach)
        out["clients"].append({"id": client, "token": client_token, "history": history})
        out["coaches"].append(coach_token)
        rows = [
            _shift(client, "once", on_date=today - timedelta(days=1 + i)) for i in range(history)
        ]
        rows += [
            _shift(
                client, "weekly", from_date=today - timedelta(days=60), weekdays=[1, 2, 3, 4, 5]
            ),
            _shift(client, "once", on_date=today + timedelta(days=3)),
        ]
        await Shift.insert(*[Shift(**r) for r in rows])
    # The report's client is someone else: the two clients above differ in past shifts only.
    subject, _ = await person("Reported Client", "client")
    out["report"] = {"person": admin, "client": subject}
    # The million entries as the app leaves them once its sealer has run: sealed, in one keyed
    # chain (the audit domain's own ``bulk.sealed_rows``), so the measured server's start and
    # sealer find nothing to do (unsealed, a server would spend its first minute sealing them).
    await sealing.seal()
    after = await sealing.head()
    admin_id, client_id = admin, out["report"]["client"]

    def entries() -> Iterator[bulk.NewEntry]:
        for i in range(1, REPORT_ROWS + 1):
            yield bulk.NewEntry(
                at=at,
                action="record_read",
                actor=admin_id if i % 2 == 0 else f"someone-{i % 997}",
                subject=client_id if i % 2 == 1 else f"someone-{i % 991}",
            )

    rows = bulk.sealed_rows(entries(), after, chain.key())
    columns = [*bulk.SEALED_COLUMNS, "ip", "user_agent"]
    engine = AuditEvent._meta.db
    if engine.engine_type == "postgres":
        conn = await engine.get_new_connection()
        try:
            while batch := [(*r, "", "") for r in islice(rows, 20_000)]:
                await conn.copy_records_to_table("audit_events", records=batch, columns=columns)
            await conn.execute("ANALYZE")
        finally:
            await conn.close()
    else:
        marks = ", ".join("?" * len(columns))
        sql = f"INSERT INTO audit_events ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608 (constant SQL)
        connection = engine.connection
        connection.execute("BEGIN")
        connection.executemany(sql, ((str(r[0]), *r[1:], "", "") for r in rows))
        connection.execute("COMMIT")
    _close_db()
    return out


def _shift(client: str, repeat: str, **fields: Any) -> dict[str, Any]:
    at = datetime.now(UTC)
    base: dict[str, Any] = {
        "client_uuid": uuid.uuid4(),
        "client": client,
        "workplace": "Bench café",
        "zone": "Europe/Helsinki",
        "starts_at": time(8, 0),
        "ends_at": time(12, 0),
        "repeat": repeat,
        "created_at": at,
        "updated_at": at,
    }
    return {**base, **fields}


def seed(db: Database) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.slow_neighbour", "seed"],
        env=server.app_env(db.url, db.data_dir),
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"seeding the {db.engine} database failed:\n{done.stderr}")
    seeded: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seeded


# --- measuring ----------------------------------------------------------------------------


@dataclass
class Result:
    engine: str
    report_s: list[float] = field(default_factory=list)  # each report's time, during the run
    alone: wrk.Load | None = None  # the caseload without the report
    beside: wrk.Load | None = None  # the caseload while the report runs
    growth: dict[str, float] = field(default_factory=dict)  # endpoint → cost ratio


def _cookie(token: str) -> dict[str, str]:
    return {"Cookie": f"stepwise_session={token}"}


def _reports(port: int, path: str, token: str, stop: threading.Event, times: list[float]) -> None:
    conn = http.client.HTTPConnection(server.HOST, port, timeout=120)
    try:
        while not stop.is_set():
            start = perf_counter()
            conn.request("GET", path, headers=_cookie(token))
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"the report answered {response.status}: {body[:200]!r}")
            times.append(perf_counter() - start)
    finally:
        conn.close()


def measure(db: Database, seeded: dict[str, Any], log: Path, seconds: float = 6) -> Result:
    result = Result(db.engine)
    port = server.free_port()
    base = f"http://{server.HOST}:{port}"
    with server.spawn(server.serve_argv(port), server.app_env(db.url, db.data_dir), log) as proc:
        server.wait_for(port, "/health", proc, timeout=60)
        coach = _cookie(seeded["coaches"][0])
        caseload = f"{base}/api/clients"
        report = (
            f"/api/audit?person={seeded['report']['person']}&client={seeded['report']['client']}"
        )
        status, body = server.get_status(port, report, _cookie(seeded["admin"]))
        if status != 200 or json.loads(body) != []:
            raise RuntimeError(f"the report answered {status}: {body[:200]!r}")
        wrk.run(caseload, seconds=1, connections=32, headers=coach)  # warm up
        result.alone = wrk.run(caseload, seconds=seconds, connections=32, headers=coach)
        stop = threading.Event()
        reporter = threading.Thread(
            target=_reports, args=(port, report, seeded["admin"], stop, result.report_s)
        )
        reporter.start()
        try:
            result.beside = wrk.run(caseload, seconds=seconds, connections=32, headers=coach)
        finally:
            stop.set()
            reporter.join()
        result.growth = _growth(base, seeded)
    return result


def _growth(base: str, seeded: dict[str, Any]) -> dict[str, float]:
    short, long = seeded["clients"]
    paths = {
        "next shift": ("/api/clients/{id}/shifts/next", "client"),
        "today's shifts": ("/api/clients/{id}/shifts/today", "client"),
        "28 days of shifts": ("/api/clients/{id}/shifts/upcoming?days=28", "client"),
        "the coach's week": ("/api/week", "coach"),
    }
    out: dict[str, float] = {}
    for name, (path, who) in paths.items():
        ratios = []
        for turn in range(ROUNDS):
            rate = {}
            order = [0, 1] if turn % 2 == 0 else [1, 0]  # neither always runs first
            for n in order:
                client = (short, long)[n]
                token = client["token"] if who == "client" else seeded["coaches"][n]
                url = base + path.format(id=client["id"])
                load = wrk.run(url, seconds=1, connections=8, headers=_cookie(token))
                rate[n] = load.requests_per_s
            # Cost is time per request: the short history's rate over the long one's.
            ratios.append(rate[0] / rate[1])
        out[name] = statistics.median(ratios)
    return out


def lines(r: Result) -> tuple[bool, str]:
    assert r.alone is not None and r.beside is not None
    reports = len(r.report_s)
    median_report = statistics.median(r.report_s) if r.report_s else float("nan")
    ok = r.beside.p99_ms < P99_MS and r.beside.errors == 0 and reports > 0
    text = (
        f"neighbour  {r.engine:<8} /api/clients p99 {r.beside.p99_ms:6.2f} ms beside a slow report "
        f"(budget < {P99_MS:.0f} ms); {r.beside.requests_per_s:,.0f} req/s\n"
        f"       {'':<19} alone: p99 {r.alone.p99_ms:6.2f} ms, "
        f"{r.alone.requests_per_s:,.0f} req/s; the report: {reports} run(s), "
        f"median {median_report:.2f} s"
    )
    for name, ratio in r.growth.items():
        grew = ratio <= GROWTH
        ok = ok and grew
        text += (
            f"\n       {'':<19} growth {name}: {ratio:.2f}× with "
            f"{HISTORY[1] // HISTORY[0]}× the past shifts (budget ≤ {GROWTH}×)"
        )
    return ok, text


def main(argv: list[str]) -> int:
    if argv == ["seed"]:
        print(json.dumps(asyncio.run(_seed()), default=str))
        return 0
    print("usage: python -m bench.slow_neighbour seed", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
