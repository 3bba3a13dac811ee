"""Employers and jobs as a coach meets them: a coach enters an employer in the team's register
with a person there, gives that person the organisation's notice, records a job with hours and
pay for a client; the client's home then says where they work. Phone-sized, and at 320 px with
200 % text nothing needs scrolling sideways."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import ClientRecord, Person, SyncStatus
from tests.e2e.test_accessibility import AXE, TEXT_SIZES, WIDTH, _check

WIDE_JS = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


class EmployersPage:
    """The team's employer register, an employer's page, and the people there."""

    def __init__(self, person: Person) -> None:
        self.person = person
        self.page = person.page

    def open_from_nav(self) -> EmployersPage:
        self.page.goto("/")
        self.person.nav("Employers")
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Employers")
        return self

    def add(self, name: str, address: str) -> None:
        self.page.get_by_role("link", name="Add an employer").click()
        self.page.get_by_label("Name", exact=True).fill(name)
        self.page.get_by_label("Address", exact=True).fill(address)
        self.page.get_by_role("button", name="Add the employer").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(name)

    def people(self) -> Locator:
        return self.page.get_by_role("list", name="People at the employer")

    def add_person(self, name: str, role: str, email: str) -> None:
        form = self.page.get_by_role("form", name="Add a person")
        form.get_by_label("Name", exact=True).fill(name)
        form.get_by_label("Role at work").fill(role)
        form.get_by_label("E-mail").fill(email)
        form.get_by_role("button", name="Add the person").click()
        expect(self.people().get_by_role("link", name=re.compile(rf"^{name}"))).to_be_visible()


class JobForm:
    """Recording a client's job."""

    QUESTIONS = (
        "Paid at least the legal minimum wage",
        "Open to anyone, not set aside for disabled people",
        "Same pay as others doing the same work",
        "Works alongside co-workers without disabilities",
    )

    def __init__(self, page: Page) -> None:
        self.page = page

    def fill(self, employer: str, title: str, start: str, hours: str, pay: str) -> None:
        self.page.get_by_label("Employer", exact=True).select_option(label=employer)
        self.page.get_by_label("Job title").fill(title)
        self.page.get_by_label("First day").fill(start)
        self.page.get_by_label("Hours a week").fill(hours)
        self.page.get_by_label("Pay an hour").fill(pay)
        self.page.get_by_label("Contract").select_option(label="For a set time")
        for question in self.QUESTIONS:
            self.page.get_by_role("group", name=question).get_by_role("radio", name="Yes").check()

    def save(self) -> None:
        self.page.get_by_role("button", name="Record the job").click()


def test_a_coach_records_an_employer_a_person_and_a_job_and_the_client_sees_where_they_work(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    page = coach.page
    register = EmployersPage(coach).open_from_nav()
    register.add("Hotel Aurora", "Rantatie 2, Turku")
    register.add_person("Sam Supervisor", "supervisor", "sam@aurora.example")
    expect(register.people()).to_contain_text("Not yet told what is kept")

    # The person is given the organisation's notice: shown on the phone, then noted.
    register.people().get_by_role("link", name=re.compile(r"^Sam Supervisor")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Supervisor")
    page.get_by_text("Show the notice").click()
    expect(page.get_by_text("as a contact person at a workplace")).to_be_visible()
    expect(page.get_by_role("link", name="Send it by e-mail")).to_have_attribute(
        "href", re.compile(r"^mailto:sam%40aurora\.example\?subject=")
    )
    page.get_by_role("button", name="They have the notice").click()
    expect(page.get_by_role("status").filter(has_text="given the notice today")).to_be_visible()
    page.get_by_role("link", name="Hotel Aurora").click()
    expect(register.people()).to_contain_text("Told what is kept on")

    # A job with hours and pay for the client, from the client's record.
    ClientRecord(page).open(fresh_client.id)
    page.get_by_role("link", name="Jobs", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Jobs of {fresh_client.name}")
    page.get_by_role("link", name="Record a job").click()
    form = JobForm(page)
    form.fill("Hotel Aurora", "Kitchen assistant", "2026-11-02", "12,5", "11,40")
    expect(page.get_by_text("This job is competitive and integrated.")).to_be_visible()
    form.save()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kitchen assistant")
    expect(page.get_by_text("12.5 h a week")).to_be_visible()
    expect(page.get_by_text("€11.40 an hour")).to_be_visible()
    page.get_by_role("link", name=f"Jobs of {fresh_client.name}").click()
    expect(
        page.get_by_role("list", name="Jobs").get_by_role("link", name=re.compile("Kitchen"))
    ).to_contain_text("Kitchen assistant at Hotel Aurora, since")

    # A new shift and a new task offer the job and fill in its workplace.
    page.goto(f"/clients/{fresh_client.id}/shifts")
    page.get_by_role("button", name="Add a shift").click()
    page.get_by_label("At which job").select_option(label="Kitchen assistant at Hotel Aurora")
    expect(page.get_by_label("Workplace", exact=True)).to_have_value("Hotel Aurora")
    page.goto(f"/clients/{fresh_client.id}/tasks/new")
    page.get_by_label("At which job").select_option(label="Kitchen assistant at Hotel Aurora")
    expect(page.get_by_label("Workplace", exact=True)).to_have_value("Hotel Aurora")
    page.get_by_label("Name of the task").fill("Fold the napkins")
    page.get_by_role("button", name="Create the task").click()
    expect(page).to_have_url(re.compile(r"/tasks/[^/]+/edit$"))
    task_id = page.url.split("/")[-2]
    assert coach.api("GET", f"/api/tasks/{task_id}")["jobId"] is not None

    # The client's home says where they work, above the next shift, on the first screen.
    client = new_person(account=fresh_client, width=390, height=844)
    client.page.goto("/")
    where = client.page.get_by_text("You work at Hotel Aurora as Kitchen assistant.")
    expect(where).to_be_visible()
    expect(where).to_contain_text("Rantatie 2, Turku")
    expect(where).to_be_in_viewport()
    expect(client.page.get_by_role("heading", name="My tasks")).to_be_in_viewport()


def test_the_register_and_the_job_form_fit_320_px_at_200_percent_text(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, width=320, height=720)
    page = coach.page
    page.goto("/employers/new")
    page.get_by_label("Name", exact=True).fill("Cafe Mocca")
    page.get_by_role("button", name="Add the employer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cafe Mocca")
    for path in ("/employers", page.url, f"/clients/{fresh_client.id}/jobs/new"):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert not page.evaluate(WIDE_JS), path


@pytest.mark.parametrize("language", ["en", "he"])
def test_the_employer_and_job_screens_pass_axe_at_320_px_and_200_percent_text(
    language: str,
    org: Organisation,
    fresh_client: Account,
    new_person: PersonFactory,
    browser: Browser,
    server: Server,
) -> None:
    """The checks of ``test_accessibility.py`` (axe with WCAG 2.2 AAA tags, 48 px targets, no
    sideways scrolling) on every screen of the register and of a client's jobs, in English and
    in Hebrew (right to left), and on the client's home that says where they work."""
    setup = new_person(account=org.coach)
    employer = setup.api(
        "POST",
        "/api/employers",
        {"localId": str(uuid.uuid4()), "name": "Hotel Aurora", "address": "Rantatie 2, Turku"},
    )
    person = setup.api(
        "POST",
        f"/api/employers/{employer['id']}/people",
        {"localId": str(uuid.uuid4()), "name": "Sam Supervisor", "email": "sam@aurora.example"},
    )
    job = setup.api(
        "POST",
        f"/api/clients/{fresh_client.id}/jobs",
        {
            "localId": str(uuid.uuid4()),
            "employerId": employer["id"],
            "title": "Kitchen assistant",
            "startDate": "2026-11-02",
            "hoursPerWeek": 12.5,
            "hourlyPayCents": 1140,
        },
    )
    screens: list[tuple[Account, list[str]]] = [
        (
            org.coach,
            [
                "/employers",
                "/employers/new",
                f"/employers/{employer['id']}",
                f"/employers/{employer['id']}/people/{person['id']}",
                f"/clients/{fresh_client.id}/jobs",
                f"/clients/{fresh_client.id}/jobs/new",
                f"/jobs/{job['id']}",
            ],
        ),
        (fresh_client, ["/"]),
    ]
    problems: list[str] = []
    for account, paths in screens:
        viewer = Person.open(
            browser,
            server.url,
            account=account,
            locale="he-IL" if language == "he" else "en-GB",
            width=WIDTH,
            height=720,
            bypass_csp=True,  # only so axe can be injected as a script
        )
        try:
            page = viewer.page
            for path in paths:
                page.evaluate("document.documentElement.style.fontSize = ''")
                page.goto(path)
                expect(page.get_by_role("heading", level=1)).to_be_visible()
                page.wait_for_function("() => !document.querySelector('.loading')")
                expect(page.locator("html")).to_have_attribute(
                    "dir", "rtl" if language == "he" else "ltr"
                )
                if "/people/" in path:
                    page.locator("summary").click()  # the notice, open
                page.add_script_tag(path=AXE)
                for size in TEXT_SIZES:
                    page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
                    page.wait_for_timeout(50)
                    problems += _check(page, f"{path} [{language}, {size}]")
        finally:
            viewer.close()
    assert not problems, "\n".join(problems)


def test_a_person_added_without_signal_is_kept_on_the_phone_and_sent_once(
    org: Organisation, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    page = coach.page
    employer = coach.api(
        "POST", "/api/employers", {"localId": str(uuid.uuid4()), "name": "Cafe Yafo"}
    )
    page.goto(f"/employers/{employer['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cafe Yafo")
    register = EmployersPage(coach)
    coach.context.set_offline(True)
    form = page.get_by_role("form", name="Add a person")
    form.get_by_label("Name", exact=True).fill("Dana Levi")
    form.get_by_label("Role at work").fill("owner")
    form.get_by_role("button", name="Add the person").click()
    expect(form.get_by_role("status")).to_have_text(
        re.compile("Saved on this phone. It is sent when there is a connection.")
    )
    coach.context.set_offline(False)
    SyncStatus(page).expect("All saved")
    page.reload()
    expect(register.people().get_by_role("link", name=re.compile(r"^Dana Levi"))).to_be_visible()
    people = coach.api("GET", f"/api/employers/{employer['id']}")["people"]
    assert [p["name"] for p in people] == ["Dana Levi"]
