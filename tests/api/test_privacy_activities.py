"""The activities about a client under My data and in the export: each one the client may read,
in words (when, with whom, how, made or only attempted, minutes, what about, the note, what was
agreed), and the restricted ones only counted — never their note or why they are kept."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from tests.api.conftest import Api
from tests.api.test_activities import _employer, fake_clock, log
from tests.support.clock import FakeClock

__all__ = ["fake_clock"]  # the fixture, used by name

SECRET_NOTE = "The supervisor worries about the night shifts"
SECRET_REASON = "The supervisor asked us to keep it between us"


async def _log_three(api: Api) -> None:
    await log(
        api,
        note="Practised the till with Alice",
        minutes=45,
        purposes=["training", "follow_along"],
        agreed=[{"text": "Bring the locker key", "who": "client"}],
    )
    await log(api, mode="phone", made=False, minutes=0, purposes=["job_search"], note="No answer")
    for note in (SECRET_NOTE, "The manager asked about her hours"):
        await log(
            api,
            withWhom="employer_person",
            employerId=await _employer(),
            note=note,
            restricted=True,
            restrictedReason=SECRET_REASON,
        )


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(s for s in data["sections"] if s["key"] == key)


async def test_my_data_shows_the_activities_about_the_client_in_words_and_counts_restricted(
    world_api: Api, fake_clock: FakeClock
) -> None:
    await _log_three(world_api)
    answer = await world_api.get("/api/me/data", as_="client")
    assert answer.status_code == 200, answer.text
    data = answer.json()
    section = _section(data, "activities")
    rows = {row["Note"]: row for row in section["rows"]}
    assert set(rows) == {"Practised the till with Alice", "No answer"}
    visit = rows["Practised the till with Alice"]
    assert visit["With whom"] == "With the client"
    assert visit["How"] == "Face to face at the workplace"
    assert visit["Made (not only attempted)"] == "yes"
    assert visit["Minutes"] == 45
    assert visit["What it was about"] == "Training at work and Keeping in touch"
    assert visit["Written by"] == "Ada Coach"
    assert "Kept from the client" not in visit and "Why it is kept" not in visit
    call = rows["No answer"]
    assert (call["How"], call["Made (not only attempted)"]) == ("Phone call", "no")
    assert call["What it was about"] == "Looking for a job"
    assert visit["When"].startswith("2026-12-01T12:00")  # two hours before the clock
    agreed = _section(data, "activity_agreed_actions")["rows"]
    assert [a["Text"] for a in agreed] == ["Bring the locker key"]
    assert agreed[0]["Who does it"] == "the client does it"
    assert (
        "2 notes about you are kept restricted because someone asked for them"
        in (section["description"])
    )
    text = json.dumps(data)
    assert SECRET_NOTE not in text and SECRET_REASON not in text
    assert "The manager asked about her hours" not in text


async def test_one_restricted_activity_alone_still_says_it_is_kept(
    world_api: Api, fake_clock: FakeClock
) -> None:
    await log(world_api, note=SECRET_NOTE, restricted=True, restrictedReason=SECRET_REASON)
    data = (await world_api.get("/api/me/data", as_="client")).json()
    section = _section(data, "activities")
    assert section["rows"] == []
    assert "1 note about you is kept restricted" in section["description"]
    assert SECRET_NOTE not in json.dumps(data)


async def test_the_export_holds_the_activities_words_and_not_the_restricted_ones(
    world_api: Api, fake_clock: FakeClock
) -> None:
    await _log_three(world_api)
    answer = await world_api.get("/api/me/export", as_="client")
    assert answer.status_code == 200
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    data = json.loads(files["data.json"])
    assert {a["note"] for a in data["tables"]["activities"]} == {
        "Practised the till with Alice",
        "No answer",
    }
    assert [a["text"] for a in data["tables"]["activity_agreed_actions"]] == [
        "Bring the locker key"
    ]
    assert data["withheld"] == {"activities": 2}
    page = files["index.html"].decode()
    for words in ("Practised the till with Alice", "Phone call", "Training at work", "2 notes"):
        assert words in page, words
    archive_text = b"".join(files.values()).decode(errors="replace")
    assert SECRET_NOTE not in archive_text and SECRET_REASON not in archive_text
    assert "The manager asked about her hours" not in archive_text
