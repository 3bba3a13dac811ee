"""The handover pack over HTTP: consent per section decides what a link's page shows, links are
unguessable, limited, never indexed and end at once, every view is logged, feedback lands once.
(tests/support/handover.py builds Alice's pack: "tasks" and "phone" shared, a link for Sam.)"""

from __future__ import annotations

import re
import uuid

import pytest

from backend.audit.tables import AuditEvent
from backend.handover import public
from backend.handover.tables import HandoverConsent, HandoverFeedback, HandoverLink
from tests.api.conftest import Api
from tests.support.handover import build_handover

H = "/api/clients/{client}/jobs/{job}/handover"


def new_id() -> str:
    return str(uuid.uuid4())


async def _pack(world_api: Api) -> dict[str, str]:
    assert world_api.world is not None
    await build_handover(world_api.world)
    ids = world_api.world.ids
    return {**ids, "base": H.format(**ids)}


async def _consent(world_api: Api, base: str, section: str, granted: bool) -> None:
    response = await world_api.request(
        "PUT",
        f"{base}/sections/{section}/consent",
        as_="client",
        json={"localId": new_id(), "granted": granted},
    )
    assert response.status_code == 200, response.text


async def test_the_page_shows_only_the_sections_shared_now(world_api: Api) -> None:
    ids = await _pack(world_api)
    page = await world_api.get(f"/h/{ids['handover_token']}?lang=en")
    assert page.status_code == 200
    html = page.text
    assert "My tasks here, step by step" in html and "Set up the salad bar" in html
    assert "Why I use my phone at work" in html
    assert "Who helps me at work" not in html and "About me" not in html
    assert "client" not in re.findall(r"<h1>(.*?)</h1>", html)[0]  # no name without "about me"
    # The preview names every section, and which are shared.
    preview = (await world_api.get(ids["base"], as_="client")).json()
    assert [s["key"] for s in preview["sections"] if s["shared"]] == ["tasks", "phone"]
    assert len(preview["sections"]) == 8
    # Withdrawn: gone from the page at once.
    await _consent(world_api, ids["base"], "phone", False)
    html = (await world_api.get(f"/h/{ids['handover_token']}?lang=en")).text
    assert "Why I use my phone at work" not in html


async def test_all_consent_withdrawn_leaves_nothing_personal(world_api: Api) -> None:
    ids = await _pack(world_api)
    await world_api.request(
        "PUT", f"{ids['base']}/sections/if_wrong/words", as_="coach", json={"words": "Call Ada."}
    )
    for section in ("tasks", "phone"):
        await _consent(world_api, ids["base"], section, False)
    page = await world_api.get(f"/h/{ids['handover_token']}?lang=en")
    assert page.status_code == 200
    assert "nothing to show" in page.text
    for personal in ("salad", "Call Ada", "Hotel Aurora", "client", "<form"):
        assert personal not in page.text
    photo = await world_api.get(
        f"/h/{ids['handover_token']}/photos/{ids['photo']}/{ids['photo_file']}"
    )
    assert photo.status_code == 404


async def test_consent_is_recorded_with_who_when_and_wording(world_api: Api) -> None:
    ids = await _pack(world_api)
    local = new_id()
    for _ in range(2):  # a retry lands once
        response = await world_api.request(
            "PUT",
            f"{ids['base']}/sections/about_me/consent",
            as_="client",
            json={"localId": local, "granted": True, "locale": "he"},
        )
        assert response.status_code == 200
    rows = await HandoverConsent.select().where(HandoverConsent.section == "about_me")
    assert len(rows) == 1
    assert rows[0]["granted"] and rows[0]["actor_role"] == "client"
    assert rows[0]["text_version"] == 1 and rows[0]["locale"] == "he" and rows[0]["at"]
    logged = await AuditEvent.select().where(AuditEvent.action == "handover_consent")
    assert logged and logged[-1]["subject"] == ids["client"]
    refused = await world_api.request(
        "PUT",
        f"{ids['base']}/sections/about_me/consent",
        as_="coach",
        json={"localId": new_id(), "granted": False},
    )
    assert refused.status_code == 403


async def test_a_link_is_unguessable_and_its_token_is_kept_hashed(world_api: Api) -> None:
    ids = await _pack(world_api)
    made = await world_api.post(
        f"{ids['base']}/links",
        as_="client",
        json={"localId": new_id(), "readerName": "Kim", "readerRole": "co-worker"},
    )
    assert made.status_code == 201
    body = made.json()
    token = body["url"].rsplit("/h/", 1)[1]
    assert len(token) >= 43  # 256 bits of base64url; ≥ 128 asked for
    assert body["qrSvg"].startswith("<svg")
    stored = await HandoverLink.select(HandoverLink.token_hash).where(
        HandoverLink.id == body["link"]["id"]
    )
    assert stored[0]["token_hash"] != token and token not in str(stored)
    # A token one character off is nobody's page.
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert (await world_api.get(f"/h/{wrong}")).status_code == 404
    assert (await world_api.get("/h/short")).status_code == 404


async def test_the_page_is_never_indexed_nor_referred(world_api: Api) -> None:
    ids = await _pack(world_api)
    for path in (
        f"/h/{ids['handover_token']}",
        f"/h/{ids['handover_token']}/photos/{ids['photo']}/{ids['photo_file']}",
        "/h/" + "x" * 43,
    ):
        response = await world_api.get(path)
        assert "noindex" in response.headers["x-robots-tag"], path
        assert response.headers.get_list("referrer-policy") == ["no-referrer"], path
        csp = response.headers.get_list("content-security-policy")
        assert len(csp) == 1 and "script-src" not in csp[0] and "default-src 'none'" in csp[0]
    html = (await world_api.get(f"/h/{ids['handover_token']}")).text
    assert '<meta name="robots" content="noindex' in html
    assert '<meta name="referrer" content="no-referrer">' in html
    assert "<script" not in html and "http" not in html.replace("http-equiv", "")


async def test_the_page_speaks_the_readers_language(world_api: Api) -> None:
    ids = await _pack(world_api)
    token = ids["handover_token"]
    he = await world_api.get(f"/h/{token}", headers={"accept-language": "he-IL,he;q=0.9"})
    assert '<html lang="he" dir="rtl">' in he.text
    fi = await world_api.get(f"/h/{token}?lang=fi", headers={"accept-language": "he"})
    assert '<html lang="fi" dir="ltr">' in fi.text and "Tehtäväni" in fi.text


async def test_an_ended_link_says_so_and_its_photos_stop(world_api: Api) -> None:
    ids = await _pack(world_api)
    token = ids["handover_token"]
    photo = f"/h/{token}/photos/{ids['photo']}/{ids['photo_file']}"
    assert (await world_api.get(photo)).status_code == 200
    ended = await world_api.post(f"{ids['base']}/links/{ids['handover_link']}/end", as_="client")
    assert ended.status_code == 200 and ended.json()["endedAt"]
    page = await world_api.get(f"/h/{token}?lang=en")
    assert page.status_code == 410 and "This link has ended" in page.text
    assert (await world_api.get(photo)).status_code == 410
    sent = await world_api.request(
        "POST",
        f"/h/{token}/feedback",
        csrf=False,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert sent.status_code == 410


async def test_a_link_is_rate_limited(world_api: Api) -> None:
    ids = await _pack(world_api)
    statuses = [
        (await world_api.get(f"/h/{ids['handover_token']}")).status_code
        for _ in range(public.PER_LINK.per_minute + 1)
    ]
    assert statuses[:-1] == [200] * public.PER_LINK.per_minute
    assert statuses[-1] == 429


async def test_every_view_is_logged_and_the_client_sees_who_looked(world_api: Api) -> None:
    ids = await _pack(world_api)
    for lang in ("en", "pl"):
        await world_api.get(f"/h/{ids['handover_token']}?lang={lang}")
    views = (await world_api.get(f"{ids['base']}/views", as_="client")).json()
    assert [(v["readerName"], v["language"]) for v in views] == [("Sam", "pl"), ("Sam", "en")]
    pack = (await world_api.get(ids["base"], as_="client")).json()
    assert pack["links"][0]["views"] == 2 and pack["links"][0]["lastViewAt"]


def _nonce(html: str) -> str:
    found = re.search(r'name="nonce" value="([^"]+)"', html)
    assert found
    return found.group(1)


async def test_feedback_lands_once_and_reaches_coach_and_client(
    world_api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await _pack(world_api)
    told: list[tuple[list[str], str]] = []

    async def fake_send(user_ids: list[str], kind: str) -> int:
        told.append((user_ids, kind))
        return len(user_ids)

    monkeypatch.setattr(public, "send_now_to", fake_send)
    token = ids["handover_token"]
    nonce = _nonce((await world_api.get(f"/h/{token}?lang=en")).text)
    form = {"nonce": nonce, "task": "Set up the salad bar", "step": "2"}
    for _ in range(2):  # the same button of the same page, twice: one feedback
        sent = await world_api.client.post(f"/h/{token}/feedback", data=form)
        assert sent.status_code == 303 and sent.headers["location"].endswith("sent=1")
    well = await world_api.client.post(
        f"/h/{token}/feedback", data={"nonce": nonce, "kind": "well"}
    )
    assert well.status_code == 303
    assert await HandoverFeedback.count() == 2
    for who in ("client", "coach"):
        rows = (await world_api.get(f"{ids['base']}/feedback", as_=who)).json()
        assert [(r["kind"], r["taskTitle"], r["step"], r["readerName"]) for r in rows] == [
            ("well", "", None, "Sam"),
            ("help", "Set up the salad bar", 2, "Sam"),
        ]
    assert told == [([ids["client"], ids["coach"]], "handover_feedback")] * 2
    thanks = await world_api.get(f"/h/{token}?lang=en&sent=1")
    assert "Thank you" in thanks.text


async def test_the_task_cards_show_the_current_level_of_independence(world_api: Api) -> None:
    ids = await _pack(world_api)
    pack = (await world_api.get(ids["base"] + "?lang=en", as_="coach")).json()
    tasks = next(s for s in pack["sections"] if s["key"] == "tasks")
    card = tasks["cards"][0]
    assert card["title"] == "Set up the salad bar"
    assert [(s["position"], s["level"], s["levelWords"]) for s in card["steps"]] == [
        (1, "verbal", "with a word"),
        (2, None, ""),
    ]
    assert card["steps"][0]["photo"].startswith("/api/photos/")
    html = (await world_api.get(f"/h/{ids['handover_token']}?lang=en")).text
    assert f"/h/{ids['handover_token']}/photos/{ids['photo']}/" in html
    assert 'loading="lazy"' in html and "/api/" not in html


async def test_a_link_for_a_person_of_the_jobs_employer(world_api: Api) -> None:
    ids = await _pack(world_api)
    staff = (await world_api.get(ids["base"], as_="coach")).json()
    assert [(p["name"], p["role"]) for p in staff["people"]] == [("Sam", "supervisor")]
    assert (await world_api.get(ids["base"], as_="client")).json()["people"] == []
    made = await world_api.post(
        f"{ids['base']}/links",
        as_="coach",
        json={"localId": new_id(), "readerName": "-", "employerPersonId": ids["person"]},
    )
    assert made.status_code == 201
    assert (made.json()["link"]["readerName"], made.json()["link"]["readerRole"]) == (
        "Sam",
        "supervisor",
    )
    other = await world_api.post(
        f"{ids['base']}/links",
        as_="coach",
        json={"localId": new_id(), "readerName": "-", "employerPersonId": ids["employer"]},
    )
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "body.employerPersonId"


async def test_the_pack_reads_the_job_analysis_and_the_fading_plan(world_api: Api) -> None:
    from tests.support.workplace import build_analysis

    ids = await _pack(world_api)
    assert world_api.world is not None
    await build_analysis(world_api.world)
    plan = await world_api.request(
        "PUT",
        f"/api/clients/{ids['client']}/jobs/{ids['job']}/fading",
        as_="coach",
        json={
            "localId": new_id(),
            "zone": "Europe/Helsinki",
            "steps": [
                {"fromDate": "2026-11-02", "coachHoursPerWeek": 10},
                {"fromDate": "2026-11-30", "coachHoursPerWeek": 4},
            ],
        },
    )
    assert plan.status_code == 201, plan.text
    page = f"/h/{ids['handover_token']}?lang=en"
    html = (await world_api.get(page)).text
    # Not shared yet: the analysis's words stay out.
    assert "Written task list" not in html and "The order of the morning" not in html
    for section in ("adjustments", "who_helps", "coach"):
        await _consent(world_api, ids["base"], section, True)
    html = (await world_api.get(page)).text
    assert "Written task list" in html  # an agreed adjustment of the analysis
    assert "Sam" in html and "The order of the morning" in html  # the natural support
    assert re.search(r"\b4\b[^<]*hours?", html), "the fading plan's step"
