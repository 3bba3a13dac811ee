""" "I need help" as an alert, in real browsers: the coach's and the
coordinator's open homes show a new request within seconds without a reload, the client's
player says the coach's screen has it, and "I have helped" reaches the client's screen."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import (
    ROOT,
    Organisation,
    PersonFactory,
    TaskFactory,
    _command,
    _free_port,
)
from tests.e2e.pages import HelpRequestsCard, Person, PlayerPage

SECONDS = 5_000  # "within seconds": the stream polls every second, the page fetches once


def _home(person: Person) -> HelpRequestsCard:
    """The person's home, with its event stream open (the list is fetched once it is)."""
    with person.page.expect_response(lambda r: "/api/help-requests/stream" in r.url):
        person.page.goto("/")
    card = HelpRequestsCard(person.page)
    expect(card.region).to_be_visible()
    person.page.evaluate("() => { window.stillTheSamePage = true; }")
    return card


def test_an_open_home_shows_a_request_at_once_and_helped_reaches_the_client(
    org: Organisation, new_person: PersonFactory, make_task: TaskFactory
) -> None:
    task = make_task(title="Fill the dishwasher", voice=False)
    coach = new_person(account=org.coach)
    coordinator = new_person(account=org.coordinator)
    coachs, coordinators = _home(coach), _home(coordinator)
    expect(coachs.request("Fill the dishwasher")).to_have_count(0)

    client = new_person(account=org.client, width=390, height=844)
    player = PlayerPage(client.page).open(task.id)
    player.help()

    # Both open homes show it within seconds, without a reload, and say so politely.
    asked = coachs.request("Fill the dishwasher")
    expect(asked).to_contain_text("Maria Kowalska", timeout=SECONDS)
    expect(coachs.region.get_by_role("status")).to_contain_text("Maria Kowalska asked for help.")
    seen_by_lead = coordinators.request("Fill the dishwasher")
    expect(seen_by_lead).to_contain_text("Coach: Jonas Virtanen", timeout=SECONDS)

    # The client is told what is true: the coach's open screen has the message.
    expect(player.message()).to_have_text(
        "Your coach can see your message on their screen.", timeout=10_000
    )

    coachs.helped("Fill the dishwasher", "Maria Kowalska")
    expect(asked).to_have_count(0)
    expect(seen_by_lead).to_have_count(0, timeout=SECONDS)
    expect(player.message()).to_have_text("Your coach marked this as helped.", timeout=10_000)
    for person in (coach, coordinator):
        assert person.page.evaluate("() => window.stillTheSamePage === true"), "reloaded"


def test_the_coordinator_sets_when_an_unanswered_request_goes_to_the_team(
    org: Organisation, new_person: PersonFactory
) -> None:
    coordinator = new_person(account=org.coordinator)
    coordinator.page.goto("/")
    time = coordinator.page.get_by_role(
        "combobox", name=re.compile("pass an unanswered request for help to the whole team after")
    )
    expect(time).to_have_value("10")
    time.select_option(label="5 minutes")
    coordinator.page.get_by_role("button", name="Save", exact=True).click()
    expect(coordinator.page.get_by_text("Saved.", exact=True)).to_be_visible()
    team = coordinator.api("GET", "/api/teams")[0]
    assert team["helpEscalationMinutes"] == 5
    coordinator.api("PATCH", f"/api/teams/{team['id']}", {"helpEscalationMinutes": 10})


_COACH = """
import asyncio
from piccolo.apps.migrations.commands.forwards import run_forwards
async def main():
    await run_forwards("all")
    from tests.support.world import build
    print((await build()).tokens["coach"])
asyncio.run(main())
"""


def test_an_open_staff_screen_does_not_hold_up_stopping_the_server(
    tmp_path: Path, pwa_dist: Path
) -> None:
    """Ctrl-C with a coach's home open: the event stream ends at once and the server stops
    within seconds (granian otherwise waits for open responses to finish)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEPWISE_")}
    env |= {
        "STEPWISE_DATA_DIR": str(tmp_path),
        "STEPWISE_PWA_DIST": str(pwa_dist),
        "PICCOLO_CONF": "backend.piccolo_conf",
    }
    made = subprocess.run(
        [sys.executable, "-c", _COACH], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    port = _free_port()
    server = subprocess.Popen(
        _command(port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        stream = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        stream.request(
            "GET", "/api/help-requests/stream", headers={"Cookie": f"stepwise_session={token}"}
        )
        answer = stream.getresponse()
        assert answer.status == 200
        assert answer.readline().startswith(b"id: ")  # the stream is open
        started = time.monotonic()
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C in the terminal
        # The stream ends as a whole response: the worker was not killed in the middle of it.
        answer.read()
        server.wait(timeout=15)
        assert time.monotonic() - started < 6
        stream.close()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
