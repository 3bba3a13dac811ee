"""The coordinator's figures at an organisation's size: the organisation's dashboard against
the caseload, in the same run, and the same with ten times the data.

Seeded in bulk in a subprocess (``python -m bench.outcomes [scale]``, with
``STEPWISE_DATABASE_URL`` set; no row goes through Piccolo), on databases of their own: 10
teams, 100 coaches, 2,000 clients (an episode each, taken in over two years, a stage or two
going on, a job for every other client) and 250 activities each over two years (500,000
activities and their 500,000 links to clients: about 1 M rows); and ten times each of those
(100 teams, 1,000 coaches, 20,000 clients, 10 M rows).

Both organisations are served at once (one granian worker each) and measured one request at a
time on a kept-alive connection each, alternately, in the same rounds: the administrator's
``GET /api/outcomes`` (the organisation, this month: twelve figures, each over six months)
asked again, its figures kept (docs/outcomes.md, "How figures are kept"), and the same
administrator's caseload (``GET /api/clients``, its first page). Budgets: the dashboard at most
3× the caseload; ten times the data at most 2× the dashboard's time. Printed beside them: the
dashboard counted afresh (cold: every kept figure deleted first) and after a change to
yesterday's activity (the running month's figures forgotten by the triggers, as any day's
logging does).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import http.client
import json
import os
import secrets
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import server
from bench.activities import MODES, _Table, _uid
from bench.throughput import Database

TEAMS = 10
COACHES = 100
CLIENTS = 2_000
PER_CLIENT = 250
HISTORY_DAYS = 730
BUDGET = 3.0
GROWTH = 10
GROWTH_BUDGET = 2.0
ROUNDS = 7
COLD_ROUNDS = 1
PURPOSES = (",training,", ",follow_along,", ",job_search,employer_contact,", ",family,")
STAGES = ("engagement", "profiling", "job_finding", "employer_engagement", "support")
TEAM, USER, RECORD, EPISODE, STAGE, JOB, ACTIVITY, LINK, LOCAL = 1, 2, 5, 60, 61, 62, 40, 41, 22


def _tables(
    now: datetime, sqlite: bool, tokens: dict[str, str], scale: int = 1
) -> Iterator[_Table]:
    teams_n, coaches_n, clients_n = TEAMS * scale, COACHES * scale, CLIENTS * scale

    def ts(at: datetime) -> Any:
        return str(at) if sqlite else at

    def day(d: date) -> Any:
        return d.isoformat() if sqlite else d

    def flag(value: bool) -> Any:
        return int(value) if sqlite else value

    made = ts(now - timedelta(days=HISTORY_DAYS))
    today = now.date()
    teams = [_uid(TEAM, i + 1) for i in range(teams_n)]
    coaches = [_uid(USER, i + 1) for i in range(coaches_n)]
    clients = [_uid(USER, coaches_n + i + 1) for i in range(clients_n)]
    admin = _uid(USER, coaches_n + clients_n + 1)
    coach_of = [i * coaches_n // clients_n for i in range(clients_n)]
    team_of = [teams[k * teams_n // coaches_n] for k in range(coaches_n)]
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
    intake = [today - timedelta(days=(i * 7919) % HISTORY_DAYS) for i in range(clients_n)]
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
        for i in range(clients_n):
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


async def _seed(scale: int) -> dict[str, Any]:
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

    load = _tables(now, sqlite, tokens, scale)
    if sqlite:
        rows = _write_sqlite(url.removeprefix("sqlite:///"), load, say)  # type: ignore[arg-type]
    else:
        rows = await _write_postgres(url, load, say)  # type: ignore[arg-type]
    return {"rows": rows, "seconds": round(time.perf_counter() - started, 1), **tokens}


def seed(db: Database, scale: int = 1) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.outcomes", str(scale)],
        env=server.app_env(db.url, db.data_dir),
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"seeding the figures' organisation on {db.engine} failed:\n{done.stderr}"
        )
    seeded: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seeded


def _timed(conn: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> float:
    for attempt in (1, 2):
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            answer = conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            # The server closed the kept-alive connection while it sat idle (the other
            # organisation's cold count takes a while): connect again and time that request.
            conn.close()
            if attempt == 2:
                raise
            continue
        break
    body = answer.read()
    if answer.status != 200:
        raise RuntimeError(f"GET {path} answered {answer.status}: {body[:300]!r}")
    return (time.perf_counter() - started) * 1000


FORGET_ALL = "DELETE FROM outcome_figures"
"""Every kept figure gone: the next dashboard counts everything (cold)."""
CHANGE_TODAY = (
    "UPDATE activities SET minutes = minutes + 1 WHERE id ="
    " (SELECT id FROM activities ORDER BY occurred_at DESC LIMIT 1)"
)
"""A change to the newest activity (yesterday's): the triggers forget the running month's figures
(and those that count up to today), as logging today's work does."""


def _execute(db: Database, sql: str) -> None:
    """A statement on the benchmark's database from outside the app server (as another app
    server or the CLI would write): the triggers run as for any write."""
    if db.engine == "sqlite":
        conn = sqlite3.connect(db.url.removeprefix("sqlite:///"), timeout=30)
        try:
            conn.execute(sql)
            conn.commit()
        finally:
            conn.close()
        return

    async def run() -> None:
        import asyncpg  # type: ignore[import-untyped]

        conn = await asyncpg.connect(db.url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run())


@dataclass
class _Side:
    """One organisation's server during the run, and what was measured on it."""

    db: Database
    seeded: dict[str, Any]
    conn: http.client.HTTPConnection
    headers: dict[str, str]
    warm: list[float] = field(default_factory=list)
    caseload: list[float] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)
    changed: list[float] = field(default_factory=list)

    def dashboard(self) -> float:
        return _timed(self.conn, DASHBOARD, self.headers)

    def caseload_once(self) -> float:
        return statistics.median(_timed(self.conn, "/api/clients", self.headers) for _ in range(5))


DASHBOARD = "/api/outcomes?zone=UTC"


def _check_answer(side: _Side) -> None:
    side.conn.request("GET", DASHBOARD, headers=side.headers)
    answer = side.conn.getresponse()
    body = answer.read()
    figures = {f["id"]: f for f in json.loads(body)["figures"]} if answer.status == 200 else {}
    if not figures.get("by_stage", {}).get("value"):
        raise RuntimeError(f"GET /api/outcomes answered {answer.status}: {body[:300]!r}")


def measure(
    small: Database, large: Database | None, logs: Path, rounds: int = ROUNDS
) -> dict[str, Any]:
    """Both organisations served at once (one granian worker each), measured alternately in the
    same rounds: per round, the dashboard again (warm: its figures kept) and the caseload on
    each; then cold (every kept figure forgotten first) and after a change to yesterday's
    activity (the running month's figures forgotten)."""
    dbs = [small] + ([large] if large is not None else [])
    seeded = [seed(d, 1 if d is small else GROWTH) for d in dbs]
    with contextlib.ExitStack() as stack:
        sides = []
        for n, (db, seeded_db) in enumerate(zip(dbs, seeded, strict=True)):
            port = server.free_port()
            env = server.app_env(db.url, db.data_dir)
            env["STEPWISE_REMINDER_ENGINE"] = "off"
            log = logs / f"outcomes-{db.engine}-{'x1' if n == 0 else f'x{GROWTH}'}.log"
            proc = stack.enter_context(server.spawn(server.serve_argv(port), env, log))
            server.wait_for(port, "/health", proc, timeout=120)
            conn = http.client.HTTPConnection(server.HOST, port, timeout=3600)
            stack.callback(conn.close)
            headers = {
                "Cookie": f"stepwise_session={seeded_db['admin']}",
                "X-Requested-With": "stepwise",
            }
            sides.append(_Side(db, seeded_db, conn, headers))
        for side in sides:
            _check_answer(side)  # the first look counts and keeps every figure
            side.caseload_once()  # warm up
        for turn in range(rounds):
            for side in sides if turn % 2 == 0 else reversed(sides):
                side.warm.append(side.dashboard())
                side.caseload.append(side.caseload_once())
        for _ in range(COLD_ROUNDS):
            for side in sides:
                _execute(side.db, FORGET_ALL)
                side.cold.append(side.dashboard())
                _execute(side.db, CHANGE_TODAY)
                side.changed.append(side.dashboard())
    out: dict[str, Any] = {"engine": small.engine}
    for n, side in enumerate(sides):
        key = "x1" if n == 0 else f"x{GROWTH}"
        case = statistics.median(side.caseload)
        out[key] = {
            "rows": side.seeded["rows"],
            "seed_s": side.seeded["seconds"],
            "warm_ms": statistics.median(side.warm),
            "caseload_ms": case,
            "factor": statistics.median(
                d / c for d, c in zip(side.warm, side.caseload, strict=True)
            ),
            "cold_ms": statistics.median(side.cold),
            "changed_ms": statistics.median(side.changed),
        }
    if len(sides) == 2:
        out["growth"] = statistics.median(
            b / a for a, b in zip(sides[0].warm, sides[1].warm, strict=True)
        )
    return out


def report(
    args: argparse.Namespace, small: Database, large: Database | None, out: Any, logs: Path
) -> None:
    """Measure and check the budgets into ``out`` (``bench.__main__``'s Report)."""
    m = measure(small, large, logs)
    engine = small.engine
    for key in ("x1", f"x{GROWTH}"):
        if key not in m:
            continue
        r = m[key]
        scale = 1 if key == "x1" else GROWTH
        line = (
            f"outcomes   {engine:<8} {key:>3}: {r['rows']:,} rows, {CLIENTS * scale:,} clients, "
            f"{COACHES * scale:,} coaches (seeded in {r['seed_s']} s): the organisation's "
            f"figures {r['warm_ms']:.1f} ms again (kept), the caseload {r['caseload_ms']:.1f} ms: "
            f"{r['factor']:.2f}× (budget ≤ {BUDGET:g}×); counted afresh (cold) "
            f"{r['cold_ms']:.0f} ms = {r['cold_ms'] / r['caseload_ms']:.0f}×; after a change "
            f"to yesterday (the running month counted again) {r['changed_ms']:.0f} ms = "
            f"{r['changed_ms'] / r['caseload_ms']:.0f}×"
        )
        if key == "x1":
            out.check(r["factor"] <= BUDGET, line, f"the figures on {engine} ({r['factor']:.1f}×)")
        else:
            out.check(True, line, f"the figures ×{GROWTH} on {engine}")
    if "growth" in m:
        line = (
            f"outcomes   {engine:<8} ten times the data: the organisation's figures again "
            f"{m['growth']:.2f}× the time (budget ≤ {GROWTH_BUDGET:g}×)"
        )
        out.check(m["growth"] <= GROWTH_BUDGET, line, f"the figures' growth on {engine}")
    out.figures[f"outcomes_{engine}"] = m


def main() -> None:
    print(json.dumps(asyncio.run(_seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1))))


if __name__ == "__main__":
    main()
