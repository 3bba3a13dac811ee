"""The coach's side of photo tasks: build a photo task on the phone (real file input, real 12 MP
phone JPEGs with EXIF orientation 6 and GPS, a voice prompt from a fake microphone), preview it,
the client follows it (one step offline), training sessions over three visits, mastery shown as a
chart with a table, and "I need help" answered from the coach's home."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Dialog, Locator, Page, Playwright, expect

from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Account,
    Organisation,
    PersonFactory,
    Server,
    rows,
)
from tests.e2e.pages import ClientRecord, Person, PlayerPage, SyncStatus
from tests.support.photos import GPS_IFD, phone_jpeg

STEPS = (
    "Take the bowls from the fridge.",
    "Put the bowls in the salad bar.",
    "Put a spoon in each bowl.",
    "Switch on the salad bar light.",
)
TITLE = "Set up the salad bar"


@pytest.fixture(scope="module")
def media_browser(playwright: Playwright) -> Iterator[Browser]:
    """Chromium with a fake microphone (only for this module: the other tests keep the plain
    browser). A context that was not granted the microphone is refused it, as a person who
    answered "Block" is."""
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--use-fake-device-for-media-stream"],
        headless=True,
    )
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def photo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 12 MP phone photo (stored sideways with EXIF orientation 6, GPS, maker note, XMP) and
    a text file that only pretends to be a JPEG by its name."""
    folder = tmp_path_factory.mktemp("photos")
    photo = folder / "IMG_4032.jpg"
    photo.write_bytes(phone_jpeg())
    fake = folder / "notes.jpg"
    fake.write_text("Shopping list: bowls, spoons, light bulbs.\n")
    return {"photo": photo, "fake": fake}


def step_region(page: Page, number: int) -> Locator:
    return page.get_by_role("region", name=f"Step {number}", exact=True)


def step_texts(page: Page) -> list[str]:
    return page.locator(".step-card__text").all_inner_texts()


def stored_files(person: Person, task_id: str) -> list[tuple[str, bytes]]:
    """Every stored size of every step photo, WebP and JPEG, fetched as the coach."""
    detail = person.api("GET", f"/api/tasks/{task_id}")
    found: list[tuple[str, bytes]] = []
    for step in detail["steps"]:
        assert step["photo"], f"step {step['position']} has no photo"
        for size in step["photo"]["files"]:
            for url in (size["webp"], size["jpeg"]):
                answer = person.context.request.get(url)
                assert answer.ok, url
                found.append((url, answer.body()))
    return found


def assert_no_metadata(url: str, data: bytes) -> None:
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert len(exif) == 0, f"{url} keeps EXIF {dict(exif)}"
    assert not exif.get_ifd(GPS_IFD), f"{url} keeps GPS"
    for key in ("exif", "xmp", "XML:com.adobe.xmp"):
        assert key not in image.info, f"{url} keeps {key}"
    for marker in (b"Exif\x00", b"PhoneMaker", b"xpacket", b"GPS", b"C39XK2PLQ1"):
        assert marker not in data, f"{url} contains {marker!r}"
    # EXIF orientation 6 applied: the 4000 × 3000 sensor picture is stored upright (portrait).
    assert image.height > image.width, f"{url} is {image.size}"


def api_task(coach: Person, client: Account, title: str, *texts: str) -> str:
    """A task with these steps made through the API (set-up, not the thing under test)."""
    task: dict[str, Any] = coach.api("POST", f"/api/clients/{client.id}/tasks", {"title": title})
    for text in texts:
        coach.api("POST", f"/api/tasks/{task['id']}/steps", {"text": text})
    return str(task["id"])


def build_task(coach: Person, client: Account, files: dict[str, Path]) -> str:
    page = coach.page
    ClientRecord(page).open(client.id).topic("tasks")
    tasks = page.get_by_role("region", name="Tasks", exact=True)
    tasks.get_by_role("link", name="New task").click()
    expect(coach.heading()).to_have_text("New task")
    page.get_by_label("Name of the task").fill(TITLE)
    page.get_by_label("Workplace").fill("Café Aalto")
    page.get_by_role("button", name="Create the task").click()
    expect(coach.heading()).to_have_text(TITLE)
    task_id = re.findall(r"/tasks/([^/]+)/edit$", page.url)[0]

    for number, text in enumerate(STEPS, start=1):
        adding = page.get_by_role("region", name=f"Add step {number}")
        adding.get_by_label("What to do, in one short sentence").fill(text)
        adding.get_by_role("button", name="Add the step").click()
        step = step_region(page, number)
        expect(step.get_by_text(text)).to_be_visible()
        # The real <input type=file capture>, found by its label, as the phone's camera fills it.
        photo_input = step.get_by_label(f"Photo for step {number}")
        expect(photo_input).to_have_attribute("capture", "environment")
        expect(photo_input).to_have_attribute("accept", "image/*")
        photo_input.set_input_files(files["photo"])
        expect(step.get_by_role("img", name=f"Photo of step {number}")).to_be_visible(
            timeout=30_000
        )
    return task_id


def record_voice(coach: Person, number: int) -> None:
    step = step_region(coach.page, number)
    voice = step.get_by_role("group", name=f"Voice prompt for step {number}")
    voice.get_by_role("button", name="Record a voice prompt").click()
    timer = voice.get_by_role("timer")
    expect(timer).to_contain_text("of 0:30")
    expect(timer).to_contain_text("Recording: 0:01")  # the timer counts while recording
    voice.get_by_role("button", name="Stop recording").click()
    expect(voice.get_by_text(re.compile(r"^Recorded 0:0\d\. Listen to it"))).to_be_visible()
    voice.get_by_role("button", name="Listen").click()  # playback before saving
    voice.get_by_role("button", name="Save the voice prompt").click()
    expect(voice.get_by_text(re.compile(r"^This step has your voice prompt"))).to_be_visible()


def test_a_coach_builds_a_photo_task_the_client_follows_it_and_training_reaches_mastery(
    media_browser: Browser,
    new_person: PersonFactory,
    org: Organisation,
    server: Server,
    photo_files: dict[str, Path],
) -> None:
    coach = Person.open(media_browser, server.url, account=org.coach, width=390, height=844)
    try:
        coach.context.grant_permissions(["microphone"])
        page = coach.page
        task_id = build_task(coach, org.client, photo_files)
        record_voice(coach, 1)

        # A text file named .jpg: refused by its content, said in words next to the photo field.
        step2 = step_region(page, 2)
        field = step2.get_by_label("New photo for step 2")
        field.set_input_files(photo_files["fake"])
        error = step2.get_by_text(
            "This file is not a photo. Choose a JPEG, PNG, WebP or HEIC photo."
        )
        expect(error).to_be_visible()
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile(r"This file is not a photo"))
        expect(step2.get_by_role("img", name="Photo of step 2")).to_be_visible()  # kept

        # Every stored byte of every size: re-encoded, upright, no EXIF, GPS, XMP or maker note.
        files = stored_files(coach, task_id)
        assert len(files) >= 4 * 2
        for url, data in files:
            assert_no_metadata(url, data)

        # Reorder with buttons, from the keyboard; focus stays on the step that moved.
        move = step_region(page, 4).get_by_role("button", name="Move up Step 4")
        move.focus()
        page.keyboard.press("Enter")
        expect(page.get_by_text("The step is now step 3.")).to_be_visible()
        assert step_texts(page) == [STEPS[0], STEPS[1], STEPS[3], STEPS[2]]
        expect(step_region(page, 3).get_by_role("button", name="Move up Step 3")).to_be_focused()
        step_region(page, 3).get_by_role("button", name="Move down Step 3").click()
        expect(page.locator(".step-card__text").nth(3)).to_have_text(STEPS[3])
        assert step_texts(page) == list(STEPS)

        # Change a sentence, and add a step only to remove it again (after a confirmation).
        step3 = step_region(page, 3)
        step3.get_by_role("button", name="Change the sentence Step 3").click()
        step3.get_by_label("What to do, in one short sentence").fill("Put one spoon in each bowl.")
        step3.get_by_role("button", name="Save the sentence").click()
        expect(step3.get_by_text("Put one spoon in each bowl.")).to_be_visible()
        adding = page.get_by_role("region", name="Add step 5")
        adding.get_by_label("What to do, in one short sentence").fill("A step too many.")
        adding.get_by_role("button", name="Add the step").click()
        step_region(page, 5).get_by_role("button", name="Remove Step 5").click()
        dialog = page.get_by_role("dialog", name="Remove step 5?")
        dialog.get_by_role("button", name="Remove the step").click()
        expect(step_region(page, 5)).to_have_count(0)
        expect(page.locator(".step-card")).to_have_count(4)

        # The preview is the client's player, and sends nothing.
        page.get_by_role("link", name="See it as the client will").click()
        expect(coach.heading()).to_have_text(f"Preview: {TITLE}")
        preview = PlayerPage(page)
        preview.expect_step(1, 4)
        expect(page.get_by_role("img", name="Photo of step 1")).to_be_visible()
        preview.help()
        expect(preview.message()).to_have_text(
            "In the client's app this tells you that they need help."
        )
        for _ in range(4):
            preview.done()
        expect(page.get_by_role("heading", name="This is the end of the task.")).to_be_visible()
        assert rows(server, "step_completions", task_id) == []
        assert rows(server, "help_requests", task_id) == []

        # The client follows it on their own phone; step 2 is done with no signal.
        client = new_person(account=org.client, width=390, height=844)
        client.page.goto("/")
        client.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        player = PlayerPage(client.page).open(task_id)
        player.expect_step(1, 4)
        player.done()
        player.expect_step(2, 4)
        player.sync.expect("All saved")  # said only once the mark is on the server
        assert len(rows(server, "step_completions", task_id)) == 1
        client.context.set_offline(True)
        player.sync.expect("Offline.")
        player.done()
        player.expect_step(3, 4)
        player.sync.expect("1 change waiting to send")
        assert len(rows(server, "step_completions", task_id)) == 1
        client.context.set_offline(False)
        player.sync.expect("All saved")
        player.help()
        expect(player.message()).to_have_text(
            "Your coach has not seen it yet. They will see it when they next open Stepwise."
        )
        player.done()
        player.done()
        expect(player.finished()).to_be_visible()
        player.sync.expect("All saved")  # the last mark is sent after the end screen shows
        assert len(rows(server, "step_completions", task_id)) == 4

        # The coach's home names who asked, in which task and at which step; "I have helped".
        page.goto("/")
        help_card = page.get_by_role("region", name="Asked for help")
        request = help_card.get_by_role("listitem").filter(
            has_text="Step 3: Put one spoon in each bowl."
        )
        expect(request).to_contain_text("Maria Kowalska")
        expect(request).to_contain_text(TITLE)
        request.get_by_role("button", name="I have helped Maria Kowalska").click()
        expect(help_card.get_by_text("Marked as helped: Maria Kowalska.")).to_be_visible()
        expect(request).to_have_count(0)
        assert rows(server, "help_requests", task_id) != []

        # Three training sessions beside the client, every step on their own.
        page.goto(f"/tasks/{task_id}/edit")
        page.get_by_role("link", name="Record a training session").click()
        expect(coach.heading()).to_have_text("Training session")
        sync = SyncStatus(page)
        for session in range(3):
            for number in range(1, 5):
                group = page.get_by_role("group", name=re.compile(rf"^Step {number}: "))
                group.get_by_role("radio", name="On their own").check()
            if session == 0:
                page.get_by_label("Time for step 1 in seconds (you can leave it empty)").fill("45")
            expect(page.get_by_text("4 of 4 steps chosen.")).to_be_visible()
            page.get_by_role("button", name="Save the session").click()
            expect(page.get_by_text("The session is saved.")).to_be_visible()
            expect(page.get_by_text("It is sent. Progress shows it now.")).to_be_visible()
            sync.expect("All saved")
            if session < 2:
                page.get_by_role("button", name="Record another session").click()
        page.get_by_role("link", name="See progress").click()
        expect(coach.heading()).to_have_text("Progress")
        expect(page.get_by_text("Mastered after 3 sessions.")).to_be_visible()
        expect(page.get_by_text("0 days from the first session to independence.")).to_be_visible()
        expect(
            page.get_by_text("Mastered means: every step on their own in 3 sessions in a row.")
        ).to_be_visible()
        figure = page.get_by_role("region", name="Steps done on their own, per session")
        chart = figure.locator("svg.progress-chart")
        expect(chart).to_be_visible()
        expect(chart).to_have_attribute("aria-hidden", "true")
        expect(chart.locator("rect.progress-chart__bar--mastery")).to_have_count(3)
        table = figure.get_by_role("table")
        expect(table.get_by_role("row")).to_have_count(4)  # the header and three sessions
        for row in table.get_by_role("row").all()[1:]:
            expect(row.get_by_role("cell").first).to_have_text("4 of 4 steps")
            expect(row.get_by_role("cell").nth(1)).to_have_text("100 %")
        stored = coach.api("GET", f"/api/tasks/{task_id}/progress")
        assert stored["sessionsToMastery"] == 3
        assert len(stored["sessions"]) == 3  # each saved session sent exactly once

        # The criterion is the coach's to set: 2 sessions in a row is mastery after 2.
        criterion = page.get_by_label("Sessions in a row with every step on their own (1 to 20)")
        criterion.fill("0")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(criterion).to_have_accessible_description(
            re.compile("Write a whole number from 1 to 20.")
        )
        criterion.fill("2")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_text("Mastered after 2 sessions.")).to_be_visible()
        assert [s["independentPercent"] for s in stored["sessions"]] == [100, 100, 100]

        # The client, back in the task after today's training, reads it in plain words.
        player.again()
        for _ in range(4):
            player.done()
        expect(client.page.get_by_text("You did 4 of 4 steps on your own today.")).to_be_visible()
        assert not coach.policy_violations, coach.policy_violations
    finally:
        coach.close()


def test_a_task_is_copied_to_another_client_and_kept_as_a_template(
    new_person: PersonFactory, org: Organisation, fresh_client: Account
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    task_id = api_task(coach, org.client, "Fold the towels", "Take a towel.")
    page = coach.page
    page.goto(f"/tasks/{task_id}/edit")
    share = page.get_by_role("region", name="Use this task again")
    share.get_by_label("Copy to another client").select_option(label=fresh_client.name)
    share.get_by_role("button", name="Copy the task").click()
    expect(share.get_by_text(f"The task is copied for {fresh_client.name}.")).to_be_visible()
    copies = coach.api("GET", f"/api/clients/{fresh_client.id}/tasks")
    assert [c["title"] for c in copies] == ["Fold the towels"]

    share.get_by_label("Workplace of the template").fill("Hotel Borealis")
    share.get_by_role("button", name="Keep as a template").click()
    expect(share.get_by_text("A template for Hotel Borealis is kept.")).to_be_visible()

    # A new task for the other client, started from that template.
    page.goto(f"/clients/{fresh_client.id}/tasks/new")
    templates = page.get_by_role("region", name="Start from a template")
    templates.get_by_role("button", name="Use this template Fold the towels").first.click()
    expect(coach.heading()).to_have_text("Fold the towels")
    expect(page.get_by_text("Take a towel.")).to_be_visible()
    assert len(coach.api("GET", f"/api/clients/{fresh_client.id}/tasks")) == 2


def test_a_training_session_saved_without_signal_is_sent_once_later(
    new_person: PersonFactory, org: Organisation, server: Server
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    task_id = api_task(coach, org.client, "Wipe the tables", "Take a cloth.", "Wipe each table.")
    page = coach.page
    page.goto(f"/tasks/{task_id}/training")
    expect(coach.heading()).to_have_text("Training session")
    sync = SyncStatus(page)
    sync.expect("All saved")
    step_1 = page.get_by_role("group", name=re.compile(r"^Step 1: "))
    expect(step_1).to_be_visible()  # the task has loaded before the signal goes

    coach.context.set_offline(True)
    step_1.get_by_role("radio", name="Told in words").check()
    page.get_by_role("group", name=re.compile(r"^Step 2: ")).get_by_role(
        "radio", name="On their own"
    ).check()
    page.get_by_label("Time for step 2 in seconds (you can leave it empty)").fill("a minute")
    page.get_by_role("button", name="Save the session").click()
    expect(page.get_by_text("Write a whole number of seconds, for example 45.")).to_be_visible()
    page.get_by_label("Time for step 2 in seconds (you can leave it empty)").fill("60")
    page.get_by_role("button", name="Save the session").click()
    expect(page.get_by_text("The session is saved.")).to_be_visible()
    expect(
        page.get_by_text("It is kept on this phone and sent as soon as there is a connection.")
    ).to_be_visible()
    sync.expect("1 change waiting to send")

    coach.context.set_offline(False)
    sync.expect("All saved")
    progress = coach.api("GET", f"/api/tasks/{task_id}/progress")
    assert [s["independent"] for s in progress["sessions"]] == [1]
    assert [s["levels"] for s in progress["steps"]] == [["verbal"], ["independent"]]


def test_leaving_a_training_session_not_saved_asks_first(
    new_person: PersonFactory, org: Organisation
) -> None:
    """Levels tapped and not saved are not lost by a stray tap on a link or on Back: the app
    asks, and staying keeps them; once saved, leaving asks nothing."""
    coach = new_person(account=org.coach, width=390, height=844)
    task_id = api_task(coach, org.client, "Stack the trays", "Take a tray.", "Put it on the pile.")
    page = coach.page
    page.goto(f"/tasks/{task_id}/edit")
    page.get_by_role("link", name="Record a training session").click()
    expect(coach.heading()).to_have_text("Training session")
    step_1 = page.get_by_role("group", name=re.compile(r"^Step 1: "))
    told = step_1.get_by_role("radio", name="Told in words")
    told.check()

    asked: list[str] = []

    def answer(accept: bool) -> None:
        def on_dialog(dialog: Dialog) -> None:
            asked.append(dialog.message)
            if accept:
                dialog.accept()
            else:
                dialog.dismiss()

        page.once("dialog", on_dialog)

    question = "You have changes that are not saved. Leave this page and lose them?"
    back_link = page.get_by_role("link", name="Back to the task")
    answer(accept=False)
    back_link.click()
    expect(coach.heading()).to_have_text("Training session")
    expect(told).to_be_checked()
    assert asked == [question]

    answer(accept=False)
    page.go_back()  # the browser's Back: the screen and its taps stay
    expect(coach.heading()).to_have_text("Training session")
    expect(page).to_have_url(re.compile(rf"/tasks/{task_id}/training$"))
    expect(told).to_be_checked()
    assert asked == [question, question]

    answer(accept=True)
    back_link.click()
    expect(coach.heading()).to_have_text("Stack the trays")
    assert coach.api("GET", f"/api/tasks/{task_id}/progress")["sessions"] == []

    # Saved: nothing to lose, nothing asked.
    page.goto(f"/tasks/{task_id}/training")
    told.check()
    page.get_by_role("button", name="Save the session").click()
    expect(page.get_by_text("The session is saved.")).to_be_visible()
    back_link.click()
    expect(coach.heading()).to_have_text("Stack the trays")
    assert len(asked) == 3


def test_without_a_microphone_the_builder_says_so_in_plain_words(
    new_person: PersonFactory, org: Organisation
) -> None:
    """The plain test browser has no microphone (no fake device): a sentence, not a crash."""
    coach = new_person(account=org.coach, width=390, height=844)
    task_id = api_task(coach, org.client, "Sort the mail", "Open the mail bag.")
    coach.page.goto(f"/tasks/{task_id}/edit")
    voice = coach.page.get_by_role("group", name="Voice prompt for step 1")
    voice.get_by_role("button", name="Record a voice prompt").click()
    expect(voice.get_by_role("alert")).to_have_text(
        re.compile(
            r"(No microphone was found on this device\."
            r"|Stepwise may not use the microphone\. Allow it in the browser settings)"
        )
    )
    expect(voice.get_by_role("button", name="Stop recording")).to_have_count(0)


def test_a_coach_who_blocked_the_microphone_reads_how_to_allow_it(
    media_browser: Browser, org: Organisation, server: Server
) -> None:
    coach = Person.open(media_browser, server.url, account=org.coach, width=390, height=844)
    try:
        task_id = api_task(coach, org.client, "Fold the napkins", "Take a napkin.")
        coach.page.goto(f"/tasks/{task_id}/edit")
        voice = coach.page.get_by_role("group", name="Voice prompt for step 1")
        voice.get_by_role("button", name="Record a voice prompt").click()
        expect(voice.get_by_role("alert")).to_contain_text(
            "Stepwise may not use the microphone. Allow it in the browser settings, or keep the"
            " step without a voice prompt."
        )
        expect(voice.get_by_role("button", name="Stop recording")).to_have_count(0)
    finally:
        coach.close()


def test_a_voice_prompt_stops_by_itself_at_30_seconds(
    media_browser: Browser, org: Organisation, server: Server
) -> None:
    coach = Person.open(media_browser, server.url, account=org.coach, width=390, height=844)
    try:
        coach.context.grant_permissions(["microphone"])
        task_id = api_task(coach, org.client, "Fill the salt shakers", "Open the salt.")
        page = coach.page
        page.clock.install()  # the page's clock, so 30 seconds need not pass in the test
        page.goto(f"/tasks/{task_id}/edit")
        voice = page.get_by_role("group", name="Voice prompt for step 1")
        voice.get_by_role("button", name="Record a voice prompt").click()
        expect(voice.get_by_role("timer")).to_contain_text("Recording: 0:00 of 0:30")
        page.clock.fast_forward("00:29")
        expect(voice.get_by_role("timer")).to_contain_text("Recording: 0:29 of 0:30")
        page.clock.fast_forward("00:02")
        expect(voice.get_by_text(re.compile(r"^Recorded 0:30\. Listen to it"))).to_be_visible()
        expect(voice.get_by_role("button", name="Stop recording")).to_have_count(0)
        # (Saving is the main test's: here only a few real milliseconds of sound were recorded.)
        expect(voice.get_by_role("button", name="Save the voice prompt")).to_be_visible()
    finally:
        coach.close()


def test_a_photo_over_25_mb_is_refused_on_the_phone_before_sending(
    new_person: PersonFactory, org: Organisation, tmp_path: Path
) -> None:
    coach = new_person(account=org.coach, width=390, height=844)
    task_id = api_task(coach, org.client, "Stack the chairs", "Lift one chair.")
    sent: list[str] = []
    coach.page.on("request", lambda r: sent.append(r.url) if r.method == "PUT" else None)
    coach.page.goto(f"/tasks/{task_id}/edit")
    field = step_region(coach.page, 1).get_by_label("Photo for step 1")
    big = tmp_path / "huge.jpg"
    big.write_bytes(phone_jpeg(64, 48, 1, 80) + b"\0" * (25 * 1024 * 1024))
    field.set_input_files(big)
    expect(field).to_have_accessible_description(
        re.compile("This photo is too large. Choose a photo under 25 MB.")
    )
    assert sent == []
