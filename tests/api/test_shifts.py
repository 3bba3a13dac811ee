"""Shifts through the API: entered by the coach (the client reads them), weekly with cancelled
dates, the client's next shift in plain-words data, today's shifts, and the coach's week."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.api.conftest import Api
from tests.support import coaching
from tests.support.clock import FakeClock, install
from tests.support.world import World

# Tuesday 1 December 2026, 12:00 in Helsinki (UTC+2).
TUESDAY_NOON = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TUESDAY_NOON)


def weekly(**extra: Any) -> dict[str, Any]:
    return {
        "localId": coaching.new_id(),
        "workplace": "Hotel Aurora",
        "zone": "Europe/Helsinki",
        "startsAt": "08:00",
        "endsAt": "12:00",
        "repeat": "weekly",
        "weekdays": [1, 3, 5],
        "fromDate": "2026-11-30",
        **extra,
    }


async def _add(api: Api, body: dict[str, Any], as_: str = "coach") -> dict[str, Any]:
    w = _w(api)
    answer = await api.post(f"/api/clients/{w.ids['client']}/shifts", as_=as_, json=body)
    assert answer.status_code == 201, answer.text
    shift: dict[str, Any] = answer.json()
    return shift


async def test_a_weekly_shift_and_the_next_one_in_plain_words(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    body = weekly()
    shift = await _add(world_api, body)
    assert shift["weekdays"] == [1, 3, 5] and shift["startsAt"] == "08:00"
    assert shift["ownerId"] == w.ids["client"] and shift["until"] is None
    again = await world_api.post(f"/api/clients/{w.ids['client']}/shifts", as_="coach", json=body)
    assert again.status_code == 200 and again.json()["id"] == shift["id"]  # the outbox's retry

    base = f"/api/clients/{w.ids['client']}/shifts"
    nxt = (await world_api.get(f"{base}/next", as_="client")).json()
    assert nxt["next"]["day"] == "tomorrow"
    assert nxt["next"]["date"] == "2026-12-02" and nxt["next"]["weekday"] == 3
    assert nxt["next"]["startsAt"] == "08:00" and nxt["next"]["workplace"] == "Hotel Aurora"
    assert nxt["next"]["start"] == "2026-12-02T06:00:00Z"
    assert nxt["minutesUntil"] == 20 * 60

    # Wednesday is a holiday: the next is Friday, said as a weekday.
    cancelled = await world_api.post(
        f"/api/shifts/{shift['id']}/exceptions",
        as_="coach",
        json={"date": "2026-12-02", "reason": "holiday", "note": "Closed for a staff day"},
    )
    assert cancelled.status_code == 200
    assert cancelled.json()["exceptions"] == [
        {"date": "2026-12-02", "reason": "holiday", "note": "Closed for a staff day"}
    ]
    nxt = (await world_api.get(f"{base}/next", as_="client")).json()
    assert (nxt["next"]["date"], nxt["next"]["day"]) == ("2026-12-04", "weekday")
    upcoming = (await world_api.get(f"{base}/upcoming?days=7", as_="client")).json()
    assert [(o["date"], o["cancelled"]) for o in upcoming] == [
        ("2026-12-02", "holiday"),
        ("2026-12-04", None),
        ("2026-12-07", None),
    ]
    restored = await world_api.delete(
        f"/api/shifts/{shift['id']}/exceptions/2026-12-02", as_="coach"
    )
    assert restored.status_code == 204
    nxt = (await world_api.get(f"{base}/next", as_="client")).json()
    assert nxt["next"]["date"] == "2026-12-02"

    # On Wednesday at 09:00 the shift is under way: it is still "next", starting now.
    fake_clock.set(datetime(2026, 12, 2, 7, 0, tzinfo=UTC))
    nxt = (await world_api.get(f"{base}/next", as_="client")).json()
    assert (nxt["next"]["day"], nxt["minutesUntil"]) == ("today", 0)
    today = (await world_api.get(f"{base}/today", as_="client")).json()
    assert [(o["startsAt"], o["endsAt"]) for o in today] == [("08:00", "12:00")]
    # The list of the coming days has it too (the client's two weeks say "at work" today).
    soon = (await world_api.get(f"{base}/upcoming?days=1", as_="client")).json()
    assert [(o["date"], o["startsAt"]) for o in soon] == [("2026-12-02", "08:00")]

    # A week later than a week ahead: a date.
    fake_clock.set(datetime(2026, 12, 6, 10, 0, tzinfo=UTC))  # Sunday
    nxt = (await world_api.get(f"{base}/next", as_="client")).json()
    assert (nxt["next"]["date"], nxt["next"]["day"]) == ("2026-12-07", "tomorrow")


def once(**extra: Any) -> dict[str, Any]:
    return {
        "localId": coaching.new_id(),
        "workplace": "Night bakery",
        "zone": "Europe/Warsaw",
        "startsAt": "22:00",
        "endsAt": "06:00",
        "repeat": "once",
        "date": "2026-12-05",
        **extra,
    }


async def test_a_one_off_shift_that_ends_after_midnight_says_so(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    shift = await _add(world_api, once(endsNextDay=True))
    assert shift["date"] == "2026-12-05" and shift["weekdays"] == []
    assert shift["endsNextDay"] is True
    upcoming = (
        await world_api.get(f"/api/clients/{w.ids['client']}/shifts/upcoming", as_="coach")
    ).json()
    assert upcoming[0]["start"] == "2026-12-05T21:00:00Z"
    assert upcoming[0]["end"] == "2026-12-06T05:00:00Z"
    assert upcoming[0]["day"] == "weekday" and upcoming[0]["weekday"] == 6


def _refused(answer: Any, field: str) -> str:
    """A 422 problem naming ``field``; its reason."""
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert [e["field"] for e in problem["errors"]] == [field]
    reason: str = problem["errors"][0]["reason"]
    return reason


async def test_an_end_before_the_start_is_refused_unless_it_ends_the_next_day(
    world_api: Api, fake_clock: FakeClock
) -> None:
    """16:00–15:00 was once kept silently as a 23-hour shift."""
    w = _w(world_api)
    url = f"/api/clients/{w.ids['client']}/shifts"
    for body in (
        once(startsAt="16:00", endsAt="15:00"),
        weekly(startsAt="16:00", endsAt="15:00"),
        once(startsAt="16:00", endsAt="16:00"),
    ):
        reason = _refused(await world_api.post(url, as_="coach", json=body), "body.endsAt")
        assert "cannot end before it starts" in reason and "Ends the next day" in reason
    # "Ends the next day" with an end later that day is not a shift either.
    _refused(
        await world_api.post(url, as_="coach", json=weekly(endsNextDay=True)), "body.endsNextDay"
    )
    assert (await world_api.get(url, as_="coach")).json() == []  # nothing was kept

    # Said on purpose, both kinds are kept; a day shift says it ends the same day.
    night = await _add(world_api, weekly(startsAt="22:00", endsAt="06:00", endsNextDay=True))
    assert (night["startsAt"], night["endsAt"], night["endsNextDay"]) == ("22:00", "06:00", True)
    day = await _add(world_api, once(startsAt="08:00", endsAt="12:00"))
    assert day["endsNextDay"] is False

    # Changes are checked the same way, against the times the shift keeps.
    moved = await world_api.patch(f"/api/shifts/{day['id']}", as_="coach", json={"endsAt": "07:00"})
    _refused(moved, "body.endsAt")
    overnight = await world_api.patch(
        f"/api/shifts/{day['id']}", as_="coach", json={"endsAt": "07:00", "endsNextDay": True}
    )
    assert overnight.status_code == 200 and overnight.json()["endsNextDay"] is True
    # An overnight shift keeps ending the next day when only its start moves …
    later = await world_api.patch(
        f"/api/shifts/{night['id']}", as_="coach", json={"startsAt": "23:00"}
    )
    assert later.status_code == 200 and later.json()["endsNextDay"] is True
    # … and becomes a day shift only when it is said.
    _refused(
        await world_api.patch(f"/api/shifts/{night['id']}", as_="coach", json={"endsAt": "23:30"}),
        "body.endsNextDay",
    )
    same_day = await world_api.patch(
        f"/api/shifts/{night['id']}",
        as_="coach",
        json={"startsAt": "14:00", "endsAt": "22:00", "endsNextDay": False},
    )
    assert same_day.status_code == 200, same_day.text
    assert (same_day.json()["endsAt"], same_day.json()["endsNextDay"]) == ("22:00", False)


async def test_the_client_reads_their_shifts_and_cannot_change_them(
    world_api: Api, fake_clock: FakeClock
) -> None:
    """The client's phone is read-only for shifts: changes go through the coach."""
    w = _w(world_api)
    shift = await _add(world_api, weekly())
    url = f"/api/clients/{w.ids['client']}/shifts"
    assert (await world_api.post(url, as_="client", json=weekly())).status_code == 403
    one = f"/api/shifts/{shift['id']}"
    writes = [
        await world_api.patch(one, as_="client", json={"startsAt": "09:00"}),
        await world_api.post(
            f"{one}/exceptions", as_="client", json={"date": "2026-12-02", "reason": "sick"}
        ),
        await world_api.delete(one, as_="client"),
    ]
    assert [answer.status_code for answer in writes] == [403, 403, 403]
    kept = (await world_api.get(url, as_="client")).json()
    assert [(s["id"], s["startsAt"], s["exceptions"]) for s in kept] == [(shift["id"], "08:00", [])]


async def test_shift_changes_are_checked(world_api: Api, fake_clock: FakeClock) -> None:
    w = _w(world_api)
    url = f"/api/clients/{w.ids['client']}/shifts"
    bad_zone = await world_api.post(url, as_="coach", json=weekly(zone="Mars/Olympus"))
    assert bad_zone.status_code == 422
    assert bad_zone.json()["errors"][0]["field"] == "body.zone"
    no_days = await world_api.post(url, as_="coach", json=weekly(weekdays=[]))
    assert no_days.json()["errors"][0]["field"] == "body.weekdays"
    no_date = await world_api.post(
        url, as_="coach", json={**weekly(), "repeat": "once", "weekdays": []}
    )
    assert no_date.json()["errors"][0]["field"] == "body.date"
    backwards = await world_api.post(url, as_="coach", json=weekly(until="2026-11-01"))
    assert backwards.json()["errors"][0]["field"] == "body.until"
    bad_time = await world_api.post(url, as_="coach", json=weekly(startsAt="25:00"))
    assert bad_time.status_code == 400

    shift = await _add(world_api, weekly())
    changed = await world_api.patch(
        f"/api/shifts/{shift['id']}",
        as_="coach",
        json={"startsAt": "09:00", "weekdays": [2], "until": "2026-12-31"},
    )
    assert changed.status_code == 200
    assert (changed.json()["startsAt"], changed.json()["weekdays"]) == ("09:00", [2])
    assert changed.json()["until"] == "2026-12-31"
    cleared = await world_api.patch(f"/api/shifts/{shift['id']}", as_="coach", json={"until": None})
    assert cleared.json()["until"] is None
    not_that_day = await world_api.post(
        f"/api/shifts/{shift['id']}/exceptions",
        as_="coach",
        json={"date": "2026-12-03", "reason": "sick"},
    )
    assert not_that_day.status_code == 422  # Thursday: the shift is on Tuesdays now
    gone = await world_api.delete(f"/api/shifts/{shift['id']}/exceptions/2026-12-01", as_="coach")
    assert gone.status_code == 404


async def test_the_coach_week(world_api: Api, fake_clock: FakeClock) -> None:
    w = _w(world_api)
    await _add(world_api, weekly())
    goal = await world_api.post(
        f"/api/clients/{w.ids['client']}/goals",
        as_="coach",
        json={
            "localId": coaching.new_id(),
            "title": "Greet the team every morning",
            "means": ["Say good morning"],
            "startsOn": "2026-11-23",
            "endsOn": "2026-12-03",
            "levels": {"expected": "I greet the team every morning."},
        },
    )
    assert goal.status_code == 201, goal.text
    week = (await world_api.get("/api/week", as_="coach")).json()
    assert (week["start"], week["end"]) == ("2026-11-30", "2026-12-06")
    assert [(s["displayName"], s["occurrence"]["date"]) for s in week["shifts"]] == [
        ("Alice Client", "2026-11-30"),
        ("Alice Client", "2026-12-02"),
        ("Alice Client", "2026-12-04"),
    ]
    assert [d["displayName"] for d in week["conversationsDue"]] == ["Alice Client"]
    assert [g["title"] for g in week["goalsEnding"]] == ["Greet the team every morning"]
    other = (await world_api.get("/api/week", as_="other_coach")).json()
    assert other["shifts"] == [] and other["goalsEnding"] == []
    assert [d["displayName"] for d in other["conversationsDue"]] == ["Bob Client"]
    next_week = (await world_api.get("/api/week?start=2026-12-09", as_="coordinator")).json()
    assert next_week["start"] == "2026-12-07" and len(next_week["shifts"]) == 3
    everyone = (await world_api.get("/api/week", as_="admin")).json()
    assert sorted(d["displayName"] for d in everyone["conversationsDue"]) == [
        "Alice Client",
        "Bob Client",
    ]

    # Staff who see several coaches' clients narrow the week to one coach's.
    for coach, name in (("coach", "Alice Client"), ("other_coach", "Bob Client")):
        one = (await world_api.get(f"/api/week?coach={w.ids[coach]}", as_="admin")).json()
        assert [d["displayName"] for d in one["conversationsDue"]] == [name]
        assert len(one["shifts"]) == (3 if coach == "coach" else 0)
    # Asking for a coach outside one's own caseload shows none of their clients.
    nothing = {"shifts": [], "conversationsDue": [], "goalsEnding": []}
    for actor in ("coordinator", "coach"):
        other = await world_api.get(f"/api/week?coach={w.ids['other_coach']}", as_=actor)
        assert other.json() == {**other.json(), **nothing}
    bad = await world_api.get("/api/week?coach=someone", as_="coordinator")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "coach"
