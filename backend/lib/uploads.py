"""One file from a ``multipart/form-data`` request (RFC 7578), read into memory only.

Litestar's own form parsing spools an upload larger than 1 MB to a temporary file; an upload
here is never written to disk as received, so the body is streamed through the
``multipart`` parser into a bytearray that stops at the size limit.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions.http_exceptions import RequestEntityTooLarge
from multipart import (  # type: ignore[import-untyped]
    MultipartSegment,
    ParserError,
    ParserLimitReached,
    PushMultipartParser,
)

from backend.lib.errors import ProblemError, field_error

FIELD = "file"
# Room for the multipart boundaries and part headers around the file itself.
OVERHEAD = 64 * 1024


def too_large(max_bytes: int, what: str) -> ProblemError:
    return field_error(
        FIELD,
        f"This {what} is too large: {max_bytes // (1024 * 1024)} MB at most.",
        413,
        "too_large",
    )


async def read_file(request: Request[Any, Any, Any], max_bytes: int, what: str) -> bytes:
    """The bytes of the one part named ``file``; a problem naming ``file`` otherwise."""
    content_type, options = request.content_type
    boundary = options.get("boundary")
    if content_type != "multipart/form-data" or not boundary:
        raise field_error(
            FIELD,
            f"Send the {what} as multipart/form-data, in one field named file.",
            415,
            "not_multipart",
        )
    data = bytearray()
    files = 0
    current: MultipartSegment | None = None
    try:
        with PushMultipartParser(boundary, max_segment_count=8, strict=True) as parser:
            async for chunk in request.stream():
                for part in parser.parse(chunk):
                    if isinstance(part, MultipartSegment):
                        current = part
                        if part.name == FIELD:
                            files += 1
                            if files > 1:
                                raise field_error(FIELD, f"Send one {what} at a time.", 400)
                    elif part and current is not None and current.name == FIELD:
                        data += part
                        if len(data) > max_bytes:
                            raise too_large(max_bytes, what)
            if not parser.closed:
                raise ParserError("the request ended in the middle of the form")
    except RequestEntityTooLarge:
        raise too_large(max_bytes, what) from None
    except (ParserError, ParserLimitReached):
        raise field_error(
            FIELD, f"The {what} did not arrive whole. Please try again.", 400, "incomplete"
        ) from None
    if files == 0:
        raise field_error(FIELD, f"Choose a {what} to send.", 400, "missing")
    return bytes(data)
