"""The figures of work and keeping it on a small hand-made organisation, each right answer worked
out here by hand (docs/outcomes.md, "Jobs and retention"). The clock stands on Saturday 28
November 2026: figures "on the day" are taken on 28 November, "in the period" count 1–28 November.

Team North (coach Ada): Alice, Cara, Dan, Eve. Team South (coach Ben): Bob. The administrator
sets the legal minimum at 12.00 EUR an hour.

Clients (intake, situation then) and their jobs (start – end, hours a week, pay an hour):

- Alice (1 Sep 2026, out of work): Kitchen porter 10 Aug – 31 Oct 2026 (moved job), 15 h;
  Dishwasher at Green Café (sector Food) from 1 Nov, 20 h, 12.50 EUR, all four answers yes;
  Trial day 3 – 3 Nov (no reason given), 4 h.
- Cara (3 Nov 2026, out of work): Temp 5 – 12 Nov (contract ended), 3 h; Shelf filler at Book
  Hall (Retail) from 17 Nov, 10 h, 11.00 EUR, "below the minimum" answered no.
- Dan (10 Nov 2026, out of work): Leaflets from 20 Nov, no hours, pay or answers recorded.
- Eve (1 Jun 2025, in work): Cook at Port Kitchen ("food ") from 10 Nov 2025, 30 h, 15.00 USD,
  "open to anyone" and "alongside others" answered yes, the others not.
- Bob (1 Aug 2025, out of work): Cleaner 20 Nov 2025 – 30 Jun 2026, 15 h; Gardener 20 May –
  30 Sep 2026 (contract ended), 10 h; Stacker 1 Oct – 13 Nov 2026 (quit), 10 h.

Opportunities: Alice's (idea 20 Oct; contacted 3 Nov, applied 10 Nov, interview 15 Nov); Cara's
(contacted 5 Nov, applied 6 Nov, offer 12 Nov, started 17 Nov); Bob's (idea 2 Nov); Dan's
(applied 20 Oct, nothing in November).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from backend.clients import create_record
from backend.employers.tables import Employer, Job
from backend.journey.tables import Episode
from backend.lib.clock import now
from backend.opportunities.tables import Opportunity, OpportunityStep
from tests.api.conftest import Api
from tests.support.clock import install
from tests.support.world import World, make_users

TODAY = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
D = date


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, TODAY)


async def _episode(client: str, intake: date, *, in_work: bool = False) -> None:
    await Episode(
        client_uuid=uuid.uuid4(),
        client=client,
        intake_on=intake,
        in_paid_work=in_work,
        created_at=now(),
        updated_at=now(),
    ).save()


async def _employer(name: str, sector: str) -> Any:
    row = Employer(
        client_uuid=uuid.uuid4(), name=name, sector=sector, created_at=now(), updated_at=now()
    )
    await row.save()
    return row.id


async def _job(
    client: str,
    title: str,
    start: date,
    end: date | None = None,
    *,
    tenths: int | None = None,
    employer: Any = None,
    pay: int | None = None,
    currency: str = "EUR",
    answers: tuple[bool | None, ...] = (None, None, None, None),
    reason: str = "",
) -> None:
    await Job(
        client_uuid=uuid.uuid4(),
        client=client,
        employer=employer,
        title=title,
        start_date=start,
        end_date=end,
        end_reason=reason,
        hours_per_week_tenths=tenths,
        hourly_pay_cents=pay,
        currency=currency,
        at_least_minimum_wage=answers[0],
        open_to_anyone=answers[1],
        same_pay_as_others=answers[2],
        alongside_others=answers[3],
        created_at=now(),
        updated_at=now(),
    ).save()


async def _opportunity(client: str, title: str, steps: list[tuple[str, date]]) -> None:
    row = Opportunity(
        client_uuid=uuid.uuid4(),
        client=client,
        job_title=title,
        step=steps[-1][0],
        step_on=steps[-1][1],
        created_at=now(),
        updated_at=now(),
    )
    await row.save()
    for position, (step, day) in enumerate(steps):
        await OpportunityStep(
            client_uuid=uuid.uuid4(),
            opportunity=row.id,
            step=step,
            taken_on=day,
            position=position,
            created_at=now(),
        ).save()


async def _organisation(w: World) -> dict[str, str]:
    await make_users(
        w,
        [
            ("cara", "Cara Client", "client", None),
            ("dan", "Dan Client", "client", None),
            ("eve", "Eve Client", "client", None),
        ],
    )
    ids = {k: w.ids[k] for k in ("cara", "dan", "eve")}
    ids |= {"alice": w.ids["client"], "bob": w.ids["other_client"]}
    for key in ("cara", "dan", "eve"):
        await create_record(ids[key], w.ids["coach"])
    await _episode(ids["alice"], D(2026, 9, 1))
    await _episode(ids["cara"], D(2026, 11, 3))
    await _episode(ids["dan"], D(2026, 11, 10))
    await _episode(ids["eve"], D(2025, 6, 1), in_work=True)
    await _episode(ids["bob"], D(2025, 8, 1))
    cafe = await _employer("Green Café", "Food")
    books = await _employer("Book Hall", "Retail")
    port = await _employer("Port Kitchen", "food ")
    alice, cara, dan, eve, bob = (ids[k] for k in ("alice", "cara", "dan", "eve", "bob"))
    await _job(
        alice, "Kitchen porter", D(2026, 8, 10), D(2026, 10, 31), tenths=150, reason="moved_job"
    )
    yes = (True, True, True, True)
    await _job(
        alice, "Dishwasher", D(2026, 11, 1), tenths=200, employer=cafe, pay=1250, answers=yes
    )
    await _job(alice, "Trial day", D(2026, 11, 3), D(2026, 11, 3), tenths=40)
    await _job(cara, "Temp", D(2026, 11, 5), D(2026, 11, 12), tenths=30, reason="contract_ended")
    await _job(
        cara,
        "Shelf filler",
        D(2026, 11, 17),
        tenths=100,
        employer=books,
        pay=1100,
        answers=(False, True, True, True),
    )
    await _job(dan, "Leaflets", D(2026, 11, 20))
    await _job(
        eve,
        "Cook",
        D(2025, 11, 10),
        tenths=300,
        employer=port,
        pay=1500,
        currency="USD",
        answers=(None, True, None, True),
    )
    await _job(bob, "Cleaner", D(2025, 11, 20), D(2026, 6, 30), tenths=150)
    await _job(bob, "Gardener", D(2026, 5, 20), D(2026, 9, 30), tenths=100, reason="contract_ended")
    await _job(bob, "Stacker", D(2026, 10, 1), D(2026, 11, 13), tenths=100, reason="quit")
    await _opportunity(
        alice,
        "Barista",
        [
            ("idea", D(2026, 10, 20)),
            ("contacted", D(2026, 11, 3)),
            ("applied", D(2026, 11, 10)),
            ("interview", D(2026, 11, 15)),
        ],
    )
    await _opportunity(
        cara,
        "Shelf filler",
        [
            ("contacted", D(2026, 11, 5)),
            ("applied", D(2026, 11, 6)),
            ("offer", D(2026, 11, 12)),
            ("started", D(2026, 11, 17)),
        ],
    )
    await _opportunity(bob, "Gardens", [("idea", D(2026, 11, 2))])
    await _opportunity(dan, "Post room", [("applied", D(2026, 10, 20))])
    return ids


async def _set_minimum(api: Api, cents: int | None = 1200, currency: str = "EUR") -> None:
    answer = await api.request(
        "PUT", "/api/minimum-wage", json={"hourlyCents": cents, "currency": currency}, as_="admin"
    )
    assert answer.status_code == 200, answer.text


async def _figures(api: Api, who: str, query: str = "") -> dict[str, dict[str, Any]]:
    answer = await api.get(f"/api/outcomes{query}", as_=who)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["start"], body["end"], body["asOf"]) == ("2026-11-01", "2026-11-30", "2026-11-28")
    return {f["id"]: f for f in body["figures"]}


def _parts(figure: dict[str, Any]) -> dict[str, float]:
    return {p["key"]: p["value"] for p in figure["parts"]}


def _value(figure: dict[str, Any]) -> tuple[Any, Any]:
    return figure["value"], figure["base"]


async def _rows(api: Api, indicator: str, who: str = "admin") -> list[dict[str, Any]]:
    answer = await api.get(f"/api/outcomes/{indicator}/rows", as_=who)
    assert answer.status_code == 200, answer.text
    rows: list[dict[str, Any]] = answer.json()
    return rows


async def test_the_figures_of_work_are_the_ones_worked_out_by_hand(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    await _set_minimum(world_api)
    f = await _figures(world_api, "admin")
    # Out of work at intake and in support: Alice, Cara, Dan (each a job on 28 Nov, Dan's of
    # unrecorded hours counts too) and Bob (none since 13 Nov). Eve came in work.
    assert _value(f["employment_rate"]) == (75.0, 4)
    assert _parts(f["employment_rate"]) == {"in_work": 3, "not_in_work": 1}
    # Taken in during November: Cara (3 Nov → Shelf filler 17 Nov: 14 days; the 3-hour Temp is
    # not a job start) and Dan (Leaflets has no hours recorded: still waiting).
    assert _value(f["days_to_job"]) == (14.0, 2)
    assert _parts(f["days_to_job"]) == {"in_work": 1, "waiting": 1}
    # Going on on 28 Nov: Dishwasher (all yes), Shelf filler (a "no"), Leaflets and Cook (not
    # known): 1 of the 2 known.
    assert _value(f["competitive_integrated"]) == (50.0, 2)
    assert _parts(f["competitive_integrated"]) == {"yes": 1, "no": 1, "unknown": 2}
    # Hours recorded: 20, 10 and 30 → 20; Leaflets apart.
    assert _value(f["job_hours"]) == (20.0, 3)
    assert _parts(f["job_hours"]) == {"with_hours": 3, "no_hours": 1}
    # 12.50 ≥ 12.00, 11.00 < 12.00; Leaflets without pay; Cook paid in USD.
    assert _value(f["paid_minimum"]) == (50.0, 2)
    assert (f["paid_minimum"]["target"], f["paid_minimum"]["unit"]) == (100, "percent")
    assert _parts(f["paid_minimum"]) == {
        "at_least": 1,
        "below": 1,
        "no_pay": 1,
        "other_currency": 1,
    }
    # Green Café, Book Hall, Port Kitchen; four titles; "Food" and "food " are one sector.
    assert _value(f["job_variety"]) == (3, None)
    assert _parts(f["job_variety"]) == {"jobs": 4, "employers": 3, "titles": 4, "sectors": 2}
    # 52 weeks in November: Bob's Cleaner (20 Nov 2025 → 19 Nov; Gardener, then Stacker to
    # 13 Nov, then nothing: not kept) and Eve's Cook (10 Nov 2025 → 9 Nov: kept).
    assert _value(f["retention_52"]) == (50.0, 2)
    # 90 days: Alice's Kitchen porter (10 Aug → 8 Nov): ended 31 Oct, Dishwasher from 1 Nov.
    assert _value(f["retention_90d"]) == (100.0, 1)
    # 180 days: Bob's Gardener (20 May → 16 Nov): Stacker from 1 Oct ended 13 Nov.
    assert _value(f["retention_180d"]) == (0.0, 1)
    # Ended 1–28 Nov: Trial day (no reason: other), Temp (contract ended), Stacker (quit).
    assert _value(f["job_endings"]) == (3, None)
    assert _parts(f["job_endings"]) == {"quit": 1, "contract_ended": 1, "other": 1}
    # Alice's, Cara's and Bob's moved in November; Dan's did not.
    assert _value(f["opportunity_funnel"]) == (3, None)
    assert _parts(f["opportunity_funnel"]) == {
        "idea": 1,
        "contacted": 2,
        "applied": 2,
        "interview": 1,
        "offer": 1,
        "started": 1,
    }


async def test_without_a_minimum_set_there_is_no_pay_figure(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    f = await _figures(world_api, "admin")
    assert _value(f["paid_minimum"]) == (None, 0)
    assert _parts(f["paid_minimum"]) == {"no_pay": 1}


async def test_the_trend_counts_each_month_on_its_own(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    f = await _figures(world_api, "admin")
    # June: Cleaner ended 30 Jun; September: Gardener, 30 Sep; October: Kitchen porter, 31 Oct.
    assert [p["value"] for p in f["job_endings"]["trend"]] == [1, 0, 0, 1, 1, 3]
    # Going on on 31 Oct: Kitchen porter (15 h), Cook (30 h), Stacker (10 h).
    assert f["job_hours"]["trend"][-2]["value"] == 18.3


async def test_a_coach_sees_the_same_figures_for_his_caseload(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    ada = await _figures(world_api, "coach")
    assert _value(ada["employment_rate"]) == (100.0, 3)
    assert _value(ada["job_endings"]) == (2, None)
    # Alice's idea was in October: no idea this month in Ada's caseload.
    assert _value(ada["opportunity_funnel"]) == (2, None)
    assert _parts(ada["opportunity_funnel"]) == {
        "contacted": 2,
        "applied": 2,
        "interview": 1,
        "offer": 1,
        "started": 1,
    }
    ben = await _figures(world_api, "other_coach")
    assert _value(ben["employment_rate"]) == (0.0, 1)
    assert _value(ben["retention_52"]) == (0.0, 1)
    assert _value(ben["opportunity_funnel"]) == (1, None)


async def test_each_figure_opens_the_clients_and_jobs_behind_it(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    await _set_minimum(world_api)

    def seen(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(r["name"], r["day"], r["detail"], r["value"], r["counted"]) for r in rows]

    assert seen(await _rows(world_api, "employment_rate")) == [
        ("Alice Client", "2026-09-01", "Dishwasher", None, True),
        ("Bob Client", "2025-08-01", "", None, False),
        ("Cara Client", "2026-11-03", "Shelf filler", None, True),
        ("Dan Client", "2026-11-10", "Leaflets", None, True),
    ]
    assert seen(await _rows(world_api, "days_to_job")) == [
        ("Cara Client", "2026-11-03", "Shelf filler", 14, True),
        ("Dan Client", "2026-11-10", "", None, False),
    ]
    assert seen(await _rows(world_api, "competitive_integrated")) == [
        ("Alice Client", "2026-11-01", "Dishwasher", 1, True),
        ("Cara Client", "2026-11-17", "Shelf filler", 0, False),
        ("Dan Client", "2026-11-20", "Leaflets", None, False),
        ("Eve Client", "2025-11-10", "Cook", None, False),
    ]
    assert [(r["name"], r["value"]) for r in await _rows(world_api, "job_hours")] == [
        ("Alice Client", 20),
        ("Cara Client", 10),
        ("Dan Client", None),
        ("Eve Client", 30),
    ]
    assert [
        (r["name"], r["value"], r["counted"]) for r in await _rows(world_api, "paid_minimum")
    ] == [
        ("Alice Client", 12.5, True),
        ("Cara Client", 11, False),
        ("Dan Client", None, False),
        ("Eve Client", 15, False),
    ]
    assert [(r["name"], r["detail"]) for r in await _rows(world_api, "job_variety")] == [
        ("Alice Client", "Green Café"),
        ("Cara Client", "Book Hall"),
        ("Dan Client", "Leaflets"),
        ("Eve Client", "Port Kitchen"),
    ]
    assert seen(await _rows(world_api, "retention_52")) == [
        ("Bob Client", "2026-11-19", "Cleaner", None, False),
        ("Eve Client", "2026-11-09", "Cook", None, True),
    ]
    assert seen(await _rows(world_api, "retention_90d")) == [
        ("Alice Client", "2026-11-08", "Kitchen porter", None, True)
    ]
    assert seen(await _rows(world_api, "retention_180d")) == [
        ("Bob Client", "2026-11-16", "Gardener", None, False)
    ]
    assert [(r["name"], r["day"], r["detail"]) for r in await _rows(world_api, "job_endings")] == [
        ("Alice Client", "2026-11-03", "other"),
        ("Bob Client", "2026-11-13", "quit"),
        ("Cara Client", "2026-11-12", "contract_ended"),
    ]
    funnel = await _rows(world_api, "opportunity_funnel")
    assert [(r["name"], r["day"], r["detail"]) for r in funnel] == [
        ("Alice Client", "2026-11-15", "interview"),
        ("Bob Client", "2026-11-02", "idea"),
        ("Cara Client", "2026-11-17", "started"),
    ]
    # Only the clients the reader may see: team South's coach sees Bob's rows alone.
    assert [r["name"] for r in await _rows(world_api, "job_endings", "other_coach")] == [
        "Bob Client"
    ]


async def test_the_rows_of_a_job_figure_come_a_page_at_a_time(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    names: list[str] = []
    path: str | None = "/api/outcomes/competitive_integrated/rows?limit=3"
    while path is not None:
        answer = await world_api.get(path, as_="admin")
        assert answer.status_code == 200
        names += [r["name"] for r in answer.json()]
        link = answer.headers.get("link")
        path = link[1 : link.index(">")] if link else None
    assert names == ["Alice Client", "Cara Client", "Dan Client", "Eve Client"]


async def test_the_administrator_sets_the_minimum_wage(world_api: Api) -> None:
    assert (await world_api.get("/api/minimum-wage", as_="coach")).json()["hourlyCents"] is None
    await _set_minimum(world_api, 1250, "PLN")
    answer = await world_api.get("/api/minimum-wage", as_="coordinator")
    assert answer.status_code == 200
    assert (answer.json()["hourlyCents"], answer.json()["currency"]) == (1250, "PLN")
    refused = await world_api.request(
        "PUT", "/api/minimum-wage", json={"hourlyCents": 1, "currency": "EUR"}, as_="coordinator"
    )
    assert refused.status_code == 403
    await _set_minimum(world_api, None)
    assert (await world_api.get("/api/minimum-wage", as_="admin")).json()["hourlyCents"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"hourlyCents": 1200, "currency": "euro"}, "body.currency"),
        ({"hourlyCents": 0, "currency": "EUR"}, "body.hourlyCents"),
        ({"hourlyCents": -5}, "body.hourlyCents"),
    ],
)
async def test_a_bad_minimum_names_its_field(
    world_api: Api, body: dict[str, Any], field: str
) -> None:
    answer = await world_api.request("PUT", "/api/minimum-wage", json=body, as_="admin")
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["field"] == field


async def test_the_new_figures_have_words_in_each_language(world_api: Api) -> None:
    for language in ("en", "pl", "fi", "he"):
        answer = await world_api.get(f"/api/outcomes?language={language}", as_="admin")
        figures = {f["id"]: f for f in answer.json()["figures"]}
        for indicator in ("employment_rate", "paid_minimum", "opportunity_funnel"):
            assert figures[indicator]["name"] and figures[indicator]["definition"]
            assert not figures[indicator]["name"].startswith("outcomes.")
