"""The installable app itself: what the build precaches, its size, the manifest, the
translations, and the service worker serving the app shell offline."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import PWA, PersonFactory, Server

CATALOGUES = PWA / "src" / "i18n"
PLURAL_FORMS = {"zero", "one", "two", "few", "many", "other"}
SIGN_IN_BUDGET = 60 * 1024  # bytes of gzipped JavaScript for the sign-in page


def test_every_language_has_every_message() -> None:
    english = json.loads((CATALOGUES / "en.json").read_text())
    placeholders = re.compile(r"\{(\w+)\}")
    for code in ("pl", "fi", "he"):
        catalogue = json.loads((CATALOGUES / f"{code}.json").read_text())
        assert catalogue.keys() == english.keys(), f"{code}.json: keys differ from en.json"
        for key, text in catalogue.items():
            forms = text if isinstance(text, dict) else {"other": text}
            assert "other" in forms and set(forms) <= PLURAL_FORMS, f"{code}: {key}"
            source = english[key] if isinstance(english[key], str) else english[key]["other"]
            wanted = set(placeholders.findall(source)) - {"count"}
            for form in forms.values():
                assert wanted <= set(placeholders.findall(form)), f"{code}: {key} loses a {{name}}"


def test_the_build_precaches_the_app_shell(pwa_dist: Path) -> None:
    sw = (pwa_dist / "sw.js").read_text()
    precached = set(re.findall(r'"url":\s*"([^"]+)"', sw))
    assert "index.html" in precached
    assert "manifest.webmanifest" in precached
    assert any(re.fullmatch(r"assets/index-[\w-]+\.js", url) for url in precached)
    assert any(url.endswith(".css") for url in precached)
    assert {"icons/icon-192.png", "icons/icon-512.png"} <= precached
    assert "skipWaiting" in sw, "the worker activates on the page's SKIP_WAITING message"


def test_the_manifest_makes_an_installable_app(server: Server, new_person: PersonFactory) -> None:
    person = new_person()
    manifest = person.context.request.get("/manifest.webmanifest")
    assert manifest.ok
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    data = manifest.json()
    assert data["name"] == "Stepwise"
    assert data["short_name"] and data["start_url"] == "/"
    assert data["display"] == "standalone"
    assert data["theme_color"] and data["background_color"]
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])
    assert [s["url"] for s in data["shortcuts"]] == ["/", "/passkeys"]
    for icon in data["icons"]:
        assert person.context.request.get(icon["src"]).ok


def test_the_sign_in_page_is_small_and_breaks_no_policy(
    server: Server, pwa_dist: Path, new_person: PersonFactory
) -> None:
    person = new_person()
    scripts: list[str] = []
    csp_errors: list[str] = []
    person.page.on(
        "request",
        lambda request: (
            scripts.append(request.url)
            if request.resource_type == "script" and "/assets/" in request.url
            else None
        ),
    )
    person.page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    person.page.goto("/signin")
    expect(person.page.get_by_role("button", name="Sign in with a passkey")).to_be_visible()
    person.page.wait_for_load_state("load")
    assert scripts, "the page loads its scripts from /assets/"
    total = 0
    for url in set(scripts):
        path = pwa_dist / url.split(server.url + "/", 1)[1]
        total += len(gzip.compress(path.read_bytes(), compresslevel=9))
    assert total <= SIGN_IN_BUDGET, f"{total} bytes of gzipped JavaScript"
    assert not csp_errors, csp_errors


def test_the_app_shell_opens_offline(server: Server, new_person: PersonFactory) -> None:
    person = new_person()
    person.page.goto("/signin")
    expect(person.page.get_by_role("button", name="Sign in with a passkey")).to_be_visible()
    # Wait until the service worker is active and has precached the shell.
    person.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    person.page.reload()  # now the page is controlled by the worker
    assert person.page.evaluate("!!navigator.serviceWorker.controller")

    person.context.set_offline(True)
    person.page.goto("/passkeys")  # a screen never visited: the precached index.html answers
    expect(person.page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    expect(person.page.get_by_role("button", name="Sign in with a passkey")).to_be_visible()
    person.context.set_offline(False)


def test_a_new_version_waits_for_update_now(
    server: Server, pwa_dist: Path, new_person: PersonFactory
) -> None:
    person = new_person()
    page = person.page
    page.goto("/signin")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate("!!navigator.serviceWorker.controller")
    page.evaluate("window.stillTheSamePage = true")

    # A new deployment: the service worker script changes by one byte.
    sw = pwa_dist / "sw.js"
    original = sw.read_bytes()
    try:
        sw.write_bytes(original + b"\n// a new version\n")
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        prompt = page.get_by_role("region", name="A new version of Stepwise is ready.")
        expect(prompt).to_be_visible()
        # It waits: no reload happens by itself.
        page.wait_for_timeout(500)
        assert page.evaluate("window.stillTheSamePage === true")

        with page.expect_navigation():
            prompt.get_by_role("button", name="Update now").click()
        expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
        assert page.evaluate("window.stillTheSamePage === undefined")
        expect(prompt).to_have_count(0)
    finally:
        sw.write_bytes(original)
