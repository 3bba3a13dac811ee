"""A new passkey is named after its authenticator or this browser, and the person renames it."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import Account, PersonFactory
from tests.e2e.pages import EnrollPage, PasskeysPage


def test_a_new_passkey_is_named_after_the_browser_and_renamed_in_my_passkeys(
    admin: Account, team: dict[str, Any], new_person: PersonFactory
) -> None:
    inviter = new_person(account=admin)
    url = inviter.api(
        "POST",
        "/api/invitations",
        {
            "role": "coordinator",
            "displayName": "Mika Laine",
            "delivery": "link",
            "teamId": team["id"],
            "relation": "",
        },
    )["url"]
    phone = new_person()
    EnrollPage(phone.page).open(url).create_passkey()

    # Chromium's virtual authenticator has an AAGUID no list knows: the browser names it.
    passkeys = PasskeysPage(phone.page).open()
    expect(passkeys.passkeys().get_by_role("heading")).to_have_text("Chrome on Linux")

    page = phone.page
    page.get_by_role("button", name="Rename Chrome on Linux").click()
    name = page.get_by_label("New name")
    expect(name).to_have_attribute("maxlength", "60")
    name.fill("   ")
    page.get_by_role("button", name="Save the name").click()
    expect(page.get_by_text("Please write a name.")).to_be_visible()
    expect(name).to_have_attribute("aria-invalid", "true")
    name.fill("  Kitchen tablet ")
    page.get_by_role("button", name="Save the name").click()
    expect(page.get_by_role("status").filter(has_text=re.compile(r"\w")).last).to_contain_text(
        "The passkey is now called Kitchen tablet."
    )
    expect(passkeys.passkeys().get_by_role("heading")).to_have_text("Kitchen tablet")
    page.reload()
    expect(passkeys.passkeys().get_by_role("heading")).to_have_text("Kitchen tablet")
