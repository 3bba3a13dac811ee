"""Evidence from practice, the summative assessment, certificates and the gap report through the
API (docs/competence.md): the records proposed as evidence are worked out here by hand and
attaching one changes no level; a summative assessment signed by both assessors with their
passkeys is refused to every role afterwards, each attempt in the audit log, and the framework
version it used stays readable; the certificate makes the certified coach's track; the gap report
counts by hand, shows nothing of a group smaller than five, and another team's coordinator sees
nothing.

Team North: coordinator Cora, coach Ada. Team South: coach Ben (and coordinator Sam, added).
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from datetime import UTC, date, datetime
from typing import Any

import pytest

from backend.activities.tables import Activity
from backend.audit.tables import AuditEvent
from backend.goals import questions
from backend.goals.tables import Conversation
from tests.api.conftest import Api
from tests.support.agreements import fresh
from tests.support.clock import FakeClock, install
from tests.support.profiles import build_profile
from tests.support.workplace import build_analysis
from tests.support.world import World, make_users

TODAY = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)  # a Sunday
E = "/api/competence/evidence"
A = "/api/competence/assessments"
F = "/api/competence/frameworks"
V = "/api/competence/visits"
GAPS = "/api/competence/gaps"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TODAY)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


def new_id() -> str:
    return str(uuid.uuid4())


async def _contact(
    author: str, at: datetime, made: bool = True, logged: datetime | None = None
) -> None:
    await Activity.insert(
        Activity(
            client_uuid=new_id(),
            author=author,
            with_whom="employer",
            mode="phone",
            occurred_at=at,
            minutes=15,
            purposes=",employer_contact,",
            made=made,
            created_at=logged or at,
            updated_at=logged or at,
        )
    )


async def _actions(action: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await AuditEvent.select(
        AuditEvent.actor, AuditEvent.outcome
    ).where(AuditEvent.action == action)
    return rows


async def test_evidence_is_proposed_from_ones_own_records_and_attaching_changes_no_level(
    world_api: Api, clock: FakeClock
) -> None:
    """Ada's records by hand: Alice's profile she asked Alice to approve, approved today; the job
    analysis she made today; the monthly conversation she held on 4 Dec (one on 5 Dec is still
    open); employer contacts made on Wed 2 Dec (two), Wed 25 Nov and Tue 24 Nov (one each), one
    only attempted on Thu 26 Nov; all logged as they happened but the one of 24 Nov, logged on
    27 Nov. Ben's contact and conversation are his. Proposed, latest first: the profile, the
    analysis (both today), the conversation, the week of Mon 30 Nov (2 logged in time, 2
    contacts), the week of Mon 23 Nov (2 logged in time of 3; 2 contacts made)."""
    w = _w(world_api)
    await build_profile(w, approved=True)
    await build_analysis(w)
    ada, ben = w.ids["coach"], w.ids["other_coach"]
    await _contact(ada, datetime(2026, 12, 2, 9, tzinfo=UTC))
    await _contact(ada, datetime(2026, 12, 2, 11, tzinfo=UTC))
    await _contact(ada, datetime(2026, 11, 25, 9, tzinfo=UTC))
    await _contact(ada, datetime(2026, 11, 26, 9, tzinfo=UTC), made=False)
    await _contact(
        ada, datetime(2026, 11, 24, 9, tzinfo=UTC), logged=datetime(2026, 11, 27, tzinfo=UTC)
    )
    await _contact(ben, datetime(2026, 12, 3, 9, tzinfo=UTC))
    await questions.ensure_default()
    asked = (await questions.current_set())["id"]
    for coach, held, status in [
        (ada, date(2026, 12, 4), "ended"),
        (ada, date(2026, 12, 5), "open"),
        (ben, date(2026, 12, 4), "ended"),
    ]:
        await Conversation(
            client_uuid=uuid.uuid4(),
            client=w.ids["client"],
            coach=coach,
            question_set=asked,
            held_on=held,
            status=status,
            started_at=datetime.combine(held, datetime.min.time(), tzinfo=UTC),
        ).save()

    got = await world_api.get(f"{E}/suggestions", as_="coach")
    assert got.status_code == 200, got.text
    proposed = got.json()
    assert [(s["kind"], s["occurredOn"], s["amount"]) for s in proposed] == [
        ("profile_approved", "2026-12-06", 1),
        ("job_analysis", "2026-12-06", 1),
        ("conversation_held", "2026-12-04", 1),
        ("logged_in_time_week", "2026-11-30", 2),
        ("employer_contacts_week", "2026-11-30", 2),
        ("logged_in_time_week", "2026-11-23", 2),
        ("employer_contacts_week", "2026-11-23", 2),
    ]
    assert proposed[0]["fits"] == [
        {"competence": "engagement.profiling", "indicator": 2},
        {"competence": "engagement.profiling", "indicator": 0},
    ]
    assert proposed[4]["sourceId"] == "2026-11-30"
    assert proposed[3]["fits"] == [{"competence": "organisation.planning", "indicator": 1}]
    assert proposed[2]["fits"] == [{"competence": "organisation.reviews", "indicator": 1}]
    assert all(s["attached"] == [] for s in proposed)
    # Her coordinator sees the same; Ben and clients do not.
    mine = (await world_api.get(f"{E}/suggestions?person={ada}", as_="coordinator")).json()
    assert mine == proposed
    assert (
        await world_api.get(f"{E}/suggestions?person={ada}", as_="other_coach")
    ).status_code == 404
    assert (await world_api.get(f"{E}/suggestions", as_="client")).status_code == 403

    profile = proposed[0]
    body = {
        "localId": new_id(),
        "personId": ada,
        "competence": "engagement.profiling",
        "indicator": 2,
        "kind": "profile_approved",
        "sourceId": profile["sourceId"],
        "note": "Alice chose every word.",
    }
    attached = await world_api.post(E, as_="coach", json=body)
    assert attached.status_code == 201, attached.text
    item = attached.json()
    assert (item["attachedById"], item["occurredOn"], item["note"]) == (
        ada,
        "2026-12-06",
        "Alice chose every word.",
    )
    again = await world_api.post(E, as_="coach", json=body)
    assert (again.status_code, again.json()["id"]) == (200, item["id"])
    twice = await world_api.post(E, as_="coach", json={**body, "localId": new_id()})
    assert (twice.status_code, twice.json()["id"]) == (200, item["id"])
    # Only the person's own records, on an indicator the competence has.
    for change, field in [
        ({"sourceId": str(uuid.uuid4())}, "body.sourceId"),
        ({"kind": "job_analysis"}, "body.sourceId"),
        ({"indicator": 3}, "body.indicator"),
        ({"competence": "no.such"}, "body.competence"),
    ]:
        bad = await world_api.post(E, as_="coach", json={**body, "localId": new_id(), **change})
        assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, field), change

    # Her coordinator attaches the week of 30 Nov, a minute later; Ben cannot reach her.
    clock.advance(minutes=1)
    week = {
        **body,
        "localId": new_id(),
        "competence": "jobs.employer_contact",
        "indicator": 0,
        "kind": "employer_contacts_week",
        "sourceId": "2026-11-30",
        "note": "Two new employers.",
    }
    by_cora = await world_api.post(E, as_="coordinator", json=week)
    assert by_cora.status_code == 201, by_cora.text
    assert by_cora.json()["amount"] == 2
    assert (
        await world_api.post(E, as_="other_coach", json={**week, "localId": new_id()})
    ).status_code == 404

    listed = (await world_api.get(f"{E}?person={ada}", as_="coordinator")).json()
    assert [(e["kind"], e["attachedByName"]) for e in listed] == [
        ("employer_contacts_week", "Cora Coordinator"),
        ("profile_approved", "Ada Coach"),
    ]
    only = (await world_api.get(f"{E}?competence=engagement.profiling", as_="coach")).json()
    assert [e["id"] for e in only] == [item["id"]]
    now_proposed = (await world_api.get(f"{E}/suggestions", as_="coach")).json()
    assert now_proposed[0]["attached"] == [{"competence": "engagement.profiling", "indicator": 2}]

    # Nothing changed a level.
    record = (await world_api.get("/api/competence/record", as_="coach")).json()
    assert {c["source"] for c in record["person"]["cells"]} == {"none"}

    # Who attached removes it; nobody else.
    cora_item = by_cora.json()["id"]
    assert (await world_api.delete(f"{E}/{cora_item}", as_="coach")).status_code == 403
    assert (await world_api.delete(f"{E}/{item['id']}", as_="coordinator")).status_code == 403
    assert (await world_api.delete(f"{E}/{item['id']}", as_="other_coach")).status_code == 404
    assert (await world_api.delete(f"{E}/{item['id']}", as_="coach")).status_code == 204
    assert (await world_api.delete(f"{E}/{item['id']}", as_="coach")).status_code == 404
    left = (await world_api.get(E, as_="coach")).json()
    assert [e["id"] for e in left] == [cora_item]
    assert len(await _actions("competence_evidence_attached")) == 2
    assert len(await _actions("competence_evidence_removed")) == 1


def _filled(revision: int, **extra: Any) -> dict[str, Any]:
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
        **extra,
    }


async def test_a_signed_assessment_is_never_changed_and_every_attempt_is_audited(
    world_api: Api, clock: FakeClock
) -> None:
    w = _w(world_api)
    ada, admin, cora = w.ids["coach"], w.ids["admin"], w.ids["coordinator"]
    start = {"localId": new_id(), "personId": ada, "assessorIds": [admin, cora]}

    # Whom the form offers: the administrator and Cora (no coach of North is certified yet).
    offered = await world_api.get(f"{A}/assessors?person={ada}", as_="coordinator")
    assert {c["personId"] for c in offered.json()} == {admin, cora}
    # Who assesses: not Ada herself, not an uncertified coach, two different people.
    for ids, field in [
        ([ada, admin], "body.assessorIds.0"),
        ([admin, w.ids["other_coach"]], "body.assessorIds.1"),
        ([admin, admin], "body.assessorIds.1"),
    ]:
        bad = await world_api.post(A, as_="admin", json={**start, "assessorIds": ids})
        assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, field), ids
    assert (await world_api.post(A, as_="coach", json=start)).status_code == 403
    made = await world_api.post(A, as_="admin", json=start)
    assert made.status_code == 201, made.text
    assessment = made.json()
    assert (assessment["status"], assessment["revision"], assessment["frameworkVersion"]) == (
        "open",
        1,
        1,
    )
    assert (await world_api.post(A, as_="admin", json=start)).status_code == 200
    path = f"{A}/{assessment['id']}"

    # Not complete: signing names every missing part.
    await fresh(w, "admin")
    empty = await world_api.post(f"{path}/sign", as_="admin", json={"revision": 1})
    assert empty.status_code == 422
    assert [e["field"] for e in empty.json()["errors"]] == [
        "body.assessedOn",
        "body.observed",
        "body.scenario",
        "body.knowledgeScore",
        "body.levels",
        "body.decision",
        "body.reassessOn",
    ]
    # The assessors fill it in; Ada reads it but does not write it.
    assert (await world_api.request("PUT", path, as_="coach", json=_filled(1))).status_code == 403
    saved = await world_api.request("PUT", path, as_="coordinator", json=_filled(1, conditions=""))
    assert saved.status_code == 200, saved.text
    assert saved.json()["revision"] == 2
    stale = await world_api.request("PUT", path, as_="admin", json=_filled(1))
    assert (stale.status_code, stale.json()["errors"][0]["field"]) == (409, "body.revision")
    refused = await world_api.post(f"{path}/sign", as_="admin", json={"revision": 2})
    assert [e["field"] for e in refused.json()["errors"]] == ["body.conditions"]
    saved = await world_api.request("PUT", path, as_="coordinator", json=_filled(2))
    assert saved.json()["revision"] == 3
    assert (await world_api.get(path, as_="coach")).json()["conditions"] == (
        "Two more job analyses checked by Cora."
    )
    assert (await world_api.get(path, as_="other_coach")).status_code == 404

    # A signature needs the assessor's passkey just now, and names the revision read.
    cora_signs = await world_api.post(f"{path}/sign", as_="coordinator", json={"revision": 3})
    assert (cora_signs.status_code, cora_signs.json()["code"]) == (403, "reverify_needed")
    signed_a = await world_api.post(f"{path}/sign", as_="admin", json={"revision": 3})
    assert signed_a.status_code == 200, signed_a.text
    assert [a["signedAt"] is not None for a in signed_a.json()["assessors"]] == [True, False]
    assert signed_a.json()["status"] == "open"
    # A save after a signature clears it: the other signs what is there now.
    saved = await world_api.request(
        "PUT", path, as_="coordinator", json=_filled(3, knowledgeScore=88)
    )
    assert [a["signedAt"] for a in saved.json()["assessors"]] == [None, None]
    await fresh(w, "coordinator")
    old = await world_api.post(f"{path}/sign", as_="coordinator", json={"revision": 3})
    assert old.status_code == 409
    assert (
        await world_api.post(f"{path}/sign", as_="coordinator", json={"revision": 4})
    ).status_code == 200
    done = await world_api.post(f"{path}/sign", as_="admin", json={"revision": 4})
    assert done.status_code == 200, done.text
    kept = done.json()
    assert kept["status"] == "signed"
    assert kept["knowledgeScore"] == 88

    # Never changed afterwards, by anyone; each attempt is in the audit log.
    await fresh(w, "coach")
    attempts = [
        ("admin", "PUT", path, _filled(4), 409),
        ("coordinator", "PUT", path, _filled(4, decision="not_yet"), 409),
        ("admin", "POST", f"{path}/sign", {"revision": 4}, 409),
        ("coordinator", "POST", f"{path}/sign", {"revision": 4}, 409),
        ("coach", "PUT", path, _filled(4), 409),
        ("other_coach", "PUT", path, _filled(4), 404),
        ("client", "PUT", path, _filled(4), 403),
        ("family", "POST", f"{path}/sign", {"revision": 4}, 403),
    ]
    for who, method, url, body, status in attempts:
        answer = await world_api.request(method, url, as_=who, json=body)
        assert answer.status_code == status, (who, method, answer.text)
        if status == 409:
            assert answer.json()["code"] == "signed"
    refusals = await _actions("competence_assessment_change_refused")
    assert [(r["actor"], r["outcome"]) for r in refusals] == [
        (w.ids[who], "refused") for who, *_ in attempts
    ]
    assert (await world_api.get(path, as_="coach")).json() == kept

    # The certificate: valid three years, reviewed yearly; Ada now has the certified coach's
    # targets and the levels the assessment decided.
    cert = (await world_api.get("/api/competence/certificate", as_="coach")).json()["certificate"]
    assert (cert["issuedOn"], cert["validUntil"], cert["reviewOn"], cert["valid"]) == (
        "2026-12-06",
        "2029-12-06",
        "2027-12-06",
        True,
    )
    assert cert["conditions"] == "Two more job analyses checked by Cora."
    record = (await world_api.get("/api/competence/record", as_="coach")).json()["person"]
    assert record["track"] == "certifiedCoach"
    cells = {c["competence"]: c for c in record["cells"]}
    assert (
        cells["values.confidentiality"]["current"],
        cells["values.confidentiality"]["source"],
    ) == (3, "assessment")
    assert cells["values.confidentiality"]["evidenceOn"] == "2026-12-04"
    none = (
        await world_api.get(
            f"/api/competence/certificate?person={w.ids['other_coach']}", as_="admin"
        )
    ).json()
    assert none == {"certificate": None}
    # Certified now, Ada may assess a coach of another team.
    offered = await world_api.get(f"{A}/assessors?person={w.ids['other_coach']}", as_="admin")
    assert {c["personId"] for c in offered.json()} == {admin, ada}

    # A new version published later: the assessment keeps version 1, readable as it was.
    draft = (await world_api.post(F, as_="admin", json={})).json()
    assert (await world_api.post(f"{F}/{draft['id']}/publish", as_="admin")).status_code == 200
    again = (await world_api.get(path, as_="coordinator")).json()
    assert again == kept
    used = await world_api.get(f"{F}/{kept['frameworkId']}", as_="coach")
    assert (used.status_code, used.json()["version"], used.json()["status"]) == (
        200,
        1,
        "published",
    )
    listed = (await world_api.get(f"{A}?person={ada}", as_="admin")).json()
    assert [a["id"] for a in listed] == [kept["id"]]
    assert (await world_api.get(f"{A}/to-sign", as_="admin")).json() == []


async def _north_coaches(api: Api) -> dict[str, str]:
    w = _w(api)
    await make_users(
        w,
        [
            ("c2", "Cai Coach", "coach", "North"),
            ("c3", "Eve Coach", "coach", "North"),
            ("c4", "Gus Coach", "coach", "North"),
            ("c5", "Ida Coach", "coach", "North"),
            ("sam", "Sam Coordinator", "coordinator", "South"),
        ],
    )
    return w.ids


def _visit(person: str, day: str, level: int) -> dict[str, Any]:
    return {
        "localId": new_id(),
        "personId": person,
        "visitedOn": day,
        "setting": "job_development",
        "seen": [{"competence": "values.confidentiality", "level": level}],
    }


async def test_the_gap_report_counts_by_hand_and_names_nobody_in_a_small_group(
    world_api: Api, clock: FakeClock
) -> None:
    """values.confidentiality, the new coach's target 2. Cai was seen at 1 on 15 Sep and at 3 on
    10 Nov; Ada at 1 on 1 Dec. Now: below target Ada (1), no level Eve, Gus, Ida (3). At the end
    of the last quarter (30 Sep): below target Cai (1)."""
    w = _w(world_api)
    small = (await world_api.get(GAPS, as_="coordinator")).json()
    assert (small["scope"], small["people"], small["fewerThanFive"]) == ("team", 1, True)
    assert small["certified"] is None
    assert {
        (r["belowTarget"], r["noEvidence"], r["belowTargetLastQuarter"]) for r in small["rows"]
    } == {(None, None, None)}
    ids = await _north_coaches(world_api)
    for person, day, level in [
        ("c2", "2026-09-15", 1),
        ("c2", "2026-11-10", 3),
        ("coach", "2026-12-01", 1),
    ]:
        logged = await world_api.post(V, as_="coordinator", json=_visit(ids[person], day, level))
        assert logged.status_code == 201, logged.text

    report = (await world_api.get(GAPS, as_="coordinator")).json()
    assert (report["people"], report["fewerThanFive"], report["certified"]) == (5, False, 0)
    assert (report["quarterStart"], report["lastQuarterEnd"]) == ("2026-10-01", "2026-09-30")
    rows = {r["competence"]: r for r in report["rows"]}
    assert len(rows) == 15
    assert rows["values.confidentiality"] == {
        "competence": "values.confidentiality",
        "belowTarget": 1,
        "belowTargetLastQuarter": 1,
        "noEvidence": 3,
        "trainingHours": 0.0,
    }
    assert rows["jobs.negotiation"]["noEvidence"] == 5
    assert "displayName" not in str(report)

    # Administrators: the organisation (six coaches with Ben) or any team.
    org = (await world_api.get(GAPS, as_="admin")).json()
    assert (org["scope"], org["people"]) == ("organisation", 6)
    assert {r["competence"]: r["noEvidence"] for r in org["rows"]}["values.confidentiality"] == 4
    north = w.teams["North"]
    assert (await world_api.get(f"{GAPS}?team={north}", as_="admin")).json() == report
    # Another team's coordinator sees nothing of North; coaches and clients see no report.
    assert (await world_api.get(f"{GAPS}?team={north}", as_="sam")).status_code == 403
    south = (await world_api.get(GAPS, as_="sam")).json()
    assert (south["teamId"], south["people"], south["fewerThanFive"]) == (w.teams["South"], 1, True)
    assert (await world_api.get(GAPS, as_="coach")).status_code == 403
    assert (await world_api.get(GAPS, as_="client")).status_code == 403
    assert (await world_api.get(f"{GAPS}?team={uuid.uuid4()}", as_="admin")).status_code == 404


STAFF_OWN = {
    "users",
    "competence_self_assessments",
    "competence_self_ratings",
    "competence_visits",
    "competence_evidence",
    "competence_assessments",
    "competence_certificates",
    # The path of a new coach: their onboarding, training records, plan goals and simulations.
    "competence_onboarding",
    "competence_trainings",
    "competence_plan_goals",
    "competence_simulations",
    # Who mentors them in the field (or whom they mentor).
    "competence_field_mentors",
    "audit_events",
}


async def test_a_staff_members_my_data_holds_their_competence_record_and_no_clients_data(
    world_api: Api, clock: FakeClock
) -> None:
    """Ada's copy: her account, her self-assessment, Cora's visit of her work, the evidence on
    her record, her assessment and certificate, and who acted on her record; not Alice's profile
    or job analysis she wrote, nor her activities. Cora's copy has no visit: the one she logged
    is Ada's."""
    w = _w(world_api)
    await build_profile(w, approved=True)
    await build_analysis(w)
    ada = w.ids["coach"]
    await _contact(ada, datetime(2026, 12, 2, 9, tzinfo=UTC))
    sa = (
        await world_api.post(
            "/api/competence/self-assessments", as_="coach", json={"localId": new_id()}
        )
    ).json()
    await world_api.request(
        "PUT",
        f"/api/competence/self-assessments/{sa['id']}/ratings/values.confidentiality",
        as_="coach",
        json={"level": 2, "note": "I ask first."},
    )
    assert (
        await world_api.post(f"/api/competence/self-assessments/{sa['id']}/finish", as_="coach")
    ).status_code == 200
    visit = _visit(ada, "2026-12-03", 2)
    assert (await world_api.post(V, as_="coordinator", json=visit)).status_code == 201
    week = {
        "localId": new_id(),
        "personId": ada,
        "competence": "jobs.employer_contact",
        "indicator": 0,
        "kind": "employer_contacts_week",
        "sourceId": "2026-11-30",
        "note": "Two calls.",
    }
    assert (await world_api.post(E, as_="coach", json=week)).status_code == 201

    mine = await world_api.get("/api/me/data", as_="coach")
    assert mine.status_code == 200, mine.text
    keys = {s["key"] for s in mine.json()["sections"]}
    assert {
        "users",
        "competence_self_assessments",
        "competence_self_ratings",
        "competence_visits",
        "competence_evidence",
    } <= keys
    assert keys <= STAFF_OWN, keys - STAFF_OWN
    text = mine.text
    assert "I like early mornings." not in text and "The dishwasher is loud." not in text
    assert "Two calls." in text and "I ask first." in text

    cora = (await world_api.get("/api/me/data", as_="coordinator")).json()
    assert "competence_visits" not in {s["key"] for s in cora["sections"]}
    export = await world_api.get("/api/me/export", as_="coach")
    assert export.status_code == 200
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        data = json.loads(archive.read("data.json"))
        assert [n for n in archive.namelist() if n not in {"data.json", "index.html"}] == []
    assert set(data["tables"]) <= STAFF_OWN, set(data["tables"]) - STAFF_OWN
    assert "competence_evidence" in data["tables"]
    assert (await world_api.get("/api/me/data", as_="mentor")).status_code == 403
