"""Keyboard only: the skip link comes first, focus is always visible, and signing in and
moving between screens needs no mouse (WCAG 2.1.1, 2.4.1, 2.4.7, 2.4.13)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Account, PersonFactory


def _focus_ring(page: Page) -> dict[str, float]:
    return page.evaluate("""() => {
        const style = getComputedStyle(document.activeElement);
        return { width: parseFloat(style.outlineWidth), offset: parseFloat(style.outlineOffset),
                 visible: style.outlineStyle !== 'none' };
    }""")


def test_sign_in_and_move_around_with_the_keyboard(
    admin: Account, new_person: PersonFactory
) -> None:
    person = new_person(account=admin, with_passkey=True)
    page = person.page
    page.goto("/signin")
    expect(person.heading()).to_have_text("Sign in")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0, "the skip link shows itself when focused"  # type: ignore[index]
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.keyboard.press("Tab")
    button = page.get_by_role("button", name="Sign in with a passkey")
    expect(button).to_be_focused()
    ring = _focus_ring(page)
    assert ring["visible"] and ring["width"] >= 2, ring
    page.keyboard.press("Enter")
    expect(person.heading()).to_have_text("Your organisation")

    # Through the main navigation's "More" to Settings, and focus lands on each new screen's
    # heading.
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="More").focus()
    page.keyboard.press("Enter")
    expect(person.heading()).to_have_text("More")
    expect(person.heading()).to_be_focused()
    page.get_by_role("main").get_by_role("link", name="Settings").focus()
    page.keyboard.press("Enter")
    expect(person.heading()).to_have_text("Settings")
    expect(person.heading()).to_be_focused()

    # A radio group is one Tab stop; arrows choose, and the change shows at once.
    page.get_by_role("radio", name="Normal (100 %)").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Large (125 %)")).to_be_checked()
    expect(page.locator("html")).to_have_attribute("style", re.compile(r"font-size: 125%"))
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    page.get_by_role("radio", name="Normal (100 %)").check()
    expect(page.locator("html")).not_to_have_attribute("style", re.compile("125"))
