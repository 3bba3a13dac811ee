"""The coordinator changes the competence framework's structure on her phone: adds a competence
to an area with its words in the four languages, moves it up, removes another with a confirm
step, adds an area and removes it while empty, is told next to the field what is still missing,
and publishes. The editor passes axe at
390 px and at 320 px with text at 100 and 200 %.

The session's organisation is shared: the version in use before is put back at the end (a new
version copied from it), so later tests find the starting framework's competences."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Organisation, PersonFactory
from tests.e2e.test_accessibility import WIDTH
from tests.e2e.test_outcomes import _axe

PHONE = {"width": 390, "height": 844}
F = "/api/competence/frameworks"
LANGUAGES = {"en": "English", "pl": "Polski", "fi": "Suomi", "he": "עברית"}


def _words(uid: str) -> dict[str, tuple[str, list[str]]]:
    return {
        "en": (
            f"Working with interpreters {uid}",
            [
                "Books an interpreter before the meeting.",
                "Speaks to the person, not to the interpreter.",
                "Checks that the person understood.",
            ],
        ),
        "pl": (
            f"Praca z tłumaczami {uid}",
            [
                "Zamawia tłumacza przed spotkaniem.",
                "Mówi do osoby, nie do tłumacza.",
                "Sprawdza, czy osoba zrozumiała.",
            ],
        ),
        "fi": (
            f"Työ tulkin kanssa {uid}",
            [
                "Varaa tulkin ennen tapaamista.",
                "Puhuu henkilölle, ei tulkille.",
                "Varmistaa, että henkilö ymmärsi.",
            ],
        ),
        "he": (
            f"עבודה עם מתורגמנים {uid}",
            [
                "מזמין/ה מתורגמן לפני הפגישה.",
                "מדבר/ת אל האדם ולא אל המתורגמן.",
                "בודק/ת שהאדם הבין.",
            ],
        ),
    }


def _write(editor: Page, language: str, name: str, indicators: list[str]) -> None:
    label = LANGUAGES[language]
    editor.get_by_label("Language to write in").select_option(value=language)
    editor.get_by_label(f"Name ({label})", exact=True).fill(name)
    for n, text in enumerate(indicators, start=1):
        editor.get_by_label(f"What one sees, {n} ({label})", exact=True).fill(text)


def test_a_coordinator_adds_moves_and_removes_competences_then_publishes(
    org: Organisation, new_person: PersonFactory
) -> None:
    uid = uuid.uuid4().hex[:6]
    words = _words(uid)
    coordinator = new_person(account=org.coordinator, bypass_csp=True, **PHONE)
    page = coordinator.page
    before = coordinator.api("GET", f"{F}/current")
    problems: list[str] = []
    try:
        page.goto("/team-development/framework")
        expect(coordinator.heading()).to_have_text("Competence framework")
        page.get_by_role("button", name="Make a new version to adapt").click()
        expect(page.get_by_text("A new draft is ready to edit.")).to_be_visible()
        editor = page.get_by_role("region", name=re.compile(r"^Edit version \d+$"))
        editor.get_by_label("Area", exact=True).select_option(label="Organising one's own work")
        expect(editor.get_by_label("Competence", exact=True)).to_have_value("organisation.planning")

        # A new competence at the end of the area, its words in three languages for now.
        editor.get_by_role("button", name="Add a competence").click()
        expect(
            page.get_by_text("A new competence is added at the end of the area.")
        ).to_be_visible()
        for language in ("en", "pl", "fi"):
            name, indicators = words[language]
            _write(editor, language, name, indicators)
        editor.get_by_label("Language to write in").select_option(value="en")
        editor.get_by_label("Target level: New coach, by month 6").select_option(
            label="2 – On your own, in usual cases"
        )
        # Up above "Goals and reviews".
        editor.get_by_role("button", name="Move up").click()
        expect(page.get_by_text("Moved: now 2 of 3 in the area.")).to_be_visible()
        options = editor.get_by_label("Competence", exact=True).locator("option")
        expect(options).to_have_text(
            ["1. Planning the week", f"2. {words['en'][0]}", "3. Goals and reviews"]
        )

        # "Goals and reviews" removed, after a confirm step (checked by axe while it shows).
        editor.get_by_label("Competence", exact=True).select_option(value="organisation.reviews")
        editor.get_by_role("button", name="Remove this competence").click()
        expect(editor.get_by_text("Remove “Goals and reviews” from this draft?")).to_be_visible()
        problems += _axe(page, "framework editor, removing, 390 px")
        page.set_viewport_size({"width": WIDTH, "height": 720})
        problems += _axe(page, "framework editor, removing, 320 px")
        page.set_viewport_size(PHONE)
        editor.get_by_role("button", name="Yes, remove it").click()
        expect(page.get_by_text("“Goals and reviews” is removed from the draft.")).to_be_visible()
        expect(options).to_have_text(["1. Planning the week", f"2. {words['en'][0]}"])

        # An area added by mistake, empty, is removed again.
        editor.get_by_role("button", name="Add an area").click()
        expect(editor.get_by_text("This area has no competences yet.")).to_be_visible()
        expect(editor.get_by_label("Area", exact=True)).to_have_value("7")
        editor.get_by_role("button", name="Remove this area").click()
        expect(page.get_by_text("The area is removed from the draft.")).to_be_visible()
        expect(editor.get_by_label("Area", exact=True).locator("option")).to_have_count(7)

        # Publishing first names the Hebrew still missing, next to the field too.
        editor.get_by_label("Competence", exact=True).select_option(label=f"2. {words['en'][0]}")
        editor.get_by_role("button", name="Publish this version").click()
        expect(
            page.get_by_role("listitem").filter(has_text=f"{words['en'][0]} – עברית")
        ).to_have_count(4)
        editor.get_by_label("Language to write in").select_option(value="he")
        expect(editor.get_by_text("Write the competence's name in Hebrew.")).to_be_visible()
        _write(editor, "he", *words["he"])
        editor.get_by_role("button", name="Publish this version").click()
        expect(page.get_by_text("This version is now in use.")).to_be_visible()
        expect(editor).to_have_count(0)

        current = coordinator.api("GET", f"{F}/current")
        area = next(a for a in current["areas"] if a["key"] == "organisation")
        keys = [c["key"] for c in area["competences"]]
        assert keys[0] == "organisation.planning" and len(keys) == 2
        assert keys[1].startswith("organisation.working_with_interpreters")
        added = area["competences"][1]
        assert {lang: added["titles"][lang] for lang in LANGUAGES} == {
            lang: w[0] for lang, w in words.items()
        }
        assert added["indicators"][2]["he"] == words["he"][1][2]
        assert added["targets"]["newCoach"] == 2
        # The version before stays as it was.
        old = coordinator.api("GET", f"{F}/{before['id']}")
        assert old == before
    finally:
        # Later tests expect the starting competences: the version before, published again.
        again = coordinator.api("POST", F, {"fromVersion": before["version"]})
        coordinator.api("POST", f"{F}/{again['id']}/publish")
    assert not problems, "\n".join(problems)
