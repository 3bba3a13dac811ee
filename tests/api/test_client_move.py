"""Moving a client to another coach, staff between teams, and the support summary: each change
is audit-logged and the people it concerns see it at once."""

from __future__ import annotations

from backend.audit.tables import AuditEvent
from tests.api.conftest import Api
from tests.support.world import World, make_user


async def _north_with_two_coaches(api: Api) -> World:
    w = api.world
    assert w is not None
    await make_user(w, "cleo", "Cleo Coach", "coach", "North")
    await make_user(w, "south_coordinator", "Sam Coordinator", "coordinator", "South")
    return w


async def _caseload(api: Api, who: str) -> list[str]:
    answer = await api.get("/api/clients", as_=who)
    assert answer.status_code == 200
    return [c["displayName"] for c in answer.json()]


async def test_a_coordinator_moves_a_client_and_the_new_coach_sees_them_at_once(
    world_api: Api,
) -> None:
    w = await _north_with_two_coaches(world_api)
    alice = w.ids["client"]
    # Both coaches have looked at their caseloads this session.
    assert await _caseload(world_api, "coach") == ["Alice Client"]
    assert await _caseload(world_api, "cleo") == []

    moved = await world_api.patch(
        f"/api/clients/{alice}", as_="coordinator", json={"coachId": w.ids["cleo"]}
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["coachName"] == "Cleo Coach"

    assert await _caseload(world_api, "cleo") == ["Alice Client"]
    assert (await world_api.get(f"/api/clients/{alice}/tasks", as_="cleo")).status_code == 200
    assert await _caseload(world_api, "coach") == []
    assert (await world_api.get(f"/api/clients/{alice}", as_="coach")).status_code == 404

    entry = (
        await AuditEvent.select()
        .where(AuditEvent.action == "client_moved")
        .first()
        .output(load_json=True)
    )
    assert entry is not None
    assert entry["actor"] == w.ids["coordinator"] and entry["subject"] == alice
    assert entry["team"] == w.teams["North"]
    assert entry["detail"] == {"from": w.ids["coach"], "to": w.ids["cleo"]}
    # The client reads it in plain words, and the coordinator finds it in the log by kind.
    views = (await world_api.get("/api/me/views", as_="client")).json()
    assert any(
        g["sentence"].startswith(
            "Cora Coordinator, the coordinator of your coaching team,"
            " moved you to another job coach"
        )
        for g in views["groups"]
    )
    log = (await world_api.get("/api/audit?kind=client_moved", as_="coordinator")).json()
    assert [(e["actorName"], e["subjectName"]) for e in log] == [
        ("Cora Coordinator", "Alice Client")
    ]


async def test_a_coordinator_moves_clients_only_among_the_teams_coaches(world_api: Api) -> None:
    w = await _north_with_two_coaches(world_api)
    alice = w.ids["client"]
    # To a coach of another team: refused, naming the field.
    elsewhere = await world_api.patch(
        f"/api/clients/{alice}", as_="coordinator", json={"coachId": w.ids["other_coach"]}
    )
    assert elsewhere.status_code == 422
    assert elsewhere.json()["errors"][0]["field"] == "body.coachId"
    # The coordinator of another team does not even see the client.
    other = await world_api.patch(
        f"/api/clients/{alice}", as_="south_coordinator", json={"coachId": w.ids["other_coach"]}
    )
    assert other.status_code == 404
    # A coach moves nobody.
    coach = await world_api.patch(
        f"/api/clients/{alice}", as_="coach", json={"coachId": w.ids["cleo"]}
    )
    assert coach.status_code == 422
    assert await _caseload(world_api, "coach") == ["Alice Client"]
    assert not await AuditEvent.exists().where(AuditEvent.action == "client_moved")


async def _client_counts(api: Api) -> dict[str, int]:
    answer = await api.get("/api/teams", as_="admin")
    assert answer.status_code == 200
    return {t["name"]: t["clientCount"] for t in answer.json()}


async def test_an_administrator_moves_a_coach_to_another_team_with_the_caseload(
    world_api: Api,
) -> None:
    w = await _north_with_two_coaches(world_api)
    assert await _caseload(world_api, "coordinator") == ["Alice Client"]
    assert await _client_counts(world_api) == {"North": 1, "South": 1}
    moved = await world_api.patch(
        f"/api/people/{w.ids['coach']}", as_="admin", json={"teamId": w.teams["South"]}
    )
    assert moved.status_code == 200 and moved.json()["teamId"] == w.teams["South"]
    assert await _caseload(world_api, "coordinator") == []
    assert await _caseload(world_api, "south_coordinator") == ["Alice Client", "Bob Client"]
    assert await _caseload(world_api, "coach") == ["Alice Client"]
    assert await _client_counts(world_api) == {"North": 0, "South": 2}
    refused = await world_api.patch(
        f"/api/people/{w.ids['coach']}", as_="coordinator", json={"teamId": w.teams["North"]}
    )
    assert refused.status_code == 403


async def test_an_administrator_edits_the_support_summary(world_api: Api) -> None:
    w = await _north_with_two_coaches(world_api)
    alice = w.ids["client"]
    saved = await world_api.patch(
        f"/api/clients/{alice}",
        as_="admin",
        json={"supportSummary": "Likes a checklist on paper; quiet breaks help."},
    )
    assert saved.status_code == 200
    assert saved.json()["supportSummary"] == "Likes a checklist on paper; quiet breaks help."
    seen = await world_api.get(f"/api/clients/{alice}", as_="coach")
    assert seen.json()["supportSummary"] == "Likes a checklist on paper; quiet breaks help."
    entry = await AuditEvent.select().where(AuditEvent.action == "client_updated").first()
    assert entry is not None and entry["actor"] == w.ids["admin"]
    too_long = await world_api.patch(
        f"/api/clients/{alice}", as_="admin", json={"supportSummary": "x" * 2001}
    )
    assert too_long.status_code == 400
    assert too_long.json()["errors"][0]["field"] == "body.supportSummary"
