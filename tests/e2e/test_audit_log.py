"""The audit log on a phone: a page of entries, older ones only when the person asks, and then
focus where the older entries start, so a keyboard or screen-reader user reads on from there."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import Organisation, PersonFactory
from tests.e2e.pages import Person

PAGE = 50  # entries a page of the log shows


def test_older_entries_come_when_asked_and_focus_goes_to_the_first_of_them(
    org: Organisation, new_person: PersonFactory
) -> None:
    admin = new_person(account=org.admin, width=320, height=640)
    # More than a page of entries: each read of the client's record is audited (set-up).
    for _ in range(PAGE + 5):
        admin.api("GET", f"/api/clients/{org.client.id}")
    page = admin.page
    page.goto("/audit")
    entries = page.get_by_role("main").get_by_role("list").filter(has=page.locator(".audit-entry"))
    items = entries.get_by_role("listitem")
    expect(items).to_have_count(PAGE)

    # Scrolling to the end loads nothing behind the person's back: the end stays in reach.
    older = page.get_by_role("button", name="Show older entries")
    _scroll_to_the_end(admin)
    expect(page.get_by_role("contentinfo")).to_be_in_viewport()
    expect(items).to_have_count(PAGE)

    # Asked by keyboard: the older entries come and focus goes to the first of them.
    older.focus()
    page.keyboard.press("Enter")
    expect(items.nth(PAGE)).to_be_focused()
    assert items.count() > PAGE
    box = older.bounding_box() if older.count() else None
    assert box is None or box["x"] + box["width"] <= 320


def _scroll_to_the_end(person: Person) -> None:
    person.page.keyboard.press("End")
    person.page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
