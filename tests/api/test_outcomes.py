"""The coordinator's figures on a small hand-made organisation, each right answer worked out
here by hand (docs/outcomes.md states the rules). The clock stands on Saturday 28 November 2026,
so November so far is 28 days, four weeks.

Team North (coordinator Cora, coach Ada): Alice, Cara, Dan, Eve in support; Gus, whose support
closed on 31 October, keeps working. Team South (coach Ben): Bob.

| client | intake | stage going on (since) | what happened |
|---|---|---|---|
| Alice | 1 Sep | job finding (1 Sep; target 60) | contact 10 Nov; talk 5 Nov; 2-hour job 5 Nov |
| Cara | 1 Oct | engagement (1 Oct; target 30) | a missed call, a family visit; job 12–30 Oct |
| Dan | 3 Nov | engagement (3 Nov) | employer contact for him 8 Nov (5 days) |
| Eve | 10 Nov | profiling (10 Nov) | no employer contact yet |
| Gus | 1 Jun – 31 Oct | — | job 17 Aug – 30 Sep, the next from 1 Oct, another 6-hour one 2 Nov |
| Bob | 1 Aug | support (1 Aug; no target) | contact by phone 1 Nov; conversation 15 Oct |

Employer contacts in November: Ada 8 Nov at the workplace and 9 Nov by phone (and a missed
one); Ben 4 Nov by phone and 6 Nov at the office.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from backend.activities.tables import Activity, ActivityClient
from backend.clients import create_record
from backend.employers.tables import Job
from backend.goals.tables import Conversation, QuestionSet
from backend.journey.tables import Episode, StagePeriod, StageTarget
from backend.lib.clock import now
from backend.lib.paging import cursor_of
from tests.api.conftest import Api
from tests.support.clock import install
from tests.support.world import World, make_users

TODAY = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, TODAY)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


async def _episode(client: str, intake: date, closed: date | None = None) -> Any:
    row = Episode(
        client_uuid=uuid.uuid4(),
        client=client,
        intake_on=intake,
        closed_on=closed,
        created_at=now(),
        updated_at=now(),
    )
    await row.save()
    return row.id


async def _stage(client: str, episode: Any, stage: str, since: date) -> None:
    await StagePeriod(
        client_uuid=uuid.uuid4(),
        episode=episode,
        client=client,
        stage=stage,
        started_on=since,
        created_at=now(),
        updated_at=now(),
    ).save()


async def _activity(
    author: str,
    clients: list[str],
    day: date,
    *,
    whom: str = "client",
    made: bool = True,
    mode: str = "office",
    purposes: str = ",training,",
) -> None:
    row = Activity(
        client_uuid=uuid.uuid4(),
        author=author,
        with_whom=whom,
        mode=mode,
        made=made,
        occurred_at=_at(day),
        purposes=purposes,
        created_at=now(),
        updated_at=now(),
    )
    await row.save()
    for client in clients:
        await ActivityClient(activity=row.id, client=client, occurred_at=_at(day)).save()


async def _employer_contact(author: str, clients: list[str], day: date, **kw: Any) -> None:
    await _activity(
        author, clients, day, whom="employer_person", purposes=",employer_contact,", **kw
    )


async def _job(client: str, start: date, end: date | None, tenths: int, title: str) -> None:
    await Job(
        client_uuid=uuid.uuid4(),
        client=client,
        title=title,
        start_date=start,
        end_date=end,
        hours_per_week_tenths=tenths,
        created_at=now(),
        updated_at=now(),
    ).save()


async def _conversation(client: str, coach: str, held: date, questions: Any) -> None:
    await Conversation(
        client_uuid=uuid.uuid4(),
        client=client,
        coach=coach,
        question_set=questions,
        held_on=held,
        status="ended",
        started_at=_at(held),
    ).save()


D = date


async def _organisation(w: World) -> dict[str, str]:
    await make_users(
        w,
        [
            ("cara", "Cara Client", "client", None),
            ("dan", "Dan Client", "client", None),
            ("eve", "Eve Client", "client", None),
            ("gus", "Gus Client", "client", None),
        ],
    )
    ids = {k: w.ids[k] for k in ("cara", "dan", "eve", "gus")}
    ids |= {"alice": w.ids["client"], "bob": w.ids["other_client"]}
    ada, ben = w.ids["coach"], w.ids["other_coach"]
    for key in ("cara", "dan", "eve", "gus"):
        await create_record(ids[key], ada)
    for stage, days in (("engagement", 30), ("job_finding", 60)):
        await StageTarget(stage=stage, days=days, updated_at=now()).save()
    for key, intake, stage, closed in (
        ("alice", D(2026, 9, 1), "job_finding", None),
        ("cara", D(2026, 10, 1), "engagement", None),
        ("dan", D(2026, 11, 3), "engagement", None),
        ("eve", D(2026, 11, 10), "profiling", None),
        ("gus", D(2026, 6, 1), "support", D(2026, 10, 31)),
        ("bob", D(2026, 8, 1), "support", None),
    ):
        episode = await _episode(ids[key], intake, closed)
        await _stage(ids[key], episode, stage, intake)
    await _activity(ada, [ids["alice"]], D(2026, 11, 10))
    await _activity(ada, [ids["cara"]], D(2026, 11, 15), made=False, mode="phone")
    await _activity(ada, [ids["cara"]], D(2026, 11, 12), whom="family")
    await _activity(ben, [ids["bob"]], D(2026, 11, 1), mode="phone")
    await _employer_contact(ada, [ids["dan"]], D(2026, 11, 8), mode="workplace")
    await _employer_contact(ada, [ids["alice"]], D(2026, 11, 9), mode="phone")
    await _employer_contact(ada, [ids["alice"]], D(2026, 11, 12), mode="phone", made=False)
    await _employer_contact(ben, [ids["bob"]], D(2026, 11, 4), mode="phone")
    await _employer_contact(ben, [ids["bob"]], D(2026, 11, 6), mode="office")
    await _job(ids["alice"], D(2026, 11, 5), None, 20, "Dishes, two hours")
    await _job(ids["cara"], D(2026, 10, 12), D(2026, 10, 30), 100, "Shelving")
    await _job(ids["gus"], D(2026, 8, 17), D(2026, 9, 30), 100, "Kitchen porter")
    await _job(ids["gus"], D(2026, 10, 1), None, 200, "Cook's assistant")
    await _job(ids["gus"], D(2026, 11, 2), None, 60, "Weekend bakery")
    questions = QuestionSet(version=1, status="published", created_at=now(), updated_at=now())
    await questions.save()
    await _conversation(ids["alice"], ada, D(2026, 11, 5), questions.id)
    await _conversation(ids["bob"], ben, D(2026, 10, 15), questions.id)
    return ids


async def _figures(api: Api, who: str, query: str = "") -> dict[str, dict[str, Any]]:
    answer = await api.get(f"/api/outcomes{query}", as_=who)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["start"], body["end"], body["asOf"]) == ("2026-11-01", "2026-11-30", "2026-11-28")
    return {f["id"]: f for f in body["figures"]}


def _parts(figure: dict[str, Any]) -> dict[str, float]:
    return {p["label"] or p["key"]: p["value"] for p in figure["parts"]}


async def test_the_organisations_figures_are_the_ones_worked_out_by_hand(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    f = await _figures(world_api, "admin", "?zone=UTC")
    # In support on 28 Nov: Alice, Cara, Dan, Eve (Ada) and Bob (Ben); Gus's closed on 31 Oct.
    assert (f["caseload"]["value"], f["caseload"]["target"]) == (2.5, 20)
    assert _parts(f["caseload"]) == {"Ada Coach": 4, "Ben Coach": 1}
    assert f["by_stage"]["value"] == 5
    assert _parts(f["by_stage"]) == {
        "engagement": 2,
        "profiling": 1,
        "job_finding": 1,
        "support": 1,
    }
    # Alice: 88 days of job finding (60); Cara: 58 days of engagement (30); Dan: 25 of 30.
    assert (f["past_target"]["value"], f["past_target"]["base"]) == (2, 5)
    # Taken in by 29 Oct: Alice, Cara, Bob. Cara had a missed call and a family visit only.
    assert (f["no_contact_30"]["value"], f["no_contact_30"]["base"]) == (1, 3)
    # A conversation on 29 Oct … 28 Nov: Alice only (Bob's was on 15 Oct): 1 of 5.
    assert (f["conversation_coverage"]["value"], f["conversation_coverage"]["base"]) == (20.0, 5)
    # Four contacts made by two coaches in four weeks; two of them face to face.
    assert f["employer_contacts"]["value"] == 0.5
    assert f["employer_contacts_face"]["value"] == 0.25
    # Taken in during November: Dan (5 days) and Eve (waiting).
    days = f["days_to_employer_contact"]
    assert (days["value"], days["base"]) == (5.0, 2)
    assert _parts(days) == {"contacted": 1, "waiting": 1}
    # Gus's 6-hour job of 2 Nov; Alice's 2-hour job is not a job start.
    assert f["job_starts"]["value"] == 1
    # Four weeks on in November: Cara's job of 12 Oct (ended 30 Oct, none after): not kept.
    assert (f["retention_4"]["value"], f["retention_4"]["base"]) == (0.0, 1)
    # Thirteen weeks on 16 Nov: Gus's job of 17 Aug ended 30 Sep, the next began 1 Oct: kept.
    assert (f["retention_13"]["value"], f["retention_13"]["base"]) == (100.0, 1)
    assert (f["retention_26"]["value"], f["retention_26"]["base"]) == (None, 0)


async def test_each_figure_has_six_months_of_trend_oldest_first(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    f = await _figures(world_api, "admin")
    trend = f["by_stage"]["trend"]
    assert [p["start"] for p in trend] == [f"2026-{m:02}-01" for m in range(6, 12)]
    # In support on each month's last day: Gus from June (closed 31 Oct), Bob from August,
    # Alice from September, Cara from October, Dan and Eve in November.
    assert [p["value"] for p in trend] == [1, 1, 2, 3, 3, 5]
    assert trend[-1]["end"] == "2026-11-30"


async def test_a_coordinator_sees_her_team_and_a_coach_his_caseload(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    north = await _figures(world_api, "coordinator")
    assert north["caseload"]["value"] == 4.0
    assert north["employer_contacts"]["value"] == 0.5  # Ada's two, one coach, four weeks
    assert north["employer_contacts_face"]["value"] == 0.25
    assert north["no_contact_30"]["value"] == 1
    ben = await _figures(world_api, "other_coach")
    assert (ben["caseload"]["value"], ben["no_contact_30"]["value"]) == (1.0, 0)
    assert ben["employer_contacts_face"]["value"] == 0.25
    answer = await world_api.get("/api/outcomes", as_="other_coach")
    assert [c["kind"] for c in answer.json()["choices"]] == ["coach"]


async def test_a_figure_opens_the_clients_behind_it(world_api: Api) -> None:
    w = world_api.world
    assert w
    ids = await _organisation(w)
    answer = await world_api.get("/api/outcomes/no_contact_30/rows", as_="coordinator")
    assert answer.status_code == 200, answer.text
    assert [(r["id"], r["name"], r["day"]) for r in answer.json()] == [
        (ids["cara"], "Cara Client", None)
    ]
    empty = await world_api.get("/api/outcomes/no_contact_30/rows", as_="other_coach")
    assert empty.json() == []
    jobs = await world_api.get("/api/outcomes/job_starts/rows", as_="admin")
    assert [(r["name"], r["day"], r["detail"]) for r in jobs.json()] == [
        ("Gus Client", "2026-11-02", "Weekend bakery")
    ]
    contacts = await world_api.get("/api/outcomes/employer_contacts_face/rows", as_="admin")
    assert [(r["kind"], r["day"], r["detail"]) for r in contacts.json()] == [
        ("activity", "2026-11-08", "workplace"),
        ("activity", "2026-11-06", "office"),
    ]


async def test_the_rows_come_a_page_at_a_time(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    names: list[str] = []
    path: str | None = "/api/outcomes/by_stage/rows?limit=2"
    while path is not None:
        answer = await world_api.get(path, as_="admin")
        assert answer.status_code == 200
        names += [r["name"] for r in answer.json()]
        link = answer.headers.get("link")
        path = link[1 : link.index(">")] if link else None
    assert names == ["Alice Client", "Bob Client", "Cara Client", "Dan Client", "Eve Client"]
    contacts: list[str] = []
    path = "/api/outcomes/employer_contacts/rows?limit=3"
    while path is not None:
        answer = await world_api.get(path, as_="admin")
        contacts += [r["day"] for r in answer.json()]
        link = answer.headers.get("link")
        path = link[1 : link.index(">")] if link else None
    assert contacts == ["2026-11-09", "2026-11-08", "2026-11-06", "2026-11-04"]


@pytest.mark.parametrize(
    ("who", "query"),
    [
        ("coordinator", "?scope=organisation"),
        ("coordinator", "?scope=team&id={South}"),
        ("coordinator", "?scope=coach&id={other_coach}"),
        ("coach", "?scope=coach&id={other_coach}"),
        ("coach", "?scope=team&id={North}"),
        ("client", ""),
        ("family", ""),
        ("mentor", ""),
    ],
)
async def test_figures_out_of_reach_are_refused(world_api: Api, who: str, query: str) -> None:
    w = world_api.world
    assert w
    path = "/api/outcomes" + query.format(**w.ids, **w.teams)
    assert (await world_api.get(path, as_=who)).status_code == 403
    rows = "/api/outcomes/caseload/rows" + query.format(**w.ids, **w.teams)
    assert (await world_api.get(rows, as_=who)).status_code == 403


async def test_an_administrator_picks_a_team_or_a_coach(world_api: Api) -> None:
    w = world_api.world
    assert w
    await _organisation(w)
    south = await _figures(world_api, "admin", f"?scope=team&id={w.teams['South']}")
    assert south["caseload"]["value"] == 1.0
    ada = await _figures(world_api, "admin", f"?scope=coach&id={w.ids['coach']}")
    assert ada["caseload"]["value"] == 4.0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?month=2026-13", "query.month"),
        ("?start=2026-11-01", "query.start"),
        ("?start=2026-11-10&end=2026-11-01", "query.start"),
        ("?month=2027-01", "query.start"),
        ("?zone=Mars/Olympus", "query.zone"),
        ("?scope=team", "query.id"),
    ],
)
async def test_a_bad_period_names_its_field(world_api: Api, query: str, field: str) -> None:
    answer = await world_api.get(f"/api/outcomes{query}", as_="admin")
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["field"] == field


async def test_an_unknown_figure_is_not_found(world_api: Api) -> None:
    answer = await world_api.get("/api/outcomes/happiness/rows", as_="admin")
    assert answer.status_code == 404


async def test_a_chosen_period_compares_with_the_same_days_before(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    answer = await world_api.get("/api/outcomes?start=2026-11-01&end=2026-11-14", as_="admin")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["asOf"] == "2026-11-14"
    job_starts = next(f for f in body["figures"] if f["id"] == "job_starts")
    assert [(p["start"], p["end"]) for p in job_starts["trend"]][-2:] == [
        ("2026-10-18", "2026-10-31"),
        ("2026-11-01", "2026-11-14"),
    ]
    # 18–31 Oct: no job of 4 hours began (Gus's of 1 Oct is before it).
    assert [p["value"] for p in job_starts["trend"]][-2:] == [0, 1]


@pytest.mark.parametrize(
    "key",
    [["not a time", "x"], ["2026-11-08T10:00:00", str(uuid.uuid4())], ["x"]],
)
async def test_a_cursor_this_list_did_not_give_is_refused(world_api: Api, key: list[str]) -> None:
    cursor = cursor_of("outcome-rows:employer_contacts", key)
    answer = await world_api.get(
        f"/api/outcomes/employer_contacts/rows?cursor={cursor}", as_="admin"
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["field"] == "query.cursor"


async def test_a_contact_before_the_clients_own_intake_is_not_theirs(world_api: Api) -> None:
    """Eve was taken in on 10 Nov: a contact for her on 5 Nov (after Dan's intake) is not her
    first one; that is on 14 Nov, 4 days on. The median of Dan's 5 and Eve's 4 is 4.5."""
    w = world_api.world
    assert w
    ids = await _organisation(w)
    await _employer_contact(w.ids["coach"], [ids["eve"]], D(2026, 11, 5), mode="phone")
    await _employer_contact(w.ids["coach"], [ids["eve"]], D(2026, 11, 14), mode="phone")
    f = await _figures(world_api, "admin")
    assert (f["days_to_employer_contact"]["value"], f["days_to_employer_contact"]["base"]) == (
        4.5,
        2,
    )


async def test_a_coordinator_without_a_team_has_no_figures(world_api: Api) -> None:
    w = world_api.world
    assert w
    await make_users(w, [("lone", "Lone Coordinator", "coordinator", None)])
    assert (await world_api.get("/api/outcomes", as_="lone")).status_code == 403


async def test_the_names_and_definitions_come_in_the_language_asked(world_api: Api) -> None:
    answer = await world_api.get("/api/outcomes?language=fi", as_="admin")
    figure = next(f for f in answer.json()["figures"] if f["id"] == "no_contact_30")
    assert figure["name"] == "Ei yhteyttä 30 päivään"
    assert "ei pelkkä yritys" in figure["definition"]
    answer = await world_api.get("/api/outcomes", as_="admin", headers={"accept-language": "he"})
    assert answer.json()["figures"][0]["name"] == "לקוחות לכל מלווה"
