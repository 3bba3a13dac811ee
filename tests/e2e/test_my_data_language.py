"""My data in the client's own language (issue: server texts in the person's language): the
descriptions and column names the server writes appear in Finnish for a Finnish client, in
Hebrew right to left for a Hebrew reader, and the download's page speaks the same language."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Organisation, PersonFactory
from tests.e2e.test_accessibility import AXE, _check
from tests.e2e.test_family import Family, family  # noqa: F401  (the fixture)


def _downloaded_page(page: Page, link: str, folder: Path) -> str:
    """Download all my data as the person does (the link), and read the archive's index.html."""
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link).click()
    saved = folder / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    with zipfile.ZipFile(io.BytesIO(saved.read_bytes())) as archive:
        return archive.read("index.html").decode()


def test_a_finnish_client_reads_my_data_and_its_download_in_finnish(
    family: Family,  # noqa: F811
    org: Organisation,
    new_person: PersonFactory,
    tmp_path: Path,
) -> None:
    coach = new_person(account=org.coach)
    coach.api("GET", f"/api/clients/{family.client.id}")  # the coach reads the record
    client = new_person(account=family.client, locale="fi-FI", timezone="Europe/Helsinki")
    client.api("PATCH", "/api/me", {"locale": "fi"})  # her language, saved with her
    page = client.page
    page.goto("/my-data")
    expect(client.heading()).to_have_text("Omat tiedot")
    account = page.get_by_role("region", name="Tilisi", exact=True)
    expect(account.get_by_text("Nimesi, kielesi ja saavutettavuuden valinnat.")).to_be_visible()
    record = page.get_by_role("region", name="Asiakastietosi", exact=True)
    expect(record).to_contain_text("Missä vaiheessa olet tuetussa työllistymisessä")
    account.get_by_text("Näytä 1 tieto").click()
    name = account.get_by_role("definition").filter(has_text=family.client.name)
    expect(name).to_be_visible()
    expect(account.get_by_role("term").filter(has_text="Nimi")).to_be_visible()
    expect(page.get_by_text("Your account")).to_have_count(0)

    index = _downloaded_page(page, "Lataa kaikki tietoni", tmp_path)
    assert '<html lang="fi" dir="ltr">' in index
    assert f"Kaikki, mitä Stepwisessa on tallessa: {family.client.name}" in index
    assert "Nimesi, kielesi ja saavutettavuuden valinnat." in index
    assert " Europe/Helsinki" in index and " UTC" not in index  # times on her phone's clock


def test_a_hebrew_reader_sees_my_data_right_to_left_in_hebrew(
    family: Family,  # noqa: F811
    new_person: PersonFactory,
    tmp_path: Path,
) -> None:
    # No language saved: the phone's language (Hebrew) decides, for the app and the server.
    member = new_person(account=family.member, locale="he-IL")
    member.api("PATCH", "/api/me", {"locale": ""})
    page = member.page
    page.goto("/my-data")
    expect(member.heading()).to_have_text("המידע שלי")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # He reads his side of it: who he is linked to, not the client's "your family members".
    links = page.get_by_role("region", name="המשפחה שלך ב-Stepwise", exact=True)
    expect(links.get_by_text("למי החשבון שלך מחובר ב-Stepwise, ומה הקשר ביניכם.")).to_be_visible()
    expect(links.locator("xpath=ancestor::div[@lang='he']")).to_have_attribute("dir", "rtl")
    expect(page.get_by_text("בני משפחה עם חשבון שמחובר אליך.")).to_have_count(0)
    expect(page.get_by_text("Who your account is linked to in Stepwise")).to_have_count(0)
    # He has no record: what others did, they did to his account.
    expect(page.get_by_role("heading", name="מי עוד שינה את החשבון שלך")).to_be_visible()

    # The download's page: in Hebrew, right to left, and it passes the same checks as the app's
    # screens (axe WCAG A–AAA, 48 px targets, no sideways scrolling) on a 320 px phone.
    index = _downloaded_page(page, "הורדת כל המידע שלי", tmp_path)
    assert '<html lang="he" dir="rtl">' in index
    assert "למי החשבון שלך מחובר ב-Stepwise, ומה הקשר ביניכם." in index
    assert "<h2>מי עוד שינה את החשבון שלך</h2>" in index
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("about:blank")
    page.set_content(index)
    page.add_script_tag(path=AXE)
    assert _check(page, "export index.html (he)") == []
