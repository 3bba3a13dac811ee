"""The CV and the "about me" on the phone: the coach finds them on the client's page (with the
language to make them in), the client under *More*. Before any approved version both are told
so; with one, *Open* and *Save* lead to the PDFs in the chosen language. Phone-sized, and at
320 px with 200 % text, in English and in Hebrew, the card passes axe.

The PDFs themselves (their words, Hebrew right to left, the disclosure rule) are read back in
``tests/api/test_documents.py``. Here the listing of an approved version is answered by the
browser context (``context.route``) until the profile can be approved from the phone."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Route, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import Person
from tests.e2e.test_accessibility import AXE, TEXT_SIZES, WIDTH, _check

LISTING = re.compile(r"/api/clients/[^/]+/documents(\?.*)?$")


def _approved(asked: list[str]) -> Any:
    """Answer the documents' listing as the server does for an approved version 2."""

    def handle(route: Route) -> None:
        url = urlparse(route.request.url)
        language = parse_qs(url.query).get("language", ["en"])[0]
        asked.append(language)
        base = url.path
        route.fulfill(
            status=200,
            content_type="application/json",
            body=json.dumps(
                {
                    "approvedVersion": 2,
                    "language": language,
                    "documents": [
                        {"kind": kind, "href": f"{base}/{kind}.pdf?language={language}"}
                        for kind in ("cv", "about-me")
                    ],
                }
            ),
        )

    return handle


def test_before_an_approved_version_the_coach_and_the_client_are_told_so(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    coach.page.goto(f"/clients/{fresh_client.id}")
    card = coach.page.get_by_role("region", name="CV and “about me”")
    expect(card).to_contain_text("No version is approved yet.")
    expect(card.get_by_role("link")).to_have_count(0)

    client = new_person(account=fresh_client, width=390, height=844)
    client.page.goto("/more")
    mine = client.page.get_by_role("region", name="Your CV and “about me”")
    expect(mine).to_contain_text("once you approve it")


def test_the_coach_opens_and_saves_them_in_the_language_chosen(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    asked: list[str] = []
    coach.context.route(LISTING, _approved(asked))
    coach.page.goto(f"/clients/{fresh_client.id}")
    card = coach.page.get_by_role("region", name="CV and “about me”")
    expect(card).to_contain_text("Made from the approved profile, version 2.")
    base = f"/api/clients/{fresh_client.id}/documents"
    card.get_by_label("Language of the documents").select_option(label="עברית")
    expect(card.get_by_role("link", name="Open CV")).to_have_attribute(
        "href", f"{base}/cv.pdf?language=he"
    )
    expect(card.get_by_role("link", name="Save About me")).to_have_attribute(
        "download", "about-me-he.pdf"
    )
    assert asked[-1] == "he"
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
) -> None:
    """The checks of ``test_accessibility.py`` (axe with WCAG 2.2 AAA tags, 48 px targets, no
    sideways scrolling) on the coach's client page and the client's *More* screen, with an
    approved version and without."""
    problems: list[str] = []
    for account, path in ((org.coach, f"/clients/{fresh_client.id}"), (fresh_client, "/more")):
        for approved in (False, True):
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
                if approved:
                    viewer.context.route(LISTING, _approved([]))
                page.goto(path)
                expect(page.locator("#documents-title")).to_be_visible()
                page.wait_for_function("!document.querySelector('.loading')")
                expect(page.locator("html")).to_have_attribute(
                    "dir", "rtl" if language == "he" else "ltr"
                )
                page.add_script_tag(path=AXE)
                for size in TEXT_SIZES:
                    page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
                    page.wait_for_timeout(50)
                    problems += _check(page, f"{path} [{language}, {size}, {approved=}]")
            finally:
                viewer.close()
    assert not problems, "\n".join(problems)
