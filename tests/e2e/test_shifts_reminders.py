"""Shifts, reminders and notifications in the browser: the coach enters a weekly shift, the
client's home says the next one in plain words (also offline), the coach's week shows it; the
client chooses reminders and turns notifications on; the service worker shows a push message in
the person's language (CDP ``ServiceWorker.deliverPushMessage``).

Headless Chromium has no push service: ``pushManager.subscribe`` fails with AbortError here. One
test shows what the person then reads; the others put a subscription of the loopback push
service (tests/support/push_service.py, real keys) in place of the browser's, so everything
after the browser's answer is real: the subscription posted to the server, the server's test
notification encrypted and sent to the push service, and the decrypted message delivered to the
service worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import (
    Account,
    Organisation,
    PersonFactory,
    Server,
    TaskFactory,
    invite_and_enroll,
)
from tests.e2e.pages import (
    ClientRecord,
    PasskeysPage,
    Person,
    SignInPage,
    page_through_week,
    service_worker,
)
from tests.support.push_service import PushService, Subscription

HELSINKI = ZoneInfo("Europe/Helsinki")


# ---------------------------------------------------------------------------------------------
# Helpers


def _tomorrow_in_helsinki() -> datetime:
    return datetime.now(HELSINKI) + timedelta(days=1)


def _plain(text: str) -> re.Pattern[str]:
    """The text as the screen shows it: times and names may sit in Unicode bidi isolates
    (U+2068 … U+2069), which keep "8:00–12:00" in order inside Hebrew."""
    return re.compile("[\u2068\u2069]*".join(re.escape(c) for c in text))


def _weekday_name(day: datetime) -> str:
    return day.strftime("%A")  # C locale: English names


def _worker_ready(page: Page) -> None:
    """The service worker is active and controls the page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    page.wait_for_function("() => !!navigator.serviceWorker.controller")


def _notifications(page: Page) -> list[dict[str, Any]]:
    return list(
        page.evaluate(
            """async () => {
                const registration = await navigator.serviceWorker.ready;
                const shown = await registration.getNotifications();
                return shown.map((n) => ({
                    title: n.title, body: n.body, tag: n.tag, lang: n.lang, dir: n.dir,
                    icon: n.icon, data: n.data,
                }));
            }"""
        )
    )


def _deliver_push(person: Person, server: Server, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Hand the service worker a push message through CDP, as the push service would, and wait
    for the notification it shows."""
    cdp, registration = service_worker(person.page, server.url)
    before = len(_notifications(person.page))
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": server.url, "registrationId": registration, "data": json.dumps(data)},
    )
    for _ in range(100):
        shown = _notifications(person.page)
        if len(shown) > before or any(n["tag"] == data.get("tag") for n in shown):
            return shown
        person.page.wait_for_timeout(100)
    raise AssertionError("the service worker showed no notification")


# The browser's push subscription replaced by one of the loopback push service (see the module
# docstring); it lives in localStorage, so it is still "there" after a reload, like a real one.
FAKE_PUSH = """
(() => {
  const sub = %s;
  const make = () => ({
    endpoint: sub.endpoint,
    expirationTime: null,
    options: { applicationServerKey: null, userVisibleOnly: true },
    toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
    unsubscribe: async () => { localStorage.removeItem('fake-push'); return true; },
  });
  PushManager.prototype.subscribe = async function () {
    localStorage.setItem('fake-push', '1');
    return make();
  };
  PushManager.prototype.getSubscription = async function () {
    return localStorage.getItem('fake-push') ? make() : null;
  };
})();
"""


@pytest.fixture
def push_service() -> Iterator[PushService]:
    """The loopback push service, in a thread with its own event loop."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    service = PushService()
    asyncio.run_coroutine_threadsafe(service.start(), loop).result(10)
    try:
        yield service
    finally:
        asyncio.run_coroutine_threadsafe(service.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


def _with_fake_push(person: Person, server: Server, sub: Subscription) -> None:
    person.context.grant_permissions(["notifications"], origin=server.url)
    body = sub.as_json()
    person.context.add_init_script(
        FAKE_PUSH % json.dumps({"endpoint": body["endpoint"], "keys": body["keys"]})
    )


# ---------------------------------------------------------------------------------------------
# Shifts


def test_a_coach_enters_a_weekly_shift_and_the_client_sees_the_next_one_also_offline(
    org: Organisation, fresh_client: Account, new_person: PersonFactory, server: Server
) -> None:
    tomorrow = _tomorrow_in_helsinki()
    # A coach in Helsinki: the week shows Helsinki times without naming the zone.
    coach = new_person(account=org.coach, timezone="Europe/Helsinki")
    page = coach.page
    ClientRecord(page).open(fresh_client.id).topic("shifts")
    shifts = page.get_by_role("region", name="Shifts")
    expect(shifts.get_by_text("No shifts yet.")).to_be_visible()
    shifts.get_by_role("button", name="Add a shift").click()

    # Nothing filled in: each field says what it needs, next to it.
    shifts.get_by_role("button", name="Save the shift").click()
    expect(shifts.get_by_role("alert")).to_contain_text("Please check the form.")
    expect(shifts.get_by_label("Workplace", exact=True)).to_have_accessible_description(
        re.compile("Please write the workplace.")
    )
    expect(shifts.get_by_role("group", name="Which days?")).to_contain_text(
        "Choose at least one day of the week."
    )

    shifts.get_by_label("Workplace", exact=True).fill("Hotel Aurora")
    shifts.get_by_role("group", name="Which days?").get_by_role(
        "checkbox", name=_weekday_name(tomorrow)
    ).check()
    shifts.get_by_label("Starts at").fill("08:00")
    shifts.get_by_label("Ends at").fill("12:00")
    shifts.get_by_label("Time zone of the workplace").select_option("Europe/Helsinki")
    # A last day before the first: the server's refusal is said next to the field.
    yesterday = (datetime.now(HELSINKI) - timedelta(days=2)).date().isoformat()
    shifts.get_by_label("Last day (you can leave it empty)").fill(yesterday)
    shifts.get_by_role("button", name="Save the shift").click()
    expect(shifts.get_by_label("Last day (you can leave it empty)")).to_have_accessible_description(
        re.compile("The last day cannot be before the first day.")
    )
    shifts.get_by_label("Last day (you can leave it empty)").fill("")
    shifts.get_by_role("button", name="Save the shift").click()
    saved_note = page.get_by_role("status").filter(has_text="The shift at Hotel Aurora is saved.")
    expect(saved_note).to_be_visible()
    listed = shifts.get_by_role("list", name="Shifts").get_by_role("listitem").first
    expect(listed).to_contain_text(_plain(f"Every week: {_weekday_name(tomorrow)}, 8:00–12:00"))
    expect(listed).to_contain_text("Time zone: Europe/Helsinki")

    # The client's home says it in plain words, and again with no signal after a reload.
    client = new_person(account=fresh_client, width=390, height=844)
    client.page.goto("/")
    next_shift = client.page.get_by_role("region", name="Your next shift")
    sentence = _plain("Next shift: tomorrow 8:00 at Hotel Aurora")
    expect(next_shift).to_contain_text(sentence)
    expect(next_shift).to_contain_text(_plain("From 8:00 to 12:00"))
    _worker_ready(client.page)
    expect(next_shift).to_contain_text(sentence)
    client.context.set_offline(True)
    client.page.reload()
    expect(client.page.get_by_role("region", name="Your next shift")).to_contain_text(sentence)
    client.context.set_offline(False)

    # The coach's week shows it on its day, with the client's name.
    coach.nav("My week")
    expect(coach.heading()).to_have_text("My week")
    if tomorrow.isoweekday() == 1:  # tomorrow starts another week
        page.get_by_role("link", name="Next week").click()
    day = page.get_by_role("region", name=re.compile(rf"^{_weekday_name(tomorrow)} "))
    expect(day.get_by_role("heading", level=3)).to_have_text(
        re.compile(rf"^{_weekday_name(tomorrow)} {tomorrow.day} ")
    )
    # The week comes a part of the caseload at a time; the session's coach has many clients.
    theirs = day.get_by_role("link", name=re.compile(fresh_client.name))
    page_through_week(page, lambda: theirs.count() > 0)
    expect(theirs).to_contain_text(_plain("8:00–12:00 at Hotel Aurora"))

    # Not this day: tomorrow is a holiday. The client's home skips it and says so.
    page.goto(f"/clients/{fresh_client.id}/shifts")
    shifts.get_by_role("button", name="Not this day Hotel Aurora").click()
    dialog = page.get_by_role("dialog", name="Not this day: Hotel Aurora")
    dialog.get_by_label("Which day?").fill(tomorrow.date().isoformat())
    dialog.get_by_role("button", name="Save: no work this day").click()
    expect(dialog).to_be_hidden()
    expect(shifts.get_by_role("list", name="Days off")).to_contain_text("holiday")
    client.page.reload()
    home = client.page.get_by_role("region", name="Your next shift")
    expect(home).to_contain_text(re.compile(r"No work on .*: holiday"))
    expect(home).not_to_contain_text("tomorrow")
    expect(home).to_contain_text(re.compile(r"Next shift: \w+ .*Hotel Aurora"))


# ---------------------------------------------------------------------------------------------
# Reminders and notifications


def test_a_coordinator_narrows_the_teams_week_to_one_coach(
    org: Organisation, browser: Browser, new_person: PersonFactory, server: Server
) -> None:
    second = invite_and_enroll(
        browser, server, org.admin, "coach", "Mira Laine", teamId=org.team_id
    )
    theirs = invite_and_enroll(browser, server, second, "client", "Oskar Lind", coachId=second.id)
    # A new client of the first coach: no conversation yet, so due whatever other tests did.
    mine = invite_and_enroll(
        browser, server, org.coach, "client", "Lena Berg", coachId=org.coach.id
    )
    coordinator = new_person(account=org.coordinator)
    page = coordinator.page
    page.goto("/week")
    expect(coordinator.heading()).to_have_text("My week")
    due = page.get_by_role("region", name="Conversations due")
    # The week is a page of the team's clients at a time, and the session's organisation holds
    # every other test's clients too: the coordinator asks for more until both are listed.
    wanted = [due.get_by_role("link", name=re.compile(p.name)) for p in (theirs, mine)]
    # The team's week: its status is in the plural (the narrowed week below has one client), so
    # waiting for it waits for the team's first part after a narrowed one.
    team = page.get_by_role("status").filter(has_text=re.compile(r"The week of \d+ clients"))

    def show_everyone() -> None:
        expect(team).to_be_visible()
        page_through_week(page, lambda: all(w.count() > 0 for w in wanted))
        for link in wanted:
            expect(link).to_be_visible()

    show_everyone()

    page.get_by_label("Whose clients").select_option(label="Mira Laine")
    expect(due.get_by_role("link", name=re.compile(mine.name))).to_have_count(0)
    expect(due.get_by_role("link", name=re.compile(theirs.name))).to_be_visible()
    expect(
        page.get_by_role("status").filter(has_text="The week of 1 client is shown.")
    ).to_be_visible()
    assert f"coach={second.id}" in page.url
    # Another week keeps the choice.
    page.get_by_role("link", name="Next week").click()
    expect(page.get_by_label("Whose clients")).to_have_value(second.id)
    expect(due.get_by_role("link", name=re.compile(mine.name))).to_have_count(0)

    # Everyone's again: the team's week from its first part.
    page.get_by_label("Whose clients").select_option(label="All coaches")
    show_everyone()


def test_the_client_chooses_reminders_and_the_browser_is_asked_only_on_the_button(
    org: Organisation, fresh_client: Account, new_person: PersonFactory, server: Server
) -> None:
    client = new_person(account=fresh_client, width=390, height=844)
    page = client.page
    asked: list[str] = []
    client.context.expose_function("noteAsked", lambda: asked.append("asked"))
    client.context.add_init_script(
        """const ask = Notification.requestPermission.bind(Notification);
        Notification.requestPermission = (...a) => { window.noteAsked(); return ask(...a); };"""
    )
    client.context.grant_permissions(["notifications"], origin=server.url)
    # The client's shift in three days (entered by the coach): the reminders say at what time
    # they will come.
    shift_day = datetime.now(ZoneInfo("Europe/Helsinki")) + timedelta(days=3)
    new_person(account=org.coach).api(
        "POST",
        f"/api/clients/{fresh_client.id}/shifts",
        {
            "localId": str(uuid.uuid4()),
            "workplace": "Hotel Aurora",
            "zone": "Europe/Helsinki",
            "startsAt": "08:00",
            "endsAt": "12:00",
            "repeat": "once",
            "date": shift_day.date().isoformat(),
        },
    )
    page.goto("/settings")
    page.get_by_role("link", name="Open my reminders").click()
    expect(client.heading()).to_have_text("My reminders")
    device = page.get_by_role("region", name="Notifications on this phone")
    expect(device).to_contain_text("No names and nothing private.")
    expect(device).to_contain_text("Notifications are off for this phone.")
    assert asked == [], "the browser was asked before the person pressed the button"

    # Headless Chromium has no push service: the person reads what happened, in plain words.
    device.get_by_role("button", name="Turn on notifications").click()
    expect(device.get_by_role("status")).to_contain_text(
        "The browser could not reach its notification service."
    )
    assert asked == ["asked"]

    # "Time to get ready" one hour before each shift, "Time to leave" 20 minutes before.
    which = page.get_by_role("region", name="Which reminders?")
    prepare = which.get_by_role("group", name="Time to get ready")
    prepare.get_by_role("checkbox", name="Yes, remind me").check()
    expect(prepare.get_by_label("When?")).to_have_value("60")
    next_shift = f"Your next shift: {_weekday_name(shift_day)} 8:00. This reminder comes at "
    expect(prepare.get_by_label("When?")).to_have_accessible_description(
        _plain(next_shift + "7:00.")
    )
    leave = which.get_by_role("group", name="Time to leave")
    leave.get_by_role("checkbox", name="Yes, remind me").check()
    leave.get_by_label("When?").select_option(label="20 minutes before the shift")
    expect(leave.get_by_label("When?")).to_have_accessible_description(_plain(next_shift + "7:40."))
    which.get_by_role("button", name="Save my reminders").click()
    expect(which.get_by_role("status")).to_contain_text("Your reminders are saved.")
    rules = {r["kind"]: r for r in client.api("GET", "/api/me/notifications")["rules"]}
    assert rules["shift_prepare"]["minutesBefore"] == 60 and rules["shift_prepare"]["enabled"]
    assert rules["shift_leave"]["minutesBefore"] == 20

    # Quiet hours need both times; then they are kept.
    quiet = page.get_by_role("region", name="Quiet hours")
    quiet.get_by_label("Quiet from").fill("21:00")
    quiet.get_by_role("button", name="Save quiet hours").click()
    expect(quiet.get_by_label("Quiet until")).to_have_accessible_description(
        re.compile("Choose both times")
    )
    quiet.get_by_label("Quiet until").fill("07:00")
    quiet.get_by_role("button", name="Save quiet hours").click()
    expect(quiet.get_by_role("status")).to_contain_text("Quiet hours are saved.")
    saved = client.api("GET", "/api/me/notifications")["quietHours"]
    assert (saved["start"], saved["end"]) == ("21:00", "07:00")

    # Turning one off keeps it, switched off.
    page.reload()
    prepare = page.get_by_role("group", name="Time to get ready")
    expect(prepare.get_by_role("checkbox", name="Yes, remind me")).to_be_checked()
    prepare.get_by_role("checkbox", name="Yes, remind me").uncheck()
    page.get_by_role("button", name="Save my reminders").click()
    which = page.get_by_role("region", name="Which reminders?")
    expect(which.get_by_role("status")).to_contain_text("Your reminders are saved.")
    rules = {r["kind"]: r for r in client.api("GET", "/api/me/notifications")["rules"]}
    assert not rules["shift_prepare"]["enabled"]


def test_notifications_on_reach_the_server_and_the_worker_shows_them_in_finnish(
    fresh_client: Account, new_person: PersonFactory, server: Server, push_service: PushService
) -> None:
    sub = push_service.subscribe()
    client = new_person(account=fresh_client, locale="fi-FI", width=390, height=844)
    _with_fake_push(client, server, sub)
    page = client.page
    page.goto("/reminders")
    _worker_ready(page)
    device = page.get_by_role("region", name="Ilmoitukset tässä puhelimessa")
    expect(device).to_contain_text("Ilmoitukset ovat pois päältä tässä puhelimessa.")
    device.get_by_role("button", name="Laita ilmoitukset päälle").click()
    expect(device).to_contain_text("Ilmoitukset ovat päällä tässä puhelimessa.")
    devices = client.api("GET", "/api/me/push-subscriptions")
    assert [d["pushService"] for d in devices] == ["127.0.0.1"]
    first_seen = devices[0]["seenAt"]

    # The server's test notification reaches the push service, encrypted with the device's keys.
    device.get_by_role("button", name="Lähetä minulle testi-ilmoitus").click()
    expect(device.get_by_role("status")).to_contain_text("Testi-ilmoitus on matkalla 1 puhelimeen.")
    messages = push_service.for_subscription(sub)
    assert len(messages) == 1 and messages[0].payload is not None
    payload = messages[0].payload
    assert payload["kind"] == "test" and payload["url"] == "/settings"

    # The worker shows it in the person's language, with the tag, and nothing personal.
    shown = _deliver_push(client, server, payload)
    notification = next(n for n in shown if n["tag"] == payload["tag"])
    assert notification["title"] == "Tämä on Stepwisen testi-ilmoitus"
    assert notification["body"] == "Avaa Stepwise napauttamalla."
    assert notification["lang"] == "fi"
    assert notification["data"]["url"] == "/settings"
    assert notification["icon"].endswith("/icons/icon-192.png")
    words = f"{notification['title']} {notification['body']}"
    for private in (*fresh_client.name.split(), "Hotel", "Aurora", "goal", "tavoite"):
        assert private.lower() not in words.lower()

    # On every start the device confirms its subscription, so the server keeps it.
    with page.expect_request(
        lambda r: r.url.endswith("/api/me/push-subscriptions") and r.method == "POST",
        timeout=10_000,
    ):
        page.reload()
    page.wait_for_timeout(300)
    assert client.api("GET", "/api/me/push-subscriptions")[0]["seenAt"] > first_seen

    # Turned off on this device: gone in the browser and on the server.
    device = page.get_by_role("region", name="Ilmoitukset tässä puhelimessa")
    device.get_by_role("button", name="Laita pois päältä tässä puhelimessa").click()
    expect(device).to_contain_text("Ilmoitukset ovat pois päältä tässä puhelimessa.")
    assert client.api("GET", "/api/me/push-subscriptions") == []


@pytest.mark.parametrize(
    ("locale", "kind", "title", "direction"),
    [
        ("he-IL", "shift_prepare", "הגיע הזמן להתכונן לעבודה", "rtl"),
        ("pl-PL", "shift_leave", "Czas wyjść do pracy", "ltr"),
    ],
)
def test_a_shift_reminder_is_shown_in_the_persons_language(
    fresh_client: Account,
    new_person: PersonFactory,
    server: Server,
    locale: str,
    kind: str,
    title: str,
    direction: str,
) -> None:
    client = new_person(account=fresh_client, locale=locale, width=390, height=844)
    client.context.grant_permissions(["notifications"], origin=server.url)
    client.page.goto("/")
    _worker_ready(client.page)
    client.page.wait_for_timeout(300)  # the page saves the worker's texts as it starts
    payload = {"kind": kind, "id": "41", "url": "/", "title": "English", "tag": "stepwise-41"}
    shown = _deliver_push(client, server, payload)
    notification = next(n for n in shown if n["tag"] == "stepwise-41")
    assert notification["title"] == title
    assert notification["dir"] == direction


def test_with_nobody_signed_in_the_worker_says_the_english_title(
    new_person: PersonFactory, server: Server
) -> None:
    person = new_person()
    person.context.grant_permissions(["notifications"], origin=server.url)
    person.page.goto("/signin")
    _worker_ready(person.page)
    payload = {
        "kind": "conversation",
        "id": "7",
        "url": "https://elsewhere.example/",
        "title": "You have a reminder in Stepwise",
        "tag": "stepwise-7",
    }
    notification = next(
        n for n in _deliver_push(person, server, payload) if n["tag"] == "stepwise-7"
    )
    assert notification["title"] == "You have a reminder in Stepwise"
    assert notification["data"]["url"] == "/"  # never a link out of the app


def test_a_coach_sets_a_clients_reminders_and_their_own(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach)
    page = coach.page
    ClientRecord(page).open(fresh_client.id).topic("reminders")
    reminders = page.get_by_role("region", name="Reminders")
    expect(reminders).to_contain_text("No phone has notifications on.")
    expect(reminders).to_contain_text("No e-mail address for reminders.")
    prepare = reminders.get_by_role("group", name="Time to get ready")
    prepare.get_by_role("checkbox", name="Yes, send this reminder").check()
    goal = reminders.get_by_role("group", name="Check in on my goal")
    goal.get_by_role("checkbox", name="Yes, send this reminder").check()
    goal.get_by_label("Which day?").select_option(label="Tuesday")
    goal.get_by_label("At what time?").fill("")
    reminders.get_by_role("button", name="Save the reminders").click()
    expect(goal.get_by_label("At what time?")).to_have_accessible_description(
        re.compile("Choose a time, for example 18:00.")
    )
    goal.get_by_label("At what time?").fill("17:30")
    reminders.get_by_role("button", name="Save the reminders").click()
    expect(reminders.get_by_role("status").first).to_contain_text("Your reminders are saved.")
    rules = {
        r["kind"]: r for r in coach.api("GET", f"/api/clients/{fresh_client.id}/reminders")["rules"]
    }
    assert rules["shift_prepare"]["minutesBefore"] == 60
    assert (rules["goal_checkin"]["weekday"], rules["goal_checkin"]["at"]) == (2, "17:30")

    # The coach's own: conversations due and goals ending, every morning.
    page.goto("/reminders")
    mine = page.get_by_role("group", name="Conversations due and goals ending")
    mine.get_by_role("checkbox", name="Yes, remind me").check()
    expect(mine.get_by_label("Which day?")).to_have_value("")  # every day
    mine.get_by_label("At what time?").fill("07:45")
    page.get_by_role("button", name="Save my reminders").click()
    expect(
        page.get_by_role("region", name="Which reminders?").get_by_role("status")
    ).to_contain_text("Your reminders are saved.")
    own = coach.api("GET", "/api/me/notifications")["rules"]
    assert [(r["kind"], r["at"], r["weekday"]) for r in own] == [("coach", "07:45", None)]


def test_signing_out_stops_the_persons_notifications_on_this_device(
    fresh_client: Account, new_person: PersonFactory, server: Server, push_service: PushService
) -> None:
    """A shared phone: after sign-out the server forgets the device and the browser its
    subscription, so the next person does not get the last one's reminders."""
    sub = push_service.subscribe()
    client = new_person(account=fresh_client)
    _with_fake_push(client, server, sub)
    page = client.page
    page.goto("/reminders")
    _worker_ready(page)
    page.get_by_role("button", name="Turn on notifications").click()
    expect(page.get_by_text("Notifications are on for this phone.")).to_be_visible()
    assert sub.endpoint in _stored_endpoints(server)
    page.goto("/passkeys")
    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(client.heading()).to_have_text("Sign in")
    assert sub.endpoint not in _stored_endpoints(server)
    assert page.evaluate("localStorage.getItem('fake-push')") is None


def _turn_on_notifications(person: Person) -> None:
    page = person.page
    page.goto("/reminders")
    _worker_ready(page)
    page.get_by_role("button", name="Turn on notifications").click()
    expect(page.get_by_text("Notifications are on for this phone.")).to_be_visible()


def test_a_lost_phone_gets_nothing_after_signing_out_everywhere(
    fresh_client: Account, new_person: PersonFactory, server: Server, push_service: PushService
) -> None:
    """The client's phone is lost while signed in with notifications on. From her laptop she
    signs out everywhere: the phone's subscription ended with its session, so the next
    notification (a neutral test one) reaches only the laptop, signed in again."""
    lost, kept = push_service.subscribe(), push_service.subscribe()
    phone = new_person(account=fresh_client, with_passkey=True, width=390, height=844)
    laptop = new_person(account=fresh_client, with_passkey=True)
    for person, sub in ((phone, lost), (laptop, kept)):
        _with_fake_push(person, server, sub)
        SignInPage(person.page).open().sign_in()
        expect(person.heading()).not_to_have_text("Sign in")
        _turn_on_notifications(person)
    device = laptop.page.get_by_role("region", name="Notifications on this phone")
    device.get_by_role("button", name="Send me a test notification").click()
    expect(device.get_by_role("status")).to_contain_text("on its way to 2 phones.")
    assert (len(push_service.for_subscription(lost)), len(push_service.for_subscription(kept))) == (
        1,
        1,
    )

    PasskeysPage(laptop.page).open()
    laptop.page.get_by_role("button", name="Sign out everywhere").click()
    expect(laptop.heading()).to_have_text("Sign in")
    assert lost.endpoint not in _stored_endpoints(server), "gone with the phone's session"

    SignInPage(laptop.page).open().sign_in()
    expect(laptop.heading()).not_to_have_text("Sign in")
    _turn_on_notifications(laptop)
    device.get_by_role("button", name="Send me a test notification").click()
    expect(device.get_by_role("status")).to_contain_text("on its way to 1 phone.")
    assert len(push_service.for_subscription(kept)) == 2
    assert len(push_service.for_subscription(lost)) == 1, "the lost phone receives nothing more"


def _stored_endpoints(server: Server) -> list[str]:
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        return [row[0] for row in db.execute("SELECT endpoint FROM push_subscriptions")]


def test_a_tap_on_the_notification_opens_the_screen_it_points_to(
    fresh_client: Account, new_person: PersonFactory, server: Server
) -> None:
    client = new_person(account=fresh_client)
    client.context.grant_permissions(["notifications"], origin=server.url)
    client.page.goto("/")
    _worker_ready(client.page)
    payload = {
        "kind": "test",
        "id": "9",
        "url": "/settings",
        "title": "This is a test notification from Stepwise",
        "tag": "stepwise-9",
    }
    _deliver_push(client, server, payload)
    # No CDP command taps a notification: the worker gets the event its own browser would send.
    worker = client.context.service_workers[0]
    worker.evaluate(
        """async () => {
            const [shown] = await self.registration.getNotifications({ tag: 'stepwise-9' });
            self.dispatchEvent(new NotificationEvent('notificationclick', { notification: shown }));
        }"""
    )
    expect(client.page).to_have_url(f"{server.url}/settings")
    expect(client.heading()).to_have_text("Settings")
    assert not [n for n in _notifications(client.page) if n["tag"] == "stepwise-9"]


def test_the_coachs_help_notification_names_the_task_and_step(
    org: Organisation,
    fresh_client: Account,
    new_person: PersonFactory,
    make_task: TaskFactory,
    server: Server,
) -> None:
    """The push is neutral (it passes through the push service); the coach's own signed-in
    phone asks the server which request is newest, so the notification names task and step."""
    task = make_task(title="Fold the napkins", client=fresh_client, voice=False)
    coach = new_person(account=org.coach)
    coach.context.grant_permissions(["notifications"], origin=server.url)
    coach.page.goto("/")
    _worker_ready(coach.page)
    coach.page.wait_for_timeout(300)  # the page saves the worker's texts as it starts
    client = new_person(account=fresh_client)
    client.api(
        "POST",
        f"/api/tasks/{task.id}/help-requests",
        {
            "localId": str(uuid.uuid4()),
            "at": datetime.now(ZoneInfo("UTC")).isoformat(),
            "stepId": task.steps[1]["id"],
        },
    )
    payload = {
        "kind": "help_request",
        "id": "77",
        "url": "/",
        "title": "Someone asked for help in Stepwise",
        "tag": "stepwise-77",
    }
    shown = _deliver_push(coach, server, payload)
    notification = next(n for n in shown if n["tag"] == "stepwise-77")
    assert notification["title"] == "Someone asked for help in Stepwise"
    assert notification["body"] == "Fold the napkins, step 2"
    # The coach's home lists it too, with "I have helped".
    coach.page.goto("/")
    expect(coach.page.get_by_text("Fold the napkins").first).to_be_visible()


def test_quiet_hours_name_a_time_zone_only_when_it_is_not_the_phones(
    fresh_client: Account, new_person: PersonFactory
) -> None:
    """A client's quiet hours are in their phone's time: no "Time zone: UTC" to puzzle over. A
    zone is named only when the saved one is not the phone's (set on another phone, abroad)."""
    client = new_person(account=fresh_client, width=390, height=844, timezone="Europe/Helsinki")
    page = client.page
    page.goto("/reminders")
    quiet = page.get_by_role("region", name="Quiet hours")
    expect(quiet.get_by_label("Quiet from")).to_be_visible()
    expect(quiet).not_to_contain_text("Time zone")

    quiet_hours = {"start": "21:00", "end": "07:00", "zone": "Europe/Warsaw"}
    client.api("PATCH", "/api/me/notifications", {"quietHours": quiet_hours})
    page.reload()
    expect(quiet).to_contain_text("Time zone: Europe/Warsaw")
