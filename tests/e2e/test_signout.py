"""Sign-out wipes what the person left on the device, and asks first when changes made on the
device have not been sent yet."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.e2e.conftest import Account, PersonFactory, Server, TaskFactory, rows
from tests.e2e.pages import Person, PlayerPage

COMPLETIONS = "**/api/tasks/*/completions"

DEVICE_DATA_JS = """async () => {
  const names = await caches.keys();
  const urls = {};
  for (const name of names) {
    urls[name] = (await caches.open(name).then((c) => c.keys())).map((r) => r.url);
  }
  return {
    caches: urls,
    databases: (await indexedDB.databases()).map((d) => d.name),
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
  };
}"""


def device_data(person: Person) -> dict[str, Any]:
    return dict(person.page.evaluate(DEVICE_DATA_JS))


def wiped(person: Person) -> dict[str, Any]:
    """What is left after sign-out. A deletion waits for every open connection to the database
    to close (the service worker's too, IndexedDB §2.11): allow it a few seconds."""
    data: dict[str, Any] = {}
    for _ in range(40):
        try:
            data = device_data(person)
        except PlaywrightError:  # the page is reloading to the sign-in page after the wipe
            person.page.wait_for_load_state()
            continue
        if not data["databases"]:
            break
        person.page.wait_for_timeout(250)
    return data


def mark_two_steps_unsent(person: Person, task_id: str) -> PlayerPage:
    """Two steps done while the server cannot be reached (every send is dropped)."""
    person.page.goto("/")
    person.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    person.page.reload()
    person.context.route(COMPLETIONS, lambda route: route.abort("internetdisconnected"))
    player = PlayerPage(person.page).open(task_id)
    player.done()
    player.done()
    player.sync.expect("2 changes waiting to send")
    return player


def test_sign_out_with_unsent_changes_asks_first_then_wipes_the_device(
    fresh_client: Account, new_person: PersonFactory, make_task: TaskFactory, server: Server
) -> None:
    task = make_task(title="Set the tables", client=fresh_client)
    person = new_person(account=fresh_client)
    page = person.page
    mark_two_steps_unsent(person, task.id)
    page.evaluate("sessionStorage.setItem('something', 'of this person')")
    for _ in range(60):  # the photos are saved on the device shortly after start
        if "stepwise-media-v1" in device_data(person)["caches"]:
            break
        page.wait_for_timeout(250)
    before = device_data(person)
    assert "stepwise" in before["databases"]
    assert any("/api/photos/" in url for url in before["caches"]["stepwise-media-v1"])

    person.nav("My passkeys")
    page.get_by_role("button", name="Sign out", exact=True).click()
    dialog = page.get_by_role("dialog", name="Sign out now?")
    expect(dialog).to_contain_text(
        "2 changes have not been sent yet. If you sign out now, they are lost."
    )
    # "Send first" cannot send (no connection to the server): it says so, nothing is lost.
    dialog.get_by_role("button", name="Send first").click()
    expect(dialog.get_by_role("alert")).to_contain_text("2 changes are still waiting.")
    dialog.get_by_role("button", name="Sign out anyway").click()
    expect(person.heading()).to_have_text("Sign in")

    after = wiped(person)
    assert after["databases"] == []
    assert after["localStorage"] == 0 and after["sessionStorage"] == 0
    for name, urls in after["caches"].items():
        assert name.startswith("workbox-precache"), f"{name} is left after sign-out"
        assert not [url for url in urls if "/api/" in url], urls
    # The person chose to lose the two marks: none reached the server.
    assert rows(server, "step_completions", task.id) == []
    # And the session is over on the server too.
    assert person.context.request.get("/api/me").status == 401


def test_send_first_sends_then_signs_out(
    fresh_client: Account, new_person: PersonFactory, make_task: TaskFactory, server: Server
) -> None:
    task = make_task(title="Fill the salt shakers", client=fresh_client, voice=False)
    person = new_person(account=fresh_client)
    page = person.page
    mark_two_steps_unsent(person, task.id)
    page.goto("/passkeys")
    page.get_by_role("button", name="Sign out", exact=True).click()
    person.context.unroute(COMPLETIONS)  # the connection is back
    page.get_by_role("dialog").get_by_role("button", name="Send first").click()
    expect(person.heading()).to_have_text("Sign in")
    assert len(rows(server, "step_completions", task.id)) == 2
    assert wiped(person)["databases"] == []


def test_sign_out_without_waiting_changes_does_not_ask(
    fresh_client: Account, new_person: PersonFactory
) -> None:
    person = new_person(account=fresh_client)
    person.page.goto("/passkeys")
    expect(person.page.get_by_role("status").filter(has_text="All saved")).to_be_visible()
    person.page.get_by_role("button", name="Sign out", exact=True).click()
    expect(person.heading()).to_have_text("Sign in")
    expect(person.page.get_by_role("dialog")).to_have_count(0)
    assert device_data(person)["localStorage"] == 0
