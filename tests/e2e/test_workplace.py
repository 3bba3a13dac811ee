"""The job analysis as a coach meets it: at the workplace, on the phone, with no signal part of
the time. The coach photographs the back door, writes the workplace and its noise offline, adds a
task that makes a new photo task, links another to the client's existing photo task, records the
supervisor as a natural support. A photo taken without signal (a 12 MP camera JPEG with its
location) shows at once as waiting and waits on the phone made smaller; what waited lands once
when the signal is back, the photo without its metadata, and the loud kitchen is named against
the client's wish for quiet. The new screens pass axe at 320 px and 200 % text, in English and
Hebrew."""

from __future__ import annotations

import base64
import io
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server
from tests.e2e.pages import Person, service_worker
from tests.e2e.test_accessibility import AXE, TEXT_SIZES, WIDTH, _check
from tests.support.photos import phone_jpeg

# Two animation frames: the layout after a change of the root font size has been drawn.
SETTLED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _today() -> date:
    return datetime.now(UTC).date()


def _id() -> str:
    return str(uuid.uuid4())


def _job_at_a_kitchen(coach: Person, client: Account) -> dict[str, Any]:
    """Set-up through the API: an employer with its supervisor, the client's job there, a photo
    task of the client's at that job, and the client's profile saying they need quiet."""
    suffix = uuid.uuid4().hex[:6]
    employer = coach.api(
        "POST", "/api/employers", {"localId": _id(), "name": f"Hotel Aurora {suffix}"}
    )
    person = coach.api(
        "POST",
        f"/api/employers/{employer['id']}/people",
        {"localId": _id(), "name": f"Sam {suffix}", "role": "supervisor"},
    )
    job = coach.api(
        "POST",
        f"/api/clients/{client.id}/jobs",
        {
            "localId": _id(),
            "employerId": employer["id"],
            "title": "Kitchen assistant",
            "startDate": str(_today()),
            "hoursPerWeek": 20,
        },
    )
    task = coach.api(
        "POST",
        f"/api/clients/{client.id}/tasks",
        {"title": f"Set up the salad bar {suffix}", "jobId": job["id"]},
    )
    coach.api(
        "PUT",
        f"/api/clients/{client.id}/profile/sections/needs",
        {"localId": _id(), "baseRevision": 0, "conditions": {"noiseLevel": "quiet"}},
    )
    return {"job": job, "task": task, "person": person, "suffix": suffix}


class AnalysisScreen:
    """A job's analysis on the coach's phone: a card per part, each with its own save."""

    def __init__(self, page: Page) -> None:
        self.page = page
        expect(page.get_by_role("heading", level=1)).to_have_text("Job analysis: Kitchen assistant")

    def card(self, name: str) -> Any:
        return self.page.get_by_role("region", name=name)

    def waiting(self, count: int) -> None:
        notice = self.page.get_by_text(re.compile(r"to this analysis (is|are) waiting to send"))
        if count == 0:
            expect(notice).to_have_count(0, timeout=20_000)
        else:
            word = "change to this analysis is" if count == 1 else "changes to this analysis are"
            expect(notice).to_have_text(f"{count} {word} waiting to send")

    def photo_from_server(self, caption: str) -> None:
        """The photo as the server made it (not the phone's copy): processing a 12 MP phone photo
        takes a few seconds on a busy two-core machine."""
        photo = self.card("Photos of the workplace").get_by_role("img", name=caption)
        expect(photo).to_have_attribute(
            "src", re.compile(r"^/api/analysis-photos/"), timeout=30_000
        )

    def add_task(self, title: str, photo_task: str, **carving: str) -> None:
        card = self.card("The job's tasks")
        card.get_by_label("Task", exact=True).fill(title)
        card.get_by_label("Photo task for training").select_option(label=photo_task)
        if "taken_from" in carving:
            card.get_by_label("Taken from (job carving)").fill(carving["taken_from"])
            card.get_by_label("Agreed with").fill(carving["agreed_with"])
            card.get_by_label("Agreed on").fill(carving["agreed_on"])
        card.get_by_role("button", name="Add a task").click()
        expect(card.get_by_role("list", name="The job's tasks")).to_contain_text(title)


def _photo_on_the_phone(page: Page) -> dict[str, str]:
    """The photo waiting in the phone's outbox (IndexedDB), its bytes in base64."""
    found: dict[str, str] = page.evaluate(
        """async () => {
          const db = await new Promise((ok, no) => {
            const open = indexedDB.open('stepwise');
            open.onsuccess = () => ok(open.result);
            open.onerror = () => no(open.error);
          });
          const items = await new Promise((ok, no) => {
            const all = db.transaction('outbox').objectStore('outbox').getAll();
            all.onsuccess = () => ok(all.result);
            all.onerror = () => no(all.error);
          });
          db.close();
          const item = items.find((i) => i.kind === 'analysisPhoto');
          const bytes = new Uint8Array(await item.upload.blob.arrayBuffer());
          let text = '';
          for (let i = 0; i < bytes.length; i += 0x8000) {
            text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          }
          return { key: item.key, name: item.upload.name, type: item.upload.blob.type,
                   data: btoa(text) };
        }"""
    )
    return found


def test_a_coach_analyses_a_job_on_the_phone_partly_offline(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    made = _job_at_a_kitchen(coach, fresh_client)
    job_id, suffix = made["job"]["id"], made["suffix"]
    page = coach.page

    # From the client's job, one tap to its analysis.
    page.goto(f"/jobs/{job_id}")
    page.get_by_role("link", name="Open the job analysis").click()
    screen = AnalysisScreen(page)

    # With signal: a photo of the back door, shown at once from the phone, then as the server
    # made it (its camera details removed on the way in).
    photos = screen.card("Photos of the workplace")
    photos.get_by_label("What the photo shows").fill("The back door")
    photos.get_by_label("Add a photo").set_input_files(
        {"name": "door.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg(1200, 900, 6, 85)}
    )
    screen.photo_from_server("The back door")

    # In the kitchen there is no signal: the coach writes anyway, and the screen says what waits.
    coach.context.set_offline(True)
    place = screen.card("The workplace")
    place.get_by_label("Address").fill("Rantatie 2, staff door at the back")
    place.get_by_label("How loud is it?").select_option(label="loud")
    place.get_by_role("button", name="Save", exact=True).click()
    expect(
        place.get_by_text("Saved on this phone. It will be sent when there is signal.")
    ).to_be_visible()
    screen.waiting(1)

    # A photo as the phone's camera makes it (12 MP, sideways with EXIF orientation, GPS): it
    # shows at once, marked as waiting, and waits on the phone made smaller, upright, without
    # its location.
    photos.get_by_label("What the photo shows").fill("The staff entrance")
    photos.get_by_label("Add a photo").set_input_files(
        {"name": "IMG_4032.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg()}
    )
    waiting_photo = photos.get_by_role("listitem").filter(has_text="The staff entrance")
    expect(waiting_photo).to_contain_text("Waiting to send")
    preview = waiting_photo.get_by_role("img", name="The staff entrance")
    expect(preview).to_have_attribute("src", re.compile(r"^blob:"))
    coach.page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=preview.element_handle()
    )
    expect(photos.get_by_text("Saved on this phone.", exact=False)).to_be_visible()
    screen.waiting(2)
    kept = _photo_on_the_phone(page)
    assert kept["name"] == "photo.jpg" and kept["type"] == "image/jpeg"
    assert kept["key"].startswith("sw.")
    small = base64.b64decode(kept["data"])
    assert len(small) < len(phone_jpeg()) / 2, (len(small), len(phone_jpeg()))
    image = Image.open(io.BytesIO(small))
    assert max(image.size) == 2560 and image.height > image.width, image.size
    assert not image.getexif() and b"PhoneMaker" not in small and b"GPS" not in small

    screen.add_task(
        f"Fold napkins {suffix}",
        "Make a new photo task",
        taken_from="Rita, waitress",
        agreed_with="Sam, supervisor",
        agreed_on=str(_today() - timedelta(days=2)),
    )
    screen.waiting(3)

    # The signal is back: what waited is sent by itself, once; the photo now shows as the
    # server made it.
    coach.context.set_offline(False)
    screen.waiting(0)
    screen.photo_from_server("The staff entrance")
    expect(photos.get_by_text("Waiting to send")).to_have_count(0)

    # Online again: a task of the job opens the client's existing photo task.
    screen.add_task("Salad bar", f"Use: Set up the salad bar {suffix}")

    # The supervisor helps with the order of the morning; reviewed in a month.
    supports = screen.card("Who helps at work")
    supports.get_by_label("Person at this employer").select_option(
        label=f"Sam {suffix}, supervisor"
    )
    supports.get_by_label("Helps with").fill("The order of the morning")
    supports.get_by_label(f"{fresh_client.name} agreed on").fill(str(_today()))
    supports.get_by_label("The helper agreed on").fill(str(_today()))
    supports.get_by_label("Review on").fill(str(_today() + timedelta(days=30)))
    supports.get_by_role("button", name="Record who helps").click()
    expect(supports.get_by_role("list", name="Who helps at work")).to_contain_text(
        f"Sam {suffix}, supervisor"
    )

    # Read again from the server: everything landed once; the loud kitchen against the quiet
    # the client asked for in their profile.
    page.reload()
    screen = AnalysisScreen(page)
    expect(
        page.get_by_text(f"Noise here: loud — {fresh_client.name} prefers quiet")
    ).to_be_visible()
    expect(screen.card("The workplace").get_by_label("Address")).to_have_value(
        "Rantatie 2, staff door at the back"
    )
    tasks = screen.card("The job's tasks")
    expect(tasks).to_contain_text("Taken from Rita, waitress, agreed with Sam, supervisor")
    expect(
        tasks.get_by_role("link", name=f"Open the photo task: Set up the salad bar {suffix}")
    ).to_be_visible()
    analysis = coach.api("GET", f"/api/jobs/{job_id}/analysis")
    linked = [t["taskId"] for t in analysis["tasks"]]
    assert len(linked) == 2 and made["task"]["id"] in linked and all(linked)
    client_tasks = coach.api_all(f"/api/clients/{fresh_client.id}/tasks")
    assert [t["title"] for t in client_tasks].count(f"Fold napkins {suffix}") == 1
    assert len(analysis["supports"]) == 1
    # Each photo landed once, upright and without the phone's metadata in any stored size.
    assert sorted(p["caption"] for p in analysis["photos"]) == [
        "The back door",
        "The staff entrance",
    ]
    for photo in analysis["photos"]:
        for size in photo["photo"]["files"]:
            for url in (size["webp"], size["jpeg"]):
                served = coach.context.request.get(url)
                assert served.ok, url
                stored = Image.open(io.BytesIO(served.body()))
                assert not stored.getexif() and stored.height > stored.width, url
                assert b"PhoneMaker" not in served.body() and b"GPS" not in served.body(), url

    # The client reads it in plain words under More, without the coach's notes.
    coach.api(
        "PUT", f"/api/jobs/{job_id}/analysis", {"localId": _id(), "notes": "Ask about stairs"}
    )
    client = new_person(account=fresh_client, width=390, height=844)
    client.page.goto("/")
    client.nav("About my workplace")
    expect(client.heading()).to_have_text("About my workplace")
    mine = client.page.get_by_role("region", name=re.compile("Kitchen assistant"))
    expect(mine).to_contain_text("Rantatie 2, staff door at the back")
    expect(mine).to_contain_text(
        f"Sam {suffix}, supervisor helps me with: The order of the morning"
    )
    expect(mine.get_by_role("link", name=f"Start: Fold napkins {suffix}")).to_be_visible()
    expect(client.page.get_by_text("Ask about stairs")).to_have_count(0)

    # The analysis and the training are one thing: the new task opens its photo task.
    tasks.get_by_role("link", name=f"Open the photo task: Fold napkins {suffix}").click()
    expect(page).to_have_url(re.compile(r"/tasks/[0-9a-f-]+/edit$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Fold napkins {suffix}")


def test_the_service_worker_sends_a_waiting_photo_after_the_app_is_closed(
    org: Organisation, new_person: PersonFactory, fresh_client: Account, server: Server
) -> None:
    """A photo taken without signal, then the app closed: the service worker's Background Sync
    event sends it (multipart, from IndexedDB), once, even when the browser fires it twice."""
    coach = new_person(account=org.coach, width=390, height=844)
    job_id = _job_at_a_kitchen(coach, fresh_client)["job"]["id"]
    page = coach.page
    page.goto(f"/jobs/{job_id}/analysis")
    screen = AnalysisScreen(page)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    coach.context.set_offline(True)
    photos = screen.card("Photos of the workplace")
    photos.get_by_label("What the photo shows").fill("The bins")
    photos.get_by_label("Add a photo").set_input_files(
        {"name": "bins.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg(1200, 900, 6, 85)}
    )
    screen.waiting(1)
    page.close()

    coach.context.set_offline(False)
    blank = coach.context.new_page()  # not the app: only the service worker can send it
    cdp, registration = service_worker(blank, server.url)
    for _ in range(2):
        cdp.send(
            "ServiceWorker.dispatchSyncEvent",
            {
                "origin": server.url,
                "registrationId": registration,
                "tag": "stepwise-outbox",
                "lastChance": False,
            },
        )

    def captions() -> list[str]:
        return [p["caption"] for p in coach.api("GET", f"/api/jobs/{job_id}/analysis")["photos"]]

    for _ in range(300):  # processing a photo takes a few seconds on a busy machine
        if captions():
            break
        blank.wait_for_timeout(100)
    assert blank.url == "about:blank"
    assert captions() == ["The bins"]

    # Opened again: nothing waits, the photo is the server's, and nothing was sent twice.
    page = coach.context.new_page()
    page.goto(f"/jobs/{job_id}/analysis")
    screen = AnalysisScreen(page)
    screen.photo_from_server("The bins")
    screen.waiting(0)
    assert captions() == ["The bins"]


NOT_A_PHOTO = "This file is not a photo. Choose a JPEG, PNG, WebP or HEIC photo."


def test_a_photo_the_server_refuses_is_shown_with_the_reason(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    """A file that only pretends to be a photo: taken without signal, it waits like a photo and
    is refused once sent (415), which the screen and the sync status say in words until the
    coach dismisses it; refused while the coach waits (with signal), the reason is by the field."""
    coach = new_person(account=org.coach, width=390, height=844)
    job_id = _job_at_a_kitchen(coach, fresh_client)["job"]["id"]
    page = coach.page
    page.goto(f"/jobs/{job_id}/analysis")
    screen = AnalysisScreen(page)
    photos = screen.card("Photos of the workplace")
    fake = {"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"Shopping list: bowls.\n"}

    coach.context.set_offline(True)
    photos.get_by_label("What the photo shows").fill("The list")
    photos.get_by_label("Add a photo").set_input_files(fake)
    item = photos.get_by_role("listitem").filter(has_text="The list")
    expect(item).to_contain_text("Waiting to send")
    screen.waiting(1)

    coach.context.set_offline(False)
    expect(item).to_contain_text(f"Not sent: {NOT_A_PHOTO}", timeout=20_000)
    screen.waiting(0)
    refused = page.get_by_role("list", name="Changes that could not be saved")
    expect(refused).to_contain_text(f"A photo of a workplace could not be saved. {NOT_A_PHOTO}")
    refused.get_by_role("button", name="OK, hide this").click()
    expect(item).to_have_count(0)

    photos.get_by_label("Add a photo").set_input_files(fake)
    expect(photos.get_by_text(NOT_A_PHOTO).first).to_be_visible(timeout=20_000)
    expect(photos.get_by_role("listitem")).to_have_count(0)
    assert coach.api("GET", f"/api/jobs/{job_id}/analysis")["photos"] == []


@pytest.mark.parametrize("language", ["en", "he"])
def test_the_analysis_screens_pass_the_checks_at_320_px(
    language: str,
    org: Organisation,
    fresh_client: Account,
    browser: Browser,
    server: Server,
    new_person: PersonFactory,
) -> None:
    coach = new_person(account=org.coach)
    made = _job_at_a_kitchen(coach, fresh_client)
    job_id = made["job"]["id"]
    coach.api(
        "PUT",
        f"/api/jobs/{job_id}/analysis",
        {"localId": _id(), "texts": {"address": "Rantatie 2"}, "demands": {"noiseLevel": "loud"}},
    )
    coach.api(
        "POST",
        f"/api/jobs/{job_id}/analysis/tasks",
        {"localId": _id(), "title": "Wash the pans", "linkTaskId": made["task"]["id"]},
    )
    coach.api(
        "POST",
        f"/api/jobs/{job_id}/analysis/supports",
        {
            "localId": _id(),
            "personId": made["person"]["id"],
            "helpsWith": "Breaks",
            "reviewOn": str(_today() - timedelta(days=1)),
        },
    )
    viewer = Person.open(
        browser,
        server.url,
        account=org.coach,
        locale="he-IL" if language == "he" else "en-GB",
        width=WIDTH,
        height=720,
        bypass_csp=True,  # only so axe can be injected as a script
    )
    problems: list[str] = []
    reader = Person.open(
        browser,
        server.url,
        account=fresh_client,
        locale="he-IL" if language == "he" else "en-GB",
        width=WIDTH,
        height=720,
        bypass_csp=True,
    )
    try:
        page = reader.page
        page.goto("/my-work")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.get_by_role("region", name=re.compile("Kitchen assistant"))).to_be_visible()
        page.add_script_tag(path=AXE)
        for size in TEXT_SIZES:
            page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
            page.evaluate(SETTLED)
            problems += _check(page, f"/my-work [{language}, {size}]")
    finally:
        reader.close()
    try:
        page = viewer.page
        for path in (f"/jobs/{job_id}", f"/jobs/{job_id}/analysis"):
            page.evaluate("document.documentElement.style.fontSize = ''")
            page.goto(path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            page.wait_for_function("() => !document.querySelector('.loading')")
            expect(page.locator("html")).to_have_attribute(
                "dir", "rtl" if language == "he" else "ltr"
            )
            page.add_script_tag(path=AXE)
            for size in TEXT_SIZES:
                page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
                page.evaluate(SETTLED)
                problems += _check(page, f"{path} [{language}, {size}]")
        if language == "he":
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "ניתוח העבודה: Kitchen assistant"
            )
            expect(page.get_by_text("הגיע הזמן לבדוק תמיכה טבעית אחת")).to_be_visible()
    finally:
        viewer.close()
    assert not problems, "\n".join(problems)
