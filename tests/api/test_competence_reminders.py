"""A coach's own development record reminds them (``development``, a push kind of staff's): a
training certificate 30 days before it expires and on the day; their certification's yearly
reviews and 30 days before it runs out; the re-assessment day a signed assessment set. The rule
is made, at 09:00 at the coach's place, when such a record is added; the days come from the
records (``competence.development_days``), the person's own only.

Team North: coordinator Cora, coach Ada. Team South: coach Ben. The clock stands on Sunday
6 December 2026.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backend import reminders
from backend.competence import development_days
from backend.competence.reminding import _reviews
from backend.reminders import Day
from backend.reminders.tables import Delivery, ReminderRule
from tests.api.conftest import Api
from tests.support.agreements import fresh
from tests.support.clock import FakeClock, install
from tests.support.world import World

TODAY = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
HELSINKI = "Europe/Helsinki"
A = "/api/competence/assessments"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TODAY)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


async def _rules(person: str) -> list[tuple[str, str]]:
    rows = await ReminderRule.select(ReminderRule.at_time, ReminderRule.zone).where(
        (ReminderRule.user == person) & (ReminderRule.kind == "development")
    )
    return [(str(r["at_time"])[:5], r["zone"]) for r in rows]


def _asked(person: str, *days: date) -> set[Day]:
    return {Day("development", person, d) for d in days}


async def _days(person: str, *days: date) -> set[date]:
    return {d.day for d in await development_days(_asked(person, *days))}


def _training(**change: Any) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "course": "First aid",
        "hours": 8,
        "takenOn": "2026-01-15",
        **change,
    }


async def test_a_certificate_reminds_its_coach_thirty_days_before_and_on_the_day(
    world_api: Api, clock: FakeClock
) -> None:
    w = _w(world_api)
    ada, ben = w.ids["coach"], w.ids["other_coach"]
    # A course without a certificate that expires makes no reminder.
    plain = await world_api.post("/api/competence/trainings", as_="other_coach", json=_training())
    assert plain.status_code == 201, plain.text
    assert await _rules(ben) == []
    bad = await world_api.post(
        "/api/competence/trainings",
        as_="coach",
        json=_training(expiresOn="2027-01-15", zone="Mars/Olympus"),
    )
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "body.zone")
    made = await world_api.post(
        "/api/competence/trainings",
        as_="coach",
        json=_training(expiresOn="2027-01-15", zone=HELSINKI),
    )
    assert made.status_code == 201, made.text
    assert await _rules(ada) == [("09:00", HELSINKI)]
    days = (date(2026, 12, 15), date(2026, 12, 16), date(2027, 1, 14), date(2027, 1, 15))
    assert await _days(ada, *days) == {date(2026, 12, 16), date(2027, 1, 15)}
    assert await _days(ben, *days) == set()

    # On 16 December the 09:00 (Helsinki: 07:00 UTC) reminder is planned.
    clock.set(datetime(2026, 12, 16, 6, 0, tzinfo=UTC))
    await reminders.client_changed(ada)
    planned = await Delivery.select(Delivery.kind, Delivery.due_at).where(
        (Delivery.user == ada) & (Delivery.status == "pending")
    )
    assert [(d["kind"], d["due_at"]) for d in planned] == [
        ("development", datetime(2026, 12, 16, 7, 0, tzinfo=UTC))
    ]


def test_the_yearly_reviews_of_a_certification_and_its_notice() -> None:
    issued, until = date(2026, 12, 6), date(2029, 12, 6)
    assert _reviews(issued, until, date(2026, 12, 1), date(2030, 1, 1)) == {
        date(2027, 12, 6),
        date(2028, 12, 6),
        date(2029, 11, 6),
    }
    assert _reviews(issued, until, date(2028, 1, 1), date(2028, 12, 31)) == {date(2028, 12, 6)}
    # Issued on 29 February: the review falls on 28 February in the years without one.
    assert _reviews(date(2028, 2, 29), date(2031, 2, 28), date(2029, 1, 1), date(2029, 12, 31)) == {
        date(2029, 2, 28)
    }


def _filled(revision: int) -> dict[str, Any]:
    return {
        "revision": revision,
        "assessedOn": "2026-12-04",
        "observed": "Job development at a hotel with Alice.",
        "scenario": "A manager asks about Alice's diagnosis.",
        "knowledgeScore": 85,
        "levels": {"values.confidentiality": 3, "jobs.negotiation": 2},
        "decision": "certified_with_conditions",
        "conditions": "Two more job analyses checked by Cora.",
        "reassessOn": "2027-06-04",
    }


async def test_a_signed_assessment_reminds_of_the_re_assessment_and_the_yearly_review(
    world_api: Api, clock: FakeClock
) -> None:
    w = _w(world_api)
    ada, admin, cora = w.ids["coach"], w.ids["admin"], w.ids["coordinator"]
    start = {"localId": str(uuid.uuid4()), "personId": ada, "assessorIds": [admin, cora]}
    made = await world_api.post(A, as_="admin", json=start)
    assert made.status_code == 201, made.text
    path = f"{A}/{made.json()['id']}"
    saved = await world_api.request("PUT", path, as_="coordinator", json=_filled(1))
    assert saved.status_code == 200, saved.text
    await fresh(w, "admin")
    await fresh(w, "coordinator")
    first = await world_api.post(f"{path}/sign", as_="admin", json={"revision": 2, "zone": "UTC"})
    assert first.status_code == 200, first.text
    assert await _rules(ada) == []  # one signature is not yet an assessment
    second = await world_api.post(
        f"{path}/sign", as_="coordinator", json={"revision": 2, "zone": HELSINKI}
    )
    assert second.status_code == 200, second.text
    assert await _rules(ada) == [("09:00", HELSINKI)]
    reassess, review = date(2027, 6, 4), TODAY.date().replace(year=2027)
    others = (reassess - timedelta(days=1), review + timedelta(days=1))
    assert await _days(ada, reassess, review, *others) == {reassess, review}
    assert await _days(w.ids["other_coach"], reassess, review) == set()


async def test_a_goal_the_coordinator_proposed_reminds_the_coach_until_agreed(
    world_api: Api, clock: FakeClock
) -> None:
    """Cora proposes a goal for Ada on Sunday 6 December: Ada hears of it on the 7th and the
    13th while it waits; a goal Ada proposed herself waits for Cora and reminds Ada of nothing."""
    w = _w(world_api)
    ada = w.ids["coach"]
    own = {
        "localId": str(uuid.uuid4()),
        "title": "Lead a job analysis on my own",
        "competence": "workplace.task_analysis",
        "startsOn": "2026-12-07",
        "endsOn": "2027-01-31",
    }
    assert (
        await world_api.post("/api/competence/plan-goals", as_="coach", json=own)
    ).status_code == 201
    assert await _rules(ada) == []
    proposed = {**own, "localId": str(uuid.uuid4()), "personId": ada, "zone": HELSINKI}
    made = await world_api.post("/api/competence/plan-goals", as_="coordinator", json=proposed)
    assert made.status_code == 201, made.text
    assert await _rules(ada) == [("09:00", HELSINKI)]
    days = [date(2026, 12, d) for d in (6, 7, 8, 13, 14)]
    assert await _days(ada, *days) == {date(2026, 12, 7), date(2026, 12, 13)}
    agreed = await world_api.post(
        f"/api/competence/plan-goals/{made.json()['id']}/agree", as_="coach"
    )
    assert agreed.status_code == 200, agreed.text
    assert await _days(ada, *days) == set()
