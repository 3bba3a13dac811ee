"""A reader's two-tap feedback on the handover pack reaches the client's home (their day) and the
client's page for staff, at once (the day stamp moves), for four weeks, without naming the
reader; no other client or caseload sees it."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from backend.handover import public
from backend.lib import clock
from tests.api.conftest import Api
from tests.support.clock import install
from tests.support.handover import build_handover

DAY = "/api/me/day"


def _nonce(html: str) -> str:
    found = re.search(r'name="nonce" value="([^"]+)"', html)
    assert found
    return found.group(1)


def _said(items: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(f["kind"], f["taskTitle"], f["step"], f["employerName"], f["jobTitle"]) for f in items]


async def test_feedback_reaches_the_clients_home_and_page_without_the_readers_name(
    world_api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert world_api.world is not None
    await build_handover(world_api.world)
    ids = world_api.world.ids

    async def fake_send(user_ids: list[str], kind: str) -> int:
        return len(user_ids)

    monkeypatch.setattr(public, "send_now_to", fake_send)
    page = f"/api/clients/{ids['client']}/page"
    before = await world_api.get(DAY, as_="client")
    assert before.json()["workFeedback"] == []
    assert (await world_api.get(page, as_="coach")).json()["workFeedback"] == []

    token = ids["handover_token"]
    nonce = _nonce((await world_api.get(f"/h/{token}?lang=en")).text)
    helped = {"nonce": nonce, "task": "Set up the salad bar", "step": "3"}
    assert (await world_api.client.post(f"/h/{token}/feedback", data=helped)).status_code == 303
    well = {"nonce": nonce, "kind": "well"}
    assert (await world_api.client.post(f"/h/{token}/feedback", data=well)).status_code == 303

    # The day held on the phone changed: its ETag no longer answers 304.
    after = await world_api.get(
        DAY, as_="client", headers={"If-None-Match": before.headers["etag"]}
    )
    assert after.status_code == 200
    shown = after.json()["workFeedback"]
    assert _said(shown) == [
        ("well", "", None, "Hotel Aurora", "Kitchen assistant"),
        ("help", "Set up the salad bar", 3, "Hotel Aurora", "Kitchen assistant"),
    ]
    assert {f["jobId"] for f in shown} == {ids["job"]}
    assert "Sam" not in json.dumps(shown)  # the link's reader is not named
    for who in ("coach", "coordinator", "admin"):
        staff = await world_api.get(page, as_=who)
        assert staff.status_code == 200, who
        assert staff.json()["workFeedback"] == shown

    # Nobody else's: another caseload gets no page, another client's day has none.
    for who in ("other_coach", "other_client", "family"):
        assert (await world_api.get(page, as_=who)).status_code == 404, who
    assert (await world_api.get(DAY, as_="other_client")).json()["workFeedback"] == []

    # Four weeks on, it has left both.
    install(monkeypatch, clock.now() + timedelta(days=29))
    assert (await world_api.get(DAY, as_="client")).json()["workFeedback"] == []
    assert (await world_api.get(page, as_="coach")).json()["workFeedback"] == []


async def test_the_home_and_page_show_the_newest_five(
    world_api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert world_api.world is not None
    await build_handover(world_api.world)
    ids = world_api.world.ids

    async def fake_send(user_ids: list[str], kind: str) -> int:
        return len(user_ids)

    monkeypatch.setattr(public, "send_now_to", fake_send)
    token = ids["handover_token"]
    for step in range(1, 8):  # seven feedbacks, each from its own page
        nonce = _nonce((await world_api.get(f"/h/{token}?lang=en")).text)
        form = {"nonce": nonce, "task": "Set up the salad bar", "step": str(step)}
        assert (await world_api.client.post(f"/h/{token}/feedback", data=form)).status_code == 303
    day = (await world_api.get(DAY, as_="client")).json()["workFeedback"]
    assert [f["step"] for f in day] == [7, 6, 5, 4, 3]
    page = (await world_api.get(f"/api/clients/{ids['client']}/page", as_="coach")).json()
    assert page["workFeedback"] == day
