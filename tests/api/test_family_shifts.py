"""A family member with the client's "My work times" consent sees the client's next shifts in
their feed: the day, the start and the end; the workplace only with "My workplace"
too; cancelled dates and their reasons never. Live like every other kind: read at each request,
gone at the next request after a withdrawal."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.api.conftest import Api
from tests.support import coaching, family
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


async def _shift(api: Api, **extra: Any) -> dict[str, Any]:
    w = _w(api)
    answer = await api.post(
        f"/api/clients/{w.ids['client']}/shifts",
        as_="coach",
        json={
            "localId": coaching.new_id(),
            "workplace": "Hotel Aurora",
            "zone": "Europe/Helsinki",
            "startsAt": "08:00",
            "endsAt": "12:00",
            "repeat": "weekly",
            "weekdays": [1, 3, 5],
            "fromDate": "2026-11-30",
            **extra,
        },
    )
    assert answer.status_code == 201, answer.text
    shift: dict[str, Any] = answer.json()
    return shift


async def _feed_shifts(api: Api) -> list[dict[str, Any]]:
    answer = await api.get("/api/family/feed", as_="family")
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "private, no-store"
    shifts: list[dict[str, Any]] = answer.json()["shifts"]
    return shifts


async def _choose(api: Api, kind: str, granted: bool, version: int = 2) -> Any:
    w = _w(api)
    return await api.post(
        f"/api/clients/{w.ids['client']}/consents",
        as_="client",
        json={
            "localId": family.new_id(),
            "familyId": w.ids["family"],
            "kind": kind,
            "granted": granted,
            "textVersion": version,
        },
    )


async def test_work_times_are_seen_with_consent_and_gone_at_once_without(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    shift = await _shift(world_api)
    sick = await world_api.post(
        f"/api/shifts/{shift['id']}/exceptions",
        as_="coach",
        json={"date": "2026-12-04", "reason": "sick", "note": "Flu"},
    )
    assert sick.status_code == 200

    # No consent: nothing about work in the feed, and the shifts themselves stay out of reach.
    assert await _feed_shifts(world_api) == []
    for path in ("shifts", "shifts/next", "shifts/upcoming"):
        answer = await world_api.get(f"/api/clients/{w.ids['client']}/{path}", as_="family")
        assert answer.status_code == 404
    # Other kinds do not open it either.
    assert (await _choose(world_api, "goals", True)).status_code == 201
    assert await _feed_shifts(world_api) == []

    # "My work times": the next two weeks, day and hours only; the sick day is not there.
    assert (await _choose(world_api, "shifts", True)).status_code == 201
    seen = await _feed_shifts(world_api)
    assert [s["date"] for s in seen] == [
        "2026-12-02",
        "2026-12-07",
        "2026-12-09",
        "2026-12-11",
        "2026-12-14",
    ]
    assert seen[0] == {
        "clientId": w.ids["client"],
        "clientName": "Alice Client",
        "date": "2026-12-02",
        "startsAt": "08:00",
        "endsAt": "12:00",
        "endsNextDay": False,
        "workplace": None,
    }

    # A change by the coach is in the next answer, as the shift is read at each request.
    moved = await world_api.patch(
        f"/api/shifts/{shift['id']}", as_="coach", json={"startsAt": "09:00"}
    )
    assert moved.status_code == 200
    assert {s["startsAt"] for s in await _feed_shifts(world_api)} == {"09:00"}

    # Withdrawn: gone at the very next request.
    assert (await _choose(world_api, "shifts", False)).status_code == 201
    assert await _feed_shifts(world_api) == []
    feed = (await world_api.get("/api/family/feed", as_="family")).json()
    assert feed["sharing"][0]["kinds"] == ["goals"]


async def test_the_workplace_is_seen_only_when_the_client_shares_it_too(
    world_api: Api, fake_clock: FakeClock
) -> None:
    await _shift(world_api)
    await _shift(
        world_api,
        workplace="Night bakery",
        startsAt="22:00",
        endsAt="06:00",
        endsNextDay=True,
        repeat="once",
        weekdays=[],
        date="2026-12-01",
    )
    # "My workplace" alone shows nothing: it goes with the work times.
    assert (await _choose(world_api, "workplace", True)).status_code == 201
    assert await _feed_shifts(world_api) == []

    assert (await _choose(world_api, "shifts", True)).status_code == 201
    seen = await _feed_shifts(world_api)
    assert [
        (s["date"], s["startsAt"], s["endsAt"], s["endsNextDay"], s["workplace"]) for s in seen
    ][:2] == [
        ("2026-12-01", "22:00", "06:00", True, "Night bakery"),
        ("2026-12-02", "08:00", "12:00", False, "Hotel Aurora"),
    ]

    # Withdrawing the workplace keeps the times and hides the names, from the next request.
    assert (await _choose(world_api, "workplace", False)).status_code == 201
    seen = await _feed_shifts(world_api)
    assert len(seen) == 7 and {s["workplace"] for s in seen} == {None}


async def test_the_workplace_cannot_be_agreed_to_with_wording_that_never_asked(
    world_api: Api,
) -> None:
    old = await _choose(world_api, "workplace", True, version=1)
    assert old.status_code == 422
    assert old.json()["errors"][0]["field"] == "body.kind"
    assert await _feed_shifts(world_api) == []
