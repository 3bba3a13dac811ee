"""A client's record for staff: a short overview with a card per topic, and
each topic on its own screen with its own address, forms opened when asked for."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import Organisation, PersonFactory, TaskInfo
from tests.e2e.pages import ClientRecord
from tests.e2e.test_today import data_requests

PHONE = {"width": 390, "height": 844}


def test_the_overview_fits_in_less_than_three_phone_screens(
    org: Organisation, new_person: PersonFactory, client_task: TaskInfo
) -> None:
    coach = new_person(account=org.coach, **PHONE)
    page = coach.page
    ClientRecord(page).open(org.client.id)
    expect(coach.heading()).to_have_text(org.client.name)
    page.wait_for_function("() => !document.querySelector('.loading')")
    # A summary per topic, each with the way to its own screen.
    tasks = page.get_by_role("region", name="Tasks", exact=True)
    expect(tasks).to_contain_text(re.compile(r"\d+ tasks?"))
    for name in ClientRecord.OPEN.values():
        expect(page.get_by_role("link", name=name)).to_be_visible()
    # No form is open until asked for.
    expect(page.get_by_role("main").get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("main").get_by_role("combobox")).to_have_count(0)
    height = page.evaluate("document.querySelector('main .page').getBoundingClientRect().bottom")
    assert height < 3 * PHONE["height"], height

    # The stage: a button opens the form, and focus goes to it.
    page.get_by_role("button", name="Change the stage").click()
    expect(page.get_by_label("Stage", exact=True)).to_be_focused()
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("button", name="Change the stage")).to_be_focused()


def test_each_topic_has_its_own_address_that_opens_directly(
    org: Organisation, new_person: PersonFactory, client_task: TaskInfo
) -> None:
    coach = new_person(account=org.coach, **PHONE)
    page = coach.page
    name = org.client.name
    headings = {
        "tasks": f"Tasks of {name}",
        "shifts": f"Shifts of {name}",
        "goals": f"Goals of {name}",
        "conversations": re.compile(f"{name}"),
        "family": f"Family of {name}",
        "reminders": f"Reminders of {name}",
    }
    for topic, heading in headings.items():
        page.goto(f"/clients/{org.client.id}/{topic}")
        expect(coach.heading()).to_have_text(heading)
    # From the overview, as a person goes there, and back.
    record = ClientRecord(page).open(org.client.id)
    main = record.topic("tasks")
    # The session's client has other tasks of the same title (other files make them, in an
    # order that depends on which test process runs which file): this task's own link.
    link = main.get_by_role("link", name=re.compile(f"^{client_task.title}")).and_(
        page.locator(f'a[href="/tasks/{client_task.id}/edit"]')
    )
    expect(link).to_be_visible()
    page.get_by_role("link", name=f"Back to {name}").click()
    expect(coach.heading()).to_have_text(name)
    record.topic("family")
    expect(page.get_by_role("region", name="Family", exact=True)).to_be_visible()


def test_the_way_back_from_a_client_says_where_it_goes_for_each_role(
    org: Organisation, new_person: PersonFactory
) -> None:
    # A coach's home is "My clients"; a coordinator's is their team, not a caseload of theirs.
    for account, back in ((org.coach, "My clients"), (org.coordinator, "Home")):
        person = new_person(account=account, **PHONE)
        ClientRecord(person.page).open(org.client.id)
        link = person.page.get_by_role("main").get_by_role("link", name=back, exact=True)
        link.click()
        expect(person.page).to_have_url(re.compile(r"/$"))


def test_the_news_form_opens_only_when_the_coach_asks_for_it(
    org: Organisation, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, **PHONE)
    main = ClientRecord(coach.page).open(org.client.id).topic("family")
    news = main.get_by_role("region", name="News for the family")
    expect(news.get_by_label("The news")).to_have_count(0)
    write = news.get_by_role("button", name="Write news for the family")
    write.click()
    expect(news.get_by_label("The news")).to_be_focused()
    news.get_by_role("button", name="Close").click()
    expect(news.get_by_label("The news")).to_have_count(0)
    expect(write).to_be_focused()


def test_opening_a_client_makes_one_data_request(
    org: Organisation, new_person: PersonFactory, client_task: TaskInfo
) -> None:
    """The overview takes all it shows from the client's page (``GET /api/clients/{id}/page``):
    one request, one audit entry, not one per card."""
    coach = new_person(account=org.coach, **PHONE)
    page = coach.page
    page.goto("/")
    client = page.get_by_role("main").get_by_role("link", name=re.compile(org.client.name))
    expect(client.first).to_be_visible()
    page.wait_for_load_state("networkidle")
    seen = data_requests(coach)
    client.first.click()
    expect(coach.heading()).to_have_text(org.client.name)
    tasks = page.get_by_role("region", name="Tasks", exact=True)
    expect(tasks).to_contain_text(re.compile(r"\d+ tasks?"))
    expect(page.get_by_role("region", name="Shifts", exact=True)).not_to_contain_text("Loading")
    page.wait_for_load_state("networkidle")
    assert seen == [f"GET /api/clients/{org.client.id}/page"]
