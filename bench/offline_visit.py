"""A repeat visit with no signal: how long until the client's today screen shows, on Lighthouse's
mobile CPU throttling (4× slowdown, CDP ``Emulation.setCPUThrottlingRate``).

Headless Chromium (Debian's, as in the browser tests) with the client's session cookie opens the
home screen online once, so the service worker installs, precaches the shell and the data layer
stores today's tasks; then, throttled, it measures two repeat visits, each ``ROUNDS`` times:

- the baseline, online (the shell from the service worker's precache, data from the server);
- offline (``context.set_offline``): the shell from the precache, data from IndexedDB.

The time is from the navigation's start (``performance.timeOrigin``) to the moment the first
task's title is in the document, recorded by a ``MutationObserver`` installed before any of the
page's scripts run. The budget: offline under 1 s; the ratio offline ÷ online is printed so
runs on different machines can be compared.
"""

from __future__ import annotations

import statistics
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

CHROME = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CPU_SLOWDOWN = 4  # Lighthouse's mobile setting
ROUNDS = 5
BUDGET_MS = 1000.0

# Record when ``text`` first appears in the document, relative to the navigation's start.
WATCH = """
(text) => {
  const seen = () => document.body && document.body.innerText.includes(text);
  const mark = () => {
    if (window.__shown === undefined && seen()) window.__shown = performance.now();
  };
  const all = { childList: true, subtree: true, characterData: true };
  new MutationObserver(mark).observe(document, all);
}
"""


def _visit(page: Any, url: str, text: str) -> float:
    page.goto(url, wait_until="commit")
    page.wait_for_function("() => window.__shown !== undefined", timeout=30_000)
    return float(page.evaluate("window.__shown"))


def measure(base_url: str, cookie: str, text: str, rounds: int = ROUNDS) -> dict[str, Any]:
    name, _, value = cookie.partition("=")
    host = urlsplit(base_url).hostname or "localhost"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROME, args=ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 412, "height": 823})
            context.add_cookies([{"name": name, "value": value, "domain": host, "path": "/"}])
            context.add_init_script(f"({WATCH})({text!r})")
            page = context.new_page()
            home = f"{base_url}/"
            # First visit: the service worker installs and the data layer fills.
            page.goto(home)
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            page.reload()
            page.wait_for_function("() => navigator.serviceWorker.controller !== null")
            page.get_by_text(text).first.wait_for()
            page.wait_for_timeout(1000)  # let the prefetch of today's data finish
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            online = [_visit(page, home, text) for _ in range(rounds)]
            context.set_offline(True)
            offline = [_visit(page, home, text) for _ in range(rounds)]
            context.set_offline(False)
        finally:
            browser.close()
    med_on, med_off = statistics.median(online), statistics.median(offline)
    return {
        "online_ms": online,
        "offline_ms": offline,
        "online_median_ms": med_on,
        "offline_median_ms": med_off,
        "ratio": med_off / med_on,
        "budget_ms": BUDGET_MS,
        "ok": med_off < BUDGET_MS,
    }


def report(figures: dict[str, Any]) -> str:
    return (
        f"offline repeat visit, today's screen at {CPU_SLOWDOWN}× CPU slowdown: "
        f"median {figures['offline_median_ms']:.0f} ms (budget < {BUDGET_MS:.0f} ms); "
        f"online {figures['online_median_ms']:.0f} ms; offline ÷ online = {figures['ratio']:.2f}"
    )
