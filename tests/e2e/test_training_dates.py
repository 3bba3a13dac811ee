"""A training session written down later, from paper, is dated and shows under its own day."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import SyncStatus
from tests.e2e.test_task_builder import api_task

ZONE = "Europe/Helsinki"


def made_days_ago(server: Server, task_id: str, days: int) -> None:
    """Set-up: the task was made some days ago (stored as the server stores it)."""
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        (stored,) = db.execute("SELECT created_at FROM tasks WHERE id = ?", (task_id,)).fetchone()
        earlier = datetime.fromisoformat(stored) - timedelta(days=days)
        value = earlier.isoformat() if "T" in stored else str(earlier)
        db.execute("UPDATE tasks SET created_at = ? WHERE id = ?", (value, task_id))
        db.commit()


def medium(day: date) -> re.Pattern[str]:
    """The day as en-GB writes it ("28 Nov 2026"; September is "Sept")."""
    return re.compile(rf"\b{day.day} {day.strftime('%b')}\w* {day.year}\b")


def test_a_session_dated_last_week_shows_under_that_date(
    new_person: PersonFactory, org: Organisation, server: Server, fresh_client: Account
) -> None:
    # The coach's laptop is set to another zone than the workplace: the day is the workplace's.
    coach = new_person(account=org.coach, width=390, height=844, timezone="Pacific/Kiritimati")
    task_id = api_task(coach, fresh_client, "Sort the post", "Open the bag.", "Sort by floor.")
    coach.api("PATCH", f"/api/tasks/{task_id}", {"workplace": "Hotel Kämp"})
    coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/shifts",
        {
            "localId": str(uuid.uuid4()),  # the write's own id (a repeat lands once)
            "workplace": "Hotel Kämp",
            "zone": ZONE,
            "startsAt": "08:00",
            "endsAt": "12:00",
            "weekdays": [1, 2, 3, 4, 5],
        },
    )
    made_days_ago(server, task_id, 14)
    today = datetime.now(UTC).astimezone(ZoneInfo(ZONE)).date()
    last_week = today - timedelta(days=7)
    page = coach.page

    # Today's session, the usual way: the date is today unless the coach changes it.
    page.goto(f"/tasks/{task_id}/training")
    expect(coach.heading()).to_have_text("Training session")
    date_field = page.get_by_label("Date of the session")
    expect(date_field).to_have_value(today.isoformat())
    page.get_by_role("group", name=re.compile(r"^Step 1: ")).get_by_role(
        "radio", name="On their own"
    ).check()
    page.get_by_role("button", name="Save the session").click()
    expect(page.get_by_text("It is sent. Progress shows it now.")).to_be_visible()

    # Last week's session, from paper: a future date is refused next to the field first.
    page.get_by_role("button", name="Record another session").click()
    date_field.fill((today + timedelta(days=1)).isoformat())
    page.get_by_role("group", name=re.compile(r"^Step 1: ")).get_by_role(
        "radio", name="Hands-on help"
    ).check()
    page.get_by_role("button", name="Save the session").click()
    expect(
        page.get_by_text("The date cannot be in the future. Choose today or an earlier day.")
    ).to_be_visible()
    expect(date_field).to_have_attribute("aria-invalid", "true")
    date_field.fill(last_week.isoformat())
    # Without signal (the laptop on the train): the date waits in the outbox with the session.
    coach.context.set_offline(True)
    page.get_by_role("button", name="Save the session").click()
    expect(
        page.get_by_text("It is kept on this phone and sent as soon as there is a connection.")
    ).to_be_visible()
    coach.context.set_offline(False)
    SyncStatus(page).expect("All saved")

    page.get_by_role("link", name="See progress").click()
    table = page.get_by_role("table", name="Steps done on their own, per session")
    headers = table.get_by_role("rowheader")
    expect(headers).to_have_count(2)
    # Ordered by the session's day: last week's first, although it was written down later.
    expect(headers.nth(0)).to_have_text(medium(last_week))
    expect(headers.nth(1)).to_have_text(medium(today))
    expect(table.get_by_role("row").nth(1)).to_contain_text("0 of 2")


def test_the_coach_sees_the_latest_sessions_and_asks_for_earlier_ones(
    new_person: PersonFactory, org: Organisation, fresh_client: Account
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    task_id = api_task(coach, fresh_client, "Fold towels", "Fold in half.")
    step = coach.api("GET", f"/api/tasks/{task_id}")["steps"][0]["id"]
    start = datetime.now(UTC) - timedelta(hours=3)
    for n in range(101):  # one more than a page
        coach.api(
            "POST",
            f"/api/tasks/{task_id}/sessions",
            {
                "clientId": str(uuid.uuid4()),
                "startedAt": (start + timedelta(seconds=n)).isoformat(),
                "records": [{"stepId": step, "level": "verbal" if n == 0 else "independent"}],
            },
        )
    page = coach.page
    page.goto(f"/tasks/{task_id}/progress")
    table = page.get_by_role("table", name="Steps done on their own, per session")
    headers = table.get_by_role("rowheader")
    # The latest hundred, numbered from the task's first session; mastery counts all of them.
    expect(headers).to_have_count(100)
    expect(headers.nth(0)).to_have_text(re.compile(r"^2\. "))
    expect(page.get_by_text("Mastered after 4 sessions.")).to_be_visible()
    page.get_by_role("button", name="Show earlier sessions").click()
    expect(headers).to_have_count(101)
    expect(headers.nth(0)).to_have_text(re.compile(r"^1\. "))
    expect(table.get_by_role("row").nth(1)).to_contain_text("0 of 1")
    expect(page.get_by_role("button", name="Show earlier sessions")).to_have_count(0)
