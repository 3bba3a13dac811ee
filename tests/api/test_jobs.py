"""Clients' jobs: recorded by those who manage the client, read by the client, ended with a
date and a reason; the journey hears of each start and end (``JobStarted``, ``JobEnded``)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from backend.employers import JobEnded, JobStarted
from backend.employers.tables import Job
from backend.lib import events
from backend.lib.clock import now
from tests.api.conftest import Api
from tests.api.test_paging import walk


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The employers domain's events, as a listener above it hears them."""
    monkeypatch.setattr(events, "_subscriptions", dict(events._subscriptions))
    found: list[object] = []

    async def listen(event: object) -> None:
        found.append(event)

    events.subscribe(JobStarted, listen)
    events.subscribe(JobEnded, listen)
    return found


async def _employer(api: Api, name: str = "Hotel Aurora", as_: str = "coach") -> str:
    response = await api.post(
        "/api/employers",
        as_=as_,
        json={"localId": new_id(), "name": name, "address": "Rantatie 2, Turku"},
    )
    assert response.status_code == 201, response.text
    employer_id: str = response.json()["id"]
    return employer_id


def _job(employer_id: str | None, **more: Any) -> dict[str, Any]:
    return {
        "localId": new_id(),
        "employerId": employer_id,
        "title": "Kitchen assistant",
        "startDate": "2026-11-02",
        "hoursPerWeek": 12.5,
        "hourlyPayCents": 1140,
        "contractType": "fixed_term",
        "atLeastMinimumWage": True,
        "openToAnyone": True,
        "samePayAsOthers": True,
        "alongsideOthers": True,
        **more,
    }


def _jobs(api: Api) -> str:
    assert api.world is not None
    return f"/api/clients/{api.world.ids['client']}/jobs"


async def test_a_job_is_recorded_once_and_the_journey_hears_it(
    world_api: Api, heard: list[object]
) -> None:
    assert world_api.world is not None
    employer_id = await _employer(world_api)
    body = _job(employer_id)
    first = await world_api.post(_jobs(world_api), as_="coach", json=body)
    assert first.status_code == 201, first.text
    job = first.json()
    assert job["employerName"] == "Hotel Aurora"
    assert job["employerAddress"] == "Rantatie 2, Turku"
    assert job["hoursPerWeek"] == 12.5 and job["hourlyPayCents"] == 1140
    assert job["competitiveIntegrated"] is True
    assert job["clientName"] == "Alice Client"
    again = await world_api.post(_jobs(world_api), as_="coach", json=body)
    assert again.status_code == 200 and again.json()["id"] == job["id"]
    assert await Job.count() == 1
    assert heard == [
        JobStarted(
            job_id=job["id"],
            client_id=world_api.world.ids["client"],
            employer_id=employer_id,
            started_on=date(2026, 11, 2),
        )
    ]


async def test_a_job_is_ended_with_a_date_and_a_reason(world_api: Api, heard: list[object]) -> None:
    assert world_api.world is not None
    job = (await world_api.post(_jobs(world_api), as_="coach", json=_job(None))).json()
    heard.clear()
    url = f"/api/jobs/{job['id']}/end"
    early = await world_api.post(url, as_="coach", json={"endDate": "2026-10-01", "reason": "quit"})
    assert early.status_code == 422
    assert early.json()["errors"][0]["field"] == "body.endDate"
    odd = await world_api.post(url, as_="coach", json={"endDate": "2026-12-01", "reason": "fun"})
    assert odd.status_code in (400, 422)
    assert odd.json()["errors"][0]["field"] == "body.reason"
    assert (
        await world_api.post(url, as_="client", json={"endDate": "2026-12-01", "reason": "quit"})
    ).status_code == 403
    ended = await world_api.post(
        url, as_="coach", json={"endDate": "2026-12-01", "reason": "moved_job"}
    )
    assert ended.status_code == 200, ended.text
    assert ended.json()["endDate"] == "2026-12-01"
    assert ended.json()["endReason"] == "moved_job"
    assert heard == [
        JobEnded(
            job_id=job["id"],
            client_id=world_api.world.ids["client"],
            ended_on=date(2026, 12, 1),
            reason="moved_job",
        )
    ]
    twice = await world_api.post(url, as_="coach", json={"endDate": "2026-12-02", "reason": "quit"})
    assert twice.status_code == 409


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "body.title"),
        ({"title": "  "}, "body.title"),
        ({"hoursPerWeek": -1}, "body.hoursPerWeek"),
        ({"hoursPerWeek": 81}, "body.hoursPerWeek"),
        ({"hourlyPayCents": -5}, "body.hourlyPayCents"),
        ({"hourlyPayCents": 12.5}, "body.hourlyPayCents"),
        ({"contractType": "forever"}, "body.contractType"),
        ({"currency": "euro"}, "body.currency"),
        ({"startDate": "yesterday"}, "body.startDate"),
        ({"employerId": "not-an-employer"}, "body.employerId"),
    ],
)
async def test_a_bad_job_is_refused_naming_the_field(
    world_api: Api, change: dict[str, Any], field: str
) -> None:
    response = await world_api.post(_jobs(world_api), as_="coach", json=_job(None, **change))
    assert response.status_code in (400, 422), response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]


async def test_another_teams_employer_cannot_be_named(world_api: Api) -> None:
    south = await _employer(world_api, "South Sawmill", as_="other_coach")
    response = await world_api.post(_jobs(world_api), as_="coach", json=_job(south))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.employerId"


async def test_the_client_reads_their_jobs_and_others_do_not_find_them(world_api: Api) -> None:
    job = (await world_api.post(_jobs(world_api), as_="coach", json=_job(None))).json()
    mine = await world_api.get(_jobs(world_api), as_="client")
    assert mine.status_code == 200 and [j["id"] for j in mine.json()] == [job["id"]]
    assert (await world_api.get(f"/api/jobs/{job['id']}", as_="client")).status_code == 200
    for as_ in ("other_coach", "other_client", "family", "mentor"):
        assert (await world_api.get(_jobs(world_api), as_=as_)).status_code == 404, as_
        assert (await world_api.get(f"/api/jobs/{job['id']}", as_=as_)).status_code == 404, as_
        assert (
            await world_api.patch(f"/api/jobs/{job['id']}", as_=as_, json={"title": "X"})
        ).status_code == 404, as_
    refused = await world_api.post(_jobs(world_api), as_="client", json=_job(None))
    assert refused.status_code == 403


async def test_a_clients_jobs_come_a_page_at_a_time_latest_start_first(world_api: Api) -> None:
    for day in ("2025-03-01", "2026-01-15", "2024-06-30", "2026-01-15", "2025-09-09"):
        made = await world_api.post(_jobs(world_api), as_="coach", json=_job(None, startDate=day))
        assert made.status_code == 201
    whole = (await world_api.get(_jobs(world_api), as_="coach")).json()
    starts = [j["startDate"] for j in whole]
    assert starts == sorted(starts, reverse=True)
    pages = await walk(world_api, _jobs(world_api), "coach", 2)
    assert [j["id"] for page in pages for j in page] == [j["id"] for j in whole]


async def test_a_job_is_changed_and_competitive_integrated_follows_the_answers(
    world_api: Api,
) -> None:
    job = (await world_api.post(_jobs(world_api), as_="coach", json=_job(None))).json()
    changed = await world_api.patch(
        f"/api/jobs/{job['id']}",
        as_="coordinator",
        json={"samePayAsOthers": False, "hoursPerWeek": None},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["competitiveIntegrated"] is False
    # The fourth answer (alongside co-workers without disabilities) counts as the other three.
    back = await world_api.patch(
        f"/api/jobs/{job['id']}",
        as_="coordinator",
        json={"samePayAsOthers": True, "alongsideOthers": None},
    )
    assert (back.json()["competitiveIntegrated"], back.json()["alongsideOthers"]) == (False, None)
    assert changed.json()["hoursPerWeek"] is None
    assert changed.json()["title"] == "Kitchen assistant"


async def test_the_employer_page_lists_jobs_of_clients_the_reader_sees(world_api: Api) -> None:
    assert world_api.world is not None
    employer_id = await _employer(world_api)
    await world_api.post(_jobs(world_api), as_="coach", json=_job(employer_id))
    page = (await world_api.get(f"/api/employers/{employer_id}", as_="coordinator")).json()
    assert [j["clientName"] for j in page["jobs"]] == ["Alice Client"]
    every = (await world_api.get(f"/api/employers/{employer_id}", as_="admin")).json()
    assert len(every["jobs"]) == 1


async def test_the_client_finds_their_jobs_in_my_data_and_erasure_keeps_the_employer(
    world_api: Api,
) -> None:
    assert world_api.world is not None
    alice = world_api.world.ids["client"]
    employer_id = await _employer(world_api)
    await world_api.post(
        f"/api/employers/{employer_id}/people",
        as_="coach",
        json={"localId": new_id(), "name": "Sam Supervisor"},
    )
    await world_api.post(_jobs(world_api), as_="coach", json=_job(employer_id))
    data = (await world_api.get("/api/me/data", as_="client")).json()
    jobs = next(s for s in data["sections"] if s["key"] == "jobs")
    assert jobs["title"] == "Your jobs"
    row = jobs["rows"][0]
    assert row["Title"] == "Kitchen assistant" and row["Contract"] == "For a set time"
    assert row["Same pay as others"] == "yes"
    assert not {"employers", "employer_people"} & {s["key"] for s in data["sections"]}

    erased = await world_api.post(
        f"/api/people/{alice}/erase", as_="admin", json={"confirmName": "Alice Client"}
    )
    assert erased.status_code == 200, erased.text
    assert erased.json()["rows"]["jobs"] == 1
    assert await Job.count() == 0
    page = (await world_api.get(f"/api/employers/{employer_id}", as_="coach")).json()
    assert page["name"] == "Hotel Aurora" and [p["name"] for p in page["people"]] == [
        "Sam Supervisor"
    ]
    assert page["jobs"] == []


async def test_the_clients_day_says_where_they_work_and_follows_each_change(
    world_api: Api,
) -> None:
    day = (await world_api.get("/api/me/day", as_="client")).json()
    assert day["jobs"] == []
    employer_id = await _employer(world_api)
    job = (await world_api.post(_jobs(world_api), as_="coach", json=_job(employer_id))).json()
    day = (await world_api.get("/api/me/day", as_="client")).json()
    assert day["jobs"] == [
        {
            "jobId": job["id"],
            "title": "Kitchen assistant",
            "employerName": "Hotel Aurora",
            "address": "Rantatie 2, Turku",
            "startDate": "2026-11-02",
        }
    ]
    # The employer moves: the kept day is made again.
    moved = await world_api.patch(
        f"/api/employers/{employer_id}", as_="coach", json={"address": "Satamakatu 5, Turku"}
    )
    assert moved.status_code == 200
    day = (await world_api.get("/api/me/day", as_="client")).json()
    assert day["jobs"][0]["address"] == "Satamakatu 5, Turku"
    # A job that ended yesterday is no longer where the client works.
    yesterday = (now().date() - timedelta(days=1)).isoformat()
    ended = await world_api.post(
        f"/api/jobs/{job['id']}/end", as_="coach", json={"endDate": yesterday, "reason": "quit"}
    )
    assert ended.status_code == 200, ended.text
    assert (await world_api.get("/api/me/day", as_="client")).json()["jobs"] == []
    # Bob's day says nothing of Alice's job.
    assert (await world_api.get("/api/me/day", as_="other_client")).json()["jobs"] == []


async def test_a_task_and_a_shift_belong_to_one_of_the_clients_jobs(world_api: Api) -> None:
    assert world_api.world is not None
    w = world_api.world
    job = (await world_api.post(_jobs(world_api), as_="coach", json=_job(None))).json()
    bobs = await world_api.post(
        f"/api/clients/{w.ids['other_client']}/jobs", as_="other_coach", json=_job(None)
    )
    shift = {
        "localId": new_id(),
        "workplace": "Hotel Aurora",
        "zone": "Europe/Helsinki",
        "startsAt": "08:00",
        "endsAt": "12:00",
        "repeat": "weekly",
        "weekdays": [1, 3],
    }
    shifts = f"/api/clients/{w.ids['client']}/shifts"
    wrong = await world_api.post(shifts, as_="coach", json={**shift, "jobId": bobs.json()["id"]})
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "body.jobId"
    made = await world_api.post(shifts, as_="coach", json={**shift, "jobId": job["id"]})
    assert made.status_code == 201, made.text
    assert made.json()["jobId"] == job["id"]
    cleared = await world_api.patch(
        f"/api/shifts/{made.json()['id']}", as_="coach", json={"jobId": None}
    )
    assert cleared.status_code == 200 and cleared.json()["jobId"] is None
    # Without a job, as before.
    plain = await world_api.post(shifts, as_="coach", json={**shift, "localId": new_id()})
    assert plain.status_code == 201 and plain.json()["jobId"] is None

    tasks = f"/api/clients/{w.ids['client']}/tasks"
    wrong = await world_api.post(
        tasks, as_="coach", json={"title": "Fold towels", "jobId": "nonsense"}
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "body.jobId"
    task = await world_api.post(
        tasks,
        as_="coach",
        json={"title": "Fold towels", "workplace": "Hotel Aurora", "jobId": job["id"]},
    )
    assert task.status_code == 201, task.text
    assert task.json()["jobId"] == job["id"]
    moved = await world_api.patch(
        f"/api/tasks/{task.json()['id']}", as_="coach", json={"jobId": None}
    )
    assert moved.status_code == 200 and moved.json()["jobId"] is None
