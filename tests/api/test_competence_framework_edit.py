"""Adding, removing and moving competences and areas in a draft of the competence framework
(docs/competence.md): keys never change, a new one is made from the English name or given and
unique in the version; publishing names each missing language, indicator or empty area; a
published version keeps the structure as edited, the one before it stays readable, and records
made with a competence that is gone (a self-assessment's rating, a visit) break nothing: the
record, the matrix, the gap report, evidence suggestions and the summative assessment's keys.

Team North: coordinator Cora, coach Ada. Team South: coach Ben.
"""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from backend.competence import evidence, framework
from tests.api.conftest import Api
from tests.support.clock import FakeClock, install

TODAY = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
F = "/api/competence/frameworks"
SA = "/api/competence/self-assessments"
V = "/api/competence/visits"
LANGS = ("en", "pl", "fi", "he")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TODAY)


def new_id() -> str:
    return str(uuid.uuid4())


def _edit_of(version: dict[str, Any]) -> dict[str, Any]:
    """The PUT body that keeps a version as it is."""
    return {
        "levels": [
            {"level": lv["level"], "titles": lv["titles"], "texts": lv["texts"]}
            for lv in version["levels"]
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
            for a in version["areas"]
        ],
    }


def _texts(words: str, only: tuple[str, ...] = LANGS) -> dict[str, str]:
    return {lang: words if lang == "en" else f"{words} ({lang})" for lang in only}


def _competence(name: str, only: tuple[str, ...] = LANGS, **extra: Any) -> dict[str, Any]:
    return {
        "titles": _texts(name, only),
        "indicators": [_texts(f"{name}: sign {n}", only) for n in range(1, 4)],
        "targets": {"newCoach": 1, "certifiedCoach": 3, "coordinator": 3, "mentor": 4},
        **extra,
    }


def _keys(version: dict[str, Any]) -> list[list[str]]:
    return [[c["key"] for c in a["competences"]] for a in version["areas"]]


async def _put(api: Api, path: str, as_: str, json: Any) -> Any:
    return await api.request("PUT", path, as_=as_, json=json)


async def _draft(api: Api) -> dict[str, Any]:
    made = await api.post(F, as_="coordinator", json={})
    assert made.status_code == 201, made.text
    return dict(made.json())


async def test_a_draft_gains_moves_and_loses_competences_and_areas_and_publishes_as_edited(
    world_api: Api, clock: FakeClock
) -> None:
    first = (await world_api.get(f"{F}/current", as_="coach")).json()
    draft = await _draft(world_api)
    url = f"{F}/{draft['id']}"
    body = _edit_of(draft)
    jobs = body["areas"][3]
    assert jobs["key"] == "jobs"
    # Add "Working with interpreters" (key made from the English name) at the end of jobs and
    # move it above negotiation; add one with its own key; remove "network.mentors"; add an area.
    jobs["competences"].append(_competence("Working with interpreters!"))
    jobs["competences"][1], jobs["competences"][2] = jobs["competences"][2], jobs["competences"][1]
    body["areas"][0]["competences"].append(_competence("Data care", key="values.data_care"))
    network = body["areas"][5]
    assert network["key"] == "network"
    network["competences"] = [c for c in network["competences"] if c["key"] != "network.mentors"]
    body["areas"].append(
        {"titles": _texts("Digital work"), "competences": [_competence("Video calls")]}
    )
    edited = await _put(world_api, url, "coordinator", body)
    assert edited.status_code == 200, edited.text
    saved = edited.json()
    assert _keys(saved)[0] == ["values.confidentiality", "values.choice", "values.data_care"]
    assert _keys(saved)[3] == [
        "jobs.employer_contact",
        "jobs.working_with_interpreters",
        "jobs.negotiation",
    ]
    assert _keys(saved)[5] == ["network.family"]
    assert saved["areas"][7]["key"] == "digital_work"
    assert _keys(saved)[7] == ["digital_work.video_calls"]
    added = saved["areas"][3]["competences"][1]
    assert added["titles"]["en"] == "Working with interpreters!"
    assert added["targets"] == {"newCoach": 1, "certifiedCoach": 3, "coordinator": 3, "mentor": 4}
    # Saving the draft again as it came back changes nothing (the made keys are kept).
    again = await _put(world_api, url, "coordinator", _edit_of(saved))
    assert again.status_code == 200
    assert _keys(again.json()) == _keys(saved)
    # The same name added once more gets a key of its own.
    twice = _edit_of(saved)
    twice["areas"][3]["competences"].append(_competence("Working with interpreters"))
    made = (await _put(world_api, url, "coordinator", twice)).json()
    assert _keys(made)[3][-1] == "jobs.working_with_interpreters_2"
    # A removed key is not given to a new competence made from the same name.
    reuse = _edit_of(made)
    reuse["areas"][3]["competences"].pop()
    reuse["areas"][5]["competences"].append(_competence("Mentors"))
    reused = (await _put(world_api, url, "coordinator", reuse)).json()
    assert _keys(reused)[5] == ["network.family", "network.mentors_2"]
    # An area emptied may be saved; publishing names it; then it is removed.
    emptied = _edit_of(reused)
    emptied["areas"][5]["competences"] = [emptied["areas"][5]["competences"][0]]
    emptied["areas"].append({"key": "later", "titles": _texts("Later"), "competences": []})
    assert (await _put(world_api, url, "coordinator", emptied)).status_code == 200
    refused = await world_api.post(f"{url}/publish", as_="coordinator")
    assert refused.status_code == 422
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [
        ("areas.8.competences", "empty")
    ]
    emptied["areas"].pop()
    final = await _put(world_api, url, "coordinator", emptied)
    assert final.status_code == 200
    published = await world_api.post(f"{url}/publish", as_="coordinator")
    assert published.status_code == 200, published.text

    current = (await world_api.get(f"{F}/current", as_="coach")).json()
    assert current["version"] == draft["version"]
    assert _keys(current) == _keys(final.json())
    assert [a["key"] for a in current["areas"]][-1] == "digital_work"
    flat = [c["key"] for c in framework.competences({"content": current})]
    assert "network.mentors" not in flat and "jobs.working_with_interpreters" in flat
    assert len(flat) == 15 - 1 + 3
    old = (await world_api.get(f"{F}/{first['id']}", as_="coach")).json()
    assert old == first
    assert "network.mentors" in _keys(old)[5]


async def test_bad_structure_is_refused_naming_the_field(world_api: Api, clock: FakeClock) -> None:
    draft = await _draft(world_api)
    url = f"{F}/{draft['id']}"

    async def refused(body: dict[str, Any]) -> tuple[int, str]:
        answer = await _put(world_api, url, "coordinator", body)
        return answer.status_code, answer.json()["errors"][0]["field"]

    body = _edit_of(draft)
    body["areas"][2]["competences"].append(_competence("Twice", key="values.choice"))
    assert await refused(body) == (422, "body.areas.2.competences.2.key")
    body = _edit_of(draft)
    body["areas"][2]["competences"].insert(1, _competence("Bad", key="Not A Key"))
    assert await refused(body) == (422, "body.areas.2.competences.1.key")
    body = _edit_of(draft)
    body["areas"][2]["competences"].append(_competence("Elsewhere", key="jobs.elsewhere"))
    assert await refused(body) == (422, "body.areas.2.competences.2.key")
    body = _edit_of(draft)
    # A key given further on is not made for an earlier competence from its name.
    body["areas"][2]["competences"] += [
        _competence("Peer work"),
        _competence("Peer work, given", key="engagement.peer_work"),
    ]
    made = await _put(world_api, url, "coordinator", body)
    assert _keys(made.json())[2][-2:] == ["engagement.peer_work_2", "engagement.peer_work"]
    body = _edit_of(draft)
    body["areas"].append({"key": "values", "titles": _texts("Again"), "competences": []})
    assert await refused(body) == (422, "body.areas.7.key")
    body = _edit_of(draft)
    body["areas"][1]["competences"].append(_competence("Only Polish", only=("pl",)))
    assert await refused(body) == (422, "body.areas.1.competences.2.titles.en")
    body = _edit_of(draft)
    few = _competence("Few")
    few["indicators"] = few["indicators"][:2]
    body["areas"][1]["competences"].append(few)
    # The wire's own bounds (3 to 6) answer 400, naming the field as well.
    assert await refused(body) == (400, "body.areas.1.competences.2.indicators")
    # Nothing of the refused bodies was kept.
    kept = (await world_api.get(url, as_="coordinator")).json()
    assert _keys(kept) == _keys(made.json())


async def test_publishing_names_each_missing_language_of_a_new_competence(
    world_api: Api, clock: FakeClock
) -> None:
    draft = await _draft(world_api)
    url = f"{F}/{draft['id']}"
    body = _edit_of(draft)
    new = _competence("Peer support", only=("en", "pl", "fi", "he"))
    del new["titles"]["fi"]
    del new["indicators"][2]["he"]
    body["areas"][4]["competences"].insert(0, new)
    assert (await _put(world_api, url, "coordinator", body)).status_code == 200  # English: enough
    refused = await world_api.post(f"{url}/publish", as_="coordinator")
    assert refused.status_code == 422
    assert refused.json()["code"] == "untranslated"
    assert [e["field"] for e in refused.json()["errors"]] == [
        "areas.4.competences.0.titles.fi",
        "areas.4.competences.0.indicators.2.he",
    ]
    body["areas"][4]["competences"][0] = _competence("Peer support")
    assert (await _put(world_api, url, "coordinator", body)).status_code == 200
    assert (await world_api.post(f"{url}/publish", as_="coordinator")).status_code == 200


async def test_records_with_a_removed_competence_break_nothing(
    world_api: Api, clock: FakeClock
) -> None:
    """Ada rated workplace.prompting in a self-assessment on version 1 and was seen at it in a
    visit; version 2 removes it (and the fading evidence that named it is no longer offered)."""
    w = world_api.world
    assert w is not None
    sa = (await world_api.post(SA, as_="coach", json={"localId": new_id()})).json()
    for key, level in [("workplace.prompting", 3), ("values.choice", 2)]:
        rated = await _put(world_api, f"{SA}/{sa['id']}/ratings/{key}", "coach", {"level": level})
        assert rated.status_code == 200, rated.text
    visit = {
        "localId": new_id(),
        "personId": w.ids["coach"],
        "visitedOn": "2026-12-03",
        "setting": "training",
        "seen": [{"competence": "workplace.prompting", "level": 2}],
    }
    assert (await world_api.post(V, as_="coordinator", json=visit)).status_code == 201

    draft = await _draft(world_api)
    body = _edit_of(draft)
    workplace = body["areas"][4]
    workplace["competences"] = [
        c for c in workplace["competences"] if c["key"] != "workplace.prompting"
    ]
    assert (await _put(world_api, f"{F}/{draft['id']}", "coordinator", body)).status_code == 200
    assert (await world_api.post(f"{F}/{draft['id']}/publish", as_="admin")).status_code == 200

    # The open self-assessment keeps version 1: the removed one is still rated and shown.
    more = await _put(
        world_api, f"{SA}/{sa['id']}/ratings/workplace.prompting", "coach", {"level": 2}
    )
    assert more.status_code == 200, more.text
    assert (await world_api.post(f"{SA}/{sa['id']}/finish", as_="coach")).status_code == 200
    kept = (await world_api.get(f"{SA}/{sa['id']}", as_="coach")).json()
    assert {r["competence"] for r in kept["ratings"]} == {"workplace.prompting", "values.choice"}
    used = (await world_api.get(f"{F}/{kept['frameworkId']}", as_="coach")).json()
    assert "workplace.prompting" in _keys(used)[4]
    # A new self-assessment uses the new version: the removed key is not in it.
    nxt = (await world_api.post(SA, as_="coach", json={"localId": new_id()})).json()
    gone = await _put(
        world_api, f"{SA}/{nxt['id']}/ratings/workplace.prompting", "coach", {"level": 1}
    )
    assert (gone.status_code, gone.json()["errors"][0]["field"]) == (422, "path.competence")

    # Her record, the matrix and the gap report read the current version: no cell for it.
    record = await world_api.get("/api/competence/record", as_="coach")
    assert record.status_code == 200, record.text
    cells = {c["competence"]: c for c in record.json()["person"]["cells"]}
    assert "workplace.prompting" not in cells
    assert (cells["values.choice"]["current"], cells["values.choice"]["source"]) == (2, "self")
    matrix = await world_api.get("/api/competence/matrix", as_="coordinator")
    assert matrix.status_code == 200, matrix.text
    assert all(
        "workplace.prompting" not in {c["competence"] for c in p["cells"]}
        for p in matrix.json()["people"]
    )
    gaps = await world_api.get("/api/competence/gaps", as_="admin")
    assert gaps.status_code == 200, gaps.text
    assert "workplace.prompting" not in {r["competence"] for r in gaps.json()["rows"]}
    visits = await world_api.get(f"{V}?person={w.ids['coach']}", as_="coordinator")
    assert visits.status_code == 200
    seen = visits.json()[0]["seen"]
    assert [(x["competence"], x["level"]) for x in seen] == [("workplace.prompting", 2)]

    # Evidence: fading on plan named workplace.prompting; only natural supports is offered now.
    current = await framework.current()
    indicators = {c["key"]: len(c["indicators"]) for c in framework.competences(current)}
    assert [(f.competence, f.indicator) for f in evidence._fits("fading_on_plan", indicators)] == [
        ("workplace.natural_supports", 1)
    ]
    assert (
        await world_api.get("/api/competence/evidence/suggestions", as_="coach")
    ).status_code == 200
    attach = {
        "localId": new_id(),
        "personId": w.ids["coach"],
        "kind": "fading_on_plan",
        "sourceId": new_id(),
        "competence": "workplace.prompting",
        "indicator": 0,
    }
    refused = await world_api.post("/api/competence/evidence", as_="coach", json=attach)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.competence"


@pytest.mark.parametrize(
    ("as_", "status"),
    [
        ("admin", 200),
        ("coordinator", 200),
        ("coach", 403),
        ("other_coach", 403),
        ("mentor", 403),
        ("client", 403),
        ("family", 403),
    ],
)
async def test_only_administrators_and_coordinators_change_the_structure(
    world_api: Api, clock: FakeClock, as_: str, status: int
) -> None:
    draft = await _draft(world_api)
    body = copy.deepcopy(_edit_of(draft))
    body["areas"][0]["competences"].append(_competence("Discretion"))
    answer = await _put(world_api, f"{F}/{draft['id']}", as_, body)
    assert answer.status_code == status, answer.text
    kept = (await world_api.get(f"{F}/{draft['id']}", as_="coordinator")).json()
    assert len(kept["areas"][0]["competences"]) == (3 if status == 200 else 2)
