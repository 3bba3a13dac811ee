"""The monthly structured conversation (PTA) in the browser: the coach goes through the
ten sections in Finnish with the client, answers are saved as they go (the form resumes after a
reload), the conversation ends by proposing a goal that the client then finds on the phone; a
second conversation is compared with the first; and the form works in Hebrew (RTL) — axe on it."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server, invite_and_enroll
from tests.e2e.test_accessibility import AXE, _check

GOOD = "Hyvin"  # the face the client chooses (goals.mood.good in Finnish)
FINNISH_SECTIONS = [
    ("Perehdytys", "Tiedätkö, mitä tehtäviisi töissä kuuluu?"),
    ("Mennyt jakso ja tehtävistä suoriutuminen", None),
    ("Seuraavan jakson keskeiset tavoitteet", None),
    ("Osaamisen arviointi", None),
    ("Valmennusprosessin toimivuus", None),
    ("Mikä auttaa ja mikä estää", None),
    ("Yhteistyö tiimissä ja verkostossa", None),
    ("Yhteinen arvio vuorovaikutuksestamme", None),
    ("Tulevaisuuden osaamistarpeet ja tavoitteet", None),
    ("Työhyvinvointi sekä työ- ja toimintakyky", "Miltä sinusta tuntuu töissä?"),
]


@dataclass
class Pair:
    coach: Account
    client: Account


@pytest.fixture
def pair(browser: Browser, server: Server, org: Organisation) -> Pair:
    """A coach of their own (the test changes the coach's language) and a client of theirs."""
    suffix = uuid.uuid4().hex[:4]
    coach = invite_and_enroll(
        browser, server, org.admin, "coach", f"Aino {suffix}", teamId=org.team_id
    )
    client = invite_and_enroll(browser, server, coach, "client", f"Eero {suffix}", coachId=coach.id)
    return Pair(coach, client)


def choose_language(page: Page, name: str, code: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_a_monthly_conversation_in_finnish_proposes_a_goal_the_client_starts(
    pair: Pair, new_person: PersonFactory
) -> None:
    coach = new_person(account=pair.coach)
    page = coach.page
    page.goto("/")
    in_list = page.get_by_role("link", name=re.compile(f"^{pair.client.name}"))
    expect(in_list).to_contain_text("monthly conversation due")
    in_list.click()
    talk = page.get_by_role("region", name="Monthly conversation")
    expect(talk).to_contain_text("A monthly conversation is due.")
    expect(talk).to_contain_text("No conversation yet.")

    choose_language(page, "Suomi", "fi")
    page.get_by_role("link", name="Avaa keskustelut").click()
    expect(coach.heading()).to_have_text(f"Kuukausikeskustelut: {pair.client.name}")
    expect(page.get_by_text("Kuukausikeskustelu on ajankohtainen.")).to_be_visible()
    page.get_by_role("button", name="Aloita kuukausikeskustelu").click()
    expect(coach.heading()).to_have_text(re.compile(r"^Kuukausikeskustelu "))

    for number, (title, question) in enumerate(FINNISH_SECTIONS, start=1):
        expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(
            f"Osa {number}/10: {title}"
        )
        box = page.get_by_label(question) if question else page.get_by_role("textbox").first
        if number == 10:
            # The client chooses how they have felt at work this month: saved at once.
            mood = page.get_by_role("group", name="Miltä sinusta on tuntunut töissä tässä kuussa?")
            face = mood.get_by_role("button", name=GOOD, exact=True)
            with page.expect_response(lambda r: r.url.endswith("/answers") and r.ok):
                face.click()
            expect(face).to_have_attribute("aria-pressed", "true")
        box.fill("Hyvin, mutta väsyttää aamuisin." if number == 10 else f"Vastaus osaan {number}.")
        page.get_by_role("button", name="Tallenna ja jatka").click()
        if number == 3:
            # Saved as it goes: a reload resumes where the coach was, answers kept.
            expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(
                re.compile(r"^Osa 4/10")
            )
            page.reload()
            expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(
                re.compile(r"^Osa 4/10")
            )
            page.get_by_role("button", name="Edellinen osa").click()
            expect(page.get_by_role("textbox").first).to_have_value("Vastaus osaan 3.")
            page.get_by_role("button", name="Tallenna ja jatka").click()

    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(
        "Seuraavan jakson tavoitteet"
    )
    page.get_by_label("Tavoite", exact=True).fill("Pyydä apua, kun kärry on täynnä")
    page.get_by_label("Keino 1", exact=True).fill("Sano: voitko auttaa?")
    # What reaching the goal looks like, in the client's words (Goal Attainment Scaling).
    page.get_by_label("Niin kuin odotettiin (0): miltä tavoitteen saavuttaminen näyttää").fill(
        "Pyydän apua joka kerta, kun kärry on täynnä."
    )
    page.get_by_role("button", name="Päätä keskustelu").click()
    expect(page.get_by_text("Tämä keskustelu on päättynyt. Tässä ovat vastaukset.")).to_be_visible()
    wellbeing = page.get_by_role("region", name="Työhyvinvointi sekä työ- ja toimintakyky")
    expect(wellbeing).to_contain_text("Hyvin, mutta väsyttää aamuisin.")
    expect(wellbeing).to_contain_text(
        re.compile(rf"Miltä sinusta on tuntunut töissä tässä kuussa\?\W*{GOOD}")
    )
    proposed = page.get_by_role("list", name="Seuraavalle jaksolle ehdotetut tavoitteet")
    expect(proposed).to_contain_text("Pyydä apua, kun kärry on täynnä")

    page.get_by_role("link", name="Takaisin keskusteluihin").click()
    expect(page.get_by_text("Kuukausikeskustelu on ajankohtainen.")).to_have_count(0)
    expect(page.get_by_role("list", name="Keskustelut")).to_contain_text("10 vastausta")
    with page.expect_response(lambda response: response.url.endswith("/api/week")):
        page.goto("/")
    expect(in_list).to_be_visible()
    expect(in_list).not_to_contain_text("kuukausikeskustelu ajankohtainen")

    # The client finds the proposed goal on the phone and starts it.
    client = new_person(account=pair.client, width=390, height=844)
    cp = client.page
    cp.goto("/goals")
    link = cp.get_by_role("list", name="My goals").get_by_role(
        "link", name=re.compile("^Pyydä apua, kun kärry on täynnä")
    )
    expect(link).to_contain_text("Proposed: not started yet")
    link.click()
    expect(cp.get_by_role("list", name="How I will do it")).to_contain_text("Sano: voitko auttaa?")
    cp.get_by_role("button", name="Start this goal").click()
    expect(cp.get_by_role("region", name="How is it going?")).to_be_visible()


def test_a_second_conversation_in_hebrew_compared_with_the_first(
    pair: Pair, new_person: PersonFactory
) -> None:
    coach = new_person(account=pair.coach, width=320, height=720, bypass_csp=True)
    # The first conversation, recorded earlier (set-up through the API).
    first = coach.api(
        "POST",
        f"/api/clients/{pair.client.id}/conversations",
        {"localId": str(uuid.uuid4()), "locale": "en"},
    )
    coach.api(
        "PUT",
        f"/api/conversations/{first['id']}/answers",
        {"answers": [{"questionKey": "wellbeing.feeling", "answer": "Tired in the mornings."}]},
    )
    coach.api("POST", f"/api/conversations/{first['id']}/end", {"goals": []})

    page = coach.page
    page.goto(f"/clients/{pair.client.id}/conversations")
    choose_language(page, "עברית", "he")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.get_by_role("button", name="להתחיל את השיחה החודשית").click()
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(
        "חלק 1 מתוך 10: קליטה בעבודה"
    )
    page.add_script_tag(path=AXE)
    problems = _check(page, "pta form [he]")
    page.get_by_label("האם ידוע לך מה המשימות שלך בעבודה?").fill("כן, אני מקפל מגבות.")
    page.get_by_role("button", name="לשמור ולהמשיך").click()
    for number in range(2, 10):
        expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(
            re.compile(rf"^חלק {number} מתוך 10")
        )
        page.get_by_role("button", name="לשמור ולהמשיך").click()
    page.get_by_label("איך ההרגשה בעבודה?").fill("טוב מאוד, יש לי יותר כוח.")
    page.get_by_role("button", name="לשמור ולהמשיך").click()
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(
        "מטרות לתקופה הבאה"
    )
    problems += _check(page, "pta goals step [he]")

    # Beside the previous conversation, section by section.
    page.get_by_role("link", name="להשוות לשיחה הקודמת").click()
    expect(coach.heading()).to_have_text("השוואה לשיחה הקודמת")
    wellbeing = page.get_by_role("region", name="רווחה ויכולת עבודה")
    row = wellbeing.locator(".compare-row").filter(has_text="איך ההרגשה בעבודה?")
    expect(row.locator("div").filter(has_text="קודם")).to_contain_text("Tired in the mornings.")
    expect(row.locator("div").filter(has_text="הפעם")).to_contain_text("טוב מאוד, יש לי יותר כוח.")
    onboarding = page.get_by_role("region", name="קליטה בעבודה")
    expect(onboarding.locator(".compare-row").first).to_contain_text("אין תשובה")
    problems += _check(page, "pta compare [he]")
    assert not problems, "\n".join(problems)


def test_an_administrator_translates_a_question_in_a_new_version(
    org: Organisation, pair: Pair, new_person: PersonFactory
) -> None:
    admin = new_person(account=org.admin)
    page = admin.page
    page.goto("/")
    admin.nav("Questions")
    expect(admin.heading()).to_have_text("Questions of the monthly conversation")
    versions = page.get_by_role("region", name="Versions")
    expect(versions).to_contain_text("Version 1")  # loaded: the button shows only then
    make = page.get_by_role("button", name="Make a new version to edit")
    if make.is_visible():
        make.click()
    expect(versions).to_contain_text("draft, not in use yet")
    page.get_by_label("Language to edit").select_option(label="Polski")
    section = page.get_by_role("group", name="Section 1", exact=True)
    question = section.get_by_label("Question 1", exact=True)
    expect(question).to_have_value("Czy wiesz, jakie są Twoje zadania w pracy?")
    expect(section.get_by_text("Do you know what your tasks at work are?")).to_be_visible()
    question.fill("Czy znasz swoje zadania w pracy?")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("status").filter(has_text="The draft is saved.")).to_be_visible()
    page.get_by_role("button", name="Save and start using it").click()
    expect(versions).not_to_contain_text("draft, not in use yet")

    # A conversation started now asks the new wording; the other languages are unchanged.
    coach = new_person(account=pair.coach)
    started = coach.api(
        "POST",
        f"/api/clients/{pair.client.id}/conversations",
        {"localId": str(uuid.uuid4()), "locale": "pl"},
    )
    texts = started["sections"][0]["questions"][0]["texts"]
    assert texts["pl"] == "Czy znasz swoje zadania w pracy?"
    assert texts["fi"] == "Tiedätkö, mitä tehtäviisi töissä kuuluu?"
