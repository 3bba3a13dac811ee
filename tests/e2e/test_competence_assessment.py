"""Evidence, the summative assessment and the gap report in the browser: a new coach attaches a
record of her own work that the app suggests; her coordinator starts her summative assessment,
fills it in and signs it with her passkey, the administrator signs it with his; the coach sees
her certificate and the coordinator's gap report counts one more certified coach. The new
screens pass axe at 320 px with text at 100 and 200 %, in English and in Hebrew.

The session's organisation is shared: names are unique here, the team is filled up to five
coaches when it has fewer (so the report shows figures), and counts are read before and after."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server, invite_and_enroll
from tests.e2e.pages import Person
from tests.e2e.test_accessibility import WIDTH
from tests.e2e.test_agreements import with_passkey
from tests.e2e.test_outcomes import _axe
from tests.e2e.test_pta import choose_language

PHONE = {"width": 390, "height": 844}
CERTIFIED = re.compile(r"Certified: (\d+)\.")


def _new_coach(browser: Browser, server: Server, org: Organisation, name: str) -> Account:
    return invite_and_enroll(browser, server, org.admin, "coach", name, teamId=org.team_id)


def _fill_team(browser: Browser, server: Server, org: Organisation, coordinator: Person) -> None:
    """At least five coaches in the team, so the gap report shows its figures."""
    people = coordinator.api_all("/api/people?limit=200")
    coaches = [p for p in people if p["role"] == "coach" and p["teamId"] == org.team_id]
    for _ in range(5 - len(coaches)):
        _new_coach(browser, server, org, f"Filler Coach {uuid.uuid4().hex[:6]}")


def _certified(page: Page) -> int:
    page.goto("/team-development")
    report = page.get_by_role("region", name="Gaps per competence")
    expect(report).to_contain_text("Certified:")
    found = CERTIFIED.search(report.inner_text())
    assert found, report.inner_text()
    return int(found.group(1))


def _employer_contact(coach: Person, client_id: str) -> None:
    coach.api(
        "POST",
        "/api/activities",
        {
            "localId": str(uuid.uuid4()),
            "clientIds": [client_id],
            "mode": "phone",
            "occurredAt": (datetime.now(UTC) - timedelta(minutes=30)).isoformat(),
            "purposes": ["employer_contact"],
            "withWhom": "employer_person",
            "withName": "Hotel manager",
            "made": True,
            "minutes": 15,
        },
    )


def test_a_coach_attaches_evidence_two_assessors_sign_and_the_gap_report_counts_it(
    org: Organisation, new_person: PersonFactory, server: Server, browser: Browser
) -> None:
    uid = uuid.uuid4().hex[:6]
    name = f"Noor Assessed {uid}"
    noor = _new_coach(browser, server, org, name)
    client = invite_and_enroll(browser, server, noor, "client", f"Client {uid}", coachId=noor.id)
    coach = new_person(account=noor, **PHONE)
    _employer_contact(coach, client.id)

    # The coach attaches the suggested week of employer contacts on My development.
    page = coach.page
    page.goto("/")
    page.get_by_role("link", name="My development").click()
    expect(page.get_by_role("region", name="My certificate")).to_contain_text("No certificate yet.")
    suggested = page.get_by_role("region", name="Suggested from the work")
    week = suggested.get_by_role("listitem").filter(has_text="Employer contacts in the week of")
    expect(week).to_contain_text(": 1")
    week.get_by_role("button", name="Attach as evidence").click()
    week.get_by_label("Which indicator it shows").select_option(index=0)
    week.get_by_label("Note").fill(f"A new hotel called back {uid}.")
    week.get_by_role("button", name="Attach", exact=True).click()
    expect(page.get_by_text("The evidence is attached.")).to_be_visible()
    attached = page.get_by_role("region", name="Evidence from my work")
    expect(attached).to_contain_text(f"A new hotel called back {uid}.")
    expect(attached).to_contain_text("Employer contacts — 1.")
    expect(attached).to_contain_text(f"Attached by {name}")

    # Her coordinator fills the team up to five, reads the report, and starts the assessment.
    coordinator = with_passkey(new_person, org.coordinator, **PHONE)
    _fill_team(browser, server, org, coordinator)
    cp = coordinator.page
    before = _certified(cp)
    cp.get_by_role("link", name=f"Open the record of {name}").click()
    expect(coordinator.heading()).to_have_text(name)
    expect(cp.get_by_role("region", name="Evidence from my work")).to_contain_text(
        f"A new hotel called back {uid}."
    )
    cp.get_by_role("link", name="Start a summative assessment").click()
    cp.get_by_label("First assessor").select_option(label=org.coordinator.name)
    cp.get_by_label("Second assessor").select_option(label=org.admin.name)
    cp.get_by_role("button", name="Start the assessment").click()
    expect(coordinator.heading()).to_have_text(f"Summative assessment: {name}")
    assessment_url = cp.url
    today = datetime.now(UTC).date()
    cp.get_by_label("Day of the assessment").fill(today.isoformat())
    cp.get_by_label("Observed practice").fill("A first visit to a hotel with her client.")
    cp.get_by_label("Scenario").fill("An employer asks about the client's diagnosis.")
    cp.get_by_label("Knowledge test score (0–100 %)").fill("86")
    cp.locator("#assessment-level-jobs-employer_contact").select_option(value="2")
    cp.get_by_role("radio", name="Certified", exact=True).check()
    cp.get_by_label("Re-assessment day").fill(today.replace(year=today.year + 1).isoformat())
    cp.get_by_role("button", name="Sign with my passkey").click()
    signatures = cp.get_by_role("region", name="Assessors")
    expect(signatures).to_contain_text(f"{org.coordinator.name}: signed on")
    expect(signatures).to_contain_text(f"{org.admin.name}: not signed yet")

    # The administrator finds it among those for him to sign and signs with his passkey.
    admin = with_passkey(new_person, org.admin)
    ap = admin.page
    ap.goto("/team-development")
    ap.get_by_role("region", name="Assessments for me to sign").get_by_role(
        "link", name=re.compile(re.escape(name))
    ).click()
    expect(admin.heading()).to_have_text(f"Summative assessment: {name}")
    ap.get_by_role("button", name="Sign with my passkey").click()
    expect(ap.get_by_text("Both assessors signed.")).to_be_visible()
    expect(ap.get_by_role("region", name="The assessment")).to_contain_text("Certified")

    # Kept as it is: the coordinator's page reads it, without a form.
    cp.goto(assessment_url)
    expect(cp.get_by_text("Both assessors signed.")).to_be_visible()
    expect(cp.get_by_role("button", name="Sign with my passkey")).to_have_count(0)

    # The coach's certificate, and one more certified coach in the coordinator's report.
    page.goto("/development")
    certificate = page.get_by_role("region", name="My certificate")
    expect(certificate).to_contain_text("Certified coach, valid until")
    expect(certificate).to_contain_text("Next yearly review:")
    assert _certified(cp) == before + 1


def test_the_assessment_screens_pass_the_checks_at_320_px_in_english_and_hebrew(
    org: Organisation, new_person: PersonFactory, server: Server, browser: Browser
) -> None:
    noor = _new_coach(browser, server, org, f"Noor Checked {uuid.uuid4().hex[:6]}")
    coordinator = new_person(account=org.coordinator, width=WIDTH, height=720, bypass_csp=True)
    made = coordinator.api(
        "POST",
        "/api/competence/assessments",
        {
            "localId": str(uuid.uuid4()),
            "personId": noor.id,
            "assessorIds": [org.coordinator.id, org.admin.id],
        },
    )
    page = coordinator.page
    problems: list[str] = []
    try:
        for language in ("en", "he"):
            page.goto("/development")
            expect(coordinator.heading()).to_be_visible()
            if language == "he":
                choose_language(page, "עברית", "he")
                expect(page.locator("html")).to_have_attribute("dir", "rtl")
            expect(page.locator("#evidence-suggested-title")).to_be_visible()
            problems += _axe(page, f"/development in {language}")
            page.goto("/team-development")
            expect(page.locator("#gap-report-title")).to_be_visible()
            problems += _axe(page, f"/team-development in {language}")
            page.goto(f"/team-development/person?id={noor.id}")
            expect(page.locator("#evidence-suggested-title")).to_be_visible()
            problems += _axe(page, f"/team-development/person in {language}")
            page.goto(f"/team-development/assessment/new?person={noor.id}")
            expect(page.locator("#assessor-1")).to_be_visible()
            problems += _axe(page, f"/team-development/assessment/new in {language}")
            page.goto(f"/development/assessment?id={made['id']}")
            expect(page.locator("#assessment-observed")).to_be_visible()
            problems += _axe(page, f"/development/assessment in {language}")
    finally:
        coordinator.api("PATCH", "/api/me", {"locale": ""})
    assert not problems, "\n".join(problems)
