"""Invitations, caseloads and family links, end to end through enrollment."""

from __future__ import annotations

from datetime import datetime, timedelta

from backend.clients.tables import ClientRecord, FamilyLink
from tests.api.conftest import Api
from tests.api.flows import enroll
from tests.support.authenticator import SoftAuthenticator


def _lifetime(invitation: dict[str, str]) -> timedelta:
    def parse(v: str) -> datetime:
        return datetime.fromisoformat(v.replace("Z", "+00:00"))

    return parse(invitation["expiresAt"]) - parse(invitation["createdAt"])


async def test_a_coach_invites_a_client_to_their_caseload(world_api: Api) -> None:
    w = world_api.world
    assert w
    made = await world_api.post(
        "/api/invitations",
        as_="coach",
        json={"role": "client", "displayName": "Carl Client", "delivery": "qr"},
    )
    assert made.status_code == 201, made.text
    invitation = made.json()
    assert invitation["qrSvg"].startswith("<svg") and invitation["url"] in invitation["url"]
    assert _lifetime(invitation) == timedelta(minutes=15)
    me = (await enroll(world_api, invitation["url"], SoftAuthenticator())).json()
    assert me["role"] == "client" and me["displayName"] == "Carl Client"
    record = await ClientRecord.select().where(ClientRecord.user == me["id"]).first()
    assert record and str(record["coach"]) == w.ids["coach"]
    assert str(record["team"]) == w.teams["North"]
    caseload = (await world_api.get("/api/clients", as_="coach")).json()
    assert "Carl Client" in [c["displayName"] for c in caseload]
    # The list shows it used, without the secret link.
    listed = (await world_api.get("/api/invitations", as_="coach")).json()
    assert listed[0]["status"] == "used" and listed[0]["url"] is None


async def test_a_link_sent_by_other_means_lives_seven_days(world_api: Api) -> None:
    made = await world_api.post(
        "/api/invitations",
        as_="coach",
        json={"role": "client", "displayName": "Dana", "delivery": "link"},
    )
    assert _lifetime(made.json()) == timedelta(days=7)
    assert made.json()["qrSvg"].startswith("<svg")


async def test_a_coach_cannot_invite_into_another_caseload_or_staff(world_api: Api) -> None:
    w = world_api.world
    assert w
    other = await world_api.post(
        "/api/invitations",
        as_="coach",
        json={"role": "client", "displayName": "Eve", "coachId": w.ids["other_coach"]},
    )
    assert other.status_code == 403
    assert other.json()["errors"][0]["field"] == "body.coachId"
    staff = await world_api.post(
        "/api/invitations", as_="coach", json={"role": "coach", "displayName": "Sam"}
    )
    assert staff.status_code == 403
    assert staff.json()["errors"][0]["field"] == "body.role"


async def test_a_coordinator_invites_a_client_for_a_coach_of_the_team(world_api: Api) -> None:
    w = world_api.world
    assert w
    missing = await world_api.post(
        "/api/invitations", as_="coordinator", json={"role": "client", "displayName": "Gil"}
    )
    assert missing.status_code == 422
    assert missing.json()["errors"][0] == {
        "field": "body.coachId",
        "reason": "Choose the coach who will work with this client.",
        "code": "invalid",
    }
    other_team = await world_api.post(
        "/api/invitations",
        as_="coordinator",
        json={"role": "client", "displayName": "Gil", "coachId": w.ids["other_coach"]},
    )
    assert other_team.status_code == 403
    ok = await world_api.post(
        "/api/invitations",
        as_="coordinator",
        json={"role": "client", "displayName": "Gil", "coachId": w.ids["coach"]},
    )
    assert ok.status_code == 201


async def test_an_administrator_invites_a_coach_into_a_team(world_api: Api) -> None:
    w = world_api.world
    assert w
    no_team = await world_api.post(
        "/api/invitations", as_="admin", json={"role": "coach", "displayName": "Hana"}
    )
    assert no_team.status_code == 422
    assert no_team.json()["errors"][0]["field"] == "body.teamId"
    made = await world_api.post(
        "/api/invitations",
        as_="admin",
        json={
            "role": "coach",
            "displayName": "Hana",
            "teamId": w.teams["South"],
            "delivery": "link",
        },
    )
    me = (await enroll(world_api, made.json()["url"], SoftAuthenticator())).json()
    assert me["role"] == "coach" and me["teamId"] == w.teams["South"]


async def test_family_invitation_links_the_family_member_to_the_client(world_api: Api) -> None:
    w = world_api.world
    assert w
    made = await world_api.post(
        "/api/invitations",
        as_="coach",
        json={
            "role": "family",
            "displayName": "Gran",
            "clientId": w.ids["client"],
            "relation": "grandmother",
        },
    )
    me = (await enroll(world_api, made.json()["url"], SoftAuthenticator())).json()
    link = await FamilyLink.select().where(FamilyLink.family == me["id"]).first()
    assert link and str(link["client"]) == w.ids["client"] and link["relation"] == "grandmother"
    detail = (await world_api.get(f"/api/clients/{w.ids['client']}", as_="coach")).json()
    assert {"displayName": "Gran", "relation": "grandmother"}.items() <= next(
        f for f in detail["family"] if f["displayName"] == "Gran"
    ).items()
    # A family member never reads the client record itself (consent is a later issue).
    assert (
        await world_api.get(f"/api/clients/{w.ids['client']}", token=None, as_="family")
    ).status_code == 404


async def test_a_cancelled_invitation_cannot_be_used(world_api: Api) -> None:
    made = (
        await world_api.post(
            "/api/invitations", as_="coach", json={"role": "client", "displayName": "Ivy"}
        )
    ).json()
    assert (
        await world_api.delete(f"/api/invitations/{made['id']}", as_="coach")
    ).status_code == 204
    token = made["url"].split("#")[1]
    refused = await world_api.post("/api/enroll/options", json={"token": token})
    assert refused.status_code == 410
    assert "cancelled" in refused.json()["errors"][0]["reason"]


async def test_two_enrollments_racing_for_one_link_make_one_account(world_api: Api) -> None:
    made = (
        await world_api.post(
            "/api/invitations", as_="coach", json={"role": "client", "displayName": "Jo"}
        )
    ).json()
    token = made["url"].split("#")[1]
    first, second = SoftAuthenticator(), SoftAuthenticator()
    a = (await world_api.post("/api/enroll/options", json={"token": token})).json()
    b = (await world_api.post("/api/enroll/options", json={"token": token})).json()
    ok = await world_api.post(
        "/api/enroll",
        json={
            "token": token,
            "challengeId": a["challengeId"],
            "credential": first.create(a["publicKey"]),
        },
    )
    late = await world_api.post(
        "/api/enroll",
        json={
            "token": token,
            "challengeId": b["challengeId"],
            "credential": second.create(b["publicKey"]),
        },
    )
    assert ok.status_code == 201
    assert late.status_code == 410
    assert await ClientRecord.count().where(ClientRecord.user.display_name == "Jo") == 1


async def test_a_coordinator_moves_a_client_to_another_coach(world_api: Api) -> None:
    w = world_api.world
    assert w
    # Ben joins team North, then Cora moves Alice to Ben.
    moved = await world_api.patch(
        f"/api/people/{w.ids['other_coach']}", as_="admin", json={"teamId": w.teams["North"]}
    )
    assert moved.json()["teamId"] == w.teams["North"]
    changed = await world_api.patch(
        f"/api/clients/{w.ids['client']}",
        as_="coordinator",
        json={"coachId": w.ids["other_coach"], "stage": "job_finding"},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["coachName"] == "Ben Coach"
    assert changed.json()["stage"] == "job_finding"
    assert (await world_api.get(f"/api/clients/{w.ids['client']}", as_="coach")).status_code == 404
    audit = (await world_api.get("/api/audit", as_="admin")).json()
    actions = [e["action"] for e in audit]
    assert "client_updated" in actions and "team_changed" in actions


async def test_a_coach_cannot_move_a_client_to_another_caseload(world_api: Api) -> None:
    w = world_api.world
    assert w
    refused = await world_api.patch(
        f"/api/clients/{w.ids['client']}", as_="coach", json={"coachId": w.ids["other_coach"]}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.coachId"


async def test_an_unknown_stage_is_refused_with_the_field_named(world_api: Api) -> None:
    w = world_api.world
    assert w
    refused = await world_api.patch(
        f"/api/clients/{w.ids['client']}", as_="coach", json={"stage": "retired"}
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "body.stage"


async def test_a_family_member_sees_whose_family_they_are(world_api: Api) -> None:
    me = (await world_api.get("/api/me", as_="family")).json()
    assert me["clients"] == [{"id": world_api.world.ids["client"], "displayName": "Alice Client"}]  # type: ignore[union-attr]
    assert (await world_api.get("/api/me", as_="coach")).json()["clients"] == []
