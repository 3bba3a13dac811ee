"""A client's long record comes a page at a time for the coach: the tasks, the goals, the news
for the family and the history of sharing choices each show their first page and the rest with
"Show more", and focus goes on where the new items start."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import Browser, Locator, expect

from tests.e2e.conftest import (
    Organisation,
    PersonFactory,
    Server,
    enroll,
    invite_and_enroll,
)
from tests.e2e.pages import ClientRecord, Person

MANY = 53  # more than one page (50)
PAGE = 50


def _show_all(scope: Locator, items: Locator, first: int, total: int, links: bool = False) -> None:
    """The first page, then every item after "Show more", with focus where the new ones start
    (on its link, in a list of links)."""
    expect(items).to_have_count(first)
    more = scope.get_by_role("button", name="Show more")
    more.click()
    expect(items).to_have_count(total)
    expect(more).to_have_count(0)
    new = items.nth(first)
    expect(new.get_by_role("link") if links else new).to_be_focused()


def _record(coach: Person, client_id: str, family_id: str) -> None:
    """Set-up through the API, as the coach: many tasks, goals, news and sharing choices."""
    path = f"/api/clients/{client_id}"
    ends_on = (datetime.now(UTC).date() + timedelta(days=14)).isoformat()
    for i in range(MANY):
        coach.api("POST", f"{path}/tasks", {"title": f"Task {i:03d}"})
        coach.api(
            "POST",
            f"{path}/goals",
            {
                "localId": str(uuid.uuid4()),
                "title": f"Goal {i:03d}",
                "means": ["One step at a time"],
                "endsOn": ends_on,
                "levels": {"expected": "Done"},
            },
        )
        coach.api("POST", f"{path}/updates", {"localId": str(uuid.uuid4()), "text": f"News {i}"})
    texts = coach.api("GET", "/api/family/consent-texts?locale=en")

    def consent(granted: bool) -> None:
        body = {"familyId": family_id, "kind": "goals", "granted": granted}
        coach.api("POST", f"{path}/consents", {**_choice(texts), **body})

    def auto_share(enabled: bool) -> None:
        body = {"kind": "training", "enabled": enabled}
        coach.api("POST", f"{path}/auto-share", {**_choice(texts), **body})

    # Five consents, then pairs: each list has a page and more, ending at different times.
    for i in range(5):
        consent(i % 2 == 0)
    for i in range(MANY):
        consent(i % 2 == 1)
        auto_share(i % 2 == 0)


def _choice(texts: dict[str, Any]) -> dict[str, Any]:
    return {"localId": str(uuid.uuid4()), "textVersion": texts["version"], "locale": "en"}


def test_the_coach_reads_a_long_record_a_page_at_a_time(
    browser: Browser, server: Server, org: Organisation, new_person: PersonFactory
) -> None:
    name = f"Client {uuid.uuid4().hex[:6]}"
    client = invite_and_enroll(browser, server, org.coach, "client", name, coachId=org.coach.id)
    admin = Person.open(browser, server.url, account=org.admin)
    try:
        body = {"role": "family", "displayName": "Finn", "clientId": client.id}
        url = admin.api("POST", "/api/invitations", {"delivery": "link", "relation": "", **body})
    finally:
        admin.close()
    family = enroll(browser, server, url["url"], "family", "Finn")
    coach = new_person(account=org.coach, width=320, height=640)
    _record(coach, client.id, family.id)
    page = coach.page
    record = ClientRecord(page)

    record.open(client.id).topic("tasks")
    tasks = page.get_by_role("region", name="Tasks", exact=True)
    listed = tasks.get_by_role("list", name="Tasks", exact=True).get_by_role("listitem")
    _show_all(tasks, listed, PAGE, MANY, links=True)

    record.open(client.id).topic("goals")
    goals = page.get_by_role("region", name="All goals", exact=True)
    listed = goals.get_by_role("list", name="All goals", exact=True).get_by_role("listitem")
    _show_all(goals, listed, PAGE, MANY, links=True)
    titles = {text.split("\n")[0].strip() for text in listed.all_inner_texts()}
    assert titles == {f"Goal {i:03d}" for i in range(MANY)}  # each once

    record.open(client.id).topic("family")
    news = page.get_by_role("region", name="News for the family")
    items = news.get_by_role("list", name="News and where it stands").get_by_role("listitem")
    _show_all(news, items, PAGE, MANY)

    # The history's two lists come a page of each at a time; a choice older than where the other
    # list stopped waits for the next page, so the first page shows the newest 50 automatic
    # shares and the 49 consents after the oldest of them, then the rest, newest first.
    history = page.get_by_role("region", name="Choices so far", exact=True)
    lines = history.get_by_role("list", name="Choices so far", exact=True).get_by_role("listitem")
    _show_all(history, lines, PAGE + PAGE - 1, 5 + 2 * MANY)
    expect(lines.first).to_contain_text("without asking")  # the newest: the last automatic share
    expect(lines.last).to_contain_text("turned on “My goals” for Finn")  # the oldest: the first one
