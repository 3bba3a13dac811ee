"""Fading in the browser: a coach records a fading plan for a client's job on the phone (from
the client's record, through the job); after three weeks of visits longer than planned, the
coordinator sees planned against actual — the chart and the same numbers in a table — and the
alert. The weeks are in the past: the job, the shifts and the visits are seeded through the API
dated in those weeks, before the plan is saved (the server closes a week two days after it ended,
and a closed week keeps its figures).
A plan saved without signal waits on the phone and lands once when the signal is back.
The new screens pass axe at 320 px with text at 100 and 200 %, in English and in Hebrew."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory
from tests.e2e.pages import Person
from tests.e2e.test_accessibility import AXE, TEXT_SIZES, WIDTH, _check
from tests.e2e.test_agreements import enrolled, invite_client, with_passkey
from tests.e2e.test_pta import choose_language


def _id() -> str:
    return str(uuid.uuid4())


def _first_monday() -> date:
    """The Monday five weeks before this week's: three weeks over plan, all closed by now."""
    today = datetime.now(UTC).date()
    return today - timedelta(days=today.weekday()) - timedelta(weeks=5)


def _job_with_shifts(coach: Person, client_id: str, start: date) -> dict[str, str]:
    """A job at a café from a week before ``start``, Monday to Friday 9–13 from ``start``."""
    tag = uuid.uuid4().hex[:6]
    employer = coach.api(
        "POST", "/api/employers", {"localId": _id(), "name": f"Café {tag}", "address": "Main St 1"}
    )
    job = coach.api(
        "POST",
        f"/api/clients/{client_id}/jobs",
        {
            "localId": _id(),
            "employerId": employer["id"],
            "title": "Dish washer",
            "startDate": (start - timedelta(days=7)).isoformat(),
        },
    )
    coach.api(
        "POST",
        f"/api/clients/{client_id}/shifts",
        {
            "localId": _id(),
            "workplace": f"Café {tag}",
            "zone": "UTC",
            "startsAt": "09:00",
            "endsAt": "13:00",
            "weekdays": [1, 2, 3, 4, 5],
            "fromDate": start.isoformat(),
            "jobId": job["id"],
        },
    )
    return {"employer": employer["id"], "job": job["id"]}


def _visits(coach: Person, client_id: str, employer_id: str, start: date) -> None:
    """Three visits of an hour a week for three weeks: 3 hours against 2, 1 and 1 planned."""
    for week in range(3):
        for day in (0, 2, 4):
            on = start + timedelta(weeks=week, days=day)
            coach.api(
                "POST",
                "/api/activities",
                {
                    "localId": _id(),
                    "clientIds": [client_id],
                    "mode": "workplace",
                    "occurredAt": datetime(
                        on.year, on.month, on.day, 9, 30, tzinfo=UTC
                    ).isoformat(),
                    "minutes": 60,
                    "purposes": ["training"],
                    "employerId": employer_id,
                },
            )


def _record_plan(page: Page, client_id: str, start: date) -> None:
    """From the client's record: Jobs → the job → its fading plan, two steps, saved."""
    page.goto(f"/clients/{client_id}")
    page.get_by_role("link", name="Jobs", exact=True).click()
    page.get_by_role("list", name="Jobs").get_by_role(
        "link", name=re.compile("Dish washer")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dish washer")
    page.get_by_role("link", name="Fading plan for this job").click()
    expect(page.get_by_text("There is no plan yet.")).to_be_visible()
    first = page.get_by_role("group", name="Step 1")
    first.get_by_label("From").fill(start.isoformat())
    first.get_by_label("Hours a week").fill("2")
    page.get_by_role("button", name="Add a step").click()
    second = page.get_by_role("group", name="Step 2")
    second.get_by_label("From").fill((start + timedelta(weeks=1)).isoformat())
    second.get_by_label("Hours a week").fill("1")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_role("status").filter(has_text="The plan is saved.")).to_be_visible()
    expect(page.get_by_role("region", name="The plan")).to_contain_text("2 coach hours a week")


def test_a_coach_plans_fading_and_the_coordinator_sees_planned_against_actual(
    org: Organisation, new_person: PersonFactory
) -> None:
    coach = with_passkey(new_person, org.coach, width=390, height=844)
    name = f"Fading {uuid.uuid4().hex[:6]}"
    _, client_id = enrolled(new_person, invite_client(coach, org, name), width=390, height=844)
    start = _first_monday()
    ids = _job_with_shifts(coach, client_id, start)
    _visits(coach, client_id, ids["employer"], start)
    _record_plan(coach.page, client_id, start)

    # The coordinator, from their week: the alert, and the team's plans in a table.
    coordinator = new_person(account=org.coordinator)
    page = coordinator.page
    page.goto("/week")
    page.get_by_role("link", name="Fading support: alerts and plans").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fading support")
    alerts = page.get_by_role("region", name="Alerts")
    alert = alerts.get_by_role("link", name=re.compile(f"^{name} · Dish washer")).filter(
        has_text="Support has not faded as planned for three weeks"
    )
    expect(alert).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=name))
    expect(row).to_contain_text("Support has not faded as planned for three weeks")

    # The client's chart, with its numbers in a table.
    row.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Fading plan: {name}")
    expect(page.locator("svg.fading-chart")).to_be_visible()
    table = page.get_by_role("table", name=re.compile("Coach hours a week, planned and actual"))
    weeks = table.get_by_role("row")
    first = weeks.nth(1)
    expect(first.get_by_role("cell")).to_have_text(["2", "3 above plan", "20", "15%", "–"])
    expect(weeks.nth(2).get_by_role("cell")).to_have_text(["1", "3 above plan", "20", "15%", "–"])
    expect(weeks.nth(3).get_by_role("cell")).to_have_text(["1", "3 above plan", "20", "15%", "–"])
    expect(page.get_by_role("region", name="Alerts")).to_contain_text(
        "Support has not faded as planned for three weeks"
    )


def test_a_plan_saved_without_signal_waits_on_the_phone_and_lands_once(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    """At the workplace the coach changes the plan with no signal: the screen shows the new
    steps at once and says they wait on the phone; when the signal is back the plan is sent
    by itself, and the server has made one version of it."""
    coach = new_person(account=org.coach, width=390, height=844)
    ids = _job_with_shifts(coach, fresh_client.id, _first_monday())
    page = coach.page
    page.goto(f"/clients/{fresh_client.id}/jobs/{ids['job']}/fading")
    # The service worker takes the page, so it opens again without signal.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate("!!navigator.serviceWorker.controller")
    expect(page.get_by_text("There is no plan yet.", exact=False)).to_be_visible()

    coach.context.set_offline(True)
    first = page.get_by_role("group", name="Step 1")
    first.get_by_label("From").fill(_first_monday().isoformat())
    first.get_by_label("Hours a week").fill("6")
    page.get_by_role("button", name="Save the plan").click()
    waiting = page.get_by_text(
        "The new plan is saved on this phone. It will be sent when there is signal."
    )
    expect(waiting).to_be_visible()
    plan = page.get_by_role("region", name="The plan")
    expect(plan).to_contain_text("6 coach hours a week")
    expect(
        page.get_by_role("status").filter(has_text=re.compile("1 change waiting"))
    ).to_be_visible()
    # Opened again without signal: the phone's copy, with the plan that waits.
    page.reload()
    expect(waiting).to_be_visible()
    expect(plan).to_contain_text("6 coach hours a week")

    coach.context.set_offline(False)
    expect(waiting).to_have_count(0, timeout=20_000)
    expect(plan).to_contain_text("Version 1")
    saved = coach.api("GET", f"/api/clients/{fresh_client.id}/jobs/{ids['job']}/fading")
    assert saved["version"] == 1
    assert [s["coachHoursPerWeek"] for s in saved["steps"]] == [6]


def _axe(page: Page, where: str) -> list[str]:
    expect(page.locator(".loading")).to_have_count(0)
    page.add_script_tag(path=AXE)
    problems: list[str] = []
    for size in TEXT_SIZES:
        page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
        problems += _check(page, f"{where} [{size}]")
    page.evaluate("document.documentElement.style.fontSize = ''")
    return problems


def test_the_fading_screens_pass_the_checks_at_320_px_in_english_and_hebrew(
    org: Organisation, new_person: PersonFactory
) -> None:
    coach = with_passkey(new_person, org.coach, width=WIDTH, height=720, bypass_csp=True)
    name = f"Fading {uuid.uuid4().hex[:6]}"
    client, client_id = enrolled(
        new_person, invite_client(coach, org, name), width=WIDTH, height=720, bypass_csp=True
    )
    start = _first_monday()
    ids = _job_with_shifts(coach, client_id, start)
    coach.api(
        "PUT",
        f"/api/clients/{client_id}/jobs/{ids['job']}/fading",
        {
            "localId": _id(),
            "steps": [
                {"fromDate": start.isoformat(), "coachHoursPerWeek": 2},
                {"fromDate": (start + timedelta(weeks=2)).isoformat(), "shareOfShiftPercent": 5},
            ],
            "zone": "UTC",
        },
    )
    _visits(coach, client_id, ids["employer"], start)
    plan_path = f"/clients/{client_id}/jobs/{ids['job']}/fading"
    problems: list[str] = []
    try:
        problems += _both_languages(coach, client, plan_path)
    finally:
        # The session's coach is every later test's coach: back to the browser's language, as
        # they expect (the account had chosen none).
        coach.api("PATCH", "/api/me", {"locale": ""})
    assert not problems, "\n".join(problems)


def _both_languages(coach: Person, client: Person, plan_path: str) -> list[str]:
    problems: list[str] = []
    for language in ("en", "he"):
        for person, path in ((coach, plan_path), (coach, "/fading"), (client, "/my-support")):
            page = person.page
            if language == "he" and path == plan_path:
                choose_language(page, "עברית", "he")
            if language == "he" and path == "/my-support":
                choose_language(page, "עברית", "he")
            page.goto(path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            expect(page.locator("html")).to_have_attribute(
                "dir", "rtl" if language == "he" else "ltr"
            )
            problems += _axe(page, f"{path} in {language}")
        if language == "en":
            # The editing form too.
            coach.page.goto(plan_path)
            coach.page.get_by_role("button", name="Change the plan").click()
            problems += _axe(coach.page, f"{plan_path} form in en")
    return problems
