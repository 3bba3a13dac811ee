"""Job finding through the API: an opportunity's steps as a dated history (going back too), the
employer contact logged once however often the phone sends it, the follow-up and interview
reminders planned and moved when they change, the journey's job-finding stage started by the
first contact, the figures per coach, refusals naming the field, and erasure."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backend.activities import Counted
from backend.employers.tables import Employer
from backend.journey.tables import Episode
from backend.lib import clock
from backend.opportunities import follow_up_days, interview_starts, queries
from backend.opportunities.figures import contacts_per_week, days_to_first_contact, median_days
from backend.reminders import Day
from backend.reminders.tables import Delivery, ReminderRule
from tests.api.conftest import Api
from tests.support import opportunities
from tests.support.clock import FakeClock, install
from tests.support.journey import opened
from tests.support.world import World

# Tuesday 1 December 2026, 16:00 in Helsinki (UTC+2).
TUESDAY = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
HELSINKI = "Europe/Helsinki"


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TUESDAY)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


async def _opportunity(api: Api) -> str:
    await opportunities.build_opportunities(_w(api))
    return _w(api).ids["opportunity"]


async def _move(api: Api, opportunity: str, step: str, **extra: Any) -> dict[str, Any]:
    body = {"localId": opportunities.new_id(), "step": step, "zone": HELSINKI, **extra}
    answer = await api.post(f"/api/opportunities/{opportunity}/steps", as_="coach", json=body)
    assert answer.status_code == 201, answer.text
    moved: dict[str, Any] = answer.json()
    return moved


async def _pipeline(api: Api, as_: str) -> list[dict[str, Any]]:
    answer = await api.get(f"/api/clients/{_w(api).ids['client']}/opportunities", as_=as_)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()
    return items


async def _contacts(api: Api) -> list[dict[str, Any]]:
    answer = await api.get(
        f"/api/clients/{_w(api).ids['client']}/activities?purpose=employer_contact", as_="coach"
    )
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()
    return items


async def test_the_steps_are_a_dated_history_and_going_back_is_kept(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    opportunity = await _opportunity(world_api)
    await _move(world_api, opportunity, "contacted")
    fake_clock.advance(days=1)
    await _move(world_api, opportunity, "applied")
    fake_clock.advance(days=1)
    interview = await _move(
        world_api,
        opportunity,
        "interview",
        interviewOn="2026-12-10",
        interviewAt="10:00",
        interviewPlace="Rantatie 2, Turku",
    )
    assert interview["interview"] == {
        "on": "2026-12-10",
        "at": "10:00",
        "zone": HELSINKI,
        "startsAt": "2026-12-10T08:00:00Z",
        "place": "Rantatie 2, Turku",
    }
    fake_clock.advance(days=1)
    back = await _move(world_api, opportunity, "applied", note="They postponed the interviews")
    assert back["step"] == "applied" and back["stepOn"] == "2026-12-04"
    assert [(s["step"], s["on"]) for s in back["steps"]] == [
        ("idea", "2026-12-01"),
        ("contacted", "2026-12-01"),
        ("applied", "2026-12-02"),
        ("interview", "2026-12-03"),
        ("applied", "2026-12-04"),
    ]
    assert back["steps"][-1]["note"] == "They postponed the interviews"
    assert back["steps"][-1]["byName"] == "Ada Coach"
    # A step entered late keeps the day it happened on; the opportunity is at the step recorded
    # last, and the history is in the order the steps were recorded.
    late = await _move(world_api, opportunity, "offer", at="2026-12-03T09:00:00+02:00")
    assert (late["step"], late["stepOn"]) == ("offer", "2026-12-03")
    assert [(s["step"], s["on"]) for s in late["steps"]][-2:] == [
        ("applied", "2026-12-04"),
        ("offer", "2026-12-03"),
    ]
    # The client reads her own pipeline, with the employer and the person to meet.
    mine = await _pipeline(world_api, "client")
    assert [(o["employerName"], o["personName"], o["jobTitle"]) for o in mine] == [
        ("Hotel Aurora", "Sam", "Breakfast host")
    ]
    assert mine[0]["canMove"] is False and mine[0]["themes"] == ["people", "food"]
    staff = await _pipeline(world_api, "coach")
    assert staff[0]["canMove"] is True
    # The caseload's pipeline: Ada's, Cora's team; Ben's caseload has none of Alice's.
    for who, count in (("coach", 1), ("coordinator", 1), ("admin", 1), ("other_coach", 0)):
        listed = await world_api.get("/api/opportunities", as_=who)
        assert listed.status_code == 200 and len(listed.json()) == count, (who, listed.text)
    by_step = await world_api.get("/api/opportunities?step=interview", as_="coach")
    assert by_step.json() == []
    assert w.ids["client"] == mine[0]["clientId"]


async def test_an_opportunity_and_a_step_sent_again_land_once(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    body = {"localId": opportunities.new_id(), "idea": "The bakery on Main Street"}
    path = f"/api/clients/{w.ids['client']}/opportunities"
    first = await world_api.post(path, as_="coach", json=body)
    again = await world_api.post(path, as_="coach", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    step = {"localId": opportunities.new_id(), "step": "contacted", "zone": HELSINKI}
    move = f"/api/opportunities/{first.json()['id']}/steps"
    one = await world_api.post(move, as_="coach", json=step)
    two = await world_api.post(move, as_="coach", json=step)
    assert (one.status_code, two.status_code) == (201, 200)
    assert len(two.json()["steps"]) == 2
    # The same localId with another step is refused, naming it.
    refused = await world_api.post(move, as_="coach", json={**step, "step": "applied"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.localId"


async def test_moving_to_contacted_logs_the_employer_contact_once(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    opportunity = await _opportunity(world_api)
    body = {
        "localId": opportunities.new_id(),
        "step": "contacted",
        "zone": HELSINKI,
        "mode": "phone",
        "made": False,
        "note": "No answer, call again on Thursday",
    }
    headers = {"Idempotency-Key": opportunities.new_id()}
    path = f"/api/opportunities/{opportunity}/steps"
    for expected in (201, 201, 200):  # the outbox's retry, then the same write without its key
        sent = await world_api.post(
            path, as_="coach", json=body, headers=headers if expected == 201 else None
        )
        assert sent.status_code == expected, sent.text
    logged = await _contacts(world_api)
    assert len(logged) == 1
    contact = logged[0]
    assert contact["purposes"] == ["employer_contact", "job_search"]
    assert contact["withWhom"] == "employer_person" and contact["made"] is False
    assert contact["employerPersonId"] == w.ids["person"]
    assert contact["employerId"] == w.ids["employer"]
    assert sent.json()["steps"][-1]["activityId"] == contact["id"]
    # A contact logged from the opportunity, without moving it: once too.
    again = {"localId": opportunities.new_id(), "mode": "workplace", "minutes": 20}
    first = await world_api.post(
        f"/api/opportunities/{opportunity}/contacts", as_="coach", json=again
    )
    second = await world_api.post(
        f"/api/opportunities/{opportunity}/contacts", as_="coach", json=again
    )
    assert (first.status_code, second.status_code) == (201, 200)
    assert len(await _contacts(world_api)) == 2
    # The employer's last contact moved with them.
    row = (
        await Employer.select(Employer.last_contact_at)
        .where(Employer.id == w.ids["employer"])
        .first()
    )
    assert row is not None and row["last_contact_at"] is not None


async def test_the_follow_up_reminds_the_coach_on_its_day_and_moves_with_it(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    opportunity = await _opportunity(world_api)
    await _move(world_api, opportunity, "contacted", followUpOn="2026-12-03")
    rule = (
        await ReminderRule.select()
        .where((ReminderRule.user == w.ids["coach"]) & (ReminderRule.kind == "follow_up"))
        .first()
    )
    assert rule is not None and rule["zone"] == HELSINKI
    thursday, friday = date(2026, 12, 3), date(2026, 12, 4)
    asked = {Day("follow_up", w.ids["coach"], d) for d in (thursday, friday)}
    assert await follow_up_days(asked) == {Day("follow_up", w.ids["coach"], thursday)}
    changed = await world_api.patch(
        f"/api/opportunities/{opportunity}", as_="coach", json={"followUpOn": "2026-12-04"}
    )
    assert changed.status_code == 200 and changed.json()["followUpOn"] == "2026-12-04"
    assert await follow_up_days(asked) == {Day("follow_up", w.ids["coach"], friday)}
    # On Friday at 08:30 the 09:00 reminder is planned; a follow-up cleared drops it.
    fake_clock.set(datetime(2026, 12, 4, 8, 30, tzinfo=UTC).replace(hour=6))
    await world_api.patch(
        f"/api/opportunities/{opportunity}", as_="coach", json={"followUpOn": "2026-12-04"}
    )
    planned = await Delivery.select(Delivery.kind, Delivery.due_at).where(
        (Delivery.user == w.ids["coach"]) & (Delivery.status == "pending")
    )
    assert [(d["kind"], d["due_at"]) for d in planned] == [
        ("follow_up", datetime(2026, 12, 4, 7, 0, tzinfo=UTC))
    ]
    await world_api.patch(
        f"/api/opportunities/{opportunity}", as_="coach", json={"clearFollowUp": True}
    )
    assert (
        await Delivery.count().where(
            (Delivery.user == w.ids["coach"]) & (Delivery.status == "pending")
        )
        == 0
    )
    # Once it started, no follow-up is due any more.
    await _move(world_api, opportunity, "started", followUpOn="2026-12-04")
    assert await follow_up_days(asked) == set()


async def test_the_client_is_reminded_before_the_interview_and_the_reminder_moves(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    opportunity = await _opportunity(world_api)
    # Thursday 3 December at 10:00 in Helsinki is 08:00 UTC; the reminder two hours before.
    fake_clock.set(datetime(2026, 12, 3, 5, 30, tzinfo=UTC))
    moved = await _move(
        world_api,
        opportunity,
        "interview",
        interviewOn="2026-12-03",
        interviewAt="10:00",
        interviewPlace="Hotel Aurora, the back door",
    )
    assert moved["interview"]["startsAt"] == "2026-12-03T08:00:00Z"
    rule = (
        await ReminderRule.select()
        .where((ReminderRule.user == w.ids["client"]) & (ReminderRule.kind == "interview"))
        .first()
    )
    assert rule is not None and rule["minutes_before"] == 120
    starts = await interview_starts(
        [w.ids["client"]], datetime(2026, 12, 3, tzinfo=UTC), datetime(2026, 12, 4, tzinfo=UTC)
    )
    assert [(m.subject, m.start) for m in starts[w.ids["client"]]] == [
        (opportunity, datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
    ]

    async def pending() -> list[tuple[str, datetime]]:
        rows = await Delivery.select(Delivery.kind, Delivery.due_at).where(
            (Delivery.user == w.ids["client"]) & (Delivery.status == "pending")
        )
        return [(r["kind"], r["due_at"]) for r in rows]

    assert await pending() == [("interview", datetime(2026, 12, 3, 6, 0, tzinfo=UTC))]
    # The interview moves to the next day: the reminder planned for today goes.
    changed = await world_api.patch(
        f"/api/opportunities/{opportunity}", as_="coach", json={"interviewOn": "2026-12-04"}
    )
    assert changed.status_code == 200, changed.text
    assert await pending() == []


async def test_the_first_contact_starts_finding_a_job_and_the_stage_lists_it(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    await opened(w.ids["client"], days=20)
    opportunity = await _opportunity(world_api)
    await _move(world_api, opportunity, "contacted")
    journey = (await world_api.get(f"/api/clients/{w.ids['client']}/journey", as_="coach")).json()
    stages = {s["stage"]: s for s in journey["current"]["stages"]}
    finding = stages["job_finding"]
    assert finding["startedOn"] == "2026-12-01"
    assert finding["startedCause"] == "employer_contact"
    assert [(p["kind"], p["title"], p["detail"]) for p in finding["products"]] == [
        ("opportunity", "Hotel Aurora", "Breakfast host")
    ]
    # A second contact does not start it again.
    other = await world_api.post(
        f"/api/clients/{w.ids['client']}/opportunities",
        as_="coach",
        json={"localId": opportunities.new_id(), "idea": "The library café"},
    )
    await _move(world_api, other.json()["id"], "contacted")
    journey = (await world_api.get(f"/api/clients/{w.ids['client']}/journey", as_="coach")).json()
    assert [s["stage"] for s in journey["current"]["stages"]].count("job_finding") == 1


def _counted(activity: str, author: str, client: str, at: datetime, made: bool) -> Counted:
    return Counted(activity_id=activity, author_id=author, client_id=client, occurred_at=at,
                   made=made)  # fmt: skip


def test_employer_contacts_are_counted_per_coach_and_week_each_once() -> None:
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    contacts = [
        _counted("a1", "ada", "alice", monday, True),
        _counted("a1", "ada", "carl", monday, True),  # one activity for two clients: once
        _counted("a2", "ada", "alice", monday + timedelta(days=2), False),
        _counted("a3", "ada", "alice", monday + timedelta(days=7), True),
        _counted("b1", "ben", "bob", monday + timedelta(days=1), True),
        # Sunday 22:30 UTC is Monday 00:30 in Helsinki: the next week there.
        _counted("a4", "ada", "alice", datetime(2026, 12, 6, 22, 30, tzinfo=UTC), True),
    ]
    weeks = contacts_per_week(contacts, date(2026, 11, 30), date(2026, 12, 13), HELSINKI)
    assert [(w.week_of, w.made, w.attempted) for w in weeks["ada"]] == [
        (date(2026, 11, 30), 1, 1),
        (date(2026, 12, 7), 2, 0),
    ]
    assert [(w.made, w.attempted) for w in weeks["ben"]] == [(1, 0), (0, 0)]


def test_days_from_intake_to_the_first_employer_contact() -> None:
    intakes = {"alice": date(2026, 11, 2), "bob": date(2026, 11, 10), "carl": date(2026, 11, 20)}
    contacts = [
        _counted("x", "ada", "alice", datetime(2026, 10, 30, 9, tzinfo=UTC), True),  # before
        _counted("y", "ada", "alice", datetime(2026, 11, 12, 9, tzinfo=UTC), False),  # attempted
        _counted("z", "ada", "alice", datetime(2026, 11, 16, 9, tzinfo=UTC), True),
        _counted("w", "ben", "bob", datetime(2026, 11, 13, 9, tzinfo=UTC), True),
    ]
    days = days_to_first_contact(intakes, contacts, HELSINKI)
    assert days == {"alice": 14, "bob": 3, "carl": None}
    assert median_days(days.values()) == 8.5
    assert median_days([None]) is None


async def test_the_figures_per_coach_for_a_period(world_api: Api, fake_clock: FakeClock) -> None:
    w = _w(world_api)
    await opened(w.ids["client"])
    await Episode.update({Episode.intake_on: date(2026, 11, 28)}).where(  # a Saturday
        Episode.client == w.ids["client"]
    )
    opportunity = await _opportunity(world_api)
    await _move(world_api, opportunity, "contacted")
    answer = await world_api.get(
        "/api/opportunities/figures?since=2026-11-23&until=2026-12-06&zone=Europe/Helsinki",
        as_="coordinator",
    )
    assert answer.status_code == 200, answer.text
    [ada] = answer.json()
    assert ada["displayName"] == "Ada Coach"
    assert ada["weeks"] == [
        {"weekOf": "2026-11-23", "made": 0, "attempted": 0},
        {"weekOf": "2026-11-30", "made": 1, "attempted": 0},
    ]
    assert (ada["made"], ada["intakes"], ada["contacted"], ada["medianDays"]) == (1, 1, 1, 3.0)
    # Administrators see every coach with a caseload, a page at a time.
    first = await world_api.get("/api/opportunities/figures?limit=1", as_="admin")
    assert len(first.json()) == 1 and 'rel="next"' in first.headers["link"]
    bad = await world_api.get(
        "/api/opportunities/figures?since=2026-12-06&until=2026-11-01", as_="admin"
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "query.since"


@pytest.mark.parametrize(
    ("as_", "body", "field"),
    [
        ("coach", {}, "body.idea"),
        ("coach", {"employerId": "00000000-0000-4000-8000-000000000000"}, "body.employerId"),
        ("coach", {"employerPersonId": "nobody"}, "body.employerPersonId"),
        ("coach", {"idea": "x", "zone": "Mars/Olympus"}, "body.zone"),
        ("coach", {"idea": "x", "followUpOn": "2026-11-01"}, "body.followUpOn"),
        ("coach", {"idea": "x", "themes": ["juggling"]}, "body.themes.0"),
        ("client", {"idea": "x", "jobTitle": "Chef"}, "body.employerId"),
    ],
)
async def test_a_bad_opportunity_is_refused_naming_the_field(
    world_api: Api, fake_clock: FakeClock, as_: str, body: dict[str, Any], field: str
) -> None:
    answer = await world_api.post(
        f"/api/clients/{_w(world_api).ids['client']}/opportunities",
        as_=as_,
        json={"localId": opportunities.new_id(), **body},
    )
    assert answer.status_code in (400, 422), answer.text
    assert field in [e["field"] for e in answer.json()["errors"]], answer.text


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"step": "interview"}, ["body.interviewOn", "body.interviewAt"]),
        ({"step": "interview", "interviewOn": "2026-12-10", "interviewAt": "25:00"},
         ["body.interviewAt"]),
        ({"step": "applied", "at": "2026-12-09T10:00:00+00:00"}, ["body.at"]),
        ({"step": "applied", "followUpOn": "2026-11-20"}, ["body.followUpOn"]),
        ({"step": "hired"}, ["body.step"]),
    ],
)  # fmt: skip
async def test_a_bad_step_is_refused_naming_the_fields(
    world_api: Api, fake_clock: FakeClock, body: dict[str, Any], fields: list[str]
) -> None:
    opportunity = await _opportunity(world_api)
    answer = await world_api.post(
        f"/api/opportunities/{opportunity}/steps",
        as_="coach",
        json={"localId": opportunities.new_id(), "zone": HELSINKI, **body},
    )
    assert answer.status_code in (400, 422), answer.text
    named = [e["field"] for e in answer.json()["errors"]]
    assert all(f in named for f in fields), answer.text


async def test_the_client_adds_an_idea_of_her_own_and_changes_only_that(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    coach_s = await _opportunity(world_api)
    mine = await world_api.post(
        f"/api/clients/{w.ids['client']}/opportunities",
        as_="client",
        json={"localId": opportunities.new_id(), "idea": "The pet shop", "themes": ["animals"]},
    )
    assert mine.status_code == 201 and mine.json()["byClient"] is True
    changed = await world_api.patch(
        f"/api/opportunities/{mine.json()['id']}", as_="client", json={"idea": "The pet shop "}
    )
    assert changed.status_code == 200
    follow_up = await world_api.patch(
        f"/api/opportunities/{mine.json()['id']}", as_="client", json={"followUpOn": "2026-12-09"}
    )
    assert follow_up.status_code == 422
    assert follow_up.json()["errors"][0]["field"] == "body.followUpOn"
    refused = await world_api.patch(
        f"/api/opportunities/{coach_s}", as_="client", json={"idea": "Mine now"}
    )
    assert refused.status_code == 403
    moved = await world_api.post(
        f"/api/opportunities/{mine.json()['id']}/steps",
        as_="client",
        json={"localId": opportunities.new_id(), "step": "contacted"},
    )
    assert moved.status_code == 403


async def test_an_erased_client_takes_their_job_search_and_the_employer_stays(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    opportunity = await _opportunity(world_api)
    await _move(world_api, opportunity, "contacted")
    mine = await world_api.get("/api/me/data", as_="client")
    assert mine.status_code == 200, mine.text
    assert "Your job search" in mine.text
    erased = await world_api.post(
        f"/api/people/{w.ids['client']}/erase", as_="admin", json={"confirmName": "Alice Client"}
    )
    assert erased.status_code == 200, erased.text
    assert (
        await world_api.get(f"/api/opportunities/{opportunity}", as_="admin")
    ).status_code == 404
    assert await Employer.exists().where(Employer.id == w.ids["employer"])
    assert clock.now() == TUESDAY


async def test_a_pipeline_is_read_in_one_statement_however_long(
    world_api: Api, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client's pipeline and the caseload's: each opportunity with its employer, person and
    history in the one statement of the page, on both engines."""
    w = _w(world_api)
    opportunity = await _opportunity(world_api)
    await _move(world_api, opportunity, "contacted")
    for i in range(4):
        await world_api.post(
            f"/api/clients/{w.ids['client']}/opportunities",
            as_="coach",
            json={"localId": opportunities.new_id(), "idea": f"Idea {i}"},
        )
    seen: list[str] = []
    run = queries.fetch

    async def counted(engine: Any, statement: Any, *args: Any) -> Any:
        seen.append(statement.sqlite)
        return await run(engine, statement, *args)

    monkeypatch.setattr(queries, "fetch", counted)
    for path in (f"/api/clients/{w.ids['client']}/opportunities", "/api/opportunities"):
        seen.clear()
        answer = await world_api.get(path, as_="coach")
        assert answer.status_code == 200 and len(answer.json()) == 5
        assert sorted(len(o["steps"]) for o in answer.json()) == [1, 1, 1, 1, 2]
        assert len(seen) == 1, seen


async def test_an_opportunity_shows_which_of_its_themes_the_client_chose_in_the_profile(
    world_api: Api,
) -> None:
    """The job search speaks the profile's words: an opportunity's themes that the client
    chose in their vocational profile are named, for the coach and for the client."""
    w = _w(world_api)
    created = await world_api.post(
        f"/api/clients/{w.ids['client']}/opportunities",
        as_="coach",
        json={"localId": opportunities.new_id(), "idea": "The bakery", "themes": ["food", "shops"]},
    )
    assert created.status_code == 201, created.text
    assert created.json()["matches"] == []
    chose = await world_api.request(
        "PUT",
        f"/api/clients/{w.ids['client']}/profile/sections/likes_and_strengths",
        as_="client",
        json={"localId": opportunities.new_id(), "baseRevision": 0, "themes": ["food", "animals"]},
    )
    assert chose.status_code == 200, chose.text
    for who in ("coach", "client"):
        listed = await _pipeline(world_api, who)
        assert [(o["themes"], o["matches"]) for o in listed] == [(["food", "shops"], ["food"])]
    one = await world_api.get(f"/api/opportunities/{created.json()['id']}", as_="coach")
    assert one.json()["matches"] == ["food"]


async def test_the_clients_day_names_the_interview_of_the_coming_week(
    world_api: Api, fake_clock: FakeClock
) -> None:
    opportunity = await _opportunity(world_api)
    before = await world_api.get("/api/me/day", as_="client")
    assert before.status_code == 200 and before.json()["interviews"] == []
    await _move(
        world_api,
        opportunity,
        "interview",
        interviewOn=(TUESDAY.date() + timedelta(days=2)).isoformat(),
        interviewAt="10:00",
        interviewPlace="Rantatie 2, the back door",
    )
    # The day moves on at once (the kept answer is not sent again).
    day = (await world_api.get("/api/me/day", as_="client")).json()
    assert [(i["opportunityId"], i["interview"]["place"]) for i in day["interviews"]] == [
        (opportunity, "Rantatie 2, the back door")
    ]
    assert day["interviews"][0]["employerName"] == "Hotel Aurora"
    # Once it has begun, it leaves the day.
    fake_clock.set(datetime.fromisoformat(day["interviews"][0]["interview"]["startsAt"]))
    assert (await world_api.get("/api/me/day", as_="client")).json()["interviews"] == []
    # One more than a week ahead is not named yet.
    await _move(
        world_api,
        opportunity,
        "interview",
        interviewOn=(fake_clock.at.date() + timedelta(days=9)).isoformat(),
        interviewAt="10:00",
        interviewPlace="Rantatie 2",
    )
    assert (await world_api.get("/api/me/day", as_="client")).json()["interviews"] == []
