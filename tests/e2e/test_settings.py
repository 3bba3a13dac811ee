"""Settings follow the person: language (with right-to-left Hebrew), text size, contrast."""

from __future__ import annotations

import re

from playwright.sync_api import Route, expect

from tests.e2e.conftest import Organisation, PersonFactory


def test_language_and_display_settings_apply_at_once_and_are_kept(
    org: Organisation, new_person: PersonFactory
) -> None:
    person = new_person(account=org.family)
    page = person.page
    try:
        page.goto("/settings")
        expect(person.heading()).to_have_text("Settings")

        page.get_by_role("radio", name="Suomi").check()
        expect(person.heading()).to_have_text("Asetukset")
        expect(page.locator("html")).to_have_attribute("lang", "fi")
        # A second choice made before the first one's save has answered keeps the first:
        # the contrast's save is held until the text size is chosen too.
        held: list[Route] = []

        def hold(route: Route) -> None:
            if route.request.method == "PATCH" and not held:
                held.append(route)
            else:
                route.continue_()

        person.context.route("**/api/me", hold)
        with page.expect_request(lambda r: r.method == "PATCH" and r.url.endswith("/api/me")):
            page.get_by_role("checkbox", name="Enemmän kontrastia").check()
        expect(page.locator("html")).to_have_class(re.compile("more-contrast"))
        page.get_by_role("radio", name="Isoin (200 %)").check()
        expect(page.locator("html")).to_have_attribute("style", re.compile(r"font-size: 200%"))
        expect(page.locator("html")).to_have_class(re.compile("more-contrast"))
        with page.expect_response(
            lambda r: (
                r.request.method == "PATCH"
                and r.url.endswith("/api/me")
                and '"textSize":200' in (r.request.post_data or "")
                and '"contrast":"more"' in (r.request.post_data or "")
            ),
            timeout=10_000,
        ):
            held[0].continue_()
        person.context.unroute("**/api/me")
        expect(page.locator(".settings-status")).to_contain_text("Tallennettu.")

        # Saved on the account: a reload (or another device) shows the same.
        page.reload()
        expect(person.heading()).to_have_text("Asetukset")
        expect(page.locator("html")).to_have_class(re.compile("more-contrast"))
        assert person.api("GET", "/api/me")["preferences"]["textSize"] == 200

        page.get_by_role("radio", name="עברית").check()
        expect(person.heading()).to_have_text("הגדרות")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        main = page.locator("main").bounding_box()
        heading = person.heading().bounding_box()
        assert main and heading
        assert heading["x"] + heading["width"] > main["x"] + main["width"] * 0.6, "starts right"
    finally:
        # Back to no choice of language, so the browser's language applies in other tests.
        person.api(
            "PATCH",
            "/api/me",
            {
                "locale": "",
                "preferences": {
                    "textSize": 100,
                    "contrast": "standard",
                    "reduceMotion": False,
                    "readAloud": True,
                },
            },
        )
