"""The installable app itself: what the build precaches, its size, the manifest, the
translations, and the service worker serving the app shell (and the person's data) offline."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import PWA, Organisation, PersonFactory, Server, TaskInfo

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


def _check_catalogues(
    catalogues: Path, sources: Path = PWA / "src", pwa: Path = PWA
) -> subprocess.CompletedProcess[str]:
    script = str(pwa / "scripts" / "check-i18n.mjs")
    return subprocess.run(
        ["node", script, "--catalogues", str(catalogues), "--sources", str(sources)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_key_is_translated_and_used(tmp_path: Path) -> None:
    """pwa/scripts/check-i18n.mjs (also run by `npm run lint`): every key in every language,
    every plural form each language needs, and no key that no source file uses."""
    done = _check_catalogues(CATALOGUES)
    assert done.returncode == 0, done.stderr

    # The check itself: a key missing in Polish, an unused key, a missing Hebrew plural form.
    for code in ("en", "pl", "fi", "he"):
        shutil.copy(CATALOGUES / f"{code}.json", tmp_path / f"{code}.json")
    polish = json.loads((tmp_path / "pl.json").read_text())
    del polish["player.doneNext"]
    (tmp_path / "pl.json").write_text(json.dumps(polish, ensure_ascii=False))
    hebrew = json.loads((tmp_path / "he.json").read_text())
    del hebrew["sync.waiting"]["two"]
    hebrew["nobody.uses.this"] = "x"
    (tmp_path / "he.json").write_text(json.dumps(hebrew, ensure_ascii=False))
    for code in ("en", "pl", "fi"):
        catalogue = json.loads((tmp_path / f"{code}.json").read_text())
        catalogue["nobody.uses.this"] = "x"
        if code == "pl":
            catalogue.pop("player.doneNext", None)
        if code == "fi":  # a placeholder English does not have would show as "{total}"
            catalogue["player.stepOf"] = "Vaihe {number}/{total} ({total2})"
        (tmp_path / f"{code}.json").write_text(json.dumps(catalogue, ensure_ascii=False))
    broken = _check_catalogues(tmp_path)
    assert broken.returncode == 1
    assert 'pl.json: missing "player.doneNext"' in broken.stderr
    assert '"sync.waiting" lacks the plural form "two"' in broken.stderr
    assert '"nobody.uses.this" is used by no source file' in broken.stderr
    assert 'fi.json: "player.stepOf" uses {total2}, which en.json does not have' in broken.stderr

    # A call that leaves out a placeholder: the screen would read "{done} of 3 steps done".
    source = tmp_path / "src"
    source.mkdir()
    (source / "Player.tsx").write_text(
        "export const label = (done: number, all: number) =>\n"
        "  t('player.doneOf', { count: done, total: all });\n"
        "export const title = () => t('player.stepOf', { ...{ number: 1, total: 2 } });\n"
    )
    missing = _check_catalogues(CATALOGUES, source)
    assert "Player.tsx: t('player.doneOf') is not given {done}" in missing.stderr
    assert "t('player.stepOf')" not in missing.stderr  # a spread may carry the placeholders


def test_the_catalogue_check_names_files_from_any_folder(tmp_path: Path) -> None:
    """The check's own folder does not matter (a clone in ~/.cache/stepwise or any deep
    path): a source file is named by its path, not by cutting the checkout's length off it."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "Player.tsx").write_text("t('player.doneOf', { count: 1, total: 2 });\n")
    checkout = tmp_path / ".cache" / ("deep-folder-" * 8) / "stepwise" / "pwa"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy(PWA / "scripts" / "check-i18n.mjs", checkout / "scripts")
    missing = _check_catalogues(CATALOGUES, source, pwa=checkout)
    assert "/src/Player.tsx: t('player.doneOf') is not given {done}" in missing.stderr


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
    assert [s["url"] for s in data["shortcuts"]] == ["/", "/tasks", "/passkeys"]
    assert [s["name"] for s in data["shortcuts"]] == ["Home", "My tasks", "My passkeys"]
    for icon in data["icons"] + [i for s in data["shortcuts"] for i in s["icons"]]:
        assert person.context.request.get(icon["src"]).ok
    # The page links the manifest (vite-plugin-pwa adds it to index.html).
    person.page.goto("/signin")
    assert (
        person.page.locator("link[rel=manifest]").get_attribute("href") == "/manifest.webmanifest"
    )


def test_the_service_worker_controls_the_page_and_caches_the_persons_data(
    org: Organisation, new_person: PersonFactory, client_task: TaskInfo
) -> None:
    """The worker takes the page, and the client's tasks, players and photos are saved on the
    device ahead of time: a task never opened before opens offline, with its photo."""
    person = new_person(account=org.client, width=390, height=844)
    page = person.page
    page.goto("/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller.state") == "activated"
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")
    # Prefetch (data/tasks.ts) runs shortly after start: wait for the player and its photos.
    # This task's own first photo, not any photo (the client has other tasks, prefetched in turn).
    photo_id = re.search(r"/api/photos/([^/]+)/", json.dumps(client_task.steps[0]["photo"]))
    assert photo_id, client_task.steps[0]
    saved = """async ([id, photo]) => {
        const media = await caches.open('stepwise-media-v1').then((c) => c.keys());
        const player = await new Promise((resolve) => {
          const open = indexedDB.open('stepwise');
          // Not made by the app yet: do not make it here (an empty one would break the app).
          open.onupgradeneeded = () => open.transaction.abort();
          open.onerror = () => resolve(false);
          open.onsuccess = () => {
            const get = open.result.transaction('kv').objectStore('kv').get('player:' + id);
            get.onsuccess = () => { resolve(!!get.result); open.result.close(); };
          };
        });
        return player && media.some((r) => r.url.includes('/api/photos/' + photo + '/'));
    }"""
    for _ in range(60):
        if page.evaluate(saved, [client_task.id, photo_id.group(1)]):
            break
        page.wait_for_timeout(250)
    else:
        raise AssertionError("the task was not saved on the device")
    person.context.set_offline(True)
    page.goto(f"/tasks/{client_task.id}")
    expect(person.heading()).to_have_text(client_task.title)
    photo = page.get_by_role("img", name="Photo of step 1")
    expect(photo).to_be_visible()
    page.wait_for_function("() => document.querySelector('.step__photo img')?.naturalWidth > 0")
    person.context.set_offline(False)


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
        # It waits: the new worker is not active, so nothing reloads the page by itself.
        _expect_a_waiting_worker(page)
        assert page.evaluate("window.stillTheSamePage === true")

        _update_now(page, prompt)
        expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
        expect(prompt).to_have_count(0)
    finally:
        sw.write_bytes(original)


def test_a_new_version_never_interrupts_a_task(
    org: Organisation, pwa_dist: Path, new_person: PersonFactory, client_task: TaskInfo
) -> None:
    """In the middle of a task the "Update now" prompt waits; updating keeps the person's place."""
    person = new_person(account=org.client)
    page = person.page
    page.goto("/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(f"/tasks/{client_task.id}")
    assert page.evaluate("!!navigator.serviceWorker.controller")
    page.get_by_role("button", name="Done — next").click()
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text("Step 2 of 3")
    page.evaluate("window.stillTheSamePage = true")

    sw = pwa_dist / "sw.js"
    original = sw.read_bytes()
    try:
        sw.write_bytes(original + b"\n// a new version\n")
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        prompt = page.get_by_role("region", name="A new version of Stepwise is ready.")
        expect(prompt).to_be_visible()
        _expect_a_waiting_worker(page)
        assert page.evaluate("window.stillTheSamePage === true")
        expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text("Step 2 of 3")

        _update_now(page, prompt)
        # The new version opens at the same step: the go through the task is on the device.
        expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text("Step 2 of 3")
        expect(page.get_by_text("All saved")).to_be_visible()
    finally:
        sw.write_bytes(original)


_WORKERS = """navigator.serviceWorker.getRegistration().then((r) => ({
  controller: navigator.serviceWorker.controller?.state ?? null,
  active: r?.active?.state ?? null,
  waiting: r?.waiting?.state ?? null,
  installing: r?.installing?.state ?? null,
}))"""


def _expect_a_waiting_worker(page: Page) -> None:
    workers = page.evaluate(_WORKERS)
    assert workers["waiting"] == "installed", workers
    assert workers["controller"] == "activated", workers


def _update_now(page: Page, prompt: Locator) -> None:
    """Press "Update now" and wait until the page was loaded again (the mark set on it is gone)."""
    prompt.get_by_role("button", name="Update now").click()
    try:
        page.wait_for_function("() => window.stillTheSamePage === undefined", timeout=30_000)
    except PlaywrightTimeoutError as error:
        workers = page.evaluate(_WORKERS)
        raise AssertionError(f"no reload after Update now; workers: {workers}") from error
