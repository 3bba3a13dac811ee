"""The vocational profile through the API: the client and the coach write the draft together
(two phones, one of them offline for a while), staff ask the client to approve a version, the
client approves with a fresh step-up of their passkey, a later change waits in a new version
while the approved one stays in force; writes land once however often the outbox sends them;
a write made from an older revision keeps both texts; staff reads and approvals are in the
audit log; My data, the export and erasure hold the profile like everything else."""

from __future__ import annotations

import copy
import io
import json
import shutil
import zipfile
from typing import Any

import pytest

from backend.audit.tables import AuditEvent
from backend.profiles import ProfileApproved, approved_profile, photo_jpeg, templates, versions
from backend.profiles.tables import Profile, ProfileEdit, ProfilePhoto, ProfileSection
from backend.settings import get_settings
from tests.api.conftest import Api
from tests.support import agreements, audio, family, scan
from tests.support import journey as journeys
from tests.support import profiles as support
from tests.support.photos import phone_jpeg
from tests.support.world import World


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


def _base(api: Api) -> str:
    return support.base(_w(api).ids["client"])


async def _write(
    api: Api, key: str, as_: str, base: int, headers: dict[str, str] | None = None, **fields: Any
) -> Any:
    body = {"localId": fields.pop("local_id", support.new_id()), "baseRevision": base, **fields}
    return await api.request(
        "PUT", f"{_base(api)}/sections/{key}", as_=as_, json=body, headers=headers
    )


def _section(profile: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in profile["sections"] if s["key"] == key)
    return found


async def _choose(api: Api, as_: str = "client", base: int = 0, **fields: Any) -> Any:
    body = {"localId": support.new_id(), "baseRevision": base, **fields}
    return await api.request("PUT", f"{_base(api)}/choices", as_=as_, json=body)


async def _ask(api: Api, local_id: str | None = None) -> Any:
    return await api.post(
        f"{_base(api)}/versions", as_="coach", json={"localId": local_id or support.new_id()}
    )


async def _approve(api: Api, number: int, fresh: bool = True) -> Any:
    if fresh:
        await agreements.fresh(_w(api), "client")
    return await api.post(f"{_base(api)}/versions/{number}/approve", as_="client")


async def _actions(subject: str) -> list[str]:
    rows = await AuditEvent.select(AuditEvent.action).where(AuditEvent.subject == subject)
    return [r["action"] for r in rows]


async def test_versions_are_asked_for_approved_with_a_passkey_and_stay_until_the_next(
    world_api: Api,
) -> None:
    w = _w(world_api)
    empty = await world_api.get(_base(world_api), as_="client")
    assert empty.status_code == 200, empty.text
    assert [s["key"] for s in empty.json()["sections"]] == [
        "who_i_am", "likes_and_strengths", "done", "how_i_learn", "needs", "not_want", "bring",
    ]  # fmt: skip
    mine = await _write(world_api, "who_i_am", "client", 0, words="I am Alice. I like order.")
    assert mine.status_code == 200, mine.text
    liked = await _write(
        world_api, "likes_and_strengths", "client", 0,
        themes=["food", "order"], ownThemes=["Board games"],
    )  # fmt: skip
    assert _section(liked.json(), "likes_and_strengths")["themes"] == ["food", "order"]
    done = await _write(
        world_api, "done", "coach", 0,
        experiences=[{"kind": "school", "what": "Catering course", "where": "Vocational school",
                      "fromDate": "2022-09-01", "until": "2023-06-15"}],
    )  # fmt: skip
    assert done.status_code == 200, done.text

    # No version before the client's disclosure choice is recorded: a problem naming it.
    refused = await _ask(world_api)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.disclosure"
    chosen = await _choose(
        world_api, disclosure="adjustments", disclosureWords="I work best with a written list."
    )
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["choices"]["disclosure"] == "adjustments"

    key = support.new_id()
    asked = await _ask(world_api, key)
    assert asked.status_code == 201, asked.text
    assert asked.json()["number"] == 1 and asked.json()["approvedAt"] is None
    again = await _ask(world_api, key)  # the outbox sent it twice
    assert again.status_code == 200 and again.json()["number"] == 1
    # The client reads it (never the coach's notes), then approves with a passkey step-up.
    assert (await _approve(world_api, 1, fresh=False)).json()["code"] == "reverify_needed"
    assert (
        await world_api.post(f"{_base(world_api)}/versions/1/approve", as_="coach")
    ).status_code == 403
    approved = await _approve(world_api, 1)
    assert approved.status_code == 200, approved.text
    assert approved.json()["approvedAt"] is not None
    staff = (await world_api.get(_base(world_api), as_="coach")).json()
    assert staff["approved"] == 1 and staff["waiting"] is None and not staff["draftChanged"]
    assert staff["versions"][0]["approvedAt"] is not None

    # A later change makes a new draft; version 1 stays in force until version 2 is approved.
    await _write(world_api, "bring", "client", 0, words="I am on time, every time.")
    staff = (await world_api.get(_base(world_api), as_="coach")).json()
    assert staff["draftChanged"] and staff["approved"] == 1
    assert (await _ask(world_api)).json()["number"] == 2
    staff = (await world_api.get(_base(world_api), as_="coach")).json()
    assert staff["approved"] == 1 and staff["waiting"] == 2
    in_force = await world_api.get(f"{_base(world_api)}/approved", as_="coach")
    assert in_force.json()["number"] == 1
    stale = await _approve(world_api, 1)  # not an older one once a newer one waits
    assert stale.status_code == 409 and stale.json()["errors"][0]["field"] == "body.version"
    assert (await _approve(world_api, 2)).status_code == 200
    profile = await approved_profile(w.ids["client"], "pl")
    assert profile is not None and profile.version == 2
    assert [s.heading for s in profile.sections][:2] == [
        "Kim jestem", "Co lubię i w czym jestem dobry",
    ]  # fmt: skip
    assert profile.themes == ["Jedzenie i gotowanie", "Sprzątanie i porządek", "Board games"]
    assert profile.experiences[0].what == "Catering course"
    assert profile.disclosure == "adjustments"
    assert profile.sections[-1].text == "I am on time, every time."
    assert await approved_profile(w.ids["other_client"], "en") is None

    actions = await _actions(w.ids["client"])
    assert actions.count("profile_approved") == 2 and actions.count("profile_version_made") == 2
    assert "profile_read" in actions  # staff reads are logged; the client's own are not


async def test_a_write_from_an_older_revision_keeps_both_texts_and_merges_the_rest(
    world_api: Api,
) -> None:
    first = await _write(world_api, "needs", "client", 0, words="Quiet place.")
    assert _section(first.json(), "needs")["revision"] == 1
    # The coach, online, changes the words (from revision 1).
    coach = await _write(world_api, "needs", "coach", 1, words="A quiet place, mornings only.")
    assert _section(coach.json(), "needs")["revision"] == 2
    # The client's phone was offline since revision 1: its words and a condition arrive now.
    late = await _write(
        world_api, "needs", "client", 1,
        words="Quiet, and no phone calls.", conditions={"noise": "Headphones help."},
    )  # fmt: skip
    assert late.status_code == 200, late.text
    section = _section(late.json(), "needs")
    assert section["words"] == "A quiet place, mornings only."  # the newer words stay
    assert section["conditions"]["noise"] == "Headphones help."  # nobody else changed it
    assert [(k["field"], k["value"], k["byName"]) for k in section["kept"]] == [
        ("words", "Quiet, and no phone calls.", "Alice Client"),
    ]
    # Two edits queued on one phone are not a conflict with each other.
    queued = await _write(world_api, "needs", "client", 1, words="Quiet, no calls, no radio.")
    assert [k["field"] for k in _section(queued.json(), "needs")["kept"]] == ["words", "words"]
    # Lists take the union: nothing the other phone added is lost.
    await _write(world_api, "likes_and_strengths", "coach", 0, themes=["animals"])
    merged = await _write(world_api, "likes_and_strengths", "client", 0, themes=["food"])
    assert _section(merged.json(), "likes_and_strengths")["themes"] == ["animals", "food"]
    # The client chooses: writes the words again from the newest revision, and lets go of both.
    newest = _section(merged.json(), "needs")["revision"]
    chosen = await _write(
        world_api, "needs", "client", newest,
        words="Quiet, mornings, no phone calls.", resolve=["words"],
    )  # fmt: skip
    section = _section(chosen.json(), "needs")
    assert section["words"] == "Quiet, mornings, no phone calls." and section["kept"] == []


async def test_a_write_sent_again_lands_once(world_api: Api) -> None:
    local_id = support.new_id()
    key = {"Idempotency-Key": "alice-profile-0001"}
    first = await _write(
        world_api, "how_i_learn", "client", 0, headers=key, local_id=local_id,
        words="Show me once, then let me try.",
    )  # fmt: skip
    assert first.status_code == 200, first.text
    replay = await _write(
        world_api, "how_i_learn", "client", 0, headers=key, local_id=local_id,
        words="Show me once, then let me try.",
    )  # fmt: skip
    assert replay.status_code == 200 and replay.headers.get("idempotent-replayed") == "true"
    # Without the key's record (gone, or another device's key), the localId still holds.
    without_key = await _write(
        world_api, "how_i_learn", "client", 0, local_id=local_id,
        words="Show me once, then let me try.",
    )  # fmt: skip
    assert without_key.status_code == 200
    assert _section(without_key.json(), "how_i_learn")["revision"] == 1
    assert await ProfileEdit.count().where(ProfileEdit.client_uuid == local_id) == 1
    elsewhere = await _write(world_api, "bring", "client", 0, local_id=local_id, words="x")
    assert elsewhere.status_code == 409


async def test_the_coachs_notes_are_staffs_and_the_client_reads_them_in_my_data(
    world_api: Api,
) -> None:
    refused = await _write(world_api, "who_i_am", "client", 0, notes="I write this myself.")
    assert refused.status_code == 403
    await _write(world_api, "who_i_am", "coach", 0, notes="Strong with routines.", words="Me.")
    client_view = _section((await world_api.get(_base(world_api), as_="client")).json(), "who_i_am")
    assert client_view["notes"] is None and client_view["words"] == "Me."
    coach_view = _section((await world_api.get(_base(world_api), as_="coach")).json(), "who_i_am")
    assert coach_view["notes"] == "Strong with routines."
    benefits = await _choose(world_api, benefitsOffered=True, benefitsOfferedOn="2026-12-01")
    assert benefits.status_code == 403  # staff record the benefits check
    recorded = await _choose(
        world_api, as_="coach", benefitsOffered=True, benefitsOfferedOn="2026-12-01"
    )
    choices = recorded.json()["choices"]
    assert choices["benefitsOffered"] and choices["benefitsOfferedByName"] == "Ada Coach"

    mine = (await world_api.get("/api/me/data", as_="client")).json()
    text = json.dumps(mine)
    assert "Strong with routines." in text and "Your vocational profile" in text


async def test_a_mentor_reads_the_approved_profile_only_when_the_client_allows_it(
    world_api: Api,
) -> None:
    w = _w(world_api)
    await support.build_profile(w, approved=True)
    approved = f"{_base(world_api)}/approved"
    assert (await world_api.get(approved, as_="mentor")).status_code == 404
    assert (await world_api.get(_base(world_api), as_="mentor")).status_code == 404
    photo = f"/api/profile-photos/{w.ids['profile_photo']}"
    allowed = await _choose(world_api, base=1, mentorMayRead=True)
    assert allowed.status_code == 200 and allowed.json()["choices"]["mentorMayRead"]
    assert (await _choose(world_api, as_="coach", mentorMayRead=False)).status_code == 403
    read = await world_api.get(approved, as_="mentor")
    assert read.status_code == 200 and "Calm and precise." not in read.text
    shown = read.json()["sections"][0]["photos"][0]["photo"]["src"]
    assert (await world_api.get(shown, as_="mentor")).status_code == 200
    assert (await world_api.get(approved, as_="family")).status_code == 404
    assert "profile_mentor_reading" in await _actions(w.ids["client"])
    assert (await world_api.delete(photo, as_="mentor")).status_code == 403  # sees, not changes


async def test_photos_and_voice_notes_are_kept_clean_and_go_with_erasure(world_api: Api) -> None:
    w = _w(world_api)
    # The database is fresh for every test, the storage directory is not: start it empty too.
    shutil.rmtree(get_settings().data_dir / "files", ignore_errors=True)
    added = await support.upload(
        world_api, "POST", f"{_base(world_api)}/sections/done/photos?caption=My%20bakery",
        phone_jpeg(1200, 900, 6, 85), as_="client", content_type="image/jpeg", name="a.jpg",
    )  # fmt: skip
    assert added.status_code == 201, added.text
    photo = _section(added.json(), "done")["photos"][0]
    assert photo["caption"] == "My bakery"
    jpeg = await photo_jpeg(photo["id"])
    assert jpeg[:2] == b"\xff\xd8" and b"Exif" not in jpeg[:64]
    voice = await support.upload(
        world_api, "PUT", f"{_base(world_api)}/sections/done/voice",
        audio.recorded("webm", 5.0, tagged=True), as_="client", content_type="audio/webm",
        name="v.webm",
    )  # fmt: skip
    assert voice.status_code == 200, voice.text
    note = _section(voice.json(), "done")["voice"]
    heard = await world_api.get(note["url"], as_="coach")
    assert heard.status_code == 200 and heard.content[:4] == b"\x1a\x45\xdf\xa3"

    export = await world_api.get("/api/me/export", as_="client")
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        names = archive.namelist()
        tables = json.loads(archive.read("data.json"))["tables"]
    assert f"photos/profile-{photo['id']}.jpg" in names
    assert "voice/profile-done.webm" in names
    assert {"profiles", "profile_sections", "profile_photos", "profile_edits"} <= set(tables)

    files_before = [p for p in scan.data_files() if "/profiles/" in f"/{p}"]
    assert files_before
    erased = await world_api.post(
        f"/api/people/{w.ids['client']}/erase", as_="admin", json={"confirmName": "Alice Client"}
    )
    assert erased.status_code == 200, erased.text
    for table in (Profile, ProfileSection, ProfilePhoto, ProfileEdit):
        assert await table.count() == 0, table
    assert [p for p in scan.data_files() if "/profiles/" in f"/{p}"] == []


async def test_the_approved_profile_is_what_profiling_produced(world_api: Api) -> None:
    w = _w(world_api)
    journey = f"/api/clients/{w.ids['client']}/journey"
    opened = await world_api.post(
        f"{journey}/episodes", as_="coach", json=journeys.intake(journeys.days_ago(10))
    )
    assert opened.status_code == 201, opened.text
    started = await world_api.post(
        f"{journey}/stages", as_="coach", json=journeys.start("profiling", journeys.days_ago(5))
    )
    assert started.status_code == 201, started.text
    await support.build_profile(w)
    stages = (await world_api.get(journey, as_="coach")).json()["current"]["stages"]
    assert [p for s in stages for p in s["products"]] == []  # not approved: not a product
    await support.build_profile(w, approved=True)
    stages = (await world_api.get(journey, as_="client")).json()["current"]["stages"]
    profiling = next(s for s in stages if s["stage"] == "profiling")
    assert [(p["kind"], p["id"], p["title"], p["on"]) for p in profiling["products"]] == [
        ("vocational_profile", w.ids["client"], "1", journeys.today().isoformat())
    ]


async def test_a_family_member_reads_the_approved_profile_only_while_the_client_shares_it(
    world_api: Api,
) -> None:
    w = _w(world_api)
    await support.build_profile(w, approved=True)
    approved = f"{_base(world_api)}/approved"
    photo = f"/api/profile-photos/{w.ids['profile_photo']}/photo/{w.ids['profile_photo_file']}"
    assert (await world_api.get(approved, as_="family")).status_code == 404
    assert (await world_api.get(photo, as_="family")).status_code == 404
    # Alice shares "My profile" with her father (the wording's version 3 offers it).
    await family.grant(w, "profile", version=3)
    read = await world_api.get(approved, as_="family")
    assert read.status_code == 200 and "Calm and precise." not in read.text
    assert (await world_api.get(photo, as_="family")).status_code == 200
    assert (await world_api.get(_base(world_api), as_="family")).status_code == 404  # no draft
    # Withdrawn: in force at his very next request.
    await family.grant(w, "profile", granted=False, version=3)
    assert (await world_api.get(approved, as_="family")).status_code == 404


async def test_the_template_is_versioned_and_a_profile_keeps_its_version(world_api: Api) -> None:
    w = _w(world_api)
    await support.build_profile(w)  # Alice's profile, started with version 1
    texts = copy.deepcopy(templates.default_texts())
    texts["fi"]["sections"]["who_i_am"]["heading"] = "Minä"
    del texts["he"]["themes"]["office"]
    missing = await world_api.post("/api/profile-templates", as_="admin", json=texts)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "body.he.themes.office"
    texts["he"]["themes"]["office"] = "משרד"
    assert (
        await world_api.post("/api/profile-templates", as_="coach", json=texts)
    ).status_code == 403
    made = await world_api.post("/api/profile-templates", as_="admin", json=texts)
    assert made.status_code == 201, made.text
    assert made.json()["version"] == 2
    assert made.json()["texts"]["fi"]["sections"]["who_i_am"]["heading"] == "Minä"
    first = (await world_api.get("/api/profile-templates/1", as_="client")).json()
    assert first["texts"]["fi"]["sections"]["who_i_am"]["heading"] == "Kuka olen"
    # Alice's profile keeps version 1; a profile begun now starts with version 2.
    assert (await world_api.get(_base(world_api), as_="client")).json()["templateVersion"] == 1
    bob = support.base(w.ids["other_client"])
    assert (await world_api.get(bob, as_="other_client")).json()["templateVersion"] == 2
    assert "profile_template_added" in [
        r["action"] for r in await AuditEvent.select(AuditEvent.action)
    ]


async def test_approving_tells_the_layers_above_once(
    world_api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[object] = []

    async def record(event: object) -> None:
        told.append(event)

    monkeypatch.setattr(versions, "emit", record)
    w = _w(world_api)
    await support.build_profile(w)
    number = (await _ask(world_api)).json()["number"]
    assert (await _approve(world_api, number)).status_code == 200
    assert (await _approve(world_api, number)).status_code == 200  # again: nothing new
    assert len(told) == 1 and isinstance(told[0], ProfileApproved)
    assert told[0].client_id == w.ids["client"] and told[0].version == number
