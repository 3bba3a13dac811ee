"""The coordinator's figures in the browser: on her phone she opens Results, reads what "no
contact in 30 days" means, and goes from that figure to the client it counts. The Results screen
and the rows behind a figure pass axe at 320 px with text at 100 and 200 %, in English and in
Hebrew."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory
from tests.e2e.test_accessibility import AXE, SCREENSHOTS, TEXT_SIZES, WIDTH, _check
from tests.e2e.test_pta import choose_language

PHONE = {"width": 390, "height": 844}


def _taken_in_long_ago(org: Organisation, new_person: PersonFactory, client: Account) -> None:
    """The client's intake 40 days ago, and no contact with them since: counted by "no contact
    in 30 days" on the coordinator's team."""
    coach = new_person(account=org.coach)
    intake = (datetime.now(UTC) - timedelta(days=40)).date()
    coach.api(
        "POST",
        f"/api/clients/{client.id}/journey/episodes",
        {"localId": str(uuid.uuid4()), "intakeOn": intake.isoformat()},
    )


def test_a_coordinator_goes_from_no_contact_in_30_days_to_the_client(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    _taken_in_long_ago(org, new_person, fresh_client)
    coordinator = new_person(account=org.coordinator, **PHONE)
    page = coordinator.page
    page.goto("/")
    coordinator.nav("Results")
    expect(coordinator.heading()).to_have_text("Results")
    card = page.get_by_role("region", name="No contact in 30 days")
    expect(card).to_be_visible()
    # The definition is one tap away.
    definition = card.get_by_text("A contact is an activity with the client that took place")
    expect(definition).to_be_hidden()
    card.get_by_text("What this means").click()
    expect(definition).to_be_visible()
    # The same numbers as the chart, in a table.
    card.get_by_text("The last six months in numbers").click()
    table = card.get_by_role("table", name="No contact in 30 days, the last six periods")
    expect(table.get_by_role("row")).to_have_count(7)
    card.get_by_role("link", name="Clients with no contact in 30 days").click()
    expect(coordinator.heading()).to_have_text("Clients with no contact in 30 days")
    row = page.get_by_role("link", name=fresh_client.name)
    expect(row).to_contain_text("no contact recorded")
    row.click()
    expect(page).to_have_url(
        f"{coordinator.page.url.split('/clients')[0]}/clients/{fresh_client.id}"
    )
    expect(coordinator.heading()).to_contain_text(fresh_client.name)


def _axe(page: Page, where: str) -> list[str]:
    expect(page.locator(".loading")).to_have_count(0)
    page.add_script_tag(path=AXE)
    problems: list[str] = []
    for size in TEXT_SIZES:
        page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
        problems += _check(page, f"{where} [{size}]")
        if SCREENSHOTS:  # a picture of each screen checked, to look at
            name = where.replace("/", "_").replace(" ", "-")
            page.screenshot(path=Path(SCREENSHOTS) / f"{name}-{size[:-1]}.png", full_page=True)
    page.evaluate("document.documentElement.style.fontSize = ''")
    return problems


def test_the_results_screens_pass_the_checks_at_320_px_in_english_and_hebrew(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    _taken_in_long_ago(org, new_person, fresh_client)
    coordinator = new_person(account=org.coordinator, width=WIDTH, height=720, bypass_csp=True)
    page = coordinator.page
    problems: list[str] = []
    try:
        for language in ("en", "he"):
            page.goto("/results")
            expect(coordinator.heading()).to_be_visible()
            if language == "he":
                choose_language(page, "עברית", "he")
                expect(page.locator("html")).to_have_attribute("dir", "rtl")
                # The figures' names and definitions come in the language shown.
                expect(page.get_by_role("heading", name="אין קשר 30 יום")).to_be_visible()
            # Open every disclosure of the first card: the definition and the table too.
            card = page.locator(".outcome-card").first
            for summary in card.locator("summary").all():
                summary.click()
            problems += _axe(page, f"/results in {language}")
            page.goto("/results/no_contact_30")
            expect(page.get_by_role("link", name=fresh_client.name)).to_be_visible()
            problems += _axe(page, f"/results/no_contact_30 in {language}")
    finally:
        # The session's coordinator is every later test's: back to the browser's language.
        coordinator.api("PATCH", "/api/me", {"locale": ""})
    assert not problems, "\n".join(problems)
