"""``Idempotency-Key`` for writes (draft-ietf-httpapi-idempotency-key-header).

The PWA's outbox sends every offline write with a key it generated when the person acted. The
first request with a key runs; its status and body are stored under (person, key); a replay with
the same key and the same request gets the stored answer with ``Idempotent-Replayed: true``,
whatever happened to the first response on the way back. A key reused for a different request is
refused (422); a replay while the first is still running gets 409 and ``Retry-After``.

The body is read here, before the route's handler, so the route's size limit
(``request_max_body_size``) is applied here too, before a byte past it is held: a declared
``Content-Length`` over the limit is refused unread, and a streamed body is refused (413) as soon
as it passes the limit, so a large body costs the server at most its route's limit in memory.

Server errors (5xx) are not stored: the write did not happen, so a retry runs again. Domain
tables also carry the client-generated id of each write, unique, so even a crash between the
write and storing its result cannot make a second row.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import msgspec

from backend.accounts import sessions
from backend.lib.clock import now
from backend.lib.wire_names import as_before_rename
from backend.sync.tables import IdempotencyRecord
from shared_schemas import FieldError, Problem

# Plain ASGI (the typed dicts of litestar.types add nothing to a pass-through middleware).
Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

WRITES = {b"POST", b"PUT", b"PATCH", b"DELETE", "POST", "PUT", "PATCH", "DELETE"}
KEY = re.compile(r"^[A-Za-z0-9_.:-]{8,100}$")
KEEP = timedelta(days=30)  # an outbox may wait offline for days
ABANDONED = timedelta(minutes=2)  # a first attempt still "running" after this has died


class _TooLarge(Exception):
    pass


def _problem(
    status: int,
    title: str,
    reason: str,
    extra: list[tuple[bytes, bytes]] | None = None,
    field: str = "header.Idempotency-Key",
) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    body = msgspec.json.encode(
        Problem(
            title=title,
            status=status,
            errors=[FieldError(field=field, reason=reason)],
            code={409: "in_progress", 413: "too_large", 422: "key_reused"}.get(status, "invalid"),
        )
    )
    return status, [(b"content-type", b"application/problem+json"), *(extra or [])], body


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in WRITES
            or not scope["path"].startswith("/api/")
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        key = headers.get(b"idempotency-key", b"").decode("latin-1")
        owner = await _owner(headers.get(b"cookie", b"").decode("latin-1"))
        if not key or owner is None:
            await self.app(scope, receive, send)
            return
        if not KEY.match(key):
            await _send(
                send,
                *_problem(
                    400,
                    "The Idempotency-Key header is not valid.",
                    "Use 8 to 100 letters, digits, '-', '_', '.', or ':'.",
                ),
            )
            return
        limit = _body_limit(scope)
        try:
            declared = int(headers.get(b"content-length", b"0") or b"0")
        except ValueError:
            declared = 0
        try:
            if limit is not None and declared > limit:
                raise _TooLarge
            body = await _read_body(receive, limit)
        except _TooLarge:
            await _send(send, *_too_large(limit or 0))
            return
        # Under the old wire names: a write stored before ``localId`` was renamed, sent again by
        # the new version, is the same write (backend/lib/wire_names.py).
        fingerprint = hashlib.sha256(
            scope["method"].encode()
            + b" "
            + scope["path"].encode()
            + b"\n"
            + as_before_rename(body)
        ).hexdigest()
        scope_key = f"{owner}:{key}"
        claimed = await _claim(scope_key, fingerprint)
        if claimed is not None:
            await _answer_replay(send, claimed, fingerprint)
            return
        await self._run_and_store(scope, body, send, scope_key)

    async def _run_and_store(self, scope: Scope, body: bytes, send: Send, scope_key: str) -> None:
        sent_body = False

        async def replay_receive() -> Message:
            nonlocal sent_body
            if not sent_body:
                sent_body = True
                return {"type": "http.request", "body": body, "more_body": False}
            return {"type": "http.disconnect"}

        status = 500
        content_type = b""
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal status, content_type
            if message["type"] == "http.response.start":
                status = message["status"]
                for name, value in message.get("headers", []):
                    if name.lower() == b"content-type":
                        content_type = value
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_receive, capture)
        finally:
            if status >= 500:
                await IdempotencyRecord.delete().where(IdempotencyRecord.scope_key == scope_key)
            else:
                await IdempotencyRecord.update(
                    {
                        IdempotencyRecord.status: status,
                        IdempotencyRecord.content_type: content_type.decode("latin-1"),
                        IdempotencyRecord.body: b"".join(chunks),
                    }
                ).where(IdempotencyRecord.scope_key == scope_key)


async def _owner(cookie_header: str) -> str | None:
    name = sessions.cookie_name()
    for part in cookie_header.split(";"):
        k, _, v = part.strip().partition("=")
        if k == name and v:
            actor = await sessions.lookup(v)
            return actor.id if actor else None
    return None


def _body_limit(scope: Scope) -> int | None:
    """The route's ``request_max_body_size`` (app, router, controller, handler: the nearest)."""
    handler = scope.get("route_handler")
    resolve = getattr(handler, "resolve_request_max_body_size", None)
    limit = resolve() if resolve else None
    return limit if isinstance(limit, int) else None


def _too_large(limit: int) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    return _problem(
        413,
        "This request is too large.",
        f"This request is too large: {size} at most.",
        [(b"connection", b"close")],
        field="body",
    )


async def _read_body(receive: Receive, limit: int | None) -> bytes:
    """The whole body, refused (``_TooLarge``) as soon as it passes ``limit``."""
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        body += message.get("body", b"")
        if limit is not None and len(body) > limit:
            raise _TooLarge
        if not message.get("more_body", False):
            break
    return bytes(body)


async def _claim(scope_key: str, fingerprint: str) -> dict[str, Any] | None:
    """Insert a pending row; None if ours, else the existing row for this key."""
    at = now()
    existing = (
        await IdempotencyRecord.select().where(IdempotencyRecord.scope_key == scope_key).first()
    )
    if existing and existing["status"] == 0 and existing["created_at"] < at - ABANDONED:
        await IdempotencyRecord.delete().where(IdempotencyRecord.scope_key == scope_key)
        existing = None
    if existing:
        return dict(existing)
    try:
        await IdempotencyRecord.insert(
            IdempotencyRecord(scope_key=scope_key, fingerprint=fingerprint, created_at=at)
        )
    except Exception:  # unique violation: another request with this key won the race
        row = (
            await IdempotencyRecord.select().where(IdempotencyRecord.scope_key == scope_key).first()
        )
        if row is None:
            raise
        return dict(row)
    if at.second == 0:  # now and then, forget old keys
        await IdempotencyRecord.delete().where(IdempotencyRecord.created_at < at - KEEP)
    return None


async def _answer_replay(send: Send, row: dict[str, Any], fingerprint: str) -> None:
    if row["fingerprint"] != fingerprint:
        await _send(
            send,
            *_problem(
                422,
                "This change was already sent with different content.",
                "This key was already used for a different change. Make a new key.",
            ),
        )
        return
    if row["status"] == 0:
        await _send(
            send,
            *_problem(
                409,
                "This change is still being saved. Try again in a moment.",
                "The first request with this key has not finished yet.",
                [(b"retry-after", b"1")],
            ),
        )
        return
    headers = [(b"idempotent-replayed", b"true")]
    if row["content_type"]:
        headers.append((b"content-type", row["content_type"].encode("latin-1")))
    await _send(send, row["status"], headers, bytes(row["body"]))


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [*headers, (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
