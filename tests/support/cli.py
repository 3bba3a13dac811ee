"""The ``stepwise`` command as an operator runs it, in processes of its own, on an installation
(data directory and database) given by its environment."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx


def installation(data_dir: Path, database_url: str = "") -> dict[str, str]:
    """The environment of an installation of its own: ``data_dir``, and SQLite in it unless
    ``database_url`` names another database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEPWISE_")}
    env |= {"STEPWISE_DATA_DIR": str(data_dir), "STEPWISE_ORIGIN": "http://localhost:8000"}
    if database_url:
        env["STEPWISE_DATABASE_URL"] = database_url
    return env


def _umask_022() -> None:
    os.umask(0o022)


def stepwise(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``stepwise ARGS`` started with the common umask 022."""
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=180,
        preexec_fn=_umask_022,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(env: dict[str, str]) -> Iterator[str]:
    """``stepwise serve`` (umask 022) until it answers ``/health``; yields its base URL."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        preexec_fn=_umask_022,
        process_group=0,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not answer /health"
            time.sleep(0.1)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def worker(
    env: dict[str, str], *, batch: int = 50, interval: float = 0.1
) -> subprocess.Popen[bytes]:
    """``stepwise worker`` (the reminder engine in a process of its own), until it is stopped."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "backend.cli",
            "worker",
            "--batch",
            str(batch),
            "--interval",
            str(interval),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop_all(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to each (a worker finishes its batch in hand), then SIGKILL to any still running
    20 s later."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def get(url: str, session: str) -> httpx.Response:
    """GET with a session cookie."""
    return httpx.get(url, cookies={"stepwise_session": session}, timeout=10)


class Server:
    """``stepwise serve`` on one port that can be killed with SIGKILL (the whole process group:
    the serving worker and its photo processes, as a power cut or the OOM killer would) and
    started again on the same port, so that clients keep their address."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert self.process is None
        # What the server says goes to a file of its own, shown when it does not start.
        data_dir = Path(self.env["STEPWISE_DATA_DIR"])
        self.log = data_dir.parent / f"{data_dir.name}-server-{self.port}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "backend.cli", "serve", "--port", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.env,
                preexec_fn=_umask_022,
                process_group=0,
            )
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert self.process.poll() is None, f"the server stopped:\n{self.said()}"
            assert time.monotonic() < deadline, f"the server did not answer /health:\n{self.said()}"
            time.sleep(0.05)

    def said(self) -> str:
        """The end of what the server printed."""
        return self.log.read_text(errors="replace")[-4000:]

    def signal_kill(self) -> None:
        """SIGKILL now, from any thread; ``kill`` then waits for it."""
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def kill(self) -> None:
        """SIGKILL: nothing of the server runs another instruction."""
        self.signal_kill()
        assert self.process is not None
        self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None
