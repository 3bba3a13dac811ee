"""The coordinator's and administrator's audit log: filters by person,
client, kind and dates, keyset paging, names instead of ids, coordinators only their team's."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from backend.audit.services import record
from tests.api.conftest import Api
from tests.support.clock import FakeClock, install
from tests.support.world import World


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))


async def _log(w: World, fake_clock: FakeClock) -> None:
    """Four days: Ada reads Alice's record, Ben reads Bob's, each day."""
    north, south = w.teams["North"], w.teams["South"]
    for day in range(1, 5):
        fake_clock.set(datetime(2026, 12, day, 10, 0, tzinfo=UTC))
        await record("client_read", actor=w.ids["coach"], subject=w.ids["client"], team=north)
        await record("goals_read", actor=w.ids["coach"], subject=w.ids["client"], team=north)
        await record(
            "client_read", actor=w.ids["other_coach"], subject=w.ids["other_client"], team=south
        )


def _world(api: Api) -> World:
    assert api.world is not None
    return api.world


async def test_entries_carry_names_and_filter_by_client_kind_person_and_days(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _world(world_api)
    await _log(w, fake_clock)
    alice = w.ids["client"]
    by_client = (await world_api.get(f"/api/audit?client={alice}", as_="admin")).json()
    assert len(by_client) == 8 and {e["subjectName"] for e in by_client} == {"Alice Client"}
    assert {e["actorName"] for e in by_client} == {"Ada Coach"}
    kind = (await world_api.get(f"/api/audit?client={alice}&kind=goals_read", as_="admin")).json()
    assert [e["action"] for e in kind] == ["goals_read"] * 4
    person = (await world_api.get(f"/api/audit?person={w.ids['other_coach']}", as_="admin")).json()
    assert len(person) == 4 and {e["subjectName"] for e in person} == {"Bob Client"}
    days = (
        await world_api.get(
            f"/api/audit?client={alice}&since=2026-12-02&until=2026-12-03", as_="admin"
        )
    ).json()
    assert sorted({e["at"][:10] for e in days}) == ["2026-12-02", "2026-12-03"]
    assert len(days) == 4
    # A day is the reader's: 10:00 UTC is midnight in Honolulu (UTC-10), so 2 December there
    # holds the entries of 2 December 10:00 UTC and not those of 3 December 10:00 UTC.
    honolulu = (
        await world_api.get(
            f"/api/audit?client={alice}&since=2026-12-02&until=2026-12-02&zone=Pacific/Honolulu",
            as_="admin",
        )
    ).json()
    assert {e["at"][:10] for e in honolulu} == {"2026-12-02"}


async def test_pages_follow_each_other_by_the_last_entry_shown(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _world(world_api)
    await _log(w, fake_clock)
    seen: list[int] = []
    before = ""
    while True:
        page = (
            await world_api.get(f"/api/audit?client={w.ids['client']}&limit=3{before}", as_="admin")
        ).json()
        seen += [e["id"] for e in page]
        if len(page) < 3:
            break
        before = f"&before={page[-1]['id']}"
    assert len(seen) == 8 and seen == sorted(seen, reverse=True) and len(set(seen)) == 8


async def test_a_coordinator_reads_only_the_teams_entries(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _world(world_api)
    await _log(w, fake_clock)
    mine = (await world_api.get("/api/audit", as_="coordinator")).json()
    assert mine and {e["subjectName"] for e in mine} == {"Alice Client"}
    # Filtering on another team's client or coach finds nothing rather than their entries.
    other = await world_api.get(f"/api/audit?client={w.ids['other_client']}", as_="coordinator")
    assert other.status_code == 200 and other.json() == []
    ben = await world_api.get(f"/api/audit?person={w.ids['other_coach']}", as_="coordinator")
    assert ben.json() == []
    assert (await world_api.get("/api/audit", as_="coach")).status_code == 403


async def test_bad_filters_name_the_field(world_api: Api) -> None:
    for query, field in (
        ("client=bob", "query.client"),
        ("person=12", "query.person"),
        ("kind=drop%20table", "query.kind"),
        ("since=2026-12-05&until=2026-12-01", "query.until"),
        ("zone=Nowhere/Land", "query.zone"),
        ("since=yesterday", "query.since"),
        ("before=last", "query.before"),
        ("limit=5000", "query.limit"),
    ):
        answer = await world_api.get(f"/api/audit?{query}", as_="admin")
        assert answer.status_code == 400, query
        assert answer.json()["errors"][0]["field"] == field


async def test_pages_follow_each_other_by_an_opaque_cursor_to_the_first_entry(
    world_api: Api, fake_clock: FakeClock
) -> None:
    """Every entry is reachable, however old: newest first, a page at a time, filters kept."""
    w = _world(world_api)
    await _log(w, fake_clock)
    for day in range(5, 30):  # a longer history of the same client
        fake_clock.set(datetime(2026, 12, day, 10, 0, tzinfo=UTC))
        await record("client_read", actor=w.ids["coach"], subject=w.ids["client"], team="n")
    seen: list[dict[str, Any]] = []
    cursor = ""
    pages = 0
    while True:
        answer = await world_api.get(
            f"/api/audit?client={w.ids['client']}&limit=7{cursor}", as_="admin"
        )
        assert answer.status_code == 200, answer.text
        page = answer.json()
        pages += 1
        seen += page
        if len(page) < 7:
            break
        assert page[-1]["cursor"] and str(page[-1]["id"]) not in page[-1]["cursor"]
        cursor = f"&cursor={page[-1]['cursor']}"
    assert pages == 5 and len(seen) == 8 + 25
    ids = [e["id"] for e in seen]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
    assert seen[-1]["at"].startswith("2026-12-01")  # the oldest is reachable
    # With the kind narrowed, the cursor goes on within the narrowed log.
    first = (
        await world_api.get(
            f"/api/audit?client={w.ids['client']}&kind=goals_read&limit=2", as_="admin"
        )
    ).json()
    rest = (
        await world_api.get(
            f"/api/audit?client={w.ids['client']}&kind=goals_read&cursor={first[-1]['cursor']}",
            as_="admin",
        )
    ).json()
    assert [e["action"] for e in first + rest] == ["goals_read"] * 4


async def test_a_cursor_that_is_not_ours_is_refused_naming_the_field(world_api: Api) -> None:
    for cursor in ("nonsense!", "MTIz", "YXVkaXQtYmVmb3JlOmFiYw", "x" * 65):
        answer = await world_api.get(f"/api/audit?cursor={cursor}", as_="admin")
        assert answer.status_code == 400, cursor
        problem = answer.json()
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert problem["errors"][0]["field"] == "query.cursor"
        assert "audit log" in problem["errors"][0]["reason"]
    assert (await world_api.get("/api/audit?limit=0", as_="admin")).status_code == 400
    assert (await world_api.get("/api/audit?limit=201", as_="admin")).status_code == 400
