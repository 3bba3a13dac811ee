"""Funder reports in the browser: on her phone a coordinator opens Results, goes to the funder
reports, makes the ESF+ report for the last quarter that ended, looks at the figures (counts of
1 to 5 hidden), submits it after a confirm and downloads its XLSX, whose cells are the
report's (read back with openpyxl). The new screens pass axe at 320 px with text at 100 and
200 %, in English and in Hebrew."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from playwright.sync_api import expect

from tests.e2e.conftest import Account, Organisation, PersonFactory
from tests.e2e.test_accessibility import WIDTH
from tests.e2e.test_outcomes import _axe
from tests.e2e.test_pta import choose_language

PHONE = {"width": 390, "height": 844}


def _last_quarter() -> str:
    today = datetime.now(UTC).date()
    quarter = (today.month - 1) // 3  # the one before this one: 0 is last year's fourth
    return f"{today.year - 1}-Q4" if quarter == 0 else f"{today.year}-Q{quarter}"


def _in_support_last_quarter(org: Organisation, new_person: PersonFactory, client: Account) -> None:
    """The client's intake 100 days ago, still open: a participant of the last quarter."""
    coach = new_person(account=org.coach)
    intake = (datetime.now(UTC) - timedelta(days=100)).date()
    coach.api(
        "POST",
        f"/api/clients/{client.id}/journey/episodes",
        {"localId": str(uuid.uuid4()), "intakeOn": intake.isoformat()},
    )


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def test_a_coordinator_submits_a_funder_report_and_downloads_its_xlsx(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    _in_support_last_quarter(org, new_person, fresh_client)
    coordinator = new_person(account=org.coordinator, **PHONE)
    page = coordinator.page
    page.goto("/")
    coordinator.nav("Results")
    expect(coordinator.heading()).to_have_text("Results")
    page.get_by_role("link", name="Funder reports").click()
    expect(coordinator.heading()).to_have_text("Funder reports")
    page.get_by_role("link", name="New report").click()
    expect(coordinator.heading()).to_have_text("New report")
    expect(page.get_by_label("Report", exact=True)).to_have_value("esf_plus")
    expect(page.get_by_label("Period")).to_have_value(_last_quarter())
    page.get_by_role("button", name="Show the figures").click()
    preview = page.get_by_role("region", name="The figures the funder will see")
    participants = preview.get_by_role("region", name="Participants with disabilities (EECO12)")
    expect(participants).to_be_visible()
    # Whatever else the session's organisation holds, no count of 1 to 5 is shown as a number.
    for value in preview.locator("dd strong").all_inner_texts():
        assert value not in {"1", "2", "3", "4", "5"}, value
    preview.get_by_role("button", name="Submit the report").click()
    dialog = page.get_by_role("dialog", name="Submit this report?")
    dialog.get_by_role("button", name="Submit", exact=True).click()
    expect(coordinator.heading()).to_contain_text("ESF+ common indicators")
    report_id = page.url.rstrip("/").split("/")[-1]
    report = coordinator.api("GET", f"/api/reports/{report_id}?language=en")
    assert report["submittedBy"] == org.coordinator.name
    with page.expect_download() as saving:
        page.get_by_role("link", name="Excel (XLSX)").click()
    download = saving.value
    assert download.failure() is None
    assert download.suggested_filename == f"esf_plus-{_last_quarter()}-en.xlsx"
    # The saved file has no extension, which openpyxl goes by: read its bytes.
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    assert sheet is not None
    cells = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    table = report["table"]
    assert cells[0] == [table["rowHeading"], *(c["label"] for c in table["columns"])]
    assert cells[1:] == [[r["label"], *(c["shown"] for c in r["cells"])] for r in table["rows"]]
    # The list shows it, newest first.
    page.get_by_role("link", name="Funder reports").click()
    expect(page.get_by_role("link", name="ESF+ common indicators").first).to_be_visible()


def test_the_report_screens_pass_the_checks_at_320_px_in_english_and_hebrew(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    _in_support_last_quarter(org, new_person, fresh_client)
    coordinator = new_person(account=org.coordinator, width=WIDTH, height=720, bypass_csp=True)
    page = coordinator.page
    report = coordinator.api(
        "POST",
        "/api/reports",
        {"localId": str(uuid.uuid4()), "definition": "esf_plus", "period": _last_quarter()},
    )
    problems: list[str] = []
    try:
        for language in ("en", "he"):
            page.goto("/reports")
            expect(coordinator.heading()).to_be_visible()
            if language == "he":
                choose_language(page, "עברית", "he")
                expect(page.locator("html")).to_have_attribute("dir", "rtl")
            problems += _axe(page, f"/reports in {language}")
            page.goto("/reports/new")
            page.locator("#report-period").wait_for()
            page.locator("form button[type=submit]").click()
            expect(page.locator(".report-row").first).to_be_visible()
            for summary in page.locator(".report-row summary").all():
                summary.click()
            problems += _axe(page, f"/reports/new in {language}")
            page.goto(f"/reports/{report['id']}")
            expect(page.locator(".report-row").first).to_be_visible()
            problems += _axe(page, f"/reports/id in {language}")
    finally:
        coordinator.api("PATCH", "/api/me", {"locale": ""})
    assert not problems, "\n".join(problems)
