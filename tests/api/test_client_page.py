"""A client's page for staff in one request (``GET /api/clients/{id}/page``): each part reads as
the endpoint it replaces at open, every opening writes one audit entry (a kept answer and a 304
too), a change shows in the next answer, and only the client's staff open it."""

from __future__ import annotations

import importlib
from typing import Any

from backend.audit.tables import AuditEvent
from tests.api.conftest import Api
from tests.api.test_today import _rich
from tests.support import tasks
from tests.support.world import World


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


def _page(world: World) -> str:
    return f"/api/clients/{world.ids['client']}/page"


async def _json(api: Api, path: str, as_: str = "coach") -> Any:
    answer = await api.get(path, as_=as_)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def _entries(subject: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await AuditEvent.select(
        AuditEvent.action, AuditEvent.actor, AuditEvent.team
    ).where(AuditEvent.subject == subject)
    return rows


async def test_the_page_reads_as_the_endpoints_it_replaces(world_api: Api) -> None:
    w = _w(world_api)
    await _rich(w)
    alice = w.ids["client"]
    page = await _json(world_api, _page(w))
    base = f"/api/clients/{alice}"
    assert page["client"] == await _json(world_api, base)
    assert page["client"]["family"], "Alice's family is on her page"
    assert page["tasks"] == await _json(world_api, f"{base}/tasks")
    assert page["tasks"][0]["openHelpRequests"] == 1
    assert page["shiftDays"] == 28
    assert page["shifts"] == await _json(world_api, f"{base}/shifts/upcoming?days=28")
    assert page["shifts"], "Alice has shifts in the next four weeks"
    assert page["reminders"] == await _json(world_api, f"{base}/reminders")
    assert page["goals"] == await _json(world_api, f"{base}/goals")
    assert page["conversations"] == await _json(world_api, f"{base}/conversations")


async def test_every_opening_writes_one_audit_entry(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    alice = w.ids["client"]
    before = len(await _entries(alice))
    first = await world_api.get(_page(w), as_="coach")
    assert first.status_code == 200, first.text
    after_one = await _entries(alice)
    assert len(after_one) == before + 1
    assert after_one[-1] == {
        "action": "client_read",
        "actor": w.ids["coach"],
        "team": w.teams["North"],
    }
    # The kept answer, and an unchanged page answered 304, are openings too.
    again = await world_api.get(_page(w), as_="coach")
    assert again.status_code == 200 and again.content == first.content
    tag = first.headers["etag"]
    same = await world_api.get(_page(w), as_="coach", headers={"If-None-Match": tag})
    assert same.status_code == 304 and same.content == b""
    assert len(await _entries(alice)) == before + 3


async def test_only_the_clients_staff_open_the_page(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    alice = w.ids["client"]
    for who in ("admin", "coordinator", "coach"):
        assert (await world_api.get(_page(w), as_=who)).status_code == 200, who
    for who in ("other_coach", "family", "other_client"):
        answer = await world_api.get(_page(w), as_=who)
        assert answer.status_code == 404, (who, answer.text)
    own = await world_api.get(_page(w), as_="client")
    assert own.status_code == 403, own.text
    assert (await world_api.get(_page(w))).status_code == 401
    missing = await world_api.get("/api/clients/not-an-id/page", as_="admin")
    assert missing.status_code == 404
    refused = [e for e in await _entries(alice) if e["actor"] in {w.ids["other_coach"]}]
    assert refused == [], "a refused opening reads nothing and logs no read"


async def test_each_change_to_the_page_shows_in_the_next_answer(world_api: Api) -> None:
    """The answer is kept while the client's stamp stays; changes to what only the page shows
    (the record, reminders, conversations, the coach's name) move it too."""
    w = _w(world_api)
    await _rich(w)
    alice = w.ids["client"]
    before = await _json(world_api, _page(w))

    staged = await world_api.patch(
        f"/api/clients/{alice}", as_="coach", json={"stage": "job_finding"}
    )
    assert staged.status_code == 200, staged.text
    assert (await _json(world_api, _page(w)))["client"]["stage"] == "job_finding"

    rule = await world_api.post(
        f"/api/clients/{alice}/reminders",
        as_="coach",
        json={"localId": tasks.new_id(), "kind": "shift_prepare", "minutesBefore": 30},
    )
    assert rule.status_code == 201, rule.text
    rules = (await _json(world_api, _page(w)))["reminders"]["rules"]
    assert len(rules) == len(before["reminders"]["rules"]) + 1

    talk = await world_api.post(
        f"/api/clients/{alice}/conversations", as_="coach", json={"localId": tasks.new_id()}
    )
    assert talk.status_code == 201, talk.text
    talks = (await _json(world_api, _page(w)))["conversations"]["conversations"]
    assert len(talks) == len(before["conversations"]["conversations"]) + 1

    named = await world_api.patch("/api/me", as_="coach", json={"displayName": "Cora Coach"})
    assert named.status_code == 200, named.text
    assert (await _json(world_api, _page(w)))["client"]["coachName"] == "Cora Coach"

    gone = await world_api.delete(f"/api/tasks/{w.ids['task']}", as_="coach")
    assert gone.status_code == 204, gone.text
    assert (await _json(world_api, _page(w)))["tasks"] == []


async def test_every_table_only_the_page_reads_has_its_trigger() -> None:
    from backend.piccolo_conf import DB

    if DB.engine_type == "postgres":
        sql = "SELECT DISTINCT event_object_table AS t FROM information_schema.triggers"
        sql += " WHERE trigger_name LIKE 'page_stamp_%'"
        found = {r["t"] for r in await DB.run_ddl(sql)}
    else:
        rows = DB.connection.execute(
            "SELECT tbl_name AS t FROM sqlite_master WHERE type = 'trigger'"
            " AND name LIKE 'page_stamp_%'"
        ).fetchall()
        found = {r["t"] for r in rows}
    migration = importlib.import_module(
        "backend.today.piccolo_migrations.today_2026_12_05t19_30_00_000000"
    )
    assert found == {*migration.CLIENTS_OF, "users"}


async def test_openings_at_the_same_time_each_write_their_entry(world_api: Api) -> None:
    """Entries written at once share a statement; each opening still answers after its own
    entry is stored, and the chain takes them all."""
    import asyncio

    from backend import audit

    w = _w(world_api)
    await tasks.build_tasks(w)
    alice = w.ids["client"]
    before = len(await _entries(alice))
    answers = await asyncio.gather(
        *(world_api.get(_page(w), as_=who) for who in ("coach", "coordinator", "admin") * 10)
    )
    assert [a.status_code for a in answers] == [200] * 30
    assert len(await _entries(alice)) == before + 30
    intact, _, problem = await audit.verify()
    assert intact, problem


async def test_an_unmoved_page_is_opened_without_reading_the_record_and_a_move_elsewhere_counts(
    world_api: Api, monkeypatch: Any
) -> None:
    """While nothing moved the client's stamp, an opening uses the record kept with the page
    (no read; still one audit entry). A change made by another process — the client given to
    another coach — is seen at the very next opening: the former coach is refused."""
    from backend.lib.db import Statement, fetch
    from backend.piccolo_conf import DB
    from backend.today import page as page_module

    w = _w(world_api)
    await tasks.build_tasks(w)
    alice = w.ids["client"]
    reads: list[str] = []
    fetch_record = page_module.fetch

    async def counted(engine: Any, statement: Statement, *args: Any) -> Any:
        if statement is page_module._RECORD:
            reads.append(args[0])
        return await fetch_record(engine, statement, *args)

    monkeypatch.setattr(page_module, "fetch", counted)
    for _ in range(3):
        assert (await world_api.get(_page(w), as_="coach")).status_code == 200
    reads.clear()
    before = len(await _entries(alice))
    for _ in range(3):
        assert (await world_api.get(_page(w), as_="coach")).status_code == 200
    assert reads == [], "an unmoved page read its record again"
    assert len(await _entries(alice)) == before + 3

    # Another process gives Alice to the other coach (and gives her back after).
    coach, other = w.ids["coach"], w.ids["other_coach"]
    move = Statement('UPDATE client_records SET coach = ? WHERE "user" = ?')
    if DB.engine_type == "postgres":
        import asyncio

        import asyncpg  # type: ignore[import-untyped]

        from backend.today import services as day_services

        heard = day_services._told.count
        elsewhere = await asyncpg.connect(DB.config["dsn"])
        try:
            await elsewhere.execute(move.postgres, other, alice)
        finally:
            await elsewhere.close()
        for _ in range(500):  # until the server has read the notification (or ~5 s)
            if day_services._told.count > heard:
                break
            await asyncio.sleep(0.01)
    else:
        import sqlite3
        from contextlib import closing

        with closing(sqlite3.connect(DB.path, isolation_level=None)) as elsewhere:
            elsewhere.execute(move.sqlite, (other, alice))
    try:
        refused = await world_api.get(_page(w), as_="coach")
        assert refused.status_code == 404, refused.text
        assert (await world_api.get(_page(w), as_="other_coach")).status_code == 200
    finally:
        await fetch(DB, move, coach, alice)
    assert (await world_api.get(_page(w), as_="coach")).status_code == 200
