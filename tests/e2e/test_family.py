"""Families and the client's rights in the browser: the client decides who sees what,
the coach writes news with a photo, the client approves it, the family member reads it in the
feed — also offline — and it is gone from their screen and their device once the client
withdraws. My data with its download, and erasure by an administrator."""

from __future__ import annotations

import contextlib
import io
import re
import sqlite3
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import (
    Account,
    Organisation,
    PersonFactory,
    Server,
    TaskFactory,
    enroll,
)
from tests.e2e.pages import ClientRecord, Person
from tests.e2e.test_player import controlled
from tests.support.photos import phone_jpeg

FEED_CACHE = "stepwise-feed-v1"


@dataclass
class Family:
    """A client of the organisation's coach with one family member, new for each test."""

    client: Account
    member: Account
    relation: str


@pytest.fixture
def family(browser: Browser, server: Server, org: Organisation) -> Family:
    admin = Person.open(browser, server.url, account=org.admin)
    suffix = uuid.uuid4().hex[:5]
    try:

        def invite(body: dict[str, Any]) -> str:
            return str(admin.api("POST", "/api/invitations", {"delivery": "link", **body})["url"])

        client_name = f"Maria Nowak {suffix}"
        client = enroll(
            browser,
            server,
            invite(
                {
                    "role": "client",
                    "displayName": client_name,
                    "coachId": org.coach.id,
                    "relation": "",
                }
            ),
            "client",
            client_name,
        )
        member_name = f"Finn Nowak {suffix}"
        member = enroll(
            browser,
            server,
            invite(
                {
                    "role": "family",
                    "displayName": member_name,
                    "clientId": client.id,
                    "relation": "brother",
                }
            ),
            "family",
            member_name,
        )
    finally:
        admin.close()
    return Family(client, member, "brother")


# -- the screens as people meet them ---------------------------------------------------------


class SharingPage:
    """The client's "Who sees what"."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> SharingPage:
        self.page.goto("/sharing")
        expect(self.page.get_by_role("heading", level=1, name="Who sees what")).to_be_visible()
        return self

    def person(self, name: str, relation: str) -> Locator:
        return self.page.get_by_role("region", name=f"What {name} ({relation}) sees")

    def switch(self, name: str, relation: str, kind: str) -> Locator:
        return self.person(name, relation).get_by_role("switch", name=kind, exact=True)

    def waiting(self) -> Locator:
        return self.page.get_by_role("region", name=re.compile(r"^Waiting for you \(\d+\)$"))

    def history(self) -> Locator:
        return self.page.get_by_role("list", name="Choices so far").get_by_role("listitem")


class FeedPage:
    """The family member's home: the news each client shares with them."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> FeedPage:
        self.page.goto("/")
        expect(
            self.page.get_by_role("heading", level=1, name=re.compile("^Hello, "))
        ).to_be_visible()
        expect(self.page.locator(".loading")).to_have_count(0)
        return self

    def items(self) -> Locator:
        return self.page.locator("main .news")

    def item(self, text: str) -> Locator:
        return self.items().filter(has_text=text)

    def cached_photos(self) -> list[str]:
        return list(
            self.page.evaluate(
                f"caches.open('{FEED_CACHE}')"
                ".then((c) => c.keys()).then((k) => k.map((r) => r.url))"
            )
        )


def loaded(image: Locator) -> None:
    expect(image).to_be_visible()
    image.evaluate("img => img.decode()")
    assert image.evaluate("img => img.naturalWidth") > 0


def today(page: Page) -> str:
    """The date as the app writes it (Intl, the page's language and region)."""
    return str(
        page.evaluate(
            "new Intl.DateTimeFormat(navigator.language, { dateStyle: 'medium' })"
            ".format(new Date())"
        )
    )


# -- the whole journey, three people on three phones ----------------------------------------


def test_consent_update_with_photo_approval_feed_and_withdrawal_also_offline(
    family: Family, org: Organisation, new_person: PersonFactory, server: Server
) -> None:
    client = new_person(account=family.client, width=390, height=844)
    coach = new_person(account=org.coach)
    member = new_person(account=family.member, width=390, height=844)
    name, relation = family.member.name, family.relation

    # The family member's home is the feed: nothing shared yet.
    feed = FeedPage(member.page).open()
    controlled(member)
    expect(member.page.get_by_text("There are no updates yet.")).to_be_visible()
    expect(member.page.get_by_text(f"{family.client.name} shares nothing with you")).to_be_visible()

    # 1. The client turns on "News and photos" for Finn: recorded at once, with the wording.
    sharing = SharingPage(client.page).open()
    switch = sharing.switch(name, relation, "News and photos")
    expect(switch).not_to_be_checked()
    expect(switch).to_have_accessible_description(re.compile(r"short news and photos"))
    switch.check()
    expect(sharing.person(name, relation).get_by_role("status")).to_have_text(
        f"Saved. {name} now sees “News and photos”."
    )
    expect(switch).to_be_checked()
    expect(sharing.history().first).to_contain_text(
        f"You turned on “News and photos” for {name} on {today(client.page)}."
    )
    expect(sharing.history().first).to_contain_text("Words shown: version 3, English.")

    # 2. The coach writes news with a photo on the client's page; it waits for the client.
    ClientRecord(coach.page).open(family.client.id).topic("family")
    news = coach.page.get_by_role("region", name="News for the family")
    news.get_by_role("button", name="Write news for the family").click()
    news.get_by_label("The news").fill("Maria ran the coffee machine alone today!")
    news.get_by_label("Photo (if you want)").set_input_files(
        {"name": "coffee.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg(800, 600, 6, 80)}
    )
    news.get_by_role("button", name="Save and ask the client").click()
    expect(news.get_by_role("status")).to_have_text(
        "Saved. The family sees it only after the client says yes."
    )
    expect(news.get_by_role("list", name="News and where it stands")).to_contain_text(
        "Not shared yet: waiting for the client's yes."
    )

    # 3. The client sees it waiting, with its photo, and says yes.
    sharing.open()
    waiting = sharing.waiting()
    expect(waiting).to_have_accessible_name("Waiting for you (1)")
    card = waiting.get_by_role("listitem").filter(has_text="Maria ran the coffee machine")
    loaded(card.get_by_role("img", name="Photo with the news"))
    card.get_by_role("button", name="Yes, share it").click()
    expect(waiting.get_by_role("status")).to_have_text(f"Shared with: {name}.")
    expect(waiting.get_by_text("Nothing is waiting for you.")).to_be_visible()

    # 4. The family member sees it in the feed, photo and all; the device keeps a copy.
    feed.open()
    item = feed.item("Maria ran the coffee machine alone today!")
    expect(
        item.get_by_role("heading", name=f"{family.client.name}: News and photos")
    ).to_be_visible()
    photo = item.get_by_role("img", name=f"Photo shared by {family.client.name}")
    loaded(photo)
    expect(
        member.page.get_by_text(f"{family.client.name} shares with you: news and photos.")
    ).to_be_visible()
    photo_url = photo.get_attribute("src") or ""
    assert "/api/updates/" in photo_url
    assert [url for url in feed.cached_photos() if url.endswith(photo_url)], feed.cached_photos()

    # Offline, the family member still reads it, photo included, from the device.
    member.context.set_offline(True)
    member.page.reload()
    expect(
        member.page.get_by_text(re.compile(r"^No connection\. This is the copy saved at"))
    ).to_be_visible()
    loaded(feed.item("Maria ran the coffee machine").get_by_role("img"))
    member.context.set_offline(False)

    # 5. The client withdraws: the very next request of the family member gets 404.
    update_id = photo_url.split("/")[3]
    sharing.open()
    sharing.switch(name, relation, "News and photos").uncheck()
    expect(sharing.person(name, relation).get_by_role("status")).to_have_text(
        f"Saved. {name} no longer sees “News and photos”."
    )
    expect(sharing.history().first).to_contain_text(f"You turned off “News and photos” for {name}")
    assert member.context.request.get(f"/api/updates/{update_id}").status == 404
    assert member.context.request.get(photo_url).status == 404

    # 6. The next sync removes it from the screen and from the device's photo cache ...
    feed.open()
    expect(member.page.get_by_text("There are no updates yet.")).to_be_visible()
    expect(feed.items()).to_have_count(0)
    assert feed.cached_photos() == []

    # ... and an offline reload cannot bring it back.
    member.context.set_offline(True)
    member.page.reload()
    expect(
        member.page.get_by_text(re.compile(r"^No connection\. This is the copy saved at"))
    ).to_be_visible()
    expect(member.page.get_by_text("There are no updates yet.")).to_be_visible()
    expect(member.page.get_by_text("Maria ran the coffee machine")).to_have_count(0)
    assert feed.cached_photos() == []
    member.context.set_offline(False)


def test_consent_for_goals_only_shows_goals_and_nothing_else(
    family: Family, org: Organisation, new_person: PersonFactory
) -> None:
    client = new_person(account=family.client)
    coach = new_person(account=org.coach)
    member = new_person(account=family.member, width=390, height=844)

    # The coach helps the client turn on goals only, on the client's page; the words can be
    # shown in the client's language, and the client's history says who helped.
    coach.page.goto(f"/clients/{family.client.id}/family")
    helping = coach.page.get_by_role(
        "region", name=f"What {family.member.name} ({family.relation}) sees"
    )
    coach.page.get_by_label("Show the words in").select_option(label="Polski")
    expect(helping.get_by_role("switch", name="Moje cele")).to_be_visible()
    coach.page.get_by_label("Show the words in").select_option(label="English")
    helping.get_by_role("switch", name="My goals").check()
    expect(helping.get_by_role("status")).to_have_text(
        f"Saved. {family.member.name} now sees “My goals”."
    )
    sharing = SharingPage(client.page).open()
    expect(sharing.switch(family.member.name, family.relation, "My goals")).to_be_checked()
    expect(
        sharing.switch(family.member.name, family.relation, "News and photos")
    ).not_to_be_checked()
    expect(sharing.history().first).to_contain_text(
        f"You turned on “My goals” for {family.member.name} on {today(client.page)}. "
        f"{org.coach.name} helped."
    )

    # News of every kind, written by the coach and shared by the client (set-up through the API).
    texts = {
        "goals": "Maria reached her goal: on time every day this week.",
        "updates": "A photo from the staff party.",
        "training": "Maria learned to fold the towels.",
        "shifts": "Maria works on Saturday morning.",
    }
    for kind, text in texts.items():
        update = coach.api(
            "POST",
            f"/api/clients/{family.client.id}/updates",
            {"localId": str(uuid.uuid4()), "text": text, "kind": kind},
        )
        client.api("POST", f"/api/updates/{update['id']}/approve")

    feed = FeedPage(member.page).open()
    expect(feed.items()).to_have_count(1)
    expect(feed.item(texts["goals"]).get_by_role("heading")).to_have_text(
        f"{family.client.name}: Goals"
    )
    for kind in ("updates", "training", "shifts"):
        expect(member.page.get_by_text(texts[kind])).to_have_count(0)
    expect(member.page.get_by_text(f"{family.client.name} shares with you: goals.")).to_be_visible()
    # The family member has no way into the client's sharing choices or record.
    member.page.goto("/sharing")
    expect(member.page.get_by_role("heading", level=1)).not_to_have_text("Who sees what")
    assert member.context.request.get(f"/api/clients/{family.client.id}/updates").status == 404


def test_my_data_shows_who_looked_and_downloads_everything(
    family: Family, org: Organisation, new_person: PersonFactory, tmp_path: Path
) -> None:
    coach = new_person(account=org.coach)
    coach.api("GET", f"/api/clients/{family.client.id}")  # the coach reads the record
    client = new_person(account=family.client)
    page = client.page
    page.goto("/")
    client.nav("My data")
    expect(client.heading()).to_have_text("My data")
    views = page.get_by_role("list", name="Who looked at your record").get_by_role("listitem")
    expect(
        views.filter(has_text=f"{org.coach.name}, your job coach, looked at your record").first
    ).to_be_visible()
    account = page.get_by_role("region", name="Your account", exact=True)
    expect(account.get_by_role("heading", level=3)).to_be_visible()
    account.get_by_text(re.compile(r"^Show \d+ items?$")).click()
    expect(account.get_by_text(family.client.name)).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all my data").click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.suffix == ".zip"
    with zipfile.ZipFile(io.BytesIO(saved.read_bytes())) as archive:
        names = archive.namelist()
        assert "data.json" in names and "index.html" in names, names
        assert family.client.name in archive.read("index.html").decode()


def test_the_administrator_erases_a_client_through_the_ui(
    family: Family, org: Organisation, new_person: PersonFactory, server: Server
) -> None:
    # The client has news with a photo: the stored photo goes too.
    coach = new_person(account=org.coach)
    update = coach.api(
        "POST",
        f"/api/clients/{family.client.id}/updates",
        {"localId": str(uuid.uuid4()), "text": "A good day at work."},
    )
    coach.upload(
        f"/api/updates/{update['id']}/photo", phone_jpeg(800, 600, 6, 80), "a.jpg", "image/jpeg"
    )
    admin = new_person(account=org.admin)
    page = admin.page
    page.goto("/people")
    expect(admin.heading()).to_have_text("People")
    page.get_by_role("button", name=f"Erase this person ({family.client.name})").click()
    dialog = page.get_by_role("dialog", name=f"Erase {family.client.name}?")
    expect(dialog.get_by_text("The audit log, with a code in place of the name")).to_be_visible()

    # A wrong name is refused next to the field.
    field = dialog.get_by_label(f"To confirm, type their name: {family.client.name}")
    field.fill("Maria")
    dialog.get_by_role("button", name=f"Erase {family.client.name} for good").click()
    expect(field).to_have_accessible_description(
        re.compile(f"Type the name exactly as shown: {re.escape(family.client.name)}")
    )

    field.fill(family.client.name)
    dialog.get_by_role("button", name=f"Erase {family.client.name} for good").click()
    expect(dialog).to_be_hidden()
    expect(
        page.get_by_role("status").filter(has_text=f"{family.client.name} is erased:")
    ).to_have_text(
        re.compile(
            r"is erased: \d+ items and 1 photo or recording removed\. "
            r"\d+ entr(y|ies) in the audit log now keeps? a code instead of the name\."
        )
    )
    expect(page.get_by_role("heading", level=2, name=family.client.name)).to_have_count(0)
    # The family member's own account stays; the client's is gone from the database.
    expect(page.get_by_role("heading", level=2, name=family.member.name)).to_be_visible()
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        assert (
            db.execute("SELECT count(*) FROM users WHERE id = ?", (family.client.id,)).fetchone()[0]
            == 0
        )


def test_a_mastered_task_suggests_news_that_the_client_approves(
    family: Family, new_person: PersonFactory, make_task: TaskFactory
) -> None:
    client = new_person(account=family.client)
    member = new_person(account=family.member)
    sharing = SharingPage(client.page).open()
    sharing.switch(family.member.name, family.relation, "What I learn at work").check()
    expect(
        sharing.switch(family.member.name, family.relation, "What I learn at work")
    ).to_be_checked()

    # The coach marks every step of a task mastered: Stepwise suggests news, the client decides.
    make_task(title="Fold the towels", mastered=(1, 2, 3), voice=False, client=family.client)
    sharing.open()
    card = sharing.waiting().get_by_role("listitem").filter(has_text="Fold the towels")
    expect(card).to_contain_text("Stepwise suggests this because you learned a task.")
    expect(FeedPage(member.page).open().items()).to_have_count(0)
    card.get_by_role("button", name="Yes, share it").click()
    expect(sharing.waiting().get_by_role("status")).to_have_text(
        f"Shared with: {family.member.name}."
    )

    feed = FeedPage(member.page).open()
    expect(feed.items()).to_have_count(1)
    expect(feed.items().get_by_role("heading")).to_have_text(
        f"{family.client.name}: Learning at work"
    )
    expect(feed.items()).to_contain_text("Fold the towels")


def test_a_choice_made_without_signal_is_not_pretended(
    family: Family, new_person: PersonFactory
) -> None:
    """Consent goes straight to the server: offline the switch goes back and says why."""
    client = new_person(account=family.client)
    sharing = SharingPage(client.page).open()
    switch = sharing.switch(family.member.name, family.relation, "When I need help")
    expect(switch).to_be_visible()  # the screen has loaded before the signal goes
    client.context.set_offline(True)
    switch.click()
    expect(sharing.person(family.member.name, family.relation).get_by_role("alert")).to_have_text(
        re.compile("No connection. Your choice is not saved.")
    )
    expect(switch).not_to_be_checked()
    client.context.set_offline(False)
    switch.check()
    expect(switch).to_be_checked()
    expect(sharing.history()).to_have_count(1)
