"""The CV and the "about me" on the phone, made from a profile the client approved with their
passkey: the coach finds them on the client's page and on the client's profile (with the
language to make them in), the client on their own profile once a version is approved. Before
any approved version the coach is told so. The coach makes both in Polish and in Hebrew on a
phone-sized screen and saves them: the PDFs read back (pypdf) hold the approved words, the
Hebrew words right to left. At 320 px with 200 % text, in English and in Hebrew, the card passes
axe.

The PDFs' other rules (the disclosure, markup printed as written, tagging) are read back in
``tests/api/test_documents.py``."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import Browser, Locator, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import Person
from tests.e2e.test_accessibility import AXE, TEXT_SIZES, WIDTH, _check
from tests.e2e.test_agreements import enrolled, invite_client, with_passkey
from tests.e2e.test_profile import ClientProfileScreen
from tests.e2e.test_pta import choose_language
from tests.support import documents

HE: dict[str, str] = json.loads(
    (Path(__file__).resolve().parents[2] / "pwa/src/i18n/he.json").read_text(encoding="utf-8")
)
"""The Hebrew catalogue: the words a client who reads Hebrew meets on their screens."""

WHO = "אני אוהבת סדר ושקט בעבודה."
BRING = "אני מגיעה בזמן ועובדת בדיוק."
CARD = "CV and “about me”"


def approve_with_passkey(
    coach: Person, client: Person, client_id: str, words: dict[str, str]
) -> None:
    """The coach writes the client's words and the disclosure (through the API) and asks for
    approval; the client approves on their phone with their passkey (in English)."""
    base = f"/api/clients/{client_id}/profile"
    for key, said in words.items():
        coach.api(
            "PUT",
            f"{base}/sections/{key}",
            {"localId": str(uuid.uuid4()), "baseRevision": 0, "words": said},
        )
    coach.api(
        "PUT",
        f"{base}/choices",
        {"localId": str(uuid.uuid4()), "baseRevision": 0, "disclosure": "adjustments"},
    )
    number = coach.api("POST", f"{base}/versions", {"localId": str(uuid.uuid4())})["number"]
    client.page.goto("/profile/approve")
    client.page.get_by_role("button", name="Approve with your passkey").click()
    expect(client.page.get_by_text(f"You approved version {number}.")).to_be_visible()


def _save(card: Locator, name: str, file_name: str) -> pypdf.PdfReader:
    """Save one document through the page, as a person taps *Save*: the downloaded file read."""
    with card.page.expect_download() as saving:
        card.get_by_role("link", name=f"Save {name}").click()
    download = saving.value
    assert download.suggested_filename == file_name
    path = download.path()
    assert download.failure() is None
    return pypdf.PdfReader(path)


def _bare(text: str) -> str:
    """Text without spaces and full stops (a PDF places words, and a full stop on its own)."""
    return text.replace(" ", "").replace(".", "")


def _read_right_to_left(reader: pypdf.PdfReader) -> list[str]:
    """The Hebrew lines of the first page, each read from its right edge."""
    return [_bare(documents.read_as(line, "rtl")) for line in documents.hebrew_lines(reader)]


def _starts_at_the_right(reader: pypdf.PdfReader, said: str) -> None:
    """``said`` stands on a line of its own read right to left, from the right margin."""
    lines = documents.hebrew_lines(reader)
    read = _read_right_to_left(reader)
    found = [line for line, text in zip(lines, read, strict=True) if text == _bare(said)]
    assert found, read
    assert max(x for x, _ in found[0]) > float(reader.pages[0].mediabox.width) * 0.6


def test_after_the_client_approves_the_coach_makes_the_cv_and_about_me_in_polish_and_hebrew(
    org: Organisation, new_person: PersonFactory
) -> None:
    coach = with_passkey(new_person, org.coach, width=390, height=844)
    name = f"Client {uuid.uuid4().hex[:6]}"
    client, client_id = enrolled(new_person, invite_client(coach, org, name), width=390, height=844)
    choose_language(client.page, "עברית", "he")  # the client reads and writes Hebrew

    # The coach writes the client's words with them on the coach's phone, records what
    # employers may know, and asks the client to approve.
    page = coach.page
    page.goto(f"/clients/{client_id}/profile")
    staff = ClientProfileScreen(page, name)
    expect(staff.section(CARD)).to_contain_text("No version is approved yet.")
    staff.write("Who I am", words=WHO)
    staff.write("What I can bring to an employer", words=BRING)
    choices = staff.section("Before any employer is contacted")
    choices.get_by_role("radio", name="Only what I need at work").check()
    choices.get_by_role("button", name="Save the choices").click()
    expect(choices.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    page.get_by_role("button", name=f"Ask {name} to approve").click()
    expect(page.get_by_text("Version 1 waits for the client's approval.").first).to_be_visible()

    # The client approves with their passkey; their profile then offers their CV.
    cp = client.page
    cp.goto("/profile/approve")
    cp.get_by_role("button", name=HE["profile.approve"]).click()
    expect(cp.get_by_text(HE["profile.approvedVersion"].format(number=1))).to_be_visible()
    cp.goto("/profile")
    mine = cp.get_by_role("region", name=HE["documents.yourTitle"])
    expect(mine).to_contain_text(HE["documents.yourCv"])
    expect(
        mine.get_by_role("link", name=f"{HE['documents.download']} {HE['documents.aboutMe']}")
    ).to_be_visible()

    # The coach makes both documents in Polish and in Hebrew on the phone and saves them.
    page.reload()
    card = ClientProfileScreen(page, name).section(CARD)
    expect(card).to_contain_text("Made from the approved profile, version 1.")
    language = card.get_by_label("Language of the documents")
    saved: dict[tuple[str, str], pypdf.PdfReader] = {}
    for label, code in (("Polski", "pl"), ("עברית", "he")):
        language.select_option(label=label)
        expect(card.get_by_role("link", name="Save CV")).to_have_attribute(
            "href", f"/api/clients/{client_id}/documents/cv.pdf?language={code}"
        )
        saved[code, "cv"] = _save(card, "CV", f"cv-{code}.pdf")
        saved[code, "about-me"] = _save(card, "About me", f"about-me-{code}.pdf")

    # Each holds the approved words, the Hebrew words right to left from the right margin —
    # in the Polish documents too, under Polish headings.
    for (_, kind), reader in saved.items():
        read = _read_right_to_left(reader)
        for said in (WHO, BRING):
            assert _bare(said) in read, read
        _starts_at_the_right(reader, WHO)
        if kind == "about-me":
            assert len(reader.pages) == 1
    polish = documents.text_of(saved["pl", "cv"])
    for words in (name, "Życiorys", "Kim jestem", "Co mogę dać pracodawcy"):
        assert words in polish, words
    assert "O mnie" in documents.text_of(saved["pl", "about-me"])
    hebrew = _read_right_to_left(saved["he", "cv"])
    for words in ("קורות חיים", "מי אני", "מה אני יכול לתת למעסיק"):
        assert _bare(words) in hebrew, hebrew
    assert "קצתעליי" in _read_right_to_left(saved["he", "about-me"])


def test_before_an_approved_version_the_coach_is_told_so_and_the_client_sees_nothing(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    coach.page.goto(f"/clients/{fresh_client.id}/profile")
    card = coach.page.get_by_role("region", name=CARD)
    expect(card).to_contain_text("No version is approved yet.")
    expect(card.get_by_role("link")).to_have_count(0)

    client = new_person(account=fresh_client, width=390, height=844)
    client.page.goto("/profile")
    expect(client.heading()).to_have_text("My profile")
    expect(client.page.get_by_role("link", name="Who I am")).to_be_visible()
    expect(client.page.get_by_role("region", name="Your CV and “about me”")).to_have_count(0)


def test_the_coach_opens_and_saves_them_in_the_language_chosen(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    client = with_passkey(new_person, fresh_client, width=390, height=844)
    approve_with_passkey(coach, client, fresh_client.id, {"who_i_am": "I like order."})
    coach.page.goto(f"/clients/{fresh_client.id}/profile")
    card = coach.page.get_by_role("region", name=CARD)
    expect(card).to_contain_text("Made from the approved profile, version 1.")
    base = f"/api/clients/{fresh_client.id}/documents"
    card.get_by_label("Language of the documents").select_option(label="עברית")
    expect(card.get_by_role("link", name="Open CV")).to_have_attribute(
        "href", f"{base}/cv.pdf?language=he"
    )
    expect(card.get_by_role("link", name="Save About me")).to_have_attribute(
        "download", "about-me-he.pdf"
    )
    card.get_by_label("Language of the documents").select_option(label="Polski")
    expect(card.get_by_role("link", name="Save CV")).to_have_attribute(
        "href", f"{base}/cv.pdf?language=pl"
    )


@pytest.mark.parametrize("language", ["en", "he"])
def test_the_documents_card_passes_axe_at_320_px_and_200_percent_text(
    language: str,
    org: Organisation,
    fresh_client: Account,
    browser: Browser,
    server: Server,
    new_person: PersonFactory,
) -> None:
    """The checks of ``test_accessibility.py`` (axe with WCAG 2.2 AAA tags, 48 px targets, no
    sideways scrolling) on the coach's view of the profile without an approved version, then,
    with one, on that view and on the client's profile."""
    problems: list[str] = []
    screens: list[tuple[bool, Account, str]] = [
        (False, org.coach, f"/clients/{fresh_client.id}/profile"),
        (True, org.coach, f"/clients/{fresh_client.id}/profile"),
        (True, fresh_client, "/profile"),
    ]
    approved = False
    for needs_approval, account, path in screens:
        if needs_approval and not approved:
            approve_with_passkey(
                new_person(account=org.coach),
                with_passkey(new_person, fresh_client),
                fresh_client.id,
                {"who_i_am": "I like order."},
            )
            approved = True
        viewer = Person.open(
            browser,
            server.url,
            account=account,
            locale="he-IL" if language == "he" else "en-GB",
            width=WIDTH,
            height=720,
            bypass_csp=True,  # only so axe can be injected as a script
        )
        try:
            page = viewer.page
            page.goto(path)
            expect(page.locator("#documents-title")).to_be_visible()
            page.wait_for_function("() => !document.querySelector('.loading')")
            expect(page.locator("html")).to_have_attribute(
                "dir", "rtl" if language == "he" else "ltr"
            )
            page.add_script_tag(path=AXE)
            for size in TEXT_SIZES:
                page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
                page.wait_for_function(
                    f"() => document.documentElement.style.fontSize === '{size}'"
                )
                problems += _check(page, f"{path} [{language}, {size}, {approved=}]")
        finally:
            viewer.close()
    assert not problems, "\n".join(problems)
