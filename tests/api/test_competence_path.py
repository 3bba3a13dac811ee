"""The path of a new coach through the API (docs/competence.md, "The path of a new coach"): the
onboarding module ends the provisional status; training records carry a certificate (a PDF as
sent, a photo re-encoded without metadata) and are flagged 30 days before the certificate
expires; ``training_hours`` adds up hours per competence; a development plan holds at most three
open goals, each agreed by the other side; the coordinator logs a simulation.

Team North: coordinator Cora, coach Ada. Team South: coach Ben.
"""

from __future__ import annotations

import io
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PIL import Image

from backend.audit.tables import AuditEvent
from backend.competence import path as competence_path
from backend.competence import path_training
from backend.competence.tables_path import OnboardingCompletion
from backend.lib.storage import get_storage
from backend.privacy import describe
from backend.privacy import files as privacy_files
from tests.api.conftest import Api
from tests.support import competence_path as support_path
from tests.support import photos
from tests.support.clock import FakeClock, install
from tests.support.world import World

TODAY = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
ON = "/api/competence/onboarding"
T = "/api/competence/trainings"
G = "/api/competence/plan-goals"
S = "/api/competence/simulations"
PATH = "/api/competence/path"
UPLOAD = {"x-requested-with": "stepwise"}


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TODAY)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


def _right() -> list[int]:
    return [q["answer"] for q in competence_path.module()["questions"]]


def _training(person: str | None = None, **change: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "localId": str(uuid.uuid4()),
        "course": "Motivational interviewing",
        "provider": "Supported Employment Academy",
        "hours": 7.5,
        "takenOn": "2026-11-20",
        "competences": ["engagement.relationship", "personal.communication"],
    }
    if person:
        body["personId"] = person
    return {**body, **change}


def _goal(person: str | None = None, **change: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "localId": str(uuid.uuid4()),
        "title": "Negotiate a trial day on my own",
        "means": "Prepare with Cora, then call two employers a week.",
        "competence": "jobs.negotiation",
        "startsOn": "2026-12-07",
        "endsOn": "2027-01-31",
    }
    if person:
        body["personId"] = person
    return {**body, **change}


async def _upload(api: Api, who: str, url: str, name: str, data: bytes, kind: str) -> Any:
    api.client.cookies.clear()
    api.client.cookies.set("stepwise_session", _w(api).tokens[who])
    return await api.client.post(url, files={"file": (name, data, kind)}, headers=UPLOAD)


async def test_the_onboarding_module_ends_the_provisional_status(
    world_api: Api, clock: FakeClock
) -> None:
    w = _w(world_api)
    before = (await world_api.get(PATH, as_="coach")).json()
    assert before["provisional"] is True
    team = (await world_api.get("/api/competence/team-path", as_="coordinator")).json()
    assert [(p["displayName"], p["provisional"]) for p in team["people"]] == [("Ada Coach", True)]

    status = (await world_api.get(ON, as_="coach")).json()
    assert status["done"] is False
    module = status["module"]
    assert len(module["screens"]) >= 3 and len(module["questions"]) == 3
    for texts in [module["titles"], *(q["texts"] for q in module["questions"])]:
        assert set(texts) == {"en", "pl", "fi", "he"}
    assert "answer" not in module["questions"][0]  # the right answer stays on the server

    answers = _right()
    wrong = [*answers]
    wrong[1] = (wrong[1] + 1) % 3
    refused = await world_api.post(ON, as_="coach", json={"version": 1, "answers": wrong})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.answers.1"
    short = await world_api.post(ON, as_="coach", json={"version": 1, "answers": answers[:1]})
    assert short.json()["errors"][0]["field"] == "body.answers"

    done = await world_api.post(ON, as_="coach", json={"version": 1, "answers": answers})
    assert done.status_code == 200, done.text
    assert (done.json()["done"], done.json()["completedVersion"]) == (True, 1)
    again = await world_api.post(ON, as_="coach", json={"version": 1, "answers": answers})
    assert again.status_code == 200
    assert await OnboardingCompletion.count() == 1
    assert (
        await AuditEvent.count().where(AuditEvent.action == "competence_onboarding_finished") == 1
    )

    assert (await world_api.get(PATH, as_="coach")).json()["provisional"] is False
    seen = (await world_api.get(f"{PATH}?person={w.ids['coach']}", as_="coordinator")).json()
    assert seen["provisional"] is False
    # Only the person finishes it; the administrator is not followed.
    admin = await world_api.post(ON, as_="admin", json={"version": 1, "answers": answers})
    assert admin.status_code == 403


async def test_a_training_record_carries_a_certificate_photo_without_metadata_or_a_pdf(
    world_api: Api, clock: FakeClock
) -> None:
    w = _w(world_api)
    body = _training()
    added = await world_api.post(T, as_="coach", json=body)
    assert added.status_code == 201, added.text
    record = added.json()
    assert (record["course"], record["hours"], record["certificate"]) == (
        "Motivational interviewing",
        7.5,
        None,
    )
    assert record["createdByName"] == "Ada Coach"
    again = await world_api.post(T, as_="coach", json=body)
    assert (again.status_code, again.json()["id"]) == (200, record["id"])
    by_cora = await world_api.post(T, as_="coordinator", json=_training(w.ids["coach"]))
    assert by_cora.status_code == 201
    assert by_cora.json()["personId"] == w.ids["coach"]
    assert by_cora.json()["createdByName"] == "Cora Coordinator"

    for change, field in [
        ({"competences": ["no.such"]}, "body.competences.0"),
        ({"takenOn": "2026-12-07"}, "body.takenOn"),
        ({"expiresOn": "2026-11-01"}, "body.expiresOn"),
        ({"hours": 0}, "body.hours"),
        ({"course": ""}, "body.course"),
    ]:
        refused = await world_api.post(T, as_="coach", json=_training(**change))
        assert refused.status_code in (400, 422), change
        assert refused.json()["errors"][0]["field"] == field, change
    ben = await world_api.post(T, as_="other_coach", json=_training(w.ids["coach"]))
    assert ben.status_code == 404

    url = f"{T}/{record['id']}/certificate"
    photo = await _upload(world_api, "coach", url, "cert.jpg", photos.phone_jpeg(), "image/jpeg")
    assert photo.status_code == 200, photo.text
    assert photo.json()["certificate"] == {"kind": "jpg", "url": url}
    got = await world_api.get(url, as_="coordinator")
    assert (got.status_code, got.headers["content-type"]) == (200, "image/jpeg")
    stored = Image.open(io.BytesIO(got.content))
    assert not stored.getexif() and "icc_profile" not in stored.info and "xmp" not in stored.info
    assert max(stored.size) <= 1600

    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    replaced = await _upload(world_api, "coordinator", url, "cert.pdf", pdf, "application/pdf")
    assert replaced.json()["certificate"]["kind"] == "pdf"
    got = await world_api.get(url, as_="coach")
    assert (got.headers["content-type"], got.content) == ("application/pdf", pdf)
    text = await _upload(world_api, "coach", url, "cert.txt", b"hello", "text/plain")
    assert (text.status_code, text.json()["errors"][0]["field"]) == (415, "file")
    assert (await world_api.get(url, as_="other_coach")).status_code == 404

    # The export and the erasure find the certificate through the row.
    row = await path_training.training_row(record["id"])
    assert row is not None
    theirs = {"competence_trainings": {record["id"]: row}}
    key = path_training.certificate_key(record["id"], row["certificate_hash"], "pdf")
    assert privacy_files.export_files(theirs) == [
        (key, f"certificates/training-{record['id']}.pdf")
    ]
    assert privacy_files.erase_prefixes(theirs) == [f"competence/certificates/{record['id']}"]

    # Paged, the latest course first.
    await world_api.post(T, as_="coach", json=_training(takenOn="2026-10-01", course="Old course"))
    first = await world_api.get(f"{T}?limit=2", as_="coach")
    assert [r["course"] for r in first.json()] == ["Motivational interviewing"] * 2
    link = first.headers["link"].split("<")[1].split(">")[0]
    second = (await world_api.get(link, as_="coach")).json()
    assert [r["course"] for r in second] == ["Old course"]


async def test_certificates_are_flagged_thirty_days_before_they_expire(
    world_api: Api, clock: FakeClock
) -> None:
    w = _w(world_api)
    soon = (TODAY.date() + timedelta(days=20)).isoformat()
    later = (TODAY.date() + timedelta(days=40)).isoformat()
    gone = (TODAY.date() - timedelta(days=200)).isoformat()
    for course, expires in [("First aid", soon), ("Food hygiene", later), ("Old", gone)]:
        made = await world_api.post(
            T,
            as_="coach",
            json=_training(course=course, expiresOn=expires, takenOn="2025-01-10"),
        )
        assert made.status_code == 201, made.text
    mine = (await world_api.get(T, as_="coach")).json()
    assert {r["course"]: r["expiring"] for r in mine} == {
        "First aid": True,
        "Food hygiene": False,
        "Old": False,
    }
    summary = (await world_api.get(PATH, as_="coach")).json()
    assert [r["course"] for r in summary["expiring"]] == ["First aid"]
    team = (await world_api.get("/api/competence/team-path", as_="coordinator")).json()
    ada = next(p for p in team["people"] if p["personId"] == w.ids["coach"])
    assert [r["course"] for r in ada["expiring"]] == ["First aid"]
    clock.advance(days=15)  # Food hygiene now expires in 25 days
    summary = (await world_api.get(PATH, as_="coach")).json()
    assert [r["course"] for r in summary["expiring"]] == ["First aid", "Food hygiene"]


async def test_training_hours_add_up_per_competence_for_a_team_or_people(
    world_api: Api, clock: FakeClock
) -> None:
    w = _w(world_api)
    await world_api.post(T, as_="coach", json=_training(hours=7.5))
    await world_api.post(T, as_="coach", json=_training(hours=2, competences=["jobs.negotiation"]))
    await world_api.post(
        T, as_="coach", json=_training(hours=3, competences=[], takenOn="2026-06-01")
    )
    await world_api.post(T, as_="other_coach", json=_training(hours=4))
    since, until = date(2026, 11, 1), date(2026, 11, 30)
    north = await path_training.training_hours(
        team_ids=[w.teams["North"]], since=since, until=until
    )
    assert north == {
        "engagement.relationship": 7.5,
        "jobs.negotiation": 2.0,
        "personal.communication": 7.5,
    }
    both = await path_training.training_hours(
        person_ids=[w.ids["coach"], w.ids["other_coach"]], since=since, until=until
    )
    assert both["engagement.relationship"] == 11.5
    whole_year = await path_training.training_hours(
        person_ids=[w.ids["coach"]], since=date(2026, 1, 1), until=date(2026, 12, 31)
    )
    assert whole_year[""] == 3.0  # a course that names no competence
    everyone = await path_training.training_hours(since=since, until=until)
    assert everyone == both
    assert await path_training.training_hours(team_ids=[], since=since, until=until) == {}


async def test_a_plan_holds_three_open_goals_each_agreed_by_the_other_side(
    world_api: Api, clock: FakeClock
) -> None:
    w = _w(world_api)
    body = _goal()
    proposed = await world_api.post(G, as_="coach", json=body)
    assert proposed.status_code == 201, proposed.text
    goal = proposed.json()
    assert (goal["status"], goal["awaitsMe"], goal["proposedByName"]) == (
        "proposed",
        False,
        "Ada Coach",
    )
    assert (await world_api.post(G, as_="coach", json=body)).status_code == 200
    assert (await world_api.post(f"{G}/{goal['id']}/agree", as_="coach")).status_code == 403
    cora_view = (await world_api.get(f"{G}?person={w.ids['coach']}", as_="coordinator")).json()
    assert [g["awaitsMe"] for g in cora_view] == [True]
    agreed = await world_api.post(f"{G}/{goal['id']}/agree", as_="coordinator")
    assert agreed.status_code == 200
    assert (agreed.json()["status"], agreed.json()["agreedByName"]) == (
        "agreed",
        "Cora Coordinator",
    )
    rated = await world_api.request(
        "PUT", f"{G}/{goal['id']}/progress", as_="coach", json={"progress": 1, "note": "Two calls."}
    )
    assert (rated.json()["progress"], rated.json()["progressNote"]) == (1, "Two calls.")

    # Cora proposes the next two: Ada agrees to hers.
    clock.advance(minutes=1)
    by_cora = await world_api.post(G, as_="coordinator", json=_goal(w.ids["coach"]))
    assert by_cora.json()["awaitsMe"] is False
    mine = (await world_api.get(G, as_="coach")).json()
    assert [g["awaitsMe"] for g in mine] == [True, False]
    assert (await world_api.post(f"{G}/{by_cora.json()['id']}/agree", as_="coach")).json()[
        "status"
    ] == "agreed"
    await world_api.post(G, as_="coordinator", json=_goal(w.ids["coach"]))
    fourth = await world_api.post(G, as_="coach", json=_goal())
    assert (fourth.status_code, fourth.json()["code"]) == (409, "three_goals")
    summary = (await world_api.get(PATH, as_="coach")).json()
    assert len(summary["openGoals"]) == 3
    closed = await world_api.request(
        "PUT", f"{G}/{goal['id']}/progress", as_="coordinator", json={"progress": 2, "close": True}
    )
    assert closed.json()["status"] == "closed"
    assert (await world_api.post(G, as_="coach", json=_goal())).status_code == 201
    again = await world_api.request(
        "PUT", f"{G}/{goal['id']}/progress", as_="coach", json={"progress": 0}
    )
    assert again.status_code == 409

    await world_api.request(
        "PUT",
        f"{G}/{by_cora.json()['id']}/progress",
        as_="coach",
        json={"progress": 0, "close": True},
    )
    for change, field in [
        ({"competence": "no.such"}, "body.competence"),
        ({"endsOn": "2026-12-01"}, "body.endsOn"),
        ({"endsOn": "2028-12-01"}, "body.endsOn"),
    ]:
        refused = await world_api.post(G, as_="coach", json=_goal(**change))
        assert refused.status_code == 422, change
        assert refused.json()["errors"][0]["field"] == field
    out_of_range = await world_api.request(
        "PUT", f"{G}/{goal['id']}/progress", as_="coach", json={"progress": 3}
    )
    assert out_of_range.json()["errors"][0]["field"] == "body.progress"


async def test_a_simulation_is_logged_once_by_the_coordinator(
    world_api: Api, clock: FakeClock
) -> None:
    w = _w(world_api)
    body = {
        "localId": str(uuid.uuid4()),
        "personId": w.ids["coach"],
        "heldOn": "2026-12-04",
        "scenario": "employer_call",
        "scenarioText": "A bakery owner who says no at first.",
        "seen": [
            {"competence": "jobs.employer_contact", "level": 2},
            {"competence": "jobs.negotiation", "level": 1},
        ],
        "notes": "Clear opening; gave up on the second no.",
        "nextStep": "Practise answers to three objections.",
    }
    logged = await world_api.post(S, as_="coordinator", json=body)
    assert logged.status_code == 201, logged.text
    sim = logged.json()
    assert (sim["observerName"], sim["scenario"], sim["frameworkVersion"]) == (
        "Cora Coordinator",
        "employer_call",
        1,
    )
    again = await world_api.post(S, as_="coordinator", json=body)
    assert (again.status_code, again.json()["id"]) == (200, sim["id"])
    mine = (await world_api.get(S, as_="coach")).json()
    assert [s["id"] for s in mine] == [sim["id"]]
    assert await AuditEvent.exists().where(AuditEvent.action == "competence_simulation_logged")
    # My data and the export say the scenario in words.
    plain = describe.plain_row("competence_simulations", {"scenario": "employer_call"}, {}, "fi")
    assert plain == {"Tilanne": "soitto työnantajalle"}
    for change, field in [
        ({"seen": [{"competence": "no.such", "level": 1}]}, "body.seen.0.competence"),
        ({"heldOn": "2026-12-07"}, "body.heldOn"),
        ({"scenario": "other", "scenarioText": ""}, "body.scenarioText"),
        ({"scenario": "party"}, "body.scenario"),
    ]:
        refused = await world_api.post(
            S, as_="coordinator", json={**body, "localId": str(uuid.uuid4()), **change}
        )
        assert refused.status_code in (400, 422), change
        assert refused.json()["errors"][0]["field"] == field, change
    assert (
        await world_api.post(S, as_="coach", json={**body, "localId": str(uuid.uuid4())})
    ).status_code == 403


async def test_a_training_record_is_removed_with_its_certificate_file(world_api: Api) -> None:
    w = _w(world_api)
    record = await support_path.ada_training(w)
    prefix = path_training.certificate_prefix(record)
    assert await get_storage().names(prefix) != []
    # Ben of South does not reach it; Ada's coordinator or Ada herself removes it.
    url = f"{T}/{record}"
    assert (await world_api.delete(url, as_="other_coach")).status_code == 404
    assert (await world_api.delete(url, as_="client")).status_code == 403
    gone = await world_api.delete(url, as_="coach")
    assert gone.status_code == 204, gone.text
    assert await get_storage().names(prefix) == []
    assert [r["id"] for r in (await world_api.get(T, as_="coach")).json()] == []
    assert (await world_api.delete(url, as_="coach")).status_code == 404
    assert (
        await AuditEvent.count().where(
            (AuditEvent.action == "competence_training_removed")
            & (AuditEvent.subject == w.ids["coach"])
        )
        == 1
    )
