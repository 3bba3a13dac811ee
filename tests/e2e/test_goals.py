"""The PTA goal tool in the browser: the coach sets a goal with its means and
writes with the client what each result looks like (Goal Attainment Scaling), the client sees
it on the phone and checks in by choosing one of those sentences without signal (sent exactly
once when the signal is back), both rate it in its last week by the same sentences, and the
coach sees the ratings side by side and the GAS T-score. A goal not started yet says when it
starts; a goal ended early by the coach, with a reason, opens its final evaluation."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import uuid
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import Person, SyncStatus
from tests.support.photos import phone_jpeg


def check_ins(server: Server, goal_id: str) -> list[tuple[int, int | None]]:
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        return db.execute(
            "SELECT mood, level FROM goal_check_ins WHERE goal = ?", (goal_id,)
        ).fetchall()


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
    today = date.fromisoformat(page.get_by_label("First day").input_value())
    # The goal started ten days ago and is in its last week: the final evaluation is open.
    first = today - timedelta(days=10)
    page.get_by_label("First day").fill(first.isoformat())
    # Six weeks is too long: the server's reason shows next to the last day.
    page.get_by_label("Last day").fill((first + timedelta(days=42)).isoformat())
    page.get_by_role("button", name="Save the goal").click()
    reason = "A goal lasts one to four weeks: choose another last day."
    expect(page.locator("#goal-ends-error")).to_contain_text(reason)
    expect(page.get_by_label("Last day")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("Please check the fields marked below.")
    # What reaching the goal looks like is written with the client: it is needed, and said at
    # the same time as the last day.
    expected = page.get_by_label("As expected (0): what reaching the goal looks like")
    expect(expected).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#goal-level-expected-error")).to_contain_text(
        "Write in a few words what reaching the goal looks like."
    )
    page.get_by_label("Last day").fill((first + timedelta(days=14)).isoformat())
    expected.fill("I arrive on time every day.")
    page.get_by_label("A bit more than expected (+1)").fill("I arrive early most days.")
    page.get_by_label("A bit less than expected (−1)").fill("I am late once or twice.")
    page.get_by_role("button", name="Save the goal").click()
    expect(coach.heading()).to_have_text("Arrive on time every day")
    # The sentences written, from "much more" down; the expected one among them.
    expect(page.locator(".goal-levels dd")).to_have_text(
        ["I arrive early most days.", "I arrive on time every day.", "I am late once or twice."]
    )
    expect(page.locator(".goal-levels dt")).to_have_text(
        ["A bit more than expected", "As expected", "A bit less than expected"]
    )
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
    # The check-in offers the goal's own sentences (the scale's words where none was written).
    check_in = cp.get_by_role("region", name="How is it going?")
    expect(check_in.get_by_role("button")).to_have_text(
        [
            "Much more than expected",
            "I arrive early most days.",
            "I arrive on time every day.",
            "I am late once or twice.",
            "Much less than expected",
        ]
    )
    check_in.get_by_label("Anything to add?").fill("I took the early bus.")
    check_in.get_by_role("button", name="I arrive early most days.").click()
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
    assert check_ins(server, goal_id) == [(1, 1)]
    cp.reload()
    sync.expect("All saved")
    assert check_ins(server, goal_id) == [(1, 1)]

    # The client says how it went, in plain words, also without signal.
    client.context.set_offline(True)
    sync.expect("Offline.")
    cp.get_by_role("link", name="Say how it went").click()
    expect(client.heading()).to_have_text("How did it go?")
    scale = cp.get_by_role("group", name="Did you reach your goal?")
    for label in (
        "Much more than expected",
        "I arrive early most days.",
        "I arrive on time every day.",
        "I am late once or twice.",
        "Much less than expected",
    ):
        expect(scale.get_by_role("radio", name=label, exact=True)).to_be_visible()
    cp.get_by_role("button", name="Save my answer").click()
    expect(scale).to_contain_text("Please choose one answer.")
    # A first answer, then a change of mind: both wait on the phone, in order.
    scale.get_by_role("radio", name="I arrive on time every day.").check()
    cp.get_by_role("button", name="Save my answer").click()
    saved_offline = "Saved on your phone. It will be sent when there is signal."
    expect(cp.get_by_role("status").filter(has_text=saved_offline)).to_be_visible()
    sync.expect("1 change waiting to send")
    scale.get_by_role("radio", name="I arrive early most days.").check()
    cp.get_by_label("Comment").fill("I was late once.")
    cp.get_by_role("button", name="Save my answer").click()
    expect(cp.get_by_role("status").filter(has_text=saved_offline)).to_be_visible()
    sync.expect("2 changes waiting to send")
    cp.get_by_role("link", name="Back to the goal").click()
    expect(cp.get_by_role("region", name="How did it go?")).to_contain_text(
        "You said: I arrive early most days."
    )
    assert client_rating(server, goal_id) == (None, "")

    client.context.set_offline(False)
    sync.expect("All saved")
    assert client_rating(server, goal_id) == (1, "I was late once.")
    # Online, the answer is saved at once.
    cp.get_by_role("link", name="Change my answer").click()
    expect(scale.get_by_role("radio", name="I arrive early most days.")).to_be_checked()
    cp.get_by_role("button", name="Save my answer").click()
    expect(cp.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    sync.expect("All saved")
    assert client_rating(server, goal_id) == (1, "I was late once.")

    # The coach sees the check-in, rates, and sees both ratings side by side.
    page.reload()
    expect(page.get_by_role("list", name="Check-ins")).to_contain_text(
        "+1 I arrive early most days."
    )
    expect(page.get_by_role("list", name="Check-ins")).to_contain_text("I took the early bus.")
    page.get_by_role("radio", name="0 I arrive on time every day.").check()
    page.get_by_label("Comment").fill("As we expected.")
    page.get_by_role("button", name="Save my answer").click()
    ratings = page.get_by_role("region", name="Ratings side by side")
    expect(ratings.locator("dl > div").nth(0)).to_contain_text("+1 I arrive early most days.")
    expect(ratings.locator("dl > div").nth(0)).to_contain_text("I was late once.")
    expect(ratings.locator("dl > div").nth(1)).to_contain_text("0 I arrive on time every day.")
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


def weekday_words(person: Person, day: date) -> str:
    """ "Monday 14 December": a day as the app writes it (Intl, the page's language and region)."""
    return str(
        person.page.evaluate(
            """([y, m, d]) => new Intl.DateTimeFormat(navigator.language, {
                weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(y, m - 1, d))""",
            [day.year, day.month, day.day],
        )
    )


def test_a_goal_not_started_says_when_it_starts_and_one_ended_early_opens_its_evaluation(
    org: Organisation, fresh_client: Account, new_person: PersonFactory, server: Server
) -> None:
    coach = new_person(account=org.coach)
    today = date.fromisoformat(coach.page.evaluate("new Date().toLocaleDateString('sv')"))
    levels = {"expected": "I fold every towel on my own.", "less": "I fold half of them."}
    later = coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/goals",
        {
            "localId": str(uuid.uuid4()),
            "title": "Fold the towels on my own",
            "means": ["Watch the video first"],
            "startsOn": (today + timedelta(days=7)).isoformat(),
            "endsOn": (today + timedelta(days=21)).isoformat(),
            "levels": levels,
        },
    )
    now = coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/goals",
        {
            "localId": str(uuid.uuid4()),
            "title": "Take a break at 9:00",
            "means": ["Set the alarm"],
            "startsOn": (today - timedelta(days=2)).isoformat(),
            "endsOn": (today + timedelta(days=12)).isoformat(),
            "levels": {"expected": "I take my break at 9:00 every day."},
        },
    )

    # A goal set before levels were written down (as the migration leaves one).
    old = coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/goals",
        {
            "localId": str(uuid.uuid4()),
            "title": "Greet the team",
            "means": ["Say good morning"],
            "endsOn": (today + timedelta(days=14)).isoformat(),
            "levels": {"expected": "Written later."},
        },
    )
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        db.execute("UPDATE goals SET levels = NULL WHERE id = ?", (old["id"],))
        db.commit()

    # The client: the goal that starts next week says so, and cannot be checked in on yet.
    client = new_person(account=fresh_client, width=320, height=720)
    cp = client.page
    cp.goto("/goals")
    starts = f"Starts on {weekday_words(client, today + timedelta(days=7))}"
    card = cp.get_by_role("list", name="My goals").get_by_role(
        "link", name=re.compile("^Fold the towels on my own")
    )
    expect(card).to_contain_text(starts)
    card.click()
    expect(client.heading()).to_have_text("Fold the towels on my own")
    expect(cp.get_by_role("main")).to_contain_text(
        f"This goal starts on {weekday_words(client, today + timedelta(days=7))}."
    )
    expect(cp.get_by_role("region", name="How is it going?")).to_have_count(0)
    expect(cp.get_by_role("link", name="Say how it went")).to_have_count(0)
    expect(cp.locator(".goal-levels dd")).to_have_text(
        ["I fold every towel on my own.", "I fold half of them."]
    )

    # A goal going on now: check-ins, but the final evaluation only from its last week.
    cp.get_by_role("link", name="Back to my goals").click()
    cp.get_by_role("list", name="My goals").get_by_role(
        "link", name=re.compile("^Take a break at 9:00")
    ).click()
    expect(cp.get_by_role("region", name="How is it going?")).to_be_visible()
    opens = weekday_words(client, today + timedelta(days=6))
    expect(cp.get_by_role("region", name="How did it go?")).to_contain_text(
        f"From {opens} you can say how well you reached the goal."
    )
    expect(cp.get_by_role("link", name="Say how it went")).to_have_count(0)

    # The coach: the goal not started says when it starts, not "Going on now".
    page = coach.page
    page.goto(f"/clients/{fresh_client.id}/goals/{later['id']}")
    expect(coach.heading()).to_have_text("Fold the towels on my own")
    expect(page.locator(".lead")).to_contain_text(starts)
    expect(page.get_by_role("region", name="End this goal early")).to_have_count(0)

    # The coach ends the other goal early, with a reason: the final evaluation opens.
    page.goto(f"/clients/{fresh_client.id}/goals/{now['id']}")
    expect(coach.heading()).to_have_text("Take a break at 9:00")
    ratings = page.get_by_role("region", name="Ratings side by side")
    expect(ratings).to_contain_text("The final evaluation opens on")
    expect(ratings.get_by_role("radio")).to_have_count(0)
    ending = page.get_by_role("region", name="End this goal early")
    ending.get_by_role("button", name="End the goal now").click()
    reason = ending.get_by_label("Why does the goal end early?")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(ending).to_contain_text("Please write why the goal ends early.")
    reason.fill("Her shifts changed to the afternoon.")
    ending.get_by_role("button", name="End the goal now").click()
    expect(page.get_by_text("Ended early on")).to_contain_text(
        "Her shifts changed to the afternoon."
    )
    expect(page.locator(".lead")).to_contain_text("Time is up: say how it went")
    expect(page.get_by_role("region", name="End this goal early")).to_have_count(0)
    expect(
        ratings.get_by_role("radio", name="0 I take my break at 9:00 every day.")
    ).to_be_visible()

    # The goal set before levels: the coach writes them down with the client.
    page.goto(f"/clients/{fresh_client.id}/goals/{old['id']}")
    expect(coach.heading()).to_have_text("Greet the team")
    writing = page.get_by_role("region", name="What each result looks like")
    writing.get_by_role("button", name="Save the results").click()
    expected = writing.get_by_label("As expected (0): what reaching the goal looks like")
    expect(expected).to_have_attribute("aria-invalid", "true")
    expected.fill("I say good morning to the team every day.")
    writing.get_by_label("Much less than expected (−2)").fill("I greet nobody.")
    writing.get_by_role("button", name="Save the results").click()
    expect(page.locator(".goal-levels dd")).to_have_text(
        ["I say good morning to the team every day.", "I greet nobody."]
    )
    expect(writing).to_have_count(0)

    # The client can now say how it went.
    cp.reload()
    expect(cp.get_by_text("This goal was ended early on")).to_be_visible()
    expect(cp.get_by_role("region", name="How is it going?")).to_have_count(0)
    cp.get_by_role("link", name="Say how it went").click()
    scale = cp.get_by_role("group", name="Did you reach your goal?")
    scale.get_by_role("radio", name="I take my break at 9:00 every day.").check()
    cp.get_by_role("button", name="Save my answer").click()
    expect(cp.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
