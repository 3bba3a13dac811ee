"""What every request goes through before its handler: the CSRF check, then its query and path
parameters, which hold no NUL, control characters or lone surrogates — request bodies
are checked by shared_schemas' ``Request`` the same way. PostgreSQL cannot compare a text with
NUL in it at all, so a search for one would otherwise end in a server error."""

from __future__ import annotations

from typing import Any

from litestar import Request

from backend.lib.csrf import csrf_guard
from backend.lib.errors import field_error
from shared_schemas.base import REFUSALS, refusal

_CODES = {reason: code for code, reason in REFUSALS.items()}


async def before_request(request: Request[Any, Any, Any]) -> None:
    await csrf_guard(request)
    parameters = [
        *(("query", k, v) for k, v in request.query_params.multi_items()),
        *(("path", k, v) for k, v in request.path_params.items()),
    ]
    for source, name, value in parameters:
        if isinstance(value, str) and (reason := refusal(value, is_name=False)):
            raise field_error(f"{source}.{name}", reason, 400, _CODES[reason])
