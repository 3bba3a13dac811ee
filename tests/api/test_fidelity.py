"""The fidelity self-assessment on a small hand-made organisation, the suggested scores worked
out here by hand (docs/fidelity.md states the rules). The clock stands on Saturday 28 November
2026: November so far is 28 days, four weeks.

Team North (coordinator Cora, coach Ada) in support on 28 Nov: Alice (intake 1 Sep), Cara
(intake 2 Nov) and Dan (intake 5 Nov). Ada's employer contacts in November, all face to face:
sixteen for Alice (1–16 Nov), Cara's first on 12 Nov (10 days after her intake) and one more on
13 Nov, Dan's first on 25 Nov (20 days) and one more on 26 Nov: twenty, five a week. A contact
with Alice herself on 20 Nov; her monthly conversation on 5 Nov (Cara and Dan have none).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from backend.clients import create_record
from backend.goals.tables import QuestionSet
from backend.lib.clock import now
from tests.api.conftest import Api
from tests.api.test_outcomes import _activity, _conversation, _employer_contact, _episode, _stage
from tests.support.clock import FakeClock, install
from tests.support.world import World, make_users

TODAY = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
D = date
REVIEWS = "/api/fidelity/reviews"


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TODAY)


async def _organisation(w: World) -> dict[str, str]:
    await make_users(
        w, [("cara", "Cara Client", "client", None), ("dan", "Dan Client", "client", None)]
    )
    ids = {"alice": w.ids["client"], "cara": w.ids["cara"], "dan": w.ids["dan"]}
    ada = w.ids["coach"]
    for key in ("cara", "dan"):
        await create_record(ids[key], ada)
    for key, intake, stage in (
        ("alice", D(2026, 9, 1), "job_finding"),
        ("cara", D(2026, 11, 2), "engagement"),
        ("dan", D(2026, 11, 5), "engagement"),
    ):
        await _stage(ids[key], await _episode(ids[key], intake), stage, intake)
    for day in range(1, 17):
        await _employer_contact(ada, [ids["alice"]], D(2026, 11, day), mode="workplace")
    for key, days in (("cara", (12, 13)), ("dan", (25, 26))):
        for day in days:
            await _employer_contact(ada, [ids[key]], D(2026, 11, day), mode="workplace")
    await _activity(ada, [ids["alice"]], D(2026, 11, 20))
    questions = QuestionSet(version=1, status="published", created_at=now(), updated_at=now())
    await questions.save()
    await _conversation(ids["alice"], ada, D(2026, 11, 5), questions.id)
    return ids


def _start(template: str = "ips", **more: Any) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "template": template,
        "scope": "team",
        "start": "2026-11-01",
        "end": "2026-11-30",
        "zone": "UTC",
        **more,
    }


async def _started(api: Api, who: str = "coordinator", **body: Any) -> dict[str, Any]:
    answer = await api.post(REVIEWS, as_=who, json=_start(**body))
    assert answer.status_code == 201, answer.text
    review: dict[str, Any] = answer.json()
    return review


def _suggested(review: dict[str, Any]) -> dict[str, Any]:
    return {s["item"]: s for s in review["scores"] if s["suggested"] is not None}


async def _put(
    api: Api, review: str, item: str, body: dict[str, Any], who: str = "coordinator"
) -> Any:
    return await api.request("PUT", f"{REVIEWS}/{review}/items/{item}", as_=who, json=body)


async def test_the_items_the_figures_can_score_come_pre_filled_with_their_evidence(
    world_api: Api,
) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    review = await _started(world_api)
    assert (review["status"], review["scope"]["name"], review["items"]) == ("draft", "North", 25)
    assert review["startedBy"] == "Cora Coordinator"
    found = _suggested(review)
    assert set(found) == {"caseload", "rapid_search", "frequent_contact"}
    # Three clients in support on 28 Nov, one coach: 3 a coach, 20 or fewer → 5.
    caseload = found["caseload"]
    assert (caseload["suggested"], caseload["evidence"]["value"]) == (5, 3.0)
    assert caseload["evidence"]["indicator"] == "caseload"
    assert (caseload["evidence"]["start"], caseload["evidence"]["asOf"]) == (
        "2026-11-01",
        "2026-11-28",
    )
    # Taken in during November: Cara (10 days to the first employer contact), Dan (20): the
    # median is 15, 30 days or fewer → 5.
    rapid = found["rapid_search"]["evidence"]
    assert (found["rapid_search"]["suggested"], rapid["value"], rapid["base"]) == (5, 15.0, 2)
    # Twenty face-to-face contacts, one coach, four weeks: 5 a week → 4.
    frequent = found["frequent_contact"]
    assert (frequent["suggested"], frequent["evidence"]["value"]) == (4, 5.0)
    # A suggestion is not a score: the reviewer accepts or changes it.
    assert all(s["score"] is None for s in review["scores"])
    assert (review["scored"], review["total"], review["top"], review["band"]) == (0, 0, 125, None)


async def test_the_euse_standards_come_pre_filled_met_partly_or_not(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    review = await _started(world_api, template="euse")
    assert (review["items"], review["top"]) == (15, 45)
    assert [s["section"] for s in review["sections"]] == [
        "engagement",
        "profiling",
        "job_finding",
        "employer_engagement",
        "support",
    ]
    found = {k: v["suggested"] for k, v in _suggested(review).items()}
    # Taken in 30 days before: Alice only, contacted on 20 Nov → none without contact: met.
    # Five employer contacts a coach a week (2 or more): met. Conversations: Alice's of 3 (33 %,
    # under 60 %): not met.
    assert found == {"regular_contact": 3, "employer_contacts": 3, "follow_up": 1}


async def _score_all(api: Api, review: dict[str, Any], default: int = 4) -> dict[str, Any]:
    last: dict[str, Any] = {}
    for s in review["scores"]:
        score = s["suggested"] or default
        answer = await _put(api, review["id"], s["item"], {"score": score, "notes": ""})
        assert answer.status_code == 200, answer.text
        last = answer.json()
    return last


async def test_a_review_scored_finished_and_locked_shows_its_band(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    review = await _started(world_api)
    rid = review["id"]
    # Finishing early names each item still to score.
    early = await world_api.post(f"{REVIEWS}/{rid}/finish", as_="coordinator")
    assert early.status_code == 422
    assert len(early.json()["errors"]) == 25
    assert early.json()["errors"][0]["field"] == "items.caseload"
    # Accept the suggestions (5, 5, 4), 4 for the other 22 items, one with a note.
    scored = await _score_all(world_api, review)
    assert (scored["total"], scored["scored"], scored["band"]) == (102, 25, "good")
    staffing = scored["sections"][0]
    assert (staffing["section"], staffing["score"], staffing["top"]) == ("staffing", 13, 15)
    noted = await _put(
        world_api, rid, "zero_exclusion", {"score": 3, "notes": "Two referrals refused"}
    )
    assert noted.json()["total"] == 101
    item = next(s for s in noted.json()["scores"] if s["item"] == "zero_exclusion")
    assert (item["score"], item["notes"]) == (3, "Two referrals refused")
    done = await world_api.post(f"{REVIEWS}/{rid}/finish", as_="coordinator")
    assert done.status_code == 200, done.text
    assert (done.json()["status"], done.json()["band"]) == ("finished", "good")
    assert done.json()["finishedAt"] is not None
    # Locked: a change is refused with a problem saying why; finishing again changes nothing.
    refused = await _put(world_api, rid, "caseload", {"score": 1})
    assert refused.status_code == 409
    assert refused.json()["title"].startswith("This review is finished")
    again = await world_api.post(f"{REVIEWS}/{rid}/finish", as_="coordinator")
    assert (again.status_code, again.json()["finishedAt"]) == (200, done.json()["finishedAt"])
    read = await world_api.get(f"{REVIEWS}/{rid}", as_="admin")
    assert next(s for s in read.json()["scores"] if s["item"] == "caseload")["score"] == 5


@pytest.mark.parametrize(
    ("total", "band"),
    [(125, "exemplary"), (115, "exemplary"), (114, "good"), (99, "fair"), (73, "not_supported")],
)
async def test_the_ips_bands(world_api: Api, total: int, band: str) -> None:
    review = await _started(world_api, template="ips")
    scores = [1] * 25
    left = total - 25
    for i in range(25):  # raise items one by one to reach the total
        step = min(4, left)
        scores[i] += step
        left -= step
    last: dict[str, Any] = {}
    for s, score in zip(review["scores"], scores, strict=True):
        last = (await _put(world_api, review["id"], s["item"], {"score": score})).json()
    assert (last["total"], last["band"]) == (total, band)


async def test_starting_or_saving_twice_lands_once(world_api: Api, clock: FakeClock) -> None:
    body = _start()
    first = await world_api.post(REVIEWS, as_="coordinator", json=body)
    again = await world_api.post(REVIEWS, as_="coordinator", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    listed = await world_api.get(REVIEWS, as_="coordinator")
    assert [r["id"] for r in listed.json()] == [first.json()["id"]]
    rid = first.json()["id"]
    save = {"score": 3, "notes": "Weekly meetings", "localId": str(uuid.uuid4())}
    saved = await _put(world_api, rid, "employment_unit", save)
    clock.advance(minutes=5)
    repeated = await _put(world_api, rid, "employment_unit", save)
    item = [s for s in repeated.json()["scores"] if s["item"] == "employment_unit"]
    assert len(item) == 1
    assert item == [s for s in saved.json()["scores"] if s["item"] == "employment_unit"]
    assert repeated.json()["scored"] == 1


async def test_two_reviews_compare_item_by_item(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    older = await _started(world_api)
    await _score_all(world_api, older)
    await world_api.post(f"{REVIEWS}/{older['id']}/finish", as_="coordinator")
    newer = await _started(world_api, start="2026-11-15", end="2026-11-28")
    await _put(world_api, newer["id"], "caseload", {"score": 5})
    await _put(world_api, newer["id"], "zero_exclusion", {"score": 5})
    await _put(world_api, newer["id"], "outreach", {"score": 2})
    answer = await world_api.get(
        f"/api/fidelity/comparison?first={older['id']}&second={newer['id']}", as_="coordinator"
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    changes = {
        i["item"]: (i["before"], i["after"], i["change"], i["difference"]) for i in body["items"]
    }
    assert changes["caseload"] == (5, 5, "same", 0)
    assert changes["zero_exclusion"] == (4, 5, "up", 1)
    assert changes["outreach"] == (4, 2, "down", -2)
    assert changes["disclosure"] == (4, None, "unscored", None)
    assert body["difference"] == 12 - 102
    services = next(s for s in body["sections"] if s["section"] == "services")
    assert (services["before"], services["after"]) == (13 * 4 + 5 + 4 - 4, 2)


async def test_reviews_of_different_templates_do_not_compare(world_api: Api) -> None:
    ips = await _started(world_api)
    euse = await _started(world_api, template="euse")
    answer = await world_api.get(
        f"/api/fidelity/comparison?first={ips['id']}&second={euse['id']}", as_="coordinator"
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "query.second"


async def test_the_reviews_come_newest_first_a_page_at_a_time(
    world_api: Api, clock: FakeClock
) -> None:
    made = []
    for _ in range(3):
        made.append((await _started(world_api))["id"])
        clock.advance(minutes=1)
    made.append((await _started(world_api, who="admin", scope="organisation"))["id"])
    ids: list[str] = []
    path: str | None = f"{REVIEWS}?limit=1"
    while path is not None:
        answer = await world_api.get(path, as_="admin")
        assert answer.status_code == 200
        assert len(answer.json()) <= 1
        ids += [r["id"] for r in answer.json()]
        link = answer.headers.get("link")
        path = link[1 : link.index(">")] if link else None
    assert ids == list(reversed(made))
    # The coordinator sees her team's only; an administrator may narrow the list to a team.
    north = await world_api.get(REVIEWS, as_="coordinator")
    assert [r["id"] for r in north.json()] == list(reversed(made[:3]))
    assert world_api.world
    team = world_api.world.teams["North"]
    narrowed = await world_api.get(f"{REVIEWS}?team={team}", as_="admin")
    assert [r["id"] for r in narrowed.json()] == list(reversed(made[:3]))
    south = world_api.world.teams["South"]
    assert (await world_api.get(f"{REVIEWS}?team={south}", as_="coordinator")).status_code == 403


@pytest.mark.parametrize(
    ("who", "body", "status"),
    [
        ("coordinator", {"scope": "organisation"}, 403),
        ("coordinator", {"scope": "team", "teamId": "{South}"}, 403),
        ("coach", {}, 403),
        ("client", {}, 403),
        ("family", {}, 403),
        ("admin", {"scope": "team", "teamId": "{South}"}, 201),
        ("admin", {"scope": "team"}, 422),
    ],
)
async def test_who_may_start_a_review(
    world_api: Api, who: str, body: dict[str, Any], status: int
) -> None:
    assert world_api.world
    filled = {k: v.format(**world_api.world.teams) for k, v in body.items()}
    answer = await world_api.post(REVIEWS, as_=who, json=_start(**filled))
    assert answer.status_code == status, answer.text


async def test_a_review_out_of_reach_is_not_found(world_api: Api) -> None:
    organisation = await _started(world_api, who="admin", scope="organisation")
    for path in (f"{REVIEWS}/{organisation['id']}", f"{REVIEWS}/{uuid.uuid4()}", f"{REVIEWS}/x"):
        assert (await world_api.get(path, as_="coordinator")).status_code == 404
    refused = await _put(world_api, organisation["id"], "caseload", {"score": 3})
    assert refused.status_code == 404
    assert (await world_api.get(f"{REVIEWS}/{organisation['id']}", as_="coach")).status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"end": "2026-10-01"}, "body.end"),
        ({"start": "2025-01-01", "end": "2026-11-30"}, "body.end"),
        ({"start": "2026-12-01", "end": "2026-12-31"}, "body.start"),
        ({"zone": "Mars/Olympus"}, "body.zone"),
    ],
)
async def test_a_bad_period_names_its_field(
    world_api: Api, body: dict[str, Any], field: str
) -> None:
    answer = await world_api.post(REVIEWS, as_="coordinator", json=_start(**body))
    assert answer.status_code in {400, 422}, answer.text
    assert answer.json()["errors"][0]["field"] == field


async def test_a_score_off_the_scale_names_its_field(world_api: Api) -> None:
    euse = await _started(world_api, template="euse")
    answer = await _put(world_api, euse["id"], "job_analysis", {"score": 4})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "body.score"
    ips = await _started(world_api)
    answer = await _put(world_api, ips["id"], "caseload", {"score": 6})
    assert answer.status_code in {400, 422}
    assert answer.json()["errors"][0]["field"] == "body.score"
    unknown = await _put(world_api, ips["id"], "happiness", {"score": 3})
    assert unknown.status_code == 404


async def test_the_templates_come_in_four_languages(world_api: Api) -> None:
    answer = await world_api.get("/api/fidelity/templates", as_="coordinator")
    assert answer.status_code == 200
    ips, euse = answer.json()
    assert (ips["key"], ips["version"], ips["scale"], ips["top"]) == ("ips", 1, "five", 5)
    items = [i for s in ips["sections"] for i in s["items"]]
    assert len(items) == 25
    for item in items:
        assert set(item["titles"]) == {"en", "pl", "fi", "he"}
        assert len(item["anchors"]) == 5
        assert all(set(a) == {"en", "pl", "fi", "he"} for a in item["anchors"])
    assert [b["min"] for b in ips["bands"]] == [115, 100, 74, 0]
    assert (euse["key"], euse["scale"], len(euse["sections"])) == ("euse", "met", 5)
    one = await world_api.get("/api/fidelity/templates/ips/1", as_="admin")
    assert one.json() == ips
    assert (await world_api.get("/api/fidelity/templates/ips/9", as_="admin")).status_code == 404
