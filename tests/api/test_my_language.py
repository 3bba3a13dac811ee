"""The texts the server writes speak the person's language: My data and its export for a
Polish, Finnish or Hebrew client (Hebrew right to left), and a suggested family update written
out for each reader in their own language — the client in hers, her father in his."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.api.conftest import Api
from tests.support import coaching, family, tasks
from tests.support.world import World


def _world(api: Api) -> World:
    assert api.world is not None
    return api.world


async def _speak(api: Api, as_: str, locale: str) -> None:
    """The person picks their language in the app (saved with them)."""
    answer = await api.patch("/api/me", as_=as_, json={"locale": locale})
    assert answer.status_code == 200, answer.text


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(s for s in data["sections"] if s["key"] == key)


@pytest.mark.parametrize(
    ("locale", "title", "description", "coach_column", "read"),
    [
        ("pl", "Twoja karta", "Twój etap w zatrudnieniu wspomaganym", "Trener pracy", "czytał"),
        ("fi", "Asiakastietosi", "Missä vaiheessa olet tuetussa", "Työvalmentaja", "luki"),
        ("he", "התיק שלך", "השלב שלך בתעסוקה נתמכת", "מלווה בעבודה", "קרא את התיק שלך"),
    ],
)
async def test_my_data_comes_in_the_persons_language(
    world_api: Api, locale: str, title: str, description: str, coach_column: str, read: str
) -> None:
    w = _world(world_api)
    await family.build_family(w)
    await world_api.get(f"/api/clients/{w.ids['client']}", as_="coach")  # a staff read
    await _speak(world_api, "client", locale)
    data = (await world_api.get("/api/me/data", as_="client")).json()
    assert data["locale"] == locale
    assert data["direction"] == ("rtl" if locale == "he" else "ltr")
    record = _section(data, "client_records")
    assert record["title"] == title
    assert str(record["description"]).startswith(description)
    assert record["rows"][0][coach_column] == "Ada Coach"
    account = _section(data, "users")["rows"][0]
    assert "client" not in account.values()  # her role in words, not the code
    assert read in data["views"][0]["what"]
    assert data["views"][0]["action"] == "client_read"  # the code stays, for the PWA


async def test_without_a_saved_language_the_browsers_language_counts(world_api: Api) -> None:
    w = _world(world_api)
    await family.build_family(w)
    finnish = await world_api.get(
        "/api/me/data", as_="client", headers={"Accept-Language": "fi-FI,fi;q=0.9,en;q=0.5"}
    )
    assert finnish.json()["locale"] == "fi"
    assert _section(finnish.json(), "users")["title"] == "Tilisi"
    assert "Accept-Language" in finnish.headers["vary"]
    german = await world_api.get("/api/me/data", as_="client", headers={"Accept-Language": "de"})
    assert german.json()["locale"] == "en"  # a language we do not ship: English
    assert _section(german.json(), "users")["title"] == "Your account"
    await _speak(world_api, "client", "pl")  # the saved language wins over the browser's
    polish = await world_api.get("/api/me/data", as_="client", headers={"Accept-Language": "fi"})
    assert polish.json()["locale"] == "pl"


def _page(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("index.html").decode()


async def test_the_export_page_is_in_hebrew_right_to_left(world_api: Api) -> None:
    w = _world(world_api)
    await family.build_family(w)
    await world_api.get(f"/api/clients/{w.ids['client']}", as_="coach")
    await _speak(world_api, "client", "he")
    answer = await world_api.get("/api/me/export", as_="client")
    assert answer.status_code == 200
    page = _page(answer.content)
    assert '<html lang="he" dir="rtl">' in page
    assert "<h1>כל מה ש-Stepwise שומר על Alice Client</h1>" in page
    assert "<h2>מי הסתכל בתיק שלך</h2>" in page
    # One sentence for what Ada did that day, the reading of the record among it.
    said = re.search(r"<li>(Ada Coach, המלווה התעסוקתי/ת שלך, [^<]*)</li>", page)
    assert said is not None and "את התיק שלך" in said[1], page
    assert re.search(r'<caption id="table-\d+">השלב שלך בתעסוקה נתמכת', page)  # a caption…
    assert '<th scope="col">מלווה בעבודה</th>' in page  # …and column headers in words
    assert any(f" {month} " in page for month in ("בנובמבר", "בדצמבר", "בינואר"))
    assert "Everything Stepwise holds" not in page and "Your record" not in page
    # data.json stays for computers: table and column names as stored.
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        data = json.loads(archive.read("data.json"))
    assert "coach" in data["tables"]["client_records"][0]


async def _export_page(api: Api, as_: str, locale: str) -> str:
    """The export's index.html of someone who speaks ``locale``."""
    await family.build_family(_world(api))
    await _speak(api, as_, locale)
    return _page((await api.get("/api/me/export", as_=as_)).content)


async def test_the_export_page_is_in_finnish_with_finnish_dates(world_api: Api) -> None:
    page = await _export_page(world_api, "client", "fi")
    assert '<html lang="fi" dir="ltr">' in page
    assert "<h1>Kaikki, mitä Stepwisessa on tallessa: Alice Client</h1>" in page
    assert "<h2>Perheesi Stepwisessa</h2>" in page
    assert " klo " in page and "kuuta 20" in page  # "23. marraskuuta 2026 klo 08.05 UTC"
    assert "<td>kyllä</td>" in page or "<td>ei</td>" in page  # true/false in words


async def test_the_export_page_is_in_polish_for_a_polish_family_member(world_api: Api) -> None:
    page = await _export_page(world_api, "family", "pl")
    assert '<html lang="pl" dir="ltr">' in page
    assert "<h1>Wszystko, co Stepwise ma o osobie Finn Family</h1>" in page
    assert "<h2>Twoja rodzina w Stepwise</h2>" in page
    assert '<th scope="col">Osoba z rodziny</th>' in page
    assert any(f" {m} 20" in page for m in ("listopada", "grudnia", "stycznia"))


async def _two_languages(api: Api, kind: str, *, client: str, father: str) -> World:
    """Alice shares ``kind`` with her father Finn; each speaks their own language."""
    w = _world(api)
    await family.build_family(w)
    await family.grant(w, kind)
    await _speak(api, "client", client)
    await _speak(api, "family", father)
    return w


async def test_a_suggestion_reads_in_each_readers_own_language(world_api: Api) -> None:
    """Alice reads Polish, her father Finn reads Finnish, her coach English: one suggestion,
    three languages; and the words she approved are the same message for all of them."""
    w = await _two_languages(world_api, "training", client="pl", father="fi")
    await tasks.build_tasks(w)
    task = w.ids["task"]
    for step in ("step", "step2"):
        await world_api.patch(
            f"/api/tasks/{task}/steps/{w.ids[step]}", as_="coach", json={"mastered": True}
        )
    mine = (await world_api.get(f"/api/clients/{w.ids['client']}/updates", as_="client")).json()
    suggestion = next(u for u in mine if u["source"] == f"task:{task}")
    assert suggestion["text"] == "Potrafię już samodzielnie wykonać zadanie „Set up the salad bar”."
    coach_view = (await world_api.get(f"/api/updates/{suggestion['id']}", as_="coach")).json()
    assert coach_view["text"] == "I can now do “Set up the salad bar” on my own."

    approved = await world_api.post(f"/api/updates/{suggestion['id']}/approve", as_="client")
    assert approved.json()["text"].startswith("Potrafię już")
    feed = (await world_api.get("/api/family/feed", as_="family")).json()["items"]
    shared = next(i for i in feed if i["id"] == suggestion["id"])
    assert shared["text"] == "Osaan nyt tehdä tehtävän ”Set up the salad bar” itse."
    one = (await world_api.get(f"/api/updates/{suggestion['id']}", as_="family")).json()
    assert one["text"] == shared["text"]

    # Her copy of her data holds it in her language.
    data = (await world_api.get("/api/me/data", as_="client")).json()
    texts = [str(row) for row in _section(data, "family_updates")["rows"]]
    assert any("Potrafię już samodzielnie" in t for t in texts)


async def test_a_suggestion_edited_into_new_words_reads_the_same_for_everyone(
    world_api: Api,
) -> None:
    w = await _two_languages(world_api, "goals", client="he", father="fi")
    await coaching.build_coaching(w)
    from backend.family import hooks
    from backend.goals import GoalEvaluated
    from backend.goals.tables import Goal

    goal = await Goal.select().where(Goal.id == w.ids["goal"]).first()
    assert goal is not None
    reached = GoalEvaluated(str(goal["id"]), str(goal["client"]), goal["title"], 1)
    update_id = await hooks.goal_evaluated(reached)
    assert update_id is not None
    hers = (await world_api.get(f"/api/updates/{update_id}", as_="client")).json()
    assert hers["text"] == "הגעתי למטרה שלי: „Arrive on time every day”."
    # Sent back as she was shown it: no change, still a message in every reader's language.
    await world_api.patch(f"/api/updates/{update_id}", as_="client", json={"text": hers["text"]})
    await world_api.post(f"/api/updates/{update_id}/approve", as_="client")
    finn = (await world_api.get(f"/api/updates/{update_id}", as_="family")).json()
    assert finn["text"] == "Saavutin tavoitteeni: ”Arrive on time every day”."
    # Her own words: now the same for everyone.
    await world_api.patch(
        f"/api/updates/{update_id}", as_="client", json={"text": "הגעתי בזמן כל יום!"}
    )
    finn = (await world_api.get(f"/api/updates/{update_id}", as_="family")).json()
    assert finn["text"] == "הגעתי בזמן כל יום!"


async def test_the_export_page_writes_times_on_the_readers_clock(world_api: Api) -> None:
    """The app sends the phone's time zone: a coach's read at 08:05 UTC shows as 10:05 in
    Jerusalem in winter; data.json keeps the instant in UTC for computers. Without a zone the
    page says UTC; a zone that is not one is refused, naming the field."""
    w = _world(world_api)
    await family.build_family(w)
    await world_api.get(f"/api/clients/{w.ids['client']}", as_="coach")

    def on_the_page(content: bytes) -> tuple[str, datetime]:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            data = json.loads(archive.read("data.json"))
            page = archive.read("index.html").decode()
        return page, datetime.fromisoformat(data["recordViews"][0]["at"])

    answer = await world_api.get("/api/me/export?zone=Asia/Jerusalem", as_="client")
    assert answer.status_code == 200, answer.text
    page, read = on_the_page(answer.content)
    local = read.astimezone(ZoneInfo("Asia/Jerusalem"))
    assert read.utcoffset() == timedelta(0)  # data.json: UTC
    assert f"<td>{local.day} " in page
    assert f", {local:%H:%M} Asia/Jerusalem</td>" in page
    assert " UTC" not in page

    page, read = on_the_page((await world_api.get("/api/me/export", as_="client")).content)
    assert f", {read:%H:%M} UTC</td>" in page and "Asia/Jerusalem" not in page

    for zone in ("Mars/Olympus", "../etc/passwd", ""):
        bad = await world_api.get(f"/api/me/export?zone={zone}", as_="client")
        assert bad.status_code == 400, zone
        assert bad.json()["errors"][0]["field"] == "query.zone"
