"""An administrator reshapes the PTA question set in the browser: adds a question to a section
and writes it in four languages (putting the version into use first shows, next to the field,
the languages still missing), removes a question after a confirmation, moves one down with the
keyboard, and puts the version into use. The coach's next conversation, in Finnish, asks the new
question and not the removed one; beside the previous conversation, the removed question's old
answer is still there."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Dialog, Page, expect

from tests.e2e import test_pta
from tests.e2e.conftest import Organisation, PersonFactory
from tests.e2e.test_pta import Pair, choose_language

pair = test_pta.pair  # the fixture: a coach of their own (Finnish here) and a client of theirs

NEW = {
    "English": "Who at work helps you when you are stuck?",
    "Suomi": "Kuka töissä auttaa sinua, kun olet jumissa?",
    "Polski": "Kto w pracy pomaga Ci, gdy utkniesz?",
    "עברית": "מי בעבודה עוזר לך כשאתה תקוע?",
}


def _focused_id(page: Page) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def test_an_administrator_adds_removes_and_moves_questions_a_coach_asks_them_in_finnish(
    org: Organisation, pair: Pair, new_person: PersonFactory
) -> None:
    # A conversation on the version in use now, with an answer to the question to be removed.
    coach = new_person(account=pair.coach)
    before = coach.api(
        "POST",
        f"/api/clients/{pair.client.id}/conversations",
        {"localId": str(uuid.uuid4()), "locale": "en"},
    )
    removed_key = before["sections"][6]["questions"][1]["key"]
    removed_fi = before["sections"][6]["questions"][1]["texts"]["fi"]
    answer = {"questionKey": removed_key, "answer": "My mother helps."}
    coach.api("PUT", f"/api/conversations/{before['id']}/answers", {"answers": [answer]})
    coach.api("POST", f"/api/conversations/{before['id']}/end", {"goals": []})

    admin = new_person(account=org.admin)
    page = admin.page
    page.goto("/pta/questions")
    expect(admin.heading()).to_have_text("Questions of the monthly conversation")
    versions = page.get_by_role("region", name="Versions")
    expect(versions).to_contain_text("Version 1")
    make = page.get_by_role("button", name="Make a new version to edit")
    if make.is_visible():
        make.click()
    expect(versions).to_contain_text("draft, not in use yet")
    language = page.get_by_label("Language to edit")
    language.select_option(label="English")

    # Add a question to section 4; the keyboard goes to its field.
    skills = page.get_by_role("group", name="Section 4", exact=True)
    count = skills.get_by_role("textbox").count() - 1  # the section's title is a textbox too
    skills.get_by_role("button", name="Add a question to section 4").click()
    added = skills.get_by_label(f"Question {count + 1} (new)", exact=True)
    expect(added).to_be_focused()
    expect(
        page.get_by_role("status").filter(has_text=f"Question {count + 1} is added.")
    ).to_be_visible()
    page.get_by_role("button", name="Save the draft").click()  # unwritten: refused, not saved
    expect(added).to_have_accessible_description(re.compile("Write this in English first"))
    expect(added).to_be_focused()
    added.fill(NEW["English"])
    language.select_option(label="Suomi")
    expect(skills.get_by_text(NEW["English"])).to_be_visible()  # the English to translate from
    added.fill(NEW["Suomi"])

    # Remove question 2 of section 7, after saying yes.
    cooperation = page.get_by_role("group", name="Section 7", exact=True)
    expect(cooperation.get_by_label("Question 2", exact=True)).to_have_value(removed_fi)
    cooperation.get_by_role("button", name="Remove question 2 of section 7").click()
    dialog = page.get_by_role("dialog", name="Remove question 2 of section 7?")
    expect(dialog).to_contain_text("Conversations already held keep the question")
    dialog.get_by_role("button", name="Cancel").click()
    expect(cooperation.get_by_label("Question 2", exact=True)).to_be_visible()
    cooperation.get_by_role("button", name="Remove question 2 of section 7").click()
    dialog.get_by_role("button", name="Remove the question").click()
    expect(cooperation.get_by_label("Question 2", exact=True)).to_have_count(0)
    expect(cooperation.get_by_label("Question 1", exact=True)).to_be_focused()
    expect(cooperation.get_by_role("button", name=re.compile("^Remove"))).to_have_count(0)

    # Move question 1 of section 5 down, with the keyboard; the keyboard stays with it.
    # (The fields show Finnish now: the coach's Finnish conversation is compared with them.)
    process = page.get_by_role("group", name="Section 5", exact=True)
    first = process.get_by_label("Question 1", exact=True).input_value()
    second = process.get_by_label("Question 2", exact=True).input_value()
    process.get_by_role("button", name="Move down question 1 of section 5").focus()
    page.keyboard.press("Enter")
    expect(process.get_by_label("Question 1", exact=True)).to_have_value(second)
    expect(process.get_by_label("Question 2", exact=True)).to_have_value(first)
    expect(process.get_by_role("button", name="Move up question 2 of section 5")).to_be_focused()
    expect(
        page.get_by_role("status").filter(has_text="now question 2 of its section")
    ).to_be_visible()

    # Not yet in Polish and Hebrew: refused, and the field says so in the first missing language.
    page.get_by_role("button", name="Save and start using it").click()
    expect(page.get_by_role("alert")).to_have_text(
        re.compile(r"Some texts are not translated yet \(Polski, עברית\)")
    )
    expect(language).to_have_value("pl")
    saved = skills.get_by_label(f"Question {count + 1}", exact=True)  # saved: no longer new
    expect(saved).to_be_focused()
    expect(skills).to_contain_text("Write this in Polski too.")
    saved.fill(NEW["Polski"])
    language.select_option(label="עברית")
    expect(skills).to_contain_text("Write this in עברית too.")
    saved.fill(NEW["עברית"])
    page.get_by_role("button", name="Save and start using it").click()
    expect(page.get_by_role("status").filter(has_text="This version is now used")).to_be_visible()
    expect(versions).not_to_contain_text("draft, not in use yet")
    expect(
        page.get_by_role("heading", name=re.compile("^The questions of version"))
    ).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_count(0)  # a published version is read only

    # The coach's next conversation, in Finnish: the new question, not the removed one.
    cp = coach.page
    cp.goto(f"/clients/{pair.client.id}/conversations")
    choose_language(cp, "Suomi", "fi")
    cp.get_by_role("button", name="Aloita kuukausikeskustelu").click()
    heading = cp.get_by_role("main").get_by_role("heading", level=2)
    for number in range(1, 8):
        expect(heading).to_have_text(re.compile(rf"^Osa {number}/10"))
        if number == 4:
            expect(cp.get_by_label(NEW["Suomi"], exact=True)).to_be_visible()
            cp.get_by_label(NEW["Suomi"], exact=True).fill("Mari auttaa.")
        if number == 5:
            expect(cp.get_by_role("textbox").first).to_have_accessible_name(second)
        if number == 7:
            expect(cp.get_by_label(removed_fi, exact=True)).to_have_count(0)
            expect(cp.get_by_role("textbox")).to_have_count(1)
            break
        cp.get_by_role("button", name="Tallenna ja jatka").click()

    # Beside the previous conversation: the removed question keeps its old answer.
    cp.get_by_role("link", name="Vertaa edelliseen keskusteluun").click()
    removed_row = cp.locator(".compare-row").filter(has_text=removed_fi)
    expect(removed_row).to_contain_text("My mother helps.")
    expect(removed_row).to_contain_text("Ei kysytty tällä kertaa")
    new_row = cp.locator(".compare-row").filter(has_text=NEW["Suomi"])
    expect(new_row).to_contain_text("Ei kysytty viime kerralla")
    expect(new_row).to_contain_text("Mari auttaa.")


def test_leaving_the_editor_with_changes_not_saved_asks_first(
    org: Organisation, new_person: PersonFactory
) -> None:
    """Half an hour of translating is not lost to a stray tap: a link, or closing the tab,
    asks first while the draft on screen differs from the saved one, and not once it is the
    same again."""
    admin = new_person(account=org.admin)
    page = admin.page
    page.goto("/pta/questions")
    expect(admin.heading()).to_have_text("Questions of the monthly conversation")
    make = page.get_by_role("button", name="Make a new version to edit")
    expect(make.or_(page.get_by_label("Language to edit"))).to_be_visible()
    if make.is_visible():
        make.click()
    page.get_by_label("Language to edit").select_option(label="English")
    title = page.get_by_role("group", name="Section 1", exact=True).get_by_label(
        "Title of the section"
    )
    saved_title = title.input_value()

    asked: list[tuple[str, str]] = []

    def stay(dialog: Dialog) -> None:
        asked.append((dialog.type, dialog.message))
        dialog.dismiss()

    page.on("dialog", stay)
    title.fill(saved_title + " (changed)")
    page.get_by_role("link", name="Stepwise").click()
    expect(admin.heading()).to_have_text("Questions of the monthly conversation")
    expect(title).to_have_value(saved_title + " (changed)")
    assert asked == [
        ("confirm", "You have changes that are not saved. Leave this page and lose them?")
    ]

    page.close(run_before_unload=True)  # the browser asks too; staying keeps the page
    expect(title).to_have_value(saved_title + " (changed)")
    assert [kind for kind, _ in asked] == ["confirm", "beforeunload"]

    title.fill(saved_title)  # the same as saved again: nothing to lose
    page.get_by_role("link", name="Stepwise").click()
    expect(admin.heading()).not_to_have_text("Questions of the monthly conversation")
    assert len(asked) == 2
