"""Fading plans through the API: Ada plans Alice's support at her kitchen job stepping down;
three weeks of visits longer than planned tell Ada and her coordinator once; the quarter mark
and the "stable" mark are told once each; a changed plan does not rewrite the closed weeks; bad
steps are refused naming the field; a repeated save lands once; reads are audited."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backend.audit.tables import AuditEvent
from backend.fading import catch_up_due, plan_of
from backend.fading import services as fading_services
from backend.fading.tables import FadingAlert, FadingWeek
from tests.api.conftest import Api
from tests.support.clock import FakeClock, install
from tests.support.employers import build_employers
from tests.support.world import World

HELSINKI = "Europe/Helsinki"
MONDAY = date(2026, 11, 2)  # Alice's job at Hotel Aurora starts (tests/support/employers.py)


def _id() -> str:
    return str(uuid.uuid4())


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, datetime(2026, 11, 2, 6, 0, tzinfo=UTC))


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], str]]:
    calls: list[tuple[list[str], str]] = []

    async def send(user_ids: list[str], kind: str) -> int:
        calls.append((sorted(user_ids), kind))
        return len(user_ids)

    monkeypatch.setattr(fading_services, "send_now_to", send)
    return calls


def _plan_url(w: World) -> str:
    return f"/api/clients/{w.ids['client']}/jobs/{w.ids['job']}/fading"


STEPS = [
    {"fromDate": "2026-11-02", "coachHoursPerWeek": 10},
    {"fromDate": "2026-11-16", "coachHoursPerWeek": 5},
    {"fromDate": "2026-11-30", "shareOfShiftPercent": 25},
]


async def _save(api: Api, steps: list[dict[str, Any]], as_: str = "coach", key: str = "") -> Any:
    body = {"localId": key or _id(), "steps": steps, "zone": HELSINKI}
    return await api.request("PUT", _plan_url(_w(api)), as_=as_, json=body)


async def _shift(api: Api) -> None:
    """Alice works Monday to Friday, 9 to 13 at the hotel: 20 hours a week."""
    w = _w(api)
    body = {
        "localId": _id(),
        "workplace": "Hotel Aurora",
        "zone": HELSINKI,
        "startsAt": "09:00",
        "endsAt": "13:00",
        "weekdays": [1, 2, 3, 4, 5],
        "fromDate": MONDAY.isoformat(),
        "jobId": w.ids["job"],
    }
    made = await api.post(f"/api/clients/{w.ids['client']}/shifts", as_="coach", json=body)
    assert made.status_code == 201, made.text


async def _visit(api: Api, clock: FakeClock, day: date, minutes: int) -> None:
    """Ada at the hotel with Alice on ``day``, logged that afternoon."""
    w = _w(api)
    clock.set(datetime(day.year, day.month, day.day, 14, 0, tzinfo=UTC))
    body = {
        "localId": _id(),
        "clientIds": [w.ids["client"]],
        "mode": "workplace",
        "occurredAt": datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC).isoformat(),
        "minutes": minutes,
        "purposes": ["training"],
        "employerId": w.ids["employer"],
    }
    made = await api.post("/api/activities", as_="coach", json=body)
    assert made.status_code == 201, made.text


async def _alerts(kind: str | None = None) -> list[dict[str, Any]]:
    rows = await FadingAlert.select(FadingAlert.kind, FadingAlert.since)
    return [r for r in rows if kind is None or r["kind"] == kind]


async def test_support_not_faded_for_three_weeks_is_told_once_then_the_marks(
    world_api: Api, fake_clock: FakeClock, told: list[tuple[list[str], str]]
) -> None:
    w = _w(world_api)
    await build_employers(w)
    await _shift(world_api)
    saved = await _save(world_api, STEPS)
    assert saved.status_code == 201, saved.text
    assert saved.json()["version"] == 1
    assert [s["coachHoursPerWeek"] for s in saved.json()["steps"]] == [10, 5, None]

    # Three weeks of 3 × 4 hours at the hotel: 12 h against 10, 5 and 5 planned.
    for week in range(3):
        for day in (0, 2, 4):
            await _visit(world_api, fake_clock, MONDAY + timedelta(weeks=week, days=day), 240)
    assert await _alerts() == []

    # The third week closes two days after it ended (Wednesday 25 November).
    fake_clock.set(datetime(2026, 11, 25, 6, 0, tzinfo=UTC))
    seen = await world_api.get(_plan_url(w), as_="coordinator")
    assert seen.status_code == 200, seen.text
    plan = seen.json()
    closed = [wk for wk in plan["weeks"] if wk["closed"]]
    assert [wk["weekStart"] for wk in closed] == ["2026-11-02", "2026-11-09", "2026-11-16"]
    assert [wk["plannedMinutes"] for wk in closed] == [600, 600, 300]
    assert [wk["coachMinutes"] for wk in closed] == [720, 720, 720]
    assert [wk["shiftMinutes"] for wk in closed] == [1200, 1200, 1200]
    assert [wk["presencePercent"] for wk in closed] == [60, 60, 60]
    assert [wk["visits"] for wk in closed] == [3, 3, 3]
    assert all(wk["overPlan"] for wk in closed)
    assert [a["kind"] for a in plan["alerts"]] == ["not_faded"]
    assert plan["alerts"][0]["since"] == "2026-11-02"
    recipients = sorted([w.ids["coach"], w.ids["coordinator"]])
    assert told == [(recipients, "fading")]

    # Asked again, and by the engine's round: nothing new, nobody told twice.
    assert await catch_up_due(fake_clock()) == 0
    await world_api.get(_plan_url(w), as_="coach")
    assert len(await _alerts("not_faded")) == 1 and len(told) == 1

    # The alert is in the coach's and the coordinator's lists, not in the other team's.
    for who in ("coach", "coordinator", "admin"):
        listed = await world_api.get("/api/fading/alerts", as_=who)
        assert [a["kind"] for a in listed.json()] == ["not_faded"], who
        assert listed.json()[0]["jobTitle"] == "Kitchen assistant"
    assert (await world_api.get("/api/fading/alerts", as_="other_coach")).json() == []

    # A fourth week over plan is the same run: no second alert.
    for day in (0, 2):
        await _visit(world_api, fake_clock, date(2026, 11, 23) + timedelta(days=day), 240)
    fake_clock.set(datetime(2026, 12, 2, 6, 0, tzinfo=UTC))
    assert await catch_up_due(fake_clock()) == 1
    assert len(await _alerts("not_faded")) == 1 and len(told) == 1

    # The coach changes the plan: the closed weeks keep what was planned then.
    changed = await _save(world_api, [{"fromDate": "2026-11-02", "coachHoursPerWeek": 20}])
    assert changed.status_code == 201 and changed.json()["version"] == 2
    closed = [wk for wk in changed.json()["weeks"] if wk["closed"]]
    assert [wk["plannedMinutes"] for wk in closed] == [600, 600, 300, 300]
    await _save(world_api, STEPS)  # version 3: the plan as it was

    # Week of 30 November: one hour a week, 5 % of the shift time — the quarter mark.
    await _visit(world_api, fake_clock, date(2026, 11, 30), 60)
    fake_clock.set(datetime(2026, 12, 9, 6, 0, tzinfo=UTC))
    await catch_up_due(fake_clock())
    assert [a["kind"] for a in await _alerts("quarter")] == ["quarter"]
    assert told[-1] == (recipients, "fading")

    # No visits for thirteen weeks more: stable, told once.
    fake_clock.set(datetime(2027, 3, 10, 6, 0, tzinfo=UTC))
    while await catch_up_due(fake_clock()):
        pass
    seen = await world_api.get(_plan_url(w), as_="coach")
    assert seen.json()["stable"] is True and seen.json()["quarterReached"] is True
    assert len(await _alerts("stable")) == 1
    assert [k for _, k in told] == ["fading", "fading", "fading"]
    summary = await plan_of(w.ids["client"], w.ids["job"])
    assert summary is not None and summary.stable
    rows = [(s.from_date, s.coach_hours_tenths, s.share_of_shift_percent) for s in summary.steps]
    assert rows == [
        (date(2026, 11, 2), 100, None),
        (date(2026, 11, 16), 50, None),
        (date(2026, 11, 30), None, 25),
    ]
    # Weeks are kept once each.
    weeks = await FadingWeek.count()
    await catch_up_due(fake_clock())
    assert await FadingWeek.count() == weeks


async def test_the_coordinators_view_pages_the_teams_plans(
    world_api: Api, fake_clock: FakeClock, told: list[tuple[list[str], str]]
) -> None:
    w = _w(world_api)
    await build_employers(w)
    await _shift(world_api)
    assert (await _save(world_api, STEPS, as_="coordinator")).status_code == 201
    await _visit(world_api, fake_clock, MONDAY, 300)
    fake_clock.set(datetime(2026, 11, 12, 6, 0, tzinfo=UTC))
    rows = await world_api.get("/api/fading/plans?limit=1", as_="coordinator")
    assert rows.status_code == 200, rows.text
    [row] = rows.json()
    assert row["clientName"] == "Alice Client" and row["coachName"] == "Ada Coach"
    assert row["latest"]["weekStart"] == "2026-11-02"
    assert row["latest"]["plannedMinutes"] == 600 and row["latest"]["coachMinutes"] == 300
    assert "Link" not in rows.headers
    assert (await world_api.get("/api/fading/plans", as_="other_coach")).json() == []
    audited = await AuditEvent.select(AuditEvent.action).where(
        AuditEvent.action == "fading_plans_read"
    )
    assert len(audited) == 1


async def test_a_repeated_save_lands_once_and_reads_are_audited(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    await build_employers(w)
    key = _id()
    first = await _save(world_api, STEPS, key=key)
    again = await _save(world_api, STEPS, key=key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["version"] == 1
    other = await _save(world_api, STEPS[:1], key=key)
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "body.localId"
    await world_api.get(_plan_url(w), as_="coordinator")
    await world_api.get(_plan_url(w), as_="client")  # her own: not audited
    rows = await AuditEvent.select(AuditEvent.action, AuditEvent.actor).where(
        AuditEvent.action == "fading_read"
    )
    assert [str(r["actor"]) for r in rows] == [w.ids["coordinator"]]
    mine = await world_api.get("/api/fading/mine", as_="client")
    assert mine.status_code == 200
    [job] = mine.json()
    assert job["jobTitle"] == "Kitchen assistant"
    assert job["current"]["coachHoursPerWeek"] == 10
    # The client reads her plan without the staff's alerts.
    assert (await world_api.get(_plan_url(w), as_="client")).json()["alerts"] == []


@pytest.mark.parametrize(
    ("steps", "field"),
    [
        ([{"fromDate": "2026-11-02"}], "body.steps.0.coachHoursPerWeek"),
        (
            [{"fromDate": "2026-11-02", "coachHoursPerWeek": 4, "shareOfShiftPercent": 10}],
            "body.steps.0.coachHoursPerWeek",
        ),
        ([{"fromDate": "2026-10-01", "coachHoursPerWeek": 4}], "body.steps.0.fromDate"),
        (
            [
                {"fromDate": "2026-11-09", "coachHoursPerWeek": 4},
                {"fromDate": "2026-11-09", "coachHoursPerWeek": 2},
            ],
            "body.steps.1.fromDate",
        ),
        ([{"fromDate": "2026-11-09", "coachHoursPerWeek": 81}], "body.steps.0.coachHoursPerWeek"),
        (
            [{"fromDate": "2026-11-09", "shareOfShiftPercent": 101}],
            "body.steps.0.shareOfShiftPercent",
        ),
        ([], "body.steps"),
    ],
)
async def test_bad_steps_are_refused_naming_the_field(
    world_api: Api, fake_clock: FakeClock, steps: list[dict[str, Any]], field: str
) -> None:
    await build_employers(_w(world_api))
    refused = await _save(world_api, steps)
    assert refused.status_code in (400, 422), refused.text
    assert refused.json()["errors"][0]["field"] == field


async def test_bad_zone_and_someone_elses_job(world_api: Api, fake_clock: FakeClock) -> None:
    w = _w(world_api)
    await build_employers(w)
    body = {"localId": _id(), "steps": STEPS, "zone": "Mars/Olympus"}
    refused = await world_api.request("PUT", _plan_url(w), as_="coach", json=body)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.zone"
    nowhere = f"/api/clients/{w.ids['client']}/jobs/{_id()}/fading"
    assert (await world_api.get(nowhere, as_="coach")).status_code == 404
    bob = f"/api/clients/{w.ids['other_client']}/jobs/{w.ids['job']}/fading"
    assert (await world_api.get(bob, as_="other_coach")).status_code == 404


async def test_a_visit_written_up_after_its_week_closed_still_counts(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    await build_employers(w)
    await _shift(world_api)
    assert (await _save(world_api, STEPS)).status_code == 201
    # The week of 2 November closes on Wednesday 11 November: no visit logged by then.
    fake_clock.set(datetime(2026, 11, 11, 6, 0, tzinfo=UTC))
    first = (await world_api.get(_plan_url(w), as_="coach")).json()["weeks"][0]
    assert (first["weekStart"], first["closed"], first["coachMinutes"]) == ("2026-11-02", True, 0)
    # The next day the coach writes up Wednesday 4 November's two hours at the hotel.
    fake_clock.set(datetime(2026, 11, 12, 10, 0, tzinfo=UTC))
    body = {
        "localId": _id(),
        "clientIds": [w.ids["client"]],
        "mode": "workplace",
        "occurredAt": datetime(2026, 11, 4, 7, 0, tzinfo=UTC).isoformat(),
        "minutes": 120,
        "purposes": ["training"],
        "employerId": w.ids["employer"],
    }
    assert (await world_api.post("/api/activities", as_="coach", json=body)).status_code == 201
    weeks = (await world_api.get(_plan_url(w), as_="coach")).json()["weeks"]
    first = weeks[0]
    assert (first["weekStart"], first["coachMinutes"], first["visits"]) == ("2026-11-02", 120, 1)
    assert first["plannedMinutes"] == 600  # what was planned that week stays
    # Read again: measured once, nothing moves.
    again = (await world_api.get(_plan_url(w), as_="coach")).json()["weeks"][0]
    assert again == first
