"""Finding the way on a phone: the client's four tabs and "More", and the
task player as a focused screen whose primary action is on the first screen."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, TaskFactory
from tests.e2e.pages import PlayerPage

DONE = re.compile(r"^Done — (next|finish)$")


def _ready_step(page: Page) -> None:
    """The step on screen has its photo drawn (or is compact): the layout is final."""
    page.wait_for_function(
        "() => { const img = document.querySelector('.step__photo img');"
        " return !img || (img.complete && img.naturalWidth > 0); }"
    )


def _done_box(page: Page) -> dict[str, float]:
    """Where "Done" is on the page (not the viewport), and the viewport's height."""
    box: dict[str, float] = page.get_by_role("button", name=DONE).evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return { top: r.top + scrollY, bottom: r.bottom + scrollY, height: innerHeight }; }"
    )
    return box


def test_the_primary_action_is_on_the_first_screen_of_every_step(
    org: Organisation, new_person: PersonFactory, make_task: TaskFactory
) -> None:
    # Upright phone photos (the tallest kind) and a sentence of two lines.
    task = make_task(
        title="Set the tables in the café",
        texts=(
            "Put a clean cloth on every table by the window.",
            "Put a glass and a napkin at each place.",
            "Put the salt and pepper in the middle.",
        ),
        mastered=(3,),
    )
    person = new_person(account=org.client, width=390, height=844)
    page = person.page
    player = PlayerPage(page).open(task.id)

    # A focused screen: no main navigation, one plain way back.
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_role("banner").get_by_role("link", name="Back to my tasks")).to_be_visible()

    for number in (1, 2, 3):
        player.expect_step(number, 3)
        _ready_step(page)
        box = _done_box(page)
        assert box["top"] >= 0 and box["bottom"] <= box["height"], (number, box)
        player.done()
    expect(player.finished()).to_be_visible()

    page.get_by_role("banner").get_by_role("link", name="Back to my tasks").click()
    expect(person.heading()).to_have_text("My tasks")


def test_the_primary_action_is_one_short_scroll_away_at_200_percent_text_on_320px(
    org: Organisation, new_person: PersonFactory, make_task: TaskFactory
) -> None:
    task = make_task(
        title="Set the tables in the café",
        texts=("Put a clean cloth on every table by the window.",),
    )
    # 320 × 720: the size the accessibility tier checks every screen at.
    person = new_person(account=org.client, width=320, height=720)
    page = person.page
    PlayerPage(page).open(task.id)
    # The same root font size the Settings screen sets for the largest text (all sizes in rem).
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    _ready_step(page)
    box = _done_box(page)
    assert box["top"] < 1.5 * box["height"], box
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_client_has_four_tabs_and_more_lists_the_rest(
    org: Organisation, new_person: PersonFactory
) -> None:
    person = new_person(account=org.client, width=390, height=844)
    page = person.page
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main")
    tabs = nav.get_by_role("link")
    expect(tabs).to_have_text(["Today", "Tasks", "Goals", "More"])
    expect(nav.get_by_role("link", name="Today")).to_have_attribute("aria-current", "page")
    for index in range(4):  # each an icon with its word
        expect(tabs.nth(index).locator("svg")).to_have_count(1)
        box = tabs.nth(index).bounding_box()
        assert box and box["height"] >= 48 and box["width"] >= 48, box
    # The tabs fit in one row at the top of a phone's screen.
    tops = {round(tabs.nth(i).bounding_box()["y"]) for i in range(4)}  # type: ignore[index]
    assert len(tops) == 1, tops

    nav.get_by_role("link", name="More").click()
    expect(person.heading()).to_have_text("More")
    expect(nav.get_by_role("link", name="More")).to_have_attribute("aria-current", "page")
    more = page.get_by_role("main").get_by_role("list", name="More").get_by_role("link")
    names = [
        "My shifts",
        "What we did together",
        "My journey",
        "About my workplace",
        "My support at work",
        "What I share at work",
        "My profile",
        "My job search",
        "Who sees what",
        "My agreements",
        "My reminders",
        "My data",
        "My passkeys",
        "Settings",
    ]
    expect(more).to_have_text([re.compile(f"^{name}") for name in names])
    # The language choice stays one tap away.
    page.get_by_role("link", name="Change the language").click()
    expect(page.get_by_role("button", name="Suomi")).to_be_in_viewport()

    more.filter(has_text="My data").click()
    expect(person.heading()).to_have_text("My data")
    expect(nav.get_by_role("link", name="More")).to_have_attribute("aria-current", "page")
    nav.get_by_role("link", name="Tasks").click()
    expect(person.heading()).to_have_text("My tasks")
    expect(nav.get_by_role("link", name="Tasks")).to_have_attribute("aria-current", "page")


def test_large_text_puts_the_tabs_in_two_rows_without_sideways_scrolling(
    org: Organisation, new_person: PersonFactory
) -> None:
    person = new_person(account=org.client, width=320, height=640)
    page = person.page
    page.goto("/")
    expect(person.heading()).to_be_visible()
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    tabs = page.get_by_role("navigation", name="Main").get_by_role("link")
    expect(tabs).to_have_count(4)
    for index in range(4):
        box = tabs.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_staff_keep_their_daily_work_in_the_header_and_the_rest_under_more(
    org: Organisation, new_person: PersonFactory
) -> None:
    """An administrator's header is their daily work and "More". On a narrow phone with large
    text the links fold behind a "Menu" button, and the screen keeps its first screen."""
    person = new_person(account=org.admin, width=320, height=640)
    page = person.page
    page.goto("/")
    expect(person.heading()).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    links = nav.get_by_role("link")
    expect(links).to_have_text(["Home", "Employers", "Results", "More"])
    menu = page.get_by_role("banner").get_by_role("button", name="Menu")
    expect(menu).to_be_hidden()  # 100 % text: the links fit in the header

    page.evaluate("document.documentElement.style.fontSize = '200%'")
    expect(menu).to_be_visible()
    expect(nav).to_be_hidden()
    header = page.get_by_role("banner").bounding_box()
    assert header and header["y"] + header["height"] <= 640 / 4, header
    expect(person.heading()).to_be_in_viewport()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(links).to_have_count(4)
    for index in range(4):  # one per row, whole, in the screen's width
        box = links.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, box
        assert box["height"] >= 44, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    links.filter(has_text="More").click()
    expect(person.heading()).to_have_text("More")
    expect(menu).to_have_attribute("aria-expanded", "false")  # folded again on the new screen
    page.evaluate("document.documentElement.style.fontSize = ''")

    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="More")).to_have_attribute("aria-current", "page")
    more = page.get_by_role("main").get_by_role("list", name="More").get_by_role("link")
    names = [
        "Team development",
        "Funder reports",
        "Fidelity reviews",
        "People",
        "Audit log",
        "Questions",
        "Agreement template",
        "My passkeys",
        "Settings",
    ]
    expect(more).to_have_text([re.compile(f"^{name}") for name in names])
    more.filter(has_text="People").click()
    expect(person.heading()).to_have_text("People")
    expect(nav.get_by_role("link", name="More")).to_have_attribute("aria-current", "page")


def test_a_screen_under_more_leads_back_to_more(
    org: Organisation, new_person: PersonFactory
) -> None:
    """A client opens these screens from "More": their way back says "More" and goes there. A
    client has no "Home" (their first tab is "Today"), and "Settings" is not where they came
    from."""
    person = new_person(account=org.client, width=390, height=844)
    page = person.page
    page.goto("/")
    for name in ("My shifts", "Who sees what", "My reminders", "My data"):
        person.nav(name)
        expect(person.heading()).to_have_text(name)
        main = page.get_by_role("main")
        expect(main.get_by_role("link", name=re.compile("^(Home|Settings)$"))).to_have_count(0)
        main.get_by_role("link", name="More", exact=True).click()
        expect(person.heading()).to_have_text("More")


WHOLE_WORDS = """card => {
  const broken = [];
  const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


def test_task_cards_keep_their_words_whole_at_200_percent_text_on_320px(
    fresh_client: Account, new_person: PersonFactory, make_task: TaskFactory
) -> None:
    """At the largest text on a small phone the card's words are not cut in two ("Emp-ty"):
    the text has the card's whole width and the arrow moves under it."""
    make_task(title="Empty the bins", texts=("Open the lid.",), voice=False, client=fresh_client)
    person = new_person(account=fresh_client, width=320, height=720)
    page = person.page
    for path in ("/tasks", "/"):  # alone, and inside the "My tasks" card of Today
        page.goto(path)
        card = page.get_by_role("link", name=re.compile("^Empty the bins"))
        expect(card).to_be_visible()
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert card.evaluate(WHOLE_WORDS) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_tabs_keep_their_words_whole_in_finnish(
    fresh_client: Account, new_person: PersonFactory
) -> None:
    """Finnish words are long ("Tavoitteet"): each tab is as wide as its word, and the tabs go
    into more rows rather than cut a word in two, on a 390 px and a 320 px phone and at 200 %."""
    person = new_person(account=fresh_client, width=390, height=844)
    page = person.page
    person.api("PATCH", "/api/me", {"locale": "fi"})
    page.goto("/")
    nav = page.get_by_role("navigation", name="Päävalikko")
    expect(nav.get_by_role("link")).to_have_text(["Tänään", "Tehtävät", "Tavoitteet", "Lisää"])
    for width, height, size in ((390, 844, "100%"), (320, 720, "100%"), (320, 720, "200%")):
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
        assert nav.evaluate(WHOLE_WORDS) == [], (width, size)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, size)
