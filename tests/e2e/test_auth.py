"""Signing up with a one-time link, signing in and out with a passkey, and refused attempts."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import Account, PersonFactory, Server
from tests.e2e.pages import EnrollPage, PasskeysPage, SignInPage


def test_first_run_setup_link_makes_the_administrator(
    admin: Account, server: Server, new_person: PersonFactory
) -> None:
    # The `admin` fixture opened the setup link the server printed and pressed
    # "Create my passkey" on a fresh device.
    assert admin.role == "admin"
    assert admin.heading_after_enroll == "Your organisation"
    assert admin.url_after_enroll == f"{server.url}/", "the token is gone from the address bar"
    assert len(admin.credentials) == 1
    assert admin.credentials[0]["isResidentCredential"] is True

    # The administrator's home shows what they manage.
    person = new_person(account=admin)
    person.page.goto("/")
    expect(person.heading()).to_have_text("Your organisation")
    for region in ("Teams", "People", "Recent invitations", "Audit log"):
        expect(person.page.get_by_role("region", name=region)).to_be_visible()
    expect(person.page.get_by_role("link", name="Invite a person")).to_be_visible()

    # The setup link worked once: now it is refused in plain words.
    other = new_person()
    enroll = EnrollPage(other.page).open(server.setup_link)
    expect(other.heading()).to_have_text("This link does not work")
    expect(enroll.error()).to_contain_text("already been used")
    expect(other.page.get_by_text("Ask your coach for a new link.")).to_be_visible()


def test_sign_out_then_sign_in_with_the_passkey(admin: Account, new_person: PersonFactory) -> None:
    person = new_person(account=admin, with_passkey=True)
    signin = SignInPage(person.page).open()
    signin.sign_in()
    expect(person.heading()).to_have_text("Your organisation")
    expect(person.page).to_have_url(re.compile(r"/$"))

    person.nav("My passkeys")
    PasskeysPage(person.page).sign_out()
    # Signed out for real: the API refuses, and home shows the sign-in screen.
    assert person.context.request.get("/api/me").status == 401
    person.page.goto("/")
    expect(person.heading()).to_have_text("Sign in")

    SignInPage(person.page).sign_in()
    expect(person.heading()).to_have_text("Your organisation")


def test_sign_in_without_user_verification_is_refused(
    admin: Account, new_person: PersonFactory
) -> None:
    person = new_person(account=admin, with_passkey=True)
    person.set_user_verified(False)
    signin = SignInPage(person.page).open()
    signin.sign_in()
    expect(signin.error()).to_contain_text("You are not signed in yet.")
    expect(signin.error()).to_contain_text(
        re.compile(r"fingerprint, face or screen lock was not confirmed|was not accepted")
    )
    expect(person.heading()).to_have_text("Sign in")
    assert person.context.request.get("/api/me").status == 401

    # With the fingerprint confirmed, the same passkey works.
    person.set_user_verified(True)
    signin.sign_in()
    expect(person.heading()).to_have_text("Your organisation")


def test_a_used_link_is_refused(
    admin: Account, team: dict[str, Any], new_person: PersonFactory
) -> None:
    inviter = new_person(account=admin)
    url = inviter.api(
        "POST",
        "/api/invitations",
        {
            "role": "coach",
            "displayName": "Maya Levi",
            "delivery": "link",
            "teamId": team["id"],
            "relation": "",
        },
    )["url"]

    first = new_person()
    EnrollPage(first.page).open(url).create_passkey()
    expect(first.heading()).to_have_text("My clients")

    second = new_person()
    enroll = EnrollPage(second.page).open(url)
    expect(second.heading()).to_have_text("This link does not work")
    expect(enroll.error()).to_contain_text(
        "This link has already been used. Each link works only once."
    )
    expect(second.page.get_by_text("Ask your coach for a new link.")).to_be_visible()
    expect(second.page.get_by_role("button", name="Create my passkey")).to_have_count(0)


def test_an_expired_link_is_refused(
    org: object, admin: Account, server: Server, new_person: PersonFactory
) -> None:
    inviter = new_person(account=admin)
    coach = next(p for p in inviter.api_all("/api/people") if p["role"] == "coach")
    invitation = inviter.api(
        "POST",
        "/api/invitations",
        {
            "role": "client",
            "displayName": "Tom Baker",
            "delivery": "qr",
            "coachId": coach["id"],
            "relation": "",
        },
    )
    # Time cannot be advanced in the server, so the invitation is made to have expired an
    # hour ago, directly in its SQLite file (the server reads expires_at on every request).
    past = datetime.now(UTC) - timedelta(hours=1)
    with sqlite3.connect(server.database) as db:
        (stored,) = db.execute(
            "SELECT expires_at FROM invitations WHERE id = ?", (invitation["id"],)
        ).fetchone()
        value = past.isoformat() if "T" in str(stored) else past.isoformat(sep=" ")
        changed = db.execute(
            "UPDATE invitations SET expires_at = ? WHERE id = ?", (value, invitation["id"])
        ).rowcount
    assert changed == 1

    person = new_person()
    enroll = EnrollPage(person.page).open(invitation["url"])
    expect(person.heading()).to_have_text("This link does not work")
    expect(enroll.error()).to_contain_text("This link has expired.")
    expect(person.page.get_by_text("Ask your coach for a new link.")).to_be_visible()
    # Reading the link took the token out of the address bar.
    assert "#" not in person.page.url
