"""Managing passkeys: a second device, renaming, removing, and never the last one."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import Account, PersonFactory
from tests.e2e.pages import EnrollPage, PasskeysPage, SignInPage


def test_add_a_second_passkey_and_remove_the_first(
    admin: Account, team: dict[str, Any], new_person: PersonFactory
) -> None:
    # A person of their own, so the administrator's passkey stays for the other tests.
    inviter = new_person(account=admin)
    url = inviter.api(
        "POST",
        "/api/invitations",
        {
            "role": "coordinator",
            "displayName": "Aino Virta",
            "delivery": "link",
            "teamId": team["id"],
            "relation": "",
        },
    )["url"]
    phone = new_person()
    EnrollPage(phone.page).open(url).create_passkey()
    first_credential = phone.credentials()[0]

    # A second device signed in as the same person: the phone's cookies, no passkey of the
    # account (a borrowed session). Adding a passkey asks for one of the account's passkeys
    # first, which this device does not have: nothing is added.
    laptop = new_person()
    laptop.context.add_cookies(phone.context.cookies())
    passkeys = PasskeysPage(laptop.page).open()
    expect(passkeys.passkeys()).to_have_count(1)
    passkeys.click_add()
    expect(laptop.page.get_by_role("alert")).to_contain_text("No passkey was used.")
    expect(passkeys.passkeys()).to_have_count(1)
    assert laptop.credentials() == []

    # The person brings the phone's passkey (as from the phone nearby), but their fingerprint,
    # face or PIN is not confirmed: still refused.
    laptop.add_credential(first_credential)
    laptop.set_user_verified(False)
    passkeys.click_add()
    expect(laptop.page.get_by_role("alert")).to_contain_text("No passkey was used.")
    expect(passkeys.passkeys()).to_have_count(1)

    # Confirmed: the app asks for the existing passkey first, then makes the new one here. The
    # phone's passkey then leaves this device again (it was only brought for the step-up).
    laptop.set_user_verified(True)
    step_ups = passkeys.step_up_then_forget(laptop)
    passkeys.add()
    assert step_ups == [204], "the existing passkey was asked for first"
    expect(
        laptop.page.get_by_role("status").filter(has_text=re.compile(r"\w")).last
    ).to_contain_text("is added")
    assert len(laptop.credentials()) == 1
    assert laptop.credentials()[0]["credentialId"] != first_credential["credentialId"]

    # Give the new one a name to tell them apart, then remove the phone's passkey.
    items = passkeys.passkeys()
    first_name = items.nth(0).get_by_role("heading").inner_text()
    items.nth(1).get_by_role("button", name=re.compile("^Rename")).click()
    laptop.page.get_by_label("New name").fill("Work laptop")
    laptop.page.get_by_role("button", name="Save the name").click()
    expect(
        laptop.page.get_by_role("status").filter(has_text=re.compile(r"\w")).last
    ).to_contain_text("The passkey is now called Work laptop.")
    # Next to "Sign out everywhere": the passkeys added in the last 7 days, to remove.
    recent = laptop.page.get_by_role("list", name="Passkeys added in the last 7 days")
    expect(recent.get_by_role("listitem")).to_have_count(2)
    expect(recent).to_contain_text("Work laptop")
    passkeys.remove(first_name)
    expect(recent.get_by_role("listitem")).to_have_count(1)
    expect(passkeys.passkeys()).to_have_count(1)
    expect(passkeys.passkeys().get_by_role("heading")).to_have_text("Work laptop")

    # The last passkey is never removed: the server's reason is shown.
    passkeys.passkeys().get_by_role("button", name="Remove Work laptop").click()
    laptop.page.get_by_role("dialog").get_by_role("button", name="Remove the passkey").click()
    expect(laptop.page.get_by_role("alert")).to_contain_text("This is your only passkey.")
    expect(passkeys.passkeys()).to_have_count(1)

    # The removed passkey no longer signs in; the new one does.
    other = new_person()
    other.add_credential(first_credential)
    signin = SignInPage(other.page).open()
    signin.sign_in()
    expect(signin.error()).to_contain_text("This passkey was not accepted.")
    passkeys.sign_out()
    SignInPage(laptop.page).sign_in()
    expect(laptop.heading()).to_have_text(team["name"])
