"""How clients felt at work: the face chosen in the monthly conversation, kept on the
conversation, and the coordinator's figure worked out by hand.

November 2026 (today the 28th): Alice's conversations on 10 Nov (+1) and 25 Nov (+2: her last
counts), Bob's on 5 Nov (−1), Cara's on 12 Nov without a face (not counted) and on 20 Oct (0,
October's figure)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from backend.clients import create_record
from tests.api.conftest import Api
from tests.support import coaching
from tests.support.clock import install
from tests.support.world import make_users

TODAY = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, TODAY)


async def _conversation(api: Api, coach: str, client: str, day: str, mood: int | None) -> str:
    made = await api.post(
        f"/api/clients/{client}/conversations",
        as_=coach,
        json={"localId": coaching.new_id(), "heldOn": day},
    )
    assert made.status_code == 201, made.text
    conversation = made.json()["id"]
    body: dict[str, Any] = {"answers": [{"questionKey": "wellbeing.feeling", "answer": "Fine."}]}
    if mood is not None:
        body["mood"] = mood
    saved = await api.request(
        "PUT", f"/api/conversations/{conversation}/answers", as_=coach, json=body
    )
    assert saved.status_code in (200, 204), saved.text
    return str(conversation)


async def test_the_face_is_kept_on_the_conversation_and_refused_out_of_range(
    world_api: Api,
) -> None:
    w = world_api.world
    assert w
    conversation = await _conversation(world_api, "coach", w.ids["client"], "2026-11-10", 1)
    read = await world_api.get(f"/api/conversations/{conversation}", as_="coach")
    assert read.json()["mood"] == 1
    # Answers saved later without a face leave it as it was; another face replaces it.
    again = await world_api.request(
        "PUT",
        f"/api/conversations/{conversation}/answers",
        as_="coach",
        json={"answers": [{"questionKey": "wellbeing.energy", "answer": "Tired on Mondays."}]},
    )
    assert again.status_code in (200, 204), again.text
    assert (await world_api.get(f"/api/conversations/{conversation}", as_="coach")).json()[
        "mood"
    ] == 1
    wrong = await world_api.request(
        "PUT", f"/api/conversations/{conversation}/answers", as_="coach", json={"mood": 3}
    )
    assert wrong.status_code in (400, 422)
    assert wrong.json()["errors"][0]["field"] == "body.mood"
    # The client reads their own conversation with its face.
    own = await world_api.get(f"/api/conversations/{conversation}", as_="client")
    assert own.status_code == 200 and own.json()["mood"] == 1


async def test_how_clients_felt_is_the_one_worked_out_by_hand(world_api: Api) -> None:
    w = world_api.world
    assert w
    await make_users(w, [("cara", "Cara Client", "client", None)])
    await create_record(w.ids["cara"], w.ids["coach"])
    alice, bob, cara = w.ids["client"], w.ids["other_client"], w.ids["cara"]
    await _conversation(world_api, "coach", alice, "2026-11-10", 1)
    await _conversation(world_api, "coach", alice, "2026-11-25", 2)
    await _conversation(world_api, "other_coach", bob, "2026-11-05", -1)
    await _conversation(world_api, "coach", cara, "2026-11-12", None)
    await _conversation(world_api, "coach", cara, "2026-10-20", 0)

    answer = await world_api.get("/api/outcomes?zone=UTC", as_="admin")
    assert answer.status_code == 200, answer.text
    mood = {f["id"]: f for f in answer.json()["figures"]}["mood"]
    # Alice's last face +2, Bob's −1: (2 − 1) / 2.
    assert (mood["value"], mood["base"], mood["unit"]) == (0.5, None, "mood")
    assert {p["key"]: p["value"] for p in mood["parts"]} == {
        "very_good": 1,
        "good": 0,
        "ok": 0,
        "not_good": 1,
        "bad": 0,
    }
    assert [p["value"] for p in mood["trend"]][-2:] == [0.0, 0.5]  # October: Cara's 0
    rows = await world_api.get("/api/outcomes/mood/rows", as_="admin")
    assert sorted((r["name"], r["day"], r["value"]) for r in rows.json()) == [
        ("Alice Client", "2026-11-25", 2),
        ("Bob Client", "2026-11-05", -1),
    ]
    # A coordinator sees her team's (North: Alice and Cara), a coach his caseload's.
    north = await world_api.get("/api/outcomes?zone=UTC", as_="coordinator")
    assert {f["id"]: f for f in north.json()["figures"]}["mood"]["value"] == 2
    ben = await world_api.get("/api/outcomes/mood/rows", as_="other_coach")
    assert [r["name"] for r in ben.json()] == ["Bob Client"]
