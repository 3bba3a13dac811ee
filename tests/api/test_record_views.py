""" "Who looked at your record": entries grouped per person and day into one
plain sentence in the reader's language, a few days a page, newest first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backend.audit.services import record
from backend.privacy import views
from tests.api.conftest import Api
from tests.support.clock import FakeClock, install
from tests.support.world import World

FINNISH = {"Accept-Language": "fi-FI,fi;q=0.9"}


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, datetime(2026, 12, 5, 9, 0, tzinfo=UTC))


def _world(api: Api) -> World:
    assert api.world is not None
    return api.world


async def test_a_busy_afternoon_is_one_sentence_per_person_and_day_in_finnish(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _world(world_api)
    alice = w.ids["client"]
    # Ada, Alice's coach, opens her page again and again one afternoon: dozens of entries.
    for _ in range(10):
        for part in ("tasks", "goals", "shifts"):
            got = await world_api.get(f"/api/clients/{alice}/{part}", as_="coach")
            assert got.status_code == 200, got.text
            fake_clock.advance(minutes=1)
    # She moves on to another day; the administrator reads the record the same day.
    fake_clock.set(datetime(2026, 12, 6, 8, 0, tzinfo=UTC))
    assert (await world_api.get(f"/api/clients/{alice}", as_="admin")).status_code == 200
    await world_api.patch(f"/api/clients/{alice}", as_="coach", json={"stage": "profiling"})

    page = await world_api.get("/api/me/views?zone=Europe/Helsinki", as_="client", headers=FINNISH)
    assert page.status_code == 200, page.text
    body = page.json()
    assert body["locale"] == "fi" and body["earlier"] is None
    sentences = [g["sentence"] for g in body["groups"]]
    assert sentences == [
        "Ada Coach, työvalmentajasi, muutti tietojasi — 6. joulukuuta 2026",
        "Ann Admin, organisaatiosi ylläpitäjä, katsoi tietojasi — 6. joulukuuta 2026",
        "Ada Coach, työvalmentajasi, katsoi tehtäviäsi, tavoitteitasi ja työaikojasi"
        " — 5. joulukuuta 2026",
    ]
    afternoon = body["groups"][2]
    assert afternoon["count"] == 30 and afternoon["day"] == "2026-12-05"
    assert afternoon["actions"] == ["tasks_listed", "goals_read", "shifts_read"]
    # No internal name is left in any language.
    for sentence in sentences:
        assert "_" not in sentence and "read" not in sentence


async def test_the_days_are_the_readers_days(world_api: Api, fake_clock: FakeClock) -> None:
    w = _world(world_api)
    # 23:30 in UTC on 5 December is already 6 December in Helsinki.
    fake_clock.set(datetime(2026, 12, 5, 23, 30, tzinfo=UTC))
    await world_api.get(f"/api/clients/{w.ids['client']}/goals", as_="coach")
    helsinki = (await world_api.get("/api/me/views?zone=Europe/Helsinki", as_="client")).json()
    utc = (await world_api.get("/api/me/views", as_="client")).json()
    assert helsinki["groups"][0]["sentence"] == (
        "Ada Coach, your job coach, looked at your goals — 6 December 2026"
    )
    assert utc["groups"][0]["day"] == "2026-12-05"


async def test_the_list_comes_a_few_whole_days_at_a_time_newest_first(
    world_api: Api, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = _world(world_api)
    # Small batches, so that a page needs several reads of the log and a day spans two.
    monkeypatch.setattr(views, "BATCH", 4)
    for day in range(1, 11):
        for hour in (8, 9, 10):
            fake_clock.set(datetime(2026, 11, day, hour, 0, tzinfo=UTC))
            await record("goals_read", actor=w.ids["coach"], subject=w.ids["client"])
    # Alice's own actions are not "someone else looking".
    await record("client_read", actor=w.ids["client"], subject=w.ids["client"])
    first = (await world_api.get("/api/me/views", as_="client")).json()
    days = [g["day"] for g in first["groups"]]
    assert days == [f"2026-11-{d:02d}" for d in range(10, 3, -1)]
    assert all(g["count"] == 3 for g in first["groups"])
    assert first["earlier"] is not None
    second = (await world_api.get(f"/api/me/views?before={first['earlier']}", as_="client")).json()
    assert [g["day"] for g in second["groups"]] == ["2026-11-03", "2026-11-02", "2026-11-01"]
    assert all(g["count"] == 3 for g in second["groups"]) and second["earlier"] is None


async def test_bad_paging_input_is_named(world_api: Api) -> None:
    bad_zone = await world_api.get("/api/me/views?zone=Mars/Olympus", as_="client")
    assert bad_zone.status_code == 400
    assert bad_zone.json()["errors"][0]["field"] == "query.zone"
    bad_before = await world_api.get("/api/me/views?before=yesterday", as_="client")
    assert bad_before.status_code == 400
    assert bad_before.json()["errors"][0]["field"] == "query.before"


async def test_the_export_says_the_same_sentences_in_the_readers_language(
    world_api: Api, fake_clock: FakeClock
) -> None:
    import io
    import json
    import zipfile

    w = _world(world_api)
    alice = w.ids["client"]
    for part in ("tasks", "goals", "tasks"):
        await world_api.get(f"/api/clients/{alice}/{part}", as_="coach")
    archive = await world_api.get(
        "/api/me/export?zone=Europe/Helsinki", as_="client", headers=FINNISH
    )
    assert archive.status_code == 200
    files = zipfile.ZipFile(io.BytesIO(archive.content))
    page = files.read("index.html").decode()
    sentence = "Ada Coach, työvalmentajasi, katsoi tehtäviäsi ja tavoitteitasi — 5. joulukuuta 2026"
    assert sentence in page
    assert "tasks listed" not in page and "goals read" not in page
    data = json.loads(files.read("data.json"))
    assert [g["sentence"] for g in data["recordViewsInWords"]] == [sentence]
    assert {v["what"] for v in data["recordViews"]} == {"katsoi tehtäviäsi", "katsoi tavoitteitasi"}


async def test_a_family_member_reads_who_changed_his_account(world_api: Api) -> None:
    w = _world(world_api)
    await world_api.post(
        f"/api/people/{w.ids['family']}/recovery", as_="coach", json={"delivery": "link"}
    )
    page = (await world_api.get("/api/me/views", as_="family")).json()
    assert [g["sentence"].split(" — ")[0] for g in page["groups"]] == [
        "Ada Coach, job coach, made a new sign-in link for you"
    ]
