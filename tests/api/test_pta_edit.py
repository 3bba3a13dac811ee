"""Administrators add, remove and reorder the questions of a draft PTA question-set version: keys
of new questions come from the server (never from the wording), a version is put into use only
when every text is in all four languages, a published version never changes, and conversations
held with an older version keep their questions and answers, also beside a newer conversation."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from backend.goals import questions
from tests.api import test_pta
from tests.api.conftest import Api
from tests.api.test_pta import _answer, _start
from tests.support import coaching
from tests.support.clock import FakeClock

SKILLS, PROCESS, COOPERATION = 3, 4, 6
BUDDY = {
    "en": "Who at work helps you when you are stuck?",
    "pl": "Kto w pracy pomaga Ci, gdy utkniesz?",
    "fi": "Kuka töissä auttaa sinua, kun olet jumissa?",
    "he": "מי בעבודה עוזר לך כשאתה תקוע?",
}


fake_clock = test_pta.fake_clock


async def _draft(api: Api) -> dict[str, Any]:
    made = await api.post("/api/pta/question-sets", as_="admin", json={})
    assert made.status_code == 201, made.text
    draft: dict[str, Any] = made.json()
    return draft


def _edit(sections: list[dict[str, Any]]) -> dict[str, Any]:
    """A version's sections as an edit body (keys without the section's name)."""
    return {
        "sections": [
            {
                "key": s["key"],
                "titles": s["titles"],
                "questions": [
                    {"key": q["key"].split(".", 1)[1], "texts": q["texts"]} for q in s["questions"]
                ],
            }
            for s in sections
        ]
    }


async def _put(api: Api, draft: dict[str, Any], body: dict[str, Any], as_: str = "admin") -> Any:
    return await api.request("PUT", f"/api/pta/question-sets/{draft['id']}", as_=as_, json=body)


def _keys(section: dict[str, Any]) -> list[str]:
    return [q["key"] for q in section["questions"]]


def _reshaped(draft: dict[str, Any], new_id: str, texts: dict[str, str]) -> dict[str, Any]:
    """Adds a question at the top of "skills", removes "cooperation.network" and swaps the two
    questions of "process"."""
    body = _edit(draft["sections"])
    body["sections"][SKILLS]["questions"].insert(0, {"localId": new_id, "texts": texts})
    cooperation = body["sections"][COOPERATION]["questions"]
    body["sections"][COOPERATION]["questions"] = [q for q in cooperation if q["key"] != "network"]
    process = body["sections"][PROCESS]["questions"]
    process[0], process[1] = process[1], process[0]
    return body


async def test_questions_are_added_removed_and_reordered_in_a_draft(world_api: Api) -> None:
    draft = await _draft(world_api)
    new_id = coaching.new_id()
    edited = await _put(world_api, draft, _reshaped(draft, new_id, BUDDY))
    assert edited.status_code == 200, edited.text
    sections = edited.json()["sections"]
    added = sections[SKILLS]["questions"][0]
    assert added["texts"] == BUDDY
    assert added["key"].startswith("skills.q") and len(added["key"]) <= 40
    assert "help" not in added["key"] and "stuck" not in added["key"]  # not from the wording
    assert _keys(sections[SKILLS])[1:] == ["skills.strengths", "skills.learn_next"]
    assert _keys(sections[COOPERATION]) == ["cooperation.workplace"]
    assert _keys(sections[PROCESS]) == ["process.amount", "process.helping"]

    # The same request again (a retry) names the same question: it is not added twice.
    again = await _put(world_api, draft, _reshaped(draft, new_id, BUDDY | {"en": "Who helps?"}))
    assert again.status_code == 200, again.text
    assert again.json()["sections"][SKILLS]["questions"][0]["key"] == added["key"]
    assert len(again.json()["sections"][SKILLS]["questions"]) == 3
    # Later saves name it by its key; moving it down keeps the key (and so its answers).
    body = _edit(again.json()["sections"])
    skills = body["sections"][SKILLS]["questions"]
    skills.append(skills.pop(0))
    moved = await _put(world_api, draft, body)
    assert _keys(moved.json()["sections"][SKILLS])[-1] == added["key"]
    kept = (await world_api.get(f"/api/pta/question-sets/{draft['id']}", as_="coach")).json()
    assert kept["sections"] == moved.json()["sections"]


async def test_a_draft_edit_that_does_not_fit_is_refused_by_field(world_api: Api) -> None:
    draft = await _draft(world_api)

    async def refused(body: dict[str, Any]) -> tuple[int, str]:
        answer = await _put(world_api, draft, body)
        return answer.status_code, answer.json()["errors"][0]["field"]

    made_up = _edit(draft["sections"])
    made_up["sections"][0]["questions"].append({"key": "buddy", "texts": {"en": "Who?"}})
    assert await refused(made_up) == (422, "body.sections.0.questions.3.key")

    other_section = _edit(draft["sections"])
    other_section["sections"][1]["questions"].append({"key": "tasks", "texts": {"en": "Tasks?"}})
    assert await refused(other_section) == (422, "body.sections.1.questions.3.key")

    twice = _edit(draft["sections"])
    twice["sections"][2]["questions"].append(twice["sections"][2]["questions"][0])
    assert await refused(twice) == (422, "body.sections.2.questions.3.key")

    nameless = _edit(draft["sections"])
    nameless["sections"][5]["questions"].append({"texts": {"en": "What else?"}})
    assert await refused(nameless) == (422, "body.sections.5.questions.2.localId")

    no_english = _edit(draft["sections"])
    no_english["sections"][5]["questions"].append(
        {"localId": coaching.new_id(), "texts": {"fi": "Mitä muuta?"}}
    )
    assert await refused(no_english) == (422, "body.sections.5.questions.2.texts")

    empty = _edit(draft["sections"])
    empty["sections"][4]["questions"] = []
    status, field = await refused(empty)
    assert status == 400 and field.startswith("body.sections.4.questions")

    swapped = _edit(draft["sections"])
    swapped["sections"][0], swapped["sections"][1] = swapped["sections"][1], swapped["sections"][0]
    assert await refused(swapped) == (422, "body.sections")
    fewer = _edit(draft["sections"])
    fewer["sections"].pop()
    assert await refused(fewer) == (422, "body.sections")

    unchanged = (await world_api.get(f"/api/pta/question-sets/{draft['id']}", as_="admin")).json()
    assert unchanged["sections"] == draft["sections"]


async def test_only_a_version_in_every_language_is_put_into_use_and_then_never_changes(
    world_api: Api, fake_clock: FakeClock
) -> None:
    draft = await _draft(world_api)
    partly = {"en": BUDDY["en"], "fi": BUDDY["fi"]}
    saved = await _put(world_api, draft, _reshaped(draft, coaching.new_id(), partly))
    assert saved.status_code == 200  # a draft is translated one language at a time
    title_gone = _edit(saved.json()["sections"])
    title_gone["sections"][9]["titles"].pop("he")
    await _put(world_api, draft, title_gone)

    refused = await world_api.post(f"/api/pta/question-sets/{draft['id']}/publish", as_="admin")
    assert refused.status_code == 422 and refused.json()["code"] == "untranslated"
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [
        (f"sections.{SKILLS}.questions.0.texts.pl", "untranslated"),
        (f"sections.{SKILLS}.questions.0.texts.he", "untranslated"),
        ("sections.9.titles.he", "untranslated"),
    ]
    assert "Polish" in refused.json()["errors"][0]["reason"]
    assert (await _start(world_api, "fi"))["version"] == 1  # still the draft

    whole = _edit(saved.json()["sections"])
    whole["sections"][SKILLS]["questions"][0]["texts"] = BUDDY
    translated = await _put(world_api, draft, whole)
    new_key = translated.json()["sections"][SKILLS]["questions"][0]["key"]
    published = await world_api.post(f"/api/pta/question-sets/{draft['id']}/publish", as_="admin")
    assert published.status_code == 200 and published.json()["status"] == "published"
    again = await world_api.post(f"/api/pta/question-sets/{draft['id']}/publish", as_="admin")
    assert again.status_code == 200

    frozen = await _put(world_api, draft, _edit(published.json()["sections"]))
    assert frozen.status_code == 409 and frozen.json()["code"] == "published"
    by_coordinator = await _put(world_api, draft, whole, as_="coordinator")
    assert by_coordinator.status_code == 403
    still = (await world_api.get(f"/api/pta/question-sets/{draft['id']}", as_="admin")).json()
    assert still["sections"] == published.json()["sections"]

    # The next conversation asks the new question (in Finnish) and not the removed one.
    held = await _start(world_api, "fi")
    assert held["version"] == 2
    skills = held["sections"][SKILLS]["questions"]
    assert (skills[0]["key"], skills[0]["texts"]["fi"]) == (new_key, BUDDY["fi"])
    assert _keys(held["sections"][COOPERATION]) == ["cooperation.workplace"]
    assert (await _answer(world_api, held, {new_key: "Mari."})).status_code == 200
    gone = await _answer(world_api, held, {"cooperation.network": "x"})
    assert gone.status_code == 422

    # A newer draft copied from it keeps its keys; a question added there gets a key of its own.
    newer = await _draft(world_api)
    assert newer["sections"] == published.json()["sections"]
    body = _edit(newer["sections"])
    body["sections"][SKILLS]["questions"].append({"localId": coaching.new_id(), "texts": BUDDY})
    keys = _keys((await _put(world_api, newer, body)).json()["sections"][SKILLS])
    assert len(set(keys)) == 4 and keys[0] == new_key


async def test_old_conversations_keep_their_questions_and_compare_across_versions(
    world_api: Api, fake_clock: FakeClock
) -> None:
    first = await _start(world_api, "en")
    await _answer(
        world_api,
        first,
        {"cooperation.network": "My mother helps.", "cooperation.workplace": "Good."},
    )
    await world_api.post(f"/api/conversations/{first['id']}/end", as_="coach", json={"goals": []})

    draft = await _draft(world_api)
    body = _reshaped(draft, coaching.new_id(), BUDDY)
    onboarding = body["sections"][0]["questions"]
    body["sections"][0]["questions"] = [q for q in onboarding if q["key"] != "help"]
    edited = await _put(world_api, draft, body)
    new_key = edited.json()["sections"][SKILLS]["questions"][0]["key"]
    await world_api.post(f"/api/pta/question-sets/{draft['id']}/publish", as_="admin")

    fake_clock.set(datetime(2026, 11, 6, 9, 0, tzinfo=UTC))
    second = await _start(world_api, "he")
    await _answer(world_api, second, {new_key: "מרי.", "cooperation.workplace": "Better."})

    # The first conversation still reads with the questions it was held with.
    old = (await world_api.get(f"/api/conversations/{first['id']}", as_="coach")).json()
    assert old["version"] == 1
    assert "cooperation.network" in _keys(old["sections"][COOPERATION])
    assert old["answers"]["cooperation.network"] == "My mother helps."

    compared = await world_api.get(f"/api/conversations/{second['id']}/compare", as_="coach")
    assert compared.status_code == 200, compared.text
    rows = {r["questionKey"]: r for r in compared.json()["rows"]}
    removed = rows["cooperation.network"]
    assert (removed["previous"], removed["current"]) == ("My mother helps.", None)
    assert (removed["askedBefore"], removed["askedNow"]) == (True, False)
    assert removed["texts"] == old["sections"][COOPERATION]["questions"][1]["texts"]
    added = rows[new_key]
    assert (added["previous"], added["current"]) == (None, "מרי.")
    assert (added["askedBefore"], added["askedNow"]) == (False, True)
    assert added["texts"]["he"] == BUDDY["he"]
    both = rows["cooperation.workplace"]
    assert (both["previous"], both["current"], both["askedBefore"]) == ("Good.", "Better.", True)
    assert "onboarding.help" not in rows  # removed and never answered: nothing to compare
    order = [r["questionKey"] for r in compared.json()["rows"]]
    assert order[-1] == "cooperation.network"  # after the current version's questions
    assert order.index(new_key) < order.index("process.amount") < order.index("process.helping")

    alone = await world_api.get(f"/api/conversations/{first['id']}/compare", as_="client")
    assert alone.status_code == 200 and alone.json()["previous"] is None


async def test_a_draft_edited_while_it_is_being_published_is_not_published_unchecked(
    world_api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = await _draft(world_api)
    stale = await questions.set_row(draft["id"])
    assert stale is not None
    body = _edit(draft["sections"])
    body["sections"][0]["questions"].append({"localId": coaching.new_id(), "texts": {"en": "?"}})
    assert (await _put(world_api, draft, body)).status_code == 200

    # The publish request read the draft before that edit landed: its check no longer holds.
    async def before_the_edit(set_id: str) -> dict[str, Any] | None:
        return stale

    monkeypatch.setattr(questions, "set_row", before_the_edit)
    raced = await world_api.post(f"/api/pta/question-sets/{draft['id']}/publish", as_="admin")
    monkeypatch.undo()
    assert raced.status_code == 409
    still = (await world_api.get(f"/api/pta/question-sets/{draft['id']}", as_="admin")).json()
    assert still["status"] == "draft"
