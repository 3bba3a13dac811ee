"""``stepwise audit verify`` on the real command line: it passes on an intact log and fails on a
log with one altered entry, or one deleted entry."""

from __future__ import annotations

from backend.audit import sealing
from backend.audit.services import record
from backend.audit.tables import AuditEvent
from tests.api.conftest import Api
from tests.api.test_cli import stepwise


async def _log_of_five() -> list[int]:
    for n in range(5):
        await record("client_read", actor="a" * 36, subject="b" * 36, detail={"n": n})
    await sealing.seal()  # what the server's round does within a second
    return [r["id"] for r in await AuditEvent.select(AuditEvent.id).order_by(AuditEvent.id)]


async def test_verify_passes_on_an_intact_log_and_fails_on_an_altered_entry(api: Api) -> None:
    ids = await _log_of_five()
    intact = stepwise("audit", "verify")
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "intact: 5 entries" in intact.stdout

    # Someone with database access rewrites who read the record in the third entry.
    await AuditEvent.update({AuditEvent.actor: "c" * 36}).where(AuditEvent.id == ids[2])
    altered = stepwise("audit", "verify")
    assert altered.returncode == 1
    assert f"entry {ids[2]}" in altered.stdout and "changed" in altered.stdout


async def test_verify_fails_on_a_deleted_entry(api: Api) -> None:
    ids = await _log_of_five()
    await AuditEvent.delete().where(AuditEvent.id == ids[1])
    deleted = stepwise("audit", "verify")
    assert deleted.returncode == 1
    assert f"entry {ids[2]}: the previous entry is missing or changed" in deleted.stdout


async def test_an_operator_can_erase_from_the_command_line(world_api: Api) -> None:
    from backend.accounts.tables import User
    from backend.audit.services import verify
    from tests.support import tasks

    w = world_api.world
    assert w is not None
    await tasks.build_tasks(w)
    alice = w.ids["client"]
    wrong = stepwise("erase", alice, "--confirm-name", "Bob Client")
    assert wrong.returncode != 0 and await User.exists().where(User.id == alice)
    staff = stepwise("erase", w.ids["coach"], "--confirm-name", "Ada Coach")
    assert staff.returncode != 0
    done = stepwise("erase", alice, "--confirm-name", "Alice Client")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Erased:")
    assert not await User.exists().where(User.id == alice)
    assert not [k for k in tasks.stored_files() if k.startswith(f"tasks/{w.ids['task']}")]
    last = (
        await AuditEvent.select()
        .order_by(AuditEvent.id, ascending=False)
        .first()
        .output(load_json=True)
    )
    assert last is not None and last["action"] == "erased" and last["actor"] == ""
    assert last["detail"]["via"] == "cli" and last["subject"] == alice
    ok, _, problem = await verify()
    assert ok, problem
