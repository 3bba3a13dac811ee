"""The logs' pages are made by the database as the wire's JSON (``backend/activities/queries.py``);
one activity read alone is made in Python from its stored row (``reading.to_wire``). Both must
say the same about every field: here activities of every shape are logged, changed and read both
ways, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backend import clients
from backend.lib import clock
from tests.api.conftest import Api
from tests.api.test_activities import _employer, body
from tests.support import coaching
from tests.support.clock import FakeClock, install
from tests.support.world import World, make_user

TUESDAY = datetime(2026, 12, 1, 14, 0, 0, 250_000, tzinfo=UTC)  # with microseconds


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TUESDAY)


async def _post(api: Api, w: World, **extra: Any) -> dict[str, Any]:
    answer = await api.post("/api/activities", as_="coach", json=body(w, **extra))
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()
    return created


async def test_a_page_says_what_the_activity_read_alone_says(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = world_api.world
    assert w is not None
    # A second client of the coach, named to sort before the first.
    second = await make_user(w, "second_client", "Aaron Second", "client", None)
    await clients.create_record(second, w.ids["coach"])
    employer = await _employer()
    shift = await world_api.post(
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
    assert shift.status_code == 201, shift.text
    logged = [
        await _post(world_api, w, note="Plain"),
        await _post(
            world_api,
            w,
            clientIds=[w.ids["client"], second],
            purposes=["job_search", "employer_contact", "training"],
            withWhom="family",
            withName='Mother ⟨"quoted"⟩ \\ back',
            mode="phone",
            made=False,
            note='Line one\nline two, "quoted", ünïcödé, עברית',
            agreed=[
                {"text": "Third? no — first", "who": "client", "dueOn": "2026-12-07"},
                {"text": "Second", "who": "coach", "dueOn": "2026-12-04", "remind": True},
                {"text": "Last, no date", "who": "client"},
            ],
        ),
        await _post(
            world_api,
            w,
            withWhom="employer_person",
            employerId=employer,
            restricted=True,
            restrictedReason="Said in confidence",
            occurredAt=(clock.now() - timedelta(days=3, microseconds=1)).isoformat(),
        ),
    ]
    visit = await world_api.post(
        "/api/activities/visits",
        as_="coach",
        json={"localId": coaching.new_id(), "shiftId": shift.json()["id"], "date": "2026-12-01"},
    )
    assert visit.status_code == 201, visit.text
    logged.append(visit.json())
    changed = await world_api.patch(
        f"/api/activities/{logged[0]['id']}",
        as_="coach",
        json={"minutes": 10, "agreed": [{"text": "Call back", "who": "coach"}]},
    )
    assert changed.status_code == 200, changed.text

    alone = {}
    for activity in logged:
        one = await world_api.get(f"/api/activities/{activity['id']}", as_="coach")
        assert one.status_code == 200, one.text
        alone[activity["id"]] = one.json()
    assert alone[logged[0]["id"]]["minutes"] == 10
    assert [a["text"] for a in alone[logged[1]["id"]]["agreed"]] == [
        "Third? no — first",
        "Second",
        "Last, no date",
    ]
    names = [c["displayName"] for c in alone[logged[1]["id"]]["clients"]]
    assert names[0] == "Aaron Second" and len(names) == 2
    # The client's log (one client), the coach's own log (by author) and the coordinator's
    # team log (several clients) are three statements of the same making.
    pages = {
        "client's log": (f"/api/clients/{w.ids['client']}/activities", "coach"),
        "own log": ("/api/activities", "coach"),
        "team log": ("/api/activities?view=team", "coordinator"),
    }
    for name, (url, who) in pages.items():
        answer = await world_api.get(url, as_=who)
        assert answer.status_code == 200, (name, answer.text)
        listed = {a["id"]: a for a in answer.json()}
        assert set(listed) == set(alone), name
        for key, expected in alone.items():
            if who != "coach":
                # Rights are the reader's: the coordinator may neither change nor delete.
                assert listed[key]["canEdit"] is False and listed[key]["canDelete"] is False
                expected = {**expected, "canEdit": False, "canDelete": False}
            assert listed[key] == expected, (name, key)
