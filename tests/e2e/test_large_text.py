"""Words stay readable at 320 px with 200 % text (WCAG 1.4.4, 1.4.10): a control or an icon
beside the words moves above them when the row gets too narrow, rather than squeezing the
words into a column two or three letters wide. Measured, because axe and the sideways-scroll
check both pass a page whose words are one syllable per line."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Organisation, PersonFactory
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
