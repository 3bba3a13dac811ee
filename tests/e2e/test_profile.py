"""The vocational profile in the browser: a client and their coach write it together on two
phones, the client's offline for a while; the client's words wait on the phone and are sent when
the signal is back, and where the coach changed the same words meanwhile both are kept and the
client chooses. The coach asks the client to approve, and the client approves with their
passkey; the coach sees which version is approved."""

from __future__ import annotations

import uuid

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Organisation, PersonFactory
from tests.e2e.pages import Person, SyncStatus
from tests.e2e.test_accessibility import AXE, TEXT_SIZES, WIDTH, _check
from tests.e2e.test_agreements import enrolled, invite_client, with_passkey
from tests.e2e.test_pta import choose_language

MINE = "I like early mornings and tidy shelves."
COACHS = "Likes routines; calm in the mornings."
NOTES = "Strong with routines. Ask about the bus."


class ClientProfileScreen:
    """Staff's view of a client's profile: a card per section, the choices, the versions."""

    def __init__(self, page: Page, name: str) -> None:
        self.page = page
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{name}: vocational profile")

    def section(self, heading: str) -> Locator:
        return self.page.get_by_role("region", name=heading)

    def write(self, heading: str, words: str | None = None, notes: str | None = None) -> None:
        card = self.section(heading)
        if words is not None:
            card.get_by_label("In my words").fill(words)
        if notes is not None:
            card.get_by_label("Coach's notes").fill(notes)
        card.get_by_role("button", name="Save", exact=True).click()
        expect(card.get_by_role("status").filter(has_text="Saved.")).to_be_visible()

    def status(self) -> Locator:
        return self.page.locator(".profile-status").first


def test_client_and_coach_write_the_profile_on_two_phones_and_the_client_approves(
    org: Organisation, new_person: PersonFactory
) -> None:
    coach = with_passkey(new_person, org.coach)
    name = f"Client {uuid.uuid4().hex[:6]}"
    client, client_id = enrolled(new_person, invite_client(coach, org, name), width=390, height=844)

    # The client opens their profile from "More": one section per screen, read aloud.
    cp = client.page
    client.nav("My profile")
    expect(client.heading()).to_have_text("My profile")
    cp.get_by_role("link", name="Who I am").click()
    expect(client.heading()).to_have_text("Who I am")
    expect(cp.get_by_text("Tell us about yourself.")).to_be_visible()
    expect(cp.get_by_role("button", name="Read aloud")).to_be_visible()

    # No signal at the workplace: the client writes anyway; the words wait on the phone.
    client.context.set_offline(True)
    cp.get_by_label("In my words").fill(MINE)
    cp.get_by_role("button", name="Save", exact=True).click()
    expect(
        cp.get_by_text("Saved on your phone. It will be sent when there is signal.")
    ).to_be_visible(timeout=15_000)
    SyncStatus(cp).expect("1 change waiting to send")

    # Meanwhile the coach, online at the office, writes the same section and the notes, and
    # records the client's choice about what employers may know.
    page = coach.page
    page.goto(f"/clients/{client_id}")
    page.get_by_role("link", name="Vocational profile").click()
    staff = ClientProfileScreen(page, name)
    staff.write("Who I am", words=COACHS, notes=NOTES)
    choices = staff.section("Before any employer is contacted")
    choices.get_by_role("radio", name="Only what I need at work").check()
    choices.get_by_label("In your words").fill("I need the tasks written down.")
    choices.get_by_role("button", name="Save the choices").click()
    expect(choices.get_by_role("status").filter(has_text="Saved.")).to_be_visible()

    # The signal is back: the client's words are sent. The coach had changed the same words:
    # nothing is lost, both are there, and the client chooses theirs.
    client.context.set_offline(False)
    SyncStatus(cp).expect("All saved")
    cp.reload()
    expect(client.heading()).to_have_text("Who I am")
    expect(cp.get_by_label("In my words")).to_have_value(COACHS)
    kept = cp.get_by_role("status").filter(has_text="Two versions of these words")
    expect(kept).to_contain_text(MINE)
    kept.get_by_role("button", name="Use these words").click()
    expect(cp.get_by_text("Saved.", exact=True)).to_be_visible()
    expect(cp.get_by_label("In my words")).to_have_value(MINE)
    expect(cp.get_by_text("Two versions of these words")).to_have_count(0)
    expect(cp.get_by_text(NOTES)).to_have_count(0)  # the coach's notes are staff's

    # The coach sees the client's words (and their notes beside them) and asks to approve.
    page.reload()
    staff = ClientProfileScreen(page, name)
    expect(staff.section("Who I am").get_by_label("In my words")).to_have_value(MINE)
    expect(staff.section("Who I am").get_by_label("Coach's notes")).to_have_value(NOTES)
    expect(staff.status()).to_have_text("No version is approved yet.")
    page.get_by_role("button", name=f"Ask {name} to approve").click()
    expect(page.get_by_text("Version 1 waits for the client's approval.").first).to_be_visible()

    # The client reads version 1 and approves it with their passkey.
    client.nav("My profile")
    cp.get_by_role("link", name="Read and approve").click()
    expect(client.heading()).to_have_text("Approve my profile")
    expect(cp.get_by_role("main")).to_contain_text(MINE)
    expect(cp.get_by_role("main")).to_contain_text("I need the tasks written down.")
    expect(cp.get_by_role("main")).not_to_contain_text(NOTES)
    cp.get_by_role("button", name="Approve with your passkey").click()
    expect(cp.get_by_text("You approved version 1.")).to_be_visible()

    # Staff see which version is approved.
    page.reload()
    staff = ClientProfileScreen(page, name)
    expect(staff.status()).to_contain_text("Version 1 is approved")
    _no_errors(client)


def _no_errors(person: Person) -> None:
    expect(person.page.get_by_role("alert")).to_have_count(0)


def test_the_profile_screens_pass_the_accessibility_checks_at_320_px(
    org: Organisation, new_person: PersonFactory
) -> None:
    """The client's section screens (themes to pick, things done to add, the choices) and the
    coach's view: axe, 48 px targets and no sideways scrolling at 320 px, text at 100 and 200 %."""
    coach = with_passkey(new_person, org.coach, bypass_csp=True)
    name = f"Client {uuid.uuid4().hex[:6]}"
    client, client_id = enrolled(
        new_person, invite_client(coach, org, name), width=WIDTH, height=720, bypass_csp=True
    )
    problems: list[str] = []
    screens = [
        (client.page, "/profile/likes_and_strengths", "What I like and what I am good at"),
        (client.page, "/profile/done", "What I have done"),
        (client.page, "/profile/choices", "What employers may know"),
        (coach.page, f"/clients/{client_id}/profile", f"{name}: vocational profile"),
    ]
    coach.page.set_viewport_size({"width": WIDTH, "height": 720})
    for page, path, title in screens:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator(".loading")).to_have_count(0)
        page.add_script_tag(path=AXE)
        for size in TEXT_SIZES:
            page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
            problems += _check(page, f"{path} [{size}]")
        page.evaluate("document.documentElement.style.fontSize = ''")
    assert not problems, "\n".join(problems)


def test_in_hebrew_the_profile_reads_right_to_left_and_passes_the_checks(
    org: Organisation, new_person: PersonFactory
) -> None:
    coach = with_passkey(new_person, org.coach)
    name = f"Client {uuid.uuid4().hex[:6]}"
    client, _ = enrolled(
        new_person,
        invite_client(coach, org, name),
        width=WIDTH,
        height=720,
        bypass_csp=True,
    )
    page = client.page
    choose_language(page, "עברית", "he")
    problems: list[str] = []
    for path, title in (("/profile/done", "מה עשיתי"), ("/profile/needs", "מה אני צריך בעבודה")):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator(".loading")).to_have_count(0)
        page.add_script_tag(path=AXE)
        for size in TEXT_SIZES:
            page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
            problems += _check(page, f"{path} in Hebrew [{size}]")
        page.evaluate("document.documentElement.style.fontSize = ''")
    assert not problems, "\n".join(problems)
