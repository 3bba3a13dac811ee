"""Words keep the language they were written in: an English step on a
phone set to Finnish is marked ``lang="en"`` and read aloud with an English voice.

Headless Chromium has no voices: ``speechSynthesis`` is replaced in the page by a test double
that records the utterances the app asks for (text, language, voice) — the assertion is on
what the app requests of the phone."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from tests.e2e.conftest import Account, Organisation, PersonFactory
from tests.e2e.pages import Person, PlayerPage

STEP = "Put a clean cloth on every table."


SPEECH = """
(() => {
  window.spoken = [];
  const voices = VOICES;
  class Utterance {
    constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1; }
  }
  window.SpeechSynthesisUtterance = Utterance;
  Object.defineProperty(window, 'speechSynthesis', { value: {
    getVoices: () => voices, speaking: false, cancel() {}, addEventListener() {},
    removeEventListener() {},
    speak(u) {
      window.spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name });
    },
  }});
})();
"""


def _speech(voices: list[dict[str, object]]) -> str:
    return SPEECH.replace("VOICES", json.dumps(voices))


ENGLISH = {"name": "Test English", "lang": "en-GB", "default": True, "localService": True}
FINNISH = {"name": "Test Finnish", "lang": "fi-FI", "default": True, "localService": True}


def _english_task(org: Organisation, client: Account, new_person: PersonFactory) -> str:
    """The coach, whose app is in English, writes a task for a client who reads Finnish."""
    coach = new_person(account=org.coach)
    task = coach.api(
        "POST",
        f"/api/clients/{client.id}/tasks",
        {"title": "Set the tables", "workplace": "Café Aalto", "language": "en"},
    )
    coach.api("POST", f"/api/tasks/{task['id']}/steps", {"text": STEP})
    return str(task["id"])


def _finnish_reader(
    client: Account, new_person: PersonFactory, voices: list[dict[str, object]]
) -> Person:
    person = new_person(account=client, locale="fi-FI", width=390, height=844)
    person.api("PATCH", "/api/me", {"locale": "fi"})
    person.page.add_init_script(_speech(voices))
    return person


def test_an_english_step_is_marked_english_and_read_with_an_english_voice(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    task_id = _english_task(org, fresh_client, new_person)
    reader = _finnish_reader(fresh_client, new_person, [FINNISH, ENGLISH])
    page = reader.page
    # The list of tasks: the title keeps its language, and "Read aloud" reads it in English
    # between the app's Finnish words.
    page.goto("/tasks")
    expect(page.get_by_text("Set the tables", exact=True)).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Lue ääneen").click()
    page.wait_for_function("() => window.spoken.length > 1")
    listed = page.evaluate("window.spoken")
    assert {"text": "Set the tables.", "lang": "en-GB", "voice": "Test English"} in listed, listed
    assert listed[0]["lang"] == "fi-FI", listed
    page.evaluate("window.spoken.length = 0")

    page.goto(f"/tasks/{task_id}")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text("Vaihe 1/1")

    text = page.get_by_text(STEP)
    expect(text).to_have_attribute("lang", "en")
    expect(text).to_have_attribute("dir", "auto")
    expect(reader.heading()).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Lue minulle").click()
    page.wait_for_function("() => window.spoken.length > 0")
    spoken = page.evaluate("window.spoken")
    assert spoken == [{"text": STEP, "lang": "en-GB", "voice": "Test English"}], spoken
    expect(PlayerPage(page).message()).to_have_text("")

    # "Read aloud" on the end screen: the task's English title in English, the app's words in
    # Finnish, each as its own utterance.
    page.get_by_role("button", name="Tehty — valmis").click()
    page.get_by_role("button", name="Lue ääneen").click()
    page.wait_for_function("() => window.spoken.length > 1")
    parts = page.evaluate("window.spoken.slice(1)")
    assert parts[0] == {"text": "Set the tables.", "lang": "en-GB", "voice": "Test English"}, parts
    assert parts[1]["lang"] == "fi-FI" and parts[1]["voice"] == "Test Finnish", parts


def test_without_a_voice_for_the_steps_language_the_phone_says_so(
    org: Organisation, fresh_client: Account, new_person: PersonFactory
) -> None:
    task_id = _english_task(org, fresh_client, new_person)
    # This phone only speaks Finnish: the English step is not read in a Finnish voice.
    reader = _finnish_reader(fresh_client, new_person, [FINNISH])
    page = reader.page
    page.goto(f"/tasks/{task_id}")
    expect(page.get_by_text(STEP)).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Lue minulle").click()
    expect(PlayerPage(page).message()).to_have_text(
        re.compile(r"^Tässä puhelimessa ei ole ääntä kielelle English\.")
    )
    assert page.evaluate("window.spoken") == []
