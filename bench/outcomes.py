"""The coordinator's figures at an organisation's size: the organisation's dashboard against
the caseload, in the same run.

Seeded in bulk in a subprocess (``python -m bench.outcomes``, with ``STEPWISE_DATABASE_URL``
set; no row goes through Piccolo), on a database of its own: 10 teams, 100 coaches, 2,000
clients (an episode each, taken in over two years, a stage or two going on, a job for every
other client) and 200 activities each over two years (400,000 activities and their 400,000
links to clients: about 0.8 M rows).

Measured one request at a time on one kept-alive connection, alternately: the administrator's
``GET /api/outcomes`` (the organisation, this month: twelve figures, each over six months) and
the same administrator's caseload (``GET /api/clients``, its first page). The budget (at most
3× the caseload's time) is not met yet: the run reports the factor; it is not among the default
benchmarks (``--only outcomes``), and docs/outcomes.md says what comes next.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import server
from bench.activities import MODES, _Table, _uid
from bench.throughput import Database

TEAMS = 10
COACHES = 100
CLIENTS = 2_000
PER_CLIENT = 200
HISTORY_DAYS = 730
BUDGET = 3.0
ROUNDS = 5
PURPOSES = (",training,", ",follow_along,", ",job_search,employer_contact,", ",family,")
STAGES = ("engagement", "profiling", "job_finding", "employer_engagement", "support")
TEAM, USER, RECORD, EPISODE, STAGE, JOB, ACTIVITY, LINK, LOCAL = 1, 2, 5, 60, 61, 62, 40, 41, 22


def _tables(now: datetime, sqlite: bool, tokens: dict[str, str]) -> Iterator[_Table]:
    def ts(at: datetime) -> Any:
        return str(at) if sqlite else at

    def day(d: date) -> Any:
        return d.isoformat() if sqlite else d

    def flag(value: bool) -> Any:
        return int(value) if sqlite else value

    made = ts(now - timedelta(days=HISTORY_DAYS))
    today = now.date()
    teams = [_uid(TEAM, i + 1) for i in range(TEAMS)]
    coaches = [_uid(USER, i + 1) for i in range(COACHES)]
    clients = [_uid(USER, COACHES + i + 1) for i in range(CLIENTS)]
    admin = _uid(USER, COACHES + CLIENTS + 1)
    coach_of = [i * COACHES // CLIENTS for i in range(CLIENTS)]
    team_of = [teams[k * TEAMS // COACHES] for k in range(COACHES)]
    yield _Table(
        "teams",
        ("id", "name", "created_at", "help_escalation_minutes"),
        [(t, f"Team {i + 1}", made, 10) for i, t in enumerate(teams)],
    )
    users = [(u, f"Coach {i + 1:03}", "coach", team_of[i]) for i, u in enumerate(coaches)]
    users += [(u, f"Client {i + 1:04}", "client", None) for i, u in enumerate(clients)]
    users.append((admin, "Admin", "admin", None))
    yield _Table(
        "users",
        (
            "id",
            "display_name",
            "role",
            "team",
            "locale",
            "preferences",
            "webauthn_handle",
            "created_at",
            "notice_version",
            "notice_locale",
            "notice_seen_at",
        ),
        [(u, n, r, t, "en", "{}", os.urandom(32), made, 1, "en", made) for u, n, r, t in users],
    )
    token = secrets.token_urlsafe(32)
    tokens["admin"] = token
    yield _Table(
        "sessions",
        ("id_hash", "user", "created_at", "last_seen_at", "expires_at", "user_agent"),
        [
            (
                hashlib.sha256(token.encode()).hexdigest(),
                admin,
                made,
                ts(now),
                ts(now + timedelta(days=80)),
                "bench",
            )
        ],
    )
    yield _Table(
        "client_records",
        ("id", "user", "coach", "team", "stage", "support_summary", "created_at", "updated_at"),
        [
            (
                _uid(RECORD, i + 1),
                c,
                coaches[coach_of[i]],
                team_of[coach_of[i]],
                "support",
                "",
                made,
                made,
            )
            for i, c in enumerate(clients)
        ],
    )
    intake = [today - timedelta(days=(i * 7919) % HISTORY_DAYS) for i in range(CLIENTS)]
    yield _Table(
        "journey_episodes",
        (
            "id",
            "client_uuid",
            "client",
            "intake_on",
            "in_paid_work",
            "benefits",
            "benefits_note",
            "decision_by_role",
            "decision_locale",
            "closed_on",
            "closure_reason",
            "closure_note",
            "created_at",
            "updated_at",
        ),
        [
            (
                _uid(EPISODE, i + 1),
                _uid(LOCAL, 5 * 10**6 + i),
                c,
                day(intake[i]),
                flag(False),
                "",
                "",
                "",
                "",
                None,
                "",
                "",
                made,
                made,
            )
            for i, c in enumerate(clients)
        ],
    )

    def stage_rows() -> Iterator[tuple[Any, ...]]:
        for i, c in enumerate(clients):
            for k in range(1 + i % 2):
                stage = STAGES[(i + k) % len(STAGES)]
                yield (
                    _uid(STAGE, 2 * i + k + 1),
                    _uid(LOCAL, 6 * 10**6 + 2 * i + k),
                    _uid(EPISODE, i + 1),
                    c,
                    stage,
                    day(intake[i] + timedelta(days=10 * k)),
                    "coach",
                    "",
                    made,
                    made,
                )

    yield _Table(
        "journey_stages",
        (
            "id",
            "client_uuid",
            "episode",
            "client",
            "stage",
            "started_on",
            "started_cause",
            "ended_cause",
            "created_at",
            "updated_at",
        ),
        stage_rows(),
    )
    yield _Table(
        "jobs",
        (
            "id",
            "client_uuid",
            "client",
            "title",
            "start_date",
            "end_date",
            "end_reason",
            "hours_per_week_tenths",
            "currency",
            "contract_type",
            "created_at",
            "updated_at",
        ),
        [
            (
                _uid(JOB, i + 1),
                _uid(LOCAL, 7 * 10**6 + i),
                c,
                "Kitchen porter",
                day(intake[i] + timedelta(days=60)),
                None,
                "",
                40 + i % 200,
                "EUR",
                "",
                made,
                made,
            )
            for i, c in enumerate(clients)
            if i % 2 == 0 and intake[i] + timedelta(days=60) <= today
        ],
    )

    def when(i: int, j: int) -> datetime:
        return now - timedelta(days=1, minutes=(j * HISTORY_DAYS * 1440) // PER_CLIENT + i)

    def activities() -> Iterator[tuple[Any, ...]]:
        n = 0
        for i in range(CLIENTS):
            author = coaches[coach_of[i]]
            for j in range(PER_CLIENT):
                n += 1
                at = ts(when(i, j))
                purpose = PURPOSES[n % len(PURPOSES)]
                whom = "employer_person" if "employer" in purpose else "client"
                yield (
                    _uid(ACTIVITY, n),
                    _uid(LOCAL, 10**7 + n),
                    author,
                    whom,
                    "",
                    MODES[n % len(MODES)],
                    flag(n % 7 != 0),
                    at,
                    45,
                    purpose,
                    "",
                    flag(False),
                    "",
                    at,
                    at,
                )

    def links() -> Iterator[tuple[Any, ...]]:
        n = 0
        for i, c in enumerate(clients):
            for j in range(PER_CLIENT):
                n += 1
                yield (_uid(LINK, n), _uid(ACTIVITY, n), c, ts(when(i, j)))

    yield _Table(
        "activities",
        (
            "id",
            "client_uuid",
            "author",
            "with_whom",
            "with_name",
            "mode",
            "made",
            "occurred_at",
            "minutes",
            "purposes",
            "note",
            "restricted",
            "restricted_reason",
            "created_at",
            "updated_at",
        ),
        activities(),
    )
    yield _Table("activity_clients", ("id", "activity", "client", "occurred_at"), links())


async def _seed() -> dict[str, Any]:
    from backend.commands.common import close_db, migrate
    from backend.settings import get_settings
    from bench.seed_large import _write_postgres, _write_sqlite

    started = time.perf_counter()
    await migrate(quiet=True)
    close_db()
    url = get_settings().database_url
    sqlite = url.startswith("sqlite")
    now = datetime.now(UTC).replace(microsecond=0)
    tokens: dict[str, str] = {}

    def say(line: str) -> None:
        print(f"       seed {time.perf_counter() - started:6.1f} s  {line}", file=sys.stderr)

    load = _tables(now, sqlite, tokens)
    if sqlite:
        rows = _write_sqlite(url.removeprefix("sqlite:///"), load, say)  # type: ignore[arg-type]
    else:
        rows = await _write_postgres(url, load, say)  # type: ignore[arg-type]
    return {"rows": rows, "seconds": round(time.perf_counter() - started, 1), **tokens}


def seed(db: Database) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.outcomes"],
        env=server.app_env(db.url, db.data_dir),
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"seeding the figures' organisation on {db.engine} failed:\n{done.stderr}"
        )
    seeded: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seeded


def _timed(conn: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> float:
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    answer = conn.getresponse()
    body = answer.read()
    if answer.status != 200:
        raise RuntimeError(f"GET {path} answered {answer.status}: {body[:300]!r}")
    return (time.perf_counter() - started) * 1000


def measure(db: Database, log: Path, rounds: int = ROUNDS) -> dict[str, Any]:
    seeded = seed(db)
    headers = {"Cookie": f"stepwise_session={seeded['admin']}", "X-Requested-With": "stepwise"}
    port = server.free_port()
    env = server.app_env(db.url, db.data_dir)
    env["STEPWISE_REMINDER_ENGINE"] = "off"
    dashboard_ms, caseload_ms = [], []
    with server.spawn(server.serve_argv(port), env, log) as proc:
        server.wait_for(port, "/health", proc, timeout=60)
        conn = http.client.HTTPConnection(server.HOST, port, timeout=600)
        try:
            conn.request("GET", "/api/outcomes?zone=UTC", headers=headers)
            answer = conn.getresponse()
            body = answer.read()
            figures = (
                {f["id"]: f for f in json.loads(body)["figures"]} if answer.status == 200 else {}
            )
            if not figures.get("by_stage", {}).get("value"):
                raise RuntimeError(f"GET /api/outcomes answered {answer.status}: {body[:300]!r}")
            _timed(conn, "/api/clients", headers)  # warm up
            for _ in range(rounds):
                dashboard_ms.append(_timed(conn, "/api/outcomes?zone=UTC", headers))
                caseload_ms.append(
                    statistics.median(_timed(conn, "/api/clients", headers) for _ in range(5))
                )
        finally:
            conn.close()
    factor = statistics.median(d / c for d, c in zip(dashboard_ms, caseload_ms, strict=True))
    return {
        "engine": db.engine,
        "seeded": seeded,
        "dashboard_ms": statistics.median(dashboard_ms),
        "caseload_ms": statistics.median(caseload_ms),
        "factor": factor,
    }


def report(args: argparse.Namespace, db: Database, out: Any, logs: Path) -> None:
    """Measure and check the budget into ``out`` (``bench.__main__``'s Report)."""
    m = measure(db, logs / f"outcomes-{db.engine}.log")
    line = (
        f"outcomes   {db.engine:<8} {m['seeded']['rows']:,} rows, {CLIENTS:,} clients, {COACHES} "
        f"coaches (seeded in {m['seeded']['seconds']} s): the organisation's figures "
        f"{m['dashboard_ms']:.0f} ms, the caseload {m['caseload_ms']:.1f} ms: "
        f"{m['factor']:.1f}× (budget ≤ {BUDGET:g}×)"
    )
    out.check(m["factor"] <= BUDGET, line, f"the figures on {db.engine} ({m['factor']:.1f}×)")
    out.figures[f"outcomes_{db.engine}"] = {k: v for k, v in m.items() if k != "seeded"}


def main() -> None:
    print(json.dumps(asyncio.run(_seed())))


if __name__ == "__main__":
    main()
