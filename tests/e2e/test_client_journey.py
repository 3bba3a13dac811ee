"""A client's journey walked whole, on phones: a coach takes a new client from intake to the
first day of a job — the intake and the client's informed decision, an agreement the client
agrees to with their passkey and the coach signs second, stages started and ended with dates,
an employer with a person, three activities (one written down without signal and sent once, one
phone call that reached no one), and a job with hours and pay that moves the client on to
support at work; the stage links to the job and the agreement it produced. The client then
reads each in their own words, and the team's coordinator reads the stage history. The screens
are the ones of the journey, activity, employer and agreement tests, reached from one another
as a coach would."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import ClientRecord, SyncStatus
from tests.e2e.test_accessibility import AXE, TEXT_SIZES, WIDTH, _check
from tests.e2e.test_activities import ActivityForm, logged_for
from tests.e2e.test_agreements import AgreementPage, with_passkey
from tests.e2e.test_employers import EmployersPage, JobForm
from tests.e2e.test_journey import PHONE, JourneyScreen, day, today


def test_a_coach_takes_a_new_client_from_intake_to_a_job_start(
    org: Organisation, fresh_client: Account, new_person: PersonFactory, server: Server
) -> None:
    now = today()
    intake, profiled, finding = (now - timedelta(days=d) for d in (21, 14, 7))
    employer = f"Cafe {uuid.uuid4().hex[:6]}"
    coach = with_passkey(new_person, org.coach, **PHONE)
    page = coach.page

    # Intake and the informed decision, from the client's record.
    ClientRecord(page).open(fresh_client.id).topic("journey")
    expect(coach.heading()).to_have_text(f"Journey of {fresh_client.name}")
    journey = JourneyScreen(page)
    journey.record_intake(intake, date(2025, 9, 1), "Disability benefit or pension")
    decision = page.get_by_role("region", name="Decision to take part")
    decision.get_by_role("button", name="The client says yes: record it").click()
    expect(decision).to_contain_text(f"The client said yes on {day(now)}")

    # The agreement: written by the coach from the record, agreed by the client's passkey on
    # their phone, signed second by the coach's.
    ClientRecord(page).open(fresh_client.id)
    page.get_by_role("link", name="Agreements", exact=True).click()
    expect(coach.heading()).to_have_text(f"Agreements of {fresh_client.name}")
    page.get_by_role("link", name="Write an agreement").click()
    page.get_by_label("The goal in the client's words").fill("Work in a cafe kitchen.")
    page.get_by_role("group", name="How often you meet").get_by_role(
        "radio", name="Every week"
    ).check()
    page.get_by_role("button", name="Give it to the client to read").click()
    expect(AgreementPage(page).status()).to_have_text("Waiting for the client to read and agree")
    agreement_url = page.url

    client = with_passkey(new_person, fresh_client, **PHONE)
    cp = client.page
    cp.goto("/")
    client.nav("My agreements")
    cp.get_by_role("link", name=f"With {org.coach.name}, job coach").click()
    mine = AgreementPage(cp)
    expect(mine.newest()).to_contain_text("Work in a cafe kitchen.")
    mine.agree()

    page.goto(agreement_url)
    signing = AgreementPage(page)
    signing.sign()
    expect(signing.status()).to_have_text("Agreed by both")

    # Stages with dates: the profile, then finding a job; getting started ends.
    ClientRecord(page).open(fresh_client.id).topic("journey")
    journey.start_stage("2. Vocational profile", profiled)
    journey.end_stage("Getting started", profiled)
    journey.start_stage("3. Finding a job", finding)
    journey.end_stage("Vocational profile", finding)

    # An employer in the team's register, with a person there.
    register = EmployersPage(coach).open_from_nav()
    register.add(employer, "Aurakatu 5, Turku")
    register.add_person("Sanna Supervisor", "supervisor", "sanna@cafe.example")

    # Three activities: with the client at the office; with the mother without signal (kept
    # on the phone, sent once); a phone call to Sanna that reached no one.
    ClientRecord(page).open(fresh_client.id)
    page.get_by_role("link", name="Activity log", exact=True).click()
    expect(coach.heading()).to_have_text("Activity log")
    page.get_by_role("link", name="Log an activity").first.click()
    form = ActivityForm(page)
    form.fill(
        whom="With the client",
        how="Face to face at the office",
        tried=False,
        about="Looking for a job",
        note="Looked at cafe jobs together",
    )
    form.save()
    expect(page.get_by_text("The activity is written down.")).to_be_visible()

    page.goto(f"/clients/{fresh_client.id}/activities/new")
    expect(coach.heading()).to_have_text("Log an activity")
    coach.context.set_offline(True)
    form.fill(
        whom="With family",
        name="Mother",
        how="Face to face somewhere else",
        tried=False,
        about="Family",
        note="Talked about the bus to the cafe",
    )
    form.save()
    expect(page.get_by_text("The activity is kept on this phone.")).to_be_visible()
    sync = SyncStatus(page)
    sync.expect("1 change waiting to send")
    coach.context.set_offline(False)
    sync.expect("All saved")

    page.goto(f"/clients/{fresh_client.id}/activities/new")
    form.fill(
        whom="With the employer",
        name="Sanna Supervisor",
        how="Phone call",
        tried=True,
        about="Contact with an employer",
        note="No answer, will call again",
    )
    form.save()
    expect(page.get_by_text("The activity is written down.")).to_be_visible()
    # Written within the same minute, so compared without their order.
    assert sorted(logged_for(server, fresh_client.id)) == [
        ("elsewhere", "family", 1),
        ("office", "client", 1),
        ("phone", "employer_person", 0),
    ], "each activity is stored once, the offline one too"

    # The job, with hours and pay, from the record: it starts today.
    ClientRecord(page).open(fresh_client.id)
    page.get_by_role("link", name="Jobs", exact=True).click()
    page.get_by_role("link", name="Record a job").click()
    job = JobForm(page)
    job.fill(employer, "Kitchen assistant", now.isoformat(), "20", "12,10")
    job.save()
    expect(coach.heading()).to_have_text("Kitchen assistant")
    expect(page.get_by_text("20 h a week")).to_be_visible()
    expect(page.get_by_text("€12.10 an hour")).to_be_visible()

    # The job moved the client on: finding a job ended, support on and off the job began, and
    # it shows the job it produced.
    ClientRecord(page).open(fresh_client.id).topic("journey")
    stages = journey.stages().get_by_role("listitem").filter(has=page.locator("strong"))
    expect(stages).to_have_count(4)
    expect(stages.nth(0)).to_contain_text(
        f"Getting started — from {day(intake)} to {day(profiled)}"
    )
    expect(stages.nth(1)).to_contain_text(
        f"Vocational profile — from {day(profiled)} to {day(finding)}"
    )
    expect(stages.nth(2)).to_contain_text(f"Finding a job — from {day(finding)} to {day(now)}")
    expect(stages.nth(3)).to_contain_text(f"Support on and off the job — from {day(now)}")
    # Each stage links to what it produced: the job, and the agreement (agreed by both today).
    produced = stages.nth(3).get_by_role("list", name="What this stage produced")
    expect(produced.get_by_role("link", name=f"Agreement: {org.coach.name}")).to_be_visible()
    produced.get_by_role("link", name=f"Job: Kitchen assistant at {employer}").click()
    expect(coach.heading()).to_have_text("Kitchen assistant")

    # The client, in their own words: where they work, their journey, their agreement, what
    # was done with them.
    cp.goto("/")
    expect(cp.get_by_text(f"You work at {employer} as Kitchen assistant.")).to_be_visible()
    client.nav("My journey")
    expect(client.heading()).to_have_text("My journey")
    expect(cp.get_by_text(f"You said yes to taking part on {day(now)}.")).to_be_visible()
    steps = cp.get_by_role("list", name="Your steps so far").get_by_role("listitem")
    steps = steps.filter(has=cp.locator("strong"))
    expect(steps).to_have_count(4)
    expect(steps.nth(0)).to_contain_text(
        f"Getting to know you — from {day(intake)} to {day(profiled)}"
    )
    expect(steps.nth(2)).to_contain_text(f"Looking for a job — from {day(finding)} to {day(now)}")
    expect(steps.nth(3)).to_contain_text(f"Support at work — from {day(now)}")
    expect(steps.nth(3)).to_contain_text(f"Job: Kitchen assistant at {employer}")

    # Their agreement, opened from their journey.
    steps.nth(3).get_by_role("link", name=f"Agreement: {org.coach.name}").click()
    expect(AgreementPage(cp).status()).to_have_text("Agreed by both")
    expect(AgreementPage(cp).newest()).to_contain_text("Work in a cafe kitchen.")

    client.nav("What we did together")
    together = cp.get_by_role("list", name="What we did together")
    expect(together.get_by_role("listitem")).to_have_count(3)
    expect(together).to_contain_text("With you")
    expect(together).to_contain_text("Face to face at the office")
    expect(together).to_contain_text("With family: Mother")
    expect(together).to_contain_text("Phone call · Tried, but did not reach anyone")

    # And all of it under My data, each in a part of its own.
    client.nav("My data")
    for part in (
        "The stages of your journey",
        "Your agreements",
        "Activities about you",
        "Your jobs",
    ):
        expect(cp.get_by_role("region", name=part, exact=True)).to_be_visible()
    expect(cp.get_by_role("region", name="Your jobs", exact=True)).to_contain_text(
        "Kitchen assistant"
    )
    about = cp.get_by_role("region", name="Activities about you", exact=True)
    about.get_by_text("Show 3 items").click()
    expect(about.get_by_role("term").filter(has_text="When")).to_have_count(3)

    # The team's coordinator reads the stage history from the client's record.
    coordinator = new_person(account=org.coordinator, bypass_csp=True, **PHONE)  # for axe
    ClientRecord(coordinator.page).open(fresh_client.id).topic("journey")
    history = JourneyScreen(coordinator.page).stages().get_by_role("listitem")
    history = history.filter(has=coordinator.page.locator("strong"))
    expect(history).to_have_count(4)
    expect(history.nth(0)).to_contain_text(
        f"Getting started — from {day(intake)} to {day(profiled)}"
    )
    expect(history.nth(2)).to_contain_text(f"Finding a job — from {day(finding)} to {day(now)}")
    expect(history.nth(3)).to_contain_text(f"Support on and off the job — from {day(now)}")
    expect(history.nth(3)).to_contain_text(f"Job: Kitchen assistant at {employer}")

    # The history with its links passes the accessibility checks (axe, 48 px targets, no
    # sideways scrolling) at 320 px, with the text at each size.
    view = coordinator.page
    view.set_viewport_size({"width": WIDTH, "height": 720})
    view.add_script_tag(path=AXE)
    problems: list[str] = []
    for size in TEXT_SIZES:
        view.evaluate(f"document.documentElement.style.fontSize = '{size}'")
        problems += _check(view, f"the coordinator's journey screen [{size}]")
    assert not problems, "\n".join(problems)
