"""Long words stay on the screen: Finnish compounds, long names and e-mail addresses wrap
inside their box at 320 px with 200 % text (WCAG 1.4.10 reflow), so no screen of the client,
the coach or the administrator scrolls sideways. The screens are those the accessibility tier
checks (``test_accessibility._screens``), here for an organisation whose every name and text
is one long word."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.e2e.conftest import Account, Organisation, Server, TaskInfo, enroll
from tests.e2e.pages import Person
from tests.e2e.test_accessibility import WIDE_ELEMENTS_JS, _screens
from tests.support.photos import phone_jpeg

WIDTH = 320
# One word each, as Finnish writes them (and an address with no place to break).
TEAM = "Kunnossapitotyönjohtajaharjoittelijakoulutusyksikkö"
COACH = "Aapo Työterveyshuoltojärjestelmäasiantuntijakoordinaattori"
CLIENT = "Aino Aamupäiväkahvinkeittämisvelvollisuushenkilökunnanjäsen"
FAMILY = "Aarne Lentokonesuihkuturbiinimoottoriapumekaanikkoaliupseeri"
EMAIL = "aino.aamupaivakahvinkeittamisvelvollisuushenkilo@tyoterveyshuolto.example"
WORK = "Ravintolakeittiöhenkilökunnanruokailutilanpuhdistusvälineistövarasto"
STEPS = (
    "Astianpesukoneenhuoltosuunnitelmanmukaisesti tarkistuslistasta",
    "Kahvinkeitinlaitteistonpuhdistusainepakkausselosteenmukaisesti",
    "Ruokailutilankalustejärjestelysuunnitelmanmukaisesti",
)
GOAL = "Työvuorosuunnittelujärjestelmänkäyttöönottokoulutuspäivä"
MEANS = "Herätyskellosovellusasetusvalikkonäkymänmuokkaustoiminto"
LEVEL = "Saapumisajankohtakirjanpitojärjestelmämerkintä joka aamu"


def _person(browser: Browser, server: Server, account: Account) -> Person:
    return Person.open(browser, server.url, account=account)


@pytest.fixture(scope="module")
def long_org(browser: Browser, server: Server, org: Organisation) -> Organisation:
    """A team, its coach, a client and her family member, each named with one long word, made
    by the administrator through the API."""
    admin = _person(browser, server, org.admin)
    try:
        team = admin.api("POST", "/api/teams", {"name": f"{TEAM}{uuid.uuid4().hex[:4]}"})

        def invite(body: dict[str, Any]) -> str:
            body = {"delivery": "link", "relation": "", **body}
            return str(admin.api("POST", "/api/invitations", body)["url"])

        coach = enroll(
            browser,
            server,
            invite({"role": "coach", "displayName": COACH, "teamId": team["id"]}),
            "coach",
            COACH,
        )
        client = enroll(
            browser,
            server,
            invite({"role": "client", "displayName": CLIENT, "coachId": coach.id}),
            "client",
            CLIENT,
        )
        family = enroll(
            browser,
            server,
            invite(
                {
                    "role": "family",
                    "displayName": FAMILY,
                    "clientId": client.id,
                    "relation": "isoisänveljenpoika",
                }
            ),
            "family",
            FAMILY,
        )
    finally:
        admin.close()
    return Organisation(org.admin, team["id"], org.coordinator, coach, client, family)


@pytest.fixture(scope="module")
def long_record(
    browser: Browser, server: Server, long_org: Organisation
) -> tuple[TaskInfo, dict[str, str]]:
    """The client's task, shift, goal, conversations, news and e-mail address, in long words."""
    coach = _person(browser, server, long_org.coach)
    client = _person(browser, server, long_org.client)
    admin = _person(browser, server, long_org.admin)
    try:
        base = f"/api/clients/{long_org.client.id}"
        task = coach.api("POST", f"{base}/tasks", {"title": GOAL, "workplace": WORK})
        for text in STEPS:
            task = coach.api("POST", f"/api/tasks/{task['id']}/steps", {"text": text})
        steps = task["steps"]
        for index, step in enumerate(steps):
            coach.upload(
                f"/api/tasks/{task['id']}/steps/{step['id']}/photo",
                phone_jpeg(800, 600, 6, 80),
                f"step{index + 1}.jpg",
                "image/jpeg",
            )
        coach.api("PATCH", f"/api/tasks/{task['id']}/steps/{steps[2]['id']}", {"mastered": True})
        coach.api(
            "POST",
            f"/api/tasks/{task['id']}/sessions",
            {
                "localId": str(uuid.uuid4()),
                "startedAt": datetime.now(UTC).isoformat(),
                "records": [{"stepId": steps[0]["id"], "level": "verbal"}],
            },
        )
        shift = coach.api(
            "POST",
            f"{base}/shifts",
            {
                "localId": str(uuid.uuid4()),
                "workplace": WORK,
                "zone": "Europe/Helsinki",
                "startsAt": "08:00",
                "endsAt": "12:00",
                "repeat": "weekly",
                "weekdays": [1, 2, 3, 4, 5, 6, 7],
            },
        )
        day_off = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
        coach.api(
            "POST",
            f"/api/shifts/{shift['id']}/exceptions",
            {"date": day_off, "reason": "holiday", "note": MEANS},
        )
        today = datetime.now(UTC).date()
        goal = coach.api(
            "POST",
            f"{base}/goals",
            {
                "localId": str(uuid.uuid4()),
                "title": GOAL,
                "means": [MEANS, EMAIL],
                "startsOn": (today - timedelta(days=10)).isoformat(),
                "endsOn": (today + timedelta(days=4)).isoformat(),
                "levels": {"expected": LEVEL, "more": LEVEL, "less": LEVEL},
            },
        )
        check_in = {"localId": str(uuid.uuid4()), "level": 1, "at": datetime.now(UTC).isoformat()}
        client.api("POST", f"/api/goals/{goal['id']}/check-ins", check_in)
        client.api("PUT", f"/api/goals/{goal['id']}/evaluation", {"rating": 1, "comment": LEVEL})
        ended = coach.api("POST", f"{base}/conversations", {"localId": str(uuid.uuid4())})
        answer = {"questionKey": "wellbeing.feeling", "answer": LEVEL}
        coach.api("PUT", f"/api/conversations/{ended['id']}/answers", {"answers": [answer]})
        coach.api("POST", f"/api/conversations/{ended['id']}/end", {"goals": []})
        opened = coach.api("POST", f"{base}/conversations", {"localId": str(uuid.uuid4())})
        coach.api("PUT", f"/api/conversations/{opened['id']}/answers", {"answers": [answer]})
        for author in (client, coach):
            author.api(
                "POST",
                f"{base}/updates",
                {"localId": str(uuid.uuid4()), "text": f"{STEPS[1]} {EMAIL}"},
            )
        client.api("PATCH", "/api/me/notifications", {"email": EMAIL})
        if admin.api("GET", "/api/pta/question-sets")[0]["status"] == "published":
            admin.api("POST", "/api/pta/question-sets", {})
        detail = coach.api("GET", f"/api/tasks/{task['id']}")
    finally:
        for person in (coach, client, admin):
            person.close()
    info = TaskInfo(id=detail["id"], title=detail["title"], steps=detail["steps"])
    return info, {"goal": goal["id"], "ended": ended["id"], "open": opened["id"]}


@pytest.mark.parametrize("role", ["admin", "coach", "client"])
def test_no_screen_scrolls_sideways_with_long_words_at_320px_and_200_percent_text(
    role: str,
    long_org: Organisation,
    long_record: tuple[TaskInfo, dict[str, str]],
    browser: Browser,
    server: Server,
) -> None:
    task, goals = long_record
    person = Person.open(
        browser,
        server.url,
        account=getattr(long_org, role),
        width=WIDTH,
        height=720,
        bypass_csp=True,  # only for the screens' own checks that wait on a script
    )
    wide: list[str] = []
    try:
        for screen in _screens(role, long_org, {"enroll": ""}, task, task, goals):
            person.page.evaluate("document.documentElement.style.fontSize = ''")
            screen.go(person.page)
            # The same root font size the Settings screen sets (every size is in rem).
            person.page.evaluate("document.documentElement.style.fontSize = '200%'")
            scroll, client = person.page.evaluate(
                "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
            )
            if scroll > client:
                elements = person.page.evaluate(WIDE_ELEMENTS_JS)
                wide.append(f"{role}/{screen.name}: {scroll} px wide in {client} px: {elements}")
    finally:
        person.close()
    assert not wide, "\n".join(wide)
