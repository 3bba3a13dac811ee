"""The PTA goal tool in the browser (issue 5): the coach sets a goal with its means, the client
sees it on the phone and checks in without signal (sent exactly once when the signal is back),
both rate it on the Goal Attainment Scale, and the coach sees the ratings side by side and the
GAS T-score."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import Person, SyncStatus
from tests.support.photos import phone_jpeg


def check_ins(server: Server, goal_id: str) -> list[tuple[int]]:
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        return db.execute("SELECT mood FROM goal_check_ins WHERE goal = ?", (goal_id,)).fetchall()


def client_rating(server: Server, goal_id: str) -> tuple[int | None, str | None]:
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        row = db.execute(
            "SELECT client_rating, client_comment FROM goals WHERE id = ?", (goal_id,)
        ).fetchone()
        return (row[0], row[1])


def controlled(person: Person) -> None:
    """The service worker controls the page: the app opens without a connection."""
    person.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not person.page.evaluate("!!navigator.serviceWorker.controller"):
        person.page.reload()
    expect(person.heading()).to_be_visible()


def test_a_goal_set_by_the_coach_checked_in_offline_and_rated_by_both(
    org: Organisation, fresh_client: Account, new_person: PersonFactory, server: Server
) -> None:
    coach = new_person(account=org.coach)
    page = coach.page
    page.goto(f"/clients/{fresh_client.id}")
    page.get_by_role("link", name="Open the goals").click()
    expect(coach.heading()).to_have_text(f"Goals of {fresh_client.name}")
    page.get_by_role("link", name="Set a goal").click()
    expect(coach.heading()).to_have_text("Set a goal")

    page.get_by_label("The goal", exact=True).fill("Arrive on time every day")
    page.get_by_label("Step 1", exact=True).fill("Set the alarm at 6:30")
    page.get_by_label("Step 2", exact=True).fill("Take the 7:15 bus")
    first = date.fromisoformat(page.get_by_label("First day").input_value())
    # Six weeks is too long: the server's reason shows next to the last day.
    page.get_by_label("Last day").fill((first + timedelta(days=42)).isoformat())
    page.get_by_role("button", name="Save the goal").click()
    reason = "A goal lasts one to four weeks: choose another last day."
    expect(page.locator("#goal-ends-error")).to_contain_text(reason)
    expect(page.get_by_label("Last day")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("Please check the fields marked below.")
    page.get_by_label("Last day").fill((first + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Save the goal").click()
    expect(coach.heading()).to_have_text("Arrive on time every day")
    goal_id = page.url.rsplit("/", 1)[1]
    expect(page.get_by_role("list").filter(has_text="Set the alarm at 6:30")).to_contain_text(
        "Take the 7:15 bus"
    )

    # An optional photo: a file that is no picture is refused next to the field.
    photo_field = page.get_by_label("A photo of what the goal is about (optional)")
    photo_field.set_input_files(
        {"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"not a picture"}
    )
    page.get_by_role("button", name="Add the photo").click()
    expect(page.locator("#goal-photo-error")).to_be_visible()
    expect(photo_field).to_have_attribute("aria-invalid", "true")
    photo_field.set_input_files(
        {"name": "bus-stop.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg(800, 600, 1, 80)}
    )
    page.get_by_role("button", name="Add the photo").click()
    alt = "Photo for the goal: Arrive on time every day"
    expect(page.get_by_role("img", name=alt)).to_be_visible()
    expect(page.locator("#goal-photo-error")).to_have_count(0)

    # The client, on their own phone: the goal is in "My goals", with how to do it.
    client = new_person(account=fresh_client, width=390, height=844)
    cp = client.page
    cp.goto("/")
    controlled(client)
    client.nav("Goals")
    goals = cp.get_by_role("list", name="My goals")
    goals.get_by_role("link", name=re.compile("^Arrive on time every day")).click()
    expect(client.heading()).to_have_text("Arrive on time every day")
    expect(cp.get_by_role("list", name="How I will do it")).to_contain_text("Take the 7:15 bus")
    expect(cp.get_by_role("img", name=alt)).to_be_visible()

    # No signal: the check-in is kept on the phone and shown as waiting.
    sync = SyncStatus(cp)
    sync.expect("All saved")
    client.context.set_offline(True)
    sync.expect("Offline.")
    check_in = cp.get_by_role("region", name="How is it going?")
    for label in ("Very good", "Good", "OK", "Not so good", "Bad"):
        expect(check_in.get_by_role("button", name=label, exact=True)).to_be_visible()
    check_in.get_by_label("Anything to add?").fill("I took the early bus.")
    check_in.get_by_role("button", name="Very good", exact=True).click()
    expect(check_in.get_by_role("status")).to_contain_text(
        "It is saved on your phone and will be sent when there is signal."
    )
    sync.expect("1 change waiting to send")
    # Reopened without signal: the goal and its photo are still on the phone.
    cp.reload()
    expect(client.heading()).to_have_text("Arrive on time every day")
    expect(cp.get_by_role("img", name=alt)).to_be_visible()
    cp.wait_for_function("() => document.querySelector('.goal-photo img')?.naturalWidth > 0")
    assert check_ins(server, goal_id) == []

    client.context.set_offline(False)
    sync.expect("All saved")
    assert check_ins(server, goal_id) == [(2,)]
    cp.reload()
    sync.expect("All saved")
    assert check_ins(server, goal_id) == [(2,)]

    # The client says how it went, in plain words, also without signal.
    client.context.set_offline(True)
    sync.expect("Offline.")
    cp.get_by_role("link", name="Say how it went").click()
    expect(client.heading()).to_have_text("How did it go?")
    scale = cp.get_by_role("group", name="Did you reach your goal?")
    for label in (
        "Much more than expected",
        "A bit more than expected",
        "As expected",
        "A bit less than expected",
        "Much less than expected",
    ):
        expect(scale.get_by_role("radio", name=label, exact=True)).to_be_visible()
    cp.get_by_role("button", name="Save my answer").click()
    expect(scale).to_contain_text("Please choose one answer.")
    # A first answer, then a change of mind: both wait on the phone, in order.
    scale.get_by_role("radio", name="As expected").check()
    cp.get_by_role("button", name="Save my answer").click()
    saved_offline = "Saved on your phone. It will be sent when there is signal."
    expect(cp.get_by_role("status").filter(has_text=saved_offline)).to_be_visible()
    sync.expect("1 change waiting to send")
    scale.get_by_role("radio", name="A bit more than expected").check()
    cp.get_by_label("Comment").fill("I was late once.")
    cp.get_by_role("button", name="Save my answer").click()
    expect(cp.get_by_role("status").filter(has_text=saved_offline)).to_be_visible()
    sync.expect("2 changes waiting to send")
    cp.get_by_role("link", name="Back to the goal").click()
    expect(cp.get_by_role("region", name="How did it go?")).to_contain_text(
        "You said: A bit more than expected."
    )
    assert client_rating(server, goal_id) == (None, "")

    client.context.set_offline(False)
    sync.expect("All saved")
    assert client_rating(server, goal_id) == (1, "I was late once.")
    # Online, the answer is saved at once.
    cp.get_by_role("link", name="Change my answer").click()
    expect(scale.get_by_role("radio", name="A bit more than expected")).to_be_checked()
    cp.get_by_role("button", name="Save my answer").click()
    expect(cp.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    sync.expect("All saved")
    assert client_rating(server, goal_id) == (1, "I was late once.")

    # The coach sees the check-in, rates, and sees both ratings side by side.
    page.reload()
    expect(page.get_by_role("list", name="Check-ins")).to_contain_text("Very good")
    expect(page.get_by_role("list", name="Check-ins")).to_contain_text("I took the early bus.")
    page.get_by_role("radio", name="0 As expected").check()
    page.get_by_label("Comment").fill("As we expected.")
    page.get_by_role("button", name="Save my answer").click()
    ratings = page.get_by_role("region", name="Ratings side by side")
    expect(ratings.locator("dl > div").nth(0)).to_contain_text("+1 A bit more than expected")
    expect(ratings.locator("dl > div").nth(0)).to_contain_text("I was late once.")
    expect(ratings.locator("dl > div").nth(1)).to_contain_text("0 As expected")
    expect(ratings.locator("dl > div").nth(1)).to_contain_text("As we expected.")

    # The GAS T-score of the period: 50 from the coach's 0, 60 from the client's +1 (ρ = 0.3).
    page.get_by_role("link", name="Back to the goals").click()
    table = page.get_by_role("table", name="GAS T-score per month")
    period = (first + timedelta(days=14)).strftime("%Y-%m")
    row = table.get_by_role("row", name=re.compile(period))
    expect(row.get_by_role("cell")).to_have_text(["1", "50.0", "60.0"])
    expect(page.get_by_role("region", name="GAS T-score per month")).to_contain_text(
        "Trend: not enough months yet."
    )
