"""An administrator helps a person who lost their phone: revoke, then a recovery link."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import Account, PersonFactory
from tests.e2e.pages import EnrollPage, PasskeysPage, SignInPage, revealed


def test_revoke_all_passkeys_then_a_new_link_for_a_lost_phone(
    admin: Account, team: dict[str, Any], new_person: PersonFactory
) -> None:
    boss = new_person(account=admin)
    url = boss.api(
        "POST",
        "/api/invitations",
        {
            "role": "coach",
            "displayName": "Lost Phone Coach",
            "delivery": "link",
            "teamId": team["id"],
            "relation": "",
        },
    )["url"]
    old_phone = new_person()
    EnrollPage(old_phone.page).open(url).create_passkey()
    lost_credential = old_phone.credentials()[0]

    # The administrator revokes every passkey of the person, after a confirmation.
    boss.page.goto("/people")
    row = revealed(
        boss.page,
        boss.page.get_by_role("listitem").filter(
            has=boss.page.get_by_role("heading", name="Lost Phone Coach")
        ),
    )
    expect(row).to_contain_text("1 passkey")
    row.get_by_role("button", name="Revoke all passkeys for Lost Phone Coach").click()
    dialog = boss.page.get_by_role("dialog", name="Revoke all passkeys of Lost Phone Coach?")
    expect(dialog).to_contain_text("signed out on every device")
    dialog.get_by_role("button", name="Revoke all passkeys").click()
    expect(boss.page.get_by_role("status").filter(has_text="are revoked")).to_be_visible()
    expect(revealed(boss.page, row)).to_contain_text("0 passkeys")  # the list was read again

    # The lost phone is signed out and its passkey no longer works.
    assert old_phone.context.request.get("/api/me").status == 401
    finder = new_person()
    finder.add_credential(lost_credential)
    signin = SignInPage(finder.page).open()
    signin.sign_in()
    expect(signin.error()).to_contain_text("This passkey was not accepted.")

    # A new link for the new phone, made in a dialog, as a link to send.
    new_link = "New link for a lost phone for Lost Phone Coach"
    revealed(boss.page, row).get_by_role("button", name=new_link).click()
    dialog = boss.page.get_by_role("dialog")
    expect(dialog).to_have_accessible_name("New link for Lost Phone Coach")
    dialog.get_by_role("radio", name="Make a link to send").check()
    dialog.get_by_role("button", name="Make the new link").click()
    expect(dialog).to_have_accessible_name("The link for Lost Phone Coach is ready")
    link = dialog.get_by_text(re.compile(r"/enroll#")).inner_text().strip()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()

    new_phone = new_person()
    enroll = EnrollPage(new_phone.page).open(link)
    expect(enroll.welcome()).to_have_text("Welcome, Lost Phone Coach")
    expect(new_phone.page.get_by_text("sign in again, for example on a new phone")).to_be_visible()
    enroll.create_passkey()
    expect(new_phone.heading()).to_have_text("My clients")


def test_sign_out_everywhere_ends_every_session(
    admin: Account, team: dict[str, Any], new_person: PersonFactory
) -> None:
    boss = new_person(account=admin)
    url = boss.api(
        "POST",
        "/api/invitations",
        {
            "role": "coach",
            "displayName": "Two Devices",
            "delivery": "link",
            "teamId": team["id"],
            "relation": "",
        },
    )["url"]
    phone = new_person()
    EnrollPage(phone.page).open(url).create_passkey()
    tablet = new_person()
    tablet.add_credential(phone.credentials()[0])
    SignInPage(tablet.page).open().sign_in()
    expect(tablet.heading()).to_have_text("My clients")

    passkeys = PasskeysPage(phone.page).open()
    phone.page.get_by_role("button", name="Sign out everywhere").click()
    expect(phone.heading()).to_have_text("Sign in")
    assert passkeys.page.context.request.get("/api/me").status == 401
    assert tablet.context.request.get("/api/me").status == 401
