"""The goals figure in the browser: a coordinator on her phone opens Results, finds "Goals
reached (GAS T-score)", reads what it means, and opens the clients behind it, where a client's
T-score from the coach's ratings and from their own stand side by side. The card and the rows
pass axe at 320 px with text at 100 and 200 %, in English and in Hebrew.

The session's organisation is shared: other tests' goals may count in the team's figure too, so
this one checks its own client's row, not the team's number."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from tests.e2e.conftest import Account, Organisation, PersonFactory
from tests.e2e.pages import revealed
from tests.e2e.test_accessibility import WIDTH
from tests.e2e.test_outcomes import _axe
from tests.e2e.test_pta import choose_language

PHONE = {"width": 390, "height": 844}
GAS = "Goals reached (GAS T-score)"
GAS_HE = "השגת מטרות (ציון T בסולם GAS)"
ROWS = "Clients with goals that ended in the period"


def _goal_ended_today(new_person: PersonFactory, org: Organisation, client: Account) -> None:
    """A goal of the client's, ended early today (so its last day is in this month), rated +1
    by the coach and +2 by the client: T-scores 60 and 70."""
    coach = new_person(account=org.coach)
    today = datetime.now(UTC).date()
    goal = coach.api(
        "POST",
        f"/api/clients/{client.id}/goals",
        {
            "localId": str(uuid.uuid4()),
            "title": "Greet the team every morning",
            "means": ["Say good morning at the door"],
            "startsOn": (today - timedelta(days=3)).isoformat(),
            "endsOn": (today + timedelta(days=10)).isoformat(),
            "levels": {"expected": "I greet the team every morning."},
        },
    )
    coach.api("POST", f"/api/goals/{goal['id']}/end", {"reason": "Reached early."})
    coach.api("PUT", f"/api/goals/{goal['id']}/evaluation", {"rating": 1, "comment": "Well done"})
    me = new_person(account=client)
    me.api("PUT", f"/api/goals/{goal['id']}/evaluation", {"rating": 2, "comment": "Great"})


def test_a_coordinator_sees_the_goals_figure_and_opens_its_clients(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    _goal_ended_today(new_person, org, fresh_client)
    coordinator = new_person(account=org.coordinator, **PHONE)
    page = coordinator.page
    page.goto("/")
    coordinator.nav("Results")
    card = page.get_by_role("region", name=GAS)
    expect(card).to_be_visible()
    expect(card).to_contain_text("T-score (50: as expected)")
    card.get_by_text("What this means").click()
    expect(card.get_by_text("50 means every goal was reached as expected")).to_be_visible()
    expect(card.get_by_role("list", name=f"{GAS}: the parts")).to_contain_text(
        "From the clients' own ratings"
    )
    card.get_by_role("link", name=ROWS).click()
    expect(coordinator.heading()).to_have_text(ROWS)
    row = revealed(page, page.get_by_role("link", name=fresh_client.name))
    expect(row).to_contain_text("coach's ratings: T\u00a060 · client's own: T\u00a070")
    row.click()
    expect(coordinator.heading()).to_contain_text(fresh_client.name)


def test_the_goals_figure_and_its_rows_pass_the_checks_at_320_px(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    _goal_ended_today(new_person, org, fresh_client)
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
                expect(page.get_by_role("heading", name=GAS_HE)).to_be_visible()
            # The GAS card in either language: the one its title names.
            card = page.locator(".outcome-card", has=page.locator("#figure-gas_t_score-title"))
            for summary in card.locator("summary").all():
                summary.click()
            problems += _axe(page, f"/results GAS in {language}")
            page.goto("/results/gas_t_score")
            revealed(page, page.get_by_role("link", name=fresh_client.name))
            problems += _axe(page, f"/results/gas_t_score in {language}")
    finally:
        coordinator.api("PATCH", "/api/me", {"locale": ""})
    assert not problems, "\n".join(problems)
