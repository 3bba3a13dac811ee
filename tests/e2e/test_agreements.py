"""Agreements in the browser: the coach writes an agreement with a client from the
organisation's template, the client reads it in plain words (with "Read aloud") and agrees with
their passkey, the coach signs second with theirs, and the client sees it agreed by both. A
mentor invited by the coach, once agreed with, sees the client on their home and reads the
client's goals."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import EnrollPage, InvitePage, Person
from tests.e2e.test_accessibility import AXE, TEXT_SIZES, WIDTH, _check


class AgreementPage:
    """One agreement: where it stands, the newest version in words, and its actions."""

    def __init__(self, page: Page) -> None:
        self.page = page
        expect(page.get_by_role("heading", level=1, name="Agreement")).to_be_visible()

    def status(self) -> Locator:
        return self.page.locator("[data-status]")

    def newest(self) -> Locator:
        return self.page.get_by_role("region", name="Version 1")

    def agree(self) -> None:
        self.page.get_by_role("button", name="I agree").click()
        expect(self.page.get_by_role("status").filter(has_text="You agreed.")).to_be_visible()

    def sign(self) -> None:
        self.page.get_by_role("button", name="Sign the agreement").click()
        expect(self.page.get_by_role("status").filter(has_text="You signed.")).to_be_visible()


def with_passkey(new_person: PersonFactory, account: Account, **kwargs: object) -> Person:
    """The person signed in on their own phone, their passkey on it (for the step-up)."""
    person = new_person(account=account, **kwargs)
    for credential in account.credentials:
        person.add_credential(credential)
    return person


def enrolled(new_person: PersonFactory, url: str, **kwargs: object) -> tuple[Person, str]:
    """A person who opens their one-time link on a phone of their own: signed in, their new
    passkey on the phone. Their id."""
    person = new_person(**kwargs)
    EnrollPage(person.page).open(url).create_passkey()
    expect(person.heading()).to_be_visible()
    return person, str(person.api("GET", "/api/me")["id"])


def invite_client(coach: Person, org: Organisation, name: str) -> str:
    return str(
        coach.api(
            "POST",
            "/api/invitations",
            {"role": "client", "displayName": name, "delivery": "link", "coachId": org.coach.id},
        )["url"]
    )


def test_the_client_agrees_with_their_passkey_then_the_coach_signs(
    org: Organisation, new_person: PersonFactory, server: Server
) -> None:
    coach = with_passkey(new_person, org.coach)
    name = f"Client {uuid.uuid4().hex[:6]}"
    client, client_id = enrolled(new_person, invite_client(coach, org, name), width=390, height=844)

    # The coach writes the agreement from the client's record; the rules come from the
    # organisation's template.
    page = coach.page
    page.goto(f"/clients/{client_id}")
    page.get_by_role("link", name="Agreements", exact=True).click()
    expect(coach.heading()).to_have_text(f"Agreements of {name}")
    page.get_by_role("link", name="Write an agreement").click()
    expect(coach.heading()).to_have_text("Write an agreement")
    partner = page.get_by_role("group", name="Who works with the client")
    expect(partner.get_by_role("radio", name="Jonas Virtanen")).to_be_checked()
    expect(page.get_by_label("The rules", exact=True)).to_have_value(
        re.compile("What you tell me stays between us.")
    )
    page.get_by_label("The goal in the client's words").fill("Find work in a kitchen.")
    page.get_by_role("group", name="How often you meet").get_by_role(
        "radio", name="Every two weeks"
    ).check()
    page.get_by_role("checkbox", name="by phone").check()
    page.get_by_role("button", name="Give it to the client to read").click()
    agreement = AgreementPage(page)
    expect(agreement.status()).to_have_text("Waiting for the client to read and agree")
    agreement_url = page.url

    # The client reads it in plain words on their phone, and agrees with their passkey.
    cp = client.page
    client.nav("My agreements")
    cp.get_by_role("link", name="With Jonas Virtanen, job coach").click()
    mine = AgreementPage(cp)
    newest = mine.newest()
    expect(newest).to_contain_text("What you tell me stays between us.")
    expect(newest).to_contain_text("Find work in a kitchen.")
    expect(newest).to_contain_text("We meet every two weeks.")
    expect(newest).to_contain_text("We meet face to face, by phone.")
    expect(cp.get_by_role("button", name="Read aloud")).to_be_visible()
    mine.agree()
    expect(mine.status()).to_have_text("You agreed. Waiting for the second signature")

    # The coach signs second, with their passkey.
    page.goto(agreement_url)
    signing = AgreementPage(page)
    expect(signing.status()).to_have_text("The client agreed. Waiting for the second signature")
    signing.sign()
    expect(signing.status()).to_have_text("Agreed by both")

    # The client sees it agreed by both.
    cp.reload()
    expect(mine.status()).to_have_text("Agreed by both")
    expect(mine.newest()).to_contain_text("Jonas Virtanen signed on")
    expect(cp.get_by_role("button", name="I agree")).to_have_count(0)


def test_a_mentor_invited_and_agreed_with_sees_the_clients_goals(
    org: Organisation, new_person: PersonFactory, server: Server
) -> None:
    coach = with_passkey(new_person, org.coach)
    client_name = f"Client {uuid.uuid4().hex[:6]}"
    client, client_id = enrolled(new_person, invite_client(coach, org, client_name))
    coach.api(
        "POST",
        f"/api/clients/{client_id}/goals",
        {
            "localId": str(uuid.uuid4()),
            "title": "Ask for help when the trolley is full",
            "means": ["Say: can you help me"],
            "endsOn": in_days(14),
            "levels": {"expected": "I ask every time."},
        },
    )

    # The coach invites a mentor with the invitation form.
    mentor_name = f"Mentor {uuid.uuid4().hex[:6]}"
    coach.page.goto("/invite?role=mentor")
    invite = InvitePage(coach.page).fill(name=mentor_name, role="Mentor")
    link = invite.submit().link
    mentor, mentor_id = enrolled(new_person, link)
    expect(mentor.heading()).to_have_text("The people you mentor")
    expect(mentor.page.get_by_text("When a client agrees to work with you")).to_be_visible()

    # An agreement between the client and the mentor, written by the coach.
    partners = coach.api("GET", f"/api/clients/{client_id}/agreements/partners")
    assert mentor_id in [p["id"] for p in partners]
    made = coach.api(
        "POST",
        f"/api/clients/{client_id}/agreements",
        {
            "localId": str(uuid.uuid4()),
            "partnerId": mentor_id,
            "rules": ["We meet as peers.", "What you tell me stays between us."],
            "locale": "en",
            "startsOn": in_days(0),
            "endsOn": in_days(90),
            "rhythm": "monthly",
            "ways": ["face_to_face"],
            "goalText": "Keep the job I have.",
        },
    )

    # Before both agreed, the mentor sees the offer but not the client's goals.
    mentor.page.reload()
    card = mentor.page.get_by_role("region", name=client_name)
    expect(card).to_contain_text("Waiting for the client to read and agree")
    expect(card).to_contain_text("You see this person's goals once you both agreed.")

    client.page.goto(f"/agreements/{made['id']}")
    AgreementPage(client.page).agree()

    card.get_by_role("link", name="Agreement").click()
    signing = AgreementPage(mentor.page)
    signing.sign()
    expect(signing.status()).to_have_text("Agreed by both")

    mentor.page.goto("/")
    card = mentor.page.get_by_role("region", name=client_name)
    expect(card).to_contain_text("Agreed by both")
    card.get_by_role("link", name="Goals").click()
    expect(mentor.heading()).to_have_text("Goals")
    expect(mentor.page.get_by_role("main")).to_contain_text("Ask for help when the trolley is full")


def in_days(days: int) -> str:
    """A date ``days`` from today, as the server counts days (UTC)."""
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def test_an_administrator_writes_the_next_version_of_the_template(
    org: Organisation, new_person: PersonFactory
) -> None:
    admin = new_person(account=org.admin)
    page = admin.page
    page.goto("/")
    admin.nav("Agreement template")
    expect(admin.heading()).to_have_text("Agreement template")
    versions = page.get_by_role("list", name="Versions")
    expect(versions.get_by_role("listitem").first).to_contain_text("by Stepwise")
    rules = page.get_by_label("Rules in Suomi")
    expect(rules).to_have_value(re.compile("Kukaan ei ole syyllinen."))
    english = page.get_by_label("Rules in English")
    english.fill(english.input_value() + "\nWe are on time, or we say so early.")
    page.get_by_role("button", name="Save the new version").click()
    saved = page.get_by_role("status").filter(has_text="is saved. New agreements start from it.")
    expect(saved).to_be_visible()
    expect(versions.get_by_role("listitem").first).to_contain_text(org.admin.name)
    newest = admin.api("GET", "/api/agreement-templates")[0]
    assert newest["texts"]["en"]["rules"][-1] == "We are on time, or we say so early."
    assert newest["texts"]["fi"] == admin.api("GET", "/api/agreement-templates")[1]["texts"]["fi"]


@pytest.mark.parametrize("language", ["en", "he"])
def test_the_agreement_screens_pass_axe_at_320px_and_200_percent_text(
    language: str, org: Organisation, browser: Browser, server: Server
) -> None:
    """The client's agreement waiting for them, their list, the coach's form and list, an
    earlier version opened, the end dialog, and the template editor: axe, 48 px targets and no
    sideways scrolling, in English and Hebrew (the checks of tests/e2e/test_accessibility.py)."""
    coach_api = Person.open(browser, server.url, account=org.coach)
    try:
        made = coach_api.api(
            "POST",
            f"/api/clients/{org.client.id}/agreements",
            {
                "localId": str(uuid.uuid4()),
                "partnerId": org.coach.id,
                "rules": ["We work together as equals.", "What you tell me stays between us."],
                "locale": "en",
                "startsOn": in_days(0),
                "endsOn": in_days(60),
                "rhythm": "times_per_month",
                "times": 2,
                "ways": ["face_to_face", "messages"],
                "goalText": "Find work in a kitchen.",
                "remindAt": "09:00",
                "zone": "Europe/Helsinki",
            },
        )
        coach_api.api(
            "POST",
            f"/api/agreements/{made['id']}/versions",
            {
                "rules": ["We work together as equals."],
                "locale": "fi",
                "startsOn": in_days(0),
                "endsOn": in_days(90),
                "rhythm": "weekly",
                "ways": ["phone"],
                "goalText": "Löytää työ keittiöstä.",
            },
        )
    finally:
        coach_api.close()

    def earlier(page: Page) -> None:
        page.goto(f"/agreements/{made['id']}")
        page.locator(".agreement-earlier summary").first.click()

    def ending(page: Page) -> None:
        page.goto(f"/agreements/{made['id']}")
        page.locator("[data-action=end]").click()
        expect(page.locator("dialog[open]")).to_be_visible()

    screens: list[tuple[Account, str, Callable[[Page], object]]] = [
        (org.client, "agreement", lambda p: p.goto(f"/agreements/{made['id']}")),
        (org.client, "my-agreements", lambda p: p.goto("/agreements")),
        (org.coach, "client-agreements", lambda p: p.goto(f"/clients/{org.client.id}/agreements")),
        (org.coach, "agreement-new", lambda p: p.goto(f"/clients/{org.client.id}/agreements/new")),
        (org.coach, "agreement-change", lambda p: p.goto(f"/agreements/{made['id']}/change")),
        (org.coach, "agreement-earlier", earlier),
        (org.coach, "agreement-end-dialog", ending),
        (org.admin, "agreement-templates", lambda p: p.goto("/agreement-templates")),
    ]
    problems: list[str] = []
    for account, name, go in screens:
        person = Person.open(
            browser,
            server.url,
            account=account,
            locale="he-IL" if language == "he" else "en-GB",
            width=WIDTH,
            height=720,
            bypass_csp=True,  # only so axe can be injected as a script
        )
        try:
            go(person.page)
            expect(person.heading()).to_be_visible()
            person.page.wait_for_function("() => !document.querySelector('.loading')")
            person.page.add_script_tag(path=AXE)
            for size in TEXT_SIZES:
                person.page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
                person.page.wait_for_timeout(50)
                problems += _check(person.page, f"{name} [{language}, {size}]")
        finally:
            person.close()
    assert not problems, "\n".join(problems)
