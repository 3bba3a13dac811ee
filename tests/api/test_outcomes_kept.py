"""Kept figures (docs/outcomes.md, "How figures are kept"): what a coordinator reads from kept
figures is what a fresh count gives, and a change made afterwards — an activity logged for an
earlier month, a job recorded with an earlier start, a client moved to another coach — shows in
the next look. The organisation is ``test_outcomes.py``'s, the clock on Saturday 28 November
2026."""

from __future__ import annotations

from typing import Any

import pytest

from backend.outcomes.tables import KeptFigure
from tests.api.conftest import Api
from tests.api.test_outcomes import TODAY, _organisation
from tests.support.clock import install
from tests.support.coaching import new_id


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, TODAY)


async def _look(api: Api, who: str, query: str = "") -> dict[str, dict[str, Any]]:
    answer = await api.get(f"/api/outcomes{query}", as_=who)
    assert answer.status_code == 200, answer.text
    return {f["id"]: f for f in answer.json()["figures"]}


def _month(figure: dict[str, Any], month: int) -> tuple[Any, Any]:
    point = next(p for p in figure["trend"] if p["start"] == f"2026-{month:02}-01")
    return point["value"], point["base"]


async def test_kept_figures_are_the_ones_counted_afresh(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    for who, query in (("admin", ""), ("admin", "?zone=Europe/Helsinki"), ("coordinator", "")):
        counted = await _look(world_api, who, query)
        assert await KeptFigure.count() > 0  # the next look reads them
        kept = await _look(world_api, who, query)
        assert kept == counted
        await KeptFigure.delete(force=True)
        assert await _look(world_api, who, query) == counted


async def test_an_activity_logged_for_october_changes_octobers_figure(world_api: Api) -> None:
    w = world_api.world
    assert w
    ids = await _organisation(w)
    before = await _look(world_api, "coordinator")
    # In support on 31 October, taken in by 1 October: Alice and Cara, neither contacted in
    # the 30 days up to it (Gus's support closed on the 31st).
    assert _month(before["no_contact_30"], 10) == (2, 2)
    assert _month(before["no_contact_30"], 11) == (1, 2)
    logged = await world_api.post(
        "/api/activities",
        as_="coach",
        json={
            "localId": new_id(),
            "clientIds": [ids["cara"]],
            "mode": "office",
            "occurredAt": "2026-10-20T10:00:00+00:00",
            "minutes": 30,
            "purposes": ["training"],
        },
    )
    assert logged.status_code == 201, logged.text
    after = await _look(world_api, "coordinator")
    assert _month(after["no_contact_30"], 10) == (1, 2)
    assert _month(after["no_contact_30"], 11) == (1, 2)  # 20 Oct is not in 29 Oct … 28 Nov
    # Deleted again (within the day the author may): October is as it was.
    gone = await world_api.delete(f"/api/activities/{logged.json()['id']}", as_="coach")
    assert gone.status_code == 204, gone.text
    again = await _look(world_api, "coordinator")
    assert _month(again["no_contact_30"], 10) == (2, 2)


async def test_a_job_recorded_with_an_earlier_start_counts_in_its_month(world_api: Api) -> None:
    w = world_api.world
    assert w
    await _organisation(w)
    before = await _look(world_api, "admin")
    # October: Cara's 10-hour and Gus's 20-hour jobs.
    assert _month(before["job_starts"], 10)[0] == 2
    recorded = await world_api.post(
        f"/api/clients/{w.ids['client']}/jobs",
        as_="coach",
        json={
            "localId": new_id(),
            "employerId": None,
            "title": "Kitchen assistant",
            "startDate": "2026-10-20",
            "hoursPerWeek": 12.5,
            "contractType": "fixed_term",
        },
    )
    assert recorded.status_code == 201, recorded.text
    after = await _look(world_api, "admin")
    assert _month(after["job_starts"], 10)[0] == 3
    assert after["job_starts"]["value"] == before["job_starts"]["value"]  # November's: 1


async def test_a_client_moved_to_another_coach_counts_under_the_new_one(world_api: Api) -> None:
    w = world_api.world
    assert w
    ids = await _organisation(w)
    ada = f"?scope=coach&id={w.ids['coach']}"
    ben = f"?scope=coach&id={w.ids['other_coach']}"
    assert _month((await _look(world_api, "admin", ada))["by_stage"], 10) == (2, None)
    assert _month((await _look(world_api, "admin", ben))["by_stage"], 10) == (1, None)
    moved = await world_api.patch(
        f"/api/clients/{ids['cara']}", as_="admin", json={"coachId": w.ids["other_coach"]}
    )
    assert moved.status_code == 200, moved.text
    # A client counts under their coach today, in every month of the trend.
    assert _month((await _look(world_api, "admin", ada))["by_stage"], 10) == (1, None)
    assert _month((await _look(world_api, "admin", ben))["by_stage"], 10) == (2, None)


async def test_a_training_session_written_for_an_earlier_day_counts_in_its_month(
    world_api: Api,
) -> None:
    """The figures added after the first twelve read other tables (training sessions and their
    steps, the legal minimum wage …): a change there shows in the next look too."""
    from datetime import date

    from tests.api import test_outcomes_practice as practice

    assert world_api.world
    await practice._organisation(world_api.world)
    ids = world_api.world.ids
    before = await _look(world_api, "admin", "?zone=UTC")
    assert (before["steps_independent"]["value"], before["steps_independent"]["base"]) == (70.0, 10)

    # A session of 3 November written afterwards, two steps on her own: 9 of 12.
    task = await practice._task(ids["client"], "Fold the napkins", 2, 3)
    await practice._session(task, ids["coach"], date(2026, 11, 3), ["independent", "independent"])
    after = await _look(world_api, "admin", "?zone=UTC")
    assert (after["steps_independent"]["value"], after["steps_independent"]["base"]) == (75.0, 12)


async def test_a_new_legal_minimum_counts_the_pay_figure_again(world_api: Api) -> None:
    from tests.api import test_outcomes_jobs as jobs

    assert world_api.world
    await jobs._organisation(world_api.world)
    await jobs._set_minimum(world_api)  # 12.00: 12.50 at least, 11.00 below
    before = await _look(world_api, "admin")
    assert (before["paid_minimum"]["value"], before["paid_minimum"]["base"]) == (50.0, 2)
    await jobs._set_minimum(world_api, cents=1300)  # 13.00: both below
    after = await _look(world_api, "admin")
    assert (after["paid_minimum"]["value"], after["paid_minimum"]["base"]) == (0.0, 2)
