"""The client's task player on the offline data layer and outbox: one step
at a time, compact mastered steps, help, read aloud, and writes that land exactly once whatever
happens to the connection or the page."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Request, Route, expect

from tests.e2e.conftest import Organisation, PersonFactory, Server, TaskFactory, TaskInfo, rows
from tests.e2e.pages import Person, PlayerPage, service_worker

COMPLETIONS = "**/api/tasks/*/completions"


def controlled(person: Person) -> None:
    """Wait until the service worker controls the page (the app shell then opens offline)."""
    person.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not person.page.evaluate("!!navigator.serviceWorker.controller"):
        person.page.reload()
    expect(person.page.get_by_role("heading", level=1)).to_be_visible()
    assert person.page.evaluate("!!navigator.serviceWorker.controller")


def open_player(person: Person, task: TaskInfo) -> PlayerPage:
    person.page.goto("/")
    controlled(person)
    return PlayerPage(person.page).open(task.id)


def test_the_client_follows_a_task_step_by_step(
    org: Organisation, new_person: PersonFactory, make_task: TaskFactory, server: Server
) -> None:
    task = make_task(title="Fold the towels", mastered=(3,))
    person = new_person(account=org.client, width=390, height=844)
    page = person.page

    # Home lists "My tasks" as big cards.
    page.goto("/")
    tasks = page.get_by_role("list", name="My tasks")
    expect(tasks.get_by_role("link", name=re.compile(r"^Fold the towels"))).to_be_visible()
    tasks.get_by_role("link", name=re.compile(r"^Fold the towels")).first.click()
    player = PlayerPage(page)
    expect(person.heading()).to_have_text("Fold the towels")
    player.expect_step(1, 3)

    # The photo fills the width, WebP through <picture>, in a size from the srcset.
    photo = page.get_by_role("img", name="Photo of step 1")
    expect(photo).to_be_visible()
    page.wait_for_function("() => document.querySelector('.step__photo img')?.naturalWidth > 0")
    page.locator(".step__photo img").evaluate("img => img.decode()")
    current = photo.evaluate("img => img.currentSrc")
    assert current.endswith(".webp"), current
    box = photo.bounding_box()
    main = page.locator("main .page").bounding_box()
    assert box and main and box["width"] >= main["width"] - 1
    expect(page.get_by_text(task.steps[0]["text"])).to_be_visible()

    # "Read to me" plays the coach's voice prompt (no complaint about a missing voice).
    page.get_by_role("button", name="Read to me").click()
    page.wait_for_timeout(300)
    expect(player.message()).to_have_text("")

    expect(page.get_by_role("progressbar")).to_have_accessible_name("0 of 3 steps done")
    player.done()
    player.expect_step(2, 3)
    expect(page.get_by_role("progressbar")).to_have_accessible_name("1 of 3 steps done")
    player.back()
    player.expect_step(1, 3)
    expect(page.get_by_text("You marked this step done.")).to_be_visible()
    player.done()  # already marked in this go: no second mark
    player.done()

    # A mastered step is compact: the sentence, and the picture one tap away (a self-prompt).
    player.expect_step(3, 3)
    expect(page.get_by_role("img", name="Photo of step 3")).to_have_count(0)
    player.show_picture()
    expect(page.get_by_role("img", name="Photo of step 3")).to_be_visible()

    player.help()
    expect(player.message()).to_have_text(
        "Your coach has not seen it yet. They will see it when they next open Stepwise."
    )
    player.done()

    expect(player.finished()).to_be_visible()
    expect(page.get_by_text("You did all 3 steps.")).to_be_visible()
    expect(page.get_by_text("You opened a picture 1 time.")).to_be_visible()
    expect(page.get_by_text("You asked for help 1 time.")).to_be_visible()
    # No training session recorded today: counted on the phone (step 3 needed the picture).
    expect(page.get_by_text("You did 2 of 3 steps on your own today.")).to_be_visible()
    player.sync.expect("All saved")

    assert len(rows(server, "step_completions", task.id)) == 3
    assert len(rows(server, "self_prompts", task.id)) == 1
    assert len(rows(server, "help_requests", task.id)) == 1


def test_a_step_marked_offline_is_kept_and_sent_once_online(
    org: Organisation, new_person: PersonFactory, make_task: TaskFactory, server: Server
) -> None:
    task = make_task(title="Restock the napkins")
    person = new_person(account=org.client)
    player = open_player(person, task)
    page = person.page
    player.sync.expect("All saved")

    person.context.set_offline(True)
    player.sync.expect("Offline.")
    player.done()
    player.expect_step(2, 3)
    player.sync.expect("1 change waiting to send")

    # A reload without a connection: the app, the person, the task and the mark are all there.
    page.reload()
    expect(person.heading()).to_have_text("Restock the napkins")
    player.expect_step(2, 3)
    player.sync.expect("1 change waiting to send")
    player.sync.expect("Offline.")
    player.back()
    expect(page.get_by_text("You marked this step done.")).to_be_visible()
    assert rows(server, "step_completions", task.id) == []

    person.context.set_offline(False)
    player.sync.expect("All saved")
    assert len(rows(server, "step_completions", task.id)) == 1
    page.reload()
    player.sync.expect("All saved")
    assert len(rows(server, "step_completions", task.id)) == 1


def test_the_service_worker_sends_a_waiting_step_after_the_app_is_closed(
    org: Organisation, new_person: PersonFactory, make_task: TaskFactory, server: Server
) -> None:
    """Marked without signal, then the app closed: no page of Stepwise is open when the
    connection returns, and the service worker's Background Sync event sends the step, once."""
    task = make_task(title="Fold the napkins")
    person = new_person(account=org.client)
    player = open_player(person, task)
    person.context.set_offline(True)
    player.sync.expect("Offline.")
    player.done()
    player.sync.expect("1 change waiting to send")
    assert rows(server, "step_completions", task.id) == []
    # Closing the page ends Chromium's emulated offline for its service worker too (DevTools'
    # background-sync restorer), so the browser may fire the sync itself from here on: either
    # way no page of Stepwise is open, and only the service worker can send the step.
    person.page.close()

    person.context.set_offline(False)
    blank = person.context.new_page()
    cdp, registration = service_worker(blank, server.url)
    for _ in range(2):  # the browser may fire it again itself: still one row
        cdp.send(
            "ServiceWorker.dispatchSyncEvent",
            {
                "origin": server.url,
                "registrationId": registration,
                "tag": "stepwise-outbox",
                "lastChance": False,
            },
        )
    for _ in range(100):
        if rows(server, "step_completions", task.id):
            break
        blank.wait_for_timeout(100)
    assert blank.url == "about:blank"
    assert len(rows(server, "step_completions", task.id)) == 1

    # Opened again: nothing waits, and nothing is sent twice.
    page = person.context.new_page()
    page.goto(f"/tasks/{task.id}")
    PlayerPage(page).sync.expect("All saved")
    PlayerPage(page).expect_step(2, 3)
    assert len(rows(server, "step_completions", task.id)) == 1


def test_a_page_closed_while_sending_sends_once_when_reopened(
    org: Organisation, new_person: PersonFactory, make_task: TaskFactory, server: Server
) -> None:
    task = make_task(title="Empty the dishwasher")
    person = new_person(account=org.client)
    player = open_player(person, task)

    # The server gets the request and saves the step; the page is closed before the answer.
    held: list[Any] = []

    def hold(route: Route) -> None:
        held.append(route.fetch())  # the server has handled it; the page never hears back

    person.context.route(COMPLETIONS, hold)
    player.done()
    for _ in range(50):
        if held:
            break
        person.page.wait_for_timeout(100)
    assert held and held[0].status == 201
    assert len(rows(server, "step_completions", task.id)) == 1
    # Whoever sends it again — the reopened page, or the service worker's Background Sync
    # right after the page closed — the context sees it.
    replays: list[str | None] = []
    person.context.on(
        "response",
        lambda r: (
            replays.append(r.headers.get("idempotent-replayed"))
            if r.request.method == "POST" and "/completions" in r.url
            else None
        ),
    )
    person.page.close()
    person.context.unroute(COMPLETIONS)

    # Reopened: the outbox sends again with the same Idempotency-Key; the server replays.
    page = person.context.new_page()
    page.goto(f"/tasks/{task.id}")
    PlayerPage(page).sync.expect("All saved")
    PlayerPage(page).expect_step(2, 3)
    # Sent again by the reopened page, or already by the service worker's Background Sync right
    # after the page closed (its requests are not visible to Playwright): any resend the page
    # made was answered with the first result, and none made a second row.
    assert set(replays) <= {"true"}, replays
    assert len(rows(server, "step_completions", task.id)) == 1


def test_a_lost_answer_is_retried_with_the_same_key(
    org: Organisation, new_person: PersonFactory, make_task: TaskFactory, server: Server
) -> None:
    """The answer is lost on the way back (the server saved the step): the page keeps the item,
    tries again by itself with the same Idempotency-Key and is answered with the first result."""
    task = make_task(title="Wipe the tables", voice=False)
    person = new_person(account=org.client)
    player = open_player(person, task)
    keys: list[str | None] = []

    def lose_first_answer(route: Route, request: Request) -> None:
        keys.append(request.headers.get("idempotency-key"))
        response = route.fetch()
        if len(keys) == 1:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    person.context.route(COMPLETIONS, lose_first_answer)
    player.done()
    player.sync.expect("1 change waiting to send")
    player.sync.expect("All saved")  # the retry, one second later, by itself
    assert len(keys) == 2 and keys[0] == keys[1] and keys[0]
    assert len(rows(server, "step_completions", task.id)) == 1


def test_a_refused_write_is_final_and_said_in_words(
    org: Organisation, new_person: PersonFactory, make_task: TaskFactory
) -> None:
    task = make_task(title="Sort the cutlery", voice=False)
    person = new_person(account=org.client)
    player = open_player(person, task)
    person.context.route(
        COMPLETIONS,
        lambda route: route.fulfill(
            status=404,
            content_type="application/problem+json",
            body='{"title": "There is no such task.", "status": 404, "code": "not_found"}',
        ),
    )
    player.done()
    refused = person.page.get_by_role("list", name="Changes that could not be saved")
    expect(refused).to_contain_text(
        "A step you marked done could not be saved. This was not found. Maybe it was removed."
    )
    player.sync.expect("All saved")
    refused.get_by_role("button", name="OK, hide this").click()
    expect(refused).to_have_count(0)


def test_help_offline_says_it_will_be_sent(
    org: Organisation, new_person: PersonFactory, make_task: TaskFactory, server: Server
) -> None:
    task = make_task(title="Water the plants", voice=False)
    person = new_person(account=org.client)
    player = open_player(person, task)
    person.context.set_offline(True)
    player.help()
    expect(player.message()).to_have_text(
        "Saved on your phone. Your coach will be told when you are online."
    )
    player.sync.expect("1 change waiting to send")
    person.context.set_offline(False)
    player.sync.expect("All saved")
    assert len(rows(server, "help_requests", task.id)) == 1


FAKE_SPEECH = """
(() => {
  window.spoken = [];
  const voices = [{ name: 'Test English', lang: 'en-GB', default: true, localService: true }];
  class Utterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } }
  window.SpeechSynthesisUtterance = Utterance;
  Object.defineProperty(window, 'speechSynthesis', { value: {
    getVoices: () => voices, speaking: false, cancel() {}, addEventListener() {},
    removeEventListener() {}, speak(u) { window.spoken.push({ text: u.text, lang: u.lang }); },
  }});
})();
"""


def test_read_aloud_reads_the_screen_in_the_language_or_says_there_is_no_voice(
    org: Organisation, new_person: PersonFactory, client_task: TaskInfo
) -> None:
    # This browser has no voices installed: the app says so instead of staying silent.
    person = new_person(account=org.client)
    person.page.goto("/tasks")
    person.page.get_by_role("button", name="Read aloud").click()
    expect(
        person.page.get_by_role("status").filter(has_text="This phone has no voice for English")
    ).to_be_visible()

    # With an English voice: the screen's main text, not its buttons, in English.
    other = new_person(account=org.client)
    other.page.add_init_script(FAKE_SPEECH)
    other.page.goto("/tasks")
    expect(other.page.get_by_role("list", name="My tasks")).to_be_visible()
    other.page.get_by_role("button", name="Read aloud").click()
    spoken = other.page.evaluate("window.spoken")
    assert len(spoken) == 1 and spoken[0]["lang"] == "en-GB"
    assert spoken[0]["text"].startswith("My tasks. Choose a task.")
    assert client_task.title in spoken[0]["text"]
    assert "Read aloud" not in spoken[0]["text"]

    # The player's "Read to me" on a step without a recording reads its sentence.
    other.page.goto(f"/tasks/{client_task.id}")
    PlayerPage(other.page).expect_step(1, 3)
    other.page.get_by_role("button", name="Done — next").click()
    other.page.get_by_role("button", name="Read to me").click()
    assert other.page.evaluate("window.spoken.at(-1).text") == client_task.steps[1]["text"]


def test_the_family_home_names_whose_updates_will_appear(
    org: Organisation, new_person: PersonFactory
) -> None:
    person = new_person(account=org.family)
    person.page.goto("/")
    expect(
        person.page.get_by_text(f"Updates from {org.client.name} will appear here.")
    ).to_be_visible()
