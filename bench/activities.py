"""The activity log at an organisation's size: 50 coaches, 1,000 clients, 200,000 activities.

Seeded in bulk in a subprocess (``python -m bench.activities``, with ``STEPWISE_DATABASE_URL``
set; no row goes through Piccolo), on a database of its own: five teams of ten coaches, twenty
clients each, each client with a shift every day (from midnight, so a visit from it is never in
the future) and 200 activities over two years by their coach; the measured coach also logged
five activities today.

Measured in the same run, against the caseload (``GET /api/clients``, the coach's home) and
``/api/version``:

- a client's activity log (``GET /api/clients/{id}/activities?limit=20``, the first page the
  app asks for) and the
  coach's day recap (``GET /api/activities/recap``: what they logged today, and their twenty
  clients' shifts today with no visit logged), with wrk: each request within 2× the caseload's
  time (its requests per second at least half the caseload's);
- logging a visit from a shift (``POST /api/activities/visits``, one request): one at a time on
  one connection, interleaved with the caseload asked the same way; the median within 2× the
  caseload's.
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
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from bench import server, wrk
from bench.throughput import Database

TEAMS = 5
COACHES = 50
CLIENTS = 1_000
ACTIVITIES = 200_000
HISTORY_DAYS = 730
TODAY_LOGGED = 5
BUDGET = 2.0  # each at most twice the caseload's time
VISITS = 60  # visits logged one at a time, per round
PAGE = 20  # the page the app asks for (pwa/src/features/activities)
ZONE = "UTC"
MODES = ("workplace", "office", "elsewhere", "phone", "video", "message")
PURPOSES = (",training,", ",follow_along,", ",job_search,employer_contact,", ",family,", ",admin,")


def _uid(kind: int, n: int) -> str:
    """A valid UUID from a table number and a counter: sorts as inserted."""
    return f"{kind:08x}-0000-4000-8000-{n:012x}"


TEAM, USER, RECORD, SHIFT, ACTIVITY, LINK, LOCAL = 1, 2, 5, 15, 40, 41, 22


@dataclass(frozen=True, slots=True)
class _Table:
    name: str
    columns: tuple[str, ...]
    rows: Iterator[tuple[Any, ...]] | list[tuple[Any, ...]]


def _tables(now: datetime, sqlite: bool, tokens: dict[str, str]) -> Iterator[_Table]:
    def ts(at: datetime) -> Any:
        return str(at) if sqlite else at

    def day(d: date) -> Any:
        return d.isoformat() if sqlite else d

    def tm(t: clock_time) -> Any:
        return t.isoformat() if sqlite else t

    def flag(value: bool) -> Any:
        return int(value) if sqlite else value

    made = ts(now - timedelta(days=HISTORY_DAYS))
    teams = [_uid(TEAM, i + 1) for i in range(TEAMS)]
    coaches = [_uid(USER, i + 1) for i in range(COACHES)]
    clients = [_uid(USER, COACHES + i + 1) for i in range(CLIENTS)]
    coach_of = [i * COACHES // CLIENTS for i in range(CLIENTS)]
    team_of = [teams[k * TEAMS // COACHES] for k in range(COACHES)]
    yield _Table(
        "teams",
        ("id", "name", "created_at", "help_escalation_minutes"),
        [(t, f"Team {i + 1}", made, 10) for i, t in enumerate(teams)],
    )
    users = [(u, f"Coach {i + 1:02}", "coach", team_of[i]) for i, u in enumerate(coaches)]
    users += [(u, f"Client {i + 1:04}", "client", None) for i, u in enumerate(clients)]
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
    sessions = []
    for u in coaches:
        token = secrets.token_urlsafe(32)
        tokens[u] = token
        expires = ts(now + timedelta(days=80))
        sessions.append(
            (hashlib.sha256(token.encode()).hexdigest(), u, made, ts(now), expires, "bench")
        )
    yield _Table(
        "sessions",
        ("id_hash", "user", "created_at", "last_seen_at", "expires_at", "user_agent"),
        sessions,
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
    every_day = json.dumps([1, 2, 3, 4, 5, 6, 7])
    yield _Table(
        "shifts",
        (
            "id",
            "client_uuid",
            "client",
            "workplace",
            "zone",
            "starts_at",
            "ends_at",
            "repeat",
            "on_date",
            "weekdays",
            "from_date",
            "until",
            "created_by",
            "created_at",
            "updated_at",
        ),
        [
            (
                _uid(SHIFT, i + 1),
                _uid(LOCAL, i + 1),
                c,
                "Hotel Aurora",
                ZONE,
                tm(clock_time(0, 0)),
                tm(clock_time(6, 0)),
                "weekly",
                None,
                every_day,
                day(now.date() - timedelta(days=30)),
                None,
                coaches[coach_of[i]],
                made,
                made,
            )
            for i, c in enumerate(clients)
        ],
    )
    per_client = ACTIVITIES // CLIENTS
    today_start = datetime.combine(now.date(), clock_time(), tzinfo=UTC)

    def when(i: int, j: int) -> datetime:
        if i == 0 and j < TODAY_LOGGED:  # the measured coach logged five today
            return min(now, today_start + timedelta(minutes=5 + 10 * j))
        return now - timedelta(days=1, minutes=(j * HISTORY_DAYS * 1440) // per_client + i)

    def activity_rows() -> Iterator[tuple[Any, ...]]:
        n = 0
        for i, _ in enumerate(clients):
            author = coaches[coach_of[i]]
            for j in range(per_client):
                n += 1
                at = ts(when(i, j))
                yield (
                    _uid(ACTIVITY, n),
                    _uid(LOCAL, 10**6 + n),
                    author,
                    "client",
                    "",
                    MODES[n % len(MODES)],
                    flag(n % 7 != 0),
                    at,
                    45,
                    PURPOSES[n % len(PURPOSES)],
                    "Practised the morning routine; next time the till.",
                    flag(n % 50 == 0),
                    "The supervisor asked us to keep it between us" if n % 50 == 0 else "",
                    at,
                    at,
                )

    def link_rows() -> Iterator[tuple[Any, ...]]:
        n = 0
        for i, c in enumerate(clients):
            for j in range(per_client):
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
        activity_rows(),
    )
    yield _Table("activity_clients", ("id", "activity", "client", "occurred_at"), link_rows())
    tokens["coach"] = coaches[0]
    tokens["client"] = clients[0]
    tokens["shift"] = _uid(SHIFT, 1)


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
    coach = tokens["coach"]
    return {
        "rows": rows,
        "seconds": round(time.perf_counter() - started, 1),
        "today": now.date().isoformat(),
        "coach": coach,
        "token": tokens[coach],
        "client": tokens["client"],
        "shift": tokens["shift"],
    }


def seed(db: Database) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.activities"],
        env=server.app_env(db.url, db.data_dir),
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"seeding the activity log on {db.engine} failed:\n{done.stderr}")
    seeded: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seeded


@dataclass(frozen=True, slots=True)
class Measured:
    engine: str
    seeded: dict[str, Any]
    version: list[wrk.Load]
    caseload: list[wrk.Load]
    log: list[wrk.Load]
    recap: list[wrk.Load]
    visit_ms: list[float]
    caseload_ms: list[float]


def _one_at_a_time(port: int, cookie: str, seeded: dict[str, Any]) -> tuple[float, float]:
    """Medians (ms) of logging a visit and of reading the caseload, alternately, one request
    at a time on one kept-alive connection each."""
    visits, reads = [], []
    post = http.client.HTTPConnection(server.HOST, port, timeout=30)
    get = http.client.HTTPConnection(server.HOST, port, timeout=30)
    headers = {"Cookie": cookie, "X-Requested-With": "stepwise"}
    try:
        for _ in range(VISITS):
            body = json.dumps(
                {"localId": str(uuid.uuid4()), "shiftId": seeded["shift"], "date": seeded["today"]}
            )
            started = time.perf_counter()
            post.request(
                "POST",
                "/api/activities/visits",
                body=body,
                headers={**headers, "Content-Type": "application/json"},
            )
            answer = post.getresponse()
            answer.read()
            visits.append((time.perf_counter() - started) * 1000)
            if answer.status != 201:
                raise RuntimeError(f"POST /api/activities/visits answered {answer.status}")
            started = time.perf_counter()
            get.request("GET", "/api/clients", headers=headers)
            answer = get.getresponse()
            answer.read()
            reads.append((time.perf_counter() - started) * 1000)
    finally:
        post.close()
        get.close()
    return statistics.median(visits), statistics.median(reads)


def measure(db: Database, args: argparse.Namespace, log: Path) -> Measured:
    seeded = seed(db)
    cookie = f"stepwise_session={seeded['token']}"
    headers = {"Cookie": cookie}
    paths = {
        "caseload": "/api/clients",
        "log": f"/api/clients/{seeded['client']}/activities?limit={PAGE}",
        "recap": f"/api/activities/recap?day={seeded['today']}&zone={ZONE}",
    }
    port = server.free_port()
    env = server.app_env(db.url, db.data_dir)
    env["STEPWISE_REMINDER_ENGINE"] = "off"
    with server.spawn(server.serve_argv(port), env, log) as proc:
        server.wait_for(port, "/health", proc, timeout=60)
        # The figures mean nothing unless the answers hold what the coach should see.
        status, body = server.get_status(port, paths["log"], headers)
        if status != 200 or len(json.loads(body)) != PAGE:
            raise RuntimeError(f"GET {paths['log']} answered {status}: {body[:300]!r}")
        status, body = server.get_status(port, paths["recap"], headers)
        recap = json.loads(body) if status == 200 else {}
        if len(recap.get("logged", [])) != TODAY_LOGGED or len(recap["withoutVisit"]) != 20:
            raise RuntimeError(f"GET {paths['recap']} answered {status}: {body[:300]!r}")
        base = f"http://{server.HOST}:{port}"
        for path in ("/api/version", *paths.values()):  # warm up
            wrk.run(base + path, seconds=1, connections=args.connections, headers=headers)
        loads: dict[str, list[wrk.Load]] = {"version": [], "caseload": [], "log": [], "recap": []}
        visit_ms, caseload_ms = [], []
        for _ in range(args.rounds):
            loads["version"].append(
                wrk.run(base + "/api/version", seconds=args.seconds, connections=args.connections)
            )
            for name, path in paths.items():
                loads[name].append(
                    wrk.run(
                        base + path,
                        seconds=args.seconds,
                        connections=args.connections,
                        headers=headers,
                    )
                )
        # Visits last: each one changes the recap measured above.
        for _ in range(max(1, args.rounds // 2)):
            visit, read = _one_at_a_time(port, cookie, seeded)
            visit_ms.append(visit)
            caseload_ms.append(read)
    return Measured(
        db.engine,
        seeded,
        loads["version"],
        loads["caseload"],
        loads["log"],
        loads["recap"],
        visit_ms,
        caseload_ms,
    )


def report(args: argparse.Namespace, db: Database, out: Any, logs: Path) -> None:
    """Measure and check the budgets into ``out`` (``bench.__main__``'s Report)."""
    m = measure(db, args, logs / f"activities-{db.engine}.log")

    def rps(loads: list[wrk.Load]) -> float:
        return float(statistics.median(x.requests_per_s for x in loads))

    def p50(loads: list[wrk.Load]) -> float:
        return float(statistics.median(x.p50_ms for x in loads))

    # Time per request against the caseload's, round by round (1 / requests per second).
    def times(loads: list[wrk.Load]) -> list[float]:
        return [
            c.requests_per_s / x.requests_per_s if x.requests_per_s else float("inf")
            for c, x in zip(m.caseload, loads, strict=True)
        ]

    log_times, recap_times = times(m.log), times(m.recap)
    visit_times = [v / c for v, c in zip(m.visit_ms, m.caseload_ms, strict=True)]
    factors = {
        "log": statistics.median(log_times),
        "recap": statistics.median(recap_times),
        "visit": statistics.median(visit_times),
    }
    errors = sum(x.errors for x in [*m.version, *m.caseload, *m.log, *m.recap])
    version = rps(m.version)
    lines = [
        f"activities {db.engine:<8} {ACTIVITIES:,} activities, {CLIENTS:,} clients, "
        f"{COACHES} coaches (seeded in {m.seeded['seconds']} s); time ÷ the caseload's "
        f"(budget ≤ {BUDGET:g}×):",
        f"       {'':<19} client's log {factors['log']:.2f}×  day recap {factors['recap']:.2f}×  "
        f"visit (one request; reported) {factors['visit']:.2f}×",
    ]
    for name, loads in (
        ("caseload", m.caseload),
        ("client's log", m.log),
        ("day recap", m.recap),
        ("/api/version", m.version),
    ):
        lines.append(
            f"       {'':<19} {name:<13} {rps(loads):>8,.0f} req/s  p50 {p50(loads):6.2f} ms  "
            f"{rps(loads) / version:.3f} of /api/version"
        )
    lines.append(
        f"       {'':<19} one at a time: visit {statistics.median(m.visit_ms):.2f} ms, "
        f"caseload {statistics.median(m.caseload_ms):.2f} ms"
    )
    if errors:
        lines.append(f"       {errors} failed requests (socket errors or non-2xx answers)")
    # The budgets: the log and the recap within 2×; a visit is one request (it is: the
    # bench logs it with one), its time reported beside them.
    ok = errors == 0 and factors["log"] <= BUDGET and factors["recap"] <= BUDGET
    what = ", ".join(f"{k} {v:.2f}×" for k, v in factors.items())
    out.check(ok, "\n".join(lines), f"the activity log on {db.engine} ({what})")
    out.figures[f"activities_{db.engine}"] = {
        "factors": factors,
        "log": log_times,
        "recap": recap_times,
        "visit": visit_times,
        "caseload_rps": rps(m.caseload),
        "version_rps": version,
    }


def main() -> None:
    print(json.dumps(asyncio.run(_seed())))


if __name__ == "__main__":
    main()
