"""The client's day (``GET /api/me/day``) against the no-database endpoint, same server, same run.

The client of a small organisation (``bench.seed``'s) with a realistic day: a weekly shift and a
one-off one, three tasks of six steps with training sessions and a go through each, a running
goal with check-ins, an update waiting, an open request for help. Budgets at 64 connections:
the day reaches 0.40 of ``/api/version`` on SQLite and 0.30 on PostgreSQL, its p99 at most 3×
the baseline's p99 in the same round. Seeded through the services, in a subprocess
(``python -m bench.day``: settings are read once per process).
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

from bench import roundtrips, server, wrk
from bench.throughput import Database

RATIO = {"sqlite": 0.40, "postgres": 0.30}
P99_FACTOR = 3.0
CONNECTIONS = 64
TASKS, STEPS, SESSIONS = 3, 6, 8


async def _seed() -> dict[str, Any]:
    from backend.commands.common import close_db as _close_db

    seeded = await build()
    _close_db()
    return {"token": seeded["token"], "client": seeded["client"]}


async def build() -> dict[str, Any]:
    """The day's organisation (migrated first), left open: the client's session token and the
    client's and their coach's ids (``bench.client_page`` builds on it)."""
    import backend  # noqa: F401  (sets PICCOLO_CONF before any table is imported)
    from backend.accounts.sessions import hash_token
    from backend.accounts.tables import Session, Team, User
    from backend.clients import services as clients
    from backend.commands.common import migrate as _migrate
    from backend.family import updates
    from backend.goals import reading as goal_reading
    from backend.goals import services as goals
    from backend.lib.actor import Actor
    from backend.lib.clock import now
    from backend.shifts import services as shifts
    from backend.tasks import marks, training
    from backend.tasks import services as tasks
    from shared_schemas import family as family_wire
    from shared_schemas import goals as goals_wire
    from shared_schemas import shifts as shifts_wire
    from shared_schemas import tasks as tasks_wire

    await _migrate(quiet=True)
    at = now()
    team = Team(name="Day team", created_at=at)
    await team.save()

    async def person(name: str, role: str, team_id: Any) -> str:
        row = User(
            display_name=name,
            role=role,
            team=team_id,
            webauthn_handle=secrets.token_bytes(32),
            created_at=at,
            preferences={},
        )
        await row.save()
        return str(row.id)

    coach_id = await person("Day Coach", "coach", team.id)
    client_id = await person("Day Client", "client", None)
    await clients.create_record(client_id, coach_id)
    coach = Actor(coach_id, "coach", str(team.id), "Day Coach", "")
    client = Actor(client_id, "client", None, "Day Client", "")
    new = lambda: str(uuid.uuid4())  # noqa: E731

    await shifts.create(
        coach,
        client_id,
        shifts_wire.ShiftCreate(
            local_id=new(),
            workplace="Hotel Aurora",
            zone="Europe/Helsinki",
            starts_at="08:00",
            ends_at="14:00",
            repeat="weekly",
            weekdays=[1, 2, 3, 4, 5],
        ),
    )
    await shifts.create(
        coach,
        client_id,
        shifts_wire.ShiftCreate(
            local_id=new(),
            workplace="Café Aalto",
            zone="Europe/Helsinki",
            starts_at="10:00",
            ends_at="13:00",
            repeat="once",
            date=(at + timedelta(days=9)).date(),
        ),
    )
    for n in range(TASKS):
        task_id = await tasks.create(
            coach, client_id, tasks_wire.TaskCreate(title=f"Task {n}", workplace="Hotel Aurora")
        )
        task, _ = await tasks.visible_task(coach, task_id)
        steps = [
            await tasks.add_step(task, tasks_wire.StepCreate(text=f"Step {s} of task {n}."))
            for s in range(STEPS)
        ]
        for k in range(SESSIONS):
            await training.start(
                coach,
                task,
                tasks_wire.SessionCreate(
                    local_id=new(),
                    started_at=at - timedelta(days=SESSIONS - k),
                    records=[
                        tasks_wire.StepRecordSet(
                            step_id=s, level="independent" if i < k else "verbal"
                        )
                        for i, s in enumerate(steps)
                    ],
                ),
            )
        run = new()
        for s in steps[:4]:
            await marks.complete(
                client,
                task,
                tasks_wire.CompletionCreate(local_id=new(), step_id=s, run_id=run, at=at),
            )
        if n == 0:
            await marks.ask_for_help(
                client,
                task,
                tasks_wire.HelpRequestCreate(local_id=new(), step_id=steps[4], at=at),
            )
    goal_id, _ = await goals.create(
        coach,
        client_id,
        goals_wire.GoalCreate(
            local_id=new(),
            title="Arrive on time every day",
            means=["Set the alarm at 6:30", "Take the 7:15 bus"],
            starts_on=goals.today() - timedelta(days=7),
            ends_on=goals.today() + timedelta(days=14),
            levels=goals_wire.GoalLevelsSet(expected="On time every day"),
        ),
    )
    goal = await goal_reading.goal_row(goal_id)
    assert goal is not None
    for level in (0, 1, 1):
        await goals.check_in(
            client, goal, goals_wire.CheckInCreate(local_id=new(), at=at, level=level)
        )
    record = await clients.record_of(client_id)
    assert record is not None
    await updates.create(
        coach,
        record,
        family_wire.UpdateCreate(local_id=new(), text="You ran the machine alone!"),
        None,
    )
    token = secrets.token_urlsafe(32)
    await Session.insert(
        Session(
            id_hash=hash_token(token),
            user=client_id,
            created_at=at,
            last_seen_at=at,
            expires_at=at + timedelta(days=90),
            user_agent="bench",
            ip="127.0.0.1",
        )
    )
    return {"token": token, "client": client_id, "coach": coach_id}


def seed(db: Database) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.day"],
        env=server.app_env(db.url, db.data_dir),
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"seeding the day on {db.engine} failed:\n{done.stderr}")
    seeded: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seeded


def measure(
    db: Database, *, seconds: float, rounds: int, log: Path
) -> tuple[list[wrk.Load], list[wrk.Load], float]:
    """(baseline rounds, day rounds, database round trips of one day asked again)."""
    seeded = seed(db)
    cookie = {"Cookie": f"stepwise_session={seeded['token']}"}
    port = server.free_port()
    with server.spawn(server.serve_argv(port), server.app_env(db.url, db.data_dir), log) as proc:
        server.wait_for(port, "/health", proc, timeout=30)
        # The figure means nothing unless the day holds what the client should see.
        status, body = server.get_status(port, "/api/me/day", cookie)
        day = json.loads(body) if status == 200 else {}
        if (
            len(day.get("tasks", [])) != TASKS
            or len(day["tasks"][0]["player"]["steps"]) != STEPS
            or day["tasks"][0]["progress"]["sessions"] != SESSIONS
            or not day.get("shifts")
            or len(day.get("goals", [])) != 1
            or day.get("newsWaiting") != 1
            or len(day.get("helpRequests", [])) != 1
        ):
            raise RuntimeError(f"GET /api/me/day answered {status}: {body[:300]!r}")
        version = f"http://{server.HOST}:{port}/api/version"
        url = f"http://{server.HOST}:{port}/api/me/day"
        for target in (version, url):  # warm up
            wrk.run(target, seconds=1, connections=CONNECTIONS, headers=cookie)
        statements = roundtrips.per_request(port, ["/api/me/day"], cookie)
        baseline: list[wrk.Load] = []
        loaded: list[wrk.Load] = []
        for _ in range(rounds):
            baseline.append(wrk.run(version, seconds=seconds, connections=CONNECTIONS))
            loaded.append(wrk.run(url, seconds=seconds, connections=CONNECTIONS, headers=cookie))
    return baseline, loaded, statements


def report(args: argparse.Namespace, db: Database, out: Any, logs: Path) -> None:
    """Measure and check the budgets into ``out`` (``bench.__main__``'s Report)."""
    baseline, loaded, statements = measure(
        db, seconds=args.seconds, rounds=args.rounds, log=logs / f"day-{db.engine}.log"
    )
    ratios = [d.requests_per_s / b.requests_per_s for b, d in zip(baseline, loaded, strict=True)]
    ratio = statistics.median(ratios)
    p99 = statistics.median(d.p99_ms / b.p99_ms for b, d in zip(baseline, loaded, strict=True))
    errors = sum(x.errors for x in [*baseline, *loaded])
    budget = RATIO[db.engine]

    def med(loads: list[wrk.Load], name: str) -> float:
        return float(statistics.median(getattr(x, name) for x in loads))

    line = (
        f"day        {db.engine:<8} /api/me/day ÷ /api/version = {ratio:.3f} at -c{CONNECTIONS} "
        f"(rounds {', '.join(f'{r:.3f}' for r in ratios)}; budget ≥ {budget}); "
        f"p99 {p99:.2f}× the baseline's (budget ≤ {P99_FACTOR:g}×)\n"
        f"       {'':<19} /api/me/day  {med(loaded, 'requests_per_s'):>8,.0f} req/s  "
        f"p50 {med(loaded, 'p50_ms'):6.2f} ms  p99 {med(loaded, 'p99_ms'):6.2f} ms  "
        f"{roundtrips.said(statements)}\n"
        f"       {'':<19} /api/version {med(baseline, 'requests_per_s'):>8,.0f} req/s  "
        f"p50 {med(baseline, 'p50_ms'):6.2f} ms  p99 {med(baseline, 'p99_ms'):6.2f} ms"
    )
    if errors:
        line += f"\n       {errors} failed requests (socket errors or non-2xx answers)"
    ok = ratio >= budget and p99 <= P99_FACTOR and errors == 0
    out.check(ok, line, f"the client's day on {db.engine} ({ratio:.3f}, p99 {p99:.2f}×)")
    out.figures[f"day_{db.engine}"] = {
        "ratio": ratio,
        "ratios": ratios,
        "p99_factor": p99,
        "statements": statements,
    }


def main() -> None:
    print(json.dumps(asyncio.run(_seed())))


if __name__ == "__main__":
    main()
