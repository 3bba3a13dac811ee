""" "Who looked at your record" and the audit log in the browser (issue 11, item 8): the client
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

    def rows(self) -> Locator:
        return (
            self.page.get_by_role("table")
            .get_by_role("row")
            .filter(has=self.page.get_by_role("cell"))
        )


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
    rows = log.rows()
    expect(rows).to_have_count(1)
    expect(rows.first.get_by_role("cell").nth(1)).to_have_text("Looked at the tasks")
    expect(rows.first.get_by_role("cell").nth(2)).to_have_text("Jonas Virtanen")
    expect(rows.first.get_by_role("cell").nth(3)).to_have_text(fresh_client.name)
    expect(admin.page.get_by_text("There are no earlier entries.")).to_be_visible()
    # Back to everything: the other client's entry is there again, by name.
    admin.page.get_by_role("button", name="Show everything").click()
    expect(log.rows().filter(has_text=org.client.name).first).to_be_visible()
    assert uuid.UUID(fresh_client.id)  # ids stay out of the table
    expect(admin.page.get_by_role("table")).not_to_contain_text(fresh_client.id[:8])
