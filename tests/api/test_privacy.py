"""The client's rights: everything held about them and who looked (Art. 15), the export
(Art. 15, 20) compared with the database row by row, and erasure (Art. 17) checked by scanning
every table and every stored file — while the audit chain still verifies."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile

from backend.accounts.tables import Invitation, Session, User
from backend.audit.services import verify
from backend.audit.tables import AuditEvent
from backend.clients.tables import FamilyLink
from backend.family.tables import Update
from backend.lib.clock import now
from backend.settings import get_settings
from backend.tasks import photos as step_photos
from backend.tasks import services as task_services
from backend.tasks.tables import Photo, Step, Task
from shared_schemas import tasks as task_wire
from tests.api.conftest import Api
from tests.api.test_cli import stepwise
from tests.support import coaching, family, photos, scan, tasks
from tests.support.world import World

ALICE = "Alice Client"
BOB = "Bob Client"


async def _rich_world(api: Api) -> World:
    """Alice with a bit of everything: tasks with a photo and a voice prompt, training, a help
    request, a template copied from her task, shifts, a goal, a conversation, reminders and a
    push device, family consent and updates with photos, invitations naming her, a replayed
    write, staff reading her record. Bob with a task and an update of his own."""
    w = api.world
    assert w is not None
    # The database is fresh for every test, the storage directory is not: start it empty too, so
    # that every file found after erasure is one this test made.
    shutil.rmtree(get_settings().data_dir / "files", ignore_errors=True)
    await tasks.build_tasks(w)
    await coaching.build_coaching(w)
    await family.build_family(w)
    await family.grant(w, "goals", by="coach")
    await family.write(w, "coach", "<script>alert('x')</script> & a good day")
    # Alice's own write, sent with an Idempotency-Key: its replay copy is about her.
    replayed = await api.post(
        f"/api/clients/{w.ids['client']}/updates",
        as_="client",
        json={"localId": family.new_id(), "text": "Sent from the outbox."},
        headers={"Idempotency-Key": "alice-outbox-0001"},
    )
    assert replayed.status_code == 201
    # The invitation she enrolled with, and the one for her father.
    for role, name, client in (("client", ALICE, None), ("family", "Finn Family", w.ids["client"])):
        await Invitation(
            token_hash=family.new_id().replace("-", "") * 2,
            kind="invite",
            delivery="link",
            role=role,
            display_name=name,
            coach=w.ids["coach"] if role == "client" else None,
            client=client,
            relation="father" if client else "",
            created_by=w.ids["coach"],
            created_at=now(),
            expires_at=now(),
            used_at=now(),
        ).save()
    # Staff look at her record: the client sees who, and when.
    assert (await api.get(f"/api/clients/{w.ids['client']}", as_="coach")).status_code == 200
    assert (await api.get(f"/api/clients/{w.ids['client']}", as_="coordinator")).status_code == 200
    # Bob's own data, which must never appear in Alice's export.
    ben = tasks.actor(w, "other_coach", "coach", "South")
    bob_task = await task_services.create(
        ben, w.ids["other_client"], task_wire.TaskCreate(title="Scan and shelve returns")
    )
    bob_photo = await step_photos.store(
        bob_task, step_photos.images.process(photos.phone_jpeg(900, 700, 1, 80)), ben
    )
    w.ids.update(bob_task=bob_task, bob_photo=bob_photo)
    await Update(
        client_uuid=family.new_id(),
        client=w.ids["other_client"],
        author=w.ids["other_coach"],
        author_role="coach",
        kind="updates",
        text="Bob shelved 80 books.",
        status="pending",
        created_at=now(),
        updated_at=now(),
    ).save()
    return w


def _archive(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _pk(table: str) -> str:
    return "id_hash" if table == "sessions" else "id"


async def test_my_data_shows_everything_in_plain_sections_and_who_looked(world_api: Api) -> None:
    await _rich_world(world_api)
    answer = await world_api.get("/api/me/data", as_="client")
    assert answer.status_code == 200
    data = answer.json()
    assert data["displayName"] == ALICE and data["role"] == "client"
    titles = {s["key"]: s["title"] for s in data["sections"]}
    for key in (
        "users",
        "client_records",
        "family_links",
        "family_consents",
        "family_updates",
        "tasks",
        "steps",
        "photos",
        "training_sessions",
        "step_records",
        "help_requests",
        "shifts",
        "goals",
        "pta_conversations",
        "reminder_rules",
        "push_subscriptions",
        "invitations",
        "sessions",
        "passkeys",
        "audit_events",
    ):
        assert key in titles, key
    assert titles["family_consents"] == "What you share with your family"
    record = next(s for s in data["sections"] if s["key"] == "client_records")["rows"][0]
    assert record["Job coach"] == "Ada Coach"  # people by name, not by id; columns in words
    consents = next(s for s in data["sections"] if s["key"] == "family_consents")["rows"]
    assert {c["Who did it"] for c in consents} == {ALICE, "Ada Coach"}
    assert {c["Shared"] for c in consents} <= {"yes", "no"}
    text = json.dumps(data)
    for secret in ("public key", "webauthn handle", "endpoint", "p256dh", "id hash"):
        assert secret not in text
    views = data["views"]
    assert [(v["actorName"], v["actorRole"], v["what"]) for v in views[:2]] == [
        ("Cora Coordinator", "coordinator", "read your record"),
        ("Ada Coach", "coach", "read your record"),
    ]
    assert all(v["actorName"] != ALICE for v in views)

    # Finn sees his own data: his link to Alice and what she chose to share with him.
    finn = (await world_api.get("/api/me/data", as_="family")).json()
    keys = {s["key"] for s in finn["sections"]}
    assert {"family_links", "family_consents"} <= keys
    assert "family_updates" not in keys and "tasks" not in keys
    # Ada's own copy: her account, none of Alice's rows (tests/api/test_competence_assessment.py).
    ada = (await world_api.get("/api/me/data", as_="coach")).json()
    assert "users" in {s["key"] for s in ada["sections"]}
    assert not {"tasks", "client_records", "family_updates"} & {s["key"] for s in ada["sections"]}
    assert (await world_api.get("/api/me/data", as_="mentor")).status_code == 403


async def test_the_export_holds_every_row_about_the_client_and_nothing_else(
    world_api: Api,
) -> None:
    w = await _rich_world(world_api)
    alice = w.ids["client"]
    answer = await world_api.get("/api/me/export", as_="client")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/zip"
    assert "attachment" in answer.headers["content-disposition"]
    files = _archive(answer.content)
    data = json.loads(files["data.json"])
    assert data["format"] == "stepwise-export/1" and data["person"]["id"] == alice
    exported = data["tables"]

    # Every row in any table that carries her id is in the export (compared with the database).
    in_db = await scan.rows_containing(alice)
    assert {"users", "client_records", "family_links", "tasks", "shifts", "goals"} <= set(in_db)
    for table, rows in in_db.items():
        assert table in exported, table
        if table == "sessions":  # the key of a session is secret: compare the count
            assert len(exported[table]) == len(rows)
            continue
        keys = {str(r[_pk(table)]) for r in exported[table]}
        # (the export's own audit entry is written after the archive is made)
        missing = [
            r for r in rows if str(r[_pk(table)]) not in keys and r.get("action") != "data_exported"
        ]
        assert not missing, (table, missing)
    # …and the rows below hers: steps, photos, training records, conversation answers.
    steps = await Step.select(Step.id).where(Step.task == w.ids["task"])
    assert {str(s["id"]) for s in steps} <= {r["id"] for r in exported["steps"]}
    assert len(exported["step_records"]) >= 1
    assert {r["id"] for r in exported["photos"]} == {w.ids["photo"]}
    assert len(exported["family_updates"]) == 4

    # Nothing about anyone else: not Bob, not his coach, not his task.
    archive_text = b"".join(files.values())
    for other in (w.ids["other_client"], BOB, w.ids["other_coach"], "Ben Coach", w.ids["bob_task"]):
        assert other.encode() not in archive_text, other
    # No secrets: passkey keys and ids, session hashes, WebAuthn handles, push keys.
    raw = files["data.json"].decode()
    for column in ("public_key", "credential_id", "id_hash", "webauthn_handle", "p256dh", "auth"):
        assert f'"{column}"' not in raw, column
    assert coaching.ALICE_ENDPOINT not in raw
    session_hashes = await Session.select(Session.id_hash).where(Session.user == alice)
    assert all(s["id_hash"] not in raw for s in session_hashes)

    # Her photos, byte for byte, and a readable page that needs no network and runs nothing.
    step_photo = (
        await Photo.select().where(Photo.id == w.ids["photo"]).first().output(load_json=True)
    )
    assert step_photo is not None
    stored = tasks.stored_files()
    largest = step_photos.file_name(
        step_photo["sizes"][0]["size"], step_photo["content_hash"], "jpg"
    )
    key = f"tasks/{w.ids['task']}/photos/{w.ids['photo']}/{largest}"
    assert files[f"photos/task-{w.ids['task']}/photo-{w.ids['photo']}.jpg"] == stored[key]
    assert files[f"photos/update-{w.ids['update']}.jpg"]
    assert any(name.startswith("voice/") for name in files)
    assert sorted(data["files"]) == sorted(n for n in files if n not in {"data.json", "index.html"})
    page = files["index.html"].decode()
    assert "<script" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert not re.search(r'(?:src|href)="(?!photos/|voice/)', page)
    assert "<link" not in page and "url(" not in page and "@import" not in page
    assert "Everything Stepwise holds about Alice Client" in page
    assert "Ada Coach, your job coach, " in page  # who looked at her record, in words

    entries = await AuditEvent.select().where(AuditEvent.action == "data_exported")
    assert len(entries) == 1 and entries[0]["subject"] == alice


async def test_erasure_leaves_no_row_no_file_and_a_chain_that_verifies(world_api: Api) -> None:
    w = await _rich_world(world_api)
    alice = w.ids["client"]
    # A coach's write with an Idempotency-Key: its stored answer names Alice.
    coach_write = await world_api.post(
        f"/api/clients/{alice}/updates",
        as_="coach",
        json={"localId": family.new_id(), "text": "A calm start today."},
        headers={"Idempotency-Key": "ada-outbox-0001"},
    )
    assert coach_write.status_code == 201
    her_tasks = [str(t["id"]) for t in await Task.select(Task.id).where(Task.client == alice)]
    her_updates = [
        str(u["id"]) for u in await Update.select(Update.id).where(Update.client == alice)
    ]
    her_hashes = [
        p["content_hash"]
        for p in await Photo.select(Photo.content_hash).where(Photo.task.is_in(her_tasks))
    ]
    before = scan.data_files()
    her_files = {
        path: data
        for path, data in before.items()
        if any(t in path for t in her_tasks + her_updates)
    }
    assert any("/photos/" in p for p in her_files) and any("family/updates" in p for p in her_files)
    her_photo_bytes = {
        data for path, data in her_files.items() if "/photos/" in path or "updates" in path
    }

    wrong = await world_api.post(
        f"/api/people/{alice}/erase", as_="admin", json={"confirmName": "Alice"}
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "body.confirmName"
    staff = await world_api.post(
        f"/api/people/{w.ids['coach']}/erase", as_="admin", json={"confirmName": "Ada Coach"}
    )
    assert staff.status_code == 422

    erased = await world_api.post(
        f"/api/people/{alice}/erase", as_="admin", json={"confirmName": "  alice client "}
    )
    assert erased.status_code == 200, erased.text
    report = erased.json()
    assert report["userId"] == alice and report["storedItems"] >= 3
    assert report["rows"]["users"] == 1 and report["rows"]["tasks"] == 1
    assert report["auditEntriesPseudonymised"] > 0

    # No row in any table carries her name; none but the audit log's pseudonymous entries her id.
    assert await scan.rows_containing(ALICE) == {}
    with_id = await scan.rows_containing(alice, *her_tasks, *her_updates, *her_hashes)
    assert set(with_id) <= {"audit_events"}, {t: len(r) for t, r in with_id.items()}
    for entry in with_id.get("audit_events", []):
        if entry["action"] == "erased":  # written after: the administrator's own address
            continue
        # The salt is now the erasure marker the chain's key makes (backend/audit/chain.py).
        assert (
            entry["ip"] == ""
            and entry["user_agent"] == ""
            and entry["personal_salt"][:1] in {"", "x"}
        ), entry

    # No file of hers in the data directory: not by name, not by content (the template made
    # from her task carried copies of her photos: they go too). Her keys are gone at once; the
    # bytes, moved out of the way, are freed by the storage's own thread a moment later.
    data_dir = get_settings().data_dir
    assert not [p for p in her_files if (data_dir / p).exists()]
    after = scan.data_files()  # once the storage has freed the bytes
    assert not [p for p in after if any(i in p for i in [alice, *her_tasks, *her_updates])]
    assert not [p for p, data in after.items() if data in her_photo_bytes]

    # The chain verifies, and the erasure is in it, naming nobody.
    ok, _, problem = await verify()
    assert ok, problem
    last = await AuditEvent.select().order_by(AuditEvent.id, ascending=False).first()
    assert last is not None and last["action"] == "erased" and last["subject"] == alice
    assert last["actor"] == w.ids["admin"] and ALICE not in json.dumps(last["detail"])
    cli = stepwise("audit", "verify")
    assert cli.returncode == 0, cli.stdout + cli.stderr

    # Everyone else keeps their data; Alice's session is gone.
    assert await Task.exists().where(Task.id == w.ids["bob_task"])
    assert await Photo.exists().where(Photo.id == w.ids["bob_photo"])
    assert await Update.exists().where(Update.client == w.ids["other_client"])
    assert await User.exists().where(User.id == w.ids["family"])
    assert not await FamilyLink.exists().where(FamilyLink.family == w.ids["family"])
    template = await Task.select().where(Task.id == w.ids["template"]).first()
    assert template is not None  # the team keeps its template, without her photos
    assert (await world_api.get("/api/me", as_="client")).status_code == 401
    gone = await world_api.post(
        f"/api/people/{alice}/erase", as_="admin", json={"confirmName": ALICE}
    )
    assert gone.status_code == 404


async def test_a_family_member_can_be_erased_too(world_api: Api) -> None:
    w = await _rich_world(world_api)
    finn = w.ids["family"]
    erased = await world_api.post(
        f"/api/people/{finn}/erase", as_="admin", json={"confirmName": "Finn Family"}
    )
    assert erased.status_code == 200
    assert await scan.rows_containing("Finn Family") == {}
    assert set(await scan.rows_containing(finn)) <= {"audit_events"}
    # Alice keeps her own data.
    assert await Task.exists().where(Task.client == w.ids["client"])
    ok, _, problem = await verify()
    assert ok, problem
