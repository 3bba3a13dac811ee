"""The activity log in the browser: the coach logs a visit from a client's shift in one tap from
the day recap, an activity without signal (kept on the phone, sent once when the signal is
back) and a phone call that did not reach anyone; the client reads them in their own words under
"What we did together", and a restricted one only as a count."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import SyncStatus

ZONE = "Europe/Helsinki"


def logged_for(server: Server, client_id: str) -> list[tuple[str, str, int]]:
    """(mode, with whom, made) of the client's activities, as stored."""
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        return db.execute(
            "SELECT a.mode, a.with_whom, a.made FROM activities AS a"
            " JOIN activity_clients AS l ON l.activity = a.id WHERE l.client = ?"
            " ORDER BY a.occurred_at",
            (client_id,),
        ).fetchall()


class ActivityForm:
    """ "Log an activity": with whom, how, made or tried, what about; saved on the phone first."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def fill(
        self, *, whom: str, name: str = "", how: str, tried: bool, about: str, note: str
    ) -> None:
        page = self.page
        page.get_by_label("With whom").select_option(label=whom)
        if name:
            page.get_by_label("Their name or role").fill(name)
        page.get_by_role("group", name="How").get_by_label(how, exact=True).check()
        answer = "I tried, but did not reach them" if tried else "Yes, we met or talked"
        page.get_by_label(answer).check()
        page.get_by_label("How many minutes").fill("20")
        page.get_by_role("group", name="What was it about?").get_by_label(about).check()
        page.get_by_label("A short note").fill(note)

    def save(self) -> None:
        self.page.get_by_role("button", name="Save the activity").click()


def test_visit_offline_activity_and_call_logged_and_the_client_reads_them(
    org: Organisation, fresh_client: Account, new_person: PersonFactory, server: Server
) -> None:
    today = datetime.now(ZoneInfo(ZONE)).date().isoformat()
    coach = new_person(account=org.coach, timezone=ZONE)
    page = coach.page
    # Set-up: a shift of the client's today, from midnight (so its start has passed).
    coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/shifts",
        {
            "localId": "0b9a6c3e-6f0e-4d7a-9a51-" + fresh_client.id[-12:],
            "workplace": "Hotel Aurora",
            "zone": ZONE,
            "startsAt": "00:00",
            "endsAt": "00:30",
            "repeat": "once",
            "date": today,
        },
    )

    # The day recap, from the coach's home: the shift has no visit; one tap logs it.
    page.goto("/")
    page.get_by_role("link", name="My day").click()
    expect(coach.heading()).to_have_text("My day")
    missing = page.get_by_role("list", name="Shifts with no visit written down")
    shift = missing.get_by_role("listitem").filter(has_text=fresh_client.name)
    expect(shift).to_contain_text("Hotel Aurora")
    shift.get_by_role("button", name=re.compile("^I was there")).click()
    expect(page.get_by_role("status").filter(has_text="written down")).to_be_visible()
    assert logged_for(server, fresh_client.id) == [("workplace", "client", 1)]
    page.reload()
    expect(page.get_by_role("list", name="What I wrote down")).to_contain_text("Training at work")
    expect(
        page.get_by_role("list", name="Shifts with no visit written down").filter(
            has_text=fresh_client.name
        )
    ).to_have_count(0)

    # Without signal: the activity is kept on the phone, and sent once when the signal is back.
    page.goto(f"/clients/{fresh_client.id}/activities")
    expect(coach.heading()).to_have_text("Activity log")
    page.get_by_role("link", name="Log an activity").first.click()
    expect(coach.heading()).to_have_text("Log an activity")
    sync = SyncStatus(page)
    coach.context.set_offline(True)
    form = ActivityForm(page)
    form.fill(
        whom="With family",
        name="Mother",
        how="Face to face somewhere else",
        tried=False,
        about="Family",
        note="Talked about the bus to work",
    )
    form.save()
    expect(page.get_by_text("The activity is kept on this phone.")).to_be_visible()
    sync.expect("1 change waiting to send")
    assert len(logged_for(server, fresh_client.id)) == 1
    coach.context.set_offline(False)
    sync.expect("All saved")
    assert logged_for(server, fresh_client.id)[-1] == ("elsewhere", "family", 1)

    # A phone call that did not reach the supervisor.
    page.goto(f"/clients/{fresh_client.id}/activities/new")
    form.fill(
        whom="With the employer",
        name="Sanna, supervisor",
        how="Phone call",
        tried=True,
        about="Contact with an employer",
        note="No answer, will call again",
    )
    form.save()
    expect(page.get_by_text("The activity is written down.")).to_be_visible()
    assert len(logged_for(server, fresh_client.id)) == 3
    # Set-up: one told in confidence, kept from the client.
    coach.api(
        "POST",
        "/api/activities",
        {
            "localId": "5d0f1e2a-3b4c-4d5e-8f60-" + fresh_client.id[-12:],
            "clientIds": [fresh_client.id],
            "withWhom": "coworker",
            "withName": "Pekka",
            "mode": "phone",
            "occurredAt": datetime.now(ZoneInfo(ZONE)).isoformat(),
            "purposes": ["follow_along"],
            "note": "Worried about the night shifts",
            "restricted": True,
            "restrictedReason": "Pekka asked us to keep it between us",
        },
    )
    page.goto(f"/clients/{fresh_client.id}/activities")
    coach_log = page.get_by_role("list", name="Activity log")
    expect(coach_log.get_by_role("listitem")).to_have_count(4)
    expect(coach_log).to_contain_text("Kept from the client: Pekka asked us to keep it between us")

    # The client, on their phone: what we did together, in their words; the restricted one
    # only counted.
    client = new_person(account=fresh_client, width=390, height=844, timezone=ZONE)
    cp = client.page
    cp.goto("/")
    client.nav("What we did together")
    expect(client.heading()).to_have_text("What we did together")
    mine = cp.get_by_role("list", name="What we did together")
    expect(mine.get_by_role("listitem")).to_have_count(3)
    expect(mine).to_contain_text("With you")
    expect(mine).to_contain_text("Face to face at the workplace · 30 minutes")
    expect(mine).to_contain_text("With family: Mother")
    expect(mine).to_contain_text("Phone call · Tried, but did not reach anyone")
    expect(
        cp.get_by_text("1 note is kept restricted because someone asked for confidence.")
    ).to_be_visible()
    expect(cp.get_by_text("Worried about the night shifts")).to_have_count(0)


def test_the_employer_and_the_person_there_are_chosen_from_the_register(
    org: Organisation, fresh_client: Account, new_person: PersonFactory, server: Server
) -> None:
    coach = new_person(account=org.coach, timezone=ZONE)
    page = coach.page
    # Set-up: two employers in the register; the client works at the second one made.
    coach.api("POST", "/api/employers", {"localId": str(uuid.uuid4()), "name": "Aalto Bakery"})
    works_at = coach.api(
        "POST", "/api/employers", {"localId": str(uuid.uuid4()), "name": "Hotel Boreal"}
    )
    coach.api(
        "POST",
        f"/api/employers/{works_at['id']}/people",
        {"localId": str(uuid.uuid4()), "name": "Sanna Virtanen", "role": "supervisor"},
    )
    coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/jobs",
        {
            "localId": str(uuid.uuid4()),
            "employerId": works_at["id"],
            "title": "Room attendant",
            "startDate": "2026-11-02",
        },
    )

    page.goto(f"/clients/{fresh_client.id}/activities/new")
    expect(coach.heading()).to_have_text("Log an activity")
    page.get_by_label("With whom").select_option(label="With the employer")
    employer = page.get_by_label("At which employer")
    # The client's workplace comes first, before the rest of the register.
    expect(employer.locator("optgroup").first).to_have_attribute("label", "Where the client works")
    expect(employer.locator("optgroup").first.locator("option")).to_have_text(["Hotel Boreal"])
    expect(employer.locator("optgroup").nth(1)).to_contain_text("Aalto Bakery")
    employer.select_option(label="Hotel Boreal")
    page.get_by_label("Who there").select_option(label="Sanna Virtanen, supervisor")
    expect(page.get_by_label("Their name or role")).to_have_count(0)
    form = ActivityForm(page)
    form.fill(
        whom="With the employer",
        how="Face to face at the workplace",
        tried=False,
        about="Contact with an employer",
        note="Agreed on the training plan",
    )
    form.save()
    expect(page.get_by_text("The activity is written down.")).to_be_visible()
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        stored = db.execute(
            "SELECT a.with_name, a.employer, a.employer_person IS NOT NULL FROM activities AS a"
            " JOIN activity_clients AS l ON l.activity = a.id WHERE l.client = ?",
            (fresh_client.id,),
        ).fetchall()
    assert [(name, str(e), has_person) for name, e, has_person in stored] == [
        ("Sanna Virtanen", works_at["id"], 1)
    ]
