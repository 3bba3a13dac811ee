"""Browser tests: the built PWA, a real server, headless Chromium with virtual passkeys.

One server and one browser for the whole session; every person in a test is a fresh browser
context with its own virtual authenticator (CDP ``WebAuthn`` domain), like a separate phone.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests.e2e.pages import EnrollPage, Person
from tests.support import audio
from tests.support.authenticator import SoftAuthenticator
from tests.support.photos import phone_jpeg

ROOT = Path(__file__).resolve().parents[2]
PWA = ROOT / "pwa"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SETUP_LINK = re.compile(r"(http://localhost:\d+/enroll#[A-Za-z0-9_-]+)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives the real Chromium."""
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


# ---------------------------------------------------------------------------------------------
# The built PWA


def _dist_is_stale(dist: Path) -> bool:
    index = dist / "index.html"
    if not index.is_file() or not (dist / "sw.js").is_file():
        return True
    built = index.stat().st_mtime
    sources = [
        *PWA.joinpath("src").rglob("*"),
        *PWA.joinpath("public").rglob("*"),
        PWA / "index.html",
        PWA / "vite.config.ts",
        PWA / "package.json",
    ]
    return any(path.is_file() and path.stat().st_mtime > built for path in sources)


@pytest.fixture(scope="session")
def pwa_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of pwa/dist (built first when it is missing or older than its sources) that the
    test server serves: the tests that deploy "a new version" change this session's copy, never
    the build another run may be serving."""
    dist = PWA / "dist"
    # With several test processes (pytest -n 2) one builds while the others wait for it.
    lock = Path(tempfile.gettempdir()) / f"stepwise-pwa-build-{os.getuid()}.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        if _dist_is_stale(dist):
            if not (PWA / "node_modules" / ".bin" / "vite").exists():
                subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PWA, check=True)
            subprocess.run(["npm", "run", "build"], cwd=PWA, check=True)
        copy = tmp_path_factory.mktemp("pwa") / "dist"
        shutil.copytree(dist, copy)
    return copy


# ---------------------------------------------------------------------------------------------
# The server


@dataclass
class Server:
    url: str
    data_dir: Path
    setup_link: str
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    @property
    def database(self) -> Path:
        return self.data_dir / "stepwise.sqlite3"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _command(port: int) -> list[str]:
    script = ROOT / ".venv" / "bin" / "stepwise"
    base = [str(script)] if script.exists() else ["uv", "run", "stepwise"]
    return [*base, "serve", "--port", str(port)]


@pytest.fixture(scope="session")
def server(pwa_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("stepwise-e2e")
    port = _free_port()
    # The API tier's conftest sets STEPWISE_* for its in-process app: none of that applies to
    # this server, which gets only its own settings (host name "localhost": passkeys need one).
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEPWISE_")}
    env |= {
        "STEPWISE_DATA_DIR": str(data_dir),
        "STEPWISE_PWA_DIST": str(pwa_dist),
        "STEPWISE_RATE_LIMIT": "100000",
        "STEPWISE_PUSH_LOOPBACK": "1",  # the stand-in push service (tests/support/push_service.py)
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        _command(port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: granian's workers stop with it
    )
    output: list[str] = []
    assert process.stdout is not None
    stdout = process.stdout

    def drain() -> None:
        for line in stdout:
            output.append(line)

    threading.Thread(target=drain, daemon=True).start()
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError("The server stopped:\n" + "".join(output))
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=1) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("The server did not answer /health:\n" + "".join(output))
            time.sleep(0.1)
        match = next((m for line in output if (m := SETUP_LINK.search(line))), None)
        assert match, "No setup link in the server's output:\n" + "".join(output)
        yield Server(url, data_dir, match.group(1), process, output)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        stdout.close()


# ---------------------------------------------------------------------------------------------
# The browser and the people using it


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


PersonFactory = Callable[..., Person]


@pytest.fixture
def new_person(browser: Browser, server: Server) -> Iterator[PersonFactory]:
    """A fresh browser context with its own passkey device, closed after the test."""
    made: list[Person] = []

    def make(**kwargs: Any) -> Person:
        person = Person.open(browser, server.url, **kwargs)
        made.append(person)
        return person

    yield make
    violations = [v for person in made for v in person.policy_violations]
    for person in made:
        person.close()
    assert not violations, f"Content Security Policy refusals: {violations}"


@dataclass
class Account:
    """A person enrolled once per session: their passkey and their signed-in cookies."""

    role: str
    name: str
    id: str
    credentials: list[dict[str, Any]]
    storage_state: dict[str, Any]
    heading_after_enroll: str = ""
    url_after_enroll: str = ""


@dataclass
class Organisation:
    admin: Account
    team_id: str
    coordinator: Account
    coach: Account
    client: Account
    family: Account


def enroll(browser: Browser, server: Server, url: str, role: str, name: str) -> Account:
    """Open a one-time link in a new context, make the passkey, and keep what came of it."""
    person = Person.open(browser, server.url)
    try:
        EnrollPage(person.page).open(url).create_passkey()
        heading = person.heading().inner_text(timeout=10_000)
        me = person.api("GET", "/api/me")
        return Account(
            role=role,
            name=name,
            id=me["id"],
            credentials=person.credentials(),
            storage_state=dict(person.context.storage_state()),
            heading_after_enroll=heading,
            url_after_enroll=person.page.url,
        )
    finally:
        person.close()


@pytest.fixture(scope="session")
def admin(browser: Browser, server: Server) -> Account:
    """The first-run flow: the setup link printed by the server makes the administrator."""
    return enroll(browser, server, server.setup_link, "admin", "Administrator")


@pytest.fixture(scope="session")
def team(browser: Browser, server: Server, admin: Account) -> dict[str, Any]:
    """The team "Riverside", made once by the administrator."""
    person = Person.open(browser, server.url, account=admin)
    try:
        return dict(person.api("POST", "/api/teams", {"name": "Riverside"}))
    finally:
        person.close()


@pytest.fixture(scope="session")
def org(browser: Browser, server: Server, admin: Account, team: dict[str, Any]) -> Organisation:
    """A small organisation made through the API as the administrator, each person enrolled
    through the enrollment screen in their own context."""
    person = Person.open(browser, server.url, account=admin)
    try:

        def invite(body: dict[str, Any]) -> str:
            body = {"delivery": "link", "relation": "", **body}
            return str(person.api("POST", "/api/invitations", body)["url"])

        coordinator = enroll(
            browser,
            server,
            invite({"role": "coordinator", "displayName": "Helena Nowak", "teamId": team["id"]}),
            "coordinator",
            "Helena Nowak",
        )
        coach = enroll(
            browser,
            server,
            invite({"role": "coach", "displayName": "Jonas Virtanen", "teamId": team["id"]}),
            "coach",
            "Jonas Virtanen",
        )
        client = enroll(
            browser,
            server,
            invite({"role": "client", "displayName": "Maria Kowalska", "coachId": coach.id}),
            "client",
            "Maria Kowalska",
        )
        family = enroll(
            browser,
            server,
            invite(
                {
                    "role": "family",
                    "displayName": "Anna Kowalska",
                    "clientId": client.id,
                    "relation": "mother",
                }
            ),
            "family",
            "Anna Kowalska",
        )
    finally:
        person.close()
    return Organisation(admin, team["id"], coordinator, coach, client, family)


# ---------------------------------------------------------------------------------------------
# Tasks for the client's player


@dataclass
class TaskInfo:
    id: str
    title: str
    steps: list[dict[str, Any]]


TaskFactory = Callable[..., TaskInfo]
STEP_TEXTS = (
    "Take the bowls from the fridge.",
    "Put the bowls in the salad bar.",
    "Put a spoon in each bowl.",
)


@pytest.fixture(scope="session")
def make_task(browser: Browser, server: Server, org: Organisation) -> Iterator[TaskFactory]:
    """Tasks for the client Maria, made by her coach through the API: each step with a real
    photo (a phone JPEG), the first with a voice prompt, and the steps in ``mastered`` compact."""
    coach = Person.open(browser, server.url, account=org.coach)

    def make(
        title: str = "Set up the salad bar",
        texts: tuple[str, ...] = STEP_TEXTS,
        mastered: tuple[int, ...] = (),
        voice: bool = True,
        client: Account | None = None,
    ) -> TaskInfo:
        owner = client or org.client
        task = coach.api(
            "POST", f"/api/clients/{owner.id}/tasks", {"title": title, "workplace": "Café Aalto"}
        )
        for text in texts:
            task = coach.api("POST", f"/api/tasks/{task['id']}/steps", {"text": text})
        for index, step in enumerate(task["steps"]):
            coach.upload(
                f"/api/tasks/{task['id']}/steps/{step['id']}/photo",
                phone_jpeg(800, 600, 6, 80),
                f"step{index + 1}.jpg",
                "image/jpeg",
            )
            if index + 1 in mastered:
                coach.api(
                    "PATCH", f"/api/tasks/{task['id']}/steps/{step['id']}", {"mastered": True}
                )
        if voice and task["steps"]:
            step = task["steps"][0]
            coach.upload(
                f"/api/tasks/{task['id']}/steps/{step['id']}/voice",
                audio.webm(2.0),
                "prompt.webm",
                "audio/webm",
            )
        detail = coach.api("GET", f"/api/tasks/{task['id']}")
        return TaskInfo(id=detail["id"], title=detail["title"], steps=detail["steps"])

    yield make
    coach.close()


@pytest.fixture(scope="session")
def client_task(make_task: TaskFactory) -> TaskInfo:
    """One task shared by the screen checks: three steps, the third mastered (compact)."""
    return make_task(title="Set up the salad bar", mastered=(3,))


def rows(server: Server, table: str, task_id: str) -> list[tuple[Any, ...]]:
    """The rows the server stored for a task, read straight from its SQLite file."""
    assert table in {"step_completions", "self_prompts", "help_requests"}
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        return db.execute(
            f"SELECT client_uuid FROM {table} WHERE task = ?",  # noqa: S608 (a fixed table name)
            (task_id,),
        ).fetchall()


def enroll_by_api(browser: Browser, server: Server, url: str, role: str, name: str) -> Account:
    """Enrollment as a set-up step: the invitation's link answered through the API with a
    software passkey (the one the API tests use, verified by the server like any other), then
    carried to the browser's authenticator like a passkey of the session's accounts. The
    enrollment screen itself is tested by the session's accounts and ``test_auth.py``; making
    each test's extra people this way saves loading the app and a ceremony for each."""
    device = SoftAuthenticator(origin=server.url)
    token = url.split("#", 1)[1]
    context = browser.new_context(base_url=server.url)
    try:
        headers = {"X-Requested-With": "stepwise", "Content-Type": "application/json"}
        options = context.request.post(
            "/api/enroll/options", headers=headers, data=json.dumps({"token": token})
        )
        assert options.ok, f"enroll options: {options.status} {options.text()}"
        offered = options.json()
        credential = device.create(offered["publicKey"])
        done = context.request.post(
            "/api/enroll",
            headers=headers,
            data=json.dumps(
                {
                    "token": token,
                    "challengeId": offered["challengeId"],
                    "credential": credential,
                    "passkeyName": "Test phone",
                }
            ),
        )
        assert done.status == 201, f"enroll: {done.status} {done.text()}"
        me = context.request.get("/api/me", headers=headers)
        assert me.ok, f"GET /api/me: {me.status}"
        made = device.credentials[-1]
        key = made.private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return Account(
            role=role,
            name=name,
            id=me.json()["id"],
            credentials=[
                {
                    "credentialId": base64.b64encode(made.credential_id).decode(),
                    "isResidentCredential": True,
                    "rpId": made.rp_id,
                    "privateKey": base64.b64encode(key).decode(),
                    "userHandle": base64.b64encode(made.user_handle).decode(),
                    "signCount": made.sign_count,
                }
            ],
            storage_state=dict(context.storage_state()),
        )
    finally:
        context.close()


def invite_and_enroll(
    browser: Browser, server: Server, by: Account, role: str, name: str, **body: Any
) -> Account:
    """``by`` invites a person who then enrolls (both through the API: a set-up step)."""
    person = Person.open(browser, server.url, account=by)
    try:
        url = person.api(
            "POST",
            "/api/invitations",
            {"role": role, "displayName": name, "delivery": "link", "relation": "", **body},
        )["url"]
    finally:
        person.close()
    return enroll_by_api(browser, server, url, role, name)


@pytest.fixture
def fresh_client(browser: Browser, server: Server, org: Organisation) -> Account:
    """A client of their own for a test that signs out (which ends the session for good)."""
    name = f"Client {uuid.uuid4().hex[:6]}"
    return invite_and_enroll(browser, server, org.coach, "client", name, coachId=org.coach.id)
