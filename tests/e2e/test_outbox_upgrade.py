"""Writes the previous version of the app left waiting on a phone are sent by the new one.

The previous version kept its outbox in IndexedDB version 1, with the phone-made id of a write
in the body as ``clientId`` and a goal's id in the item's ``taskId``. Here such a database is
put on the device while the app is closed, the app then starts without signal (as a phone that
updated in a basement would), and once the signal is back every item lands exactly once."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server, TaskFactory, rows
from tests.e2e.pages import SyncStatus

# What version 1 of the app had in IndexedDB, built with the browser's own API (not the app's).
WRITE_VERSION_1 = """async ({ me, items }) => {
  await new Promise((resolve, reject) => {
    const gone = indexedDB.deleteDatabase('stepwise');
    gone.onsuccess = resolve;
    gone.onerror = () => reject(gone.error);
    gone.onblocked = () => reject(new Error('the database is still open'));
  });
  const database = await new Promise((resolve, reject) => {
    const opening = indexedDB.open('stepwise', 1);
    opening.onupgradeneeded = () => {
      const db = opening.result;
      db.createObjectStore('kv', { keyPath: 'key' });
      db.createObjectStore('outbox', { keyPath: 'id' });
      db.createObjectStore('runs', { keyPath: 'taskId' });
    };
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
  await new Promise((resolve, reject) => {
    const tx = database.transaction(['kv', 'outbox'], 'readwrite');
    tx.objectStore('kv').put({ key: 'me', value: me, savedAt: Date.now() });
    for (const item of items) tx.objectStore('outbox').put(item);
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  database.close();
}"""

READ_OUTBOX = """() => new Promise((resolve, reject) => {
  const opening = indexedDB.open('stepwise');
  opening.onsuccess = () => {
    const db = opening.result;
    const read = db.transaction('outbox').objectStore('outbox').getAll();
    read.onsuccess = () => { resolve({ version: db.version, items: read.result }); db.close(); };
    read.onerror = () => reject(read.error);
  };
  opening.onerror = () => reject(opening.error);
})"""


def _item(owner: str, kind: str, path: str, about: str, body: dict[str, Any]) -> dict[str, Any]:
    """An outbox item exactly as version 1 of the app wrote it."""
    return {
        "id": body["clientId"],
        "owner": owner,
        "key": f"sw.{uuid.uuid4()}",
        "kind": kind,
        "method": "POST",
        "path": path,
        "body": body,
        "taskId": about,
        "createdAt": int(datetime.now(UTC).timestamp() * 1000),
        "attempts": 1,
        "state": "waiting",
    }


def _check_ins(server: Server, goal_id: str) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        return db.execute(
            "SELECT client_uuid FROM goal_check_ins WHERE goal = ?", (goal_id,)
        ).fetchall()


def test_an_outbox_item_of_the_previous_version_is_sent_once_by_the_new_one(
    org: Organisation,
    fresh_client: Account,
    new_person: PersonFactory,
    make_task: TaskFactory,
    server: Server,
) -> None:
    task = make_task(title="Fill the dishwasher", client=fresh_client, voice=False)
    coach = new_person(account=org.coach)
    today = date.fromisoformat(coach.page.evaluate("new Date().toLocaleDateString('sv')"))
    goal = coach.api(
        "POST",
        f"/api/clients/{fresh_client.id}/goals",
        {
            "localId": str(uuid.uuid4()),
            "title": "Greet the team every morning",
            "means": ["Say good morning"],
            "startsOn": (today - timedelta(days=1)).isoformat(),
            "endsOn": (today + timedelta(days=13)).isoformat(),
            "levels": {"expected": "I greet them every day."},
        },
    )

    person = new_person(account=fresh_client, width=390, height=844)
    page = person.page
    page.goto("/")
    expect(person.heading()).to_be_visible()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    me = person.api("GET", "/api/me")
    page.close()  # the app is closed: nothing holds the database

    # The previous version's database, with a done-mark and a goal check-in waiting.
    at = datetime.now(UTC).isoformat()
    mark_id, check_in_id = str(uuid.uuid4()), str(uuid.uuid4())
    items = [
        _item(
            me["id"],
            "completion",
            f"/api/tasks/{task.id}/completions",
            task.id,
            {
                "clientId": mark_id,
                "stepId": task.steps[0]["id"],
                "runId": str(uuid.uuid4()),
                "at": at,
            },
        ),
        _item(
            me["id"],
            "checkIn",
            f"/api/goals/{goal['id']}/check-ins",
            goal["id"],
            {"clientId": check_in_id, "level": 0, "at": at, "note": ""},
        ),
    ]
    setup = person.context.new_page()
    setup.goto("/api/version")  # the app's origin, without the app
    setup.evaluate(WRITE_VERSION_1, {"me": me, "items": items})
    setup.close()

    # The new version starts without signal: the items are renamed, kept and shown as waiting.
    person.context.set_offline(True)
    page = person.context.new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    status = SyncStatus(page)
    status.expect("2 changes waiting")
    stored = page.evaluate(READ_OUTBOX)
    assert stored["version"] == 2
    by_kind = {item["kind"]: item for item in stored["items"]}
    assert by_kind["completion"]["body"]["localId"] == mark_id
    assert by_kind["completion"]["taskId"] == task.id
    assert by_kind["checkIn"]["goalId"] == goal["id"] and "taskId" not in by_kind["checkIn"]
    assert all("clientId" not in item["body"] for item in stored["items"])
    assert rows(server, "step_completions", task.id) == []

    # Signal again: each lands once, under the id the phone made before the update.
    person.context.set_offline(False)
    status.expect("All saved")
    assert rows(server, "step_completions", task.id) == [(mark_id,)]
    assert _check_ins(server, goal["id"]) == [(check_in_id,)]
    assert page.evaluate(READ_OUTBOX)["items"] == []
