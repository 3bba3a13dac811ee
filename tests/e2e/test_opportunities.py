"""Job finding in the browser: the coach, on a phone-sized screen, adds an opportunity at an
employer of the register and moves it from idea to interview (one tap a step, the interview's
day, time and place in a form); the first contact is in the activity log once, and a step moved
without signal is kept on the phone and sent once. The client reads the interview in plain words
on their home and in "My job search" (in English, and in Hebrew right to left), with the time of
its reminder, and the service worker says the reminder in the client's language (CDP
``ServiceWorker.deliverPushMessage``: headless Chromium has no push service)."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import Person, SyncStatus, service_worker

# A name of its own: the session's shared organisation holds other tests' "Hotel Aurora".
HOTEL = "Hotel Borealis"

ZONE = "Europe/Helsinki"
PHONE = {"width": 360, "height": 740}
# The page hands the service worker the person's words for each push kind (IndexedDB).
PUSH_TEXTS_SAVED = """() => new Promise((resolve) => {
  const opened = indexedDB.open('stepwise');
  opened.onerror = () => resolve(false);
  opened.onsuccess = () => {
    const read = opened.result.transaction('kv').objectStore('kv').get('push-texts');
    read.onerror = () => resolve(false);
    read.onsuccess = () => resolve(Boolean(read.result?.value?.titles?.interview));
  };
})"""


def _plain(text: str) -> re.Pattern[str]:
    """The text as the screen shows it: names and times may sit in Unicode bidi isolates."""
    return re.compile("[\u2068\u2069]*".join(re.escape(c) for c in text))


def stored_steps(server: Server, client_id: str) -> list[str]:
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        rows = db.execute(
            "SELECT s.step FROM opportunity_steps AS s"
            " JOIN opportunities AS o ON o.id = s.opportunity WHERE o.client = ?"
            " ORDER BY s.position",
            (client_id,),
        ).fetchall()
    return [r[0] for r in rows]


def employer_contacts(server: Server, client_id: str) -> int:
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM activities AS a JOIN activity_clients AS l"
            " ON l.activity = a.id WHERE l.client = ? AND a.purposes LIKE '%,employer_contact,%'",
            (client_id,),
        ).fetchone()
    return int(count)


def _notifications(page: Page) -> list[dict[str, Any]]:
    return list(
        page.evaluate(
            """async () => {
                const registration = await navigator.serviceWorker.ready;
                const shown = await registration.getNotifications();
                return shown.map((n) => ({ title: n.title, tag: n.tag }));
            }"""
        )
    )


def _deliver_push(person: Person, server: Server, data: dict[str, Any]) -> list[dict[str, Any]]:
    cdp, registration = service_worker(person.page, server.url)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": server.url, "registrationId": registration, "data": json.dumps(data)},
    )
    for _ in range(100):
        shown = _notifications(person.page)
        if any(n["tag"] == data["tag"] for n in shown):
            return shown
        person.page.wait_for_timeout(100)
    raise AssertionError("the service worker showed no notification")


class Pipeline:
    """A client's job search for their coach: add, one tap to the next step, the step form."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def said(self, text: str) -> None:
        expect(self.page.get_by_text(text).first).to_be_visible()

    def next_step(self, step: str) -> None:
        self.page.get_by_role("button", name=f"Move to: {step}").click()
        self.said("The step is saved.")


def test_the_coach_moves_an_opportunity_to_interview_and_the_client_reads_it(
    org: Organisation, fresh_client: Account, new_person: PersonFactory, server: Server
) -> None:
    coach = new_person(account=org.coach, timezone=ZONE, **PHONE)
    page = coach.page
    # Set-up: a hotel in the team's register, with Sam at the front desk.
    employer = coach.api("POST", "/api/employers", {"localId": str(uuid.uuid4()), "name": HOTEL})
    coach.api(
        "POST",
        f"/api/employers/{employer['id']}/people",
        {"localId": str(uuid.uuid4()), "name": "Sam", "role": "front desk"},
    )

    # The client is finding a job: their page leads to the job search. They already have a
    # weekly shift (a trial) and a photo task: the interview must not push the task off the
    # first screen of their phone.
    coach.api("PATCH", f"/api/clients/{fresh_client.id}", {"stage": "job_finding"})
    coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/shifts",
        {
            "localId": str(uuid.uuid4()),
            "workplace": "Trial at the library",
            "zone": ZONE,
            "startsAt": "09:00",
            "endsAt": "10:00",
            "repeat": "weekly",
            "weekdays": [(datetime.now(ZoneInfo(ZONE)).isoweekday() + 1) % 7 + 1],
        },
    )
    task = coach.api("POST", f"/api/clients/{fresh_client.id}/tasks", {"title": "Sort the books"})
    coach.api("POST", f"/api/tasks/{task['id']}/steps", {"text": "Take the books from the cart."})

    # From the client's page to the job search; a job at the hotel, with Sam.
    page.goto(f"/clients/{fresh_client.id}")
    page.get_by_role("main").get_by_role("link", name="Job search", exact=True).click()
    page.get_by_role("link", name="Add a job or an idea").click()
    page.get_by_label("At which employer").select_option(label=HOTEL)
    page.get_by_label("Who there").select_option(label="Sam, front desk")
    page.get_by_label("Job (optional)").fill("Breakfast host")
    page.get_by_label("Food and cooking").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The job or idea is saved.")).to_be_visible()
    page.get_by_role("link", name="Back to the job search").click()

    # One tap a step: contacted (the call to Sam is logged), applied.
    pipeline = Pipeline(page)
    expect(page.get_by_role("heading", name=f"Breakfast host at {HOTEL}")).to_be_visible()
    pipeline.next_step("Contacted")
    assert employer_contacts(server, fresh_client.id) == 1
    # Without signal the step is kept on the phone, and sent once when the signal is back.
    sync = SyncStatus(page)
    coach.context.set_offline(True)
    page.get_by_role("button", name="Move to: Applied").click()
    pipeline.said("Saved on this phone. It is sent when there is a connection.")
    sync.expect("1 change waiting to send")
    assert stored_steps(server, fresh_client.id) == ["idea", "contacted"]
    coach.context.set_offline(False)
    sync.expect("All saved")
    assert stored_steps(server, fresh_client.id) == ["idea", "contacted", "applied"]
    assert employer_contacts(server, fresh_client.id) == 1

    # The interview needs its day, time and place: the step's form opens with it chosen.
    tomorrow = (datetime.now(ZoneInfo(ZONE)) + timedelta(days=1)).date()
    page.get_by_role("link", name="Move to: Interview").click()
    expect(page.get_by_label("Step", exact=True)).to_have_value("interview")
    page.get_by_label("Interview day").fill(tomorrow.isoformat())
    page.get_by_label("Interview time").fill("10:00")
    page.get_by_label("Where is the interview?").fill("Rantatie 2, the back door")
    page.get_by_role("button", name="Save the step").click()
    expect(page.get_by_text("The step is saved.")).to_be_visible()
    history = page.get_by_role("region", name="Steps so far")
    expect(history.get_by_role("listitem")).to_have_count(4)
    assert stored_steps(server, fresh_client.id) == ["idea", "contacted", "applied", "interview"]
    # The job's title changed (online): the screen says it.
    change = page.get_by_role("region", name="Change or remove")
    change.get_by_label("Job (optional)").fill("Breakfast and lunch host")
    change.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("The changes are saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Breakfast and lunch host at {HOTEL}"
    )
    # Nothing runs past the phone's edge.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # The client, on their phone: "My job search" under More says it in plain words, with where,
    # whom they meet and the reminder, two hours before, made when the interview was set.
    client = new_person(account=fresh_client, timezone=ZONE, **PHONE)
    home = client.page
    home.goto("/")
    sentence = _plain(f"You have an interview at {HOTEL} tomorrow at 10:00.")
    # The home names it under the next shift, from the client's day (no request of its own).
    interview = home.get_by_role("region", name="My next job interview")
    expect(interview).to_contain_text(sentence)
    # The client's main action, their task, is still on the first screen.
    expect(home.get_by_role("region", name="Your next shift")).to_contain_text(
        "Trial at the library"
    )
    expect(home.get_by_role("list", name="My tasks").get_by_role("link").first).to_be_in_viewport()
    expect(interview).to_contain_text(_plain("Where: Rantatie 2, the back door"))
    home.get_by_role("link", name="More").first.click()
    home.get_by_role("link", name="My job search").click()
    expect(home.get_by_text(sentence)).to_be_visible()
    expect(home.get_by_text(_plain("Where: Rantatie 2, the back door"))).to_be_visible()
    expect(home.get_by_text(_plain("You meet: Sam"))).to_be_visible()
    expect(home.get_by_text(_plain("We remind you at 8:00, before the interview."))).to_be_visible()
    client.context.grant_permissions(["notifications"], origin=server.url)
    home.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not home.evaluate("!!navigator.serviceWorker.controller"):
        home.reload()
    home.wait_for_function("() => !!navigator.serviceWorker.controller")
    home.wait_for_function(PUSH_TEXTS_SAVED)
    payload = {"kind": "interview", "id": "1", "url": "/opportunities", "title": "English",
               "tag": "stepwise-interview-1"}  # fmt: skip
    shown = _deliver_push(client, server, payload)
    said = next(n for n in shown if n["tag"] == "stepwise-interview-1")
    assert said["title"] == "You have a job interview soon"

    # In Hebrew, right to left, at 320 px: the same sentence in the client's language.
    hebrew = new_person(account=fresh_client, locale="he-IL", timezone=ZONE, width=320, height=740)
    hebrew.page.goto("/opportunities")
    expect(hebrew.page.locator("html")).to_have_attribute("dir", "rtl")
    expect(hebrew.page.get_by_text(_plain(f"יש לך ראיון ב{HOTEL} מחר בשעה 10:00."))).to_be_visible()
    expect(hebrew.page.get_by_text(_plain("נזכיר לך בשעה 8:00, לפני הראיון."))).to_be_visible()
    assert hebrew.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
