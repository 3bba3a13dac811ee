"""The activity log through the API: logged once however often it is sent, refused naming the
field, restricted ones kept from the client (counted) and audit-logged, who sees which log,
filters and pages, a visit from a shift in one request, the day recap, time use, erasure, and
the count the agreements read."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backend.activities import meetings_between, reminder_days
from backend.employers.tables import Employer, EmployerPerson
from backend.lib import clock
from backend.reminders import Day
from tests.api.conftest import Api
from tests.support import coaching
from tests.support.clock import FakeClock, install
from tests.support.world import World

# Tuesday 1 December 2026, 16:00 in Helsinki (UTC+2).
TUESDAY = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TUESDAY)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


def body(w: World, **extra: Any) -> dict[str, Any]:
    return {
        "localId": coaching.new_id(),
        "clientIds": [w.ids["client"]],
        "mode": "workplace",
        "occurredAt": (clock.now() - timedelta(hours=2)).isoformat(),
        "minutes": 45,
        "purposes": ["training"],
        **extra,
    }


async def log(api: Api, as_: str = "coach", **extra: Any) -> dict[str, Any]:
    answer = await api.post("/api/activities", as_=as_, json=body(_w(api), **extra))
    assert answer.status_code == 201, answer.text
    activity: dict[str, Any] = answer.json()
    return activity


async def _client_log(api: Api, as_: str, query: str = "") -> list[dict[str, Any]]:
    answer = await api.get(f"/api/clients/{_w(api).ids['client']}/activities{query}", as_=as_)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()
    return items


async def _audit(api: Api, action: str) -> list[dict[str, Any]]:
    entries = (await api.get("/api/audit?limit=200", as_="admin")).json()
    return [e for e in entries if e["action"] == action]


async def test_an_activity_sent_again_lands_once(world_api: Api, fake_clock: FakeClock) -> None:
    w = _w(world_api)
    sent = body(w, withWhom="family", withName="Mother", mode="phone", made=False)
    first = await world_api.post("/api/activities", as_="coach", json=sent)
    assert first.status_code == 201, first.text
    again = await world_api.post("/api/activities", as_="coach", json=sent)
    assert again.status_code == 200, again.text
    assert again.json()["id"] == first.json()["id"]
    # The outbox's retry with the same Idempotency-Key gets the first answer back.
    keyed = body(w)
    headers = {"Idempotency-Key": coaching.new_id()}
    one = await world_api.post("/api/activities", as_="coach", json=keyed, headers=headers)
    two = await world_api.post("/api/activities", as_="coach", json=keyed, headers=headers)
    assert one.status_code == 201 and two.json()["id"] == one.json()["id"]
    # The same localId with other content is refused, naming it.
    changed = {**sent, "minutes": 5}
    refused = await world_api.post("/api/activities", as_="coach", json=changed)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.localId"
    logged = await _client_log(world_api, "coach")
    assert len(logged) == 2
    # An instant sent with its offset is the same instant read back (kept in UTC).
    helsinki = await log(world_api, occurredAt="2026-12-01T13:30:00+02:00")
    assert helsinki["occurredAt"].startswith("2026-12-01T11:30:00")
    attempted = next(a for a in logged if a["id"] == first.json()["id"])
    assert attempted["made"] is False and attempted["withName"] == "Mother"
    assert attempted["mode"] == "phone" and attempted["authorName"] == "Ada Coach"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"restricted": True}, "body.restrictedReason"),
        ({"withWhom": "family"}, "body.withName"),
        ({"withWhom": "employer_person"}, "body.employerPersonId"),
        ({"employerId": "00000000-0000-4000-8000-000000000000"}, "body.employerId"),
        ({"agreed": [{"text": "Call the supervisor", "remind": True}]}, "body.agreed.0.dueOn"),
        ({"clientIds": ["00000000-0000-4000-8000-000000000000"]}, "body.clientIds.0"),
        ({"purposes": []}, "body.purposes"),
        ({"mode": "telepathy"}, "body.mode"),
        ({"minutes": -5}, "body.minutes"),
        ({"occurredAt": "2026-12-03T10:00:00+00:00"}, "body.occurredAt"),
    ],
)
async def test_bad_input_is_refused_naming_the_field(
    world_api: Api, fake_clock: FakeClock, extra: dict[str, Any], field: str
) -> None:
    answer = await world_api.post("/api/activities", as_="coach", json=body(_w(world_api), **extra))
    assert answer.status_code in (400, 422), answer.text
    assert field in [e["field"] for e in answer.json()["errors"]], answer.text


async def test_another_teams_client_cannot_be_logged_for(world_api: Api) -> None:
    w = _w(world_api)
    refused = await world_api.post(
        "/api/activities", as_="coach", json=body(w, clientIds=[w.ids["other_client"]])
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.clientIds.0"


async def test_a_restricted_activity_is_kept_from_the_client_counted_and_audit_logged(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    await log(world_api, note="Practised the till")
    secret = await log(
        world_api,
        withWhom="employer_person",
        employerId=await _employer(),
        note="The supervisor worries about the night shifts",
        restricted=True,
        restrictedReason="The supervisor asked us to keep it between us",
    )
    assert len(await _audit(world_api, "activity_restricted")) == 1
    for who in ("client", "mentor"):
        seen = await _client_log(world_api, who)
        assert [a["note"] for a in seen] == ["Practised the till"], who
        kept = await world_api.get(f"/api/clients/{w.ids['client']}/activities/kept-back", as_=who)
        assert kept.json() == {"restricted": 1}
        one = await world_api.get(f"/api/activities/{secret['id']}", as_=who)
        assert one.status_code == 404
    # The coordinator reads it: audit-logged; its author reading it is not.
    before = len(await _audit(world_api, "restricted_activity_read"))
    seen = await _client_log(world_api, "coordinator")
    assert {a["id"] for a in seen} >= {secret["id"]}
    shown = next(a for a in seen if a["id"] == secret["id"])
    assert shown["restrictedReason"] == "The supervisor asked us to keep it between us"
    read = await _audit(world_api, "restricted_activity_read")
    assert len(read) == before + 1 and read[0]["subject"] == w.ids["client"]
    await world_api.get(f"/api/activities/{secret['id']}", as_="coach")
    assert len(await _audit(world_api, "restricted_activity_read")) == before + 1


async def _employer() -> str:
    at = clock.now()
    employer = Employer(
        client_uuid=coaching.new_id(), name="Hotel Aurora", created_at=at, updated_at=at
    )
    await employer.save()
    return str(employer.id)


@pytest.mark.parametrize("who", ["family", "other_coach", "other_client"])
async def test_family_other_teams_and_other_clients_see_nothing(
    world_api: Api, fake_clock: FakeClock, who: str
) -> None:
    w = _w(world_api)
    logged = await log(world_api)
    log_answer = await world_api.get(f"/api/clients/{w.ids['client']}/activities", as_=who)
    assert log_answer.status_code == 404
    one = await world_api.get(f"/api/activities/{logged['id']}", as_=who)
    assert one.status_code == 404
    kept = await world_api.get(f"/api/clients/{w.ids['client']}/activities/kept-back", as_=who)
    assert kept.status_code == 404


async def test_a_mentor_logs_for_the_client_they_mentor_and_only_the_author_edits(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    mine = await log(world_api, as_="mentor", mode="elsewhere", purposes=["follow_along"])
    assert mine["canEdit"] and mine["canDelete"]
    refused = await world_api.post(
        "/api/activities", as_="mentor", json=body(w, clientIds=[w.ids["other_client"]])
    )
    assert refused.status_code == 422
    # The coach sees it (Alice's log) but cannot change it.
    seen = await world_api.get(f"/api/activities/{mine['id']}", as_="coach")
    assert seen.status_code == 200 and seen.json()["canEdit"] is False
    change = {"note": "Went for a coffee and talked about the week"}
    assert (
        await world_api.patch(f"/api/activities/{mine['id']}", as_="coach", json=change)
    ).status_code == 403
    changed = await world_api.patch(f"/api/activities/{mine['id']}", as_="mentor", json=change)
    assert changed.status_code == 200 and changed.json()["note"] == change["note"]
    # Removed only by its author, within a day.
    assert (await world_api.delete(f"/api/activities/{mine['id']}", as_="coach")).status_code == 403
    fake_clock.advance(days=2)
    late = await world_api.delete(f"/api/activities/{mine['id']}", as_="mentor")
    assert late.status_code == 403
    other = await log(world_api, as_="mentor")
    assert (
        await world_api.delete(f"/api/activities/{other['id']}", as_="mentor")
    ).status_code == 204
    assert (await world_api.get(f"/api/activities/{other['id']}", as_="mentor")).status_code == 404


async def test_logs_filter_by_whom_purpose_author_and_days_and_come_a_page_at_a_time(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    made = []
    for hours, extra in enumerate(
        [
            {"withWhom": "family", "withName": "Father", "purposes": ["family"]},
            {"purposes": ["training", "follow_along"]},
            {"purposes": ["job_search"], "mode": "office"},
            {"withWhom": "family", "withName": "Mother", "purposes": ["family", "admin"]},
            {"purposes": ["training"]},
        ]
    ):
        at = (clock.now() - timedelta(days=hours, hours=1)).isoformat()
        made.append(await log(world_api, occurredAt=at, **extra))
    family = await _client_log(world_api, "coach", "?whom=family")
    assert [a["withName"] for a in family] == ["Father", "Mother"]
    training = await _client_log(world_api, "coach", "?purpose=training")
    assert [a["id"] for a in training] == [made[1]["id"], made[4]["id"]]
    days = await _client_log(
        world_api, "coach", "?since=2026-11-29&until=2026-11-30&zone=Europe/Helsinki"
    )
    assert [a["id"] for a in days] == [made[1]["id"], made[2]["id"]]
    # Pages of two, newest first, every activity once.
    seen: list[str] = []
    url: str | None = f"/api/clients/{w.ids['client']}/activities?limit=2"
    while url:
        answer = await world_api.get(url, as_="coach")
        assert len(answer.json()) <= 2
        seen += [a["id"] for a in answer.json()]
        link = answer.headers.get("link")
        url = link.split(";")[0].strip("<>") if link else None
    assert seen == [a["id"] for a in made]
    # The coach's own log comes a page at a time too, newest first.
    own_ids: list[str] = []
    url = "/api/activities?limit=2"
    while url:
        answer = await world_api.get(url, as_="coach")
        own_ids += [a["id"] for a in answer.json()]
        link = answer.headers.get("link")
        url = link.split(";")[0].strip("<>") if link else None
    assert own_ids == [a["id"] for a in made]
    # The coach's own log and the coordinator's team log hold them; Ben's own log does not.
    own = (await world_api.get("/api/activities?purpose=family", as_="coach")).json()
    assert [a["withName"] for a in own] == ["Father", "Mother"]
    team = (await world_api.get("/api/activities?view=team&limit=200", as_="coordinator")).json()
    assert len(team) == 5
    assert (await world_api.get("/api/activities", as_="other_coach")).json() == []
    assert (await world_api.get("/api/activities?view=team", as_="coach")).status_code == 403
    # Time use: minutes by main purpose.
    use = (await world_api.get("/api/activities/time-use", as_="coach")).json()
    assert use["minutes"] == 5 * 45
    assert {p["purpose"]: p["activities"] for p in use["byPurpose"]} == {
        "family": 2,
        "training": 2,
        "job_search": 1,
    }
    other = await world_api.get(
        f"/api/activities/time-use?person={w.ids['coach']}", as_="other_coach"
    )
    assert other.status_code == 404
    assert (
        await world_api.get(f"/api/activities/time-use?person={w.ids['coach']}", as_="coordinator")
    ).status_code == 200


async def test_a_visit_from_a_shift_is_one_request_and_leaves_the_day_recap(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
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
    recap_url = "/api/activities/recap?day=2026-12-01&zone=Europe/Helsinki"
    before = (await world_api.get(recap_url, as_="coach")).json()
    assert [s["workplace"] for s in before["withoutVisit"]] == ["Hotel Aurora"]
    assert before["withoutVisit"][0]["startsAt"] == "08:00"
    visit = {
        "localId": coaching.new_id(),
        "shiftId": shift.json()["id"],
        "date": "2026-12-01",
        "endsAt": "09:30",
    }
    logged = await world_api.post("/api/activities/visits", as_="coach", json=visit)
    assert logged.status_code == 201, logged.text
    activity = logged.json()
    assert activity["mode"] == "workplace" and activity["purposes"] == ["training"]
    assert activity["occurredAt"].startswith("2026-12-01T06:00:00")  # 8:00 in Helsinki
    assert activity["minutes"] == 90
    assert [c["id"] for c in activity["clients"]] == [w.ids["client"]]
    assert [c["displayName"] for c in activity["clients"]] != [""]
    again = await world_api.post("/api/activities/visits", as_="coach", json=visit)
    assert again.status_code == 200 and again.json()["id"] == activity["id"]
    # The first answer is made from what was written; it is what is stored.
    assert again.json() == activity
    stored = await world_api.get(f"/api/activities/{activity['id']}", as_="coach")
    assert stored.json() == activity
    after = (await world_api.get(recap_url, as_="coach")).json()
    assert after["withoutVisit"] == []
    assert [a["id"] for a in after["logged"]] == [activity["id"]] and after["minutes"] == 90
    # Not on a day the shift does not happen, nor for another team.
    wrong_day = {**visit, "localId": coaching.new_id(), "date": "2026-12-02"}
    refused = await world_api.post("/api/activities/visits", as_="coach", json=wrong_day)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.shiftId"
    other = {**visit, "localId": coaching.new_id()}
    refused = await world_api.post("/api/activities/visits", as_="other_coach", json=other)
    assert refused.status_code == 422


async def test_an_activity_with_an_employer_moves_its_last_contact(
    world_api: Api, fake_clock: FakeClock
) -> None:
    employer = await _employer()
    at = clock.now()
    person = EmployerPerson(
        client_uuid=coaching.new_id(),
        employer=employer,
        name="Sanna Supervisor",
        created_at=at,
        updated_at=at,
    )
    await person.save()
    occurred = clock.now() - timedelta(hours=1)
    logged = await log(
        world_api,
        withWhom="employer_person",
        employerPersonId=str(person.id),
        mode="phone",
        purposes=["employer_contact"],
        occurredAt=occurred.isoformat(),
    )
    assert logged["employerId"] == employer
    row = await Employer.select(Employer.last_contact_at).where(Employer.id == employer).first()
    assert row is not None and row["last_contact_at"] == occurred
    # An earlier one logged later does not move it back.
    await log(world_api, employerId=employer, occurredAt=(occurred - timedelta(days=3)).isoformat())
    row = await Employer.select(Employer.last_contact_at).where(Employer.id == employer).first()
    assert row is not None and row["last_contact_at"] == occurred


async def test_an_erased_client_takes_their_activities_and_others_keep_theirs(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    alone = await log(world_api, as_="admin")
    shared = await log(world_api, as_="admin", clientIds=[w.ids["client"], w.ids["other_client"]])
    erased = await world_api.post(
        f"/api/people/{w.ids['client']}/erase", as_="admin", json={"confirmName": "Alice Client"}
    )
    assert erased.status_code == 200, erased.text
    assert (await world_api.get(f"/api/activities/{alone['id']}", as_="admin")).status_code == 404
    kept = await world_api.get(f"/api/activities/{shared['id']}", as_="admin")
    assert kept.status_code == 200
    assert [c["id"] for c in kept.json()["clients"]] == [w.ids["other_client"]]


async def test_meetings_between_counts_made_activities_of_the_person(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    await log(world_api, as_="mentor")
    await log(world_api, as_="mentor", made=False, mode="phone")
    await log(world_api, as_="coach")
    old = (clock.now() - timedelta(days=40)).isoformat()
    await log(world_api, as_="mentor", occurredAt=old)
    today = clock.now().date()
    start = today - timedelta(days=7)
    assert await meetings_between(w.ids["client"], w.ids["mentor"], start, today) == 1
    assert await meetings_between(w.ids["client"], w.ids["coach"], start, today) == 1
    assert await meetings_between(w.ids["client"], w.ids["mentor"], date(2026, 1, 1), today) == 2


async def test_an_agreed_action_asks_for_a_reminder_on_its_day(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    friday = date(2026, 12, 4)
    logged = await log(
        world_api,
        agreed=[
            {
                "text": "Call the supervisor about the rota",
                "who": "coach",
                "dueOn": "2026-12-04",
                "remind": True,
            },
            {
                "text": "Bring the work shoes",
                "who": "client",
                "dueOn": "2026-12-04",
                "remind": True,
            },
            {"text": "Think about the evening shifts", "who": "client", "dueOn": "2026-12-07"},
        ],
    )
    assert [a["who"] for a in logged["agreed"]] == ["coach", "client", "client"]
    # The answer made from what was written is the activity as stored.
    stored = await world_api.get(f"/api/activities/{logged['id']}", as_="coach")
    assert stored.json() == logged
    asked = {
        Day("coach", w.ids["coach"], friday),
        Day("conversation", w.ids["client"], friday),
        Day("coach", w.ids["coach"], friday + timedelta(days=1)),
        Day("conversation", w.ids["client"], date(2026, 12, 7)),
        Day("conversation", w.ids["other_client"], friday),
    }
    assert await reminder_days(asked) == {
        Day("coach", w.ids["coach"], friday),
        Day("conversation", w.ids["client"], friday),
    }
    # The author changes what was agreed: the reminders follow.
    changed = await world_api.patch(
        f"/api/activities/{logged['id']}", as_="coach", json={"agreed": []}
    )
    assert changed.status_code == 200 and changed.json()["agreed"] == []
    assert await reminder_days(asked) == set()
