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
import os
import re
import secrets
import socket
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import msgspec

from backend import accounts
from backend.accounts.tables import User
from backend.lib.clock import now
from backend.lib.wire_names import as_before_rename
from backend.sync.tables import IdempotencyRecord, ReplayMention
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
# While a first attempt runs (status 0) its row has no answer yet, and ``content_type`` names the
# process that claimed it: host, process id and a token of this process's life. A claim of a
# process on this machine that is gone (killed, crashed, restarted) is taken over at once, so a
# phone resending after a restart is not told to wait for two minutes; a claim of another
# machine's process is waited for until ABANDONED.
_HOST = socket.gethostname()
_LIFE = secrets.token_hex(8)


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
        fingerprint = _fingerprint(scope, headers, body)
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

        # The answer is stored as the handler made it, not compressed for this one client: the
        # replay goes out without the first response's Content-Encoding, to whoever resends.
        scope = {
            **scope,
            "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"],
        }
        try:
            await self.app(scope, replay_receive, capture)
        finally:
            if status >= 500:
                await IdempotencyRecord.delete().where(IdempotencyRecord.scope_key == scope_key)
            else:
                answer = b"".join(chunks)
                named = await _people_named(answer)
                # The answer and who it names are one write: erasure finds it by that index.
                async with IdempotencyRecord._meta.db.transaction():
                    await IdempotencyRecord.update(
                        {
                            IdempotencyRecord.status: status,
                            IdempotencyRecord.content_type: content_type.decode("latin-1"),
                            IdempotencyRecord.body: answer,
                        }
                    ).where(IdempotencyRecord.scope_key == scope_key)
                    if named:
                        pk = IdempotencyRecord._meta.primary_key
                        row = (
                            await IdempotencyRecord.select(pk)
                            .where(IdempotencyRecord.scope_key == scope_key)
                            .first()
                        )
                        if row is not None:
                            await ReplayMention.insert(
                                *(ReplayMention(record=row[pk._meta.name], person=p) for p in named)
                            )


def _fingerprint(scope: Scope, headers: dict[bytes, bytes], body: bytes) -> str:
    """SHA-256 of method, path, query and body. The query is part of the request (a photo's
    caption rides in it): the same key for another caption is another change, refused; a request
    without a query is fingerprinted as before the query was counted, so keys stored then still
    match their replays. A multipart body (a photo) is framed by a boundary
    its sender makes anew for every attempt (RFC 7578 §4.1): the same photo resent under its key
    is the same request, so the boundary is left out of the comparison. A JSON body is compared
    under the old wire names: a write stored before ``localId`` was renamed, sent again by the
    new version, is the same write (``backend/lib/wire_names.py``)."""
    content_type = headers.get(b"content-type", b"").decode("latin-1")
    kind, _, params = content_type.partition(";")
    if kind.strip().lower() == "multipart/form-data":
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.lower() == "boundary" and value.strip('"'):
                body = body.replace(value.strip('"').encode("latin-1"), b"")
    else:
        body = as_before_rename(body)
    query = scope.get("query_string", b"")
    target = scope["path"].encode() + (b"?" + query if query else b"")
    return hashlib.sha256(scope["method"].encode() + b" " + target + b"\n" + body).hexdigest()


_UUID = re.compile(rb"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


async def _people_named(answer: bytes) -> list[str]:
    """The people whose id a stored answer carries (answers name people by id)."""
    ids = sorted({m.decode().lower() for m in _UUID.findall(answer)})
    if not ids:
        return []
    rows = await User.select(User.id).where(User.id.is_in(ids))
    return sorted(person_digest(str(r["id"])) for r in rows)


def person_digest(person: str) -> str:
    return hashlib.sha256(person.lower().encode()).hexdigest()


async def answers_naming(person: str) -> list[str]:
    """The keys of the stored answers that name ``person`` (by the index, not by reading them)."""
    rows = await ReplayMention.select(ReplayMention.record.scope_key.as_alias("key")).where(
        ReplayMention.person == person_digest(person)
    )
    return sorted({r["key"] for r in rows})


async def forget_answers(keys: list[str]) -> None:
    """Erasure: the stored answers under ``keys`` (who they name goes with them)."""
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        await IdempotencyRecord.delete().where(IdempotencyRecord.scope_key.is_in(chunk))


async def _owner(cookie_header: str) -> str | None:
    name = accounts.session_cookie()
    for part in cookie_header.split(";"):
        k, _, v = part.strip().partition("=")
        if k == name and v:
            actor = await accounts.actor_of_session(v)
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
    if (
        existing
        and existing["status"] == 0
        and (existing["created_at"] < at - ABANDONED or _claimer_gone(existing["content_type"]))
    ):
        await IdempotencyRecord.delete().where(
            (IdempotencyRecord.scope_key == scope_key) & (IdempotencyRecord.status == 0)
        )
        existing = None
    if existing:
        return dict(existing)
    try:
        await IdempotencyRecord.insert(
            IdempotencyRecord(
                scope_key=scope_key,
                fingerprint=fingerprint,
                content_type=_claimer(),
                created_at=at,
            )
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


def _claimer() -> str:
    return f"claim:{_HOST}:{os.getpid()}:{_LIFE}"


def _claimer_gone(claimer: str) -> bool:
    """True when the claim was made by a process of this machine that no longer runs."""
    parts = claimer.split(":")
    if len(parts) != 4 or parts[0] != "claim" or parts[1] != _HOST or not parts[2].isdigit():
        return False
    pid = int(parts[2])
    if pid == os.getpid():
        return parts[3] != _LIFE  # this process id, an earlier life
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False


async def release_gone_claims() -> int:
    """At start: free the keys claimed by processes of this machine that are gone (killed or
    stopped in the middle of a request), so a phone's resend is not kept waiting on them."""
    rows = await IdempotencyRecord.select(
        IdempotencyRecord.scope_key, IdempotencyRecord.content_type
    ).where(IdempotencyRecord.status == 0)
    gone = [r["scope_key"] for r in rows if _claimer_gone(str(r["content_type"]))]
    if gone:
        await IdempotencyRecord.delete().where(
            IdempotencyRecord.scope_key.is_in(gone) & (IdempotencyRecord.status == 0)
        )
    return len(gone)


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
