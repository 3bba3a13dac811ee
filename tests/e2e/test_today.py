"""The client's app opens with one data request, their day (``GET /api/me/day``): the home and
the player take everything they show at start from it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Request, expect

from tests.e2e.conftest import Account, PersonFactory, TaskFactory
from tests.e2e.pages import Person, PlayerPage

# Photos and voice prompts are files, fetched to keep them on the phone: not data requests.
MEDIA = re.compile(r"^/api/(photos/|goals/[^/]+/photo/|tasks/[^/]+/steps/[^/]+/voice/)")


def data_requests(person: Person) -> list[str]:
    """Every API request the page makes from now on (its path), files left out."""
    seen: list[str] = []

    def note(request: Request) -> None:
        path = urlsplit(request.url).path
        if path.startswith("/api/") and not MEDIA.match(path):
            seen.append(f"{request.method} {path}")

    person.page.on("request", note)
    return seen


def test_the_home_and_the_player_start_from_one_request(
    new_person: PersonFactory, make_task: TaskFactory, fresh_client: Account
) -> None:
    task = make_task(title="Fold the towels", client=fresh_client)
    person = new_person(account=fresh_client)
    page = person.page
    # The app's own timers (the photos kept for offline a moment after start) run when asked.
    page.clock.install()
    page.goto("/")  # the first start on this phone: who is this? then their day
    tasks = page.get_by_role("list", name="My tasks")
    expect(tasks.get_by_role("link", name=re.compile(r"^Fold the towels"))).to_be_visible()

    seen = data_requests(person)
    page.reload()
    expect(tasks.get_by_role("link", name=re.compile(r"^Fold the towels"))).to_be_visible()
    expect(page.get_by_text("No shifts in the next four weeks.")).to_be_visible()
    page.clock.run_for(5_000)  # past the moment the photos are kept for offline
    page.wait_for_load_state("networkidle")
    assert seen == ["GET /api/me/day"]

    # The player opens from the same answer, its photos from the phone.
    tasks.get_by_role("link", name=re.compile(r"^Fold the towels")).click()
    PlayerPage(page).expect_step(1, len(task.steps))
    assert seen == ["GET /api/me/day"]
