"""The shift opens the work: while a client's shift is under way, their home shows that
workplace's tasks first, from the shift's own times (no location); "Time to start" is a reminder
the client turns on, with no time to choose (it comes as the shift starts)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.e2e.conftest import Account, Organisation, PersonFactory

ZONE = "Europe/Helsinki"


def test_the_workplaces_tasks_come_first_while_the_shift_is_under_way(
    new_person: PersonFactory, org: Organisation, fresh_client: Account
) -> None:
    coach = new_person(account=org.coach)
    clients = f"/api/clients/{fresh_client.id}"
    now = datetime.now(ZoneInfo(ZONE))
    job = coach.api(
        "POST",
        f"{clients}/jobs",
        {
            "localId": str(uuid.uuid4()),
            "title": "Dishwasher",
            "startDate": (now.date() - timedelta(days=7)).isoformat(),
        },
    )
    for title, job_id, workplace in (
        ("Set the tables", job["id"], "Café Lumo"),
        ("Water the plants", None, "Home"),
    ):
        made = coach.api(
            "POST", f"{clients}/tasks", {"title": title, "workplace": workplace, "jobId": job_id}
        )
        assert made["title"] == title
    # A shift at the café that started half an hour ago and ends in an hour and a half.
    start, end = now - timedelta(minutes=30), now + timedelta(minutes=90)
    coach.api(
        "POST",
        f"{clients}/shifts",
        {
            "localId": str(uuid.uuid4()),
            "workplace": "Café Lumo",
            "zone": ZONE,
            "startsAt": start.strftime("%H:%M"),
            "endsAt": end.strftime("%H:%M"),
            "repeat": "once",
            "date": start.date().isoformat(),
            "endsNextDay": end.date() > start.date(),
            "jobId": job["id"],
        },
    )

    client = new_person(account=fresh_client, width=390, height=844)
    page = client.page
    page.goto("/")
    at_work = page.get_by_role("list", name="At work now: Café Lumo")
    expect(at_work.get_by_role("link", name=re.compile("^Set the tables"))).to_be_visible()
    expect(at_work.get_by_role("link")).to_have_count(1)
    # First on the screen, above everything else the home shows.
    first_heading = page.locator("main h2").first
    expect(first_heading).to_have_text("At work now: Café Lumo")
    box = first_heading.bounding_box()
    assert box is not None and box["y"] < 844
    others = page.get_by_role("list", name="My other tasks")
    expect(others.get_by_role("link", name=re.compile("^Water the plants"))).to_be_visible()
    expect(others.get_by_role("link")).to_have_count(1)

    # "Time to start" is one of the client's reminders, with no time to choose.
    page.goto("/reminders")
    which = page.get_by_role("region", name="Which reminders?")
    start_rule = which.get_by_role("group", name="Time to start work")
    expect(start_rule).to_contain_text("It opens the tasks of that workplace.")
    start_rule.get_by_role("checkbox", name="Yes, remind me").check()
    expect(start_rule.get_by_label("When?")).to_have_count(0)
    which.get_by_role("button", name="Save my reminders").click()
    expect(which.get_by_role("status")).to_contain_text("Your reminders are saved.")
    rules = {r["kind"]: r for r in client.api("GET", "/api/me/notifications")["rules"]}
    assert rules["shift_start"]["enabled"] and rules["shift_start"]["minutesBefore"] == 0


def test_without_a_shift_under_way_the_home_lists_all_tasks(
    new_person: PersonFactory, org: Organisation, fresh_client: Account
) -> None:
    coach = new_person(account=org.coach)
    coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/tasks",
        {"title": "Fold the napkins", "workplace": "Café Lumo"},
    )
    page = new_person(account=fresh_client, width=390, height=844).page
    page.goto("/")
    tasks = page.get_by_role("list", name="My tasks")
    expect(tasks.get_by_role("link", name=re.compile("^Fold the napkins"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^At work now"))).to_have_count(0)
