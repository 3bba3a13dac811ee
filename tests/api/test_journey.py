"""The client's journey: intake and the informed decision, stages as a dated history, the
organisation's targets and the flag on the caseload, stages that follow the client's jobs."""

from __future__ import annotations

from typing import Any

from backend.audit.tables import AuditEvent
from backend.employers import JobEnded, JobStarted
from backend.lib.events import emit
from tests.api.conftest import Api
from tests.support import agreements
from tests.support.journey import days_ago, end_job, intake, job, start, today


def _stages(journey: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [(s["stage"], s["startedOn"], s["endedOn"]) for s in journey["current"]["stages"]]


def _field(answer: Any) -> str:
    return answer.json()["errors"][0]["field"]


async def _caseload(api: Api, who: str) -> dict[str, dict[str, Any]]:
    answer = await api.get("/api/clients", as_=who)
    assert answer.status_code == 200
    return {c["displayName"]: c for c in answer.json()}


async def _open(api: Api, days: int = 20, **extra: Any) -> dict[str, Any]:
    w = api.world
    assert w
    answer = await api.post(
        f"/api/clients/{w.ids['client']}/journey/episodes",
        as_="coach",
        json=intake(days_ago(days), **extra),
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_intake_opens_the_support_with_engagement_from_the_intake_day(
    world_api: Api,
) -> None:
    journey = await _open(
        world_api, inPaidWork=False, workSince="2024-05-01", benefits=["disability", "housing"]
    )
    episode = journey["current"]
    assert episode["intakeOn"] == days_ago(20).isoformat()
    assert episode["workSince"] == "2024-05-01" and not episode["inPaidWork"]
    assert episode["benefits"] == ["disability", "housing"]
    assert episode["decision"] is None
    assert _stages(journey) == [("engagement", days_ago(20).isoformat(), None)]
    alice = (await _caseload(world_api, "coach"))["Alice Client"]
    assert alice["stage"] == "engagement"
    assert alice["stageSince"] == days_ago(20).isoformat()
    assert alice["stageOverdue"] is False


async def test_a_repeated_intake_lands_once(world_api: Api) -> None:
    w = world_api.world
    assert w
    body = intake(days_ago(3))
    url = f"/api/clients/{w.ids['client']}/journey/episodes"
    first = await world_api.post(url, as_="coach", json=body)
    again = await world_api.post(url, as_="coach", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert len(again.json()["current"]["stages"]) == 1


async def test_dates_in_the_future_are_refused_naming_the_field(world_api: Api) -> None:
    w = world_api.world
    assert w
    base = f"/api/clients/{w.ids['client']}/journey"
    tomorrow = today().toordinal() + 2
    future = type(today()).fromordinal(tomorrow)
    answer = await world_api.post(f"{base}/episodes", as_="coach", json=intake(future))
    assert answer.status_code == 422 and _field(answer) == "body.intakeOn"
    answer = await world_api.post(
        f"{base}/episodes", as_="coach", json=intake(days_ago(1), workSince=future.isoformat())
    )
    assert answer.status_code == 422 and _field(answer) == "body.workSince"
    journey = await _open(world_api, 10)
    answer = await world_api.post(f"{base}/stages", as_="coach", json=start("profiling", future))
    assert answer.status_code == 422 and _field(answer) == "body.startedOn"
    answer = await world_api.post(
        f"{base}/stages", as_="coach", json=start("profiling", days_ago(11))
    )
    assert answer.status_code == 422 and _field(answer) == "body.startedOn"
    engagement = journey["current"]["stages"][0]["id"]
    answer = await world_api.post(
        f"{base}/stages/{engagement}/end", as_="coach", json={"endedOn": future.isoformat()}
    )
    assert answer.status_code == 422 and _field(answer) == "body.endedOn"
    answer = await world_api.post(
        f"{base}/stages/{engagement}/end", as_="coach", json={"endedOn": days_ago(12).isoformat()}
    )
    assert answer.status_code == 422 and _field(answer) == "body.endedOn"
    answer = await world_api.post(
        f"{base}/stages", as_="coach", json={"localId": start("x")["localId"], "stage": "lunch"}
    )
    assert answer.status_code in (400, 422) and _field(answer) == "body.stage"


async def test_stages_overlap_and_go_back_and_the_record_shows_the_latest(world_api: Api) -> None:
    w = world_api.world
    assert w
    base = f"/api/clients/{w.ids['client']}/journey"
    journey = await _open(world_api, 30)
    engagement = journey["current"]["stages"][0]["id"]
    # Profiling starts while engagement goes on: they overlap.
    answer = await world_api.post(
        f"{base}/stages", as_="coach", json=start("profiling", days_ago(25))
    )
    assert answer.status_code == 201, answer.text
    again = await world_api.post(f"{base}/stages", as_="coach", json=start("profiling"))
    assert again.status_code == 422 and _field(again) == "body.stage"
    await world_api.post(
        f"{base}/stages/{engagement}/end", as_="coach", json={"endedOn": days_ago(20).isoformat()}
    )
    journey = (
        await world_api.post(f"{base}/stages", as_="coach", json=start("job_finding", days_ago(15)))
    ).json()
    finding = next(s["id"] for s in journey["current"]["stages"] if s["stage"] == "job_finding")
    await world_api.post(
        f"{base}/stages/{finding}/end", as_="coach", json={"endedOn": days_ago(10).isoformat()}
    )
    # … and back to finding a job, with today's date when none is given.
    journey = (
        await world_api.post(f"{base}/stages", as_="coach", json=start("job_finding"))
    ).json()
    assert _stages(journey) == [
        ("engagement", days_ago(30).isoformat(), days_ago(20).isoformat()),
        ("profiling", days_ago(25).isoformat(), None),
        ("job_finding", days_ago(15).isoformat(), days_ago(10).isoformat()),
        ("job_finding", today().isoformat(), None),
    ]
    alice = (await _caseload(world_api, "coach"))["Alice Client"]
    assert (alice["stage"], alice["stageSince"]) == ("job_finding", today().isoformat())
    ended = await world_api.post(
        f"{base}/stages/{finding}/end", as_="coach", json={"endedOn": today().isoformat()}
    )
    assert ended.status_code == 422 and _field(ended) == "body.endedOn"


async def test_a_stage_past_its_target_is_flagged_on_the_caseloads(world_api: Api) -> None:
    await _open(world_api, 20)
    targets = {"targets": [{"stage": "engagement", "days": 14}]}
    refused = await world_api.request("PUT", "/api/journey/targets", as_="coach", json=targets)
    assert refused.status_code == 403
    answer = await world_api.request("PUT", "/api/journey/targets", as_="admin", json=targets)
    assert answer.status_code == 200, answer.text
    assert answer.json()["targets"][0] == {"stage": "engagement", "days": 14}
    for who in ("coach", "coordinator"):
        assert (await _caseload(world_api, who))["Alice Client"]["stageOverdue"] is True
    w = world_api.world
    assert w
    journey = (await world_api.get(f"/api/clients/{w.ids['client']}/journey", as_="coach")).json()
    period = journey["current"]["stages"][0]
    assert period["overdue"] and period["dueOn"] == days_ago(6).isoformat()
    await world_api.request(
        "PUT",
        "/api/journey/targets",
        as_="admin",
        json={"targets": [{"stage": "engagement", "days": 30}]},
    )
    assert (await _caseload(world_api, "coach"))["Alice Client"]["stageOverdue"] is False
    # A new stage's due day comes from its own target (none here): no flag.
    await world_api.post(
        f"/api/clients/{w.ids['client']}/journey/stages", as_="coach", json=start("profiling")
    )
    alice = (await _caseload(world_api, "coordinator"))["Alice Client"]
    assert alice["stage"] == "profiling" and alice["stageOverdue"] is False
    twice = {"targets": [{"stage": "support", "days": 1}, {"stage": "support", "days": 2}]}
    answer = await world_api.request("PUT", "/api/journey/targets", as_="admin", json=twice)
    assert answer.status_code == 422 and _field(answer) == "body.targets[1].stage"


async def test_a_job_starting_and_ending_moves_the_stages(world_api: Api) -> None:
    w = world_api.world
    assert w
    alice = w.ids["client"]
    base = f"/api/clients/{alice}/journey"
    await _open(world_api, 40)
    await world_api.post(f"{base}/stages", as_="coach", json=start("job_finding", days_ago(30)))
    await world_api.post(
        f"{base}/stages", as_="coach", json=start("employer_engagement", days_ago(20))
    )
    hotel = await job(alice, "Room attendant", days_ago(10))
    await emit(JobStarted(job_id=hotel, client_id=alice, employer_id=None, started_on=days_ago(10)))
    journey = (await world_api.get(base, as_="coach")).json()
    assert _stages(journey)[1:] == [
        ("job_finding", days_ago(30).isoformat(), days_ago(10).isoformat()),
        ("employer_engagement", days_ago(20).isoformat(), days_ago(10).isoformat()),
        ("support", days_ago(10).isoformat(), None),
    ]
    support = journey["current"]["stages"][3]
    assert support["startedCause"] == "job_started"
    assert [(p["kind"], p["title"]) for p in support["products"]] == [("job", "Room attendant")]
    # The job is the stage's it started, not also of the stages that ended that day.
    assert [s["products"] for s in journey["current"]["stages"][1:3]] == [[], []]
    assert (await _caseload(world_api, "coach"))["Alice Client"]["stage"] == "support"

    # A second job goes on: the first one ending changes nothing.
    cafe = await job(alice, "Barista", days_ago(5))
    await end_job(hotel, days_ago(2))
    await emit(JobEnded(job_id=hotel, client_id=alice, ended_on=days_ago(2), reason="quit"))
    assert len((await world_api.get(base, as_="coach")).json()["current"]["stages"]) == 4
    # The last job ends: back to finding a job.
    await end_job(cafe, days_ago(1))
    await emit(JobEnded(job_id=cafe, client_id=alice, ended_on=days_ago(1), reason="ended"))
    journey = (await world_api.get(base, as_="coach")).json()
    assert _stages(journey)[3:] == [
        ("support", days_ago(10).isoformat(), days_ago(1).isoformat()),
        ("job_finding", days_ago(1).isoformat(), None),
    ]
    assert (await _caseload(world_api, "coach"))["Alice Client"]["stage"] == "job_finding"


async def test_a_job_without_open_support_changes_nothing(world_api: Api) -> None:
    w = world_api.world
    assert w
    alice = w.ids["client"]
    hotel = await job(alice, "Room attendant", days_ago(3))
    await emit(JobStarted(job_id=hotel, client_id=alice, employer_id=None, started_on=days_ago(3)))
    journey = (await world_api.get(f"/api/clients/{alice}/journey", as_="coach")).json()
    assert journey == {"clientId": alice, "current": None, "past": []}


async def test_the_client_confirms_the_informed_decision_and_it_is_audit_logged(
    world_api: Api,
) -> None:
    w = world_api.world
    assert w
    await _open(world_api, 2)
    words = (await world_api.get("/api/journey/decision-text?locale=fi", as_="client")).json()
    assert words["locale"] == "fi" and words["confirm"] == "Kyllä, haluan osallistua"
    url = f"/api/clients/{w.ids['client']}/journey/decision"
    body = {"textVersion": words["version"], "locale": "fi"}
    unknown = await world_api.post(url, as_="client", json={"textVersion": 99, "locale": "fi"})
    assert unknown.status_code == 422 and _field(unknown) == "body.textVersion"
    first = await world_api.post(url, as_="client", json=body)
    assert first.status_code == 201, first.text
    decision = first.json()["current"]["decision"]
    assert decision["byClient"] is True and decision["textVersion"] == 1
    assert decision["locale"] == "fi" and decision["byName"] == "Alice Client"
    again = await world_api.post(url, as_="coach", json=body)
    assert again.status_code == 200 and again.json()["current"]["decision"] == decision
    entries = await AuditEvent.select(AuditEvent.action, AuditEvent.actor).where(
        AuditEvent.action == "journey_decision"
    )
    assert [str(e["actor"]) for e in entries] == [w.ids["client"]]


async def test_closing_keeps_the_episode_readable_and_a_new_one_can_open(world_api: Api) -> None:
    w = world_api.world
    assert w
    base = f"/api/clients/{w.ids['client']}/journey"
    await _open(world_api, 30)
    other = await world_api.post(f"{base}/episodes", as_="coach", json=intake(days_ago(1)))
    assert other.status_code == 409 and _field(other) == "body.intakeOn"
    why = await world_api.post(
        f"{base}/close",
        as_="coach",
        json={"closedOn": days_ago(5).isoformat(), "reason": "other"},
    )
    assert why.status_code == 422 and _field(why) == "body.note"
    closed = await world_api.post(
        f"{base}/close",
        as_="coach",
        json={"closedOn": days_ago(5).isoformat(), "reason": "moved"},
    )
    assert closed.status_code == 200, closed.text
    journey = closed.json()
    assert journey["current"] is None
    past = journey["past"][0]
    assert (past["closedOn"], past["closureReason"]) == (days_ago(5).isoformat(), "moved")
    assert past["stages"][0]["endedOn"] == days_ago(5).isoformat()
    assert past["stages"][0]["endedCause"] == "closed"
    assert await AuditEvent.exists().where(AuditEvent.action == "episode_closed")
    alice = (await _caseload(world_api, "coach"))["Alice Client"]
    assert alice["stageOverdue"] is False
    early = await world_api.post(f"{base}/episodes", as_="coach", json=intake(days_ago(6)))
    assert early.status_code == 422 and _field(early) == "body.intakeOn"
    later = await world_api.post(f"{base}/episodes", as_="coach", json=intake(days_ago(2)))
    assert later.status_code == 201
    assert later.json()["current"]["intakeOn"] == days_ago(2).isoformat()
    assert len(later.json()["past"]) == 1
    no_stage = await world_api.post(
        f"{base}/stages/{past['stages'][0]['id']}/end", as_="coach", json={}
    )
    assert no_stage.status_code == 422


async def test_choosing_the_stage_on_the_record_starts_it_in_the_history(world_api: Api) -> None:
    w = world_api.world
    assert w
    await _open(world_api, 8)
    answer = await world_api.patch(
        f"/api/clients/{w.ids['client']}", as_="coach", json={"stage": "profiling"}
    )
    assert answer.status_code == 200 and answer.json()["stage"] == "profiling"
    journey = (await world_api.get(f"/api/clients/{w.ids['client']}/journey", as_="coach")).json()
    assert _stages(journey) == [
        ("engagement", days_ago(8).isoformat(), today().isoformat()),
        ("profiling", today().isoformat(), None),
    ]


async def test_an_agreement_agreed_by_both_is_what_the_going_stage_produced(
    world_api: Api,
) -> None:
    w = world_api.world
    assert w
    base = f"/api/clients/{w.ids['client']}/journey"
    await _open(world_api, 10)
    made = await world_api.post(
        f"/api/clients/{w.ids['client']}/agreements",
        as_="coach",
        json=agreements.draft_body(w.ids["coach"]),
    )
    assert made.status_code == 201, made.text
    agreement = made.json()["id"]
    await agreements.fresh(w, "client")
    await world_api.post(f"/api/agreements/{agreement}/agree", as_="client", json={"version": 1})
    # Agreed by the client only: not yet a product.
    stage = (await world_api.get(base, as_="coach")).json()["current"]["stages"][0]
    assert stage["products"] == []
    await agreements.fresh(w, "coach")
    await world_api.post(f"/api/agreements/{agreement}/sign", as_="coach", json={"version": 1})
    stage = (await world_api.get(base, as_="coach")).json()["current"]["stages"][0]
    assert [(p["kind"], p["id"], p["on"]) for p in stage["products"]] == [
        ("agreement", agreement, today().isoformat())
    ]
