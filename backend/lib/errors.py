"""Errors as RFC 9457 problem details, naming the field and the reason in plain words."""

from __future__ import annotations

import logging
import re
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from shared_schemas import FieldError, Problem
from shared_schemas.base import REFUSALS

log = logging.getLogger("stepwise.errors")

PROBLEM_JSON = "application/problem+json"


# The problem's ``code`` when nothing more precise is said: the PWA translates these.
STATUS_CODES = {
    400: "invalid",
    401: "signed_out",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "too_large",
    415: "unsupported_type",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}


class ProblemError(HTTPException):
    """Raise with a status, a title and, where a field is to blame, the field and the reason."""

    def __init__(
        self,
        status: int,
        title: str,
        *,
        field: str | None = None,
        reason: str | None = None,
        code: str = "invalid",
        detail: str = "",
    ) -> None:
        super().__init__(status_code=status, detail=title)
        self.problem = Problem(
            title=title,
            status=status,
            detail=detail,
            errors=[FieldError(field=field, reason=reason or title, code=code)] if field else [],
            code=code if code != "invalid" else STATUS_CODES.get(status, ""),
        )


def not_found(what: str = "Not found") -> ProblemError:
    """404 also for things that exist but are outside the caller's reach."""
    return ProblemError(404, what)


def field_error(field: str, reason: str, status: int = 422, code: str = "invalid") -> ProblemError:
    return ProblemError(status, reason, field=field, reason=reason, code=code)


_AT = re.compile(r" - at `\$(?P<path>[^`]*)`")
_EXPECTED = re.compile(r"Expected `(?P<what>[^`]+)`, got `(?P<got>[^`]+)`")
# How shared_schemas' own checks (Request.__post_init__) name the field they refused.
_OWN_CODES = {reason: code for code, reason in REFUSALS.items()}
_OWN_FIELD = re.compile(r" \(field `(?P<f>[^`]+)`\)")


def _plain(message: str) -> str:
    """msgspec's messages in words a coach can act on."""
    message = _OWN_FIELD.sub("", _AT.sub("", message))
    if m := _EXPECTED.match(message):
        what = m["what"].replace("str", "text").replace("int", "a whole number")
        return f"This must be {what}."
    if message.startswith("Object missing required field"):
        return "This is required."
    if message.startswith("Object contains unknown field"):
        return "This field is not accepted here."
    if "length >=" in message:
        return "This cannot be empty." if message.endswith(">= 1") else "This is too short."
    if "length <=" in message:
        return (
            "This is too long: " + message.split("length <=")[-1].strip() + " characters at most."
        )
    if message.startswith("Invalid enum value"):
        return "Choose one of the offered values."
    return message


def _field_of(item: dict[str, Any]) -> str:
    key = item.get("key") or ""
    message = str(item.get("message", ""))
    path = ""
    if m := _AT.search(message):
        path = m["path"]
        if own := _OWN_FIELD.search(message):  # a field of a nested object
            path += "." + own["f"]
    elif m2 := re.search(r"field `(?P<f>[^`]+)`", message):
        path = "." + m2["f"]
    # Litestar names the part of the request as a ``ParamType`` (a str enum), whose str() is
    # "ParamType.QUERY": the wire says "query", as for the body.
    source = item.get("source") or "body"
    source = getattr(source, "value", source)
    if key and not path:
        path = "." + str(key)
    return f"{source}{path}".replace("[", ".").replace("]", "")


def validation_handler(request: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    extra = exc.extra if isinstance(exc.extra, list) else []
    errors = [
        FieldError(
            field=_field_of(item),
            reason=(reason := _plain(str(item.get("message", "")))),
            code=_OWN_CODES.get(reason, "invalid"),
        )
        for item in extra
        if isinstance(item, dict)
    ]
    if not errors:
        errors = [FieldError(field="body", reason=_plain(str(exc.detail)))]
    codes = {e.code for e in errors}
    problem = Problem(
        title="Some fields need another look.",
        status=400,
        detail=str(exc.detail),
        errors=errors,
        # One refusal of shared_schemas' own: its code, which the PWA says in the person's words.
        code=codes.pop() if len(codes) == 1 else "invalid",
    )
    return _respond(problem)


def problem_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    if isinstance(exc, ProblemError):
        return _respond(exc.problem, exc.headers)
    titles = {
        401: "Please sign in.",
        403: "This is not allowed.",
        404: "Not found",
        405: "This method is not allowed here.",
        413: "This is too large.",
        429: "Too many attempts. Please wait a minute and try again.",
    }
    status = exc.status_code
    cause = exc.__cause__
    if status >= 500 and isinstance(cause, msgspec.ValidationError) and "`$.data" in str(cause):
        # Litestar files a body field's error under a dependency of the same name (``locale``)
        # as the server's own fault (a 500): it is the body's, and said as such.
        item = {"message": str(cause).replace("`$.data", "`$"), "source": "body"}
        return validation_handler(request, ValidationException(detail=str(cause), extra=[item]))
    if status >= 500:
        return internal_handler(request, exc)
    # A body over its route's limit (refused by Litestar before it was read) is the body's fault.
    errors = []
    if status == 413:
        errors = [FieldError(field="body", reason="This request is too large.")]
    elif status == 400:  # a body that is not JSON (a lone surrogate, cut short) is the body's fault
        errors = [FieldError(field="body", reason=f"This could not be read: {exc.detail}")]
    problem = Problem(
        title=titles.get(status, str(exc.detail)),
        status=status,
        errors=errors,
        code=STATUS_CODES.get(status, ""),
    )
    return _respond(problem, exc.headers)


def internal_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _respond(
        Problem(
            title="Something went wrong on our side. Nothing you did caused it.",
            status=HTTP_500_INTERNAL_SERVER_ERROR,
            code="server_error",
        )
    )


def _respond(problem: Problem, headers: dict[str, str] | None = None) -> Response[Any]:
    return Response(
        content=msgspec.json.encode(problem),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=headers or None,
    )


EXCEPTION_HANDLERS: dict[Any, Any] = {
    ValidationException: validation_handler,
    HTTPException: problem_handler,
    Exception: internal_handler,
}

__all__ = ["EXCEPTION_HANDLERS", "MediaType", "ProblemError", "field_error", "not_found"]
