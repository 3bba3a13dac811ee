"""Accessibility as its own tier: axe-core on every screen, in English and in Hebrew (RTL),
at 320 px width with normal text and with 200 % text; plus what axe cannot judge alone:
48 × 48 px targets and no sideways scrolling (govuk-frontend ``shared/helpers/puppeteer.js``).

The setup steps here find elements by id or value, not by English name, so the same steps
work in Hebrew; the behaviour itself is tested by name in the other files.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import PWA, Account, Organisation, Server, TaskFactory, TaskInfo
from tests.e2e.pages import Person
from tests.support.photos import phone_jpeg

AXE = PWA / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag22aa"]

# Rules switched off, each with the reason. Keep this empty unless a rule is wrong for us.
DISABLED_RULES: dict[str, str] = {}

WIDTH = 320
TEXT_SIZES = ("100%", "200%")
MIN_TARGET = 48  # CSS px; WCAG 2.2 SC 2.5.5 (AAA) asks 44, the product asks 48
# Set STEPWISE_E2E_SCREENSHOTS=/some/dir to keep a picture of every screen checked, to look at.
SCREENSHOTS = os.environ.get("STEPWISE_E2E_SCREENSHOTS")

SMALL_TARGETS_JS = """
(min) => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary,'
    + ' [tabindex]:not([tabindex="-1"]), [role=button], [role=link]';
  const small = [];
  for (const element of document.querySelectorAll(selector)) {
    if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    // A radio button or checkbox inside its <label>: the whole label is the target.
    const label = ['radio', 'checkbox'].includes(element.type) ? element.closest('label') : null;
    const box = (label ?? element).getBoundingClientRect();
    // Parked above or beside the page until focused (the skip link).
    if (box.bottom + scrollY <= 0 || box.right + scrollX <= 0) continue;
    if (box.width < min - 0.5 || box.height < min - 0.5) {
      const size = `${Math.round(box.width)}×${Math.round(box.height)}`;
      small.push(`${element.outerHTML.slice(0, 120)} is ${size}`);
    }
  }
  return small;
}
"""

# The innermost elements that stick out of the viewport, to say what to fix.
WIDE_ELEMENTS_JS = """
() => [...document.querySelectorAll('body *')]
  .filter((e) => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && (box.right > innerWidth + 0.5 || box.left < -0.5);
  })
  .filter((e, _, all) => !all.some((other) => other !== e && e.contains(other)))
  .slice(0, 5)
  .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.slice(0, 40)}"`)
"""


@dataclass
class Screen:
    name: str
    go: Callable[[Page], None]


def _ready(page: Page) -> None:
    """The screen has its heading and has finished loading its data."""
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_function("() => !document.querySelector('.loading')")


def _visit(path: str) -> Callable[[Page], None]:
    def go(page: Page) -> None:
        page.goto(path)
        _ready(page)

    return go


def _invite_with_qr(role: str | None) -> Callable[[Page], None]:
    def go(page: Page) -> None:
        page.goto("/invite")
        _ready(page)
        if role:
            page.locator(f"input[name=role][value={role}]").check()
        page.locator("#displayName").fill("Yael Mizrahi")
        page.locator("input[name=delivery][value=qr]").check()
        page.locator("form button[type=submit]").click()
        expect(page.locator(".qr__image")).to_be_visible()
        assert page.locator(".qr__image").evaluate("img => img.complete && img.naturalWidth > 0")

    return go


def _recovery_dialog(name: str) -> Callable[[Page], None]:
    def go(page: Page) -> None:
        page.goto("/people")
        _ready(page)
        page.locator("li.person").filter(has_text=name).locator("button").first.click()
        dialog = page.locator("dialog[open]")
        dialog.locator(".button--primary").click()
        expect(dialog.locator(".qr__image")).to_be_visible()

    return go


def _erase_dialog(page: Page) -> None:
    """The administrator's "Erase this person" dialog, with a wrong name refused."""
    page.goto("/people")
    _ready(page)
    page.locator("button[data-action=erase]").first.click()
    dialog = page.locator("dialog[open]")
    dialog.locator("#confirmName").fill("?")
    dialog.locator("form button[type=submit]").click()
    expect(dialog.locator(".field__error")).to_be_visible()


def _question_unwritten(page: Page) -> None:
    """The question-set draft with a question added to section 1 and saved unwritten: refused
    (nothing saved), the reason next to its English field."""
    _visit("/pta/questions")(page)
    section = page.locator("fieldset.question-edit").first
    section.locator(":scope > button").click()
    page.locator("main form button[type=submit]").click()
    expect(section.locator(".field__error")).to_be_visible()


def _question_remove_dialog(page: Page) -> None:
    """The question-set draft asking before it removes a question."""
    _visit("/pta/questions")(page)
    page.locator(".question-edit__tools .button--danger").first.click()
    expect(page.locator("dialog[open]")).to_be_visible()


def _my_data_open(page: Page) -> None:
    """My data with every section's rows shown."""
    _visit("/my-data")(page)
    for summary in page.locator("main details summary").all():
        summary.click()


def _player_at(task: TaskInfo, presses: int) -> Callable[[Page], None]:
    """The player at step ``presses + 1`` of a new go: 2 reaches the compact (mastered) third
    step, 3 the end of the task. The step number is read from the heading ("Step 2 of 3",
    "צעד 2 מתוך 3"), so the same steps work in every language."""

    def go(page: Page) -> None:
        page.goto(f"/tasks/{task.id}")
        _ready(page)
        if page.locator("#done-title").is_visible():
            page.locator(".task-done .actions button").click()  # "Do the task again"
        for _ in range(10):
            if page.locator("#done-title").is_visible():
                break
            title = page.locator(".step__title").inner_text()
            if int(re.findall(r"\d+", title)[0]) > presses:
                break
            page.locator(".step__done-button").click()
            expect(page.locator(".step__title").filter(has_text=title)).to_have_count(0)
        if presses == 2:
            expect(page.locator(".step__photo")).to_have_count(0)  # compact
        if presses >= 3:
            expect(page.locator("#done-title")).to_be_visible()

    return go


def _signout_dialog(task: TaskInfo) -> Callable[[Page], None]:
    """Sign out with a step done but not sent (sending is blocked): the dialog asks first."""

    def go(page: Page) -> None:
        page.context.route("**/api/tasks/*/completions", lambda route: route.abort())
        _player_at(task, 0)(page)
        page.locator(".step__done-button").click()
        expect(page.locator(".sync-status .button")).to_be_visible()  # "Send now": waiting
        page.goto("/passkeys")
        _ready(page)
        page.locator("section[aria-labelledby=signout-title] .actions button").first.click()
        expect(page.locator("dialog[open]")).to_be_visible()
        # Sending stays blocked: the dialog keeps saying what would be lost while it is checked.

    return go


def _not_this_day_dialog(client_id: str) -> Callable[[Page], None]:
    """The client's shifts with the "Not this day" dialog of their first shift open."""

    def go(page: Page) -> None:
        page.goto(f"/clients/{client_id}/shifts")
        _ready(page)
        page.locator("li.shift .actions button").nth(1).click()
        expect(page.locator("dialog[open]")).to_be_visible()

    return go


def _photo_refused(task: TaskInfo) -> Callable[[Page], None]:
    """The builder with a text file named .jpg refused next to the first step's photo field."""

    def go(page: Page) -> None:
        _visit(f"/tasks/{task.id}/edit")(page)
        page.locator("input[type=file]").first.set_input_files(
            {"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"Not a photo at all.\n"}
        )
        expect(page.locator(".step-card .field__error").first).to_be_visible()

    return go


def _training_chosen(task: TaskInfo) -> Callable[[Page], None]:
    """A training session with the first step's prompt level chosen."""

    def go(page: Page) -> None:
        _visit(f"/tasks/{task.id}/training")(page)
        page.locator("input[type=radio][value=independent]").first.check()

    return go


def _remove_step_dialog(task: TaskInfo) -> Callable[[Page], None]:
    def go(page: Page) -> None:
        _visit(f"/tasks/{task.id}/edit")(page)
        page.locator(".step-card__tools .button--danger").first.click()
        expect(page.locator("dialog[open]")).to_be_visible()

    return go


def _goal_with_error(path: str) -> Callable[[Page], None]:
    """The coach's goal form after the server refused a last day six weeks away."""

    def go(page: Page) -> None:
        _visit(path)(page)
        page.locator("#goal-title").fill("Arrive on time")
        page.locator("#goal-mean-0").fill("Take the 7:15 bus")
        page.locator("#goal-ends").fill("2099-01-01")
        page.locator("form button[type=submit]").click()
        expect(page.locator("#goal-ends-error")).to_be_visible()

    return go


def _team_dialog(name: str) -> Callable[[Page], None]:
    """The administrator's "Move to another team" dialog for a coach."""

    def go(page: Page) -> None:
        page.goto("/people")
        _ready(page)
        page.locator("li.person").filter(has_text=name).locator("button[data-action=team]").click()
        expect(page.locator("dialog[open] select")).to_be_visible()

    return go


def _client_dialog(client_page: str, action: str) -> Callable[[Page], None]:
    """A dialog of the staff's tools on a client's page (support summary, another coach)."""

    def go(page: Page) -> None:
        page.goto(client_page)
        _ready(page)
        page.locator(f"button[data-action={action}]").click()
        # Loaded: its field, or (a team with one coach) the sentence that there is no other.
        loaded = "dialog[open] :is(select, textarea, p:not(.loading))"
        expect(page.locator(loaded).first).to_be_visible()

    return go


def _screens(
    role: str,
    org: Organisation,
    links: dict[str, str],
    task: TaskInfo,
    trained: TaskInfo,
    goals: dict[str, str],
) -> list[Screen]:
    client_page = f"/clients/{org.client.id}"
    screens: dict[str, list[Screen]] = {
        "signed-out": [
            Screen("sign-in", _visit("/signin")),
            Screen("enroll", _visit(links["enroll"])),
            Screen("enroll-broken-link", _visit("/enroll#" + "x" * 43)),
        ],
        "admin": [
            Screen("home", _visit("/")),
            Screen("invite-form", _visit("/invite")),
            Screen("invite-with-qr", _invite_with_qr("admin")),
            Screen("people", _visit("/people")),
            Screen("people-recovery-dialog", _recovery_dialog(org.coach.name)),
            Screen("people-erase-dialog", _erase_dialog),
            Screen("people-team-dialog", _team_dialog(org.coach.name)),
            Screen("client-summary-dialog", _client_dialog(client_page, "summary")),
            Screen("audit", _visit("/audit")),
            Screen("organisation", _visit("/organisation")),
            Screen("pta-questions-draft", _visit("/pta/questions")),
            Screen("pta-questions-unwritten", _question_unwritten),
            Screen("pta-questions-remove-dialog", _question_remove_dialog),
            Screen("client", _visit(client_page)),
            Screen("more", _visit("/more")),
            Screen("passkeys", _visit("/passkeys")),
            Screen("settings", _visit("/settings")),
            Screen("not-found", _visit("/no-such-page")),
        ],
        "coordinator": [
            Screen("home", _visit("/")),
            Screen("people", _visit("/people")),
            Screen("client", _visit(client_page)),
            Screen("client-move-dialog", _client_dialog(client_page, "move")),
            Screen("week", _visit("/week")),
            Screen("audit", _visit("/audit")),
            Screen("client-journey", _visit(f"{client_page}/journey")),
        ],
        "coach": [
            Screen("client-journey", _visit(f"{client_page}/journey")),
            Screen("home", _visit("/")),
            Screen("client", _visit(client_page)),
            Screen("client-tasks", _visit(f"{client_page}/tasks")),
            Screen("client-shifts", _visit(f"{client_page}/shifts")),
            Screen("client-family", _visit(f"{client_page}/family")),
            Screen("client-reminders", _visit(f"{client_page}/reminders")),
            Screen("client-not-this-day", _not_this_day_dialog(org.client.id)),
            Screen("client-goals-gas", _visit(f"{client_page}/goals")),
            Screen("goal-new", _visit(f"{client_page}/goals/new")),
            Screen("goal-new-error", _goal_with_error(f"{client_page}/goals/new")),
            Screen("goal-side-by-side", _visit(f"{client_page}/goals/{goals['goal']}")),
            Screen("conversations", _visit(f"{client_page}/conversations")),
            Screen("conversation-form", _visit(f"/conversations/{goals['open']}")),
            Screen("conversation-read", _visit(f"/conversations/{goals['ended']}")),
            Screen("conversation-compare", _visit(f"/conversations/{goals['open']}/compare")),
            Screen("invite-with-qr", _invite_with_qr(None)),
            Screen("week", _visit("/week")),
            Screen("reminders", _visit("/reminders")),
            Screen("new-task", _visit(f"{client_page}/tasks/new")),
            Screen("task-builder", _visit(f"/tasks/{task.id}/edit")),
            Screen("task-builder-photo-refused", _photo_refused(task)),
            Screen("task-builder-remove-dialog", _remove_step_dialog(task)),
            Screen("task-preview", _visit(f"/tasks/{task.id}/preview")),
            Screen("training", _training_chosen(task)),
            Screen("progress-no-sessions", _visit(f"/tasks/{task.id}/progress")),
            Screen("progress", _visit(f"/tasks/{trained.id}/progress")),
            Screen("activity-log", _visit(f"{client_page}/activities")),
            Screen("activity-new", _visit(f"{client_page}/activities/new")),
            Screen("day-recap", _visit("/recap")),
            Screen("job-search", _visit(f"{client_page}/opportunities")),
            Screen("job-search-new", _visit(f"{client_page}/opportunities/new")),
            Screen("job-search-caseload", _visit("/opportunities")),
        ],
        "client": [
            Screen("home", _visit("/")),
            Screen("tasks", _visit("/tasks")),
            Screen("more", _visit("/more")),
            Screen("goals", _visit("/goals")),
            Screen("goal", _visit(f"/goals/{goals['goal']}")),
            Screen("goal-rate", _visit(f"/goals/{goals['goal']}/rate")),
            Screen("player", _player_at(task, 0)),
            Screen("player-compact-step", _player_at(task, 2)),
            Screen("player-done", _player_at(task, 3)),
            Screen("passkeys", _visit("/passkeys")),
            Screen("settings", _visit("/settings")),
            Screen("shifts", _visit("/shifts")),
            Screen("together", _visit("/together")),
            Screen("reminders", _visit("/reminders")),
            Screen("sharing", _visit("/sharing")),
            Screen("my-data", _my_data_open),
            Screen("privacy-notice", _visit("/privacy-notice")),
            Screen("my-journey", _visit("/journey")),
            Screen("my-job-search", _visit("/opportunities")),
            Screen("signout-dialog", _signout_dialog(task)),
        ],
        "family": [
            Screen("home-feed", _visit("/")),
            Screen("family", _visit("/family")),
            Screen("my-data", _visit("/my-data")),
        ],
    }
    return screens[role]


def _check(page: Page, where: str) -> list[str]:
    """Everything wrong with the screen as shown now, as readable lines."""
    problems: list[str] = []
    result: dict[str, Any] = page.evaluate(
        """async ([tags, disabled]) => {
            const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
            return await axe.run(document, { runOnly: { type: 'tag', values: tags }, rules });
        }""",
        [TAGS, list(DISABLED_RULES)],
    )
    for violation in result["violations"]:
        for node in violation["nodes"]:
            problems.append(
                f"{where}: axe {violation['id']} ({violation['impact']}): {violation['help']} "
                f"at {json.dumps(node['target'])}: {node.get('failureSummary', '')}"
            )
    for small in page.evaluate(SMALL_TARGETS_JS, MIN_TARGET):
        problems.append(f"{where}: target smaller than {MIN_TARGET}×{MIN_TARGET}: {small}")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if widths[0] > widths[1]:
        wide = page.evaluate(WIDE_ELEMENTS_JS)
        problems.append(
            f"{where}: scrolls sideways ({widths[0]} px wide in {widths[1]} px): {wide}"
        )
    return problems


@pytest.fixture(scope="module")
def trained_task(
    make_task: TaskFactory, org: Organisation, browser: Browser, server: Server
) -> TaskInfo:
    """A task with three training sessions (fading toward independent), for the progress view."""
    task = make_task(title="Restock the cutlery", voice=False)
    coach = Person.open(browser, server.url, account=org.coach)
    try:
        plans = [
            ["physical", "model", "verbal"],
            ["verbal", "independent", "independent"],
            ["independent", "independent", "independent"],
        ]
        for day, levels in enumerate(plans, start=1):
            coach.api(
                "POST",
                f"/api/tasks/{task.id}/sessions",
                {
                    "localId": str(uuid.uuid4()),
                    "startedAt": f"2026-11-{day + 10:02d}T09:00:00+00:00",
                    "records": [
                        {"stepId": step["id"], "level": level}
                        for step, level in zip(task.steps, levels, strict=True)
                    ],
                },
            )
    finally:
        coach.close()
    return task


@pytest.fixture(scope="module")
def links(org: Organisation, browser: Browser, server: Server) -> dict[str, str]:
    """A pending invitation to show the enrollment screen (opening it does not use it)."""
    admin = Person.open(browser, server.url, account=org.admin)
    try:
        url = admin.api(
            "POST",
            "/api/invitations",
            {
                "role": "client",
                "displayName": "Yosef Amar",
                "delivery": "link",
                "coachId": org.coach.id,
                "relation": "",
            },
        )["url"]
    finally:
        admin.close()
    return {"enroll": url.removeprefix(server.url)}


@pytest.fixture(scope="module")
def client_shift(org: Organisation, browser: Browser, server: Server) -> Iterator[dict[str, Any]]:
    """A weekly shift of the client with a day off, so the shift screens show a list, a day
    off and the coach's week shows shifts. Removed after this module: the client is shared by
    the session's tests, and a shift under way changes their home ("At work now")."""
    coach = Person.open(browser, server.url, account=org.coach)
    try:
        shift = coach.api(
            "POST",
            f"/api/clients/{org.client.id}/shifts",
            {
                "localId": str(uuid.uuid4()),
                "workplace": "Hotel Aurora",
                "zone": "Europe/Helsinki",
                "startsAt": "08:00",
                "endsAt": "12:00",
                "repeat": "weekly",
                "weekdays": [1, 2, 3, 4, 5, 6, 7],
            },
        )
        day_off = (datetime.now(ZoneInfo("Europe/Helsinki")) + timedelta(days=2)).date()
        made = dict(
            coach.api(
                "POST",
                f"/api/shifts/{shift['id']}/exceptions",
                {"date": day_off.isoformat(), "reason": "holiday", "note": ""},
            )
        )
    finally:
        coach.close()
    yield made
    coach = Person.open(browser, server.url, account=org.coach)
    try:
        coach.api("DELETE", f"/api/shifts/{shift['id']}")
    finally:
        coach.close()


def _share_news(person: Person, org: Organisation, granted: bool) -> None:
    """News and photos, and the work times (the feed's "Next shifts")."""
    for kind in ("updates", "shifts"):
        person.api(
            "POST",
            f"/api/clients/{org.client.id}/consents",
            {
                "localId": str(uuid.uuid4()),
                "familyId": org.family.id,
                "kind": kind,
                "granted": granted,
                "textVersion": 1,
            },
        )


@pytest.fixture(scope="module")
def family_news(org: Organisation, browser: Browser, server: Server) -> Iterator[None]:
    """Something to show on the family screens: Anna sees Maria's news, one piece shared with
    a photo, and one from the coach waiting for Maria (with a photo too). Afterwards Maria
    stops sharing news with Anna again, so other tests meet the organisation as it was."""
    client = Person.open(browser, server.url, account=org.client)
    coach = Person.open(browser, server.url, account=org.coach)
    try:
        _share_news(client, org, granted=True)
        for author in (client, coach):
            update = author.api(
                "POST",
                f"/api/clients/{org.client.id}/updates",
                {"localId": str(uuid.uuid4()), "text": "I made the coffee alone today!"},
            )
            author.upload(
                f"/api/updates/{update['id']}/photo",
                phone_jpeg(800, 600, 6, 80),
                "news.jpg",
                "image/jpeg",
            )
    finally:
        coach.close()
    try:
        yield
    finally:
        _share_news(client, org, granted=False)
        client.close()


@pytest.fixture(scope="module")
def goals(org: Organisation, browser: Browser, server: Server) -> dict[str, str]:
    """A goal with a check-in and both ratings, an ended and an open monthly conversation for
    the client, and a draft question set (the administrator's editor)."""
    coach = Person.open(browser, server.url, account=org.coach)
    client = Person.open(browser, server.url, account=org.client)
    admin = Person.open(browser, server.url, account=org.admin)
    try:
        base = f"/api/clients/{org.client.id}"
        goal = coach.api(
            "POST",
            f"{base}/goals",
            {
                "localId": str(uuid.uuid4()),
                "title": "Arrive on time every day",
                "means": ["Set the alarm at 6:30", "Take the 7:15 bus"],
                # In its last week, so that both may give the final evaluation.
                "startsOn": (datetime.now(UTC).date() - timedelta(days=10)).isoformat(),
                "endsOn": (datetime.now(UTC).date() + timedelta(days=4)).isoformat(),
                "levels": {
                    "expected": "I arrive on time every day.",
                    "more": "I arrive early most days.",
                    "less": "I am late once or twice.",
                },
            },
        )
        check_in = {"localId": str(uuid.uuid4()), "level": 1, "at": datetime.now(UTC).isoformat()}
        client.api("POST", f"/api/goals/{goal['id']}/check-ins", check_in)
        client.api("PUT", f"/api/goals/{goal['id']}/evaluation", {"rating": 1, "comment": "Good"})
        coach.api("PUT", f"/api/goals/{goal['id']}/evaluation", {"rating": 0, "comment": "OK"})
        ended = coach.api("POST", f"{base}/conversations", {"localId": str(uuid.uuid4())})
        answer = {"questionKey": "wellbeing.feeling", "answer": "Tired in the mornings."}
        coach.api("PUT", f"/api/conversations/{ended['id']}/answers", {"answers": [answer]})
        proposal = {
            "localId": str(uuid.uuid4()),
            "title": "Ask for help when the cart is full",
            "means": ["Say: can you help?"],
            "endsOn": (datetime.now(UTC).date() + timedelta(days=21)).isoformat(),
            "levels": {"expected": "I ask every time the cart is full."},
        }
        coach.api("POST", f"/api/conversations/{ended['id']}/end", {"goals": [proposal]})
        opened = coach.api("POST", f"{base}/conversations", {"localId": str(uuid.uuid4())})
        coach.api("PUT", f"/api/conversations/{opened['id']}/answers", {"answers": [answer]})
        if admin.api("GET", "/api/pta/question-sets")[0]["status"] == "published":
            admin.api("POST", "/api/pta/question-sets", {})
    finally:
        for person in (coach, client, admin):
            person.close()
    return {"goal": goal["id"], "ended": ended["id"], "open": opened["id"]}


@pytest.fixture(scope="module")
def journey(org: Organisation, browser: Browser, server: Server) -> None:
    """The client's journey with something on it: the intake ten days ago and a second stage
    going on beside the first (the decision is left to give, so its words show)."""
    coach = Person.open(browser, server.url, account=org.coach)
    try:
        base = f"/api/clients/{org.client.id}/journey"
        if coach.api("GET", base)["current"] is None:
            start = (datetime.now(UTC).date() - timedelta(days=10)).isoformat()
            coach.api(
                "POST",
                f"{base}/episodes",
                {"localId": str(uuid.uuid4()), "intakeOn": start, "benefits": ["housing"]},
            )
            coach.api(
                "POST", f"{base}/stages", {"localId": str(uuid.uuid4()), "stage": "profiling"}
            )
    finally:
        coach.close()


ROLES = ["signed-out", "admin", "coordinator", "coach", "client", "family"]


@pytest.mark.parametrize("language", ["en", "he"])
@pytest.mark.parametrize("role", ROLES)
def test_every_screen_passes_axe_at_320px_and_200_percent_text(
    role: str,
    language: str,
    org: Organisation,
    links: dict[str, str],
    client_task: TaskInfo,
    client_shift: dict[str, Any],
    family_news: None,
    trained_task: TaskInfo,
    goals: dict[str, str],
    journey: None,
    browser: Browser,
    server: Server,
    tmp_path: Path,
) -> None:
    account: Account | None = None if role == "signed-out" else getattr(org, role)
    # These accounts never chose a language, so the browser's (navigator.language) applies.
    person = Person.open(
        browser,
        server.url,
        account=account,
        locale="he-IL" if language == "he" else "en-GB",
        width=WIDTH,
        height=720,
        bypass_csp=True,  # only so axe can be injected as a script
    )
    problems: list[str] = []
    try:
        for screen in _screens(role, org, links, client_task, trained_task, goals):
            person.page.evaluate("document.documentElement.style.fontSize = ''")
            screen.go(person.page)
            expect(person.page.locator("html")).to_have_attribute("lang", language)
            expect(person.page.locator("html")).to_have_attribute(
                "dir", "rtl" if language == "he" else "ltr"
            )
            person.page.add_script_tag(path=AXE)
            for size in TEXT_SIZES:
                # The same root font size the Settings screen sets (every size is in rem).
                person.page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
                person.page.wait_for_timeout(50)
                problems += _check(person.page, f"{role}/{screen.name} [{language}, {size}]")
                if SCREENSHOTS:
                    person.page.screenshot(
                        path=Path(SCREENSHOTS) / f"{role}-{screen.name}-{language}-{size[:-1]}.png",
                        full_page=True,
                    )
        if role == "admin" and language == "he":
            person.page.set_viewport_size({"width": 390, "height": 844})
            person.page.evaluate("document.documentElement.style.fontSize = ''")
            _visit("/")(person.page)
            person.page.screenshot(path=tmp_path / "admin-home-he.png", full_page=True)
            assert (tmp_path / "admin-home-he.png").stat().st_size > 10_000
    finally:
        person.close()
    assert not problems, "\n".join(problems)


def test_the_checks_catch_what_they_look_for(browser: Browser, server: Server) -> None:
    """The checks themselves: a picture without words, a tiny button and a too-wide box on
    the sign-in page are all reported (a check that never fails proves nothing)."""
    person = Person.open(browser, server.url, width=WIDTH, bypass_csp=True)
    try:
        _visit("/signin")(person.page)
        person.page.evaluate("""() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend',
              '<img src="/icons/icon-192.png"><button class="tiny">x</button>'
              + '<div class="too-wide">wide</div>');
            main.querySelector('.tiny').style.cssText = 'width:20px;height:20px;padding:0';
            main.querySelector('.too-wide').style.cssText = 'width:500px';
        }""")
        person.page.add_script_tag(path=AXE)
        problems = "\n".join(_check(person.page, "self-test"))
    finally:
        person.close()
    assert "axe image-alt" in problems
    assert "target smaller than 48×48" in problems and "tiny" in problems
    assert "scrolls sideways" in problems
