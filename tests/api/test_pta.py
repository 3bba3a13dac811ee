"""The monthly structured conversation (PTA) through the API: the default battery in four
languages, answers per question, goals proposed at the end, who is due, the comparison with the
previous conversation, and versions of the question set that old conversations keep."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from backend.audit.tables import AuditEvent
from tests.api.conftest import Api
from tests.support import coaching
from tests.support.clock import FakeClock, install
from tests.support.world import World

SECTIONS = [
    "onboarding",
    "past_period",
    "next_goals",
    "skills",
    "process",
    "helps_hinders",
    "cooperation",
    "interaction",
    "future_skills",
    "wellbeing",
]


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, datetime(2026, 10, 5, 9, 0, tzinfo=UTC))


async def _start(api: Api, locale: str, held_on: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"localId": coaching.new_id(), "locale": locale}
    if held_on:
        body["heldOn"] = held_on
    answer = await api.post(
        f"/api/clients/{_w(api).ids['client']}/conversations", as_="coach", json=body
    )
    assert answer.status_code == 201, answer.text
    conversation: dict[str, Any] = answer.json()
    return conversation


async def _answer(api: Api, conversation: dict[str, Any], answers: dict[str, str]) -> Any:
    return await api.request(
        "PUT",
        f"/api/conversations/{conversation['id']}/answers",
        as_="coach",
        json={"answers": [{"questionKey": k, "answer": v} for k, v in answers.items()]},
    )


async def test_the_default_battery_has_ten_sections_in_four_languages(world_api: Api) -> None:
    sets = (await world_api.get("/api/pta/question-sets", as_="coach")).json()
    assert [(s["version"], s["status"]) for s in sets] == [(1, "published")]
    battery = (await world_api.get(f"/api/pta/question-sets/{sets[0]['id']}", as_="coach")).json()
    assert [s["key"] for s in battery["sections"]] == SECTIONS
    for section in battery["sections"]:
        assert set(section["titles"]) == {"en", "pl", "fi", "he"}
        assert section["questions"]
        for question in section["questions"]:
            assert set(question["texts"]) == {"en", "pl", "fi", "he"}
            assert question["key"].startswith(section["key"] + ".")
    assert battery["sections"][0]["titles"]["fi"] == "Perehdytys"


async def test_a_conversation_in_finnish_then_one_in_hebrew_compared(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    listed = await world_api.get(f"/api/clients/{w.ids['client']}/conversations", as_="client")
    assert listed.json()["due"] is True and listed.json()["lastHeldOn"] is None

    first = await _start(world_api, "fi")
    assert first["version"] == 1 and first["status"] == "open" and first["locale"] == "fi"
    assert [s["key"] for s in first["sections"]] == SECTIONS
    answered = await _answer(
        world_api,
        first,
        {
            "past_period.went_well": "Tulin ajoissa joka päivä.",
            "wellbeing.feeling": "Hyvin, mutta väsyttää aamuisin.",
        },
    )
    assert answered.status_code == 200
    assert answered.json()["answers"]["wellbeing.feeling"] == "Hyvin, mutta väsyttää aamuisin."
    corrected = await _answer(world_api, first, {"wellbeing.feeling": "Hyvin."})
    assert corrected.json()["answers"]["wellbeing.feeling"] == "Hyvin."
    unknown = await _answer(world_api, first, {"nope.never": "x"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "body.answers.0.questionKey"
    by_client = await world_api.request(
        "PUT",
        f"/api/conversations/{first['id']}/answers",
        as_="client",
        json={"answers": []},
    )
    assert by_client.status_code == 403

    proposed = {
        "localId": coaching.new_id(),
        "title": "Pyydä apua, kun kärry on täynnä",
        "means": ["Sano: voitko auttaa?"],
        "endsOn": "2026-10-26",
    }
    # The goal's expected level is written in the conversation, with the client.
    no_level = await world_api.post(
        f"/api/conversations/{first['id']}/end", as_="coach", json={"goals": [proposed]}
    )
    assert no_level.status_code == 422
    assert no_level.json()["errors"][0]["field"] == "body.goals.0.levels.expected"
    proposed["levels"] = {"expected": "Pyydän apua joka kerta, kun kärry on täynnä."}
    ended = await world_api.post(
        f"/api/conversations/{first['id']}/end", as_="coach", json={"goals": [proposed]}
    )
    assert ended.status_code == 200, ended.text
    assert ended.json()["status"] == "ended"
    assert [(g["title"], g["status"]) for g in ended.json()["proposedGoals"]] == [
        ("Pyydä apua, kun kärry on täynnä", "draft")
    ]
    levels = ended.json()["proposedGoals"][0]["levels"]
    assert levels["expected"] == "Pyydän apua joka kerta, kun kärry on täynnä."
    retried = await world_api.post(
        f"/api/conversations/{first['id']}/end", as_="coach", json={"goals": [proposed]}
    )
    assert len(retried.json()["proposedGoals"]) == 1  # the same goal, not a second one
    late = await _answer(world_api, first, {"wellbeing.feeling": "x"})
    assert late.status_code == 409

    listed = await world_api.get(f"/api/clients/{w.ids['client']}/conversations", as_="coach")
    assert listed.json()["due"] is False and listed.json()["lastHeldOn"] == "2026-10-05"
    fake_clock.set(datetime(2026, 11, 5, 9, 0, tzinfo=UTC))
    still = await world_api.get(f"/api/clients/{w.ids['client']}/conversations", as_="coach")
    assert still.json()["due"] is False  # a month to the day
    fake_clock.set(datetime(2026, 11, 6, 9, 0, tzinfo=UTC))
    due = await world_api.get(f"/api/clients/{w.ids['client']}/conversations", as_="coach")
    assert due.json()["due"] is True

    second = await _start(world_api, "he")
    await _answer(
        world_api,
        second,
        {"wellbeing.feeling": "טוב מאוד, יש לי יותר כוח.", "skills.strengths": "קיפול מגבות."},
    )
    compared = (
        await world_api.get(f"/api/conversations/{second['id']}/compare", as_="client")
    ).json()
    assert compared["current"]["id"] == second["id"]
    assert compared["previous"]["id"] == first["id"]
    rows = {r["questionKey"]: r for r in compared["rows"]}
    assert rows["wellbeing.feeling"]["previous"] == "Hyvin."
    assert rows["wellbeing.feeling"]["current"] == "טוב מאוד, יש לי יותר כוח."
    assert rows["skills.strengths"]["previous"] is None
    assert rows["wellbeing.feeling"]["texts"]["he"] == "איך ההרגשה בעבודה?"
    assert next(r["sectionKey"] for r in compared["rows"]) == "onboarding"
    first_compared = (
        await world_api.get(f"/api/conversations/{first['id']}/compare", as_="coach")
    ).json()
    assert first_compared["previous"] is None

    reads = await AuditEvent.count().where(
        (AuditEvent.action == "conversation_read") & (AuditEvent.actor == w.ids["coach"])
    )
    assert reads == 1  # the client's own reads are not staff reads


async def test_a_new_version_edited_translated_and_published(
    world_api: Api, fake_clock: FakeClock
) -> None:
    old = await _start(world_api, "en")
    draft = (await world_api.post("/api/pta/question-sets", as_="admin", json={})).json()
    assert (draft["version"], draft["status"], draft["basedOn"]) == (2, "draft", 1)
    edit = coaching.question_set_edit()
    edit["sections"][0]["questions"].append(
        {
            "localId": coaching.new_id(),
            "texts": {
                "en": "Who is your buddy at work?",
                "fi": "Kuka on työkaverisi tukena?",
                "pl": "Kto jest Twoim opiekunem w pracy?",
                "he": "מי החבר/ה שלך לעבודה?",
            },
        }
    )
    edited = await world_api.request(
        "PUT", f"/api/pta/question-sets/{draft['id']}", as_="admin", json=edit
    )
    assert edited.status_code == 200, edited.text
    first_section = edited.json()["sections"][0]
    assert first_section["questions"][0]["texts"]["en"] == "What are your tasks at work?"
    assert first_section["questions"][-1]["key"].startswith("onboarding.q")
    no_english = coaching.question_set_edit()
    del no_english["sections"][1]["questions"][0]["texts"]["en"]
    refused = await world_api.request(
        "PUT", f"/api/pta/question-sets/{draft['id']}", as_="admin", json=no_english
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.sections.1.questions.0.texts"

    # Until published, new conversations keep using version 1.
    assert (await _start(world_api, "pl"))["version"] == 1
    published = await world_api.post(f"/api/pta/question-sets/{draft['id']}/publish", as_="admin")
    assert published.json()["status"] == "published"
    frozen = await world_api.request(
        "PUT", f"/api/pta/question-sets/{draft['id']}", as_="admin", json=edit
    )
    assert frozen.status_code == 409 and frozen.json()["code"] == "published"
    new = await _start(world_api, "en")
    assert new["version"] == 2
    assert new["sections"][0]["questions"][0]["texts"]["en"] == "What are your tasks at work?"
    kept = (await world_api.get(f"/api/conversations/{old['id']}", as_="coach")).json()
    assert kept["version"] == 1
    assert kept["sections"][0]["questions"][0]["texts"]["en"] == (
        "Do you know what your tasks at work are?"
    )
    sets = (await world_api.get("/api/pta/question-sets", as_="coordinator")).json()
    assert [(s["version"], s["conversations"]) for s in sets] == [(2, 1), (1, 2)]
