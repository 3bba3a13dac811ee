"""A 300 MB body with an ``Idempotency-Key`` against the real server: refused with a 413 problem
at the route's limit, and the server's memory does not grow with it.

The body is streamed from a generator over a plain socket (the test never holds it) and sending
stops as soon as the server answers; the resident memory of every process of the server (granian
and its workers) is read from /proc before and after.
"""

from __future__ import annotations

import json
import os
import select
import socket
from pathlib import Path
from urllib.parse import urlsplit

from tests.e2e.conftest import Account, Server

HUGE = 300 * 1024 * 1024
CHUNK = 64 * 1024
ALLOWED_GROWTH_KB = 40 * 1024


def _server_rss_kb(group: int) -> int:
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[2]) != group:  # the process group
                continue
            status = (entry / "status").read_text()
        except (OSError, ValueError, IndexError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def _send_huge(server: Server, cookie: str) -> tuple[int, dict[str, object], int]:
    parts = urlsplit(server.url)
    sock = socket.create_connection((parts.hostname or "localhost", parts.port or 80))
    sent = 0
    try:
        head = (
            "POST /api/teams HTTP/1.1\r\n"
            f"Host: {parts.netloc}\r\n"
            f"Cookie: {cookie}\r\n"
            "X-Requested-With: stepwise\r\n"
            "Idempotency-Key: huge-body-e2e-0001\r\n"
            "Content-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
        )
        sock.sendall(head.encode())
        chunk = f"{CHUNK:x}\r\n".encode() + b" " * CHUNK + b"\r\n"
        while sent < HUGE:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:  # the server has answered: stop sending
                break
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += CHUNK
        sock.settimeout(10)
        answer = b""
        while b"\r\n\r\n" not in answer or not _complete(answer):
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    finally:
        sock.close()
    head_bytes, _, body = answer.partition(b"\r\n\r\n")
    status = int(head_bytes.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in head_bytes.lower():
        body = _dechunk(body)
    return status, json.loads(body), sent


def _complete(answer: bytes) -> bool:
    head, _, body = answer.partition(b"\r\n\r\n")
    for line in head.lower().split(b"\r\n"):
        if line.startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return body.endswith(b"0\r\n\r\n")


def _dechunk(body: bytes) -> bytes:
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2 :]
    return out


def test_a_huge_body_is_refused_before_it_fills_the_servers_memory(
    server: Server, admin: Account
) -> None:
    cookie = "; ".join(
        f"{c['name']}={c['value']}"
        for c in admin.storage_state["cookies"]
        if c["name"].startswith("stepwise")
    )
    group = os.getpgid(server.process.pid)
    before = _server_rss_kb(group)
    status, problem, sent = _send_huge(server, cookie)
    after = _server_rss_kb(group)
    assert status == 413, problem
    assert problem["status"] == 413
    assert problem["errors"][0]["field"] == "body"  # type: ignore[index]
    assert sent < 64 * 1024 * 1024, f"the server read {sent} bytes before refusing"
    assert after - before < ALLOWED_GROWTH_KB, f"the server grew by {(after - before) // 1024} MB"
