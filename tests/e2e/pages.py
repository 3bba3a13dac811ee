"""Page objects: each screen as a person meets it, found by role and accessible name.

Locators use ``get_by_role`` and ``get_by_label`` only, the way a screen-reader user moves
through the app (piccolo_admin ``e2e/pages.py``). English names: tests that switch language
use the same objects only before switching.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from playwright.sync_api import (
    Browser,
    BrowserContext,
    CDPSession,
    Locator,
    Page,
    Route,
    expect,
)

if TYPE_CHECKING:
    from tests.e2e.conftest import Account

# A CTAP2 platform authenticator with user verification, like a phone's fingerprint sensor.
AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
    "automaticPresenceSimulation": True,
}


@dataclass
class Person:
    """One person on one device: a browser context, a page, and a virtual authenticator."""

    context: BrowserContext
    page: Page
    cdp: CDPSession
    authenticator_id: str
    policy_violations: list[str] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        browser: Browser,
        base_url: str,
        *,
        account: Account | None = None,
        with_passkey: bool = False,
        locale: str = "en-GB",
        width: int = 1024,
        height: int = 800,
        bypass_csp: bool = False,
        timezone: str | None = None,
    ) -> Person:
        """``account`` signs the person in (its cookies); ``with_passkey`` also puts the
        account's passkey on this device, so the person can sign in again."""
        context = browser.new_context(
            base_url=base_url,
            locale=locale,
            viewport={"width": width, "height": height},
            storage_state=account.storage_state if account and not with_passkey else None,  # type: ignore[arg-type]
            permissions=["clipboard-read", "clipboard-write"],
            bypass_csp=bypass_csp,
            timezone_id=timezone,
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("WebAuthn.enable", {"enableUI": False})
        added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})
        person = cls(context, page, cdp, str(added["authenticatorId"]))
        # The strict CSP (no inline script or style) is part of what is tested: any refusal
        # the browser reports fails the test that caused it (see the new_person fixture).
        page.on(
            "console",
            lambda message: (
                person.policy_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        if account and with_passkey:
            for credential in account.credentials:
                person.add_credential(credential)
        return person

    def close(self) -> None:
        self.context.close()

    # -- the passkey device ---------------------------------------------------------------

    def credentials(self) -> list[dict[str, Any]]:
        answer = self.cdp.send(
            "WebAuthn.getCredentials", {"authenticatorId": self.authenticator_id}
        )
        return list(answer["credentials"])

    def add_credential(self, credential: dict[str, Any]) -> None:
        self.cdp.send(
            "WebAuthn.addCredential",
            {"authenticatorId": self.authenticator_id, "credential": credential},
        )

    def set_user_verified(self, verified: bool) -> None:
        self.cdp.send(
            "WebAuthn.setUserVerified",
            {"authenticatorId": self.authenticator_id, "isUserVerified": verified},
        )

    # -- the API with this person's cookies (set-up steps, not the thing under test) --------

    def api(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self.context.request.fetch(
            path,
            method=method,
            headers={"X-Requested-With": "stepwise", "Content-Type": "application/json"},
            data=json.dumps(body) if body is not None else None,
        )
        assert response.ok, f"{method} {path}: {response.status} {response.text()}"
        return response.json() if response.status != 204 else None

    def api_all(self, path: str) -> list[Any]:
        """GET every page of a paged list, following the ``Link: rel="next"`` header."""
        rows: list[Any] = []
        next_path: str | None = path
        while next_path:
            response = self.context.request.get(next_path, headers={"X-Requested-With": "stepwise"})
            assert response.ok, f"GET {next_path}: {response.status} {response.text()}"
            rows.extend(response.json())
            link = response.headers.get("link", "")
            match = re.search(r'<([^>]+)>;\s*rel="next"', link)
            next_path = match.group(1) if match else None
        return rows

    def upload(self, path: str, data: bytes, name: str, mime_type: str) -> Any:
        """PUT a file as multipart/form-data (field ``file``), as the coach's phone does."""
        response = self.context.request.put(
            path,
            headers={"X-Requested-With": "stepwise"},
            multipart={"file": {"name": name, "mimeType": mime_type, "buffer": data}},
        )
        assert response.ok, f"PUT {path}: {response.status} {response.text()}"
        return response.json()

    # -- what every screen has -------------------------------------------------------------

    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    def nav(self, name: str) -> None:
        """Open a destination of the main navigation; a client's that are not among the four
        tabs are under "More". A focused screen (the task player) has no navigation: the person
        leaves it by its way back first."""
        expect(self.heading()).to_be_visible()  # the app is on screen, not its boot line
        nav = self.page.get_by_role("navigation", name="Main")
        if nav.count() == 0:
            self.page.get_by_role("banner").get_by_role("link").click()
        menu = self.page.get_by_role("banner").get_by_role("button", name="Menu")
        if menu.is_visible() and menu.get_attribute("aria-expanded") == "false":
            menu.click()  # a narrow phone with large text: the links are folded behind it
        expect(nav).to_be_visible()
        link = nav.get_by_role("link", name=name, exact=True)
        if link.count() == 0 and nav.get_by_role("link", name="More", exact=True).count() == 1:
            nav.get_by_role("link", name="More", exact=True).click()
            expect(self.heading()).to_have_text("More")
            link = self.page.get_by_role("main").get_by_role("link", name=name, exact=True)
        link.click()


def service_worker(page: Page, origin: str) -> tuple[CDPSession, str]:
    """A CDP session on ``page`` and the id of the app's service worker registration, to hand
    the worker an event as the browser would (``deliverPushMessage``, ``dispatchSyncEvent``).
    ``page`` need not show the app: any page of the person's browser context will do."""
    cdp = page.context.new_cdp_session(page)
    registrations: list[str] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(
            r["registrationId"]
            for r in event["registrations"]
            if r["scopeURL"].startswith(origin) and not r.get("isDeleted")
        ),
    )
    cdp.send("ServiceWorker.enable")
    for _ in range(100):
        if registrations:
            break
        page.wait_for_timeout(100)
    assert registrations, "no service worker registration reported over CDP"
    return cdp, registrations[-1]


class SignInPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> SignInPage:
        self.page.goto("/signin")
        expect(self.page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
        return self

    def sign_in(self) -> None:
        self.page.get_by_role("button", name="Sign in with a passkey").click()

    def error(self) -> Locator:
        return self.page.get_by_role("alert")


class EnrollPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self, url: str) -> EnrollPage:
        self.page.goto(url)
        return self

    def welcome(self) -> Locator:
        return self.page.get_by_role("heading", level=1, name=re.compile(r"^Welcome, "))

    def create_passkey(self) -> None:
        self.page.get_by_role("button", name="Create my passkey").click()
        expect(self.page).to_have_url(re.compile(r"/$"))

    def error(self) -> Locator:
        return self.page.get_by_role("alert")


class AdminHome:
    def __init__(self, page: Page) -> None:
        self.page = page

    def create_team(self, name: str) -> None:
        teams = self.page.get_by_role("region", name="Teams")
        teams.get_by_label("Name of the new team").fill(name)
        teams.get_by_role("button", name="Create team").click()
        expect(
            self.page.get_by_role("status").filter(has_text=f"The team {name} is created.")
        ).to_be_visible()

    def invite(self) -> InvitePage:
        self.page.get_by_role("link", name="Invite a person").click()
        return InvitePage(self.page)


@dataclass
class Invitation:
    link: str
    expiry: str


class InvitePage:
    def __init__(self, page: Page) -> None:
        self.page = page
        expect(page.get_by_role("heading", level=1, name="Invite a person")).to_be_visible()

    def fill(
        self,
        *,
        name: str,
        role: str | None = None,
        delivery: str = "Make a link to send",
        team: str | None = None,
        coach: str | None = None,
        client: str | None = None,
    ) -> InvitePage:
        if role:
            self.page.get_by_role("group", name="Who are you inviting?").get_by_role(
                "radio", name=role, exact=True
            ).check()
        self.page.get_by_label("Their name").fill(name)
        if team:
            self.page.get_by_label("Which team will they work in?").select_option(label=team)
        if coach:
            self.page.get_by_label("Which coach will work with them?").select_option(label=coach)
        if client:
            self.page.get_by_label("Which client are they family of?").select_option(label=client)
        self.page.get_by_role("group", name="How will you give them the link?").get_by_role(
            "radio", name=delivery, exact=True
        ).check()
        return self

    def submit(self) -> Invitation:
        self.page.get_by_role("button", name="Create the invitation").click()
        result = self.page.get_by_role("region", name=re.compile(r"^The link for .* is ready$"))
        expect(result).to_be_visible()
        link = result.get_by_text(re.compile(r"/enroll#")).inner_text().strip()
        expiry = result.get_by_text(re.compile(r"^It works for ")).inner_text()
        return Invitation(link, expiry)

    def qr_code(self) -> Locator:
        return self.page.get_by_role("img", name=re.compile(r"^QR code with the one-time link"))


class PasskeysPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> PasskeysPage:
        self.page.goto("/passkeys")
        expect(self.page.get_by_role("heading", level=1, name="My passkeys")).to_be_visible()
        return self

    def passkeys(self) -> Locator:
        return self.page.get_by_role("list", name="My passkeys").get_by_role("listitem")

    def add(self) -> None:
        before = self.passkeys().count()
        self.page.get_by_role("button", name="Add a passkey on this device").click()
        expect(self.passkeys()).to_have_count(before + 1)

    def click_add(self) -> None:
        self.page.get_by_role("button", name="Add a passkey on this device").click()

    def step_up_then_forget(self, person: Person) -> list[int]:
        """The account's passkey on this device is used for the next step-up only, as a phone
        nearby would be (hybrid transport); then only the passkey made here stays."""
        kept = {c["credentialId"] for c in person.credentials()}
        answers: list[int] = []  # the step-ups' statuses, for the test to check

        def handle(route: Route) -> None:
            response = route.fetch()
            answers.append(response.status)
            for credential in person.credentials():
                if credential["credentialId"] in kept:
                    person.cdp.send(
                        "WebAuthn.removeCredential",
                        {
                            "authenticatorId": person.authenticator_id,
                            "credentialId": credential["credentialId"],
                        },
                    )
            route.fulfill(response=response)

        self.page.route("**/api/me/reverify", handle, times=1)
        return answers

    def rename(self, old: str, new: str) -> None:
        self.page.get_by_role("button", name=f"Rename {old}").first.click()
        self.page.get_by_label("New name").fill(new)
        self.page.get_by_role("button", name="Save the name").click()

    def remove(self, name: str) -> None:
        self.page.get_by_role("button", name=f"Remove {name}").first.click()
        dialog = self.page.get_by_role("dialog", name=f"Remove the passkey {name}?")
        dialog.get_by_role("button", name="Remove the passkey").click()
        expect(dialog).to_be_hidden()

    def sign_out(self) -> None:
        self.page.get_by_role("button", name="Sign out", exact=True).click()
        expect(self.page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()

    def message(self) -> Locator:
        return self.page.locator(".notice").first


class SyncStatus:
    """The layout's line that says whether everything is saved (a polite live region)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.text = page.locator(".sync-status [role=status]")

    def expect(self, text: str | re.Pattern[str]) -> None:
        # Sending waits for the connection to be noticed again (an `online` event, or the next
        # probe of the server): allow it the probe's longest early pause and a loaded machine.
        expect(self.text).to_contain_text(text, timeout=15_000)

    def send_now(self) -> None:
        self.page.get_by_role("button", name="Send now").click()


class ClientRecord:
    """A client's record for staff: an overview with a short card per topic, and each topic on
    its own screen with its own address (``/clients/:id/tasks``, ``…/shifts``, ``…/goals``,
    ``…/conversations``, ``…/family``, ``…/reminders``)."""

    OPEN = {
        "tasks": "Open the tasks",
        "shifts": "Open the shifts",
        "goals": "Open the goals",
        "conversations": "Open the conversations",
        "family": "Open family and sharing",
        "reminders": "Open the reminders",
        "journey": "Open the journey",
    }

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self, client_id: str) -> ClientRecord:
        """The overview, ready once its topics can be opened."""
        self.page.goto(f"/clients/{client_id}")
        expect(self.page.get_by_role("link", name=self.OPEN["tasks"])).to_be_visible()
        return self

    def topic(self, topic: str) -> Locator:
        """Open a topic from the overview, as a person would; its screen's <main>."""
        self.page.get_by_role("link", name=self.OPEN[topic]).click()
        expect(self.page).to_have_url(re.compile(rf"/clients/[^/]+/{topic}$"))
        expect(self.page.get_by_role("heading", level=1)).to_be_focused()
        return self.page.get_by_role("main")

    def change_stage(self, label: str) -> None:
        self.page.get_by_role("button", name="Change the stage").click()
        self.page.get_by_label("Stage", exact=True).select_option(label=label)
        self.page.get_by_role("button", name="Save the stage").click()


class PlayerPage:
    """The client's task player, one step at a time."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.sync = SyncStatus(page)

    def open(self, task_id: str) -> PlayerPage:
        self.page.goto(f"/tasks/{task_id}")
        expect(self.step_title().or_(self.finished())).to_be_visible()
        return self

    def step_title(self) -> Locator:
        return self.page.get_by_role("heading", level=2, name=re.compile(r"^Step \d+ of \d+$"))

    def expect_step(self, number: int, total: int) -> None:
        expect(self.step_title()).to_have_text(f"Step {number} of {total}")

    def finished(self) -> Locator:
        return self.page.get_by_role("heading", level=2, name="Well done! You finished the task.")

    def done(self) -> None:
        self.page.get_by_role("button", name=re.compile(r"^Done — (next|finish)$")).click()

    def back(self) -> None:
        self.page.get_by_role("button", name="Back", exact=True).click()

    def help(self) -> None:
        self.page.get_by_role("button", name="I need help").click()

    def show_picture(self) -> None:
        self.page.get_by_role("button", name="Show the picture").click()

    def again(self) -> None:
        self.page.get_by_role("button", name="Do the task again").click()

    def message(self) -> Locator:
        return self.page.locator(".step__message")


class HelpRequestsCard:
    """ "Asked for help" on a coach's or coordinator's home: who asked, and "I have helped"."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.region = page.get_by_role("region", name="Asked for help")

    def request(self, text: str) -> Locator:
        return self.region.get_by_role("listitem").filter(has_text=text)

    def helped(self, text: str, client: str) -> None:
        self.request(text).get_by_role("button", name=f"I have helped {client}").click()


class LongList:
    """A list that comes a page at a time, with "Show more" after it while more follow."""

    def __init__(self, page: Page, name: str) -> None:
        self.page = page
        self.list = page.get_by_role("list", name=name)
        self.items = self.list.get_by_role("listitem")
        self.show_more = page.get_by_role("button", name="Show more")


def revealed(page: Page, row: Locator, more: str = "Show more") -> Locator:
    """``row``, after asking for the next pages of its list until it is there: long lists come
    a page at a time, and a person further down the alphabet than the first page needs "Show
    more" pressed, as a person on the screen would."""
    button = page.get_by_role("button", name=more)
    for _ in range(100):
        expect(row.or_(button).first).to_be_visible()
        if row.count():
            return row
        button.click()
    raise AssertionError("the row did not come after 100 pages")


def a_job_at_a_new_hotel(coach: Person, client_id: str) -> tuple[str, dict[str, Any]]:
    """(a tag unique to this call, the job): the client's job as a kitchen assistant at a hotel
    new to the register (set-up through the API, as the coach's phone would)."""
    tag = uuid.uuid4().hex[:6]
    employer = coach.api(
        "POST", "/api/employers", {"localId": str(uuid.uuid4()), "name": f"Hotel {tag}"}
    )
    job = coach.api(
        "POST",
        f"/api/clients/{client_id}/jobs",
        {
            "localId": str(uuid.uuid4()),
            "employerId": employer["id"],
            "title": "Kitchen assistant",
            "startDate": "2026-11-02",
        },
    )
    return tag, dict(job)


def page_through_week(page: Page, done: Callable[[], bool]) -> None:
    """On My week, ask for more clients until ``done()`` or the last part is shown (the week comes
    a part of the caseload at a time). A part may bring clients with nothing listed: the screen's
    status of how many are shown tells that the part came."""
    shown = page.locator("p.week-shown")
    # The button right after that status, in whatever language the screen speaks.
    more = page.locator("p.week-shown + div.actions button")
    expect(shown).to_be_visible()
    while not done() and more.count() > 0:
        said = shown.inner_text()
        more.click()
        expect(shown).not_to_have_text(said)
