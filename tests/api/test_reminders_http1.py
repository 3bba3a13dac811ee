"""The push sender's HTTP/1.1 client (backend/reminders/http1.py) against servers on loopback
that answer in each way HTTP/1.1 allows: kept alive, chunked, closed, 100 Continue, over TLS,
and closing an idle connection under it."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from backend.reminders import http1

Respond = Callable[[bytes, asyncio.StreamWriter], bytes | None]
Serve = Callable[..., Awaitable["Server"]]


class Server:
    """Reads one request at a time (Content-Length bodies) and answers with ``respond``."""

    def __init__(self, respond: Respond) -> None:
        self.respond = respond
        self.requests: list[bytes] = []
        self.connections = 0
        self.port = 0
        self._server: asyncio.Server | None = None

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                body = await reader.readexactly(length)
                self.requests.append(head + body)
                answer = self.respond(head + body, writer)
                if answer is None:
                    writer.close()
                    return
                writer.write(answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def start(self, tls: ssl.SSLContext | None = None) -> Server:
        self._server = await asyncio.start_server(self.handle, "127.0.0.1", 0, ssl=tls)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    started: list[Server] = []

    async def start(respond: Respond, tls: ssl.SSLContext | None = None) -> Server:
        server = await Server(respond).start(tls)
        started.append(server)
        return server

    yield start
    for server in started:
        await server.stop()


def fixed(answer: bytes) -> Respond:
    return lambda request, writer: answer


async def test_kept_alive_and_reused(serve: Serve) -> None:
    server = await serve(
        fixed(b"HTTP/1.1 201 Created\r\nLocation: /m/1\r\nContent-Length: 0\r\n\r\n")
    )
    pool = http1.Pool(limit=4)
    url = f"http://127.0.0.1:{server.port}/push/abc?x=1"
    for _ in range(5):
        answer = await pool.post(url, {"TTL": "60", "Topic": "r1"}, b"\x00\x01body")
        assert answer.status == 201 and answer.headers["location"] == "/m/1"
    assert server.connections == 1
    first = server.requests[0]
    assert first.startswith(b"POST /push/abc?x=1 HTTP/1.1\r\n")
    assert f"Host: 127.0.0.1:{server.port}\r\n".encode() in first
    assert b"TTL: 60\r\n" in first and b"Content-Length: 6\r\n" in first
    assert first.endswith(b"\r\n\r\n\x00\x01body")
    answers = await asyncio.gather(*(pool.post(url, {}, b"x") for _ in range(20)))
    assert {a.status for a in answers} == {201}
    assert server.connections <= 4
    await pool.close()


async def test_chunked_interim_and_close_delimited_answers(serve: Serve) -> None:
    chunked = await serve(
        fixed(
            b"HTTP/1.1 100 Continue\r\n\r\n"
            b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n4;x=y\r\nslow\r\n5\r\n down\r\n0\r\n\r\n"
        )
    )
    closing = await serve(lambda request, writer: writer.write(b"HTTP/1.0 410 Gone\r\n\r\nbye"))
    pool = http1.Pool()
    answer = await pool.post(f"http://127.0.0.1:{chunked.port}/p", {}, b"")
    assert (answer.status, answer.headers["retry-after"], answer.body) == (429, "30", b"slow down")
    answer = await pool.post(f"http://127.0.0.1:{closing.port}/p", {}, b"")
    assert (answer.status, answer.body) == (410, b"bye")
    await pool.close()


async def test_an_idle_connection_closed_by_the_server_is_replaced(
    serve: Serve,
) -> None:
    count = 0

    def once_per_connection(request: bytes, writer: asyncio.StreamWriter) -> bytes:
        nonlocal count
        count += 1
        writer.write(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
        writer.close()  # keep-alive is allowed to end whenever the server likes
        return b""

    server = await serve(once_per_connection)
    pool = http1.Pool()
    url = f"http://127.0.0.1:{server.port}/p"
    assert (await pool.post(url, {}, b"a")).status == 201
    await asyncio.sleep(0.05)
    assert (await pool.post(url, {}, b"b")).status == 201
    assert count == 2
    await pool.close()


async def test_no_answer_is_an_error_in_time(serve: Serve) -> None:
    silent = await serve(lambda request, writer: b"")
    pool = http1.Pool(timeout=0.2)
    with pytest.raises(TimeoutError):
        await pool.post(f"http://127.0.0.1:{silent.port}/p", {}, b"")
    garbage = await serve(fixed(b"SMTP ready\r\n\r\n"))
    with pytest.raises(http1.HTTPError):
        await pool.post(f"http://127.0.0.1:{garbage.port}/p", {}, b"")
    with pytest.raises(ValueError, match="not an http"):
        await pool.post("ftp://127.0.0.1/p", {}, b"")
    await pool.close()


def _certificate(tmp_path: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_file, key_file)
    client = ssl.create_default_context(cafile=str(cert_file))
    return server, client


async def test_https_with_a_verified_certificate(serve: Serve, tmp_path: Path) -> None:
    server_tls, client_tls = _certificate(tmp_path)
    server = await serve(fixed(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"), server_tls)
    url = f"https://127.0.0.1:{server.port}/push/x"
    trusted = http1.Pool(ssl_context=client_tls)
    assert (await trusted.post(url, {}, b"secret")).status == 201
    await trusted.close()
    system = http1.Pool(timeout=2)  # the system's trust store does not know this certificate
    with pytest.raises(ssl.SSLCertVerificationError):
        await system.post(url, {}, b"secret")
    await system.close()
