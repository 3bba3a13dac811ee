"""A randomised test of the outbox: at least 200 short sequences of offline, online,
reload, duplicate send and interrupted send, driven through the real player in one browser
page, with the server's rows compared to the client's intent after every sequence: zero lost
and zero duplicated writes.

How the pieces map to the issue (all on the production build; nothing in the app is there for
the test):

- **intent**: a button press that records something — "Done — next" on a step not yet done in
  this go (a done-mark), "Show the picture" (a self-prompt), "I need help" (a help request).
  The test counts them; the server must end up with exactly that many rows.
- **offline / online**: ``context.set_offline``; the browser's own offline state and events.
- **reload**: ``page.reload()``, often while offline: the app, the person, the go through the
  task and the outbox come back from the service worker and IndexedDB.
- **duplicate send**: the route sends the same request to the server twice and gives the page
  the second answer (the server sees every byte twice; the Idempotency-Key must absorb it).
  Also a **second tab** that opens while writes wait, so two senders meet at the Web Lock.
- **interrupted send**: the request reaches the server, which saves it, and the answer is
  dropped on the way back (``route.fetch()`` then ``route.abort()``): the page must retry with
  the same key and be answered with the stored result.
- **dropped send**: the request is aborted before it reaches the server.
- **busy**: a 409 ``in_progress`` with ``Retry-After: 1``, as the server answers a replay while
  the first attempt still runs: the page must wait and retry.

``STEPWISE_OUTBOX_SEED`` repeats a run, ``STEPWISE_OUTBOX_SEQUENCES`` changes its length (the
benchmark runs 1,000). The seed is printed in every failure.
"""

from __future__ import annotations

import contextlib
import os
import random
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Route, expect

from tests.e2e.conftest import Organisation, PersonFactory, Server, TaskFactory, rows
from tests.e2e.pages import PlayerPage

SEQUENCES = int(os.environ.get("STEPWISE_OUTBOX_SEQUENCES", "200"))
WRITES = "**/api/tasks/*/{completions,self-prompts,help-requests}"
TABLES = {"done": "step_completions", "picture": "self_prompts", "help": "help_requests"}
NETWORK_OPS = ["offline", "online", "reload", "duplicate", "interrupt", "drop", "busy", "tab"]
WEIGHTS = [14, 10, 12, 10, 12, 8, 2, 2]
ACTIONS = ["done", "done", "done", "help", "picture", "back"]
BUSY = '{"title": "Still saving", "status": 409, "code": "in_progress"}'


@dataclass
class Network:
    """What the route does to the next writes (a queue of tricks), and whether we are offline."""

    offline: bool = False
    tricks: deque[str] = field(default_factory=deque)
    seen: Counter[str] = field(default_factory=Counter)

    def handle(self, route: Route) -> None:
        if self.offline:
            route.abort("internetdisconnected")
            return
        trick = self.tricks.popleft() if self.tricks else "pass"
        self.seen[trick] += 1
        if trick == "pass":
            route.continue_()
        elif trick == "duplicate":
            route.fetch()
            route.fulfill(response=route.fetch())
        elif trick == "interrupt":
            route.fetch()
            route.abort("connectionreset")
        elif trick == "drop":
            route.abort("internetdisconnected")
        elif trick == "busy":
            route.fulfill(
                status=409,
                headers={"Retry-After": "1"},
                content_type="application/problem+json",
                body=BUSY,
            )


def act(page: Page, player: PlayerPage, action: str, intent: Counter[str]) -> None:
    """Press a button of the player as the client would; count what it should record."""
    if player.finished().is_visible():
        player.again()
    expect(player.step_title()).to_be_visible()
    title = player.step_title().inner_text()
    if action == "done":
        if not page.get_by_text("You marked this step done.").is_visible():
            intent["done"] += 1
        player.done()
        expect(player.step_title().filter(has_text=title)).to_have_count(0)
    elif action == "help":
        player.help()
        intent["help"] += 1
        expect(player.message()).not_to_be_empty()  # said once it is saved on the phone
    elif action == "picture":
        show = page.get_by_role("button", name="Show the picture")
        if show.is_visible():
            show.click()
            intent["picture"] += 1
            expect(show).to_have_count(0)
    elif action == "back":
        back = page.get_by_role("button", name="Back", exact=True)
        if back.is_visible():
            back.click()
            expect(player.step_title().filter(has_text=title)).to_have_count(0)


def settle(
    page: Page,
    player: PlayerPage,
    counts: Callable[[], dict[str, int]],
    wanted: dict[str, int],
    deadline_s: float = 20,
) -> None:
    """Back online: wait for "All saved" and the server's rows to match the intent, pressing
    "Send now" as an impatient person would. More rows than intended fails at once."""
    end = time.monotonic() + deadline_s
    status = player.sync.text
    stored: dict[str, int] = {}
    while time.monotonic() < end:
        text = status.inner_text()
        stored = counts()
        assert all(stored[k] <= wanted[k] for k in wanted), f"server {stored} > intent {wanted}"
        if "All saved" in text and "Offline" not in text and stored == wanted:
            return
        send = page.get_by_role("button", name="Send now")
        if send.is_visible():
            with contextlib.suppress(PlaywrightError):  # it went away as the outbox emptied
                send.click(timeout=500)
        page.wait_for_timeout(100)
    raise AssertionError(f"not saved: {status.inner_text()!r}, server {stored} != intent {wanted}")


def test_the_outbox_loses_nothing_and_repeats_nothing(
    org: Organisation, new_person: PersonFactory, make_task: TaskFactory, server: Server
) -> None:
    seed = int(os.environ.get("STEPWISE_OUTBOX_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    task = make_task(title=f"Stock the shelves {seed}", mastered=(2,), voice=False)
    person = new_person(account=org.client)
    page, context = person.page, person.context
    page.goto("/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    player = PlayerPage(page).open(task.id)  # a navigation: now the worker controls the page
    assert page.evaluate("!!navigator.serviceWorker.controller")

    def counts() -> dict[str, int]:
        return {what: len(rows(server, table, task.id)) for what, table in TABLES.items()}

    network = Network()
    context.route(WRITES, network.handle)
    intent: Counter[str] = Counter()
    history: list[str] = []
    started = time.monotonic()

    for sequence in range(SEQUENCES):
        steps = []
        for _ in range(rng.randint(2, 5)):
            if rng.random() < 0.55:
                steps.append(rng.choice(ACTIONS))
            else:
                steps.append(rng.choices(NETWORK_OPS, WEIGHTS)[0])
        history.append(f"{sequence}: {' '.join(steps)}")
        try:
            for step in steps:
                if step == "offline":
                    network.offline = True
                    context.set_offline(True)
                elif step == "online":
                    network.offline = False
                    context.set_offline(False)
                elif step == "reload":
                    page.reload()
                    expect(player.step_title().or_(player.finished())).to_be_visible()
                elif step == "tab":
                    other = context.new_page()
                    other.goto("/tasks")
                    expect(other.get_by_role("heading", level=1)).to_be_visible()
                    other.close()
                elif step in {"duplicate", "interrupt", "drop", "busy"}:
                    network.tricks.append(step)
                else:
                    act(page, player, step, intent)
            network.offline = False
            context.set_offline(False)
            settle(page, player, counts, {what: intent[what] for what in TABLES})
            refused = page.get_by_role("list", name="Changes that could not be saved")
            assert refused.count() == 0, refused.inner_text()
        except Exception as error:
            raise AssertionError(
                f"seed {seed} (STEPWISE_OUTBOX_SEED={seed}), sequence {sequence}:\n"
                + "\n".join(history[-5:])
            ) from error

    elapsed = time.monotonic() - started
    print(
        f"\noutbox: seed {seed}, {SEQUENCES} sequences in {elapsed:.1f} s, intent {dict(intent)}, "
        f"tricks used {dict(network.seen)}"
    )
    # The tricks did happen (a test that never interrupts a send proves nothing).
    for trick in ("duplicate", "interrupt", "drop"):
        assert network.seen[trick] > 0, f"seed {seed}: no {trick} happened"
    assert intent["done"] > 0 and intent["help"] > 0 and intent["picture"] > 0
