"""Agreements through the API: the organisation's templates in versions, a coach drafting an
agreement with a client, the client agreeing first with a fresh step-up of their passkey, the
coach or mentor signing second, a change that both agree to again, ending without blame; goals
linked must be the client's; a mentor, once agreed with, reads the client's goals and their
agreements with the client — and nobody else's."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend.agreements import reading, reminder_days
from backend.agreements.tables import AgreementVersion
from backend.audit.tables import AuditEvent
from backend.clients.tables import Mentorship
from backend.reminders import Day
from backend.reminders.tables import ReminderRule
from tests.api.conftest import Api
from tests.support import agreements as support
from tests.support import coaching
from tests.support.world import World


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


def _reverify_needed(response: Any) -> None:
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "reverify_needed"


async def _draft(api: Api, partner: str = "coach", **extra: Any) -> dict[str, Any]:
    w = _w(api)
    response = await api.post(
        f"/api/clients/{w.ids['client']}/agreements",
        as_="coach",
        json=support.draft_body(w.ids[partner], **extra),
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def _agree(api: Api, agreement: str, version: int, as_: str = "client") -> Any:
    await support.fresh(_w(api), as_)
    return await api.post(f"/api/agreements/{agreement}/agree", as_=as_, json={"version": version})


async def _sign(api: Api, agreement: str, version: int, as_: str = "coach") -> Any:
    await support.fresh(_w(api), as_)
    return await api.post(f"/api/agreements/{agreement}/sign", as_=as_, json={"version": version})


async def _actions(subject: str) -> list[str]:
    rows = await AuditEvent.select(AuditEvent.action).where(AuditEvent.subject == subject)
    return [r["action"] for r in rows]


async def test_the_starting_template_is_in_four_languages_and_editing_makes_a_new_version(
    world_api: Api,
) -> None:
    first = (await world_api.get("/api/agreement-templates", as_="coach")).json()
    assert [t["version"] for t in first] == [1]
    texts = first[0]["texts"]
    assert set(texts) == {"en", "pl", "fi", "he"}
    assert any("between us" in rule for rule in texts["en"]["rules"])  # confidentiality
    assert any("Nobody is to blame" in rule for rule in texts["en"]["rules"])
    edit = {
        loc: {"title": texts[loc]["title"], "rules": [*texts[loc]["rules"], "We are on time."]}
        for loc in ("en", "pl", "fi", "he")
    }
    made = await world_api.post("/api/agreement-templates", as_="admin", json=edit)
    assert made.status_code == 201, made.text
    assert made.json()["version"] == 2
    assert made.json()["createdByName"] == "Ann Admin"
    listed = (await world_api.get("/api/agreement-templates", as_="coach")).json()
    assert [t["version"] for t in listed] == [2, 1]
    assert listed[1]["texts"] == texts  # version 1 stays as it was
    refused = await world_api.post("/api/agreement-templates", as_="coach", json=edit)
    assert refused.status_code == 403
    blank = {**edit, "fi": {"title": "Sopimus", "rules": ["   "]}}
    response = await world_api.post("/api/agreement-templates", as_="admin", json=blank)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.fi.rules"


async def test_the_client_agrees_with_a_fresh_passkey_then_the_coach_signs(
    world_api: Api,
) -> None:
    w = _w(world_api)
    drafted = await _draft(world_api, templateVersion=1)
    agreement = drafted["id"]
    assert drafted["status"] == "waiting_client"
    assert drafted["versions"][0]["templateVersion"] == 1
    assert drafted["inForce"] is None and drafted["meetings"] is None
    # Without a step-up with her passkey in this session, Alice's agreeing is refused.
    _reverify_needed(
        await world_api.post(
            f"/api/agreements/{agreement}/agree", as_="client", json={"version": 1}
        )
    )
    # Signing also needs the coach's fresh step-up.
    _reverify_needed(
        await world_api.post(f"/api/agreements/{agreement}/sign", as_="coach", json={"version": 1})
    )
    # The coach cannot sign before the client agreed, even with a fresh step-up.
    early = await _sign(world_api, agreement, 1)
    assert early.status_code == 409 and early.json()["code"] == "client_first"
    # The coach cannot agree for the client.
    assert (await _agree(world_api, agreement, 1, as_="coach")).status_code == 403
    agreed = await _agree(world_api, agreement, 1)
    assert agreed.status_code == 200, agreed.text
    assert agreed.json()["status"] == "waiting_partner"
    signed = await _sign(world_api, agreement, 1)
    assert signed.status_code == 200, signed.text
    body = signed.json()
    assert body["status"] == "agreed" and body["inForce"] == 1
    assert body["versions"][0]["clientAgreedAt"] and body["versions"][0]["partnerSignedAt"]
    assert body["meetings"]["expected"] == 1  # weekly, from today
    actions = await _actions(w.ids["client"])
    assert {"agreement_drafted", "agreement_agreed", "agreement_signed"} <= set(actions)
    # Alice sees it among her own agreements, agreed.
    mine = (await world_api.get("/api/me/agreements", as_="client")).json()
    assert [(a["id"], a["status"]) for a in mine] == [(agreement, "agreed")]


async def test_a_change_is_a_new_version_both_agree_to_again(world_api: Api) -> None:
    agreement = (await _draft(world_api))["id"]
    await _agree(world_api, agreement, 1)
    await _sign(world_api, agreement, 1)
    changed = await world_api.post(
        f"/api/agreements/{agreement}/versions",
        as_="coach",
        json=support.terms(rhythm="times_per_month", times=2, ways=["messages"]),
    )
    assert changed.status_code == 201, changed.text
    body = changed.json()
    assert body["status"] == "waiting_client"
    assert [v["number"] for v in body["versions"]] == [2, 1]
    assert body["inForce"] == 1  # the version both agreed holds while the new one waits
    assert body["versions"][1]["rhythm"] == "weekly"  # the previous version stays readable
    # Agreeing to a version that is no longer the newest is refused.
    stale = await _agree(world_api, agreement, 1)
    assert stale.status_code == 409 and stale.json()["code"] == "version_changed"
    assert (await _sign(world_api, agreement, 2)).status_code == 409
    assert (await _agree(world_api, agreement, 2)).json()["status"] == "waiting_partner"
    done = (await _sign(world_api, agreement, 2)).json()
    assert done["status"] == "agreed" and done["inForce"] == 2
    # The client only reads changes: the coach writes them with her.
    refused = await world_api.post(
        f"/api/agreements/{agreement}/versions", as_="client", json=support.terms()
    )
    assert refused.status_code == 403


async def test_either_side_ends_it_without_blame(world_api: Api) -> None:
    w = _w(world_api)
    agreement = (await _draft(world_api))["id"]
    ended = await world_api.post(
        f"/api/agreements/{agreement}/end", as_="client", json={"reason": "I found work."}
    )
    assert ended.status_code == 200, ended.text
    body = ended.json()
    assert body["status"] == "ended" and body["endReason"] == "I found work."
    assert body["endedByName"] == "Alice Client"
    assert "agreement_ended" in await _actions(w.ids["client"])
    again = await world_api.post(f"/api/agreements/{agreement}/end", as_="coach", json={})
    assert again.status_code == 409 and again.json()["code"] == "ended"
    assert (await _agree(world_api, agreement, 1)).status_code == 409


async def test_linked_goals_must_be_the_clients(world_api: Api) -> None:
    w = _w(world_api)
    await coaching.build_coaching(w)
    linked = await _draft(world_api, goalIds=[w.ids["goal"]], goalText="")
    assert [g["id"] for g in linked["versions"][0]["goals"]] == [w.ids["goal"]]
    assert linked["versions"][0]["goals"][0]["title"] == "Arrive on time every day"
    bob_goal = await world_api.post(
        f"/api/clients/{w.ids['other_client']}/goals",
        as_="other_coach",
        json={
            "localId": coaching.new_id(),
            "title": "Bob's goal",
            "means": ["Ask"],
            "endsOn": linked["versions"][0]["endsOn"][:8] + "28",
            "levels": {"expected": "Done"},
        },
    )
    bob_goal_id = bob_goal.json()["id"] if bob_goal.status_code == 201 else coaching.new_id()
    for goal_ids in ([bob_goal_id], ["not-a-goal"]):
        response = await world_api.post(
            f"/api/clients/{w.ids['client']}/agreements",
            as_="coach",
            json=support.draft_body(w.ids["coach"], goalIds=goal_ids),
        )
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == "body.goalIds"
    # Another coach is no partner for Alice's agreement; Bob's coach cannot draft one at all.
    other = await world_api.post(
        f"/api/clients/{w.ids['client']}/agreements",
        as_="coach",
        json=support.draft_body(w.ids["other_coach"]),
    )
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "body.partnerId"


async def test_a_drafted_agreement_is_sent_once(world_api: Api) -> None:
    w = _w(world_api)
    body = support.draft_body(w.ids["coach"])
    path = f"/api/clients/{w.ids['client']}/agreements"
    first = await world_api.post(path, as_="coach", json=body)
    second = await world_api.post(path, as_="coach", json=body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert len((await world_api.get(path, as_="coach")).json()) == 1


async def test_a_mentor_agreed_with_reads_the_clients_goals_and_nobody_elses(
    api: Api, world_api: Api
) -> None:
    w = _w(world_api)
    await coaching.build_coaching(w)
    # Mia mentors Alice in the test world already; start from a mentor not yet agreed with.
    await Mentorship.delete().where(Mentorship.mentor == w.ids["mentor"])
    goals_path = f"/api/clients/{w.ids['client']}/goals"
    assert (await world_api.get(goals_path, as_="mentor")).status_code == 404
    agreement = (
        await _draft(world_api, partner="mentor", remindAt="09:00", zone="Europe/Helsinki")
    )["id"]
    # Offered to her, Mia reads the agreement before anything else of Alice's.
    assert (await world_api.get(f"/api/agreements/{agreement}", as_="mentor")).status_code == 200
    assert (await world_api.get(goals_path, as_="mentor")).status_code == 404
    await _agree(world_api, agreement, 1)
    # The coach is not the partner: only Mia signs.
    assert (await _sign(world_api, agreement, 1, as_="coach")).status_code == 403
    signed = await _sign(world_api, agreement, 1, as_="mentor")
    assert signed.status_code == 200 and signed.json()["status"] == "agreed"
    # The mentorship is open: Mia reads Alice's goals and one goal, nothing else of goals.
    goals = await world_api.get(goals_path, as_="mentor")
    assert goals.status_code == 200 and goals.json()[0]["id"] == w.ids["goal"]
    goal = await world_api.get(f"/api/goals/{w.ids['goal']}", as_="mentor")
    assert goal.status_code == 200
    for method, path in (
        ("PATCH", f"/api/goals/{w.ids['goal']}"),
        ("GET", f"/api/clients/{w.ids['client']}/gas"),
        ("GET", f"/api/clients/{w.ids['client']}/conversations"),
        ("GET", f"/api/clients/{w.ids['client']}"),
    ):
        refused = await world_api.request(
            method, path, as_="mentor", json={} if method == "PATCH" else None
        )
        assert refused.status_code == 404, (method, path)
    # Her agreements with Alice, and only those: not Alice's agreement with her coach.
    with_coach = (await _draft(world_api))["id"]
    listed = (
        await world_api.get(f"/api/clients/{w.ids['client']}/agreements", as_="mentor")
    ).json()
    assert [a["id"] for a in listed] == [agreement]
    assert (await world_api.get(f"/api/agreements/{with_coach}", as_="mentor")).status_code == 404
    # Bob's goals and agreements stay out of her reach; family and another team's staff see none.
    assert (
        await world_api.get(f"/api/clients/{w.ids['other_client']}/goals", as_="mentor")
    ).status_code == 404
    for who in ("family", "other_coach", "other_client"):
        assert (await world_api.get(f"/api/agreements/{agreement}", as_=who)).status_code == 404, (
            who
        )
        assert (
            await world_api.get(f"/api/clients/{w.ids['client']}/agreements", as_=who)
        ).status_code == 404, who
    # Both got a reminder on the agreed rhythm.
    rules = await ReminderRule.select(ReminderRule.user).where(ReminderRule.kind == "meeting")
    assert {str(r["user"]) for r in rules} == {w.ids["client"], w.ids["mentor"]}
    # Ended by Mia: the mentorship closes, and Alice's goals are out of her reach again.
    ended = await world_api.post(f"/api/agreements/{agreement}/end", as_="mentor", json={})
    assert ended.status_code == 200
    assert (await world_api.get(goals_path, as_="mentor")).status_code == 404
    del api


async def test_the_client_sees_every_version_in_my_data_and_erasure_removes_them(
    world_api: Api,
) -> None:
    w = _w(world_api)
    agreement = (await _draft(world_api))["id"]
    await _agree(world_api, agreement, 1)
    await _sign(world_api, agreement, 1)
    await world_api.post(
        f"/api/agreements/{agreement}/versions", as_="coach", json=support.terms(rhythm="monthly")
    )
    data = (await world_api.get("/api/me/data", as_="client")).json()
    sections = {s["key"]: s for s in data["sections"]}
    assert sections["agreements"]["title"] == "Your agreements"
    versions = sections["agreement_versions"]["rows"]
    assert len(versions) == 2
    assert {v["How often you meet"] for v in versions} == {"Every week", "Every month"}
    assert sections["agreements"]["rows"][0]["With whom"] == "Ada Coach"
    assert sections["agreements"]["rows"][0]["Their role"] == "job coach"
    erased = await world_api.post(
        f"/api/people/{w.ids['client']}/erase", as_="admin", json={"confirmName": "Alice Client"}
    )
    assert erased.status_code == 200, erased.text
    assert erased.json()["rows"]["agreements"] == 1
    assert await AgreementVersion.count() == 0


async def test_the_agreed_rhythm_says_on_which_days_both_hear_of_a_meeting(
    world_api: Api,
) -> None:
    w = _w(world_api)
    start = reading.today()
    agreement = (
        await _draft(world_api, rhythm="every_two_weeks", remindAt="08:30", zone="Europe/Warsaw")
    )["id"]
    days = [start + timedelta(days=i) for i in range(29)]
    asked = [Day("meeting", who, day) for who in (w.ids["client"], w.ids["coach"]) for day in days]
    assert await reminder_days(asked) == set()  # not agreed yet: nothing to say
    await _agree(world_api, agreement, 1)
    await _sign(world_api, agreement, 1)
    wanted = await reminder_days(asked)
    meeting_days = {start, start + timedelta(days=14), start + timedelta(days=28)}
    assert wanted == {d for d in asked if d.day in meeting_days}
    rules = await ReminderRule.select(ReminderRule.user, ReminderRule.zone).where(
        ReminderRule.kind == "meeting"
    )
    assert {(str(r["user"]), r["zone"]) for r in rules} == {
        (w.ids["client"], "Europe/Warsaw"),
        (w.ids["coach"], "Europe/Warsaw"),
    }
    await world_api.post(f"/api/agreements/{agreement}/end", as_="coach", json={})
    assert await reminder_days(asked) == set()  # ended: nothing more


async def test_a_mentor_reading_their_agreements_is_logged_and_one_ended_keeps_another(
    world_api: Api,
) -> None:
    w = _w(world_api)
    first = (await _draft(world_api, partner="mentor"))["id"]
    second = (await _draft(world_api, partner="mentor"))["id"]
    for agreement in (first, second):
        await _agree(world_api, agreement, 1)
        await _sign(world_api, agreement, 1, as_="mentor")
    mine = (await world_api.get("/api/me/agreements", as_="mentor")).json()
    assert {a["id"] for a in mine} == {first, second}
    reads = await AuditEvent.select(AuditEvent.actor).where(
        (AuditEvent.action == "agreements_read") & (AuditEvent.subject == w.ids["client"])
    )
    assert w.ids["mentor"] in {str(r["actor"]) for r in reads}
    goals_path = f"/api/clients/{w.ids['client']}/goals"
    await world_api.post(f"/api/agreements/{first}/end", as_="client", json={})
    assert (await world_api.get(goals_path, as_="mentor")).status_code == 200
    await world_api.post(f"/api/agreements/{second}/end", as_="client", json={})
    assert (await world_api.get(goals_path, as_="mentor")).status_code == 404
