"""Hebrew lays the whole app out right to left, with direction-dependent icons mirrored:
a screenshot of the client's task player at 320 px is taken and its layout checked."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Organisation, PersonFactory, TaskInfo

# Set STEPWISE_E2E_SCREENSHOTS=/some/dir to keep the pictures, to look at.
SCREENSHOTS = os.environ.get("STEPWISE_E2E_SCREENSHOTS")
MIRRORED = "matrix(-1, 0, 0, 1, 0, 0)"


def _centre_x(locator: Locator) -> float:
    box = locator.bounding_box()
    assert box, locator
    return box["x"] + box["width"] / 2


def _shoot(page: Page, name: str, tmp_path: Path) -> Path:
    path = Path(SCREENSHOTS or tmp_path) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)  # the decoded photo painted
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 10_000
    return path


def test_the_player_in_hebrew_is_right_to_left_with_mirrored_arrows(
    org: Organisation, new_person: PersonFactory, client_task: TaskInfo, tmp_path: Path
) -> None:
    person = new_person(account=org.client, locale="he-IL", width=320, height=900)
    page = person.page
    page.goto(f"/tasks/{client_task.id}")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "he")
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text("צעד 1 מתוך 3")
    page.wait_for_function("() => document.querySelector('.step__photo img')?.naturalWidth > 0")
    page.locator(".step__photo img").evaluate("img => img.decode()")

    done = page.get_by_role("button", name="בוצע — הבא")
    arrow = done.locator(".icon--directional")
    assert arrow.evaluate("e => getComputedStyle(e).transform") == MIRRORED
    # "Next" points left and sits at the end of the button, on the left.
    assert _centre_x(arrow) < _centre_x(done)
    # A focused screen: no main navigation, and its way back starts on the right.
    expect(page.get_by_role("navigation")).to_have_count(0)
    way_back = page.get_by_role("banner").get_by_role("link", name="חזרה למשימות שלי")
    assert (
        way_back.locator(".icon--directional").evaluate("e => getComputedStyle(e).transform")
        == MIRRORED
    )
    assert _centre_x(way_back.locator(".icon")) > _centre_x(way_back)
    # The app's words run right to left; the coach's sentence (English here) keeps its own.
    title = page.locator(".step__title")
    assert title.evaluate("e => getComputedStyle(e).direction") == "rtl"
    text = page.locator(".step__text")
    assert text.evaluate("e => getComputedStyle(e).direction") == "ltr"
    _shoot(page, "player-he-320.png", tmp_path)

    done.click()
    back = page.get_by_role("button", name="אחורה")
    back_arrow = back.locator(".icon--directional")
    assert back_arrow.evaluate("e => getComputedStyle(e).transform") == MIRRORED
    assert _centre_x(back_arrow) > _centre_x(back)  # "back" points right, at its start
    _shoot(page, "player-he-320-step2.png", tmp_path)

    # The client's tabs start on the right: "Today" right of "Tasks".
    way_back.click()
    tabs = page.get_by_role("navigation", name="ראשי").get_by_role("link")
    expect(tabs).to_have_text(["היום", "משימות", "מטרות", "עוד"])
    assert _centre_x(tabs.nth(0)) > _centre_x(tabs.nth(1))


def test_the_player_in_english_at_320px(
    org: Organisation, new_person: PersonFactory, client_task: TaskInfo, tmp_path: Path
) -> None:
    """The same screen left to right, for comparison: arrows as drawn."""
    person = new_person(account=org.client, width=320, height=900)
    page = person.page
    page.goto(f"/tasks/{client_task.id}")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.wait_for_function("() => document.querySelector('.step__photo img')?.naturalWidth > 0")
    page.locator(".step__photo img").evaluate("img => img.decode()")
    done = page.get_by_role("button", name="Done — next")
    arrow = done.locator(".icon--directional")
    assert arrow.evaluate("e => getComputedStyle(e).transform") == "none"
    assert _centre_x(arrow) > _centre_x(done)
    _shoot(page, "player-en-320.png", tmp_path)


def test_a_list_of_links_points_the_way_the_person_reads(
    org: Organisation, new_person: PersonFactory
) -> None:
    """Each row of a list of links ends with an arrow: at the row's left, pointing left, in
    Hebrew; at its right, pointing right, in English. (A "›" character with a mirroring
    transform pointed right in Hebrew: the bidi algorithm had mirrored the character already.)
    """
    for locale, mirrored in (("he-IL", True), ("en-GB", False)):
        person = new_person(account=org.coach, locale=locale, width=390, height=844)
        page = person.page
        page.goto("/")
        # The first client of "My clients" (the session's coach has many, a page at a time).
        row = page.get_by_role("main").locator("a.link-list__link").first
        expect(row).to_be_visible()
        arrow = row.locator(".icon--directional")
        expect(arrow).to_have_count(1)
        transform = arrow.evaluate("e => getComputedStyle(e).transform")
        assert transform == (MIRRORED if mirrored else "none"), locale
        name = row.locator(".link-list__title")
        if mirrored:
            assert _centre_x(arrow) < _centre_x(name)
        else:
            assert _centre_x(arrow) > _centre_x(name)
