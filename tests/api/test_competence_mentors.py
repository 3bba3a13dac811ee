"""Field mentors (docs/competence.md, "Field mentors"): the coordinator names a senior colleague —
a coach with a valid certificate, or herself — to mentor a new coach in the field; while it runs
the mentor reads the coach's record and logs visits and simulations of her work, and the coach
sees who mentors her; ended, the mentor is out of reach again.

Team North: coordinator Cora, coach Ada. Team South: coach Ben, who holds a valid certificate
from the start of the test.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from backend.audit.tables import AuditEvent
from backend.competence import framework
from backend.competence.tables_assessment import Assessment, Certificate
from tests.api.conftest import Api
from tests.support.clock import FakeClock, install
from tests.support.world import World

TODAY = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
M = "/api/competence/field-mentors"


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TODAY)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


async def _certify(person: str) -> None:
    """A signed assessment of ``person`` and the certificate it made (valid for three years)."""
    current = await framework.current()
    assessment = Assessment(
        client_uuid=uuid.uuid4(),
        person=person,
        framework=current["id"],
        decision="certified",
        status="signed",
        assessed_on=date(2026, 6, 1),
        created_at=TODAY,
        updated_at=TODAY,
    )
    await assessment.save()
    await Certificate(
        person=person,
        assessment=assessment.id,
        issued_on=date(2026, 6, 1),
        valid_until=date(2029, 6, 1),
        review_on=date(2027, 6, 1),
        created_at=TODAY,
    ).save()


def _naming(w: World, mentor: str, local_id: str | None = None) -> dict[str, Any]:
    return {
        "localId": local_id or str(uuid.uuid4()),
        "personId": w.ids["coach"],
        "mentorId": mentor,
    }


def _visit(w: World) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "personId": w.ids["coach"],
        "visitedOn": "2026-12-04",
        "setting": "job_analysis",
        "seen": [{"competence": "workplace.task_analysis", "level": 2}],
        "situation": "A bakery's morning shift.",
        "nextStep": "Ada leads the next analysis.",
    }


async def test_a_certified_coach_named_field_mentor_reaches_the_record_while_it_runs(
    world_api: Api,
) -> None:
    w = _w(world_api)
    ada, ben, cora = w.ids["coach"], w.ids["other_coach"], w.ids["coordinator"]
    record = f"/api/competence/record?person={ada}"

    # Before: Ben of South does not reach Ada's record, nor log a visit of her work.
    assert (await world_api.get(record, as_="other_coach")).status_code == 404
    visits = "/api/competence/visits"
    assert (await world_api.post(visits, as_="other_coach", json=_visit(w))).status_code == 404

    # Whom Cora may name: herself; Ben once he holds a valid certificate.
    choices = await world_api.get(f"{M}/choices?person={ada}", as_="coordinator")
    assert [c["personId"] for c in choices.json()] == [cora]
    refused = await world_api.post(M, as_="coordinator", json=_naming(w, ben))
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (422, "body.mentorId")
    for wrong in (ada, w.ids["client"]):
        bad = await world_api.post(M, as_="coordinator", json=_naming(w, wrong))
        assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "body.mentorId")
    await _certify(ben)
    choices = await world_api.get(f"{M}/choices?person={ada}", as_="coordinator")
    assert [c["personId"] for c in choices.json()] == [cora, ben]

    # Named (a retry lands once); Ada sees who mentors her, Ben whom he mentors.
    body = _naming(w, ben)
    named = await world_api.post(M, as_="coordinator", json=body)
    assert named.status_code == 201, named.text
    again = await world_api.post(M, as_="coordinator", json=body)
    assert (again.status_code, again.json()["id"]) == (200, named.json()["id"])
    mine = (await world_api.get(M, as_="coach")).json()
    assert [(m["mentorName"], m["endedOn"]) for m in mine] == [("Ben Coach", None)]
    mentees = (await world_api.get("/api/competence/mentees", as_="other_coach")).json()
    assert [m["personId"] for m in mentees] == [ada]
    assert (
        await AuditEvent.count().where(
            (AuditEvent.action == "competence_mentor_named") & (AuditEvent.subject == ada)
        )
        == 1
    )

    # Mentoring, Ben is held to the mentor's targets (certified, he was a certified coach's).
    own = (await world_api.get("/api/competence/record", as_="other_coach")).json()
    assert own["person"]["track"] == "mentor"

    # While it runs: Ben reads Ada's record and logs a visit and a simulation of her work.
    assert (await world_api.get(record, as_="other_coach")).status_code == 200
    logged = await world_api.post(visits, as_="other_coach", json=_visit(w))
    assert logged.status_code == 201, logged.text
    assert logged.json()["mentorName"] == "Ben Coach"
    simulation = {
        "localId": str(uuid.uuid4()),
        "personId": ada,
        "heldOn": "2026-12-05",
        "scenario": "employer_call",
        "seen": [{"competence": "jobs.employer_contact", "level": 1}],
    }
    practised = await world_api.post(
        "/api/competence/simulations", as_="other_coach", json=simulation
    )
    assert practised.status_code == 201, practised.text
    # … but he names no mentor, and Ada does not choose her own.
    assert (await world_api.post(M, as_="other_coach", json=_naming(w, cora))).status_code == 403
    assert (await world_api.post(M, as_="coach", json=_naming(w, cora))).status_code == 403

    # Cora takes over: naming herself ends Ben's; Ben is out of reach again.
    took = await world_api.post(M, as_="coordinator", json=_naming(w, cora))
    assert took.status_code == 201, took.text
    history = (await world_api.get(M, as_="coach")).json()
    assert [(m["mentorName"], m["endedOn"]) for m in history] == [
        ("Cora Coordinator", None),
        ("Ben Coach", "2026-12-06"),
    ]
    assert (await world_api.get(record, as_="other_coach")).status_code == 404
    assert (await world_api.post(visits, as_="other_coach", json=_visit(w))).status_code == 404
    assert (await world_api.get("/api/competence/mentees", as_="other_coach")).json() == []
    own = (await world_api.get("/api/competence/record", as_="other_coach")).json()
    assert own["person"]["track"] == "certifiedCoach"
    ended = await world_api.post(f"{M}/{took.json()['id']}/end", as_="coordinator")
    assert (ended.status_code, ended.json()["endedOn"]) == (200, "2026-12-06")
