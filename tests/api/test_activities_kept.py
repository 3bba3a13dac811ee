"""A client's activity log is kept while nothing in it changed (backend/activities/kept.py): every
change shows in the next read — made through the API or written to the database by another
process —, a changed name within a minute, and what a reader may do with each activity is
the reader's own."""

from __future__ import annotations

import asyncio
import importlib
import sqlite3
import time
from contextlib import closing
from datetime import date, timedelta
from typing import Any

import pytest

from backend.accounts.tables import User
from backend.activities.tables import Activity, ActivityClient, AgreedAction
from backend.lib import clock
from backend.lib.told import Told
from tests.api.conftest import Api
from tests.api.test_activities import TUESDAY, _client_log, _w, log
from tests.support import coaching
from tests.support.clock import FakeClock, install


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TUESDAY)


def _notes(items: list[dict[str, Any]]) -> list[str]:
    return [a["note"] for a in items]


async def test_each_change_to_a_clients_log_shows_in_the_next_read(
    world_api: Api, fake_clock: FakeClock
) -> None:
    first = await log(world_api, note="Met the manager.")
    assert _notes(await _client_log(world_api, "coach")) == ["Met the manager."]
    assert _notes(await _client_log(world_api, "coach")) == ["Met the manager."]  # kept

    later = (clock.now() - timedelta(hours=1)).isoformat()
    second = await log(world_api, note="Practised the till.", occurredAt=later)
    assert _notes(await _client_log(world_api, "coach")) == [
        "Practised the till.",
        "Met the manager.",
    ]

    changed = await world_api.patch(
        f"/api/activities/{second['id']}",
        as_="coach",
        json={"note": "Practised the till twice.", "agreed": [{"text": "Bring the apron."}]},
    )
    assert changed.status_code == 200, changed.text
    items = {a["id"]: a for a in await _client_log(world_api, "coach")}
    assert items[second["id"]]["note"] == "Practised the till twice."
    assert [x["text"] for x in items[second["id"]]["agreed"]] == ["Bring the apron."]

    # Written by another process (another app server, a command): no service of this one told.
    await Activity.update({Activity.note: "Met the manager, Mr Virtanen."}).where(
        Activity.id == first["id"]
    )
    items = {a["id"]: a for a in await _client_log(world_api, "coach")}
    assert items[first["id"]]["note"] == "Met the manager, Mr Virtanen."

    await AgreedAction.update({AgreedAction.text: "Bring the green apron."}).where(
        AgreedAction.activity == second["id"]
    )
    items = {a["id"]: a for a in await _client_log(world_api, "coach")}
    assert [x["text"] for x in items[second["id"]]["agreed"]] == ["Bring the green apron."]

    await ActivityClient.delete().where(ActivityClient.activity == first["id"])
    assert [a["id"] for a in await _client_log(world_api, "coach")] == [second["id"]]

    gone = await world_api.delete(f"/api/activities/{second['id']}", as_="coach")
    assert gone.status_code == 204, gone.text
    assert await _client_log(world_api, "coach") == []


async def test_a_changed_name_shows_within_a_minute(world_api: Api, fake_clock: FakeClock) -> None:
    w = _w(world_api)
    await log(world_api, note="Met the manager.")
    assert (await _client_log(world_api, "coach"))[0]["authorName"] == "Ada Coach"
    await User.update({User.display_name: "Ada Lindqvist"}).where(User.id == w.ids["coach"])
    fake_clock.advance(seconds=61)
    assert (await _client_log(world_api, "coach"))[0]["authorName"] == "Ada Lindqvist"


async def test_what_a_reader_may_do_is_their_own_on_a_kept_page(
    world_api: Api, fake_clock: FakeClock
) -> None:
    await log(world_api, note="Met the manager.")
    for _ in range(2):
        mine = (await _client_log(world_api, "coach"))[0]
        theirs = (await _client_log(world_api, "coordinator"))[0]
        assert (mine["canEdit"], mine["canDelete"]) == (True, True)
        assert (theirs["canEdit"], theirs["canDelete"]) == (False, False)
    # A day on, the author may no longer delete it (the rule is the time's, not the page's).
    fake_clock.advance(days=1, minutes=1)
    assert (await _client_log(world_api, "coach"))[0]["canDelete"] is False


async def test_every_table_a_log_reads_has_its_trigger() -> None:
    from backend.piccolo_conf import DB

    if DB.engine_type == "postgres":
        sql = "SELECT DISTINCT event_object_table AS t FROM information_schema.triggers"
        sql += " WHERE trigger_name LIKE 'activity_stamp_%'"
        found = {r["t"] for r in await DB.run_ddl(sql)}
    else:
        rows = DB.connection.execute(
            "SELECT tbl_name AS t FROM sqlite_master WHERE type = 'trigger'"
            " AND name LIKE 'activity_stamp_%'"
        ).fetchall()
        found = {r["t"] for r in rows}
    migration = importlib.import_module(
        "backend.activities.piccolo_migrations.activities_2026_12_06t14_40_01_000000"
    )
    read = {"activities", "activity_clients", "activity_agreed_actions"}
    assert read <= set(migration.PEOPLE_OF)
    assert found == {*migration.PEOPLE_OF, "users"}


async def test_the_day_recap_follows_every_change_to_what_it_lists(
    world_api: Api, fake_clock: FakeClock
) -> None:
    """The recap is kept too: a new shift, a cancelled date, a visit logged by someone else (or
    written by another process), the coach's own activity and a client moved to another coach
    each show in the next answer."""
    from backend.clients.tables import ClientRecord
    from backend.shifts.tables import Shift

    w = _w(world_api)
    url = "/api/activities/recap?day=2026-12-01&zone=Europe/Helsinki"

    async def recap() -> dict[str, Any]:
        answer = await world_api.get(url, as_="coach")
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return body

    assert (await recap())["withoutVisit"] == []
    made = await world_api.post(
        f"/api/clients/{w.ids['client']}/shifts",
        as_="coach",
        json={
            "localId": coaching.new_id(),
            "workplace": "Hotel Aurora",
            "zone": "Europe/Helsinki",
            "startsAt": "08:00",
            "endsAt": "12:00",
            "repeat": "once",
            "date": "2026-12-01",
        },
    )
    assert made.status_code == 201, made.text
    shift_id = made.json()["id"]
    assert [s["workplace"] for s in (await recap())["withoutVisit"]] == ["Hotel Aurora"]
    assert [s["workplace"] for s in (await recap())["withoutVisit"]] == ["Hotel Aurora"]

    await Shift.update({Shift.workplace: "Hotel Aurora, back door"}).where(Shift.id == shift_id)
    assert [s["workplace"] for s in (await recap())["withoutVisit"]] == ["Hotel Aurora, back door"]

    cancelled = await world_api.post(
        f"/api/shifts/{shift_id}/exceptions",
        as_="coach",
        json={"date": "2026-12-01", "reason": "sick"},
    )
    assert cancelled.status_code in (200, 201), cancelled.text
    assert (await recap())["withoutVisit"] == []
    restored = await world_api.delete(f"/api/shifts/{shift_id}/exceptions/2026-12-01", as_="coach")
    assert restored.status_code == 204, restored.text
    assert len((await recap())["withoutVisit"]) == 1

    # The client moves to another coach, and back.
    for coach, listed in ((w.ids["other_coach"], 0), (w.ids["coach"], 1)):
        await ClientRecord.update({ClientRecord.coach: coach}).where(
            ClientRecord.user == w.ids["client"]
        )
        assert len((await recap())["withoutVisit"]) == listed

    # A visit logged by the coordinator (not the coach whose recap this is).
    visit = {"localId": coaching.new_id(), "shiftId": shift_id, "date": "2026-12-01"}
    logged = await world_api.post("/api/activities/visits", as_="coordinator", json=visit)
    assert logged.status_code == 201, logged.text
    after = await recap()
    assert after["withoutVisit"] == [] and after["logged"] == []

    own = await log(world_api, note="Called the manager.")
    assert [a["id"] for a in (await recap())["logged"]] == [own["id"]]


async def _elsewhere(told: Told, sql: str, *args: Any) -> None:
    """``sql`` committed by another process (another app server, a command); returns once this
    server can know of it (PostgreSQL: it heard the notification on ``told``'s channel)."""
    from backend.lib.db import Statement
    from backend.piccolo_conf import DB

    if DB.engine_type == "postgres":
        import asyncpg  # type: ignore[import-untyped]

        heard = told.count
        other = await asyncpg.connect(DB.config["dsn"])
        try:
            await other.execute(Statement(sql).postgres, *args)
        finally:
            await other.close()
        deadline = time.monotonic() + 10
        while told.count == heard:
            assert time.monotonic() < deadline, "the change was not told"
            await asyncio.sleep(0.005)
    else:
        with closing(sqlite3.connect(DB.path, isolation_level=None)) as other:
            other.execute(sql, args)


async def test_an_unmoved_log_is_read_from_nothing_and_a_change_elsewhere_shows_at_once(
    world_api: Api, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked again while nothing moved, a client's log reads neither the record nor the stamps
    (each read is still audit-logged). A change by another process shows at the next read: an
    activity's note changed, a mentorship ended (the mentor is refused at once) and opened."""
    from backend.activities import kept
    from backend.audit.tables import AuditEvent
    from backend.clients import caseloads, reading
    from backend.piccolo_conf import DB

    w = _w(world_api)
    client, mentor = w.ids["client"], w.ids["mentor"]
    first = await log(world_api, note="Met the manager.")
    reads: list[str] = []
    real_stamps, real_record = kept.fetch, reading.fetch

    async def stamps_read(engine: Any, statement: Any, *args: Any) -> Any:
        reads.append("stamps")
        return await real_stamps(engine, statement, *args)

    async def record_read(engine: Any, statement: Any, *args: Any) -> Any:
        if statement in reading._RECORD_BY.values():
            reads.append("record")
        return await real_record(engine, statement, *args)

    monkeypatch.setattr(kept, "fetch", stamps_read)
    monkeypatch.setattr(reading, "fetch", record_read)

    async def unmoved() -> None:
        """Read until nothing is read (on PostgreSQL the listener connects on first use)."""
        deadline = time.monotonic() + 10
        while True:
            reads.clear()
            await _client_log(world_api, "coach")
            if not reads:
                return
            assert time.monotonic() < deadline, f"still reading {reads}"
            await asyncio.sleep(0.01)

    await unmoved()
    audited = await AuditEvent.count().where(
        (AuditEvent.subject == client) & (AuditEvent.action == "activities_read")
    )
    for _ in range(3):
        assert _notes(await _client_log(world_api, "coach")) == ["Met the manager."]
    assert reads == [], "an unmoved log read its record or stamps again"
    assert (
        await AuditEvent.count().where(
            (AuditEvent.subject == client) & (AuditEvent.action == "activities_read")
        )
        == audited + 3
    )

    await _elsewhere(
        kept._told, "UPDATE activities SET note = ? WHERE id = ?", "Met Mr Virtanen.", first["id"]
    )
    assert _notes(await _client_log(world_api, "coach")) == ["Met Mr Virtanen."]

    assert _notes(await _client_log(world_api, "mentor")) == ["Met Mr Virtanen."]
    end = "UPDATE mentorships SET ended_on = ? WHERE client = ? AND mentor = ?"
    ended = date(2026, 12, 1) if DB.engine_type == "postgres" else "2026-12-01"
    await _elsewhere(caseloads._caseloads_told, end, ended, client, mentor)
    refused = await world_api.get(f"/api/clients/{client}/activities", as_="mentor")
    assert refused.status_code == 404, refused.text
    await _elsewhere(caseloads._caseloads_told, end, None, client, mentor)
    assert _notes(await _client_log(world_api, "mentor")) == ["Met Mr Virtanen."]
