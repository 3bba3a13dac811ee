"""Task analysis through the API: the coach builds, the client follows, training shows fading."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from backend.audit.tables import AuditEvent
from backend.tasks.tables import (
    HelpRequest,
    SelfPrompt,
    StepCompletion,
    StepRecord,
    Task,
    TrainingSession,
)
from tests.api.conftest import Api
from tests.support import audio, photos, tasks
from tests.support.world import World


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


async def _task(api: Api, *texts: str, as_: str = "coach") -> dict[str, Any]:
    w = _w(api)
    created = await api.post(
        f"/api/clients/{w.ids['client']}/tasks",
        as_=as_,
        json={"title": "Set up the salad bar", "workplace": "Café Aalto"},
    )
    assert created.status_code == 201, created.text
    detail: dict[str, Any] = created.json()
    for text in texts:
        answer = await api.post(f"/api/tasks/{detail['id']}/steps", as_=as_, json={"text": text})
        assert answer.status_code == 201, answer.text
        detail = answer.json()
    return detail


def _texts(detail: dict[str, Any]) -> list[str]:
    return [s["text"] for s in detail["steps"]]


async def test_a_coach_builds_edits_reorders_and_removes_steps(world_api: Api) -> None:
    task = await _task(world_api, "Take the bowls.", "Fill the bowls.", "Put them in the bar.")
    assert task["masterySessions"] == 3 and task["clientId"] == _w(world_api).ids["client"]
    base = f"/api/tasks/{task['id']}"
    inserted = await world_api.post(
        f"{base}/steps", as_="coach", json={"text": "Wash your hands.", "position": 1}
    )
    steps = inserted.json()["steps"]
    assert _texts(inserted.json())[0] == "Wash your hands."
    assert [s["position"] for s in steps] == [1, 2, 3, 4]
    edited = await world_api.patch(
        f"{base}/steps/{steps[2]['id']}", as_="coach", json={"text": "Fill the bowls with salad."}
    )
    assert _texts(edited.json())[2] == "Fill the bowls with salad."
    order = [steps[3]["id"], steps[0]["id"], steps[1]["id"], steps[2]["id"]]
    reordered = await world_api.request(
        "PUT", f"{base}/order", as_="coach", json={"stepIds": order}
    )
    assert [s["id"] for s in reordered.json()["steps"]] == order
    assert [s["position"] for s in reordered.json()["steps"]] == [1, 2, 3, 4]
    partial = await world_api.request(
        "PUT", f"{base}/order", as_="coach", json={"stepIds": order[:2]}
    )
    assert partial.status_code == 422
    assert partial.json()["errors"][0]["field"] == "body.stepIds"
    assert (await world_api.delete(f"{base}/steps/{order[1]}", as_="coach")).status_code == 204
    after = (await world_api.get(base, as_="coach")).json()
    assert [s["id"] for s in after["steps"]] == [order[0], order[2], order[3]]
    assert [s["position"] for s in after["steps"]] == [1, 2, 3]
    renamed = await world_api.patch(
        base, as_="coach", json={"title": "Salad bar", "masterySessions": 2}
    )
    assert renamed.json()["title"] == "Salad bar" and renamed.json()["masterySessions"] == 2


async def test_step_sentences_are_short_and_plain(world_api: Api) -> None:
    task = await _task(world_api)
    base = f"/api/tasks/{task['id']}/steps"
    too_long = await world_api.post(base, as_="coach", json={"text": "x" * 141})
    assert too_long.status_code == 400
    assert too_long.json()["errors"][0]["field"] == "body.text"
    assert "140" in too_long.json()["errors"][0]["reason"]
    blank = await world_api.post(base, as_="coach", json={"text": "   "})
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "body.text"
    squeezed = await world_api.post(base, as_="coach", json={"text": "  Wipe   the  counter. "})
    assert _texts(squeezed.json()) == ["Wipe the counter."]


async def test_the_preview_is_exactly_what_the_client_sees(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    base = f"/api/tasks/{w.ids['task']}"
    await world_api.patch(f"{base}/steps/{w.ids['step2']}", as_="coach", json={"mastered": True})
    preview = await world_api.get(f"{base}/player", as_="coach")
    seen = await world_api.get(f"{base}/player", as_="client")
    assert preview.json() == seen.json()
    player = seen.json()
    assert player["stepCount"] == 2
    first, second = player["steps"]
    assert first["photo"]["srcsetJpeg"].count("w, ") == 2
    assert first["voice"]["contentType"] == "audio/webm"
    assert (first["compact"], second["compact"]) == (False, True)
    mine = await world_api.get(f"/api/clients/{w.ids['client']}/tasks", as_="client")
    assert [t["title"] for t in mine.json()] == ["Set up the salad bar"]
    assert mine.json()[0]["openHelpRequests"] == 1


async def test_staff_reads_are_audit_logged_the_clients_own_are_not(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    await world_api.get(f"/api/tasks/{w.ids['task']}", as_="coordinator")
    await world_api.get(f"/api/tasks/{w.ids['task']}/progress", as_="coach")
    await world_api.get(f"/api/clients/{w.ids['client']}/tasks", as_="admin")
    await world_api.get(f"/api/tasks/{w.ids['task']}/player", as_="client")
    rows = await AuditEvent.select(AuditEvent.action, AuditEvent.actor, AuditEvent.subject)
    reads = {(r["action"], r["actor"]) for r in rows if r["subject"] == w.ids["client"]}
    assert ("task_read", w.ids["coordinator"]) in reads
    assert ("task_progress_read", w.ids["coach"]) in reads
    assert ("tasks_listed", w.ids["admin"]) in reads
    assert not any(actor == w.ids["client"] for _, actor in reads)


async def test_copy_to_another_client_with_its_photos_and_voice(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    refused = await world_api.post(
        f"/api/tasks/{w.ids['task']}/copy", as_="coach", json={"toClientId": w.ids["other_client"]}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.toClientId"
    copied = await world_api.post(
        f"/api/tasks/{w.ids['task']}/copy",
        as_="admin",
        json={"toClientId": w.ids["other_client"], "title": "Salad bar at Riverside"},
    )
    assert copied.status_code == 201
    copy = copied.json()
    assert copy["clientId"] == w.ids["other_client"] and copy["copiedFrom"] == w.ids["task"]
    assert copy["title"] == "Salad bar at Riverside"
    assert _texts(copy) == ["Take the bowls from the fridge.", "Put the bowls in the bar."]
    photo_url = copy["steps"][0]["photo"]["files"][0]["webp"]
    assert (await world_api.get(photo_url, as_="other_client")).status_code == 200
    assert (await world_api.get(photo_url, as_="client")).status_code == 404
    voice = await world_api.get(copy["steps"][0]["voice"]["url"], as_="other_coach")
    assert voice.status_code == 200 and voice.content == audio.webm(4.0)
    # Training history stays with the original.
    progress = await world_api.get(f"/api/tasks/{copy['id']}/progress", as_="other_coach")
    assert progress.json()["sessions"] == []


async def test_templates_are_kept_per_team_and_workplace(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)  # makes the template "Salad bar" of team North
    made = await world_api.post(
        f"/api/tasks/{w.ids['task']}/template",
        as_="coach",
        json={"title": "Salad bar, weekend", "workplace": "Café Aalto"},
    )
    assert made.status_code == 201
    template = made.json()
    assert template["isTemplate"] and template["clientId"] is None
    mine = await world_api.get("/api/tasks/templates?workplace=Café Aalto", as_="coach")
    assert sorted(t["title"] for t in mine.json()) == ["Salad bar", "Salad bar, weekend"]
    none_here = await world_api.get("/api/tasks/templates?workplace=Hotel", as_="coach")
    assert none_here.json() == []
    assert (await world_api.get("/api/tasks/templates", as_="other_coach")).json() == []
    assert (
        await world_api.get(f"/api/tasks/{template['id']}", as_="other_coach")
    ).status_code == 404
    assert (await world_api.get(f"/api/tasks/{template['id']}", as_="client")).status_code == 404
    used = await world_api.post(
        f"/api/tasks/{template['id']}/copy", as_="coordinator", json={"toClientId": w.ids["client"]}
    )
    assert used.status_code == 201 and used.json()["clientId"] == w.ids["client"]
    assert used.json()["steps"][0]["photo"] is not None


async def test_voice_prompts_are_checked_by_content_and_length(world_api: Api) -> None:
    task = await _task(world_api, "Fold the towel in half.")
    step_id = task["steps"][0]["id"]
    path = f"/api/tasks/{task['id']}/steps/{step_id}/voice"
    safari = await tasks.upload(
        world_api,
        path,
        audio.recorded("m4a", 9.0),
        as_="coach",
        filename="v.mp4",
        content_type="audio/mp4",
    )
    assert safari.status_code == 200, safari.text
    assert safari.json()["voice"]["contentType"] == "audio/mp4"
    assert abs(safari.json()["voice"]["seconds"] - 9.0) < 0.1
    chrome = await tasks.upload(
        world_api, path, audio.webm(6.0), as_="coach", filename="v.webm", content_type="audio/webm"
    )
    voice = chrome.json()["voice"]
    served = await world_api.get(voice["url"], as_="client")
    assert served.headers["content-type"] == "audio/webm"
    assert served.content[:4] == b"\x1a\x45\xdf\xa3"  # WebM, in a new container
    files = [k for k in tasks.stored_files() if "/voice/" in k and task["id"] in k]
    assert len(files) == 1  # the MP4 was replaced
    for data, status in ((audio.webm(45.0), 422), (b"ID3\x04 not a recording", 415)):
        refused = await tasks.upload(world_api, path, data, as_="coach", content_type="audio/webm")
        assert refused.status_code == status
        assert refused.json()["errors"][0]["field"] == "file"
    assert (await world_api.delete(path, as_="coach")).status_code == 204
    assert (await world_api.get(voice["url"], as_="client")).status_code == 404


async def test_client_writes_land_once_per_client_id(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    base = f"/api/tasks/{w.ids['task']}"
    run = tasks.new_id()
    mark = {
        "localId": tasks.new_id(),
        "stepId": w.ids["step"],
        "runId": run,
        "at": tasks.timestamp(),
    }
    first = await world_api.post(f"{base}/completions", as_="client", json=mark)
    again = await world_api.post(f"{base}/completions", as_="client", json=mark)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert await StepCompletion.count() == 1
    # The same id with another body is refused, neither a second row nor the first's.
    clash = await world_api.post(
        f"{base}/completions", as_="client", json={**mark, "stepId": w.ids["step2"]}
    )
    assert clash.status_code == 422 and clash.json()["code"] == "key_reused"
    assert await StepCompletion.count() == 1
    other = await world_api.post(
        f"{base}/self-prompts",
        as_="client",
        json={"localId": mark["localId"], "stepId": w.ids["step"], "at": mark["at"]},
    )
    assert other.status_code == 201  # another table: its own ids
    prompt = {"localId": tasks.new_id(), "stepId": w.ids["step2"], "at": tasks.timestamp()}
    for expected in (201, 200):
        answer = await world_api.post(f"{base}/self-prompts", as_="client", json=prompt)
        assert answer.status_code == expected
    assert await SelfPrompt.count() == 2
    help_request = {"localId": tasks.new_id(), "at": tasks.timestamp()}
    for expected in (201, 200):
        answer = await world_api.post(f"{base}/help-requests", as_="client", json=help_request)
        assert answer.status_code == expected
        assert answer.json()["stepId"] is None
    assert await HelpRequest.count() == 2  # one from the task world
    # With the outbox's Idempotency-Key too, a replay gets the first answer.
    key = {"idempotency-key": f"outbox-{tasks.new_id()}"}
    late = {**mark, "localId": tasks.new_id()}
    a = await world_api.post(f"{base}/completions", as_="client", json=late, headers=key)
    b = await world_api.post(f"{base}/completions", as_="client", json=late, headers=key)
    assert (a.status_code, b.status_code) == (201, 201) and b.headers[
        "idempotent-replayed"
    ] == "true"
    assert await StepCompletion.count() == 2


async def test_client_writes_are_checked(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    base = f"/api/tasks/{w.ids['task']}"
    bad_id = await world_api.post(
        f"{base}/completions",
        as_="client",
        json={
            "localId": "not-a-uuid",
            "stepId": w.ids["step"],
            "runId": tasks.new_id(),
            "at": tasks.timestamp(),
        },
    )
    assert bad_id.status_code == 400 and bad_id.json()["errors"][0]["field"] == "body.localId"
    naive = await world_api.post(
        f"{base}/self-prompts",
        as_="client",
        json={"localId": tasks.new_id(), "stepId": w.ids["step"], "at": "2026-11-23T10:00:00"},
    )
    assert naive.status_code == 400 and naive.json()["errors"][0]["field"] == "body.at"
    foreign_step = await world_api.post(
        f"{base}/self-prompts",
        as_="client",
        json={"localId": tasks.new_id(), "stepId": tasks.new_id(), "at": tasks.timestamp()},
    )
    assert foreign_step.status_code == 422
    assert foreign_step.json()["errors"][0]["field"] == "body.stepId"


async def test_help_requests_reach_the_coach(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    base = f"/api/tasks/{w.ids['task']}"
    listed = (await world_api.get(f"{base}/help-requests", as_="coach")).json()
    assert len(listed) == 1
    assert listed[0]["stepText"] == "Put the bowls in the bar." and listed[0]["stepPosition"] == 2
    assert listed[0]["taskTitle"] == "Set up the salad bar" and listed[0]["resolvedAt"] is None
    resolved = await world_api.post(f"{base}/help-requests/{w.ids['help']}/resolve", as_="coach")
    assert resolved.json()["resolvedAt"] is not None
    summary = (await world_api.get(f"/api/clients/{w.ids['client']}/tasks", as_="coach")).json()
    assert summary[0]["openHelpRequests"] == 0


async def test_the_coach_home_lists_open_help_requests_of_the_caseload(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    listed = (await world_api.get("/api/help-requests", as_="coach")).json()
    assert [(r["id"], r["clientId"], r["taskId"]) for r in listed] == [
        (w.ids["help"], w.ids["client"], w.ids["task"])
    ]
    assert listed[0]["clientName"] and listed[0]["taskTitle"] == "Set up the salad bar"
    assert listed[0]["stepPosition"] == 2 and listed[0]["stepText"] == "Put the bowls in the bar."
    # Another team's coach sees none of it; the client cannot list requests at all.
    assert (await world_api.get("/api/help-requests", as_="other_coach")).json() == []
    assert (await world_api.get("/api/help-requests", as_="client")).status_code == 403
    await world_api.post(
        f"/api/tasks/{w.ids['task']}/help-requests/{w.ids['help']}/resolve", as_="coach"
    )
    assert (await world_api.get("/api/help-requests", as_="coach")).json() == []


async def test_three_independent_sessions_make_mastery(world_api: Api) -> None:
    task = await _task(world_api, "Take a towel.", "Fold it in half.", "Put it on the pile.")
    base = f"/api/tasks/{task['id']}"
    steps = [s["id"] for s in task["steps"]]
    day0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    plan = [
        ["physical", "model", "verbal"],
        ["verbal", "independent", "independent"],
        ["independent", "independent", "independent"],
        ["independent", "independent", "independent"],
        ["independent", "independent", "independent"],
    ]
    for day, levels in enumerate(plan):
        session_uuid = tasks.new_id()
        body = {
            "localId": session_uuid,
            "startedAt": (day0 + timedelta(days=2 * day)).isoformat(),
            "records": [{"stepId": steps[0], "level": levels[0], "durationSeconds": 30}],
        }
        created = await world_api.post(f"{base}/sessions", as_="coach", json=body)
        assert created.status_code == 201, created.text
        assert (await world_api.post(f"{base}/sessions", as_="coach", json=body)).status_code == 200
        for step_id, level in zip(steps[1:], levels[1:], strict=True):
            # The phone may record steps before it heard back: the session by its localId.
            recorded = await world_api.request(
                "PUT",
                f"{base}/sessions/{session_uuid}/records/{step_id}",
                as_="coach",
                json={"level": "physical"},
            )
            assert recorded.status_code == 200
            recorded = await world_api.request(
                "PUT",
                f"{base}/sessions/{created.json()['id']}/records/{step_id}",
                as_="coach",
                json={"level": level},
            )
        assert len(recorded.json()["records"]) == 3
    assert await TrainingSession.count() == 5
    assert await StepRecord.count() == 15  # a later tap replaces the earlier one

    progress = (await world_api.get(f"{base}/progress", as_="coach")).json()
    assert [s["independentPercent"] for s in progress["sessions"]] == [0, 67, 100, 100, 100]
    assert progress["sessionsToMastery"] == 5
    assert progress["daysToIndependence"] == 8
    assert progress["steps"][0]["levels"] == [
        "physical", "verbal", "independent", "independent", "independent"
    ]  # fmt: skip
    assert [s["independentStreak"] for s in progress["steps"]] == [3, 4, 4]
    assert all(s["readyToFade"] for s in progress["steps"])
    assert progress["sessions"][0]["coachName"] == "Ada Coach"

    # The criterion is the coach's to set: with 4 sessions in a row it is not reached yet.
    await world_api.patch(base, as_="coach", json={"masterySessions": 4})
    stricter = (await world_api.get(f"{base}/progress", as_="coach")).json()
    assert stricter["sessionsToMastery"] is None

    mine = (await world_api.get(f"{base}/my-progress", as_="client")).json()
    assert mine["latest"]["onYourOwn"] == 3 and mine["latest"]["total"] == 3
    assert mine["previous"]["onYourOwn"] == 3 and mine["sessions"] == 5
    assert mine["lastRun"] is None and mine["mastered"] is False


async def test_my_progress_counts_the_last_run(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    base = f"/api/tasks/{w.ids['task']}"
    run = tasks.new_id()
    for step in (w.ids["step"], w.ids["step2"], w.ids["step2"]):
        await world_api.post(
            f"{base}/completions",
            as_="client",
            json={
                "localId": tasks.new_id(),
                "stepId": step,
                "runId": run,
                "at": tasks.timestamp(),
            },
        )
    mine = (await world_api.get(f"{base}/my-progress", as_="client")).json()
    assert mine["lastRun"]["runId"] == run
    assert (mine["lastRun"]["stepsDone"], mine["lastRun"]["total"]) == (2, 2)
    assert mine["latest"]["onYourOwn"] == 0 and mine["latest"]["total"] == 2


async def test_self_prompts_show_which_mastered_steps_still_need_the_photo(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    base = f"/api/tasks/{w.ids['task']}"
    await world_api.patch(f"{base}/steps/{w.ids['step']}", as_="coach", json={"mastered": True})
    for _ in range(2):
        await world_api.post(
            f"{base}/self-prompts",
            as_="client",
            json={"localId": tasks.new_id(), "stepId": w.ids["step"], "at": tasks.timestamp()},
        )
    progress = (await world_api.get(f"{base}/progress", as_="coach")).json()
    assert [(s["mastered"], s["selfPrompts"]) for s in progress["steps"]] == [(True, 2), (False, 0)]


async def test_removing_a_task_removes_its_files(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    assert any(w.ids["task"] in k for k in tasks.stored_files())
    assert (await world_api.delete(f"/api/tasks/{w.ids['task']}", as_="coach")).status_code == 204
    assert not any(w.ids["task"] in k for k in tasks.stored_files())
    assert await Task.count().where(Task.id == w.ids["task"]) == 0
    assert (await world_api.get(f"/api/tasks/{w.ids['task']}", as_="coach")).status_code == 404


async def test_malformed_ids_are_not_found(world_api: Api) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    for path in (
        "/api/tasks/not-a-uuid",
        f"/api/tasks/{w.ids['task']}/steps/nope/voice/x.webm",
        f"/api/tasks/{w.ids['task']}/sessions/nope/records/{w.ids['step']}",
        "/api/clients/nope/tasks",
    ):
        method = "PUT" if "/records/" in path else "GET"
        answer = await world_api.request(method, path, as_="coach", json={"level": "verbal"})
        assert answer.status_code == 404, path


async def test_a_photo_upload_through_the_player_flow(world_api: Api) -> None:
    """The whole loop in one: build with a phone photo, the client sees it upright."""
    task = await _task(world_api, "Scan the book.")
    step_id = task["steps"][0]["id"]
    uploaded = await tasks.upload(
        world_api,
        f"/api/tasks/{task['id']}/steps/{step_id}/photo",
        photos.phone_jpeg(2000, 1500, 6, 85),
        as_="coach",
    )
    player = (await world_api.get(f"/api/tasks/{task['id']}/player", as_="client")).json()
    assert player["steps"][0]["photo"] == uploaded.json()["photo"]
    assert (player["steps"][0]["photo"]["width"], player["steps"][0]["photo"]["height"]) == (
        1200,
        1600,
    )


async def test_a_task_keeps_the_language_it_was_written_in(world_api: Api) -> None:
    """The player marks the words with their language and reads them in a voice for it, so
    an English task read by a client whose app is in Finnish is still read in English."""
    w = _w(world_api)
    # Written by a coach whose app is in English; the client reads in Finnish.
    for who, locale in (("coach", "en"), ("client", "fi")):
        answer = await world_api.patch("/api/me", as_=who, json={"locale": locale})
        assert answer.status_code == 200, answer.text
    detail = await _task(world_api, "Take the bowls from the fridge.")
    assert detail["language"] == "en"
    player = await world_api.get(f"/api/tasks/{detail['id']}/player", as_="client")
    assert player.json()["language"] == "en"
    mine = await world_api.get(f"/api/clients/{w.ids['client']}/tasks", as_="client")
    assert {t["language"] for t in mine.json() if t["id"] == detail["id"]} == {"en"}

    # The device's language, when the coach's app says it, wins over the saved one.
    made = await world_api.post(
        f"/api/clients/{w.ids['client']}/tasks",
        as_="coach",
        json={"title": "Taittele pyyhkeet", "language": "fi"},
    )
    assert made.status_code == 201 and made.json()["language"] == "fi"
    refused = await world_api.post(
        f"/api/clients/{w.ids['client']}/tasks",
        as_="coach",
        json={"title": "Falten", "language": "de"},
    )
    assert refused.status_code == 400, refused.text
    assert "language" in refused.text

    # A copy keeps the language of the words it copies.
    copied = await world_api.post(
        f"/api/tasks/{detail['id']}/copy", as_="coach", json={"toClientId": w.ids["client"]}
    )
    assert copied.status_code == 201 and copied.json()["language"] == "en"
