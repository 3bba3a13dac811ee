"""My data, the export and erasure stall nobody (GDPR Art. 15, 17 on a busy server).

On one server (SQLite, one granian worker) with a small organisation:

- **Others' p99**: four connections read the coach's caseload (``GET /api/clients``) over and
  over while, one after the other, a client with 10,000 audit entries opens My data three
  times and a client with 500 photos downloads the export (read through to its end). Budget:
  the caseload's p99 during that time < 100 ms. The export's size and the server's peak
  resident memory (VmHWM) are printed: the archive is streamed, so memory does not follow it.
- **Erasure**: erasing a client (a task with steps and photos, check-ins, a goal, audit entries)
  against the caseload read's median time, both measured alone. Budget: ≤ 20×.

``python -m bench.privacy_load`` or ``from bench import privacy_load; privacy_load.main()``;
exit status 1 when a budget is missed. The seeding runs in a subprocess of its own
(``python -m bench.privacy_load seed``): settings are read once per process.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench import server

AUDIT_ROWS = 10_000
PHOTOS = 500
OTHERS = 4
P99_MS = 100.0
ERASURE_RATIO = 20.0


async def _seed() -> dict[str, Any]:
    import dataclasses
    import hashlib
    import secrets
    import uuid
    from datetime import timedelta

    from backend.accounts.sessions import hash_token
    from backend.accounts.tables import Session, Team, User
    from backend.audit.services import record
    from backend.clients import services as clients
    from backend.commands.common import close_db as _close_db
    from backend.commands.common import migrate as _migrate
    from backend.lib import images
    from backend.lib.clock import now
    from backend.tasks import photos
    from backend.tasks.tables import Photo, Step, StepCompletion, Task
    from tests.support.photos import phone_jpeg
    from tests.support.tasks import actor as make_actor
    from tests.support.world import World

    await _migrate(quiet=True)
    at = now()
    team = Team(name="Bench privacy team", created_at=at)
    await team.save()

    async def person(name: str, role: str, team_id: Any = None) -> str:
        row = User(
            display_name=name,
            role=role,
            team=team_id,
            webauthn_handle=os.urandom(32),
            created_at=at,
            preferences={},
        )
        await row.save()
        return str(row.id)

    async def session(user_id: str) -> str:
        token = secrets.token_urlsafe(32)
        await Session.insert(
            Session(
                id_hash=hash_token(token),
                user=user_id,
                created_at=at,
                last_seen_at=at,
                expires_at=at + timedelta(days=90),
                user_agent="bench",
                ip="127.0.0.1",
            )
        )
        return token

    coach = await person("Privacy Coach", "coach", team.id)
    admin = await person("Privacy Admin", "admin")
    for i in range(25):
        await clients.create_record(await person(f"Caseload Client {i:02d}", "client"), coach)
    reader = await person("Mia Many-Entries", "client")
    await clients.create_record(reader, coach)
    for i in range(AUDIT_ROWS):
        await record("record_read", actor=coach, subject=reader, team=str(team.id), detail={"i": i})
    exporter = await person("Pia Many-Photos", "client")
    await clients.create_record(exporter, coach)
    erased = await person("Eli Erased", "client")
    await clients.create_record(erased, coach)

    world = World(ids={"coach": coach}, teams={"T": str(team.id)})
    coach_actor = make_actor(world, "coach", "coach", "T")
    processed = images.process(phone_jpeg())

    async def task_with_photos(client: str, count: int) -> str:
        task = Task(client=client, title="Photos", created_by=coach, created_at=at, updated_at=at)
        await task.save()
        for n in range(count):
            # One picture processed once, stored as many different photos (its own hash each:
            # photos with one hash are copies of each other, which erasure follows).
            mine = dataclasses.replace(
                processed, content_hash=hashlib.sha256(os.urandom(8)).hexdigest()
            )
            photo_id = await photos.store(str(task.id), mine, coach_actor)
            if n < 20:
                await Step.insert(
                    Step(
                        task=task.id,
                        position=n + 1,
                        text=f"Step {n + 1}.",
                        photo=photo_id,
                        created_at=at,
                        updated_at=at,
                    )
                )
        return str(task.id)

    await task_with_photos(exporter, PHOTOS)
    erased_task = await task_with_photos(erased, 10)
    first = await Step.select(Step.id).where(Step.task == erased_task).first()
    for _ in range(200):
        await StepCompletion.insert(
            StepCompletion(
                client_uuid=uuid.uuid4(),
                task=erased_task,
                step=first["id"] if first else None,
                user=erased,
                run_id=uuid.uuid4(),
                at=at,
                received_at=at,
            )
        )
    for i in range(200):
        await record("record_read", actor=coach, subject=erased, team=str(team.id), detail={"i": i})
    out = {
        "coach": await session(coach),
        "admin": await session(admin),
        "reader": await session(reader),
        "exporter": await session(exporter),
        "erased": {"id": erased, "name": "Eli Erased"},
        "photos": await Photo.count().where(Photo.task.client == exporter),
    }
    _close_db()
    return out


def _request(
    port: int, method: str, path: str, token: str, body: Any = None, timeout: float = 120
) -> tuple[int, int, float]:
    """(status, bytes read, seconds), the body read through to its end in pieces."""
    conn = http.client.HTTPConnection(server.HOST, port, timeout=timeout)
    headers = {"Cookie": f"stepwise_session={token}", "X-Requested-With": "stepwise"}
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    start = time.perf_counter()
    try:
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        size = 0
        while piece := response.read(256 * 1024):
            size += len(piece)
        return response.status, size, time.perf_counter() - start
    finally:
        conn.close()


def _peak_rss_mb(pid: int) -> float:
    """The largest resident size of the server's processes (VmHWM), in MB."""
    peak = 0
    for child in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return peak / 1024


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    out = [int(c) for c in found]
    for child in list(out):
        out += _children(child)
    return out


def p99(values: list[float]) -> float:
    """The 99th percentile (nearest rank) of ``values``; 0 for none."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="stepwise-bench-privacy-"))
    env = server.app_env(f"sqlite:///{data_dir / 'stepwise.sqlite3'}", data_dir)
    logs = Path(tempfile.mkdtemp(prefix="stepwise-bench-privacy-logs-"))
    print(f"privacy    seeding ({AUDIT_ROWS:,} audit entries, {PHOTOS} photos) …", flush=True)
    made = subprocess.run(
        [sys.executable, "-m", "bench.privacy_load", "seed"],
        env=env,
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        print(made.stderr[-3000:], flush=True)
        return 1
    seeded = json.loads(made.stdout.strip().splitlines()[-1])
    port = server.free_port()
    missed = []
    with server.spawn(server.serve_argv(port), env, logs / "server.log") as proc:
        server.wait_for(port, "/health", proc, timeout=60)
        for _ in range(20):  # warm
            _request(port, "GET", "/api/clients", seeded["coach"])
        alone = [_request(port, "GET", "/api/clients", seeded["coach"])[2] for _ in range(60)]

        stop = threading.Event()
        latencies: list[float] = []
        errors = 0

        def others() -> None:
            nonlocal errors
            while not stop.is_set():
                status, _, seconds = _request(port, "GET", "/api/clients", seeded["coach"])
                latencies.append(seconds)
                errors += status != 200

        threads = [threading.Thread(target=others) for _ in range(OTHERS)]
        for t in threads:
            t.start()
        heavy = []
        try:
            for _ in range(3):
                heavy.append(("my data", *_request(port, "GET", "/api/me/data", seeded["reader"])))
            heavy.append(("export", *_request(port, "GET", "/api/me/export", seeded["exporter"])))
        finally:
            stop.set()
            for t in threads:
                t.join()
        peak = _peak_rss_mb(proc.pid)

        erased = seeded["erased"]
        status, _, erase_s = _request(
            port,
            "POST",
            f"/api/people/{erased['id']}/erase",
            seeded["admin"],
            {"confirmName": erased["name"]},
        )
    caseload_s = statistics.median(alone)
    p99_ms = p99(latencies) * 1000
    for what, code, size, seconds in heavy:
        print(f"privacy    {what:<8} {code} {size / 1e6:8.1f} MB in {seconds:6.2f} s", flush=True)
    ok = p99_ms < P99_MS and errors == 0 and all(h[1] == 200 for h in heavy)
    print(
        f"{'ok    ' if ok else 'MISSED'} privacy    others' p99 {p99_ms:.1f} ms over "
        f"{len(latencies)} caseload reads during My data ({AUDIT_ROWS:,} audit entries, ×3) and "
        f"the export ({seeded['photos']} photos) (budget < {P99_MS:.0f} ms; alone: median "
        f"{caseload_s * 1000:.2f} ms); server peak resident memory {peak:.0f} MB",
        flush=True,
    )
    if not ok:
        missed.append(f"privacy others' p99 ({p99_ms:.1f} ms)")
    ratio = erase_s / caseload_s
    ok = status == 200 and ratio <= ERASURE_RATIO
    print(
        f"{'ok    ' if ok else 'MISSED'} privacy    erasure {erase_s * 1000:.1f} ms = "
        f"{ratio:.1f}× the caseload read's {caseload_s * 1000:.2f} ms (budget ≤ "
        f"{ERASURE_RATIO:.0f}×; status {status})",
        flush=True,
    )
    if not ok:
        missed.append(f"privacy erasure ({ratio:.1f}×)")
    return 1 if missed else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        import backend  # noqa: F401  (sets PICCOLO_CONF before any table is imported)

        print(json.dumps(asyncio.run(_seed())))
    else:
        sys.exit(main())
