""" "Who looked at your record" and the audit log in the browser: the client
reads one plain sentence per person and day in their language; an administrator narrows the
log to one client and reads names, not ids."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory


class MyDataViews:
    """The "Who looked at your record" card of My data."""

    def __init__(self, page: Page, title: str) -> None:
        self.page = page
        self.card = page.get_by_role("region", name=title, exact=True)

    def open(self) -> MyDataViews:
        self.page.goto("/my-data")
        return self

    def sentences(self) -> Locator:
        return self.card.get_by_role("listitem")


class AuditLog:
    """The audit log screen with its filters."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> AuditLog:
        self.page.goto("/audit")
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Audit log")
        return self

    def narrow(self, *, client: str | None = None, kind: str | None = None) -> None:
        if client is not None:
            self.page.get_by_label("About which client").select_option(label=client)
        if kind is not None:
            self.page.get_by_label("What happened").select_option(label=kind)
        self.page.get_by_role("button", name="Show entries").click()

    def entries(self) -> Locator:
        """One list item an entry: what happened, then When, Who, About whom, Result."""
        return self.page.get_by_role("list", name=re.compile("^Showing the newest")).get_by_role(
            "listitem"
        )

    def older(self) -> Locator:
        return self.page.get_by_role("button", name="Show older entries")


def test_a_finnish_client_reads_one_sentence_for_a_busy_afternoon(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    coach = new_person(account=org.coach)
    # Jonas opens the client's tasks and goals again and again: a dozen audit entries.
    for _ in range(6):
        coach.api("GET", f"/api/clients/{fresh_client.id}/tasks")
        coach.api("GET", f"/api/clients/{fresh_client.id}/goals")
    client = new_person(account=fresh_client, locale="fi-FI", timezone="Europe/Helsinki")
    client.api("PATCH", "/api/me", {"locale": "fi"})
    views = MyDataViews(client.page, "Kuka on katsonut tietojasi").open()
    expect(views.sentences()).to_have_count(1)
    expect(views.sentences().first).to_have_text(
        re.compile(
            r"^Jonas Virtanen, työvalmentajasi, katsoi tehtäviäsi ja tavoitteitasi"
            r" — \d{1,2}\. [a-zäö]+ \d{4}$"
        )
    )
    expect(views.card.locator("[lang='fi']")).to_be_visible()
    expect(views.card.get_by_text("Aiempaa ei ole.")).to_be_visible()
    expect(client.page.get_by_text(re.compile("tasks listed|goals read|_read"))).to_have_count(0)


def test_an_administrator_narrows_the_log_to_one_client_and_reads_names(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    coach = new_person(account=org.coach)
    coach.api("GET", f"/api/clients/{fresh_client.id}/tasks")
    coach.api("GET", f"/api/clients/{org.client.id}/tasks")  # another client: not shown
    admin = new_person(account=org.admin)
    log = AuditLog(admin.page).open()
    log.narrow(client=fresh_client.name, kind="Looked at the tasks")
    entries = log.entries()
    expect(entries).to_have_count(1)
    expect(entries.first).to_contain_text("Looked at the tasks")
    expect(entries.first).to_contain_text("Jonas Virtanen")
    expect(entries.first).to_contain_text(fresh_client.name)
    expect(admin.page.get_by_text("There are no older entries.")).to_be_visible()
    # Back to everything: the other client's entry is there again, by name.
    admin.page.get_by_role("button", name="Show everything").click()
    expect(log.entries().filter(has_text=org.client.name).first).to_be_visible()
    assert uuid.UUID(fresh_client.id)  # ids stay out of the list
    expect(log.entries().first).not_to_contain_text(fresh_client.id[:8])


SIDEWAYS_JS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_on_a_phone_the_log_reaches_its_oldest_entry_when_asked_and_filters(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    """More entries than one page: scrolling to the end loads nothing behind the person's back
    (the end of the screen stays in reach); "Show older entries" brings them, down to the first,
    nothing scrolls sideways at 390 px, nor at 320 px with 200 % text, and Hebrew dates read
    right to left."""
    coach = new_person(account=org.coach)
    coach.api("GET", f"/api/clients/{fresh_client.id}/goals")
    for _ in range(64):
        coach.api("GET", f"/api/clients/{fresh_client.id}/tasks")
    admin = new_person(account=org.admin, width=390, height=844)
    hers = admin.api("GET", f"/api/audit?client={fresh_client.id}&limit=200")
    assert len(hers) > 50 + 14  # more than a page
    log = AuditLog(admin.page).open()
    log.narrow(client=fresh_client.name)
    expect(log.entries()).to_have_count(50)
    assert admin.page.evaluate(SIDEWAYS_JS) <= 0
    log.entries().last.scroll_into_view_if_needed()
    admin.page.mouse.wheel(0, 10_000)
    expect(admin.page.get_by_role("contentinfo")).to_be_in_viewport()
    expect(log.entries()).to_have_count(50)  # nothing loaded by scrolling alone
    log.older().click()
    expect(log.entries()).to_have_count(len(hers))
    expect(admin.page.get_by_text("There are no older entries.")).to_be_visible()
    # The kind narrows what is shown; one entry, and still no page to scroll sideways.
    log.narrow(client=fresh_client.name, kind="Looked at the goals")
    expect(log.entries()).to_have_count(1)

    # In Hebrew the page runs right to left; each date is an isolate inside it.
    admin.api("PATCH", "/api/me", {"locale": "he"})
    try:
        admin.page.reload()
        expect(admin.page.locator("html")).to_have_attribute("dir", "rtl")
        when = admin.page.locator(".audit-entry time bdi").first
        expect(when).to_have_text(re.compile(r"[\u0590-\u05ff]"))  # a Hebrew month
        assert when.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert admin.page.evaluate(SIDEWAYS_JS) <= 0
    finally:
        admin.api("PATCH", "/api/me", {"locale": "en"})

    small = new_person(account=org.admin, width=320, height=720)
    log = AuditLog(small.page).open()
    small.page.evaluate("document.documentElement.style.fontSize = '200%'")
    log.narrow(client=fresh_client.name)
    expect(log.entries()).to_have_count(50)
    assert small.page.evaluate(SIDEWAYS_JS) <= 0
    log.older().click()
    expect(log.entries()).to_have_count(len(hers))
    assert small.page.evaluate(SIDEWAYS_JS) <= 0
