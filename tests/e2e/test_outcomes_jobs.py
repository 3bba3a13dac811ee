"""The figures of work in the browser: a coordinator reads "In work, of those who came out of
work" and opens the clients behind it; a coach finds the same figures for their caseload under
Results; the administrator sets the legal minimum wage on the organisation screen (a wrong
currency is named next to its field), which passes axe at 320 px."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from tests.e2e.conftest import Account, Organisation, PersonFactory
from tests.e2e.pages import revealed
from tests.e2e.test_accessibility import WIDTH
from tests.e2e.test_outcomes import _axe

PHONE = {"width": 390, "height": 844}
FIGURE = "In work, of those who came out of work"


def _out_of_work_then_a_job(
    org: Organisation, new_person: PersonFactory, client: Account, title: str
) -> None:
    """The client came in out of work 40 days ago and started a job 10 days ago."""
    coach = new_person(account=org.coach)
    today = datetime.now(UTC).date()
    coach.api(
        "POST",
        f"/api/clients/{client.id}/journey/episodes",
        {
            "localId": str(uuid.uuid4()),
            "intakeOn": (today - timedelta(days=40)).isoformat(),
            "inPaidWork": False,
        },
    )
    coach.api(
        "POST",
        f"/api/clients/{client.id}/jobs",
        {
            "localId": str(uuid.uuid4()),
            "title": title,
            "startDate": (today - timedelta(days=10)).isoformat(),
            "hoursPerWeek": 20,
        },
    )


def test_a_coordinator_opens_the_clients_behind_the_employment_rate(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    title = f"Baker {uuid.uuid4().hex[:6]}"
    _out_of_work_then_a_job(org, new_person, fresh_client, title)
    coordinator = new_person(account=org.coordinator, **PHONE)
    page = coordinator.page
    page.goto("/")
    coordinator.nav("Results")
    card = page.get_by_role("region", name=FIGURE)
    expect(card).to_be_visible()
    card.get_by_text("What this means").click()
    expect(card.get_by_text('situation at intake was "not in paid work"')).to_be_visible()
    expect(card.get_by_text("In work", exact=False).first).to_be_visible()
    card.get_by_role("link", name="Clients who came out of work").click()
    expect(coordinator.heading()).to_have_text("Clients who came out of work")
    row = revealed(page, page.get_by_role("link", name=fresh_client.name))
    expect(row).to_contain_text(title)


def test_a_coach_sees_the_figures_of_their_own_caseload(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    _out_of_work_then_a_job(org, new_person, fresh_client, "Gardener")
    coach = new_person(account=org.coach, **PHONE)
    page = coach.page
    page.goto("/")
    coach.nav("Results")
    expect(coach.heading()).to_have_text("Results")
    expect(page.get_by_text("Caseload of", exact=False).first).to_be_visible()
    card = page.get_by_role("region", name=FIGURE)
    expect(card).to_be_visible()
    expect(page.get_by_role("region", name="Opportunities that moved")).to_be_visible()
    card.get_by_role("link", name="Clients who came out of work").click()
    row = revealed(page, page.get_by_role("link", name=fresh_client.name))
    expect(row).to_contain_text("Gardener")


def test_the_administrator_sets_the_minimum_wage(
    org: Organisation, new_person: PersonFactory
) -> None:
    admin = new_person(account=org.admin, width=WIDTH, height=720, bypass_csp=True)
    page = admin.page
    page.goto("/organisation")
    card = page.get_by_role("region", name="Legal minimum wage")
    amount = card.get_by_label("Minimum pay an hour")
    currency = card.get_by_label("Currency")
    amount.fill("12.50")
    currency.fill("E1")
    card.get_by_role("button", name="Save the minimum wage").click()
    expect(card.get_by_text("Write three capital letters, for example EUR.")).to_be_visible()
    currency.fill("EUR")
    card.get_by_role("button", name="Save the minimum wage").click()
    expect(card.get_by_text("Saved. The figures use it now.")).to_be_visible()
    assert admin.api("GET", "/api/minimum-wage")["hourlyCents"] == 1250
    problems = _axe(page, "/organisation with the minimum wage")
    assert not problems, "\n".join(problems)
    page.reload()
    expect(
        page.get_by_role("region", name="Legal minimum wage").get_by_label("Minimum pay an hour")
    ).to_have_value("12.50")
