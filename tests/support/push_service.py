"""A push service on loopback that speaks RFC 8030 enough for the tests and the benchmark.

``POST /push/<token>``: checks the VAPID ``Authorization`` (RFC 8292: an ES256 JWT whose
signature verifies with the key in ``k``, whose ``aud`` is this service's origin, whose ``exp``
is in the future and at most 24 hours ahead), the ``TTL`` header (RFC 8030 §5.2), then decrypts
the aes128gcm body (RFC 8291) with the subscription's private key using ``http_ece`` and keeps
the message. A message with a ``Topic`` replaces an undelivered one with the same topic
(RFC 8030 §5.4), as a real push service does for a user agent that is offline.

``subscribe()`` makes a subscription (key pair, auth secret, endpoint) as a browser would; the
service can be told to answer 410, 429 or 500 for a subscription, or to be slow.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import http_ece
from aiohttp import web
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02
from py_vapid.jwt import decode as decode_jwt


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Subscription:
    token: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    answer: int = 201
    retry_after: str | None = None

    @property
    def p256dh(self) -> str:
        return b64(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    def as_json(self, label: str = "Phone") -> dict[str, Any]:
        """``PushSubscription.toJSON()`` as the PWA posts it, with a device label."""
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": self.p256dh, "auth": b64(self.auth)},
            "deviceLabel": label,
        }


@dataclass
class Message:
    token: str
    payload: dict[str, Any] | None
    plaintext: bytes | None
    ttl: int
    urgency: str
    topic: str | None
    received_at: float  # time.time()
    clock_at: datetime | None  # the app's (controlled) clock when it arrived
    size: int


@dataclass
class PushService:
    """Start with ``await service.start()`` in the test's event loop, or ``run_forever`` in a
    process of its own (the benchmark)."""

    host: str = "127.0.0.1"
    port: int = 0
    decrypt_every: int = 1  # decrypt 1 message in N (the benchmark samples; tests read all)
    clock: Callable[[], datetime] | None = None
    subscriptions: dict[str, Subscription] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    """Every message accepted, in order, duplicates included."""
    held: dict[tuple[str, str], Message] = field(default_factory=dict)
    """What a user agent would get: by (subscription, topic), the latest replacing earlier."""
    refused: list[tuple[str, int, str]] = field(default_factory=list)
    posts: int = 0
    _verified: dict[str, float] = field(default_factory=dict)
    _runner: web.AppRunner | None = None

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def subscribe(self, answer: int = 201) -> Subscription:
        token = b64(os.urandom(12))
        sub = Subscription(
            token=token,
            endpoint=f"{self.origin}/push/{token}",
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth=os.urandom(16),
            answer=answer,
        )
        self.subscriptions[token] = sub
        return sub

    def subscribe_many(self, count: int, prefix: str = "u") -> list[Subscription]:
        """Many subscriptions sharing one key pair (making 100,000 keys would take seconds);
        each has its own endpoint, so each message still goes to one subscription."""
        key = ec.generate_private_key(ec.SECP256R1())
        auth = os.urandom(16)
        out = []
        for i in range(count):
            token = f"{prefix}{i}"
            sub = Subscription(token, f"{self.origin}/push/{token}", key, auth)
            self.subscriptions[token] = sub
            out.append(sub)
        return out

    def for_subscription(self, sub: Subscription) -> list[Message]:
        return [m for m in self.messages if m.token == sub.token]

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/push/{token}", self.receive)
        app.router.add_get("/stats", self.stats)
        return app

    async def start(self) -> PushService:
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def counts(self) -> dict[str, Any]:
        topics = [m.topic for m in self.messages if m.topic]
        return {
            "posts": self.posts,
            "messages": len(self.messages),
            "held": len(self.held),
            "distinctTopics": len(set(topics)),
            "refused": len(self.refused),
            "decrypted": sum(1 for m in self.messages if m.payload is not None),
            "firstAt": self.messages[0].received_at if self.messages else None,
            "lastAt": self.messages[-1].received_at if self.messages else None,
            "kinds": sorted({str(m.payload["kind"]) for m in self.messages if m.payload}),
        }

    async def stats(self, request: web.Request) -> web.Response:
        """Not RFC 8030: for a test or benchmark driving the service in another process."""
        return web.json_response(self.counts())

    # -- RFC 8030 ---------------------------------------------------------------------------

    def _refuse(self, token: str, status: int, why: str) -> tuple[int, dict[str, str], str]:
        self.refused.append((token, status, why))
        return status, {}, why

    def _check_vapid(self, header: str) -> str | None:
        """RFC 8292 §3: ``vapid t=<JWT>, k=<public key>``; None when it holds."""
        cached = self._verified.get(header)
        now = self.clock().timestamp() if self.clock else time.time()
        if cached is not None and now < cached:
            return None
        scheme, _, params = header.partition(" ")
        if scheme.lower() != "vapid":
            return "not a vapid Authorization"
        parts = dict(p.strip().split("=", 1) for p in params.split(",") if "=" in p)
        if "t" not in parts or "k" not in parts:
            return "t and k are required"
        if not Vapid02.verify(header):
            return "bad signature"
        try:
            claims = decode_jwt(parts["t"], parts["k"])
        except InvalidSignature:
            return "bad signature"
        if claims.get("aud") != self.origin:
            return f"aud {claims.get('aud')} is not {self.origin}"
        exp = int(claims.get("exp", 0))
        if not now < exp <= now + 24 * 3600:
            return "exp is in the past or more than 24 h ahead"
        if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
            return "sub must be mailto: or https:"
        self._verified[header] = float(exp)
        return None

    async def receive(self, request: web.Request) -> web.Response:
        body = await request.read()
        status, headers, text = self.handle(request.match_info["token"], request.headers, body)
        return web.Response(status=status, headers=headers, text=text)

    def handle(self, token: str, headers: Any, body: bytes) -> tuple[int, dict[str, str], str]:
        """RFC 8030 §5 for one POST: (status, headers, text). ``headers``: case-insensitive."""
        self.posts += 1
        sub = self.subscriptions.get(token)
        if sub is None:
            return self._refuse(token, 404, "no such subscription")
        problem = self._check_vapid(headers.get("Authorization", ""))
        if problem:
            return self._refuse(token, 401, problem)
        if headers.get("TTL") is None:
            return self._refuse(token, 400, "TTL is required")
        if headers.get("Content-Encoding") != "aes128gcm":
            return self._refuse(token, 415, "aes128gcm only")
        if len(body) > 4096:
            return self._refuse(token, 413, "larger than 4096 bytes")
        topic = headers.get("Topic")
        if topic is not None and (
            len(topic) > 32 or not topic.replace("-", "").replace("_", "").isalnum()
        ):
            return self._refuse(token, 400, "Topic: up to 32 base64url characters")
        if sub.answer >= 300:
            if sub.retry_after:
                return sub.answer, {"Retry-After": sub.retry_after}, "told to"
            return self._refuse(token, sub.answer, "told to")
        plaintext = payload = None
        if self.decrypt_every <= 1 or self.posts % self.decrypt_every == 0:
            plaintext = http_ece.decrypt(
                body,
                private_key=sub.private_key,
                auth_secret=sub.auth,
                version="aes128gcm",
            )
            payload = json.loads(plaintext)
        message = Message(
            token=token,
            payload=payload,
            plaintext=plaintext,
            ttl=int(headers["TTL"]),
            urgency=headers.get("Urgency", "normal"),
            topic=topic,
            received_at=time.time(),
            clock_at=self.clock().astimezone(UTC) if self.clock else None,
            size=len(body),
        )
        self.messages.append(message)
        self.held[(token, topic or f"#{len(self.messages)}")] = message
        return 201, {"Location": f"/message/{len(self.messages)}"}, ""


class _Headers(dict[str, str]):
    """Header names folded to lower case."""

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        return super().get(key.lower(), default)

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())


class _Lean(asyncio.Protocol):
    """HTTP/1.1 with keep-alive and Content-Length bodies, enough for the benchmark's load:
    aiohttp's server costs more CPU per request than the sender being measured."""

    def __init__(self, service: PushService) -> None:
        self.service = service
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            lines = self.buffer[:end].decode("latin-1").split("\r\n")
            headers = _Headers()
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("Content-Length", "0"))
            if len(self.buffer) < end + 4 + length:
                return
            body = self.buffer[end + 4 : end + 4 + length]
            self.buffer = self.buffer[end + 4 + length :]
            method, path, _ = lines[0].split(" ", 2)
            if method == "GET" and path == "/stats":
                status, extra, text = (
                    200,
                    {"Content-Type": "application/json"},
                    json.dumps(self.service.counts()),
                )
            elif method == "POST" and path.startswith("/push/"):
                status, extra, text = self.service.handle(path[6:], headers, body)
            else:
                status, extra, text = 404, {}, "not found"
            payload = text.encode()
            head = f"HTTP/1.1 {status} {'OK' if status < 300 else 'Error'}\r\n"
            head += "".join(f"{k}: {v}\r\n" for k, v in extra.items())
            head += f"Content-Length: {len(payload)}\r\n\r\n"
            assert self.transport is not None
            self.transport.write(head.encode() + payload)


def serve_forever(subscriptions: int, decrypt_every: int) -> None:
    """Run in a process of its own, on the lean server: prints one JSON line (origin, the
    shared keys), then serves until killed. ``python -m tests.support.push_service 100000 100``.
    """

    async def main() -> None:
        service = PushService(decrypt_every=decrypt_every)
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: _Lean(service), service.host, 0)
        service.port = server.sockets[0].getsockname()[1]
        subs = service.subscribe_many(subscriptions)
        keys = subs[0].as_json()["keys"] if subs else {}
        print(json.dumps({"origin": service.origin, "prefix": "u", **keys}), flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())


if __name__ == "__main__":
    import sys

    serve_forever(int(sys.argv[1]), int(sys.argv[2]))
