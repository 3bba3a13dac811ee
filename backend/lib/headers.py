"""Security headers on every response, 404s and errors included (OWASP Secure Headers).

A ``before_send`` hook, because Litestar's middleware does not wrap responses for paths that
match no route.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from litestar.types import Message, Scope

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",  # no inline script, no eval
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

STATIC_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(self), microphone=(self), geolocation=(), payment=()"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def security_headers(secure: bool) -> Callable[[Message, Scope], Awaitable[None]]:
    headers = STATIC_HEADERS + (
        [(b"strict-transport-security", b"max-age=31536000")] if secure else []
    )

    async def add_headers(message: Message, scope: Scope) -> None:
        if message["type"] == "http.response.start":
            # A response that sets one of these itself keeps its own (the handover pack's page
            # has a policy of its own: no script at all, one inline style by its hash).
            own = {bytes(name).lower() for name, _ in message.get("headers", [])}
            message["headers"] = [
                *message.get("headers", []),
                *(h for h in headers if h[0] not in own),
            ]

    return add_headers
