"""Independence, goals and coach time on a small hand-made organisation, each right answer
worked out here by hand (docs/outcomes.md, "Independence, goals and coach time"). The clock
stands on Saturday 28 November 2026 (UTC): November so far is 28 days.

Team North (coordinator Cora, coach Ada): Alice, Cara. Team South (coach Ben): Bob.

Training in November (a session at 10:00 on its day):

| task (steps, criterion) | sessions: prompt levels | mastery |
|---|---|---|
| Alice, Fold towels (2, 2) | 2 Nov ind+verbal; 5 and 9 Nov ind+ind | 9 Nov: 3 sessions, 7 days |
| Cara, Shelve returns (3, 3) | 25 Oct physical+model+gestural; 10 Nov ind+verbal+verbal | — |
| Bob, Scan returns (1, 1) | 12 Nov ind (no day given: its UTC day) | 12 Nov: 1 session, 0 days |

Alice's self-prompts: 8 Nov (before mastery), 15 and 16 Nov; her help request on 20 Nov. Bob's
help requests: 12 Nov 09:00 (before mastery) and 13 Nov. Cara's self-prompt on 14 Nov (her task
is not mastered).

Activities made in November (minutes): Alice 10 Nov at work 120 training, 12 Nov at the office
60 job search; Cara 15 Nov by phone 30 keeping in touch (and a missed visit of 60); Alice and
Cara together 20 Nov at work 60 training; Bob 4 Nov elsewhere 90 employer contact + training.

Goals (client's rating / coach's): Alice ends 10 Nov +1/0, ends 20 Nov 0/0, ended early 25 Nov
—/+1; Bob ends 15 Nov +2/+1; Cara ends 31 Oct —/−2, and a cancelled one 12 Nov —/+2.

Alice's fading plan, closed weeks (planned, coach, shift minutes): 26 Oct (before November);
2 Nov 5 h=300, 360, 1200; 9 Nov 20 %=240, 120, 1200; 16 Nov no step, 100, 1200; 23 Nov 3 h,
0, no shift time.
"""

from __future__ import annotations

import math
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from backend.activities.tables import Activity, ActivityClient
from backend.clients import create_record
from backend.employers.tables import Job
from backend.fading.tables import FadingPlan, FadingWeek
from backend.goals.tables import Goal
from backend.journey.tables import Episode
from backend.lib.clock import now
from backend.tasks import refresh_every_task
from backend.tasks.tables import HelpRequest, SelfPrompt, Step, StepRecord, Task, TrainingSession
from tests.api.conftest import Api
from tests.support.clock import install
from tests.support.world import World, make_users

TODAY = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
D = date


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, TODAY)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


async def _task(client: str, title: str, steps: int, criterion: int) -> tuple[Any, list[Any]]:
    task = Task(
        client=client, title=title, mastery_sessions=criterion, created_at=now(), updated_at=now()
    )
    await task.save()
    ids = []
    for n in range(steps):
        step = Step(task=task.id, position=n + 1, text=f"Step {n + 1}", created_at=now())
        step.updated_at = now()
        await step.save()
        ids.append(step.id)
    return task.id, ids


async def _session(
    task: tuple[Any, list[Any]], coach: str, day: date, levels: list[str], *, dated: bool = True
) -> None:
    session = TrainingSession(
        client_uuid=uuid.uuid4(),
        task=task[0],
        coach=coach,
        started_at=_at(day),
        session_date=day if dated else None,
        created_at=now(),
    )
    await session.save()
    for step, level in zip(task[1], levels, strict=True):
        await StepRecord(session=session.id, step=step, level=level, recorded_at=_at(day)).save()


async def _tap(table: type[Any], client: str, task: tuple[Any, list[Any]], at: datetime) -> None:
    await table(
        client_uuid=uuid.uuid4(), task=task[0], step=task[1][0], user=client, at=at, received_at=at
    ).save()


async def _activity(
    author: str, clients: list[str], day: date, mode: str, minutes: int, purposes: str, **kw: Any
) -> None:
    row = Activity(
        client_uuid=uuid.uuid4(),
        author=author,
        with_whom="client",
        mode=mode,
        occurred_at=_at(day),
        minutes=minutes,
        purposes=purposes,
        created_at=now(),
        updated_at=now(),
        **kw,
    )
    await row.save()
    for client in clients:
        await ActivityClient(activity=row.id, client=client, occurred_at=_at(day)).save()


async def _goal(
    client: str,
    ends: date,
    client_rating: int | None,
    coach_rating: int | None,
    *,
    status: str = "ended",
    early: date | None = None,
) -> None:
    await Goal(
        client_uuid=uuid.uuid4(),
        client=client,
        title=f"Goal ending {ends}",
        starts_on=D(2026, 10, 1),
        ends_on=ends,
        status=status,
        client_rating=client_rating,
        coach_rating=coach_rating,
        ended_early_on=early,
        created_at=now(),
        updated_at=now(),
    ).save()


async def _week(
    plan: Any, monday: date, planned: tuple[int | None, int | None], coach: int, shift: int
) -> None:
    await FadingWeek(
        plan=plan,
        monday=monday,
        planned_tenths=planned[0],
        planned_percent=planned[1],
        coach_minutes=coach,
        shift_minutes=shift,
        closed_at=now(),
    ).save()


async def _organisation(w: World) -> dict[str, str]:
    await make_users(w, [("cara", "Cara Client", "client", None)])
    ada, ben = w.ids["coach"], w.ids["other_coach"]
    ids = {"alice": w.ids["client"], "bob": w.ids["other_client"], "cara": w.ids["cara"]}
    await create_record(ids["cara"], ada)
    for key, intake in (("alice", D(2026, 9, 1)), ("cara", D(2026, 10, 1)), ("bob", D(2026, 8, 1))):
        await Episode(
            client_uuid=uuid.uuid4(),
            client=ids[key],
            intake_on=intake,
            created_at=now(),
            updated_at=now(),
        ).save()
    ind, verbal = "independent", "verbal"
    towels = await _task(ids["alice"], "Fold towels", 2, 2)
    await _session(towels, ada, D(2026, 11, 2), [ind, verbal])
    await _session(towels, ada, D(2026, 11, 5), [ind, ind])
    await _session(towels, ada, D(2026, 11, 9), [ind, ind])
    returns = await _task(ids["cara"], "Shelve returns", 3, 3)
    await _session(returns, ada, D(2026, 10, 25), ["physical", "model", "gestural"])
    await _session(returns, ada, D(2026, 11, 10), [ind, verbal, verbal])
    scan = await _task(ids["bob"], "Scan returns", 1, 1)
    await _session(scan, ben, D(2026, 11, 12), [ind], dated=False)
    await refresh_every_task()
    await _tap(SelfPrompt, ids["alice"], towels, _at(D(2026, 11, 8)))
    await _tap(SelfPrompt, ids["alice"], towels, _at(D(2026, 11, 15)))
    await _tap(SelfPrompt, ids["alice"], towels, _at(D(2026, 11, 16)))
    await _tap(HelpRequest, ids["alice"], towels, _at(D(2026, 11, 20)))
    await _tap(HelpRequest, ids["bob"], scan, _at(D(2026, 11, 12), 9))
    await _tap(HelpRequest, ids["bob"], scan, _at(D(2026, 11, 13)))
    await _tap(SelfPrompt, ids["cara"], returns, _at(D(2026, 11, 14)))

    await _activity(ada, [ids["alice"]], D(2026, 11, 10), "workplace", 120, ",training,")
    await _activity(ada, [ids["alice"]], D(2026, 11, 12), "office", 60, ",job_search,")
    await _activity(ada, [ids["cara"]], D(2026, 11, 15), "phone", 30, ",follow_along,")
    await _activity(ada, [ids["cara"]], D(2026, 11, 16), "workplace", 60, ",training,", made=False)
    await _activity(
        ada, [ids["alice"], ids["cara"]], D(2026, 11, 20), "workplace", 60, ",training,"
    )
    await _activity(
        ben, [ids["bob"]], D(2026, 11, 4), "elsewhere", 90, ",employer_contact,training,"
    )

    await _goal(ids["alice"], D(2026, 11, 10), 1, 0)
    await _goal(ids["alice"], D(2026, 11, 20), 0, 0)
    await _goal(ids["alice"], D(2026, 12, 5), None, 1, early=D(2026, 11, 25))
    await _goal(ids["bob"], D(2026, 11, 15), 2, 1)
    await _goal(ids["cara"], D(2026, 10, 31), None, -2)
    await _goal(ids["cara"], D(2026, 11, 12), None, 2, status="cancelled")

    job = Job(
        client_uuid=uuid.uuid4(),
        client=ids["alice"],
        title="Laundry",
        start_date=D(2026, 10, 1),
        hours_per_week_tenths=200,
        created_at=now(),
        updated_at=now(),
    )
    await job.save()
    plan = FadingPlan(client=ids["alice"], job=job.id, zone="UTC", created_at=now())
    plan.updated_at = now()
    await plan.save()
    await _week(plan.id, D(2026, 10, 26), (50, None), 600, 1200)
    await _week(plan.id, D(2026, 11, 2), (50, None), 360, 1200)
    await _week(plan.id, D(2026, 11, 9), (None, 20), 120, 1200)
    await _week(plan.id, D(2026, 11, 16), (None, None), 100, 1200)
    await _week(plan.id, D(2026, 11, 23), (30, None), 0, 0)
    return ids


async def _figures(api: Api, who: str, query: str = "") -> dict[str, dict[str, Any]]:
    answer = await api.get(f"/api/outcomes{query}", as_=who)
    assert answer.status_code == 200, answer.text
    return {f["id"]: f for f in answer.json()["figures"]}


def _parts(figure: dict[str, Any]) -> dict[str, float]:
    return {p["key"]: p["value"] for p in figure["parts"]}


def _t(*ratings: int) -> float:
    """Kiresuk–Sherman with equal weights and ρ = 0.3, worked out again here."""
    n = len(ratings)
    return round(50 + 10 * sum(ratings) / math.sqrt(0.7 * n + 0.3 * n * n), 1)


async def _rows(api: Api, figure: str, who: str = "admin") -> list[dict[str, Any]]:
    answer = await api.get(f"/api/outcomes/{figure}/rows", as_=who)
    assert answer.status_code == 200, answer.text
    return list(answer.json())


async def test_independence_is_the_one_worked_out_by_hand(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    f = await _figures(world_api, "admin", "?zone=UTC")
    # Steps recorded in November: Alice 6 (5 on her own), Cara 3 (1), Bob 1 (1): 7 of 10.
    steps = f["steps_independent"]
    assert (steps["value"], steps["base"], steps["unit"]) == (70.0, 10, "percent")
    assert _parts(steps) == {"independent": 7, "verbal": 3}
    # Mastered in November: Alice's towels (3 sessions, 2 → 9 Nov: 7 days), Bob's scan (1, 0).
    assert (f["sessions_to_mastery"]["value"], f["sessions_to_mastery"]["base"]) == (2.0, 2)
    assert (f["days_to_mastery"]["value"], f["days_to_mastery"]["base"]) == (3.5, 2)
    # After mastery: Alice's self-prompts of 15 and 16 Nov and her help request of 20 Nov;
    # Bob's help request of 13 Nov. Alice's of 8 Nov and Bob's of 12 Nov 09:00 came before.
    after = f["after_mastery"]
    assert (after["value"], after["unit"]) == (4, "taps")
    assert _parts(after) == {"self_prompts": 2, "help_requests": 2}


async def test_coach_time_is_the_one_worked_out_by_hand(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    f = await _figures(world_api, "admin")
    # 240 + 90 + 90 minutes = 7 hours for 3 clients in 28 days: 7 / 3 / (28 / 30) = 2.5.
    hours = f["coach_hours_per_client"]
    assert (hours["value"], hours["base"], hours["unit"]) == (2.5, 3, "hours_per_client_month")
    # In the community: 120 + 60 + 60 (at work) + 90 (elsewhere) = 330 of 420 minutes.
    community = f["community_time"]
    assert community["value"] == round(100 * 330 / 420, 1) == 78.6
    assert _parts(community) == {"community": 5.5, "office": 1.0, "remote": 0.5}
    # By main purpose: training 120 + 60 + 60, job search 60, keeping in touch 30, Bob's 90
    # under employer contact (his activity's first purpose).
    purpose = f["time_by_purpose"]
    assert (purpose["value"], purpose["unit"]) == (7.0, "hours")
    assert [(p["kind"], p["key"], p["value"]) for p in purpose["parts"]] == [
        ("purpose", "job_search", 1.0),
        ("purpose", "employer_contact", 1.5),
        ("purpose", "training", 4.0),
        ("purpose", "follow_along", 0.5),
    ]
    # Weeks of 2 and 9 Nov: 480 of 2,400 shift minutes present, 300 + 240 planned.
    presence = f["coach_presence"]
    assert (presence["value"], presence["base"]) == (20.0, 1)
    assert _parts(presence) == {
        "planned": 22.5,
        "actual": 20.0,
        "planned_hours": 9.0,
        "actual_hours": 8.0,
    }


async def test_goal_attainment_is_the_one_worked_out_by_hand(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    f = await _figures(world_api, "admin")
    alice, bob = _t(0, 0, 1), _t(1)
    assert (alice, bob) == (54.6, 60.0)
    gas = f["gas_t_score"]
    assert (gas["value"], gas["base"], gas["unit"], gas["target"]) == (57.3, 2, "t_score", 50)
    # The clients' own ratings: Alice +1, 0 (the third not rated by her); Bob +2.
    assert (_t(1, 0), _t(2)) == (56.2, 70.0)
    assert _parts(gas) == {"coach": 57.3, "client": round((56.2 + 70.0) / 2, 1)}
    # October: Cara's goal, rated −2 by the coach.
    assert [p["value"] for p in gas["trend"]][-2:] == [_t(-2), 57.3]
    # Rated by both: Alice's of 10 Nov (+1 / 0) and 20 Nov (0 / 0), Bob's (+2 / +1).
    agree = f["gas_agreement"]
    assert (agree["value"], agree["base"]) == (33.3, 3)
    assert _parts(agree) == {"agree": 1, "client_higher": 2, "coach_higher": 0}


async def test_a_coordinator_sees_her_teams_figures(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    f = await _figures(world_api, "coordinator")
    # North: Alice and Cara. Steps: 6 of 9 on their own.
    assert (f["steps_independent"]["value"], f["steps_independent"]["base"]) == (66.7, 9)
    assert (f["sessions_to_mastery"]["value"], f["days_to_mastery"]["value"]) == (3.0, 7.0)
    assert f["after_mastery"]["value"] == 3
    # 330 minutes for 2 clients in 28 days: 5.5 / 2 / (28 / 30) = 2.946… → 2.9.
    assert f["coach_hours_per_client"]["value"] == 2.9
    assert f["community_time"]["value"] == round(100 * 240 / 330, 1)
    assert (f["gas_t_score"]["value"], f["gas_agreement"]["value"]) == (54.6, 50.0)
    ben = await _figures(world_api, "other_coach")
    assert (ben["gas_t_score"]["value"], ben["coach_presence"]["value"]) == (60.0, None)


async def test_each_figure_opens_the_clients_behind_it(world_api: Api) -> None:
    w = world_api.world
    assert w
    ids = await _organisation(w)

    def seen(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(r["name"], r["value"], r["detail"], r["counted"]) for r in rows]

    assert seen(await _rows(world_api, "steps_independent")) == [
        ("Alice Client", 83.3, "5/6", True),
        ("Bob Client", 100.0, "1/1", True),
        ("Cara Client", 33.3, "1/3", True),
    ]
    mastered = await _rows(world_api, "sessions_to_mastery")
    assert [(r["name"], r["day"], r["value"], r["detail"]) for r in mastered] == [
        ("Alice Client", "2026-11-09", 3, "Fold towels"),
        ("Bob Client", "2026-11-12", 1, "Scan returns"),
    ]
    assert [r["value"] for r in await _rows(world_api, "days_to_mastery")] == [7, 0]
    assert seen(await _rows(world_api, "after_mastery")) == [
        ("Alice Client", 3, "2,1", True),
        ("Bob Client", 1, "0,1", True),
    ]
    assert seen(await _rows(world_api, "coach_hours_per_client")) == [
        ("Alice Client", 4.0, "", True),
        ("Bob Client", 1.5, "", True),
        ("Cara Client", 1.5, "", True),
    ]
    assert seen(await _rows(world_api, "community_time")) == [
        ("Alice Client", 75.0, "4", True),
        ("Bob Client", 100.0, "1.5", True),
        ("Cara Client", 66.7, "1.5", True),
    ]
    assert seen(await _rows(world_api, "time_by_purpose")) == [
        ("Alice Client", 4.0, "training", True),
        ("Bob Client", 1.5, "employer_contact", True),
        ("Cara Client", 1.5, "training", True),
    ]
    assert seen(await _rows(world_api, "coach_presence")) == [("Alice Client", 20.0, "22.5", True)]
    assert seen(await _rows(world_api, "gas_t_score")) == [
        ("Alice Client", 54.6, "56.2", True),
        ("Bob Client", 60.0, "70", True),
    ]
    assert seen(await _rows(world_api, "gas_agreement")) == [
        ("Alice Client", 50.0, "1/2", False),
        ("Bob Client", 0.0, "0/1", False),
    ]
    # Only the clients the reader sees: Ben's caseload is Bob.
    assert [r["id"] for r in await _rows(world_api, "gas_t_score", "other_coach")] == [ids["bob"]]
    assert await _rows(world_api, "coach_presence", "other_coach") == []


async def test_the_names_and_definitions_come_in_each_language(world_api: Api) -> None:
    for language in ("en", "pl", "fi", "he"):
        answer = await world_api.get(f"/api/outcomes?language={language}", as_="admin")
        figures = {f["id"]: f for f in answer.json()["figures"]}
        for key in ("steps_independent", "gas_t_score", "time_by_purpose", "coach_presence"):
            figure = figures[key]
            assert figure["name"] and figure["definition"] and figure["rowsLabel"]
            assert not figure["name"].startswith("outcomes."), (language, key)
