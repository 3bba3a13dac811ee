"""Staff competence through the API (docs/competence.md): the framework is adapted and published
while the version an assessment used stays readable; a self-assessment is saved as the coach
goes and lands once however often the phone sends it; a field-mentoring visit is logged; the
coordinator's matrix is worked out here by hand; another team's coordinator and other coaches
see nothing of a person's record.

Team North: coordinator Cora, coaches Ada (joined 8 months ago: a new coach's targets) and Dora
(joined 14 months ago: a certified coach's). Team South: coach Ben, coordinator Sam.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backend.accounts.tables import User
from backend.audit.tables import AuditEvent
from backend.competence.tables import SelfRating
from tests.api.conftest import Api
from tests.support.clock import FakeClock, install
from tests.support.competence_assessment import certify
from tests.support.world import World, make_users

TODAY = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
F = "/api/competence/frameworks"
SA = "/api/competence/self-assessments"
V = "/api/competence/visits"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TODAY)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


def new_id() -> str:
    return str(uuid.uuid4())


async def _joined(user_id: str, at: datetime) -> None:
    await User.update({User.created_at: at}).where(User.id == user_id)


async def _more_staff(api: Api) -> None:
    w = _w(api)
    await make_users(
        w,
        [
            ("dora", "Dora Coach", "coach", "North"),
            ("south_coordinator", "Sam Coordinator", "coordinator", "South"),
        ],
    )
    await _joined(w.ids["coach"], datetime(2026, 4, 1, 9, tzinfo=UTC))  # 8 months on 6 Dec
    await _joined(w.ids["dora"], datetime(2025, 10, 1, 9, tzinfo=UTC))  # 14 months


def _edit_of(framework: dict[str, Any]) -> dict[str, Any]:
    """The PUT body that keeps a version as it is."""
    return {
        "levels": [
            {"level": lv["level"], "titles": lv["titles"], "texts": lv["texts"]}
            for lv in framework["levels"]
        ],
        "areas": [
            {
                "key": a["key"],
                "titles": a["titles"],
                "competences": [
                    {
                        "key": c["key"],
                        "titles": c["titles"],
                        "indicators": c["indicators"],
                        "targets": c["targets"],
                    }
                    for c in a["competences"]
                ],
            }
            for a in framework["areas"]
        ],
    }


async def _put(api: Api, path: str, as_: str, json: Any) -> Any:
    return await api.request("PUT", path, as_=as_, json=json)


async def test_a_published_version_is_adapted_in_a_new_one_and_the_old_stays_readable(
    world_api: Api, clock: FakeClock
) -> None:
    versions = (await world_api.get(F, as_="coach")).json()
    assert [(v["version"], v["status"]) for v in versions] == [(1, "published")]
    first = (await world_api.get(f"{F}/current", as_="coach")).json()
    assert first["version"] == 1
    assert len(first["areas"]) == 7
    competences = [c for a in first["areas"] for c in a["competences"]]
    assert all(3 <= len(c["indicators"]) <= 6 for c in competences)
    assert all(set(c["titles"]) == {"en", "pl", "fi", "he"} for c in competences)
    assert [lv["level"] for lv in first["levels"]] == [0, 1, 2, 3, 4]

    # A coach reads but does not adapt; the coordinator does.
    refused = await world_api.post(F, as_="coach", json={})
    assert refused.status_code == 403
    made = await world_api.post(F, as_="coordinator", json={})
    assert made.status_code == 201, made.text
    draft = made.json()
    assert (draft["version"], draft["status"], draft["basedOn"]) == (2, "draft", 1)

    body = _edit_of(draft)
    nego = body["areas"][3]["competences"][1]
    assert nego["key"] == "jobs.negotiation"
    nego["titles"] = {**nego["titles"], "en": "Negotiating hours and tasks"}
    nego["targets"]["newCoach"] = 2
    edited = await _put(world_api, f"{F}/{draft['id']}", "coordinator", body)
    assert edited.status_code == 200, edited.text

    # Publishing needs every language: the missing Finnish is named.
    missing = _edit_of(edited.json())
    del missing["areas"][3]["competences"][1]["titles"]["fi"]
    assert (await _put(world_api, f"{F}/{draft['id']}", "coordinator", missing)).status_code == 200
    refused = await world_api.post(f"{F}/{draft['id']}/publish", as_="coordinator")
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["areas.3.competences.1.titles.fi"]
    assert (await _put(world_api, f"{F}/{draft['id']}", "coordinator", body)).status_code == 200
    published = await world_api.post(f"{F}/{draft['id']}/publish", as_="coordinator")
    assert published.status_code == 200, published.text
    assert published.json()["status"] == "published"

    # The new version is current; it no longer changes; version 1 reads as it was.
    current = (await world_api.get(f"{F}/current", as_="coach")).json()
    assert current["version"] == 2
    assert current["areas"][3]["competences"][1]["titles"]["en"] == "Negotiating hours and tasks"
    assert current["areas"][3]["competences"][1]["targets"]["newCoach"] == 2
    again = await _put(world_api, f"{F}/{draft['id']}", "coordinator", body)
    assert again.status_code == 409
    old = (await world_api.get(f"{F}/{first['id']}", as_="coach")).json()
    assert old == first
    assert old["areas"][3]["competences"][1]["titles"]["en"] == "Negotiating a job"
    versions = (await world_api.get(F, as_="admin")).json()
    assert [(v["version"], v["status"]) for v in versions] == [(2, "published"), (1, "published")]
    assert await AuditEvent.exists().where(AuditEvent.action == "competence_framework_published")


async def test_a_self_assessment_saves_as_the_coach_goes_and_lands_once(
    world_api: Api, clock: FakeClock
) -> None:
    local = new_id()
    started = await world_api.post(SA, as_="coach", json={"localId": local})
    assert started.status_code == 201, started.text
    sa = started.json()
    assert (sa["status"], sa["frameworkVersion"], sa["ratings"]) == ("open", 1, [])
    # The phone sends it again: the same one. Another phone starts one: the same one, too.
    assert (await world_api.post(SA, as_="coach", json={"localId": local})).json()["id"] == sa["id"]
    other = await world_api.post(SA, as_="coach", json={"localId": new_id()})
    assert (other.status_code, other.json()["id"]) == (200, sa["id"])

    rating = f"{SA}/{sa['id']}/ratings/values.confidentiality"
    for level, note in [(1, "Asked Alice first."), (2, "Asked Alice first."), (2, "Asked.")]:
        saved = await _put(world_api, rating, "coach", {"level": level, "note": note})
        assert saved.status_code == 200, saved.text
    assert await SelfRating.count() == 1
    assert [(r["competence"], r["level"], r["note"]) for r in saved.json()["ratings"]] == [
        ("values.confidentiality", 2, "Asked.")
    ]
    bad = await _put(world_api, f"{SA}/{sa['id']}/ratings/no.such", "coach", {"level": 2})
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "path.competence")
    bad = await _put(world_api, rating, "coach", {"level": 5})
    assert bad.status_code in (400, 422) and bad.json()["errors"][0]["field"] == "body.level"

    # Her coordinator reads it and cannot answer for her; other staff do not find it.
    assert (await world_api.get(f"{SA}/{sa['id']}", as_="coordinator")).status_code == 200
    assert (await _put(world_api, rating, "coordinator", {"level": 4})).status_code == 403
    assert (await world_api.get(f"{SA}/{sa['id']}", as_="other_coach")).status_code == 404
    assert (await _put(world_api, rating, "other_coach", {"level": 4})).status_code == 404

    finished = await world_api.post(f"{SA}/{sa['id']}/finish", as_="coach")
    assert (finished.status_code, finished.json()["status"]) == (200, "finished")
    assert (await _put(world_api, rating, "coach", {"level": 3})).status_code == 409
    assert (await world_api.post(f"{SA}/{sa['id']}/finish", as_="coach")).status_code == 200

    # A new version later: the finished one keeps version 1, readable as it was.
    draft = (await world_api.post(F, as_="admin", json={})).json()
    assert (await world_api.post(f"{F}/{draft['id']}/publish", as_="admin")).status_code == 200
    kept = (await world_api.get(f"{SA}/{sa['id']}", as_="coach")).json()
    assert (kept["frameworkVersion"], kept["status"]) == (1, "finished")
    used = await world_api.get(f"{F}/{kept['frameworkId']}", as_="coach")
    assert (used.status_code, used.json()["version"]) == (200, 1)
    listed = (await world_api.get(SA, as_="coach")).json()
    assert [a["id"] for a in listed] == [sa["id"]]
    # The next one starts with the new version.
    nxt = (await world_api.post(SA, as_="coach", json={"localId": new_id()})).json()
    assert (nxt["frameworkVersion"], nxt["status"]) == (2, "open")
    # Clients and others cannot self-assess.
    assert (await world_api.post(SA, as_="client", json={"localId": new_id()})).status_code == 403
    assert (await world_api.post(SA, as_="admin", json={"localId": new_id()})).status_code == 403


def _visit(person: str, **extra: Any) -> dict[str, Any]:
    return {
        "localId": new_id(),
        "personId": person,
        "visitedOn": "2026-12-03",
        "setting": "job_development",
        "seen": [{"competence": "values.confidentiality", "level": 2}],
        "situation": "First visit to a hotel with Alice.",
        "task": "Ask about a housekeeping job.",
        "action": "Ada asked Alice before telling the manager about her needs.",
        "result": "The manager offered a trial day.",
        "reflection": "Ada would prepare the questions with Alice next time.",
        "nextStep": "Prepare the trial day with Alice.",
        **extra,
    }


async def test_a_mentoring_visit_is_logged_once_by_the_coordinator(
    world_api: Api, clock: FakeClock
) -> None:
    w = _w(world_api)
    body = _visit(w.ids["coach"])
    logged = await world_api.post(V, as_="coordinator", json=body)
    assert logged.status_code == 201, logged.text
    visit = logged.json()
    assert (visit["mentorName"], visit["setting"], visit["frameworkVersion"]) == (
        "Cora Coordinator",
        "job_development",
        1,
    )
    assert visit["seen"] == [{"competence": "values.confidentiality", "level": 2}]
    assert visit["nextStep"] == "Prepare the trial day with Alice."
    again = await world_api.post(V, as_="coordinator", json=body)
    assert (again.status_code, again.json()["id"]) == (200, visit["id"])
    mine = (await world_api.get(V, as_="coach")).json()
    assert [v["id"] for v in mine] == [visit["id"]]
    assert await AuditEvent.exists().where(AuditEvent.action == "competence_visit_logged")

    # Refusals name the field.
    for change, field in [
        ({"seen": [{"competence": "no.such", "level": 2}]}, "body.seen.0.competence"),
        ({"visitedOn": "2026-12-07"}, "body.visitedOn"),
        ({"setting": "party"}, "body.setting"),
    ]:
        refused = await world_api.post(V, as_="coordinator", json=_visit(w.ids["coach"], **change))
        assert refused.status_code in (400, 422), change
        assert refused.json()["errors"][0]["field"] == field, change
    # A coach does not log a visit of herself; Ben cannot reach Ada.
    assert (await world_api.post(V, as_="coach", json=_visit(w.ids["coach"]))).status_code == 403
    other = await world_api.post(V, as_="other_coach", json=_visit(w.ids["coach"]))
    assert other.status_code == 404
    assert (
        await world_api.get(f"{V}?person={w.ids['coach']}", as_="other_coach")
    ).status_code == 404


async def test_the_matrix_shows_target_against_current_worked_out_by_hand(
    world_api: Api, clock: FakeClock
) -> None:
    """Ada (month 8: the new coach's targets) rated confidentiality 1 and communication 2 in a
    self-assessment finished on 1 Dec; Cora saw her confidentiality at 2 on 3 Dec: the visit wins
    where it saw, the self-assessment fills the rest. Dora (month 14) has no evidence yet; she is
    held to the certified coach's targets because she holds a certificate (issued 1 June 2026),
    not because of her months: without one, a coach of any month has the new coach's."""
    w = _w(world_api)
    await _more_staff(world_api)
    before = (await world_api.get("/api/competence/matrix", as_="coordinator")).json()
    assert {p["displayName"]: p["track"] for p in before["people"]} == {
        "Ada Coach": "newCoach",
        "Dora Coach": "newCoach",
    }
    await certify(w.ids["dora"], date(2026, 6, 1), w.ids["admin"])
    clock.set(datetime(2026, 12, 1, 15, tzinfo=UTC))
    sa = (await world_api.post(SA, as_="coach", json={"localId": new_id()})).json()
    for key, level in [("values.confidentiality", 1), ("personal.communication", 2)]:
        await _put(world_api, f"{SA}/{sa['id']}/ratings/{key}", "coach", {"level": level})
    assert (await world_api.post(f"{SA}/{sa['id']}/finish", as_="coach")).status_code == 200
    clock.set(TODAY)
    assert (
        await world_api.post(V, as_="coordinator", json=_visit(w.ids["coach"]))
    ).status_code == 201

    matrix = await world_api.get("/api/competence/matrix", as_="coordinator")
    assert matrix.status_code == 200, matrix.text
    data = matrix.json()
    assert data["teamId"] == w.teams["North"]
    people = {p["displayName"]: p for p in data["people"]}
    assert list(people) == ["Ada Coach", "Dora Coach"]
    ada, dora = people["Ada Coach"], people["Dora Coach"]
    assert (ada["track"], ada["monthOfService"]) == ("newCoach", 8)
    assert (dora["track"], dora["monthOfService"]) == ("certifiedCoach", 14)
    cells = {c["competence"]: c for c in ada["cells"]}
    assert len(cells) == 15
    assert cells["values.confidentiality"] == {
        "competence": "values.confidentiality",
        "target": 2,
        "current": 2,
        "source": "visit",
        "evidenceOn": "2026-12-03",
    }
    assert cells["personal.communication"] == {
        "competence": "personal.communication",
        "target": 2,
        "current": 2,
        "source": "self",
        "evidenceOn": "2026-12-01",
    }
    assert cells["jobs.negotiation"] == {
        "competence": "jobs.negotiation",
        "target": 1,
        "current": None,
        "source": "none",
        "evidenceOn": None,
    }
    dora_cells = {c["competence"]: c for c in dora["cells"]}
    assert dora_cells["values.confidentiality"]["target"] == 3
    assert {c["source"] for c in dora["cells"]} == {"none"}

    # Ada's own record is the same row; she sees no one else's, nor the matrix.
    mine = (await world_api.get("/api/competence/record", as_="coach")).json()
    assert mine["person"] == ada
    assert mine["openAssessmentId"] is None
    assert (await world_api.get("/api/competence/matrix", as_="coach")).status_code == 403
    dora_id = w.ids["dora"]
    assert (
        await world_api.get(f"/api/competence/record?person={dora_id}", as_="coach")
    ).status_code == 404
    assert (await world_api.get(f"{SA}?person={dora_id}", as_="coach")).status_code == 404

    # Team South's coordinator sees nothing of North.
    north = w.teams["North"]
    sam = "south_coordinator"
    assert (await world_api.get(f"/api/competence/matrix?team={north}", as_=sam)).status_code == 403
    for path in (
        f"/api/competence/record?person={w.ids['coach']}",
        f"{V}?person={w.ids['coach']}",
        f"{SA}?person={w.ids['coach']}",
        f"{SA}/{sa['id']}",
    ):
        assert (await world_api.get(path, as_=sam)).status_code == 404, path
    south = (await world_api.get("/api/competence/matrix", as_=sam)).json()
    assert [p["displayName"] for p in south["people"]] == ["Ben Coach"]
    # The administrator sees any team.
    admin = await world_api.get(f"/api/competence/matrix?team={north}", as_="admin")
    assert [p["displayName"] for p in admin.json()["people"]] == ["Ada Coach", "Dora Coach"]


async def test_visits_come_latest_first_a_page_at_a_time(world_api: Api, clock: FakeClock) -> None:
    w = _w(world_api)
    made = []
    for day in (1, 3, 3, 2):
        on = (date(2026, 11, 30) + timedelta(days=day)).isoformat()
        v = await world_api.post(V, as_="coordinator", json=_visit(w.ids["coach"], visitedOn=on))
        made.append((on, v.json()["id"]))
    seen: list[str] = []
    url: str | None = f"{V}?person={w.ids['coach']}&limit=1"
    while url:
        page = await world_api.get(url, as_="coordinator")
        seen += [v["visitedOn"] for v in page.json()]
        link = page.headers.get("link")
        url = link.split("<")[1].split(">")[0] if link else None
    assert seen == ["2026-12-03", "2026-12-03", "2026-12-02", "2026-12-01"]
