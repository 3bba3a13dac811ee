"""One base for the whole wire contract: keyword-only, camelCase on the wire.

msgspec applies ``kw_only`` per class, so every Struct here repeats it (a test checks).
"""

from __future__ import annotations

import msgspec


class Struct(msgspec.Struct, kw_only=True, rename="camel"):
    """A response or push payload. New fields get defaults and go last (old PWAs are clients)."""


class Request(Struct, forbid_unknown_fields=True):
    """A request body: unknown fields are refused so typos surface as errors."""


class FieldError(Struct, kw_only=True):
    field: str
    """The request field, as a JSON path of camelCase names (``body.displayName``)."""
    reason: str
    """Plain words a person can act on."""
    code: str = "invalid"


class Problem(Struct, kw_only=True):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[FieldError] = []
    code: str = ""
    """A stable word for the PWA to say the title in the person's language (``last_passkey``)."""
