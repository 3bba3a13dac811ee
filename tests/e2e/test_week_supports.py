"""A natural support due for review on the coach's week, on a phone: the coach finds it on
/week (asking for more clients while the session's organisation has many), opens the job's
analysis from it, marks it reviewed with the next review day, and the week no longer lists it.
Axe on the week with the support and on the analysis' review form, in English and Hebrew at
320 px."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import Person, a_job_at_a_new_hotel, page_through_week
from tests.e2e.test_accessibility import AXE, TEXT_SIZES, WIDTH, _check

OVERDUE = "2026-11-16"
"""Before any week the session's server lives in: the support is overdue, so on every week."""


def _shown(text: str) -> re.Pattern[str]:
    """The text as the screen shows it: names may sit in Unicode bidi isolates."""
    return re.compile("[\u2068\u2069]*".join(re.escape(c) for c in text))


def _support_due(coach: Person, client: Account) -> dict[str, Any]:
    """The client's job (a set-up step through the API) and a natural support of its analysis
    whose review day has passed."""
    tag, job = a_job_at_a_new_hotel(coach, client.id)
    name = f"Rita {tag}"
    coach.api(
        "POST",
        f"/api/jobs/{job['id']}/analysis/supports",
        {
            "localId": str(uuid.uuid4()),
            "name": name,
            "role": "cook",
            "helpsWith": "Breaks",
            "reviewOn": OVERDUE,
        },
    )
    return {"job": job["id"], "name": name}


def _find_on_week(page: Page, link_name: re.Pattern[str], everyone: bool = False) -> None:
    """Ask for more clients until the support's link is listed (the week comes in parts, and the
    session's organisation holds every other test's clients); ``everyone``: every part."""
    region = page.locator("section:has(> #week-supports-title)")
    expect(region).to_be_visible()
    page.wait_for_function("() => !document.querySelector('.loading')")
    wanted = region.get_by_role("link", name=link_name)
    page_through_week(page, lambda: not everyone and wanted.count() > 0)
    if not everyone:
        expect(wanted).to_be_visible()


def test_the_coach_reviews_a_natural_support_from_the_week(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    made = _support_due(coach, fresh_client)
    page = coach.page
    page.goto("/week")
    expect(coach.heading()).to_have_text("My week")
    link = _shown(f"{fresh_client.name}: {made['name']}, cook")
    _find_on_week(page, link)
    item = page.get_by_role("region", name="Natural supports to review").get_by_role(
        "link", name=link
    )
    expect(item).to_contain_text(_shown("Helps with Breaks (Kitchen assistant)"))
    expect(item).to_contain_text("Review was due on")
    item.click()

    # The job's analysis, at its supports: mark it reviewed, next review in the spring.
    expect(page).to_have_url(re.compile(f"/jobs/{made['job']}/analysis$"))
    review = page.get_by_role("form", name=f"Review of the support by {made['name']}")
    expect(review).to_be_visible()
    review.get_by_label("Next review on (optional)").fill("2027-03-01")
    review.get_by_role("button", name="Mark reviewed").click()
    expect(
        page.get_by_role("status").filter(has_text=f"{made['name']}: marked reviewed today.")
    ).to_be_visible()
    supports = page.get_by_role("list", name="Who helps at work")
    expect(supports).to_contain_text("Last reviewed on")
    expect(supports).to_contain_text("Review on 1 March")
    expect(review).to_have_count(0)

    # Back on the week, with every part of it, it is no longer there.
    page.goto("/week")
    expect(coach.heading()).to_have_text("My week")
    _find_on_week(page, link, everyone=True)
    region = page.get_by_role("region", name="Natural supports to review")
    expect(region.get_by_role("link", name=link)).to_have_count(0)


@pytest.mark.parametrize("language", ["en", "he"])
def test_the_week_and_the_review_form_pass_axe_at_320_px(
    language: str,
    org: Organisation,
    fresh_client: Account,
    new_person: PersonFactory,
    browser: Browser,
    server: Server,
) -> None:
    coach = new_person(account=org.coach)
    made = _support_due(coach, fresh_client)
    viewer = Person.open(
        browser,
        server.url,
        account=org.coach,
        locale="he-IL" if language == "he" else "en-GB",
        width=WIDTH,
        height=720,
        bypass_csp=True,  # only so axe can be injected as a script
    )
    problems: list[str] = []
    try:
        page = viewer.page
        for path in ("/week", f"/jobs/{made['job']}/analysis"):
            page.evaluate("document.documentElement.style.fontSize = ''")
            page.goto(path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            page.wait_for_function("() => !document.querySelector('.loading')")
            if path == "/week":
                _find_on_week(page, _shown(made["name"]))
            else:
                expect(page.locator("input[id^='review-'][type=date]")).to_be_visible()
            expect(page.locator("html")).to_have_attribute(
                "dir", "rtl" if language == "he" else "ltr"
            )
            page.add_script_tag(path=AXE)
            for size in TEXT_SIZES:
                page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
                page.wait_for_timeout(50)
                problems += _check(page, f"{path} [{language}, {size}]")
    finally:
        viewer.close()
    assert not problems, "\n".join(problems)
