"""The job analysis through the API: the coach analyses Alice's kitchen job (the fields, the
demands, the glossary, the adjustments), adds its tasks — one opening a photo task of hers,
one making a new photo task for the job — records job carving and a natural support; the
demands are compared with her profile and mismatches named; writes land once however often the
outbox sends them; bad input is refused naming the field; Alice reads her own analysis without
the coach's notes; staff reads are audit-logged; the handover pack's contract reads it."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from PIL import Image

from backend.audit.tables import AuditEvent
from backend.lib.clock import now
from backend.tasks.tables import Task
from backend.workplace import JobAnalysed, adjustments_of, services, supports_of, task_ids_of
from backend.workplace.reading import SupportRow
from backend.workplace.tables import AnalysisEdit, AnalysisTask, JobAnalysis, NaturalSupport
from tests.api.conftest import Api
from tests.support import profiles, tasks, workplace
from tests.support.employers import build_employers
from tests.support.photos import phone_jpeg
from tests.support.world import World


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


async def _ready(api: Api) -> str:
    """Alice's job at Hotel Aurora and her photo task; the analysis' address."""
    w = _w(api)
    await build_employers(w)
    await tasks.build_tasks(w)
    return workplace.base(w.ids["job"])


async def _write(api: Api, as_: str = "coach", **fields: Any) -> Any:
    body = {"localId": fields.pop("local_id", workplace.new_id()), **fields}
    return await api.request("PUT", await _ready(api), as_=as_, json=body)


async def _actions(subject: str) -> list[str]:
    rows = await AuditEvent.select(AuditEvent.action).where(AuditEvent.subject == subject)
    return [r["action"] for r in rows]


async def test_the_coach_analyses_the_job_and_a_repeat_lands_once(
    world_api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[object] = []

    async def record(event: object) -> None:
        told.append(event)

    monkeypatch.setattr(services, "emit", record)
    base = await _ready(world_api)
    empty = (await world_api.get(base, as_="coach")).json()
    assert empty["started"] is False and empty["templateVersion"] == 1
    assert empty["demands"]["hoursPerWeek"] == 13  # the job's 12.5 hours, rounded
    local_id = workplace.new_id()
    body = {
        "texts": {"address": "Rantatie 2", "breaks": "At ten, fifteen minutes"},
        "demands": {"noiseLevel": "loud", "peopleLevel": "many", "travelMinutes": 35},
        "glossary": [{"term": "the pass", "meaning": "the counter where plates go out"}],
        "adjustments": ["A written list of the morning", " ", "Breaks at fixed times"],
        "notes": "The chef is supportive.",
    }
    first = await _write(world_api, local_id=local_id, **body)
    assert first.status_code == 200, first.text
    again = await _write(world_api, local_id=local_id, **body)  # the outbox sends it again
    assert again.status_code == 200
    shown = again.json()
    assert shown["started"] is True and shown["revision"] == 1
    assert shown["texts"]["address"] == "Rantatie 2" and shown["texts"]["dress"] == ""
    assert shown["demands"] == {
        "noiseLevel": "loud", "peopleLevel": "many", "hoursPerWeek": 13, "travelMinutes": 35
    }  # fmt: skip
    assert shown["glossary"] == [{"term": "the pass", "meaning": "the counter where plates go out"}]
    assert shown["adjustments"] == ["A written list of the morning", "Breaks at fixed times"]
    assert shown["notes"] == "The chef is supportive."
    assert await AnalysisEdit.count() == 1 and await JobAnalysis.count() == 1
    assert len(told) == 1 and isinstance(told[0], JobAnalysed)
    assert told[0].job_id == _w(world_api).ids["job"]
    # Only what is sent changes; null clears a demand.
    later = await _write(
        world_api, texts={"dress": "Black trousers"}, demands={"travelMinutes": None}
    )
    assert later.json()["texts"]["address"] == "Rantatie 2"
    assert later.json()["texts"]["dress"] == "Black trousers"
    assert later.json()["demands"]["travelMinutes"] is None
    assert later.json()["demands"]["noiseLevel"] == "loud"
    assert len(told) == 1  # made once
    assert await adjustments_of(_w(world_api).ids["job"]) == [
        "A written list of the morning",
        "Breaks at fixed times",
    ]


async def test_tasks_open_photo_tasks_linked_or_new_and_carving_is_recorded(
    world_api: Api,
) -> None:
    w = _w(world_api)
    base = await _ready(world_api)
    linked = await world_api.post(
        base + "/tasks", as_="coach",
        json={"localId": workplace.new_id(), "title": "Set up the salad bar", "kind": "core",
              "howOften": "Every morning", "standard": "Ready by 7:30",
              "linkTaskId": w.ids["task"]},
    )  # fmt: skip
    assert linked.status_code == 201, linked.text
    assert linked.json()["taskId"] == w.ids["task"]
    assert linked.json()["taskTitle"] == "Set up the salad bar"
    local_id = workplace.new_id()
    carved = {
        "localId": local_id, "title": "Fold napkins", "kind": "related", "newPhotoTask": True,
        "takenFrom": "Rita, waitress", "agreedWith": "Sam, supervisor", "agreedOn": "2026-11-20",
    }  # fmt: skip
    made = await world_api.post(base + "/tasks", as_="coach", json=carved)
    assert made.status_code == 201, made.text
    new_task = made.json()["taskId"]
    assert new_task and new_task != w.ids["task"]
    assert made.json()["takenFrom"] == "Rita, waitress"
    assert made.json()["agreedOn"] == "2026-11-20"
    repeat = await world_api.post(base + "/tasks", as_="coach", json=carved)
    assert repeat.status_code == 200 and repeat.json()["taskId"] == new_task
    photo_task = await Task.select(Task.job, Task.client, Task.title).where(Task.id == new_task)
    assert len(photo_task) == 1  # one photo task, however often the phone sent it
    assert str(photo_task[0]["job"]) == w.ids["job"]
    assert str(photo_task[0]["client"]) == w.ids["client"]
    assert await Task.count().where(Task.title == "Fold napkins") == 1
    assert (await world_api.get(f"/api/tasks/{new_task}", as_="coach")).status_code == 200
    occasional = await world_api.post(
        base + "/tasks", as_="coach",
        json={"localId": workplace.new_id(), "title": "Deep clean", "kind": "occasional",
              "newPhotoTask": True},
    )  # fmt: skip
    # The handover pack's order: core first, then occasional, then related.
    assert await task_ids_of(w.ids["job"]) == [
        w.ids["task"], occasional.json()["taskId"], new_task
    ]  # fmt: skip
    # A task without a photo task gets one later; unlinking keeps the photo task.
    plain = await world_api.post(
        base + "/tasks", as_="coach", json={"localId": workplace.new_id(), "title": "Greet"}
    )
    assert plain.json()["taskId"] is None
    opened = await world_api.request(
        "PUT", f"/api/analysis-tasks/{plain.json()['id']}", as_="coach",
        json={"newPhotoTask": True, "howOften": "Every guest"},
    )  # fmt: skip
    assert opened.status_code == 200 and opened.json()["taskId"]
    assert opened.json()["howOften"] == "Every guest"
    unlinked = await world_api.request(
        "PUT", f"/api/analysis-tasks/{plain.json()['id']}", as_="coach", json={"linkTaskId": None}
    )
    assert unlinked.json()["taskId"] is None
    assert await Task.count().where(Task.title == "Greet") == 1
    audit = await _actions(w.ids["client"])
    assert audit.count("task_created") >= 3  # the photo tasks made here are audited as tasks


async def test_bad_input_is_refused_naming_the_field(world_api: Api) -> None:
    w = _w(world_api)
    base = await _ready(world_api)
    cases: list[tuple[str, str, dict[str, Any], str]] = [
        ("PUT", base, {"localId": workplace.new_id(), "demands": {"noiseLevel": "deafening"}},
         "body.demands.noiseLevel"),
        ("PUT", base, {"localId": workplace.new_id(), "demands": {"hoursPerWeek": 500}},
         "body.demands.hoursPerWeek"),
        ("PUT", base, {"localId": "not-an-id"}, "body.localId"),
        ("PUT", base, {"localId": workplace.new_id(), "texts": {"roof": "flat"}}, "body.texts"),
        ("POST", base + "/tasks", {"localId": workplace.new_id(), "title": "   "}, "body.title"),
        ("POST", base + "/tasks", {"localId": workplace.new_id(), "title": "X",
                                   "linkTaskId": w.ids["task"], "newPhotoTask": True},
         "body.newPhotoTask"),
        ("POST", base + "/supports", {"localId": workplace.new_id(), "helpsWith": "Breaks"},
         "body.name"),
        ("POST", base + "/supports", {"localId": workplace.new_id(), "personId": w.ids["job"],
                                      "helpsWith": "Breaks"}, "body.personId"),
    ]  # fmt: skip
    for method, path, body, field in cases:
        answer = await world_api.request(method, path, as_="coach", json=body)
        assert 400 <= answer.status_code < 500, (body, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert field in answer.text, (field, answer.text)
    # A photo task of another client is not one to link.
    bob_task = await world_api.post(
        f"/api/clients/{w.ids['other_client']}/tasks", as_="other_coach", json={"title": "Mop"}
    )
    refused = await world_api.post(
        base + "/tasks", as_="coach",
        json={"localId": workplace.new_id(), "title": "Mop", "linkTaskId": bob_task.json()["id"]},
    )  # fmt: skip
    assert refused.status_code == 422 and "body.linkTaskId" in refused.text
    # An id used for one job's write is not reused for another thing.
    used = workplace.new_id()
    assert (await _write(world_api, local_id=used)).status_code == 200
    clash = await world_api.post(
        base + "/tasks", as_="coach", json={"localId": used, "title": "Fine"}
    )
    assert clash.status_code == 201  # another table: its own ids
    assert await AnalysisTask.count() == 1


async def test_natural_supports_are_agreed_and_reviewed(world_api: Api) -> None:
    w = _w(world_api)
    base = await _ready(world_api)
    today = now().date()
    local_id = workplace.new_id()
    body = {
        "localId": local_id, "personId": w.ids["person"], "helpsWith": "The order of the morning",
        "clientAgreedOn": str(today - timedelta(days=10)),
        "personAgreedOn": str(today - timedelta(days=9)),
        "reviewOn": str(today - timedelta(days=1)),
    }  # fmt: skip
    made = await world_api.post(base + "/supports", as_="coach", json=body)
    assert made.status_code == 201, made.text
    support = made.json()
    assert (support["name"], support["role"]) == ("Sam", "supervisor")  # from the register
    assert support["personId"] == w.ids["person"] and support["reviewDue"] is True
    assert (await world_api.post(base + "/supports", as_="coach", json=body)).status_code == 200
    assert await NaturalSupport.count() == 1
    buddy = await world_api.post(
        base + "/supports", as_="coordinator",
        json={"localId": workplace.new_id(), "name": "Rita", "role": "waitress",
              "helpsWith": "Lunch break", "reviewOn": str(today + timedelta(days=30))},
    )  # fmt: skip
    assert buddy.status_code == 201 and buddy.json()["reviewDue"] is False
    shown = (await world_api.get(base, as_="coach")).json()
    assert shown["reviewsDue"] == 1
    moved = await world_api.request(
        "PUT", f"/api/natural-supports/{support['id']}", as_="coach",
        json={"reviewOn": str(today + timedelta(days=60))},
    )  # fmt: skip
    assert moved.json()["reviewDue"] is False
    assert (await world_api.get(base, as_="coach")).json()["reviewsDue"] == 0
    assert await supports_of(w.ids["job"]) == [
        SupportRow(name="Sam", role="supervisor", helps_with="The order of the morning"),
        SupportRow(name="Rita", role="waitress", helps_with="Lunch break"),
    ]
    assert await supports_of(workplace.new_id()) == []
    gone = await world_api.delete(f"/api/natural-supports/{buddy.json()['id']}", as_="coach")
    assert gone.status_code == 204
    assert [s.name for s in await supports_of(w.ids["job"])] == ["Sam"]


async def test_demands_beyond_the_profile_are_named(world_api: Api) -> None:
    w = _w(world_api)
    base = await _ready(world_api)
    await _write(
        world_api, demands={"noiseLevel": "loud", "peopleLevel": "few", "hoursPerWeek": 30}
    )
    nothing = (await world_api.get(base, as_="coach")).json()
    assert nothing["mismatches"] == [] and nothing["profileFrom"] == "none"
    needs = await world_api.request(
        "PUT", f"{profiles.base(w.ids['client'])}/sections/needs", as_="client",
        json={"localId": profiles.new_id(), "baseRevision": 0,
              "conditions": {"noise": "A quiet place", "noiseLevel": "quiet",
                             "peopleLevel": "few", "hoursPerWeek": "20"}},
    )  # fmt: skip
    assert needs.status_code == 200, needs.text
    section = next(s for s in needs.json()["sections"] if s["key"] == "needs")
    assert section["conditions"]["noiseLevel"] == "quiet"
    assert section["conditions"]["noise"] == "A quiet place"
    shown = (await world_api.get(base, as_="coach")).json()
    assert shown["profileFrom"] == "draft"
    assert shown["mismatches"] == [
        {"kind": "noise", "job": "loud", "wants": "quiet"},
        {"kind": "hours", "job": "30", "wants": "20"},
    ]
    assert shown["clientName"] and shown["jobTitle"] == "Kitchen assistant"
    # A level the profile does not take is refused naming it.
    bad = await world_api.request(
        "PUT", f"{profiles.base(w.ids['client'])}/sections/needs", as_="client",
        json={"localId": profiles.new_id(), "baseRevision": 1,
              "conditions": {"hoursPerWeek": "twenty"}},
    )  # fmt: skip
    assert bad.status_code == 400 and "hoursPerWeek" in bad.text


async def test_the_client_reads_their_own_without_notes_and_staff_reads_are_logged(
    world_api: Api,
) -> None:
    w = _w(world_api)
    base = await _ready(world_api)
    await _write(world_api, texts={"culture": "Coffee together at nine"}, notes="Watch the stairs")
    mine = await world_api.get(base, as_="client")
    assert mine.status_code == 200
    assert mine.json()["texts"]["culture"] == "Coffee together at nine"
    assert mine.json()["notes"] == ""
    assert (await world_api.get(base, as_="admin")).json()["notes"] == "Watch the stairs"
    refused = await _write(world_api, as_="client", texts={"culture": "Mine"})
    assert refused.status_code == 403
    assert (await world_api.get(base, as_="family")).status_code == 404
    actions = await _actions(w.ids["client"])
    assert actions.count("job_analysis_read") == 1  # the administrator's; Alice's own is not
    assert "job_analysis_written" in actions


async def test_workplace_photos_lose_their_metadata(world_api: Api) -> None:
    base = await _ready(world_api)
    client = world_api.client
    client.cookies.clear()
    client.cookies.set("stepwise_session", _w(world_api).tokens["coach"])
    answer = await client.post(
        base + "/photos?caption=The%20back%20door",
        files={"file": ("door.jpg", phone_jpeg(1600, 1200, 6, 85), "image/jpeg")},
        headers={"x-requested-with": "stepwise"},
    )
    assert answer.status_code == 201, answer.text
    photo = answer.json()["photos"][0]
    assert photo["caption"] == "The back door"
    assert answer.json()["started"] is True
    served = await world_api.get(photo["photo"]["src"], as_="client")
    assert served.status_code == 200
    image = Image.open(io.BytesIO(served.content))
    assert not image.getexif() and "icc_profile" not in image.info
    assert image.height > image.width  # the phone's orientation applied, then dropped
    gone = await world_api.delete(f"/api/analysis-photos/{photo['id']}", as_="coach")
    assert gone.status_code == 204
    assert (await world_api.get(photo["photo"]["src"], as_="coach")).status_code == 404


async def test_a_photo_the_outbox_sends_again_under_its_key_makes_one_photo(
    world_api: Api,
) -> None:
    """The phone's outbox resends a photo taken offline under the key it made when the coach
    took it (a lost answer, the service worker sending too): each attempt frames the same file
    with a new multipart boundary, and the server answers the first result again."""
    from backend.workplace.tables import AnalysisPhoto

    base = await _ready(world_api)
    client = world_api.client
    client.cookies.clear()
    client.cookies.set("stepwise_session", _w(world_api).tokens["coach"])
    photo = phone_jpeg(1600, 1200, 6, 85)

    async def send(key: str, caption: str = "The back door") -> Any:
        return await client.post(
            base + f"/photos?caption={caption.replace(' ', '%20')}",
            files={"file": ("photo.jpg", photo, "image/jpeg")},
            headers={"x-requested-with": "stepwise", "idempotency-key": key},
        )

    first = await send("sw.photo-0001")
    again = await send("sw.photo-0001")
    assert first.status_code == again.status_code == 201, first.text
    boundaries = {r.request.headers["content-type"] for r in (first, again)}
    assert len(boundaries) == 2  # two framings of one request
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert await AnalysisPhoto.count() == 1
    # The same key for another photo (another caption) is another change: refused, not stored.
    reused = await send("sw.photo-0001", caption="The front door")
    assert reused.status_code == 422
    assert await AnalysisPhoto.count() == 1
    # A new key is a new photo.
    assert (await send("sw.photo-0002")).status_code == 201
    assert await AnalysisPhoto.count() == 2


async def test_the_template_is_versioned_and_an_analysis_keeps_its_version(
    world_api: Api,
) -> None:
    base = await _ready(world_api)
    await _write(world_api, texts={"address": "Rantatie 2"})
    v1 = (await world_api.get("/api/analysis-templates/1", as_="coach")).json()
    assert v1["texts"]["he"]["sections"]["culture"]["heading"]
    texts = v1["texts"]
    del texts["fi"]["fields"]["lighting"]
    missing = await world_api.post("/api/analysis-templates", as_="admin", json=texts)
    assert missing.status_code == 422 and "body.fi.fields.lighting" in missing.text
    texts["fi"]["fields"]["lighting"] = "Valo"
    v2 = await world_api.post("/api/analysis-templates", as_="admin", json=texts)
    assert v2.status_code == 201 and v2.json()["version"] == 2
    assert (await world_api.get(base, as_="coach")).json()["templateVersion"] == 1
    assert (await world_api.get("/api/analysis-templates/9", as_="coach")).status_code == 404


async def test_the_client_finds_the_analysis_in_my_data_and_erasure_takes_its_photos(
    world_api: Api,
) -> None:
    from backend.settings import get_settings
    from backend.workplace.tables import AnalysisPhoto

    w = _w(world_api)
    await workplace.build_analysis(w)
    data = (await world_api.get("/api/me/data", as_="client")).json()
    sections = {s["key"]: s for s in data["sections"]}
    assert sections["job_analyses"]["title"] == "The analysis of your job"
    assert sections["natural_supports"]["title"] == "Who helps you at work"
    assert len(sections["analysis_photos"]["rows"]) == 1
    photo = await AnalysisPhoto.select().first()
    assert photo is not None
    folder = get_settings().data_dir / "files" / "workplace" / "photos" / str(photo["id"])
    stored = [p for p in get_settings().data_dir.rglob("*") if str(photo["id"]) in str(p)]
    assert any(p.is_file() for p in stored), "the photo is kept before erasure"
    erased = await world_api.post(
        f"/api/people/{w.ids['client']}/erase", as_="admin", json={"confirmName": "Alice Client"}
    )
    assert erased.status_code == 200, erased.text
    assert erased.json()["rows"]["job_analyses"] == 1
    assert await AnalysisPhoto.count() == 0
    assert not folder.exists()
    assert not [p for p in stored if p.exists() and p.is_file()]
