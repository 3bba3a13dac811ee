"""The display preferences apply on the client's screens: reduced motion (the setting and the
system's wish), more contrast (the setting and the system's wish), and the read-aloud button."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import Account, PersonFactory

TRANSITION = "e => getComputedStyle(e).transitionDuration.split(', ')[0]"
TEXT_COLOUR = "() => getComputedStyle(document.querySelector('h1')).color"


def test_reduced_motion_and_more_contrast_apply(
    fresh_client: Account, new_person: PersonFactory
) -> None:
    person = new_person(account=fresh_client)
    page = person.page
    page.goto("/settings")
    expect(page.get_by_role("link", name="Tasks", exact=True)).to_be_visible()
    assert page.locator(".button").first.evaluate(TRANSITION) == "0.15s"
    assert page.evaluate(TEXT_COLOUR) == "rgb(20, 20, 20)"  # #141414

    # The system's wishes (prefers-reduced-motion, prefers-contrast) apply by themselves.
    page.emulate_media(reduced_motion="reduce", contrast="more")
    assert page.locator(".button").first.evaluate(TRANSITION) == "0s"
    assert page.evaluate(TEXT_COLOUR) == "rgb(0, 0, 0)"
    page.emulate_media(reduced_motion="no-preference", contrast="no-preference")

    # The settings, saved with the person.
    page.get_by_role("checkbox", name="Reduce motion").check()
    expect(page.locator("html")).to_have_class(re.compile("reduce-motion"))
    assert page.locator(".button").first.evaluate(TRANSITION) == "0s"
    page.get_by_role("checkbox", name="More contrast").check()
    expect(page.locator("html")).to_have_class(re.compile("more-contrast"))
    assert page.evaluate(TEXT_COLOUR) == "rgb(0, 0, 0)"
    page.goto("/tasks")
    expect(page.locator("html")).to_have_class(re.compile("reduce-motion"))
    expect(page.locator("html")).to_have_class(re.compile("more-contrast"))


def test_the_read_aloud_button_follows_the_preference(
    fresh_client: Account, new_person: PersonFactory
) -> None:
    person = new_person(account=fresh_client)
    page = person.page
    page.goto("/")
    expect(page.get_by_role("button", name="Read aloud")).to_be_visible()
    page.goto("/settings")
    page.get_by_role("checkbox", name="Read aloud button").uncheck()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    page.goto("/")
    expect(person.heading()).to_have_text(f"Hello, {fresh_client.name}")
    expect(page.get_by_role("button", name="Read aloud")).to_have_count(0)
    assert person.api("GET", "/api/me")["preferences"]["readAloud"] is False
