"""Lighthouse 12 (mobile) on the handover pack's page, as a co-worker opens it: no account, a
slow phone (Lighthouse's default: Moto G Power, simulated slow 4G, 4× CPU slowdown).

``python -m bench.handover`` starts a throwaway server (SQLite in a temporary directory) with a
client, her job, a three-step photo task made for it, every section of the pack shared and a
link for a co-worker, written through the services as the app would; or ``--url`` points it at
a running server's link (``http://…/h/<token>``).

The budgets: performance ≥ 95, accessibility 100, and the first load (everything but the step
photos, which load lazily) ≤ 100 KB transferred, from Lighthouse's own record of the requests.
``main()`` returns the figures, and exits 1 when a budget is missed if ``--check`` is given.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import lighthouse, server

BUDGETS = {"performance": 95, "accessibility": 100}
FIRST_LOAD_BUDGET = 100 * 1024


async def _seed(origin: str) -> dict[str, str]:
    """Run in a subprocess with the server's environment (settings are read once)."""
    import uuid
    from datetime import date

    import backend  # noqa: F401  (sets PICCOLO_CONF before any table is imported)
    from backend.accounts.tables import Team, User
    from backend.clients import record_of
    from backend.clients import services as clients
    from backend.commands.common import close_db as _close_db
    from backend.commands.common import migrate as _migrate
    from backend.employers import jobs
    from backend.handover import reading
    from backend.handover import services as handover
    from backend.handover.sections import SECTIONS
    from backend.lib.actor import Actor
    from backend.lib.clock import now
    from backend.tasks import photos, services
    from shared_schemas import employers as employer_wire
    from shared_schemas import handover as wire
    from shared_schemas import tasks as task_wire

    await _migrate(quiet=True)
    at = now()
    team = Team(name="Handover team", created_at=at)
    await team.save()

    async def person(name: str, role: str, team_id: str | None) -> str:
        row = User(
            display_name=name,
            role=role,
            team=team_id,
            webauthn_handle=uuid.uuid4().bytes * 2,
            created_at=at,
            preferences={},
        )
        await row.save()
        return str(row.id)

    coach_id = await person("Jonas Virtanen", "coach", str(team.id))
    client_id = await person("Maria Kowalska", "client", None)
    await clients.create_record(client_id, coach_id)
    coach = Actor(
        id=coach_id, role="coach", team_id=str(team.id), display_name="Jonas", session_hash=""
    )
    client = Actor(id=client_id, role="client", team_id=None, display_name="Maria", session_hash="")
    job_id, _ = await jobs.create(
        coach,
        client_id,
        None,
        employer_wire.JobCreate(
            local_id=str(uuid.uuid4()), title="Kitchen assistant", start_date=date(2026, 11, 2)
        ),
    )
    task_id = await services.create(
        coach,
        client_id,
        task_wire.TaskCreate(title="Set up the salad bar", workplace="Café Aalto", job_id=job_id),
    )
    task, _ = await services.visible_task(coach, task_id)
    for index, text in enumerate(
        (
            "Take the bowls from the fridge.",
            "Put the bowls in the salad bar.",
            "Put a spoon in each bowl.",
        )
    ):
        step_id = await services.add_step(task, task_wire.StepCreate(text=text))
        step = await services.step_row(task, step_id)
        photo_id = await photos.store(task_id, await photos.process(lighthouse._jpeg(index)), coach)
        await services.set_photo(step, photo_id)
    record = await record_of(client_id)
    assert record is not None
    for section in SECTIONS:
        await handover.consent(
            client,
            record,
            job_id,
            section,
            wire.ConsentWrite(local_id=str(uuid.uuid4()), granted=True),
        )
    for section, words in (
        ("if_wrong", "Tell me calmly what happened. If I am upset, call Jonas."),
        ("phone", "Ask me to show you the step on my phone."),
    ):
        await handover.write_words(client, record, job_id, section, words)
    job = await reading.job_row(client_id, job_id)
    assert job is not None
    _, token = await handover.make_link(
        coach,
        record,
        job,
        wire.LinkCreate(local_id=str(uuid.uuid4()), reader_name="Kim", reader_role="co-worker"),
    )
    _close_db()
    return {"url": f"{origin}/h/{token}"}


def measure(url: str, out_dir: Path) -> dict[str, Any]:
    result = lighthouse.run_lighthouse("handover", url, "", out_dir)
    report = json.loads(Path(result["report"]).read_text())
    requests = report["audits"]["network-requests"]["details"]["items"]
    first = [r for r in requests if r.get("resourceType") != "Image"]
    photos = [r for r in requests if r.get("resourceType") == "Image"]
    return {
        **result,
        "first_load_bytes": sum(int(r.get("transferSize") or 0) for r in first),
        "first_load_requests": len(first),
        "photo_bytes": sum(int(r.get("transferSize") or 0) for r in photos),
        "photo_requests": len(photos),
    }


def _throwaway() -> tuple[str, Any]:
    port = server.free_port()
    data_dir = Path(tempfile.mkdtemp(prefix="stepwise-handover-"))
    env = server.app_env(f"sqlite:///{data_dir / 'stepwise.sqlite3'}", data_dir)
    origin = f"http://localhost:{port}"
    env["STEPWISE_ORIGIN"] = origin
    env["STEPWISE_PORT"] = str(port)
    seeded = subprocess.run(
        [sys.executable, "-m", "bench.handover", "--seed", origin],
        env=env,
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    facts = json.loads(seeded.stdout.strip().splitlines()[-1])
    spawned = server.spawn(server.serve_argv(port), env, data_dir / "server.log")
    proc = spawned.__enter__()
    server.wait_for(port, "/health", proc, timeout=30)
    return facts["url"], (spawned, data_dir)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.handover", description=__doc__)
    parser.add_argument("--url", help="a running server's pack link, http://…/h/<token>")
    parser.add_argument("--out", type=Path, help="where to keep the report (default: a temp dir)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is missed")
    parser.add_argument("--seed", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.seed:
        print(json.dumps(asyncio.run(_seed(args.seed))))
        return {}
    if not lighthouse.LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm install` in pwa/.")
    if not shutil.which(lighthouse.CHROME):
        raise SystemExit(f"{lighthouse.CHROME} is missing: apt-get install -y chromium")
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="stepwise-handover-reports-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    owned = None
    url = args.url
    if not url:
        url, owned = _throwaway()
    try:
        figures = measure(url, out_dir)
    finally:
        if owned:
            spawned, data_dir = owned
            spawned.__exit__(None, None, None)
            shutil.rmtree(data_dir, ignore_errors=True)
    missed: list[str] = []
    scores = figures["scores"]
    print(
        f"lighthouse handover page: performance {scores['performance']}, accessibility "
        f"{scores['accessibility']}, best practices {scores['best-practices']}"
    )
    for category, budget in BUDGETS.items():
        if scores[category] < budget:
            missed.append(f"handover page {category} {scores[category]} < {budget}")
            below = ", ".join(figures["below_full_marks"][category]) or "-"
            print(f"           {category} below full marks: {below}")
    first = figures["first_load_bytes"]
    print(
        f"first load before photos: {first} bytes in {figures['first_load_requests']} requests "
        f"(budget {FIRST_LOAD_BUDGET}); photos: {figures['photo_bytes']} bytes in "
        f"{figures['photo_requests']} requests"
    )
    if first > FIRST_LOAD_BUDGET:
        missed.append(f"handover page first load {first} > {FIRST_LOAD_BUDGET}")
    print(f"report in {out_dir} ({time.monotonic() - started:.0f} s)")
    figures["missed"] = missed
    if args.check and missed:
        print("MISSED: " + "; ".join(missed))
        raise SystemExit(1)
    return figures


if __name__ == "__main__":
    main()
