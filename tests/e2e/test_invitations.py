"""The chain of invitations: administrator → coach → client, each on their own device."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import Account, PersonFactory
from tests.e2e.pages import AdminHome, ClientRecord, EnrollPage, InvitePage


def test_admin_invites_a_coach_who_invites_a_client(
    admin: Account, new_person: PersonFactory
) -> None:
    # The administrator creates a team and invites a coach with a link to send.
    boss = new_person(account=admin)
    boss.page.goto("/")
    home = AdminHome(boss.page)
    home.create_team("Harbour")
    expect(boss.page.get_by_role("region", name="Teams")).to_contain_text("Harbour")
    coach_link = (
        home.invite()
        .fill(role="Job coach", name="Sami Laine", team="Harbour", delivery="Make a link to send")
        .submit()
    )
    assert re.fullmatch(r"http://localhost:\d+/enroll#[A-Za-z0-9_-]{40,}", coach_link.link)
    assert coach_link.expiry.startswith("It works for 7 days, until ")

    # The coach opens the link on their own phone and makes a passkey.
    coach = new_person()
    enroll = EnrollPage(coach.page).open(coach_link.link)
    expect(enroll.welcome()).to_have_text("Welcome, Sami Laine")
    expect(
        coach.page.get_by_text("You are invited to join Stepwise as: Job coach.")
    ).to_be_visible()
    assert "#" not in coach.page.url
    enroll.create_passkey()
    expect(coach.heading()).to_have_text("My clients")
    expect(coach.page.get_by_text("You have no clients yet.")).to_be_visible()

    # The coach invites a client with a QR code shown on screen (15 minutes).
    coach.page.get_by_role("link", name="Invite a client").click()
    invite = InvitePage(coach.page)
    expect(coach.page.get_by_role("radio", name="Client", exact=True)).to_be_checked()
    client_link = invite.fill(name="Noa Cohen", delivery="Show a QR code now").submit()
    expect(invite.qr_code()).to_be_visible()
    box = invite.qr_code().bounding_box()
    assert box and box["width"] >= 200, "the QR code is big enough for a phone camera"
    assert invite.qr_code().evaluate("img => img.complete && img.naturalWidth > 0"), "it loaded"
    assert client_link.expiry.startswith("It works for 15 minutes, until ")
    coach.page.get_by_role("button", name="Copy link").click()
    expect(coach.page.get_by_role("status").filter(has_text="The link is copied.")).to_be_visible()
    assert coach.page.evaluate("navigator.clipboard.readText()") == client_link.link

    # The client scans it (here: opens the link) on a third device.
    client = new_person()
    enroll = EnrollPage(client.page).open(client_link.link)
    expect(enroll.welcome()).to_have_text("Welcome, Noa Cohen")
    enroll.create_passkey()
    expect(client.heading()).to_have_text("Hello, Noa Cohen")
    expect(client.page.get_by_role("region", name="My tasks")).to_contain_text(
        "You have no tasks yet."
    )
    # A client sees no staff navigation.
    nav = client.page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link")).to_have_text(["Today", "Tasks", "Goals", "More"])

    # Back on the coach's phone, the client is in the caseload; the coach opens the record.
    coach.page.goto("/")
    coach.page.get_by_role("link", name=re.compile("^Noa Cohen")).click()
    expect(coach.heading()).to_have_text("Noa Cohen")
    expect(coach.page.get_by_text("Stage 1 of 5: Getting started")).to_be_visible()
    record = ClientRecord(coach.page)
    record.change_stage("3. Finding a job")
    expect(coach.page.get_by_role("status").filter(has_text="Saved.")).to_contain_text(
        "Finding a job"
    )
    expect(coach.page.get_by_text("Stage 3 of 5: Finding a job")).to_be_visible()

    # The coach invites a family member from the client's family screen.
    record.topic("family").get_by_role("link", name="Invite a family member").click()
    family_invite = InvitePage(coach.page)
    expect(coach.page.get_by_role("radio", name="Family member", exact=True)).to_be_checked()
    expect(coach.page.get_by_label("Which client are they family of?")).to_have_value(
        re.compile(".+")
    )
    family_link = family_invite.fill(name="Dana Cohen").submit()
    family = new_person()
    EnrollPage(family.page).open(family_link.link).create_passkey()
    expect(family.heading()).to_have_text("Hello, Dana Cohen")
    expect(family.page.get_by_text("decides what they share with you")).to_be_visible()


def test_server_reasons_appear_next_to_the_field(admin: Account, new_person: PersonFactory) -> None:
    person = new_person(account=admin)
    person.page.goto("/invite")
    invite = InvitePage(person.page)
    # A coach needs a team: the server names the field and the reason.
    invite.fill(role="Job coach", name="Nobody Yet")
    person.page.get_by_role("button", name="Create the invitation").click()
    expect(person.page.get_by_role("alert")).to_contain_text(
        "Choose the team this person works in."
    )
    team = person.page.get_by_label("Which team will they work in?")
    expect(team).to_have_attribute("aria-invalid", "true")
    described = team.get_attribute("aria-describedby") or ""
    error = person.page.locator(f"[id='{described.split()[-1]}']")
    expect(error).to_have_text("Error: Choose the team this person works in.")
    # The app moves the keyboard to the message (after it is drawn): typing starts after that,
    # or the move would take the keyboard away from the field in the middle of it.
    expect(person.page.get_by_role("alert")).to_be_focused()

    # An empty name is caught before anything is sent.
    person.page.get_by_label("Their name").fill("")
    expect(person.page.get_by_label("Their name")).to_have_value("")
    person.page.get_by_role("button", name="Create the invitation").click()
    expect(person.page.get_by_label("Their name")).to_have_attribute("aria-invalid", "true")
