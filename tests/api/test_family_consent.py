"""Consent, by the client: the wording, the history (who, when, which wording), what a family
member sees with consent for one kind only, and withdrawal that takes effect at the very next
request — for the feed, for an update, for its photo, and for push notifications."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from backend.family import consent, notify
from backend.family.tables import Consent
from tests.api.conftest import Api
from tests.support import family, openapi
from tests.support.world import World


def _world(api: Api) -> World:
    assert api.world is not None
    return api.world


async def _choose(
    api: Api, kind: str, granted: bool, *, as_: str = "client", version: int = 1
) -> Any:
    w = _world(api)
    return await api.post(
        f"/api/clients/{w.ids['client']}/consents",
        as_=as_,
        json={
            "localId": family.new_id(),
            "familyId": w.ids["family"],
            "kind": kind,
            "granted": granted,
            "textVersion": version,
            "locale": "fi",
        },
    )


class Pushes:
    def __init__(self) -> None:
        self.sent: list[tuple[list[str], str]] = []

    async def __call__(self, user_ids: list[str], kind: str) -> None:
        self.sent.append((user_ids, kind))


@pytest.fixture
async def pushes() -> AsyncIterator[Pushes]:
    recorder = Pushes()
    previous = notify.set_sender(recorder)
    yield recorder
    notify.set_sender(previous)


async def test_the_wording_comes_in_four_languages_with_every_kind(world_api: Api) -> None:
    for locale in ("en", "pl", "fi", "he"):
        answer = await world_api.get(f"/api/family/consent-texts?locale={locale}", as_="client")
        assert answer.status_code == 200
        texts = answer.json()
        assert texts["version"] == texts["latestVersion"] == 3
        assert texts["locale"] == locale
        assert texts["direction"] == ("rtl" if locale == "he" else "ltr")
        assert [k["kind"] for k in texts["kinds"]] == [
            "shifts",
            "workplace",
            "goals",
            "training",
            "updates",
            "help_alerts",
            "profile",
        ]
        assert all(k["title"] and k["text"] for k in texts["kinds"])
        assert texts["intro"] and texts["autoShare"] and texts["withdraw"]
    # What a client was shown before stays as it was: version 1 has no workplace.
    first = (await world_api.get("/api/family/consent-texts?version=1", as_="client")).json()
    assert "workplace" not in [k["kind"] for k in first["kinds"]]
    missing = await world_api.get("/api/family/consent-texts?version=99", as_="client")
    assert missing.status_code == 404


async def test_each_choice_keeps_who_when_and_the_wording_version(world_api: Api) -> None:
    w = _world(world_api)
    mine = await _choose(world_api, "goals", True)
    assert mine.status_code == 201, mine.text
    helped = await _choose(world_api, "shifts", True, as_="coach")
    assert helped.status_code == 201
    withdrawn = await _choose(world_api, "goals", False)
    assert withdrawn.status_code == 201

    history = (await world_api.get(f"/api/clients/{w.ids['client']}/consents", as_="client")).json()
    events = history["consents"]
    assert [(e["kind"], e["granted"]) for e in events] == [
        ("goals", False),
        ("shifts", True),
        ("goals", True),
    ]  # newest first; nothing was overwritten
    assert events[2]["actorId"] == w.ids["client"] and events[2]["helped"] is False
    assert events[1]["actorId"] == w.ids["coach"] and events[1]["actorRole"] == "coach"
    assert events[1]["helped"] is True and events[1]["actorName"] == "Ada Coach"
    assert all(e["textVersion"] == 1 and e["locale"] == "fi" for e in events)
    assert all(
        e["familyId"] == w.ids["family"] and e["familyName"] == "Finn Family" for e in events
    )
    assert events[0]["at"] > events[1]["at"] > events[2]["at"]
    assert await Consent.count() == 3

    sharing = (await world_api.get(f"/api/clients/{w.ids['client']}/sharing", as_="coach")).json()
    finn = sharing["people"][0]
    assert finn["displayName"] == "Finn Family" and finn["relation"] == "father"
    assert {k["kind"]: k["granted"] for k in finn["kinds"]} == {
        "shifts": True,
        "workplace": False,
        "goals": False,
        "training": False,
        "updates": False,
        "help_alerts": False,
        "profile": False,
    }

    # Every change is in the audit log, with the team so the coordinator can review it.
    entries = (await world_api.get("/api/audit", as_="coordinator")).json()
    changes = [e for e in entries if e["action"].startswith("consent_")]
    assert [e["action"] for e in changes] == [
        "consent_withdrawn",
        "consent_granted",
        "consent_granted",
    ]
    assert all(e["subject"] == w.ids["client"] for e in changes)
    assert changes[1]["actor"] == w.ids["coach"] and changes[1]["detail"]["helped"] is True
    assert any(e["action"] == "sharing_read" for e in entries)  # the coach read the choices


async def test_a_choice_is_refused_for_unknown_wording_or_a_stranger(world_api: Api) -> None:
    w = _world(world_api)
    unknown = await _choose(world_api, "goals", True, version=7)
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "body.textVersion"
    stranger = await world_api.post(
        f"/api/clients/{w.ids['client']}/consents",
        as_="client",
        json={
            "localId": family.new_id(),
            "familyId": w.ids["other_client"],
            "kind": "goals",
            "granted": True,
            "textVersion": 1,
        },
    )
    assert stranger.status_code == 422
    assert stranger.json()["errors"][0]["field"] == "body.familyId"
    finn_tries = await _choose(world_api, "goals", True, as_="family")
    assert finn_tries.status_code == 404  # the family member never reaches the record
    assert await Consent.count() == 0


async def test_a_choice_sent_twice_is_recorded_once(world_api: Api) -> None:
    w = _world(world_api)
    body = {
        "localId": family.new_id(),
        "familyId": w.ids["family"],
        "kind": "training",
        "granted": True,
        "textVersion": 1,
    }
    path = f"/api/clients/{w.ids['client']}/consents"
    first = await world_api.post(path, as_="client", json=body)
    again = await world_api.post(path, as_="client", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert await Consent.count() == 1


async def test_consent_for_goals_only_shows_goals_and_nothing_else(world_api: Api) -> None:
    w = _world(world_api)
    await family.grant(w, "goals")
    ids = {
        kind: await family.write(w, "client", f"News about {kind}.", kind)
        for kind in ("shifts", "goals", "training", "updates")
    }
    photo = await family.add_photo(w, "client", ids["updates"])
    goal_photo = await family.add_photo(w, "client", ids["goals"])

    feed = (await world_api.get("/api/family/feed", as_="family")).json()
    assert [(i["kind"], i["text"]) for i in feed["items"]] == [("goals", "News about goals.")]
    assert feed["sharing"] == [
        {
            "clientId": w.ids["client"],
            "clientName": "Alice Client",
            "relation": "father",
            "kinds": ["goals"],
        }
    ]
    mine = (await world_api.get("/api/family/sharing", as_="family")).json()
    assert mine == feed["sharing"]
    seen = await world_api.get(f"/api/updates/{ids['goals']}", as_="family")
    assert seen.status_code == 200 and seen.json()["audience"] == []
    assert (
        await world_api.get(f"/api/updates/{ids['goals']}/photo/{goal_photo}", as_="family")
    ).status_code == 200
    for kind in ("shifts", "training", "updates"):
        assert (await world_api.get(f"/api/updates/{ids[kind]}", as_="family")).status_code == 404
    hidden = await world_api.get(f"/api/updates/{ids['updates']}/photo/{photo}", as_="family")
    assert hidden.status_code == 404

    # Nothing of the record itself: every GET about Alice in the whole API answers 404 to Finn
    # (notes, assessments, conversations, shifts, goals, tasks, sharing, history, updates).
    client_paths = [
        template
        for template, operations in openapi.document()["paths"].items()
        if template.startswith("/api/clients/{client_id}") and "get" in operations
    ]
    assert len(client_paths) >= 5
    for template in client_paths:
        if template.count("{") > 1:
            continue  # items below the record are covered by the access matrix
        path = template.replace("{client_id}", w.ids["client"])
        answer = await world_api.get(path, as_="family")
        assert answer.status_code == 404, (template, answer.status_code)


async def test_withdrawal_takes_effect_at_the_very_next_request(
    world_api: Api, pushes: Pushes
) -> None:
    w = _world(world_api)
    await family.grant(w, "updates")
    first = await family.write(w, "client", "I started at the hotel laundry.")
    photo = await family.add_photo(w, "client", first)
    # The kind of push only: its neutral sentence and where a tap goes, never whose news.
    assert pushes.sent == [([w.ids["family"]], "family_update")]
    assert await consent.family_recipients(w.ids["client"], "updates") == [w.ids["family"]]
    feed = await world_api.get("/api/family/feed", as_="family")
    assert [i["id"] for i in feed.json()["items"]] == [first]
    assert feed.headers["cache-control"] == "private, no-store"
    image = await world_api.get(f"/api/updates/{first}/photo/{photo}", as_="family")
    assert image.status_code == 200 and image.headers["cache-control"] == "private, no-store"

    assert (await _choose(world_api, "updates", False)).status_code == 201

    assert (await world_api.get(f"/api/updates/{first}", as_="family")).status_code == 404
    gone = await world_api.get(f"/api/updates/{first}/photo/{photo}", as_="family")
    assert gone.status_code == 404
    assert (await world_api.get("/api/family/feed", as_="family")).json()["items"] == []
    assert await consent.family_recipients(w.ids["client"], "updates") == []
    await family.write(w, "client", "Second day at the laundry.")
    assert len(pushes.sent) == 1  # nothing more reaches Finn's devices

    # The client still sees everything of her own.
    assert (await world_api.get(f"/api/updates/{first}", as_="client")).status_code == 200
    # Granted again: visible again, from the next request.
    assert (await _choose(world_api, "updates", True)).status_code == 201
    assert len((await world_api.get("/api/family/feed", as_="family")).json()["items"]) == 2


async def test_a_removed_family_link_ends_every_consent(world_api: Api) -> None:
    from backend.clients.tables import FamilyLink

    w = _world(world_api)
    await family.grant(w, "updates")
    update = await family.write(w, "client", "Lunch with my team.")
    assert (await world_api.get(f"/api/updates/{update}", as_="family")).status_code == 200
    await FamilyLink.delete().where(FamilyLink.family == w.ids["family"])
    assert (await world_api.get(f"/api/updates/{update}", as_="family")).status_code == 404
    assert await consent.family_recipients(w.ids["client"], "updates") == []
    assert (await world_api.get("/api/family/feed", as_="family")).json() == {
        "items": [],
        "sharing": [],
        "shifts": [],
    }


def test_the_family_and_privacy_contract_is_camel_case_and_has_no_secrets() -> None:
    import inspect

    import msgspec

    from shared_schemas import base
    from shared_schemas import family as family_wire
    from shared_schemas import privacy as privacy_wire

    structs = [
        obj
        for module in (family_wire, privacy_wire)
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, msgspec.Struct) and obj.__module__ == module.__name__
    ]
    assert len(structs) > 20
    for struct in structs:
        params = inspect.signature(struct).parameters.values()
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params), struct
        for field, encoded in zip(
            struct.__struct_fields__, struct.__struct_encode_fields__, strict=True
        ):
            head, *rest = field.split("_")
            assert encoded == head + "".join(p.title() for p in rest), (struct, field)
            assert field not in {"public_key", "id_hash", "token_hash", "webauthn_handle"}
        if issubclass(struct, base.Request):
            assert struct.__struct_config__.forbid_unknown_fields, struct
