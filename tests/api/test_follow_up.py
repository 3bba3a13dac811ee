"""The six-month follow-up: a client who agreed on leaving is asked about their situation six
months later; the coach's week names it until the coach records it; the record is the client's
(My data) and goes with an erasure. The clock stands on Tuesday 1 December 2026."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from backend import reminders
from backend.journey import after_support_days
from backend.journey.tables import FollowUp
from backend.reminders import Day
from backend.reminders.tables import Delivery, ReminderRule
from tests.api.conftest import Api
from tests.support.clock import FakeClock, install
from tests.support.journey import intake

TODAY = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TODAY)


async def _closed(api: Api, closed: date, agreed: bool) -> str:
    """Alice's support from 1 March to ``closed``: the episode's id."""
    w = api.world
    assert w
    base = f"/api/clients/{w.ids['client']}/journey"
    opened = await api.post(f"{base}/episodes", as_="coach", json=intake(date(2026, 3, 1)))
    assert opened.status_code == 201, opened.text
    answer = await api.post(
        f"{base}/close",
        as_="coach",
        json={"closedOn": closed.isoformat(), "reason": "in_work", "followUpAgreed": agreed},
    )
    assert answer.status_code == 200, answer.text
    past = answer.json()["past"][0]
    assert past["followUpAgreed"] is agreed
    return str(past["id"])


def _situation(on: date, situation: str = "work", local_id: str | None = None) -> dict[str, Any]:
    return {
        "localId": local_id or str(uuid.uuid4()),
        "situation": situation,
        "situationOn": on.isoformat(),
    }


async def _due(api: Api, start: str | None = None) -> list[dict[str, Any]]:
    url = "/api/week" + (f"?start={start}" if start else "")
    answer = await api.get(url, as_="coach")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["followUpsDue"])


async def test_the_coach_is_reminded_six_months_after_leaving_until_it_is_recorded(
    world_api: Api, clock: FakeClock
) -> None:
    """Closed on 31 May: six months later is 30 November (November has no 31st). The week of
    Monday 23 November (to Sunday 29th) does not name it; the week of 30 November does, and
    keeps doing so until the situation is recorded."""
    w = world_api.world
    assert w
    episode = await _closed(world_api, date(2026, 5, 31), agreed=True)
    assert await _due(world_api, "2026-11-23") == []
    due = await _due(world_api)
    assert [(d["displayName"], d["dueOn"], d["episodeId"]) for d in due] == [
        ("Alice Client", "2026-11-30", episode)
    ]
    url = f"/api/clients/{w.ids['client']}/journey/episodes/{episode}/follow-up"
    body = _situation(date(2026, 12, 1), "education")
    first = await world_api.post(url, as_="coach", json=body)
    assert first.status_code == 201, first.text
    again = await world_api.post(url, as_="coach", json=body)  # a retry lands once
    assert again.status_code == 200, again.text
    assert await FollowUp.count().where(FollowUp.client == w.ids["client"]) == 1
    recorded = again.json()["past"][0]["followUp"]
    assert (recorded["situation"], recorded["situationOn"]) == ("education", "2026-12-01")
    assert await _due(world_api) == []
    other = await world_api.post(url, as_="coach", json=_situation(date(2026, 12, 1)))
    assert other.status_code == 409
    assert other.json()["errors"][0]["field"] == "body.situation"


async def test_no_reminder_and_no_record_where_the_client_did_not_agree(world_api: Api) -> None:
    w = world_api.world
    assert w
    episode = await _closed(world_api, date(2026, 5, 1), agreed=False)
    assert await _due(world_api) == []
    url = f"/api/clients/{w.ids['client']}/journey/episodes/{episode}/follow-up"
    answer = await world_api.post(url, as_="coach", json=_situation(date(2026, 11, 30)))
    assert answer.status_code == 409
    assert answer.json()["errors"][0]["field"] == "body.situation"


async def test_a_date_before_leaving_or_in_the_future_is_refused_naming_the_field(
    world_api: Api,
) -> None:
    w = world_api.world
    assert w
    episode = await _closed(world_api, date(2026, 5, 1), agreed=True)
    url = f"/api/clients/{w.ids['client']}/journey/episodes/{episode}/follow-up"
    for day in (date(2026, 4, 30), date(2026, 12, 2)):
        answer = await world_api.post(url, as_="coach", json=_situation(day))
        assert answer.status_code == 422, answer.text
        assert answer.json()["errors"][0]["field"] == "body.situationOn"


async def test_the_follow_up_is_in_my_data_and_goes_with_an_erasure(world_api: Api) -> None:
    w = world_api.world
    assert w
    episode = await _closed(world_api, date(2026, 5, 1), agreed=True)
    url = f"/api/clients/{w.ids['client']}/journey/episodes/{episode}/follow-up"
    answer = await world_api.post(url, as_="coach", json=_situation(date(2026, 11, 30)))
    assert answer.status_code == 201
    data = (await world_api.get("/api/me/data", as_="client")).json()
    section = next(s for s in data["sections"] if s["key"] == "journey_follow_ups")
    assert section["rows"][0]["Situation"] == "in paid work"
    erased = await world_api.post(
        f"/api/people/{w.ids['client']}/erase", as_="admin", json={"confirmName": "Alice Client"}
    )
    assert erased.status_code == 200, erased.text
    assert await FollowUp.count() == 0


async def _rules(api: Api) -> list[dict[str, Any]]:
    w = api.world
    assert w
    return list(
        await ReminderRule.select(ReminderRule.at_time, ReminderRule.zone).where(
            (ReminderRule.user == w.ids["coach"]) & (ReminderRule.kind == "after_support")
        )
    )


async def _pending(api: Api) -> list[tuple[str, datetime]]:
    w = api.world
    assert w
    rows = await Delivery.select(Delivery.kind, Delivery.due_at).where(
        (Delivery.user == w.ids["coach"])
        & (Delivery.status == "pending")
        & (Delivery.kind == "after_support")
    )
    return [(r["kind"], r["due_at"]) for r in rows]


async def test_the_coach_gets_a_push_reminder_on_the_day_and_a_week_and_two_later(
    world_api: Api, clock: FakeClock
) -> None:
    """Closed on 31 May with the client's leave: the coach's reminder rule is made (09:00 at the
    place), and the planner wants 30 November, 7 and 14 December — until the situation is
    recorded, which drops the reminder already planned."""
    w = world_api.world
    assert w
    episode = await _closed(world_api, date(2026, 5, 31), agreed=True)
    rules = await _rules(world_api)
    assert [(str(r["at_time"])[:5], r["zone"]) for r in rules] == [("09:00", "UTC")]
    coach = w.ids["coach"]
    days = [date(2026, 11, d) for d in (29, 30)] + [date(2026, 12, d) for d in (1, 7, 14, 21)]
    asked = {Day("after_support", coach, d) for d in days}
    assert {d.day for d in await after_support_days(asked)} == {
        date(2026, 11, 30),
        date(2026, 12, 7),
        date(2026, 12, 14),
    }
    # Another person's days are not this coach's.
    assert await after_support_days({Day("after_support", w.ids["other_coach"], days[1])}) == set()

    clock.set(datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    await reminders.client_changed(w.ids["client"])
    assert await _pending(world_api) == [("after_support", datetime(2026, 12, 7, 9, 0, tzinfo=UTC))]
    url = f"/api/clients/{w.ids['client']}/journey/episodes/{episode}/follow-up"
    recorded = await world_api.post(url, as_="coach", json=_situation(date(2026, 12, 7)))
    assert recorded.status_code == 201, recorded.text
    assert await _pending(world_api) == []
    assert await after_support_days(asked) == set()


async def test_no_reminder_rule_where_the_client_did_not_agree(world_api: Api) -> None:
    await _closed(world_api, date(2026, 5, 31), agreed=False)
    assert await _rules(world_api) == []
