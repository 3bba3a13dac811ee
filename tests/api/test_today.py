"""The client's day in one request (``GET /api/me/day``): each part reads as the endpoint it
replaces at start, the ETag answers an unchanged day with 304, and only a client reads a day
(their own)."""

from __future__ import annotations

import asyncio
import importlib
import re
import sqlite3
import uuid
from contextlib import closing
from datetime import timedelta
from typing import Any

from backend.goals import reading as goal_reading
from backend.goals import services as goals
from backend.lib.clock import now
from backend.tasks import marks, services, training
from backend.today import queries
from shared_schemas import goals as goals_wire
from shared_schemas import tasks as wire
from tests.api.conftest import Api
from tests.support import coaching, family, tasks
from tests.support.tasks import actor
from tests.support.world import World

DAY = "/api/me/day"


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


async def _rich(world: World) -> None:
    """Alice's shifts, goals (one running, one ended long ago, one dropped), a task with steps,
    a photo, a voice prompt, two training sessions (the second all on her own), a go through it,
    an open request for help, and an update waiting for her yes or no."""
    await tasks.build_tasks(world)
    await coaching.build_coaching(world)
    await family.build_family(world)
    coach = actor(world, "coach", "coach", "North")
    client = actor(world, "client", "client")
    task, _ = await services.visible_task(coach, world.ids["task"])
    await training.start(
        coach,
        task,
        wire.SessionCreate(
            local_id=str(uuid.uuid4()),
            started_at=now(),
            records=[
                wire.StepRecordSet(step_id=world.ids["step"], level="independent"),
                wire.StepRecordSet(step_id=world.ids["step2"], level="independent"),
            ],
        ),
    )
    run = str(uuid.uuid4())
    for step in (world.ids["step"], world.ids["step2"]):
        await marks.complete(
            client,
            task,
            wire.CompletionCreate(local_id=str(uuid.uuid4()), step_id=step, run_id=run, at=now()),
        )
    for title, starts, ends in (
        ("Long ago", goals.today() - timedelta(days=80), goals.today() - timedelta(days=60)),
        ("Dropped", goals.today() - timedelta(days=3), goals.today() + timedelta(days=10)),
    ):
        goal_id, _ = await goals.create(
            coach,
            world.ids["client"],
            goals_wire.GoalCreate(
                local_id=str(uuid.uuid4()),
                title=title,
                means=["Ask"],
                starts_on=starts,
                ends_on=ends,
                levels=goals_wire.GoalLevelsSet(expected="Done"),
            ),
        )
        if title == "Dropped":
            row = await goal_reading.goal_row(goal_id)
            assert row is not None
            await goals.update(row, goals_wire.GoalUpdate(status="cancelled"))
    goal = await goal_reading.goal_row(world.ids["goal"])
    assert goal is not None
    await goals.check_in(
        client, goal, goals_wire.CheckInCreate(local_id=str(uuid.uuid4()), at=now(), level=1)
    )


async def _json(api: Api, path: str, as_: str = "client") -> Any:
    answer = await api.get(path, as_=as_)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_the_day_reads_as_the_endpoints_it_replaces(world_api: Api) -> None:
    w = _w(world_api)
    await _rich(w)
    alice = w.ids["client"]
    day = await _json(world_api, DAY)

    assert day["me"] == await _json(world_api, "/api/me")
    upcoming = await _json(world_api, f"/api/clients/{alice}/shifts/upcoming?days=28")
    assert day["shiftDays"] == 28 and day["shifts"] == upcoming
    assert any(o["cancelled"] == "holiday" for o in day["shifts"])

    listed = await _json(world_api, f"/api/clients/{alice}/tasks")
    assert [t["summary"] for t in day["tasks"]] == listed
    for task in day["tasks"]:
        task_id = task["summary"]["id"]
        assert task["player"] == await _json(world_api, f"/api/tasks/{task_id}/player")
        assert task["progress"] == await _json(world_api, f"/api/tasks/{task_id}/my-progress")
    progress = day["tasks"][0]["progress"]
    assert progress["sessions"] == 2 and progress["latest"]["onYourOwn"] == 2
    assert progress["lastRun"]["stepsDone"] == 2
    assert day["tasks"][0]["player"]["steps"][0]["photo"] is not None
    assert day["tasks"][0]["player"]["steps"][0]["voice"] is not None

    # Goals she can act on, as her goal list gives them: not the dropped one, nor one that
    # ended two months ago.
    every = await _json(world_api, f"/api/clients/{alice}/goals")
    assert day["goals"] == [g for g in every if g["title"] not in {"Long ago", "Dropped"}]
    assert [g["title"] for g in day["goals"]] == ["Arrive on time every day"]
    assert len(day["goals"][0]["checkIns"]) == 1 and day["goals"][0]["photo"] is not None

    updates = await _json(world_api, f"/api/clients/{alice}/updates")
    assert day["newsWaiting"] == sum(1 for u in updates if u["status"] == "pending") == 1

    [open_help] = day["helpRequests"]
    assert open_help == await _json(
        world_api, f"/api/tasks/{w.ids['task']}/help-requests/{w.ids['help']}"
    )
    assert day["tasks"][0]["summary"]["openHelpRequests"] == 1


async def test_a_new_client_has_an_empty_day(world_api: Api) -> None:
    day = await _json(world_api, DAY, as_="other_client")
    assert day["me"]["displayName"] == "Bob Client"
    assert day["shifts"] == day["tasks"] == day["goals"] == day["helpRequests"] == []
    assert day["newsWaiting"] == 0


async def test_an_unchanged_day_is_not_modified_and_a_change_makes_a_new_tag(
    world_api: Api,
) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    first = await world_api.get(DAY, as_="client")
    tag = first.headers["etag"]
    assert tag.startswith('W/"') and first.headers["cache-control"] == "private, no-cache"

    again = await world_api.get(DAY, as_="client", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag
    # The strong form of the same tag, and a list with it, match too (a weak comparison).
    strong = tag.removeprefix("W/")
    listed = await world_api.get(DAY, as_="client", headers={"If-None-Match": f'"x", {strong}'})
    assert listed.status_code == 304

    # A request for help is answered: the day changes, and so does its tag.
    coach = actor(w, "coach", "coach", "North")
    resolved = await world_api.post(
        f"/api/tasks/{w.ids['task']}/help-requests/{w.ids['help']}/resolve", as_="coach"
    )
    assert resolved.status_code == 200, resolved.text
    del coach
    changed = await world_api.get(DAY, as_="client", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag
    assert changed.json()["helpRequests"] == []


async def test_only_a_client_reads_a_day_and_only_their_own(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    for who in ("admin", "coordinator", "coach", "other_coach", "family"):
        answer = await world_api.get(DAY, as_=who)
        assert answer.status_code == 403, (who, answer.text)
    assert (await world_api.get(DAY)).status_code == 401
    bob = await _json(world_api, DAY, as_="other_client")
    assert bob["me"]["id"] == w.ids["other_client"] and bob["tasks"] == []


async def test_each_change_to_the_day_shows_in_the_next_answer(world_api: Api) -> None:
    """The answer is kept while the client's day stamp stays; every kind of change moves it."""
    w = _w(world_api)
    await tasks.build_tasks(w)
    await coaching.build_coaching(w)
    alice, task = w.ids["client"], w.ids["task"]
    before = await _json(world_api, DAY)

    done = await world_api.post(
        f"/api/tasks/{task}/completions",
        as_="client",
        json={
            "localId": tasks.new_id(),
            "stepId": w.ids["step"],
            "runId": tasks.new_id(),
            "at": tasks.timestamp(),
        },
    )
    assert done.status_code == 201, done.text
    day = await _json(world_api, DAY)
    assert day["tasks"][0]["progress"]["lastRun"]["stepsDone"] == 1
    assert before["tasks"][0]["progress"]["lastRun"] is None

    checked = await world_api.post(
        f"/api/goals/{w.ids['goal']}/check-ins",
        as_="client",
        json={"localId": tasks.new_id(), "at": tasks.timestamp(), "level": 0},
    )
    assert checked.status_code == 201, checked.text
    assert len((await _json(world_api, DAY))["goals"][0]["checkIns"]) == 1

    renamed = await world_api.patch(
        f"/api/tasks/{task}/steps/{w.ids['step2']}", as_="coach", json={"text": "Carry them."}
    )
    assert renamed.status_code == 200, renamed.text
    steps = (await _json(world_api, DAY))["tasks"][0]["player"]["steps"]
    assert steps[1]["text"] == "Carry them."

    restored = await world_api.delete(
        f"/api/shifts/{w.ids['shift']}/exceptions/{w.ids['cancelled']}", as_="coach"
    )
    assert restored.status_code == 204, restored.text
    assert not any(o["cancelled"] for o in (await _json(world_api, DAY))["shifts"])

    await family.write(w, "coach", "Alice helped a guest find the lift.")
    assert (await _json(world_api, DAY))["newsWaiting"] == 1

    moved = await world_api.patch("/api/me", as_="client", json={"locale": "fi"})
    assert moved.status_code == 200
    assert (await _json(world_api, DAY))["me"]["locale"] == "fi"

    gone = await world_api.delete(f"/api/tasks/{task}", as_="coach")
    assert gone.status_code == 204, gone.text
    after = await _json(world_api, DAY)
    assert after["tasks"] == [] and after["helpRequests"] == []
    del alice


async def test_every_table_the_day_reads_has_its_trigger() -> None:
    from backend.piccolo_conf import DB

    if DB.engine_type == "postgres":
        sql = "SELECT DISTINCT event_object_table AS t FROM information_schema.triggers"
        sql += " WHERE trigger_name LIKE 'day_stamp_%'"
        found = {r["t"] for r in await DB.run_ddl(sql)}
    else:
        rows = DB.connection.execute(
            "SELECT tbl_name AS t FROM sqlite_master WHERE type = 'trigger'"
            " AND name LIKE 'day_stamp_%'"
        ).fetchall()
        found = {r["t"] for r in rows}
    watched: set[str] = set()
    for name in (
        "today_2026_12_05t18_18_27_000000",
        "today_2026_12_05t19_23_00_000000",
        "today_2026_12_05t21_40_00_000000",
        "today_2026_12_06t04_40_00_000000",
        "today_2026_12_06t07_46_00_000000",
    ):
        migration = importlib.import_module(f"backend.today.piccolo_migrations.{name}")
        watched |= set(migration.CLIENT_OF)
    assert found == watched
    # Every table the day's statement reads, but photos (a step's photo column is watched).
    read = set(re.findall(r"(?:FROM|JOIN) (\w+) AS", queries._DAY.sqlite)) - {"day_stamps"}
    assert read - {"photos"} <= found, read - found


async def test_a_kept_day_let_go_while_its_stamp_is_read_is_still_answered(
    world_api: Api, monkeypatch: Any
) -> None:
    """Under load other requests run while a request reads the stamp of the answer it holds,
    and may let that answer go from the store (more clients than it keeps): the request still
    answers with it. (It answered 500: ``move_to_end`` of a key no longer there; found by
    ``scripts/bench --org large`` on PostgreSQL.)"""
    from backend.today import services as day_services

    first = await world_api.get(DAY, as_="client")
    assert first.status_code == 200, first.text
    read_stamp = queries.stamp

    async def stamp_while_others_run(client_id: str) -> str | None:
        value = await read_stamp(client_id)
        day_services._kept.clear()  # the others' answers pushed this one out meanwhile
        return value

    monkeypatch.setattr(queries, "stamp", stamp_while_others_run)
    again = await world_api.get(DAY, as_="client")
    assert again.status_code == 200, again.text
    assert again.json() == first.json()


async def _kept_day_and_its_stamp_reads(api: Api, monkeypatch: Any) -> list[str]:
    """The client's day made and kept (then held after one read of the stamp: a session was
    touched); from here on, each read of a client's day stamp is listed in the answer."""
    read_stamp = queries.stamp
    reads: list[str] = []

    async def counted(client_id: str) -> str | None:
        reads.append(client_id)
        return await read_stamp(client_id)

    monkeypatch.setattr(queries, "stamp", counted)
    for _ in range(3):
        assert (await api.get(DAY, as_="client")).status_code == 200
    reads.clear()
    return reads


async def test_an_unmoved_day_is_answered_without_reading_its_stamp(
    world_api: Api, monkeypatch: Any
) -> None:
    """A server sees every moved day stamp (PostgreSQL: ``NOTIFY stepwise_days``; SQLite: any
    other connection's commit moves ``PRAGMA data_version``), so an answer it keeps needs no
    read while nothing moved; a change made by another process shows in the first answer after
    it, and a change made through this server in the very next one (its own write: the stamp
    is read again)."""
    from backend.piccolo_conf import DB
    from backend.today import services as day_services

    reads = await _kept_day_and_its_stamp_reads(world_api, monkeypatch)
    first = await _json(world_api, DAY)
    assert reads == []

    # A change made through this server shows at once.
    moved = await world_api.patch("/api/me", as_="client", json={"locale": "pl"})
    assert moved.status_code == 200, moved.text
    assert (await _json(world_api, DAY))["me"]["locale"] == "pl"
    assert (await _json(world_api, DAY))["me"]["locale"] == "pl"

    # A change by another process: the next answer has it.
    if DB.engine_type == "postgres":
        import asyncpg  # type: ignore[import-untyped]

        heard = day_services._told.count
        other = await asyncpg.connect(DB.config["dsn"])
        try:
            await other.execute(
                "UPDATE users SET display_name = 'Alicja' WHERE id = $1::uuid", first["me"]["id"]
            )
        finally:
            await other.close()
        for _ in range(500):  # until the server has read the notification (or ~5 s)
            if day_services._told.count > heard:
                break
            await asyncio.sleep(0.01)
        assert day_services._told.count > heard, "the server never heard the moved stamp"
    else:
        with closing(sqlite3.connect(DB.path, isolation_level=None)) as other:
            other.execute(
                "UPDATE users SET display_name = 'Alicja' WHERE id = ?", (first["me"]["id"],)
            )
    assert (await _json(world_api, DAY))["me"]["displayName"] == "Alicja"


async def test_rounds_that_write_nothing_watched_leave_kept_days_unread(
    world_api: Api, monkeypatch: Any
) -> None:
    """The reminder engine opens transactions every second (the planner's ``FOR UPDATE SKIP
    LOCKED``, the audit sealer's lock and its sealing) that mostly write nothing a trigger
    watches. Such a commit must not count as this server's own write, or every kept day is
    read again after each round: on the large organisation that made the day's p99 8-12x the
    baseline's (docs/benchmarks.md). A transaction that writes a watched table still does."""
    from backend.audit import seal_round
    from backend.lib.db import Statement, fetch
    from backend.piccolo_conf import DB

    reads = await _kept_day_and_its_stamp_reads(world_api, monkeypatch)
    await _json(world_api, DAY)
    assert reads == []

    # A round that locks and seals: nothing a trigger watches is written.
    async with DB.transaction():
        if DB.engine_type == "postgres":
            await fetch(
                DB,
                Statement(
                    "SELECT id FROM reminder_rules WHERE enabled AND planned_until < ? "
                    "ORDER BY planned_until LIMIT 0 FOR UPDATE SKIP LOCKED"
                ),
                now(),
            )
        await fetch(DB, Statement("UPDATE audit_events SET seal = seal WHERE id < 0"))
    # An audited read's entry, written alone (outside a transaction).
    await fetch(DB, Statement("UPDATE audit_events SET seal = seal WHERE id < 0"))
    await seal_round(now())
    await _json(world_api, DAY)
    assert reads == [], "a round that wrote nothing watched made the kept day look again"

    # A transaction that writes a table the day shows (even no row of it) does.
    async with DB.transaction():
        await fetch(DB, Statement("UPDATE goals SET title = title WHERE false"))
    await _json(world_api, DAY)
    assert len(reads) == 1


async def test_the_tables_whose_writes_tell_are_those_whose_triggers_move_a_stamp() -> None:
    """``TOLD_TABLES`` (``backend/lib/db.py``): only a row added to or changed in them can move
    a client's day stamp, a person's activity stamp or a client record kept by its moment, so
    they are exactly the tables with a trigger that moves a stamp (the day's, the page's, the
    activity log's, and day_stamps itself) and those the caseloads' channel tells of, and no
    other trigger writes to one of them (a DELETE always counts)."""
    from backend.lib.db import TOLD_TABLES, may_tell
    from backend.piccolo_conf import DB

    if DB.engine_type == "postgres":
        sql = (
            "SELECT c.relname AS t, g.tgname AS name, pg_get_functiondef(g.tgfoid) AS body"
            " FROM pg_trigger AS g JOIN pg_class AS c ON c.oid = g.tgrelid"
            " WHERE NOT g.tgisinternal"
        )
        triggers = [(r["t"], r["name"], r["body"]) for r in await DB.run_ddl(sql)]
    else:
        sql = "SELECT tbl_name AS t, name, sql AS body FROM sqlite_master WHERE type = 'trigger'"
        triggers = [(r["t"], r["name"], r["body"]) for r in DB.connection.execute(sql)]
    assert triggers, "no trigger found at all: the query is wrong"
    # On SQLite the trigger writes the stamps; on PostgreSQL it calls a *_bump() function.
    moving = {
        table
        for table, _, body in triggers
        if "day_stamp" in body.lower() or "activity_stamp" in body.lower()
    }
    assert {"shifts", "goals", "users", "reminder_rules", "activity_clients"} <= moving, (
        "the query is wrong"
    )
    # The caseloads' channel: told by triggers on PostgreSQL; on SQLite another connection's
    # commit moves the moment whatever it wrote.
    caseloads = {"client_records", "mentorships", "users"}
    if DB.engine_type == "postgres":
        telling = {table for table, _, body in triggers if "caseload_told" in body.lower()}
        assert telling == caseloads
    assert moving | {"day_stamps"} | caseloads == TOLD_TABLES
    writes = re.compile(r'(?:INSERT\s+INTO|UPDATE)\s+"?(\w+)', re.IGNORECASE)
    for table, name, body in triggers:
        if table not in moving:
            written = {w.lower() for w in writes.findall(body)}
            assert written & TOLD_TABLES == set(), f"{name} on {table} writes {written}"
    assert not may_tell('UPDATE "sessions" SET last_seen_at = $1')
    assert not may_tell("INSERT INTO audit_events (id) VALUES ($1)")
    assert may_tell("INSERT INTO activities (id) VALUES ($1)")
    assert may_tell("UPDATE reminder_rules SET planned_until = $1")
    assert may_tell("DELETE FROM sessions WHERE id_hash = $1")
    assert may_tell("UPDATE goals SET title = $1")
