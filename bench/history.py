"""Costs that follow the answer, measured in one process: the same answer read for a client with
``HISTORY[0]`` past records and for one with ``HISTORY[1]`` (100×), through the whole app
(routing, session, access, audit) with httpx's ASGI transport, no network and no wrk — cheap
enough to run beside other work on a small machine.

The history: training sessions of one task (three steps, each recorded in every session), and
past goals (ended, each with check-ins) with their monthly conversations. Read: the coach's
progress of the task (its summary and latest page), the client's own progress, the client's day
(its kept answer made again for each read: the day stamp is moved on first) and the coach's
week. Each figure is the median time of a read; the ratio is the long history's over the short.

``python -m bench.history [DATABASE_URL]`` (default: a new SQLite file) prints one line per
read and exits 1 when a ratio is above ``GROWTH``.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import uuid
from datetime import UTC, datetime, time, timedelta
from time import perf_counter
from typing import Any

GROWTH = 1.5
HISTORY = (10, 1000)
READS = 60  # per endpoint and client, after a warm-up


async def _seed() -> dict[str, Any]:
    from backend.accounts.sessions import hash_token
    from backend.accounts.tables import Session, Team, User
    from backend.clients import services as clients
    from backend.goals.tables import CheckIn, Conversation, Goal, QuestionSet
    from backend.lib.clock import now
    from backend.shifts.tables import Shift
    from backend.tasks import refresh_every_task
    from backend.tasks.tables import Step, StepRecord, Task, TrainingSession

    at = now()
    today = at.date()
    team = Team(name="History", created_at=at)
    await team.save()
    question_set = await QuestionSet.select(QuestionSet.id).first()

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

    out: list[dict[str, Any]] = []
    for n, history in enumerate(HISTORY):
        coach, coach_token = await person(f"Coach {n}", "coach", team.id)
        client, client_token = await person(f"Client {n}", "client")
        await clients.create_record(client, coach)
        task = Task(client=client, title="Fold towels", created_at=at, updated_at=at)
        await task.save()
        steps = [
            Step(task=task.id, position=p, text=f"Step {p}.", created_at=at, updated_at=at)
            for p in (1, 2, 3)
        ]
        await Step.insert(*steps)
        sessions, records = [], []
        for i in range(history):
            started = at - timedelta(days=history - i)
            level = "independent" if i % 4 else "verbal"  # never three in a row: not mastered
            s = TrainingSession(
                client_uuid=uuid.uuid4(),
                task=task.id,
                coach=coach,
                started_at=started,
                session_date=started.date(),
                created_at=started,
            )
            sessions.append(s)
            records += [
                StepRecord(session=s.id, step=st.id, level=level, recorded_at=started)
                for st in steps
            ]
        await TrainingSession.insert(*sessions)
        for chunk in range(0, len(records), 500):
            await StepRecord.insert(*records[chunk : chunk + 500])
        # Past goals, a week each, ended; a conversation every fourth week.
        goals, check_ins, talks = [], [], []
        for i in range(history):
            ends = today - timedelta(days=7 * (i + 1))
            g = Goal(
                client_uuid=uuid.uuid4(),
                client=client,
                title=f"Goal {i}",
                starts_on=ends - timedelta(days=6),
                ends_on=ends,
                status="ended",
                created_at=at,
                updated_at=at,
            )
            goals.append(g)
            check_ins.append(
                CheckIn(
                    client_uuid=uuid.uuid4(),
                    goal=g.id,
                    user=client,
                    mood=1,
                    at=datetime.combine(ends, time(12), tzinfo=UTC),
                    received_at=at,
                )
            )
            if i % 4 == 0 and question_set is not None:
                talks.append(
                    Conversation(
                        client_uuid=uuid.uuid4(),
                        client=client,
                        coach=coach,
                        question_set=question_set["id"],
                        held_on=ends,
                        status="ended",
                        started_at=at,
                    )
                )
        for rows, table in ((goals, Goal), (check_ins, CheckIn), (talks, Conversation)):
            for chunk in range(0, len(rows), 500):
                await table.insert(*rows[chunk : chunk + 500])
        # The same answer for both: this week's goal and a shift ahead.
        await Goal.insert(
            Goal(
                client_uuid=uuid.uuid4(),
                client=client,
                title="This week",
                starts_on=today - timedelta(days=1),
                ends_on=today + timedelta(days=2),
                status="active",
                created_at=at,
                updated_at=at,
            )
        )
        await Shift.insert(
            Shift(
                client_uuid=uuid.uuid4(),
                client=client,
                workplace="Hotel",
                zone="Europe/Helsinki",
                starts_at=time(8),
                ends_at=time(12),
                repeat="once",
                on_date=today + timedelta(days=1),
                created_at=at,
                updated_at=at,
            )
        )
        out.append({"client": client, "task": str(task.id), "tokens": (client_token, coach_token)})
    await refresh_every_task()
    return {"clients": out}


async def _time(client: Any, path: str, token: str, before: Any = None) -> float:
    if before is not None:
        await before()
    started = perf_counter()
    answer = await client.get(path, cookies={"stepwise_session": token})
    took = perf_counter() - started
    if answer.status_code != 200:
        raise RuntimeError(f"{path} answered {answer.status_code}: {answer.text[:200]}")
    return took


async def main(url: str | None) -> int:
    os.environ["STEPWISE_DATA_DIR"] = data = tempfile.mkdtemp(prefix="stepwise-history-")
    os.environ["STEPWISE_DATABASE_URL"] = url or f"sqlite:///{data}/bench.sqlite3"
    os.environ["STEPWISE_ORIGIN"] = "http://localhost:8000"
    os.environ["STEPWISE_RATE_LIMIT"] = "1000000"
    os.environ["PICCOLO_CONF"] = "backend.piccolo_conf"
    import httpx
    from piccolo.apps.migrations.commands.forwards import run_forwards

    from backend.app import create_app
    from backend.piccolo_conf import DB

    assert (await run_forwards("all")).success
    if DB.engine_type == "postgres":
        await DB.start_connection_pool()
    seeded = await _seed()

    async def move_day_on() -> None:
        await DB.run_ddl("UPDATE day_stamps SET changes = changes + 1")

    reads = {
        "the coach's task progress": ("/api/tasks/{task}/progress?limit=10", 1, None),
        "the client's task progress": ("/api/tasks/{task}/my-progress", 0, None),
        "the client's day": ("/api/me/day", 0, move_day_on),
        "the coach's week": ("/api/week", 1, None),
    }
    transport = httpx.ASGITransport(app=create_app())
    failed = False
    print(f"history  {DB.engine_type:<8} {HISTORY[0]} vs {HISTORY[1]} past sessions and goals")
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost:8000") as client:
        for name, (path, who, before) in reads.items():
            times: list[list[float]] = [[], []]
            for turn in range(READS + 5):  # alternating, so that neither always goes first
                for n in (0, 1) if turn % 2 == 0 else (1, 0):
                    c = seeded["clients"][n]
                    took = await _time(
                        client, path.format(task=c["task"]), c["tokens"][who], before
                    )
                    if turn >= 5:  # warmed up
                        times[n].append(took)
            medians = [statistics.median(t) for t in times]
            ratio = medians[1] / medians[0]
            failed = failed or ratio > GROWTH
            print(
                f"         {name:<28} {medians[0] * 1000:6.2f} ms → {medians[1] * 1000:6.2f} ms:"
                f" {ratio:4.2f}× (budget ≤ {GROWTH}×)"
            )
    if DB.engine_type == "postgres":
        await DB.close_connection_pool()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else None)))
