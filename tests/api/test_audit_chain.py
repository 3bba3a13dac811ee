"""The audit chain is keyed with a secret the database does not hold and checked against signed
checkpoints kept outside it: someone who can write the database cannot cut the log short,
recompute it after a forged entry, or blank an entry's address and salt unnoticed."""

from __future__ import annotations

import json
import tarfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from backend.audit import chain, entry, sealing
from backend.audit import services as audit
from backend.audit.tables import AuditEvent
from backend.lib import clock
from tests.api.conftest import Api
from tests.api.test_cli import stepwise


async def _entries(api: Api, n: int) -> list[dict[str, Any]]:
    for i in range(n):
        made = await api.post("/api/teams", as_="admin", json={"name": f"Team {i}"})
        assert made.status_code == 201, made.text
    await sealing.seal()
    rows: list[dict[str, Any]] = (
        await AuditEvent.select().order_by(AuditEvent.id).output(load_json=True)
    )
    assert len(rows) == n
    return rows


async def _recompute_publicly(rows: list[dict[str, Any]], start: int) -> None:
    """What someone with the database and the published algorithm does: recompute the chain
    from ``rows[start]`` on with plain SHA-256."""
    prev = rows[start - 1]["hash"] if start else entry.GENESIS
    for row in rows[start:]:
        fresh = (
            await AuditEvent.select().where(AuditEvent.id == row["id"]).output(load_json=True)
        )[0]
        digest = entry.public_digest(prev, fresh)
        await AuditEvent.update({AuditEvent.prev_hash: prev, AuditEvent.hash: digest}).where(
            AuditEvent.id == row["id"]
        )
        prev = digest


async def test_an_intact_log_verifies_against_its_checkpoint(world_api: Api) -> None:
    await _entries(world_api, 4)
    point = await audit.checkpoint()
    assert point is not None and point.count == 4
    assert oct(chain.path().stat().st_mode & 0o777) == oct(0o600)
    assert await audit.verify() == (True, 4, "")
    cli = stepwise("audit", "verify")
    assert cli.returncode == 0, cli.stdout + cli.stderr
    assert "intact: 4 entries" in cli.stdout and "1 signed checkpoint" in cli.stdout


async def test_removing_the_newest_entries_is_caught(world_api: Api) -> None:
    rows = await _entries(world_api, 5)
    await audit.checkpoint()
    await AuditEvent.delete().where(AuditEvent.id >= rows[3]["id"])
    ok, _, problem = await audit.verify()
    assert not ok
    assert f"entry {rows[4]['id']}" in problem and "newest entries were removed" in problem
    cli = stepwise("audit", "verify")
    assert cli.returncode == 1 and "newest entries were removed" in cli.stdout


async def test_a_forged_entry_with_the_chain_recomputed_publicly_is_caught(
    world_api: Api,
) -> None:
    rows = await _entries(world_api, 5)
    await audit.checkpoint()
    await AuditEvent.update({AuditEvent.actor: "f" * 36}).where(AuditEvent.id == rows[2]["id"])
    await _recompute_publicly(rows, 2)
    ok, _, problem = await audit.verify()
    assert not ok
    assert f"entry {rows[2]['id']}" in problem and "key" in problem


async def test_the_whole_chain_recomputed_publicly_is_caught(world_api: Api) -> None:
    """Even rewritten from the first entry, so no keyed entry is left to compare with: the
    checkpoint says where the keyed part starts."""
    rows = await _entries(world_api, 3)
    await audit.checkpoint()
    await AuditEvent.update({AuditEvent.action: "nothing"}).where(AuditEvent.id == rows[1]["id"])
    await _recompute_publicly(rows, 0)
    ok, _, problem = await audit.verify()
    assert not ok and f"entry {rows[0]['id']}" in problem


async def test_a_blanked_address_and_salt_are_caught(world_api: Api) -> None:
    rows = await _entries(world_api, 3)
    assert rows[1]["ip"] == "203.0.113.7" and rows[1]["personal_salt"]
    await AuditEvent.update(
        {AuditEvent.ip: "", AuditEvent.user_agent: "", AuditEvent.personal_salt: ""}
    ).where(AuditEvent.id == rows[1]["id"])
    ok, _, problem = await audit.verify()
    assert not ok and f"entry {rows[1]['id']}" in problem and "blanked" in problem


async def test_an_erasure_marker_cannot_be_copied_to_another_entry(world_api: Api) -> None:
    w = world_api.world
    assert w
    await world_api.get(f"/api/clients/{w.ids['client']}", as_="coach")
    await world_api.post("/api/teams", as_="admin", json={"name": "Other"})
    assert await audit.forget_personal_fields(w.ids["client"]) == 1
    assert (await audit.verify())[0]
    erased = await AuditEvent.select().where(AuditEvent.subject == w.ids["client"]).first()
    assert erased and erased["personal_salt"].startswith(chain.ERASED)
    await AuditEvent.update(
        {
            AuditEvent.ip: "",
            AuditEvent.user_agent: "",
            AuditEvent.personal_salt: erased["personal_salt"],
        }
    ).where(AuditEvent.action == "team_created")
    ok, _, problem = await audit.verify()
    assert not ok and "blanked" in problem


async def test_a_changed_checkpoint_file_is_caught(world_api: Api) -> None:
    rows = await _entries(world_api, 3)
    await audit.checkpoint()
    await AuditEvent.delete().where(AuditEvent.id == rows[2]["id"])
    line = json.loads(chain.path().read_text())
    line.update(count=2, lastId=rows[1]["id"], head=rows[1]["hash"])  # "fixed" without the key
    chain.path().write_text(json.dumps(line) + "\n")
    ok, _, problem = await audit.verify()
    assert not ok and "checkpoint line 1" in problem


async def test_entries_from_before_the_key_verify_and_the_keyed_part_is_anchored(
    world_api: Api,
) -> None:
    """An installation upgraded with an existing (public SHA-256) chain: the old entries keep
    their hashes; the first checkpoint records that every later entry is keyed."""
    old = await _entries(world_api, 2)
    await _recompute_publicly(old, 0)  # as the previous version wrote them
    assert (await audit.verify())[0]
    point = await audit.checkpoint()  # the server's start
    assert point is not None and point.keyed_from == old[-1]["id"] + 1
    await world_api.post("/api/teams", as_="admin", json={"name": "After"})
    rows = await AuditEvent.select().order_by(AuditEvent.id).output(load_json=True)
    assert await audit.verify() == (True, 3, "")
    # The keyed entry rewritten with the public algorithm does not pass as an old one.
    await AuditEvent.update({AuditEvent.action: "nothing"}).where(AuditEvent.id == rows[2]["id"])
    await _recompute_publicly(rows, 2)
    ok, _, problem = await audit.verify()
    assert not ok and f"entry {rows[2]['id']}" in problem


async def test_an_erasure_across_the_keys_start_keeps_the_chain_intact(
    world_api: Api, monkeypatch: Any
) -> None:
    """A person's entries from before the key (public hashes) and after it, a few pages of
    them: the old ones' salts become "", every keyed one's the marker only the key makes, and
    the chain still verifies. (Keyed entries get their marker from their hash once one of
    theirs checked out whole; the old ones must not.)"""
    monkeypatch.setattr(audit, "_ERASE_PAGE", 3)
    old = await _entries(world_api, 2)
    await _recompute_publicly(old, 0)  # as the previous version wrote them
    for i in range(5):
        await world_api.post("/api/teams", as_="admin", json={"name": f"After {i}"})
    await sealing.seal()
    admin = old[0]["actor"]
    assert await audit.forget_personal_fields(admin) == 7
    assert await audit.verify() == (True, 7, "")
    rows = await AuditEvent.select().where(AuditEvent.actor == admin).order_by(AuditEvent.id)
    assert [r["personal_salt"] for r in rows[:2]] == ["", ""]
    assert [r["personal_salt"] for r in rows[2:]] == [
        chain.erased_marker(r["hash"]) for r in rows[2:]
    ]
    assert all(r["ip"] == "" and r["user_agent"] == "" for r in rows)


async def test_checkpoints_are_made_now_and_then_not_on_each_entry(
    world_api: Api, monkeypatch: Any
) -> None:
    await _entries(world_api, 3)
    assert not chain.path().exists()  # audited requests write no file
    monkeypatch.setattr(audit, "_round", {"at": None, "last_id": None})
    now = clock.now()
    assert await audit.checkpoint_round(now) == 0
    assert len(chain.load()) == 1
    await world_api.post("/api/teams", as_="admin", json={"name": "More"})
    await audit.checkpoint_round(now + timedelta(minutes=1))  # too soon: nothing
    assert len(chain.load()) == 1
    await audit.checkpoint_round(now + chain.ROUND_EVERY)
    assert [p.count for p in chain.load()] == [3, 4]
    await audit.checkpoint_round(now + 2 * chain.ROUND_EVERY)  # no new entries: nothing
    assert len(chain.load()) == 2
    monkeypatch.setattr(chain, "CHECKPOINT_EVERY", 1)
    await world_api.post("/api/teams", as_="admin", json={"name": "Every"})
    assert chain.load()[-1].count == 4  # the request itself writes no file
    await audit.seal_round(now)  # the sealer, which passed a multiple of CHECKPOINT_EVERY
    assert chain.load()[-1].count == 5


async def test_a_backup_carries_the_checkpoints(world_api: Api, tmp_path: Path) -> None:
    await _entries(world_api, 2)
    target = tmp_path / "backup.tar.gz"
    made = stepwise("backup", "--output", str(target))
    assert made.returncode == 0, made.stdout + made.stderr
    with tarfile.open(target) as archive:
        member = archive.extractfile("audit-checkpoints/checkpoints.jsonl")
        assert member is not None
        lines = member.read().decode().splitlines()
        manifest = json.loads(archive.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert json.loads(lines[-1])["count"] == 2
    assert manifest["auditCheckpoints"]["name"] == "audit-checkpoints/checkpoints.jsonl"


async def test_a_restore_brings_back_the_checkpoints_of_the_log_it_restores(
    world_api: Api, tmp_path: Path
) -> None:
    """Restoring an older backup is not a cut log: the checkpoints that named the newer entries
    are kept aside, the archive's are put in place."""
    await _entries(world_api, 2)
    target = tmp_path / "backup.tar.gz"
    assert stepwise("backup", "--output", str(target)).returncode == 0
    await world_api.post("/api/teams", as_="admin", json={"name": "Later"})
    assert (await audit.checkpoint()) is not None
    assert [p.count for p in chain.load()] == [2, 3]
    restored = stepwise("restore", str(target))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert [p.count for p in chain.load()] == [2]
    assert list(chain.path().parent.glob("checkpoints.jsonl.before-restore-*"))
    checked = stepwise("audit", "verify")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "intact: 2 entries" in checked.stdout
