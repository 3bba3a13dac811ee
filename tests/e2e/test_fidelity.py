"""The fidelity self-assessment in the browser: on her phone a coordinator goes from Results to
the fidelity reviews, starts an IPS review, accepts the score the figures suggest for the caseload
(its figure and period shown, its rows one tap away), scores the next item herself with a note,
and finishes the review once every item is scored, which shows its band. Every fidelity screen
passes axe at 320 px with text at 100 and 200 %, in English and in Hebrew."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory
from tests.e2e.test_accessibility import WIDTH
from tests.e2e.test_outcomes import _axe
from tests.e2e.test_pta import choose_language

PHONE = {"width": 390, "height": 844}
BANDS = {
    "exemplary": "Exemplary fidelity",
    "good": "Good fidelity",
    "fair": "Fair fidelity",
    "not_supported": "Not yet supported employment",
}


def _in_support(org: Organisation, new_person: PersonFactory, client: Account) -> None:
    """The client taken in 40 days ago by the team's coach: the caseload has someone in it, so
    the caseload item comes with a suggested score."""
    coach = new_person(account=org.coach)
    intake = (datetime.now(UTC) - timedelta(days=40)).date()
    coach.api(
        "POST",
        f"/api/clients/{client.id}/journey/episodes",
        {"localId": str(uuid.uuid4()), "intakeOn": intake.isoformat()},
    )


def _review_id(page: Page) -> str:
    found = re.search(r"/fidelity/([0-9a-f-]{36})", page.url)
    assert found, page.url
    return found.group(1)


def _score_the_rest(person: Any, review: str) -> dict[str, Any]:
    found: dict[str, Any] = person.api("GET", f"/api/fidelity/reviews/{review}")
    for item in found["scores"]:
        if item["score"] is None:
            found = person.api(
                "PUT", f"/api/fidelity/reviews/{review}/items/{item['item']}", {"score": 4}
            )
    return found


def test_a_coordinator_scores_a_review_from_results_and_sees_its_band(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    _in_support(org, new_person, fresh_client)
    coordinator = new_person(account=org.coordinator, **PHONE)
    page = coordinator.page
    page.goto("/")
    coordinator.nav("Results")
    page.get_by_role("link", name="Fidelity reviews").click()
    expect(coordinator.heading()).to_have_text("Fidelity reviews")
    page.get_by_role("link", name="Start a review").click()
    expect(coordinator.heading()).to_have_text("Start a fidelity review")
    expect(page.get_by_role("radio", name="IPS fidelity scale")).to_be_checked()
    page.get_by_role("button", name="Start the review").click()
    expect(coordinator.heading()).to_contain_text("IPS fidelity scale")
    review = _review_id(page)
    expect(page.get_by_text("Total 0 of 125 (0 of 25 items scored)")).to_be_visible()
    # The caseload comes suggested from the figures: accept it.
    page.get_by_role("link", name=re.compile("^Caseload size")).click()
    expect(coordinator.heading()).to_have_text("Caseload size")
    suggestion = page.get_by_role("group", name=re.compile(r"^Suggested score: \d"))
    expect(suggestion).to_contain_text("clients per coach")
    rows = suggestion.get_by_role("link", name="See the rows behind this figure")
    expect(rows).to_have_attribute("href", re.compile(r"^/results/caseload\?scope=team&id="))
    suggested = re.search(r"\d", suggestion.get_by_text("Suggested score:").inner_text())
    assert suggested
    suggestion.get_by_role("button", name=re.compile("^Use the suggested score")).click()
    expect(page.get_by_role("radio", name=suggested.group(0), exact=True)).to_be_checked()
    page.get_by_role("button", name="Save and go to the next item").click()
    # The next item has no figure: scored by hand, with a note.
    expect(coordinator.heading()).to_have_text("Coaches do employment work")
    expect(page.get_by_text("Staffing: item 2 of 25")).to_be_visible()
    page.get_by_role("radio", name="3", exact=True).check()
    page.get_by_label("Notes").fill("Half of their week goes to the day centre.")
    page.get_by_role("button", name="Save and go to the next item").click()
    expect(coordinator.heading()).to_have_text("One coach for the whole journey")
    page.get_by_role("link", name="The whole review").click()
    expect(page.get_by_text("(2 of 25 items scored)").first).to_be_visible()
    # Finishing early names the items still to score.
    page.get_by_role("button", name="Finish the review").click()
    expect(page.get_by_text("Score these 23 items before finishing:")).to_be_visible()
    scored = _score_the_rest(coordinator, review)
    assert scored["scored"] == 25
    page.reload()
    page.get_by_role("button", name="Finish the review").click()
    expect(page.get_by_text("This review is finished and locked.")).to_be_visible()
    expect(page.get_by_text(re.compile("^Finished on"))).to_be_visible()
    expect(page.get_by_text(f"Total {scored['total']} of 125")).to_be_visible()
    expect(page.get_by_text(BANDS[scored["band"]]).first).to_be_visible()
    expect(page.get_by_role("button", name="Finish the review")).to_have_count(0)
    # The item with its note is kept.
    page.get_by_role("link", name=re.compile("^Coaches do employment work")).click()
    expect(page.get_by_label("Notes")).to_have_value("Half of their week goes to the day centre.")
    expect(page.get_by_role("radio", name="3", exact=True)).to_be_disabled()


def test_the_fidelity_screens_pass_the_checks_at_320_px_in_english_and_hebrew(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    _in_support(org, new_person, fresh_client)
    coordinator = new_person(account=org.coordinator, width=WIDTH, height=720, bypass_csp=True)
    page = coordinator.page
    month = datetime.now(UTC).date().replace(day=1)
    body = {"template": "ips", "scope": "team", "start": month.isoformat()}
    body["end"] = datetime.now(UTC).date().isoformat()
    older = coordinator.api("POST", "/api/fidelity/reviews", {**body, "localId": str(uuid.uuid4())})
    newer = coordinator.api("POST", "/api/fidelity/reviews", {**body, "localId": str(uuid.uuid4())})
    coordinator.api("PUT", f"/api/fidelity/reviews/{older['id']}/items/caseload", {"score": 3})
    coordinator.api("PUT", f"/api/fidelity/reviews/{newer['id']}/items/caseload", {"score": 5})
    problems: list[str] = []
    screens = [
        ("/fidelity", "Fidelity reviews"),
        ("/fidelity/new", "Start a fidelity review"),
        (f"/fidelity/{newer['id']}", None),
        (f"/fidelity/{newer['id']}/items/caseload", None),
        (f"/fidelity/compare?first={older['id']}&second={newer['id']}", None),
    ]
    try:
        for language in ("en", "he"):
            page.goto("/fidelity")
            expect(coordinator.heading()).to_be_visible()
            if language == "he":
                choose_language(page, "עברית", "he")
                expect(page.locator("html")).to_have_attribute("dir", "rtl")
                expect(coordinator.heading()).to_have_text("בדיקות נאמנות למודל")
            for path, heading in screens:
                page.goto(path)
                expect(coordinator.heading()).to_be_visible()
                if heading and language == "en":
                    expect(coordinator.heading()).to_have_text(heading)
                if "compare" in path and language == "en":
                    expect(page.get_by_text("Up 2").first).to_be_visible()
                problems += _axe(page, f"{path.split('?')[0]} in {language}")
    finally:
        coordinator.api("PATCH", "/api/me", {"locale": ""})
    assert not problems, "\n".join(problems)
