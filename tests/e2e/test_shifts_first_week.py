"""Shifts as a new organisation met them: the client's own shifts are two weeks of
dates, read-only, with days off said; an end before the start is refused next to the field
unless the shift ends the next day; the coach's week names the zone of a shift whose clocks
differ from the coach's; a family member with "My work times" sees the next shifts, in their
own language, the workplace only when the client shares it too."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory
from tests.e2e.pages import ClientRecord, Person, page_through_week
from tests.e2e.test_family import Family, SharingPage
from tests.e2e.test_family import family as family  # the fixture, for the last test

HELSINKI = "Europe/Helsinki"


def _plain(text: str) -> re.Pattern[str]:
    """The text as the screen shows it: times and names may sit in Unicode bidi isolates."""
    return re.compile("[\u2068\u2069]*".join(re.escape(c) for c in text))


def _today() -> date:
    return datetime.now(ZoneInfo(HELSINKI)).date()


def _date_in_words(page: Page, day: date) -> str:
    """A date as the app writes it: Intl in the page's language with the browser's region
    ("Wednesday 9 December" in en-GB, "keskiviikko 9. joulukuuta" in Finnish)."""
    return str(
        page.evaluate(
            """(day) => {
              const lang = document.documentElement.lang;
              const tag = navigator.languages.find((t) => t.split('-')[0] === lang) ?? lang;
              return new Intl.DateTimeFormat(tag, {timeZone: 'UTC', weekday: 'long',
                day: 'numeric', month: 'long'}).format(Date.parse(day + 'T00:00:00Z'));
            }""",
            day.isoformat(),
        )
    )


def _shift(coach: Person, client: Account, **extra: Any) -> dict[str, Any]:
    body = {
        "localId": str(uuid.uuid4()),
        "workplace": "Hotel Aurora",
        "zone": HELSINKI,
        "startsAt": "08:00",
        "endsAt": "12:00",
        "repeat": "once",
        "date": (_today() + timedelta(days=1)).isoformat(),
        **extra,
    }
    return dict(coach.api("POST", f"/api/clients/{client.id}/shifts", body))


class MyShiftsPage:
    """The client's "My shifts": the next two weeks, one row per day."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> MyShiftsPage:
        self.page.goto("/shifts")
        expect(self.page.get_by_role("heading", level=1)).to_have_text("My shifts")
        return self

    def days(self) -> Locator:
        return self.page.get_by_role("list", name="The next two weeks").get_by_role("listitem")

    def day(self, day: date) -> Locator:
        return self.days().filter(has_text=_date_in_words(self.page, day))


def test_the_client_sees_two_weeks_of_dates_read_only_with_days_off(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach)
    weekly = _shift(
        coach,
        fresh_client,
        repeat="weekly",
        date=None,
        weekdays=[(_today() + timedelta(days=1)).isoweekday()],
        startsAt="22:00",
        endsAt="06:00",
        endsNextDay=True,
        workplace="Night bakery",
    )
    tomorrow, in_a_week = _today() + timedelta(days=1), _today() + timedelta(days=8)
    coach.api(
        "POST",
        f"/api/shifts/{weekly['id']}/exceptions",
        {"date": in_a_week.isoformat(), "reason": "holiday", "note": ""},
    )

    client = new_person(account=fresh_client, width=390, height=844, timezone=HELSINKI)
    shifts = MyShiftsPage(client.page).open()
    expect(shifts.days()).to_have_count(14)
    expect(shifts.days().first).to_contain_text(f"Today, {_date_in_words(client.page, _today())}")
    expect(shifts.days().first).to_contain_text("No work")
    expect(shifts.day(tomorrow)).to_contain_text(
        f"Tomorrow, {_date_in_words(client.page, tomorrow)}"
    )
    expect(shifts.day(tomorrow)).to_contain_text(
        _plain("22:00–6:00 (ends the next day) at Night bakery")
    )
    expect(shifts.day(in_a_week)).to_contain_text("No work: holiday")
    expect(shifts.day(_today() + timedelta(days=2))).to_contain_text("No work")
    # Read-only: the way to a change is the coach; no staff controls, no zones.
    expect(client.page.get_by_text("Does a shift need to change? Ask your coach.")).to_be_visible()
    main = client.page.get_by_role("main")
    expect(
        main.get_by_role("button", name=re.compile("Remove|Change|Not this day|Save"))
    ).to_have_count(0)
    expect(main.get_by_role("heading", name="Add a shift")).to_have_count(0)
    expect(main.get_by_role("combobox")).to_have_count(0)
    expect(main.get_by_role("textbox")).to_have_count(0)
    expect(main).not_to_contain_text("Time zone")


def test_an_end_before_the_start_is_said_next_to_the_field_unless_it_ends_the_next_day(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, timezone=HELSINKI)
    page = coach.page
    ClientRecord(page).open(fresh_client.id).topic("shifts")
    shifts = page.get_by_role("region", name="Shifts")
    expect(shifts.get_by_text("No shifts yet.")).to_be_visible()
    shifts.get_by_role("button", name="Add a shift").click()
    shifts.get_by_label("Workplace", exact=True).fill("Hotel Aurora")
    shifts.get_by_role("radio", name=re.compile("^Only once")).check()
    shifts.get_by_label("Day", exact=True).fill((_today() + timedelta(days=3)).isoformat())
    shifts.get_by_label("Starts at").fill("16:00")
    shifts.get_by_label("Ends at").fill("15:00")
    shifts.get_by_label("Time zone of the workplace").select_option(HELSINKI)
    shifts.get_by_role("button", name="Save the shift").click()

    expect(shifts.get_by_role("alert")).to_contain_text("Please check the form.")
    expect(shifts.get_by_label("Ends at")).to_have_accessible_description(
        re.compile("The shift cannot end before it starts. If it ends after midnight, tick")
    )
    expect(shifts.get_by_label("Ends at")).to_have_attribute("aria-invalid", "true")
    expect(shifts.get_by_text("No shifts yet.")).to_be_visible()  # nothing was saved

    # Said on purpose: kept, and listed as ending the next day.
    shifts.get_by_role("checkbox", name="Ends the next day").check()
    shifts.get_by_role("button", name="Save the shift").click()
    expect(
        page.get_by_role("status").filter(has_text="The shift at Hotel Aurora is saved.")
    ).to_be_visible()
    listed = shifts.get_by_role("list", name="Shifts").get_by_role("listitem").first
    expect(listed).to_contain_text(_plain("16:00–15:00 (ends the next day)"))


def test_the_add_a_shift_form_opens_only_when_the_coach_asks_for_it(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, width=390, height=844, timezone=HELSINKI)
    page = coach.page
    _shift(coach, fresh_client, repeat="weekly", weekdays=[1, 3], date=None)
    main = ClientRecord(page).open(fresh_client.id).topic("shifts")
    shifts = main.get_by_role("region", name="Shifts")
    expect(shifts.get_by_role("list", name="Shifts").get_by_role("listitem")).to_have_count(1)
    # The list first; the form is one button away, not a screen and a half of empty fields.
    expect(shifts.get_by_label("Workplace", exact=True)).to_have_count(0)
    expect(shifts.get_by_role("heading", name="Add a shift")).to_have_count(0)
    add = shifts.get_by_role("button", name="Add a shift")
    expect(add).to_be_in_viewport()

    add.click()
    expect(shifts.get_by_role("heading", name="Add a shift")).to_be_visible()
    expect(shifts.get_by_label("Workplace", exact=True)).to_be_focused()
    shifts.get_by_role("button", name="Cancel", exact=True).click()
    expect(shifts.get_by_label("Workplace", exact=True)).to_have_count(0)
    expect(add).to_be_focused()

    # Saved: the form closes, the new shift is listed and the note says so.
    add.click()
    shifts.get_by_label("Workplace", exact=True).fill("Library")
    shifts.get_by_role("radio", name=re.compile("^Only once")).check()
    shifts.get_by_label("Day", exact=True).fill((_today() + timedelta(days=2)).isoformat())
    shifts.get_by_label("Starts at").fill("09:00")
    shifts.get_by_label("Ends at").fill("13:00")
    shifts.get_by_label("Time zone of the workplace").select_option(HELSINKI)
    shifts.get_by_role("button", name="Save the shift").click()
    expect(
        page.get_by_role("status").filter(has_text="The shift at Library is saved.")
    ).to_be_visible()
    expect(shifts.get_by_role("list", name="Shifts").get_by_role("listitem")).to_have_count(2)
    expect(shifts.get_by_label("Workplace", exact=True)).to_have_count(0)
    expect(add).to_be_focused()


def test_the_coachs_week_names_the_zone_of_a_shift_on_other_clocks(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, timezone="Europe/Warsaw")
    day = _today() + timedelta(days=1)
    _shift(coach, fresh_client, workplace="Helsinki harbour", startsAt="09:00", endsAt="13:00")
    _shift(
        coach,
        fresh_client,
        workplace="Warsaw office",
        zone="Europe/Warsaw",
        startsAt="14:00",
        endsAt="16:00",
    )
    page = coach.page
    page.goto(f"/week?start={day.isoformat()}")
    region = page.get_by_role("region", name=re.compile(rf"^{_date_in_words(page, day)}$"))
    rows = region.get_by_role("link", name=re.compile(fresh_client.name))
    # The week comes a part of the caseload at a time; the session's coach has many clients.
    page_through_week(page, lambda: rows.count() == 2)
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Helsinki harbour")).to_contain_text(
        _plain("9:00–13:00 (Eastern European Time) at Helsinki harbour")
    )
    # On the coach's own clocks: no zone to name.
    expect(rows.filter(has_text="Warsaw office")).to_contain_text(
        _plain("14:00–16:00 at Warsaw office")
    )
    expect(rows.filter(has_text="Warsaw office")).not_to_contain_text("(")


class FinnishFeed:
    """The family member's home, in Finnish (the browser's language)."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> FinnishFeed:
        self.page.goto("/")
        expect(self.page.get_by_role("heading", level=1)).to_have_text(re.compile("^Hei, "))
        expect(self.page.locator(".loading")).to_have_count(0)
        return self


def test_a_family_member_sees_the_next_shift_in_their_language(
    family: Family,
    org: Organisation,
    new_person: PersonFactory,
) -> None:
    coach = new_person(account=org.coach)
    tomorrow = _today() + timedelta(days=1)
    _shift(coach, family.client)
    member = new_person(
        account=family.member, width=390, height=844, timezone=HELSINKI, locale="fi-FI"
    )
    feed = FinnishFeed(member.page).open()
    expect(member.page.get_by_role("region", name="Seuraavat työvuorot")).to_have_count(0)

    # The client turns on "My work times" for the family member.
    client = new_person(account=family.client, width=390, height=844)
    sharing = SharingPage(client.page).open()
    switch = sharing.switch(family.member.name, family.relation, "My work times")
    switch.check()
    expect(switch).to_be_checked()

    feed.open()
    shifts = member.page.get_by_role("region", name="Seuraavat työvuorot")
    # Whose work times they are, also when the member follows one client only.
    expect(shifts.get_by_text(f"Työajat: {family.client.name}", exact=True)).to_be_visible()
    expect(shifts).to_contain_text(f"Huomenna, {_date_in_words(member.page, tomorrow)}")
    expect(shifts).to_contain_text(_plain("8.00–12.00"))
    expect(shifts).not_to_contain_text("Hotel Aurora")  # the workplace is a choice of its own

    sharing.switch(family.member.name, family.relation, "My workplace").check()
    expect(sharing.switch(family.member.name, family.relation, "My workplace")).to_be_checked()
    feed.open()
    expect(shifts).to_contain_text(_plain("Klo 8.00–12.00, Hotel Aurora"))

    # Withdrawn: gone at the next look.
    switch.uncheck()
    expect(switch).not_to_be_checked()
    feed.open()
    expect(member.page.get_by_role("region", name="Seuraavat työvuorot")).to_have_count(0)
