"""Lighthouse 12 (mobile) on the client's home and task screens, signed in as a client.

``python -m bench.lighthouse`` starts a throwaway server (SQLite in a temporary directory) with
a client, her session and a three-step task with photos, written through the services as the
app would; or ``--url``/``--cookie``/``--task`` point it at a running server and a signed-in
client (the session cookie as ``name=value``). Lighthouse is the npm package in ``pwa/``
(``npm install`` there), run with ``CHROME_PATH=/usr/bin/chromium`` and headless Chromium; the
session cookie is sent with ``--extra-headers``. Lighthouse's default configuration is the
mobile one (Moto G Power, simulated slow 4G and 4× CPU slowdown).

Prints the performance, accessibility and best-practices scores per screen, the sign-in
page's initial JavaScript (gzip, bench.pwa), and how fast a repeat visit with no signal shows
the client's today screen on a 4× slower CPU (bench.offline_visit). The budgets:
performance ≥ 95, accessibility 100, best practices 100, initial JavaScript ≤ 60 KB, offline
repeat visit < 1 s. ``main()`` returns the figures, and exits 1 when a budget is missed if
``--check`` is given.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import offline_visit, pwa, server

LIGHTHOUSE = server.ROOT / "pwa" / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices")
BUDGETS = {"performance": 95, "accessibility": 100, "best-practices": 100}
JS_BUDGET = 60 * 1024
TASK_TITLE = "Set up the salad bar"  # what the client's today screen shows


# -- a throwaway server with a signed-in client -----------------------------------------------


async def _seed() -> dict[str, str]:
    """Run in a subprocess with the server's environment (settings are read once)."""
    import secrets
    from datetime import timedelta

    import backend  # noqa: F401  (sets PICCOLO_CONF before any table is imported)
    from backend.accounts.sessions import cookie_name, hash_token
    from backend.accounts.tables import Session, Team, User
    from backend.clients import services as clients
    from backend.commands.common import close_db as _close_db
    from backend.commands.common import migrate as _migrate
    from backend.lib.actor import Actor
    from backend.lib.clock import now
    from backend.tasks import photos, services
    from shared_schemas import tasks as wire

    await _migrate(quiet=True)
    at = now()
    team = Team(name="Lighthouse team", created_at=at)
    await team.save()

    async def person(name: str, role: str, team_id: str | None) -> str:
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

    coach = await person("Jonas Virtanen", "coach", str(team.id))
    client = await person("Maria Kowalska", "client", None)
    await clients.create_record(client, coach)
    actor = Actor(
        id=coach, role="coach", team_id=str(team.id), display_name="Jonas", session_hash=""
    )
    task_id = await services.create(
        actor, client, wire.TaskCreate(title=TASK_TITLE, workplace="Café Aalto")
    )
    task, _ = await services.visible_task(actor, task_id)
    for index, text in enumerate(
        (
            "Take the bowls from the fridge.",
            "Put the bowls in the salad bar.",
            "Put a spoon in each bowl.",
        )
    ):
        step_id = await services.add_step(task, wire.StepCreate(text=text))
        step = await services.step_row(task, step_id)
        photo_id = await photos.store(task_id, await photos.process(_jpeg(index)), actor)
        await services.set_photo(step, photo_id)
    token = secrets.token_urlsafe(32)
    await Session.insert(
        Session(
            id_hash=hash_token(token),
            user=client,
            created_at=at,
            last_seen_at=at,
            expires_at=at + timedelta(days=1),
            user_agent="lighthouse",
            ip="127.0.0.1",
        )
    )
    _close_db()
    return {"cookie": f"{cookie_name()}={token}", "task": task_id}


def _jpeg(seed: int) -> bytes:
    """A photo-like 1600 × 1200 JPEG (gradients and shapes), like a phone's."""
    from PIL import Image, ImageDraw

    image = Image.linear_gradient("L").resize((1600, 1200)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(10):
        x, y = (seed * 211 + i * 157) % 1400, (seed * 97 + i * 113) % 1000
        draw.ellipse((x, y, x + 200, y + 120), fill=((i * 50) % 256, 120, (seed * 80) % 256))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


# -- Lighthouse -----------------------------------------------------------------------------------


def run_lighthouse(name: str, url: str, cookie: str, out_dir: Path) -> dict[str, Any]:
    """One Lighthouse run; returns the scores (0–100) and where the full report is. Headless
    Chromium now and then loses the trace of the load (NO_NAVSTART): such a run is repeated."""
    report = out_dir / f"lighthouse-{name}.json"
    env = dict(os.environ, CHROME_PATH=CHROME)
    argv = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
        "--max-wait-for-load=30000",
    ]
    if cookie:  # the handover pack's page is read without an account (bench.handover)
        argv.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    for attempt in range(3):
        done = subprocess.run(
            argv, env=env, check=False, timeout=180, capture_output=True, text=True
        )
        if done.returncode == 0:
            break
        print(f"lighthouse {name}: attempt {attempt + 1} failed: {done.stderr.strip()[-300:]}")
    else:
        raise RuntimeError(f"Lighthouse failed three times on {url}")
    result = json.loads(report.read_text())
    scores = {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failed = {
        c: [
            ref["id"]
            for ref in result["categories"][c]["auditRefs"]
            if ref["weight"] > 0 and (result["audits"][ref["id"]]["score"] or 0) < 1
        ]
        for c in CATEGORIES
    }
    return {"url": url, "scores": scores, "below_full_marks": failed, "report": str(report)}


def measure(base_url: str, cookie: str, task_id: str, out_dir: Path) -> dict[str, Any]:
    screens = {"home": f"{base_url}/", "task": f"{base_url}/tasks/{task_id}"}
    results = {name: run_lighthouse(name, url, cookie, out_dir) for name, url in screens.items()}
    js = pwa.measure(pwa.PWA / "dist")
    offline = offline_visit.measure(base_url, cookie, TASK_TITLE)
    return {
        "screens": results,
        "initial_js_gzip_bytes": js.gzip_bytes,
        "initial_js": js.files,
        "offline_visit": offline,
    }


def _throwaway(out_dir: Path) -> tuple[str, str, str, Any]:
    """Start ``stepwise serve`` on a free port with a seeded client; returns its URL, cookie,
    task and the context manager that stops it."""
    port = server.free_port()
    data_dir = Path(tempfile.mkdtemp(prefix="stepwise-lighthouse-"))
    env = server.app_env(f"sqlite:///{data_dir / 'stepwise.sqlite3'}", data_dir)
    env["STEPWISE_ORIGIN"] = f"http://localhost:{port}"
    env["STEPWISE_PORT"] = str(port)
    seeded = subprocess.run(
        [sys.executable, "-m", "bench.lighthouse", "--seed"],
        env=env,
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    facts = json.loads(seeded.stdout.strip().splitlines()[-1])
    spawned = server.spawn(server.serve_argv(port), env, out_dir / "server.log")
    proc = spawned.__enter__()
    server.wait_for(port, "/health", proc, timeout=30)
    return f"http://localhost:{port}", facts["cookie"], facts["task"], (spawned, data_dir)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__)
    parser.add_argument("--url", help="a running server, e.g. http://localhost:8124")
    parser.add_argument("--cookie", help="the signed-in client's session cookie, name=value")
    parser.add_argument("--task", help="a task id of that client")
    parser.add_argument("--out", type=Path, help="where to keep the reports (default: a temp dir)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is missed")
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.seed:
        print(json.dumps(asyncio.run(_seed())))
        return {}
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm install` in pwa/.")
    if not shutil.which(CHROME):
        raise SystemExit(f"{CHROME} is missing: apt-get install -y chromium")
    if not (pwa.PWA / "dist" / "index.html").is_file():
        raise SystemExit("pwa/dist is missing: run `npm run build` in pwa/.")
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="stepwise-lighthouse-reports-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    owned = None
    if args.url:
        if not (args.cookie and args.task):
            parser.error("--url needs --cookie and --task")
        base, cookie, task = args.url.rstrip("/"), args.cookie, args.task
    else:
        base, cookie, task, owned = _throwaway(out_dir)
    try:
        figures = measure(base, cookie, task, out_dir)
    finally:
        if owned:
            spawned, data_dir = owned
            spawned.__exit__(None, None, None)
            shutil.rmtree(data_dir, ignore_errors=True)

    missed: list[str] = []
    for name, result in figures["screens"].items():
        scores = result["scores"]
        line = ", ".join(f"{c} {scores[c]}" for c in CATEGORIES)
        print(f"lighthouse {name:<5} {line}   ({result['url']})")
        for category, budget in BUDGETS.items():
            if scores[category] < budget:
                missed.append(f"{name} {category} {scores[category]} < {budget}")
                below = ", ".join(result["below_full_marks"][category]) or "-"
                print(f"           {category} below full marks: {below}")
    js = figures["initial_js_gzip_bytes"]
    print(f"initial JavaScript of the sign-in page: {js} bytes gzip (budget {JS_BUDGET})")
    if js > JS_BUDGET:
        missed.append(f"initial JavaScript {js} > {JS_BUDGET}")
    offline = figures["offline_visit"]
    print(offline_visit.report(offline))
    if not offline["ok"]:
        missed.append(f"offline repeat visit {offline['offline_median_ms']:.0f} ms ≥ 1000 ms")
    print(f"reports in {out_dir} ({time.monotonic() - started:.0f} s)")
    figures["missed"] = missed
    if args.check and missed:
        print("MISSED: " + "; ".join(missed))
        raise SystemExit(1)
    return figures


if __name__ == "__main__":
    main()
