"""The schedule reads only the shifts that can fall in the days asked for: the answers at the
edges of those days stay right however much history a client has (past one-off shifts, a
weekly shift that ended, old cancelled dates, one that begins later, one under way from
yesterday)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from tests.api.conftest import Api
from tests.support import coaching
from tests.support.clock import FakeClock, install

# Tuesday 1 December 2026, 12:00 in Helsinki (UTC+2).
TUESDAY_NOON = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TUESDAY_NOON)


def _shift(**fields: Any) -> dict[str, Any]:
    return {
        "clientId": coaching.new_id(),
        "workplace": "Hotel Aurora",
        "zone": "Europe/Helsinki",
        "startsAt": "08:00",
        "endsAt": "12:00",
        **fields,
    }


async def _add(api: Api, client: str, body: dict[str, Any]) -> str:
    answer = await api.post(f"/api/clients/{client}/shifts", as_="coach", json=body)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


async def _cancel(api: Api, shift: str, day: str) -> None:
    answer = await api.post(
        f"/api/shifts/{shift}/exceptions", as_="coach", json={"date": day, "reason": "holiday"}
    )
    assert answer.status_code == 200, answer.text


async def test_answers_at_the_edges_of_the_window_with_a_long_history(
    world_api: Api, fake_clock: FakeClock
) -> None:
    assert world_api.world is not None
    client = world_api.world.ids["client"]
    # History that no answer below may show: a month of past one-off shifts up to the Sunday
    # before this week, and a weekly shift that ended that Sunday.
    for n in range(29):
        day = date(2026, 11, 1) + timedelta(days=n)
        await _add(world_api, client, _shift(repeat="once", date=day.isoformat()))
    ended = _shift(
        repeat="weekly", weekdays=[1, 2, 3, 4, 5, 6, 7], fromDate="2026-10-01", until="2026-11-29"
    )
    await _add(world_api, client, ended)
    # The answers: a night shift under way since yesterday, one this afternoon, Wednesdays
    # (tomorrow cancelled, and a cancelled Wednesday long ago), Saturdays from this Saturday,
    # and a one-off a week from today at 08:00 (within seven days of now) and after it.
    night = _shift(repeat="once", date="2026-11-30", startsAt="22:00", endsAt="13:00")
    await _add(world_api, client, {**night, "endsNextDay": True})
    await _add(
        world_api,
        client,
        _shift(repeat="once", date="2026-12-01", startsAt="15:00", endsAt="16:00"),
    )
    wednesdays = await _add(
        world_api, client, _shift(repeat="weekly", weekdays=[3], fromDate="2026-11-01")
    )
    await _cancel(world_api, wednesdays, "2026-11-04")
    await _cancel(world_api, wednesdays, "2026-12-02")
    await _add(world_api, client, _shift(repeat="weekly", weekdays=[6], fromDate="2026-12-05"))
    await _add(world_api, client, _shift(repeat="once", date="2026-12-08"))
    await _add(
        world_api,
        client,
        _shift(repeat="once", date="2026-12-09", startsAt="13:00", endsAt="17:00"),
    )

    base = f"/api/clients/{client}/shifts"
    nxt = (await world_api.get(f"{base}/next", as_="client")).json()
    assert (nxt["next"]["date"], nxt["next"]["startsAt"], nxt["minutesUntil"]) == (
        "2026-11-30",
        "22:00",
        0,
    )
    today = (await world_api.get(f"{base}/today", as_="client")).json()
    assert [(o["date"], o["startsAt"]) for o in today] == [("2026-12-01", "15:00")]
    upcoming = (await world_api.get(f"{base}/upcoming?days=7", as_="client")).json()
    assert [(o["date"], o["startsAt"], o["cancelled"]) for o in upcoming] == [
        ("2026-11-30", "22:00", None),
        ("2026-12-01", "15:00", None),
        ("2026-12-02", "08:00", "holiday"),
        ("2026-12-05", "08:00", None),
        ("2026-12-08", "08:00", None),
    ]
    week = (await world_api.get("/api/week?start=2026-11-30", as_="coach")).json()
    assert [
        (s["occurrence"]["date"], s["occurrence"]["startsAt"], s["occurrence"]["cancelled"])
        for s in week["shifts"]
    ] == [
        ("2026-11-30", "22:00", None),
        ("2026-12-01", "15:00", None),
        ("2026-12-02", "08:00", "holiday"),
        ("2026-12-05", "08:00", None),
    ]
    # The week before: every one-off day, the ended weekly shift's last week, one Wednesday.
    last_week = (await world_api.get("/api/week?start=2026-11-23", as_="coach")).json()
    days = sorted(s["occurrence"]["date"] for s in last_week["shifts"])
    every_day = [f"2026-11-{day}" for day in range(23, 30)]
    assert days == sorted([*every_day, *every_day, "2026-11-25"])
    # The coach's day recap asks for one local day's shifts: on each day, exactly those that
    # start that day and are not cancelled (the ended weekly shift, the cancelled Wednesday and
    # the Saturdays before they begin never come back).
    expected = {
        "2026-11-29": [("2026-11-29", "08:00"), ("2026-11-29", "08:00")],
        "2026-11-30": [("2026-11-30", "22:00")],
        "2026-12-01": [("2026-12-01", "15:00")],
        "2026-12-02": [],
        "2026-12-05": [("2026-12-05", "08:00")],
        "2026-12-09": [("2026-12-09", "08:00"), ("2026-12-09", "13:00")],
        "2026-11-28": [("2026-11-28", "08:00"), ("2026-11-28", "08:00")],
    }
    for day, shown in expected.items():
        recap = await world_api.get(
            f"/api/activities/recap?day={day}&zone=Europe/Helsinki", as_="coach"
        )
        assert recap.status_code == 200, recap.text
        found = [(s["date"], s["startsAt"]) for s in recap.json()["withoutVisit"]]
        assert found == shown, day
