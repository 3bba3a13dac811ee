"""Audit entries are written without waiting for each other and sealed into the chain
afterwards, in batches: the sealed chain still catches every edit, deletion, reordering and
insertion, and verifying walks it a page at a time, from the start or from a checkpoint."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
from datetime import timedelta
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from backend.audit import bulk, chain, entry, sealing, verifying
from backend.audit import services as audit
from backend.audit.piccolo_migrations import audit_2026_12_05t18_00_01_000000 as step
from backend.audit.tables import AuditEvent
from backend.lib import clock
from tests.api.conftest import Api
from tests.api.test_cli import stepwise


async def _rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = (
        await AuditEvent.select().order_by(AuditEvent.id).output(load_json=True)
    )
    return rows


async def _written(n: int, **fields: Any) -> None:
    for i in range(n):
        await audit.record("client_read", actor=f"{i:036d}", **fields)


async def test_entries_are_written_unsealed_and_sealed_in_order_of_position(
    world_api: Api,
) -> None:
    await asyncio.gather(*(audit.record("client_read", detail={"n": i}) for i in range(40)))
    rows = await _rows()
    assert len(rows) == 40 and {r["seal"] for r in rows} == {None}
    assert not {r["prev_hash"] for r in rows} - {""}
    assert await sealing.seal() == 40
    sealed = sorted(await _rows(), key=lambda r: r["seal"])
    assert [r["seal"] for r in sealed] == list(range(1, 41))
    assert sealed[0]["prev_hash"] == entry.GENESIS
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(sealed))
    assert await audit.verify() == (True, 40, "")
    assert await sealing.seal() == 0  # nothing left


async def test_a_lower_id_committed_after_a_higher_one_is_sealed_later_and_verifies(
    world_api: Api,
) -> None:
    """On PostgreSQL a lower id can commit after a higher one was sealed: it takes the next
    position; the chain follows positions, not ids."""
    await _written(3)
    await sealing.seal()
    gap = max(r["id"] for r in await _rows()) + 10
    await audit.record("client_read")
    await AuditEvent.update({AuditEvent.id: gap}).where(AuditEvent.seal.is_null())
    await sealing.seal()
    late = (await _rows())[-1]
    assert late["id"] == gap and late["seal"] == 4
    await audit.record("client_read")
    await AuditEvent.update({AuditEvent.id: gap - 5}).where(AuditEvent.seal.is_null())
    await sealing.seal()
    assert [r["seal"] for r in await _rows()] == [1, 2, 3, 5, 4]
    assert await audit.verify() == (True, 5, "")


async def test_reordered_sealed_entries_are_caught(world_api: Api) -> None:
    await _written(4)
    await sealing.seal()
    rows = sorted(await _rows(), key=lambda r: r["seal"])
    a, b = rows[1], rows[2]
    await AuditEvent.update({AuditEvent.seal: -1}).where(AuditEvent.id == a["id"])
    await AuditEvent.update({AuditEvent.seal: a["seal"]}).where(AuditEvent.id == b["id"])
    await AuditEvent.update({AuditEvent.seal: b["seal"]}).where(AuditEvent.id == a["id"])
    ok, _, problem = await audit.verify()
    assert not ok and f"entry {b['id']}" in problem and "previous entry" in problem


async def test_a_deleted_sealed_entry_in_the_middle_is_caught(world_api: Api) -> None:
    await _written(4)
    await sealing.seal()
    rows = sorted(await _rows(), key=lambda r: r["seal"])
    await AuditEvent.delete().where(AuditEvent.id == rows[1]["id"])
    ok, _, problem = await audit.verify()
    assert not ok and f"entry {rows[2]['id']}" in problem


async def test_an_edited_sealed_entry_is_caught(world_api: Api) -> None:
    await _written(3)
    await sealing.seal()
    rows = sorted(await _rows(), key=lambda r: r["seal"])
    await AuditEvent.update({AuditEvent.outcome: "refused"}).where(AuditEvent.id == rows[1]["id"])
    ok, _, problem = await audit.verify()
    assert not ok and f"entry {rows[1]['id']}" in problem and "changed" in problem


async def test_a_row_put_into_the_database_directly_is_named_once_sealed(
    world_api: Api,
) -> None:
    """Whoever writes the database without the key cannot make a row the sealer takes for
    Stepwise's: the row's own MAC is missing, and its seal says so."""
    await _written(2)
    forged = dict((await _rows())[0])
    for gone in ("id", "seal", "prev_hash"):
        forged.pop(gone)
    forged["actor"] = "f" * 36
    forged["hash"] = hashlib.sha256(entry.canonical(forged)).hexdigest()
    await AuditEvent.insert(AuditEvent(**forged))
    await _written(1)
    ok, checked, problem = await audit.verify()
    inserted = (await AuditEvent.select().where(AuditEvent.actor == "f" * 36).first()) or {}
    assert not ok and checked == 2
    assert f"entry {inserted['id']}" in problem and "not written by Stepwise" in problem


async def test_an_entry_inserted_into_the_sealed_chain_is_caught(world_api: Api) -> None:
    await _written(3)
    await sealing.seal()
    rows = sorted(await _rows(), key=lambda r: r["seal"])
    # Make room at position 2 and put a copy of the first entry there, chained publicly.
    for row in reversed(rows[1:]):
        await AuditEvent.update({AuditEvent.seal: row["seal"] + 1}).where(
            AuditEvent.id == row["id"]
        )
    copy = {k: v for k, v in rows[0].items() if k != "id"}
    copy.update(seal=2, prev_hash=rows[0]["hash"])
    copy["hash"] = entry.public_digest(rows[0]["hash"], copy)
    await AuditEvent.insert(AuditEvent(**copy))
    ok, _, problem = await audit.verify()
    assert not ok and "key" in problem


async def test_verifying_from_the_newest_checkpoint_walks_only_what_came_after(
    world_api: Api,
) -> None:
    await _written(5)
    point = await audit.checkpoint()
    assert point is not None and point.count == 5
    await _written(3)
    whole = await verifying.verify()
    assert whole.intact and whole.checked == 8 and whole.sealed == 3
    since = await verifying.verify(from_checkpoint=True)
    assert since.intact and since.checked == 3 and since.anchor == point
    # Something changed after the checkpoint is caught from it …
    newest = (await _rows())[-1]
    await AuditEvent.update({AuditEvent.action: "nothing"}).where(AuditEvent.id == newest["id"])
    assert not (await verifying.verify(from_checkpoint=True)).intact
    await AuditEvent.update({AuditEvent.action: "client_read"}).where(AuditEvent.id == newest["id"])
    # … and so is the entry the checkpoint signed, changed or gone.
    await AuditEvent.delete().where(AuditEvent.id == point.last_id)
    cut = await verifying.verify(from_checkpoint=True)
    assert not cut.intact and f"entry {point.last_id}" in cut.problem
    cli = stepwise("audit", "verify", "--from-checkpoint")
    assert cli.returncode == 1 and f"entry {point.last_id}" in cli.stdout


async def test_the_command_line_verifies_from_a_checkpoint(world_api: Api) -> None:
    await _written(4)
    await audit.checkpoint()
    await _written(2)
    cli = stepwise("audit", "verify", "--from-checkpoint")
    assert cli.returncode == 0, cli.stdout + cli.stderr
    assert "Sealed 2 entries" in cli.stdout
    assert "2 entries checked after the checkpoint" in cli.stdout


async def test_a_read_only_verify_reports_entries_left_unsealed(world_api: Api) -> None:
    await _written(2)
    await sealing.seal()
    await _written(1)
    fresh = await verifying.verify(read_only=True)
    assert fresh.intact and fresh.checked == 2  # within the grace: the sealer is on its way
    later = await verifying.verify(read_only=True, now=clock.now() + 2 * sealing.GRACE)
    assert not later.intact and "1 entries" in later.problem and "not sealed" in later.problem
    assert (await verifying.verify()).intact  # a verify that may write seals them first


async def test_erasure_of_an_entry_written_while_it_runs_is_sealed_as_an_erasure(
    world_api: Api,
) -> None:
    """An entry still unsealed when erased gets the pending marker; the sealer replaces it
    with the erasure marker made from the entry's chain hash."""
    who = "a" * 36
    await audit.record("client_read", subject=who)
    await AuditEvent.update(
        {AuditEvent.ip: "", AuditEvent.user_agent: "", AuditEvent.personal_salt: "x"}
    ).where(AuditEvent.subject == who)  # what the erasure does to an unsealed entry
    await sealing.seal()
    row = await AuditEvent.select().where(AuditEvent.subject == who).first()
    assert row is not None and row["personal_salt"] == chain.erased_marker(row["hash"])
    assert (await audit.verify())[0]
    assert await audit.forget_personal_fields(who) == 1
    assert (await audit.verify())[0]


async def test_the_round_seals_in_batches_and_checkpoints_on_the_way(
    world_api: Api, monkeypatch: Any
) -> None:
    monkeypatch.setattr(sealing, "batch_size", lambda: 3)
    monkeypatch.setattr(chain, "CHECKPOINT_EVERY", 4)
    await _written(10)
    assert await audit.seal_round(clock.now()) == 0  # four batches, and nothing left: rest
    assert await AuditEvent.count().where(AuditEvent.seal.is_null()) == 0
    # A checkpoint at the end of each batch that passed a multiple of four: 6, then 9.
    assert [p.count for p in chain.load()] == [6, 9]
    assert (await audit.verify())[0]


async def test_a_sealer_gives_way_to_one_at_work(world_api: Api) -> None:
    """Several app servers on PostgreSQL: while one seals, another's round seals nothing and
    does not wait, and audited requests keep writing entries. (SQLite has a single server
    process, and its one writer.)"""
    await _written(2)
    engine = AuditEvent._meta.db
    if engine.engine_type == "postgres":
        other = await asyncpg.connect(engine.config["dsn"])
        try:
            await other.execute(f"SELECT pg_advisory_lock({sealing.LOCK})")
            await audit.seal_round(clock.now())
            assert await AuditEvent.count().where(AuditEvent.seal.is_null()) == 2
            # Writing never waits for the sealer (the version before waited for this lock).
            await asyncio.wait_for(audit.record("client_read"), timeout=10)
            assert await AuditEvent.count().where(AuditEvent.seal.is_null()) == 3
        finally:
            await other.close()
    await audit.seal_round(clock.now())
    assert await AuditEvent.count().where(AuditEvent.seal.is_null()) == 0
    assert (await audit.verify())[0]


async def test_the_round_comes_back_at_once_only_while_there_is_a_backlog(
    world_api: Api, monkeypatch: Any
) -> None:
    monkeypatch.setattr(sealing, "batch_size", lambda: 2)
    await _written(9)
    assert await audit.seal_round(clock.now()) == 8  # the round's limit: more may be waiting
    assert await audit.seal_round(clock.now()) == 0  # the last one: the engine may rest
    assert await AuditEvent.count().where(AuditEvent.seal.is_null()) == 0


async def test_entries_chained_before_sealing_existed_keep_verifying(world_api: Api) -> None:
    """The migration numbers the entries an earlier version chained (in id order) and they
    verify as before, followed by sealed ones."""
    await _written(3)
    key = chain.key()
    prev = entry.GENESIS
    for row in await _rows():  # as the previous version wrote them: chained at once, by id
        made = entry.keyed(prev, row, key)
        await AuditEvent.update({AuditEvent.prev_hash: prev, AuditEvent.hash: made}).where(
            AuditEvent.id == row["id"]
        )
        prev = made
    await AuditEvent._meta.db.run_ddl(step.FORWARDS[0])
    assert [r["seal"] for r in await _rows()] == [1, 2, 3]
    await _written(2)
    assert await audit.verify() == (True, 5, "")


async def test_many_entries_written_at_once_are_sealed_and_verify(
    world_api: Api, monkeypatch: Any
) -> None:
    """What the large benchmark organisation is built with: after entries already written,
    sealed or not, and before later ones."""
    monkeypatch.setattr(bulk, "BATCH", 700)
    await _written(2)
    await sealing.seal()
    await _written(1)
    start = clock.now()
    made = (
        bulk.NewEntry(
            at=start + timedelta(seconds=i),
            action="client_read",
            actor="c" * 36,
            subject=f"{i % 7:036d}",
            team="t",
            detail={"n": i},
        )
        for i in range(1500)
    )
    assert await bulk.write_sealed(made) == 1500
    await _written(1)
    assert await audit.verify() == (True, 1504, "")
    assert [r["seal"] for r in (await _rows())[:3]] == [1, 2, 3]


async def test_an_entry_changed_before_it_is_sealed_is_caught(world_api: Api) -> None:
    await _written(3)
    rows = await _rows()
    assert rows[1]["seal"] is None
    await AuditEvent.update({AuditEvent.action: "nothing"}).where(AuditEvent.id == rows[1]["id"])
    ok, _, problem = await audit.verify()
    assert not ok and f"entry {rows[1]['id']}" in problem and "not written by Stepwise" in problem


async def test_newest_entries_removed_and_refilled_by_later_ones_are_caught(
    world_api: Api,
) -> None:
    """The positions a checkpoint signed filled again by later entries: the checkpoint names
    another entry there (checkpoints are read a line at a time, compared a batch at a time)."""
    await _written(5)
    point = await audit.checkpoint()
    assert point is not None
    await AuditEvent.delete().where(AuditEvent.id == point.last_id)
    await _written(2)
    verdict = await verifying.verify()
    assert not verdict.intact and verdict.checked == 6
    assert f"entry {point.last_id} is not the one the checkpoint" in verdict.problem
