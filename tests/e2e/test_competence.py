"""Staff competence in the browser: the coordinator adapts the competence framework and publishes
it; a new coach of her team assesses herself on her phone, one competence a screen; the
coordinator logs a field-mentoring visit and reads the result in her team's matrix. The new
screens pass axe at 320 px with text at 100 and 200 %, in English and in Hebrew.

The session's organisation is shared: names are made unique here, and no version number of the
framework is assumed (another run may have published one)."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Organisation, PersonFactory, Server, invite_and_enroll
from tests.e2e.test_accessibility import WIDTH
from tests.e2e.test_outcomes import _axe
from tests.e2e.test_pta import choose_language

PHONE = {"width": 390, "height": 844}
HARD_CASES = "3 – On your own, in hard cases"
USUAL_CASES = "2 – On your own, in usual cases"


def _publish_adapted(page: Page, name: str) -> None:
    """From the coordinator's home: the framework, a new version, the first competence renamed
    and its target for a new coach raised to 3, published."""
    page.goto("/")
    page.get_by_role("link", name="Team development").click()
    page.get_by_role("link", name="Competence framework").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Competence framework")
    page.get_by_role("button", name="Make a new version to adapt").click()
    expect(page.get_by_text("A new draft is ready to edit.")).to_be_visible()
    editor = page.get_by_role("region", name=re.compile(r"^Edit version \d+$"))
    expect(editor.get_by_label("Competence", exact=True)).to_have_value("values.confidentiality")
    editor.get_by_label("Name (English)").fill(name)
    editor.get_by_label("Target level: New coach, by month 6").select_option(label=HARD_CASES)
    editor.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_text("This version is now in use.")).to_be_visible()
    expect(editor).to_have_count(0)  # a published version is not edited


def test_an_adapted_framework_a_self_assessment_a_visit_and_the_matrix(
    org: Organisation, new_person: PersonFactory, server: Server, browser: Browser
) -> None:
    uid = uuid.uuid4().hex[:6]
    renamed = f"Confidentiality and consent {uid}"
    coordinator = new_person(account=org.coordinator, **PHONE)
    _publish_adapted(coordinator.page, renamed)

    # A new coach of the team, on her phone: My development from her home.
    name = f"Noor Coach {uid}"
    account = invite_and_enroll(browser, server, org.admin, "coach", name, teamId=org.team_id)
    coach = new_person(account=account, **PHONE)
    page = coach.page
    page.goto("/")
    page.get_by_role("link", name="My development").click()
    expect(coach.heading()).to_have_text("My development")
    expect(page.get_by_text("Your targets are those of: New coach, by month 6.")).to_be_visible()
    page.get_by_role("link", name="Assess myself").click()
    expect(coach.heading()).to_have_text("Self-assessment")
    expect(page.get_by_text("Competence 1 of 15")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=renamed)).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="only with their consent")).to_be_visible()
    page.get_by_role("radio", name=USUAL_CASES).check()
    expect(page.get_by_text("Saved.")).to_be_visible()
    page.get_by_label("A note (optional)").fill("I ask before I tell an employer anything.")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Competence 2 of 15")).to_be_visible()
    page.get_by_role("radio", name="1 – With help").check()
    expect(page.get_by_text("Saved.")).to_be_visible()
    for n in range(3, 16):
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_text(f"Competence {n} of 15")).to_be_visible()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_text("Your self-assessment is saved.")).to_be_visible()
    mine = page.get_by_role("listitem").filter(has_text=renamed)
    expect(mine).to_contain_text(f"Target: {HARD_CASES}")
    expect(mine).to_contain_text(f"Now: {USUAL_CASES}")
    expect(mine).to_contain_text("below the target")
    expect(mine).to_contain_text("From your self-assessment on")

    # The coordinator logs a mentoring visit of the new coach and reads her team's matrix.
    page = coordinator.page
    page.goto("/team-development")
    page.get_by_role("link", name="Log a mentoring visit").click()
    expect(coordinator.heading()).to_have_text("Log a mentoring visit")
    page.get_by_label("Coach", exact=True).select_option(label=name)
    page.get_by_label("Where").select_option(label="A training session at work")
    page.get_by_role("button", name="Save the visit").click()
    expect(page.get_by_text("Choose the competence you saw.")).to_be_visible()  # next to it
    page.get_by_label("Competence 1", exact=True).select_option(value="values.confidentiality")
    page.get_by_label("Level seen for competence 1").select_option(label=HARD_CASES)
    page.get_by_label("Situation").fill("A client's first day folding towels at a hotel.")
    page.get_by_label("Action").fill("Noor asked the client before telling the supervisor.")
    page.get_by_label("Next step").fill("Prepare the next talk with the supervisor together.")
    page.get_by_role("button", name="Save the visit").click()
    expect(page.get_by_text("The mentoring visit is saved.")).to_be_visible()
    card = page.get_by_role("region", name=name)
    expect(card).to_contain_text("New coach, by month 6 · month 1 of work")
    card.get_by_text(f"Every competence of {name}").click()
    row = card.get_by_role("listitem").filter(has_text=renamed)
    expect(row).to_contain_text(f"Target: {HARD_CASES}")
    expect(row).to_contain_text(f"Now: {HARD_CASES}")
    expect(row).not_to_contain_text("below the target")
    expect(row).to_contain_text("From a mentoring visit on")
    choices = card.get_by_role("listitem").filter(has_text="The client's own choices")
    expect(choices).to_contain_text("Now: 1 – With help")
    expect(choices).to_contain_text("From your self-assessment on")

    # Her own record shows the visit too.
    coach.page.goto("/development")
    visits = coach.page.get_by_role("region", name="Mentoring visits")
    expect(visits).to_contain_text("A training session at work · Helena Nowak")
    expect(visits).to_contain_text("Next step: Prepare the next talk with the supervisor together.")


def test_the_development_screens_pass_the_checks_at_320_px_in_english_and_hebrew(
    org: Organisation, new_person: PersonFactory
) -> None:
    coordinator = new_person(account=org.coordinator, width=WIDTH, height=720, bypass_csp=True)
    page = coordinator.page
    problems: list[str] = []
    try:
        for language in ("en", "he"):
            page.goto("/development")
            expect(coordinator.heading()).to_be_visible()
            if language == "he":
                choose_language(page, "עברית", "he")
                expect(page.locator("html")).to_have_attribute("dir", "rtl")
            problems += _axe(page, f"/development in {language}")
            page.goto("/development/self-assessment")
            expect(page.get_by_role("radio").first).to_be_visible()
            problems += _axe(page, f"/development/self-assessment in {language}")
            page.goto("/team-development")
            expect(page.locator("details").first).to_be_visible()
            for summary in page.locator("summary").all():
                summary.click()
            problems += _axe(page, f"/team-development in {language}")
            page.goto("/team-development/visit")
            expect(page.locator("textarea").first).to_be_visible()
            problems += _axe(page, f"/team-development/visit in {language}")
            page.goto("/team-development/framework")
            expect(page.locator("#framework-versions-title")).to_be_visible()
            page.locator(
                "[aria-labelledby=framework-versions-title] button"
            ).click()  # a draft: the editor shows
            expect(page.locator("#framework-edit-title")).to_be_visible()
            problems += _axe(page, f"/team-development/framework in {language}")
            page.locator(
                "[aria-labelledby=framework-edit-title] .button--primary"
            ).click()  # no draft left behind
            expect(page.locator("#framework-edit-title")).to_have_count(0)
    finally:
        # The session's coordinator is every later test's: back to the browser's language.
        coordinator.api("PATCH", "/api/me", {"locale": ""})
    assert not problems, "\n".join(problems)
