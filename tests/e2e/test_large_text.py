"""Words stay readable at 320 px with 200 % text (WCAG 1.4.4, 1.4.10): a control or an icon
beside the words moves above them when the row gets too narrow, rather than squeezing the
words into a column two or three letters wide. Measured, because axe and the sideways-scroll
check both pass a page whose words are one syllable per line."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory
from tests.e2e.pages import page_through_week
from tests.e2e.test_family import Family, SharingPage
from tests.e2e.test_family import family as family  # the fixture

# The narrowest a line of words may be, in widths of the letter "m" of its own text: about
# ten letters, a few short words.
MIN_EM = 5

NARROWEST_JS = """
(selector) => [...document.querySelectorAll(selector)].map((element) => {
  const style = getComputedStyle(element);
  const width = element.getBoundingClientRect().width
    - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
  return [width / parseFloat(style.fontSize), element.textContent.trim().slice(0, 40)];
})
"""


def _large_text(page: Page) -> None:
    page.evaluate("document.documentElement.style.fontSize = '200%'")


def _too_narrow(page: Page, selector: str) -> list[str]:
    measured = page.evaluate(NARROWEST_JS, selector)
    assert measured, f"nothing matches {selector}"
    return [f"{text!r}: {ems:.1f} em" for ems, text in measured if ems < MIN_EM]


def test_consent_switches_and_notices_keep_their_words_readable_at_200_percent(
    org: Organisation, family: Family, new_person: PersonFactory
) -> None:
    member, relation = family.member.name, family.relation
    # The client's own "Who sees what".
    client = new_person(account=family.client, width=320, height=720)
    sharing = SharingPage(client.page).open()
    expect(sharing.switch(member, relation, "News and photos")).to_be_attached()
    _large_text(client.page)
    assert not _too_narrow(client.page, ".switch__label, .switch__text")

    # The coach helping the client choose, a card deeper, under a notice that says so.
    coach = new_person(account=org.coach, width=320, height=720)
    coach.page.goto(f"/clients/{family.client.id}/family")
    expect(
        coach.page.get_by_role("switch", name="News and photos", exact=True).first
    ).to_be_attached()
    _large_text(coach.page)
    assert not _too_narrow(coach.page, ".switch__label, .switch__text, .notice__body")


# Cells whose box is narrower than their longest word: the word was cut into pieces.
BROKEN_WORDS_JS = """
(selector) => [...document.querySelectorAll(selector)].flatMap((cell) => {
  const probe = document.createElement('span');
  probe.style.whiteSpace = 'nowrap';
  probe.style.position = 'absolute';
  cell.append(probe);
  const broken = cell.textContent.trim().split(/\\s+/).filter((word) => {
    probe.textContent = word;
    return probe.getBoundingClientRect().width > cell.clientWidth + 0.5;
  });
  probe.remove();
  return broken;
})
"""

# Labels drawn outside the chart's own box, cut off by the screen's edge.
LABELS_OUTSIDE_JS = """
() => {
  const chart = document.querySelector('.gas-chart').getBoundingClientRect();
  return [...document.querySelectorAll('.gas-chart text')]
    .filter((label) => {
      const box = label.getBoundingClientRect();
      return box.left < chart.left - 0.5 || box.right > chart.right + 0.5;
    })
    .map((label) => label.textContent);
}
"""


def test_the_gas_chart_and_its_table_keep_words_whole_in_hebrew_and_at_200_percent(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, locale="he-IL", width=390, height=844)
    today = date.fromisoformat(coach.page.evaluate("new Date().toLocaleDateString('sv')"))
    coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/goals",
        {
            "localId": str(uuid.uuid4()),
            "title": "Take a break at 9:00",
            "means": ["Set the alarm"],
            "startsOn": (today - timedelta(days=2)).isoformat(),
            "endsOn": (today + timedelta(days=12)).isoformat(),
            "levels": {"expected": "I take my break at 9:00 every day."},
        },
    )
    page = coach.page
    page.goto(f"/clients/{fresh_client.id}/goals")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(2)
    # The chart's labels ("50", the month) stay inside it, also right to left.
    assert page.evaluate(LABELS_OUTSIDE_JS) == []
    assert page.evaluate(BROKEN_WORDS_JS, ".gas-chart ~ * th, .gas-chart ~ * td") == []

    # 320 px and 200 % text: a table too wide scrolls inside its own region, which a
    # keyboard can reach; its words stay whole.
    page.set_viewport_size({"width": 320, "height": 720})
    _large_text(page)
    assert page.evaluate(BROKEN_WORDS_JS, ".gas-chart ~ * th, .gas-chart ~ * td") == []
    # The scrolling group is named by the table's caption ("GAS T-score per month").
    caption = table.locator("caption").inner_text()
    expect(page.get_by_role("group", name=caption, exact=True)).to_have_attribute("tabindex", "0")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_a_list_in_a_card_gives_its_arrow_to_the_words_at_200_percent(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    """The coach's week lists shifts inside a card: at 320 px with 200 % text the arrow beside
    each row left a column too narrow for a name ("Mäkine|n" in the demo)."""
    zone = "Europe/Helsinki"
    coach = new_person(account=org.coach, width=320, height=720, timezone=zone)
    today = coach.page.evaluate("new Date().toLocaleDateString('sv')")
    coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/shifts",
        {
            "localId": str(uuid.uuid4()),
            "workplace": "Supermarket Kallio",
            "zone": zone,
            "startsAt": "09:00",
            "endsAt": "13:00",
            "repeat": "once",
            "date": today,
        },
    )
    page = coach.page
    page.goto("/week")
    card = '[aria-labelledby="week-shifts-title"]'
    row = page.locator(f"{card} .link-list__item").filter(has_text=fresh_client.name)
    page_through_week(page, lambda: row.count() > 0)
    expect(row.first).to_contain_text("Supermarket Kallio")
    _large_text(page)
    names = f"{card} .link-list__title, {card} .link-list__detail"
    assert page.evaluate(BROKEN_WORDS_JS, names) == []
    assert not _too_narrow(page, f"{card} .link-list__text")
    # The days' headings shrink toward the text's size rather than break "Wednesda|y".
    assert page.evaluate(BROKEN_WORDS_JS, f"{card} h3") == []
    expect(row.first.locator(".link-list__arrow")).to_be_hidden()
    # At 100 % the arrow is there again.
    page.evaluate("document.documentElement.style.fontSize = ''")
    expect(row.first.locator(".link-list__arrow")).to_be_visible()
