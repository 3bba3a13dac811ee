"""The handover pack in the browser: the client sees exactly what a reader will see and shares
three of the eight sections; a co-worker opens the link in a fresh browser without an account,
sees those three only, and sends two-tap feedback, which the coach reads; the client ends the
link and the next request says plainly that it has ended; the feedback reaches the coach's page
of the client and the client's home, without the reader's name. Axe on every new screen, the
public page, the client's home and page with the feedback included, in English and Hebrew at
320 px."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import Person, a_job_at_a_new_hotel
from tests.e2e.test_accessibility import AXE, TEXT_SIZES, WIDTH, _check
from tests.support.photos import phone_jpeg

SHARED = ("My tasks here, step by step", "Why I use my phone at work", "My job coach")
EIGHT = (
    "About me",
    "How I learn and how to help me",
    *SHARED,
    "What we agreed to make work easier",
    "Who helps me at work",
    "If something goes wrong",
)


def _shown(text: str) -> re.Pattern[str]:
    """The text as the screen shows it: names may sit in Unicode bidi isolates."""
    return re.compile("[\u2068\u2069]*".join(re.escape(c) for c in text))


def _job_with_a_task(coach: Person, client: Account) -> dict[str, Any]:
    """The client's job at a hotel (made by the coach through the API, a set-up step) and a photo
    task of two steps made for that job, with one training session recorded."""
    tag, job = a_job_at_a_new_hotel(coach, client.id)
    title = f"Fold the towels {tag}"
    task = coach.api(
        "POST", f"/api/clients/{client.id}/tasks", {"title": title, "jobId": job["id"]}
    )
    for text in ("Take a towel from the basket.", "Fold it in three."):
        task = coach.api("POST", f"/api/tasks/{task['id']}/steps", {"text": text})
    for index, step in enumerate(task["steps"]):
        coach.upload(
            f"/api/tasks/{task['id']}/steps/{step['id']}/photo",
            phone_jpeg(800, 600, 6, 80),
            f"step{index + 1}.jpg",
            "image/jpeg",
        )
    coach.api(
        "POST",
        f"/api/tasks/{task['id']}/sessions",
        {
            "localId": str(uuid.uuid4()),
            "startedAt": "2026-11-20T09:00:00+00:00",
            "records": [
                {"stepId": task["steps"][0]["id"], "level": "independent"},
                {"stepId": task["steps"][1]["id"], "level": "verbal"},
            ],
        },
    )
    return {"job": job["id"], "task": title, "employer": f"Hotel {tag}"}


def test_the_client_shares_three_sections_a_co_worker_reads_them_and_the_link_ends(
    org: Organisation,
    fresh_client: Account,
    new_person: PersonFactory,
    browser: Browser,
    server: Server,
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    made = _job_with_a_task(coach, fresh_client)

    # The client opens what they share at work from "More", and the job's pack.
    client = new_person(account=fresh_client, width=390, height=844)
    page = client.page
    page.goto("/")
    client.nav("What I share at work")
    expect(client.heading()).to_have_text("What I share at work")
    page.get_by_role("link", name="Kitchen assistant").click()
    expect(client.heading()).to_have_text("Handover pack")
    # Every section is previewed as the reader will see it; nothing is shared yet.
    for heading in EIGHT:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_text(made["task"], exact=True)).to_be_visible()
    expect(page.get_by_text("Fold it in three. (with a word)")).to_be_visible()
    expect(page.get_by_text("0 of 8 sections are shared.")).to_be_visible()
    for heading in SHARED:
        switch = page.get_by_role("switch", name=f"Share “{heading}”")
        switch.click()
        expect(switch).to_be_checked()
    expect(page.get_by_text("3 of 8 sections are shared.")).to_be_visible()

    # A link for a co-worker: shown once, with its QR code.
    page.get_by_label("Who is it for?").fill("Kim")
    page.get_by_label("Their role at work (optional)").fill("co-worker")
    page.get_by_role("button", name="Make a link").click()
    expect(page.get_by_text("A link for Kim is ready.")).to_be_visible()
    expect(page.get_by_role("img", name="QR code of the link for Kim")).to_be_visible()
    url = page.get_by_label("The link", exact=True).input_value()
    assert "/h/" in url

    # The co-worker's phone: a fresh browser, no account, no Stepwise.
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    try:
        reader = context.new_page()
        response = reader.goto(url)
        assert response is not None and response.status == 200
        assert "noindex" in response.headers["x-robots-tag"]
        headings = reader.get_by_role("heading", level=2).all_inner_texts()
        assert headings == list(SHARED)
        expect(reader.get_by_text("Fold it in three. (with a word)")).to_be_visible()
        expect(reader.get_by_text("About me")).to_have_count(0)
        # Two taps: the task's feedback, "needed help with step 2".
        reader.get_by_role("group", name=f"How did “{made['task']}” go?").get_by_role(
            "button", name="Needed help with step 2"
        ).click()
        expect(reader.get_by_role("status")).to_have_text(
            "Thank you. The coach and the worker will see it."
        )

        # The coach reads it on the client's job.
        coach.page.goto(f"/jobs/{made['job']}")
        coach.page.get_by_role("link", name="Handover pack for the workplace").click()
        feedback = coach.page.get_by_role("region", name="What readers said")
        expect(feedback).to_contain_text(f"Kim: Needed help with step 2 of “{made['task']}”")

        # The client sees who looked, then ends the link at once.
        page.reload()
        expect(page.get_by_role("region", name="Who looked")).to_contain_text("Kim")
        page.get_by_role("button", name="End this link: Kim").click()
        expect(page.get_by_text("Ended ")).to_be_visible()
        ended = reader.goto(url)
        assert ended is not None and ended.status == 410
        expect(reader.get_by_role("heading", level=1)).to_have_text(
            "This link has ended. Its page is no longer shared."
        )

        # The feedback reaches the coach's page of the client and the client's home, in plain
        # words, without the reader's name.
        said = _shown(
            f"Someone at {made['employer']} said: needed help with step 2 of “{made['task']}”"
        )
        coach.page.goto(f"/clients/{fresh_client.id}")
        expect(coach.heading()).to_have_text(fresh_client.name)
        on_record = coach.page.get_by_role("region", name="From work")
        expect(on_record).to_contain_text(said)
        expect(on_record).not_to_contain_text("Kim")
        on_record.get_by_role("link", name="See the handover pack").click()
        expect(coach.heading()).to_have_text("Handover pack")
        page.goto("/")
        at_home = page.get_by_role("region", name="From work")
        expect(at_home).to_contain_text(said)
        expect(at_home).not_to_contain_text("Kim")
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "he"])
def test_the_handover_screens_and_the_page_pass_axe_at_320_px(
    language: str,
    org: Organisation,
    fresh_client: Account,
    new_person: PersonFactory,
    browser: Browser,
    server: Server,
) -> None:
    coach = new_person(account=org.coach)
    made = _job_with_a_task(coach, fresh_client)
    base = f"/api/clients/{fresh_client.id}/jobs/{made['job']}/handover"
    client_api = new_person(account=fresh_client)
    for section in ("tasks", "how_i_learn", "coach"):
        client_api.api(
            "PUT",
            f"{base}/sections/{section}/consent",
            {"localId": str(uuid.uuid4()), "granted": True},
        )
    link = coach.api("POST", f"{base}/links", {"localId": str(uuid.uuid4()), "readerName": "Kim"})
    pack = f"/clients/{fresh_client.id}/jobs/{made['job']}/handover"
    # The reader first (their feedback then shows on the client's home and page).
    screens: list[tuple[Account | None, list[str]]] = [
        (None, [link["url"]]),
        (fresh_client, ["/handover", pack, "/"]),
        (org.coach, [pack, f"/clients/{fresh_client.id}"]),
    ]
    problems: list[str] = []
    for account, paths in screens:
        viewer = Person.open(
            browser,
            server.url,
            account=account,
            locale="he-IL" if language == "he" else "en-GB",
            width=WIDTH,
            height=720,
            bypass_csp=True,  # only so axe can be injected as a script
        )
        try:
            page = viewer.page
            for path in paths:
                page.evaluate("document.documentElement.style.fontSize = ''")
                page.goto(path)
                expect(page.get_by_role("heading", level=1)).to_be_visible()
                page.wait_for_function("() => !document.querySelector('.loading')")
                expect(page.locator("html")).to_have_attribute(
                    "dir", "rtl" if language == "he" else "ltr"
                )
                page.add_script_tag(path=AXE)
                if path in ("/", f"/clients/{fresh_client.id}"):
                    expect(page.locator("#from-work-title")).to_be_visible()
                for size in TEXT_SIZES:
                    page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
                    page.wait_for_timeout(50)
                    problems += _check(page, f"{path} [{language}, {size}]")
                if account is None:  # two taps: "It went well"
                    page.evaluate("document.documentElement.style.fontSize = ''")
                    page.locator('button[name="kind"][value="well"]').first.click()
                    expect(page.get_by_role("status")).to_be_visible()
        finally:
            viewer.close()
    assert not problems, "\n".join(problems)
