"""The path of a new coach in the browser, on a phone (390 px): a new coach is provisional until
she finishes the onboarding module on values and confidentiality; she adds a training record
with its certificate file and proposes a goal for her development plan; her coordinator agrees
to the goal and logs a simulation, which the coach then reads on My development. The new screens
pass axe at 320 px with text at 100 and 200 %, in English and in Hebrew.

The session's organisation is shared: names are made unique here."""

from __future__ import annotations

import uuid

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import Organisation, PersonFactory, Server, invite_and_enroll
from tests.e2e.test_accessibility import WIDTH
from tests.e2e.test_outcomes import _axe
from tests.e2e.test_pta import choose_language

PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NEGOTIATION = "Negotiating a job (Job finding and employers)"


def test_a_new_coach_finishes_onboarding_adds_training_and_a_goal_and_is_observed(
    org: Organisation, new_person: PersonFactory, server: Server, browser: Browser
) -> None:
    uid = uuid.uuid4().hex[:6]
    name = f"Rafa Coach {uid}"
    account = invite_and_enroll(browser, server, org.admin, "coach", name, teamId=org.team_id)
    coach = new_person(account=account, **PHONE)
    page = coach.page
    page.goto("/")
    page.get_by_role("link", name="My development").click()
    expect(coach.heading()).to_have_text("My development")
    expect(page.get_by_text("You are a provisional coach")).to_be_visible()

    # The onboarding module: four screens, then the check questions.
    page.get_by_role("link", name="Start the onboarding module").click()
    expect(coach.heading()).to_have_text("Values and confidentiality")
    expect(page.get_by_text("Part 1 of 5")).to_be_visible()
    for n in range(2, 6):
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_text(f"Part {n} of 5")).to_be_visible()
    page.get_by_role("radio", name="Tell the employer, it helps the job").check()
    page.get_by_role("radio", name="The client, with the coach explaining the options").check()
    page.get_by_role("radio", name="What I saw and did").check()
    page.get_by_role("button", name="Finish the module").click()
    employer = page.get_by_role("group", name="An employer asks about the client's diagnosis.")
    expect(employer).to_contain_text("This answer is not right yet.")  # next to the question
    page.get_by_role("radio", name="Say it is the client's to tell, and ask the client").check()
    page.get_by_role("button", name="Finish the module").click()
    expect(page.get_by_text("You are no longer provisional.")).to_be_visible()
    expect(page.get_by_text("You are a provisional coach")).to_have_count(0)

    # A training record with its certificate.
    course = f"Motivational interviewing {uid}"
    page.get_by_role("link", name="Add a training record").click()
    expect(coach.heading()).to_have_text("Add a training record")
    page.get_by_role("button", name="Save the training record").click()
    expect(page.get_by_text("Write the name of the course.")).to_be_visible()
    page.get_by_label("Course", exact=True).fill(course)
    page.get_by_label("Provider", exact=True).fill("Supported Employment Academy")
    page.get_by_label("Hours", exact=True).fill("7,5")
    page.get_by_role("checkbox", name=NEGOTIATION).check()
    page.get_by_label("Certificate (PDF or photo)").set_input_files(
        files=[{"name": "certificate.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Save the training record").click()
    expect(page.get_by_text("The training record is saved.")).to_be_visible()
    trainings = page.get_by_role("region", name="Training records")
    expect(trainings).to_contain_text(course)
    expect(trainings).to_contain_text("7.5 h")
    expect(trainings).to_contain_text("Negotiating a job")
    expect(trainings.get_by_role("link", name=f"Open the certificate of {course}")).to_be_visible()
    # A record added by mistake is removed, after a second question.
    mistake = f"Wrong course {uid}"
    page.get_by_role("link", name="Add a training record").click()
    page.get_by_label("Course", exact=True).fill(mistake)
    page.get_by_label("Hours", exact=True).fill("2")
    page.get_by_role("button", name="Save the training record").click()
    expect(trainings).to_contain_text(mistake)
    trainings.get_by_role("button", name=f"Remove {mistake}").click()
    trainings.get_by_role("button", name="Yes, remove it").click()
    expect(trainings).not_to_contain_text(mistake)
    expect(trainings).to_contain_text(course)

    # A goal for the plan, waiting for the coordinator.
    goal = f"Negotiate a trial day on my own {uid}"
    page.get_by_role("link", name="Propose a goal").click()
    page.get_by_label("Goal", exact=True).fill(goal)
    page.get_by_label("How", exact=True).fill(
        "Prepare with my coordinator, then two employer calls a week."
    )
    page.get_by_label("Competence it serves").select_option(value="jobs.negotiation")
    page.get_by_role("button", name="Propose the goal").click()
    expect(page.get_by_text("The goal is proposed.")).to_be_visible()
    plan = page.get_by_role("region", name="Development plan")
    expect(plan).to_contain_text(f"Proposed by {name}, waiting to be agreed")

    # The coordinator: not provisional any more; agrees to the goal; logs a simulation.
    coordinator = new_person(account=org.coordinator, **PHONE)
    cpage = coordinator.page
    cpage.goto("/team-development")
    card = cpage.get_by_role("region", name=name)
    expect(card).not_to_contain_text("Provisional")
    card.get_by_role("link", name=f"Open the record of {name}").click()
    expect(coordinator.heading()).to_have_text(name)
    cpage.get_by_role("button", name=f"Agree to: {goal}").click()
    expect(cpage.get_by_role("region", name="Development plan")).to_contain_text("Agreed")
    cpage.get_by_role("link", name="Log a simulation").click()
    expect(coordinator.heading()).to_have_text("Log a simulation")
    expect(cpage.get_by_label("Coach", exact=True)).to_have_value(account.id)
    cpage.get_by_label("Scenario", exact=True).select_option(label="Calling an employer")
    cpage.get_by_label("Competence 1", exact=True).select_option(value="jobs.employer_contact")
    cpage.get_by_label("Level seen for competence 1").select_option(
        label="2 – On your own, in usual cases"
    )
    cpage.get_by_label("Next step").fill(f"Practise three objections {uid}.")
    cpage.get_by_role("button", name="Save the simulation").click()
    expect(cpage.get_by_text("The simulation is saved.")).to_be_visible()

    page.goto("/development")
    simulations = page.get_by_role("region", name="Simulations")
    expect(simulations).to_contain_text("Calling an employer · Helena Nowak")
    expect(simulations).to_contain_text(f"Practise three objections {uid}.")
    expect(page.get_by_role("region", name="Development plan")).to_contain_text("Agreed")


def test_the_path_screens_pass_the_checks_at_320_px_in_english_and_hebrew(
    org: Organisation, new_person: PersonFactory
) -> None:
    coordinator = new_person(account=org.coordinator, width=WIDTH, height=720, bypass_csp=True)
    page = coordinator.page
    problems: list[str] = []
    screens = [
        ("/development", "#path-training-title"),
        ("/development/onboarding", ".competence-step"),
        ("/development/onboarding?step=4", "input[type=radio]"),
        ("/development/training", "input[type=file]"),
        ("/development/plan", "#goal-title"),
        ("/team-development/simulation", "textarea"),
        (f"/team-development/person?person={org.coach.id}", "#path-plan-title"),
    ]
    try:
        for language in ("en", "he"):
            page.goto("/development")
            expect(coordinator.heading()).to_be_visible()
            if language == "he":
                choose_language(page, "עברית", "he")
                expect(page.locator("html")).to_have_attribute("dir", "rtl")
            for url, ready in screens:
                page.goto(url)
                expect(page.locator(ready).first).to_be_visible()
                problems += _axe(page, f"{url} in {language}")
    finally:
        # The session's coordinator is every later test's: back to the browser's language.
        coordinator.api("PATCH", "/api/me", {"locale": ""})
    assert not problems, "\n".join(problems)
