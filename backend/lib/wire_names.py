"""Old wire names still understood, so installed phones keep working across a rename.

``localId`` (the id the phone makes for a write it may send more than once) was called
``clientId`` until that name was kept for the client, the person, alone. An installed PWA sends
the old name until it has loaded the new version: a page open since before the update, and its
service worker's Background Sync, send what the old code built; the new version rewrites its
waiting outbox items when it starts (``pwa/src/data/db.ts``). So for a while the server accepts
the old name too (docs/sync.md says until when), and fingerprints every write under the old name,
so a write stored before the rename is still recognised when it is sent again under the new one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any

import msgspec

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

NEW, OLD = "localId", "clientId"
_NEW_KEY, _OLD_KEY = b'"localId":', b'"clientId":'
_WRITES = {"POST", "PUT", "PATCH"}


def as_before_rename(body: bytes) -> bytes:
    """``body`` (compact JSON) as the version before the rename wrote it: ``localId`` keys named
    ``clientId`` again. A key only: inside a JSON string every quote is escaped, so the bytes
    ``"localId":`` cannot be part of a value."""
    return body.replace(_NEW_KEY, _OLD_KEY)


@cache
def _renamed_paths(data_type: Any) -> tuple[tuple[str, ...], ...]:
    """Where a request type holds ``localId``: paths of keys (``*`` for each item of a list),
    e.g. ``("localId",)`` or ``("sections", "*", "questions", "*", "localId")``."""
    found: list[tuple[str, ...]] = []

    def walk(info: Any, at: tuple[str, ...], seen: frozenset[Any]) -> None:
        if isinstance(info, msgspec.inspect.StructType):
            if info.cls in seen:
                return
            names = {f.encode_name for f in info.fields}
            for field in info.fields:
                if field.encode_name == NEW and OLD not in names:
                    found.append((*at, NEW))
                walk(field.type, (*at, field.encode_name), seen | {info.cls})
        elif isinstance(info, msgspec.inspect.UnionType):
            for member in info.types:
                walk(member, at, seen)
        elif isinstance(info, msgspec.inspect.ListType | msgspec.inspect.SetType):
            walk(info.item_type, (*at, "*"), seen)
        elif isinstance(info, msgspec.inspect.Metadata):
            walk(info.type, at, seen)

    try:
        walk(msgspec.inspect.type_info(data_type), (), frozenset())
    except Exception:  # not a type msgspec knows (an upload): nothing to rename
        return ()
    return tuple(found)


def _rename(value: Any, path: tuple[str, ...]) -> None:
    head, rest = path[0], path[1:]
    if head == "*":
        for item in value if isinstance(value, list) else []:
            _rename(item, rest)
    elif isinstance(value, dict):
        if not rest:
            if OLD in value and NEW not in value:
                # Keep the key's place, so the body reads as the phone's own, renamed.
                items = [(NEW if k == OLD else k, v) for k, v in value.items()]
                value.clear()
                value.update(items)
        elif head in value:
            _rename(value[head], rest)


def _data_type(scope: Scope) -> Any:
    handler = scope.get("route_handler")
    field = getattr(handler, "parsed_data_field", None)
    return getattr(field, "annotation", None)


class OldNamesMiddleware:
    """Rewrites ``clientId`` to ``localId`` in a request body whose type has ``localId`` there
    (and no ``clientId`` beside it), before the body is decoded."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _WRITES:
            await self.app(scope, receive, send)
            return
        data_type = _data_type(scope)
        paths = _renamed_paths(data_type) if data_type is not None else ()
        if not paths:
            await self.app(scope, receive, send)
            return
        limit = _body_limit(scope)
        body = b""
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _then(message, receive), send)
                return
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
            if limit is not None and len(body) > limit:  # the handler refuses it (413): pass on
                more = {"type": "http.request", "body": body, "more_body": True}
                await self.app(scope, _then(more, receive), send)
                return
        if _OLD_KEY in body:
            try:
                decoded = msgspec.json.decode(body)
            except msgspec.DecodeError:
                decoded = None  # the handler's decoder says what is wrong
            if decoded is not None:
                for path in paths:
                    _rename(decoded, path)
                body = msgspec.json.encode(decoded)
                scope["headers"] = [
                    (k, str(len(body)).encode() if k == b"content-length" else v)
                    for k, v in scope["headers"]
                ]
        await self.app(scope, _then({"type": "http.request", "body": body}, receive), send)


def _body_limit(scope: Scope) -> int | None:
    """The route's ``request_max_body_size`` (app, router, controller, handler: the nearest)."""
    resolve = getattr(scope.get("route_handler"), "resolve_request_max_body_size", None)
    limit = resolve() if resolve else None
    return limit if isinstance(limit, int) else None


def _then(first: Message, receive: Receive) -> Receive:
    """``first``, then whatever else the connection sends."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return first
        return await receive()

    return replay
