"""The client's journey in the browser: a coach records the intake and the client's informed
decision and moves the client through stages with dates; the client reads the journey in plain
words; the team's coordinator sees the stage history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory
from tests.e2e.pages import ClientRecord
from tests.support.agreements import draft_body
from tests.support.journey import intake

PHONE = {"width": 390, "height": 844}


def today() -> date:
    return datetime.now(UTC).date()


def day(d: date) -> str:
    """A day as the journey writes it in English: "3 March" (and the year when not this)."""
    words = f"{d.day} {d.strftime('%B')}"
    return words if d.year == today().year else f"{words} {d.year}"


class JourneyScreen:
    """The coach's journey screen of one client (``/clients/:id/journey``)."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def stages(self) -> Locator:
        return self.page.get_by_role("list", name="Stages")

    def record_intake(self, on: date, out_of_work_since: date, benefit: str) -> None:
        self.page.get_by_label("Day of the intake").fill(on.isoformat())
        self.page.get_by_label("Out of paid work since").fill(out_of_work_since.isoformat())
        self.page.get_by_role("checkbox", name=benefit).check()
        self.page.get_by_role("button", name="Record the intake").click()
        expect(self.page.get_by_text("The intake is recorded.")).to_be_visible()

    def start_stage(self, label: str, on: date) -> None:
        form = self.page.get_by_role("form", name="Start a stage")
        form.get_by_label("Stage", exact=True).select_option(label=label)
        form.get_by_label("Day it started").fill(on.isoformat())
        form.get_by_role("button", name="Start the stage").click()
        expect(self.page.get_by_text("The stage has started.")).to_be_visible()

    def end_stage(self, name: str, on: date) -> None:
        self.page.get_by_role("button", name=f"End this stage {name}").click()
        form = self.page.get_by_role("form", name=f"End {name}")
        form.get_by_label(f"Day {name} ended").fill(on.isoformat())
        form.get_by_role("button", name=f"End {name}").click()
        expect(self.page.get_by_text("The stage has ended.")).to_be_visible()


def test_a_coach_takes_a_client_through_the_stages_and_the_client_reads_them(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    now = today()
    intake, profiled = now - timedelta(days=10), now - timedelta(days=6)

    coach = new_person(account=org.coach, **PHONE)
    ClientRecord(coach.page).open(fresh_client.id).topic("journey")
    expect(coach.heading()).to_have_text(f"Journey of {fresh_client.name}")
    journey = JourneyScreen(coach.page)
    journey.record_intake(intake, date(2025, 9, 1), "Disability benefit or pension")
    situation = coach.page.get_by_role("region", name="Situation at the start")
    expect(situation).to_contain_text(f"Not in paid work — since {day(date(2025, 9, 1))}")
    expect(situation).to_contain_text("Disability benefit or pension")

    # The informed decision: read with the client, recorded when they say yes.
    decision = coach.page.get_by_role("region", name="Decision to take part")
    expect(decision).to_contain_text("Do you want to take part?")
    decision.get_by_role("button", name="The client says yes: record it").click()
    expect(decision).to_contain_text(f"The client said yes on {day(now)}")

    # Stages with dates: they overlap, end, and the next one starts.
    journey.start_stage("2. Vocational profile", profiled)
    journey.end_stage("Getting started", profiled)
    journey.start_stage("3. Finding a job", now)
    items = journey.stages().get_by_role("listitem")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text(f"Getting started — from {day(intake)} to {day(profiled)}")
    expect(items.nth(1)).to_contain_text(f"Vocational profile — from {day(profiled)}")
    expect(items.nth(2)).to_contain_text(f"Finding a job — from {day(now)}")
    refused = coach.page.get_by_role("form", name="Start a stage")
    refused.get_by_label("Stage", exact=True).select_option(label="3. Finding a job")
    refused.get_by_role("button", name="Start the stage").click()
    expect(refused.get_by_text("This stage is already going on.")).to_be_visible()

    # The client reads it in plain words.
    client = new_person(account=fresh_client, **PHONE)
    client.page.goto("/more")
    client.page.get_by_role("link", name="My journey").click()
    expect(client.heading()).to_have_text("My journey")
    steps = client.page.get_by_role("list", name="Your steps so far").get_by_role("listitem")
    expect(steps.nth(0)).to_have_text(
        f"Getting to know you — from {day(intake)} to {day(profiled)}"
    )
    expect(steps.nth(1)).to_have_text(f"Finding out what work suits you — from {day(profiled)}")
    expect(steps.nth(2)).to_have_text(f"Looking for a job — from {day(now)}")
    expect(client.page.get_by_text(f"You said yes to taking part on {day(now)}.")).to_be_visible()

    # The team's coordinator sees the stage history.
    coordinator = new_person(account=org.coordinator)
    coordinator.page.goto(f"/clients/{fresh_client.id}/journey")
    history = JourneyScreen(coordinator.page).stages().get_by_role("listitem")
    expect(history).to_have_count(3)
    expect(history.nth(0)).to_contain_text(
        f"Getting started — from {day(intake)} to {day(profiled)}"
    )
    expect(history.nth(2)).to_contain_text(f"Finding a job — from {day(now)}")


def test_the_client_confirms_the_decision_on_their_own_phone(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    coach = new_person(account=org.coach)
    coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/journey/episodes",
        {"localId": "7a1c3e9e-8f43-4d38-9a0e-2b1f6c1d2e3f", "intakeOn": today().isoformat()},
    )
    client = new_person(account=fresh_client, **PHONE)
    client.page.goto("/journey")
    mine = client.page.get_by_role("region", name="Your decision")
    expect(mine).to_contain_text("You decide. You can say no, or stop later.")
    mine.get_by_role("button", name="Yes, I want to take part").click()
    expect(mine).to_contain_text(f"You said yes to taking part on {day(today())}.")
    # The coach sees that the client confirmed it themselves.
    coach.page.goto(f"/clients/{fresh_client.id}/journey")
    expect(coach.page.get_by_role("region", name="Decision to take part")).to_contain_text(
        f"The client said yes on their phone on {day(today())}."
    )


def test_a_stage_started_without_signal_is_sent_once_the_signal_is_back(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    coach = new_person(account=org.coach, **PHONE)
    coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/journey/episodes",
        {"localId": "0b6f1f5e-3c1e-4d7a-9f51-7e0d2a4c9b11", "intakeOn": today().isoformat()},
    )
    page = coach.page
    page.goto(f"/clients/{fresh_client.id}/journey")
    journey = JourneyScreen(page)
    expect(journey.stages().get_by_role("listitem")).to_have_count(1)
    coach.context.set_offline(True)
    form = page.get_by_role("form", name="Start a stage")
    form.get_by_label("Stage", exact=True).select_option(label="2. Vocational profile")
    form.get_by_role("button", name="Start the stage").click()
    expect(page.get_by_text("Saved on this phone.")).to_be_visible()
    with page.expect_response(
        lambda r: r.url.endswith("/journey/stages") and r.request.method == "POST"
    ) as sent:
        coach.context.set_offline(False)
    assert sent.value.status == 201
    page.reload()
    items = journey.stages().get_by_role("listitem")
    expect(items).to_have_count(2)
    expect(items.nth(1)).to_contain_text(f"Vocational profile — from {day(today())}")


def test_an_administrator_sets_the_target_days_per_stage(
    org: Organisation, new_person: PersonFactory
) -> None:
    admin = new_person(account=org.admin)
    page = admin.page
    page.goto("/organisation")
    targets = page.get_by_role("region", name="Target days per stage")
    try:
        targets.get_by_label("Getting started: days").fill("21")
        targets.get_by_role("button", name="Save the targets").click()
        expect(targets.get_by_text("The targets are saved.")).to_be_visible()
        saved = admin.api("GET", "/api/journey/targets")["targets"]
        assert saved[0] == {"stage": "engagement", "days": 21}
        page.reload()
        expect(targets.get_by_label("Getting started: days")).to_have_value("21")
    finally:
        # The organisation is shared by the session's tests: no target stays behind.
        admin.api(
            "PUT", "/api/journey/targets", {"targets": [{"stage": "engagement", "days": None}]}
        )


def test_the_engagement_stage_links_to_the_agreement_made_in_it(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    coach = new_person(account=org.coach)
    # Set-up: the intake five days ago, then an agreement drafted today.
    coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/journey/episodes",
        intake(today() - timedelta(days=5)),
    )
    agreement = coach.api(
        "POST", f"/api/clients/{fresh_client.id}/agreements", draft_body(org.coach.id)
    )
    coach.page.goto(f"/clients/{fresh_client.id}/journey")
    products = (
        JourneyScreen(coach.page).stages().get_by_role("list", name="What this stage produced")
    )
    link = products.get_by_role("link", name=org.coach.name)
    expect(link).to_have_attribute("href", f"/agreements/{agreement['id']}")
    expect(products.get_by_role("listitem")).to_contain_text(f"Agreement: {org.coach.name}")
