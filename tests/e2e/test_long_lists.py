"""A long list on a phone comes a page at a time: the coach sees the first clients at once and
the rest when they ask for them with "Show more", by keyboard as by touch, and focus goes on
where the new clients start."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import Organisation, PersonFactory, Server, invite_and_enroll
from tests.e2e.pages import LongList

CLIENTS = 61  # more than one page (50): the button, then all of them


def _caseload(server: Server, coach_id: str, count: int, team: str | None = None) -> list[str]:
    """``count`` clients of the coach (in ``team``), written straight into the server's
    database (set-up)."""
    names = [f"Client {i:03d}" for i in range(count)]
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        (at,) = db.execute("SELECT created_at FROM users WHERE id = ?", (coach_id,)).fetchone()
        for name in names:
            user = str(uuid.uuid4())
            db.execute(
                "INSERT INTO users (id, display_name, role, team, locale, preferences,"
                " webauthn_handle, created_at, notice_version, notice_locale)"
                " VALUES (?, ?, 'client', NULL, '', '{}', ?, ?, 0, '')",
                (user, name, os.urandom(32), at),
            )
            db.execute(
                "INSERT INTO client_records (id, user, coach, team, stage, support_summary,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, 'engagement', '', ?, ?)",
                (str(uuid.uuid4()), user, coach_id, team, at, at),
            )
        db.commit()
    return names


def test_a_long_caseload_shows_more_when_the_coach_asks_at_phone_size(
    browser: Browser, server: Server, org: Organisation, new_person: PersonFactory
) -> None:
    coach = invite_and_enroll(
        browser,
        server,
        org.admin,
        "coach",
        f"Coach {uuid.uuid4().hex[:6]}",
        teamId=org.team_id,
    )
    names = _caseload(server, coach.id, CLIENTS)
    person = new_person(account=coach, width=320, height=640)
    page = person.page
    page.goto("/")
    caseload = LongList(page, "My clients")
    expect(caseload.items).to_have_count(50)
    expect(caseload.items.first).to_contain_text("Client 000")

    # By keyboard: the button is reached with Tab and pressed with Enter.
    caseload.show_more.focus()
    expect(caseload.show_more).to_be_focused()
    page.keyboard.press("Enter")
    expect(caseload.items).to_have_count(CLIENTS)
    # Focus goes on where the new clients start; nothing more to show.
    expect(caseload.items.nth(50).get_by_role("link")).to_be_focused()
    expect(caseload.items.nth(50)).to_contain_text("Client 050")
    expect(caseload.show_more).to_have_count(0)
    shown = [text.split("\n")[0].strip() for text in caseload.items.all_inner_texts()]
    assert shown == names  # each once, in name order

    # The button is a full-size target at 320 px, within the screen.
    page.reload()
    expect(caseload.items).to_have_count(50)
    box = caseload.show_more.bounding_box()
    assert box is not None and box["height"] >= 48 and box["x"] >= 0
    assert box["x"] + box["width"] <= 320

    # The week of so many clients comes in parts too: the rest when the coach asks.
    page.goto("/week")
    due = page.get_by_role("region", name="Conversations due").get_by_role("listitem")
    expect(due).to_have_count(50)
    more = page.get_by_role("button", name="Show more clients")
    more.click()
    expect(due).to_have_count(CLIENTS)
    expect(more).to_have_count(0)
    expect(page.get_by_role("heading", name="Shifts", level=2)).to_be_focused()


def test_a_large_team_shows_its_coordinator_a_page_of_clients_and_more_when_asked(
    browser: Browser, server: Server, org: Organisation, new_person: PersonFactory
) -> None:
    admin = new_person(account=org.admin)
    team = admin.api("POST", "/api/teams", {"name": f"Team {uuid.uuid4().hex[:6]}"})
    coordinator = invite_and_enroll(
        browser, server, org.admin, "coordinator", "Coordinator Large", teamId=team["id"]
    )
    coach = invite_and_enroll(browser, server, org.admin, "coach", "Coach Large", teamId=team["id"])
    names = _caseload(server, coach.id, CLIENTS, team["id"])
    page = new_person(account=coordinator, width=320, height=640).page
    page.goto("/")
    clients = LongList(page, "Clients in the team")
    expect(clients.items).to_have_count(50)
    clients.show_more.focus()
    page.keyboard.press("Enter")
    expect(clients.items).to_have_count(CLIENTS)
    expect(clients.items.nth(50).get_by_role("link")).to_be_focused()
    expect(clients.show_more).to_have_count(0)
    shown = [text.split("\n")[0].strip() for text in clients.items.all_inner_texts()]
    assert shown == names
