"""Lists a page at a time: an opaque cursor and a limit (keyset pagination).

Every list endpoint takes ``limit`` (1 … ``MAX_LIMIT``; ``DEFAULT_LIMIT`` when absent) and
``cursor`` (as the previous page gave it), answers one page in the order it documents, and while
more follow says where the next page is in a ``Link`` header (RFC 8288, ``rel="next"``), as
GitHub's API does. The body stays the list it always was, so an installed app that knows nothing
of pages still reads the first one.

Keyset, not offset: the cursor is the sort key of the page's last item (base64url of its JSON,
with the list's name, so a cursor of one list is refused by another), and the next page asks the
database for the rows after that key, ``LIMIT`` one more than the page (to know whether more
follow). A page then costs the same however deep into the list it is, and an item added or
removed meanwhile neither repeats nor skips another. Every list's order ends in a unique column
(an id), so the order is total and the same on every request.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

import msgspec
from litestar import Request, Response
from litestar.datastructures import ResponseHeader
from litestar.params import Parameter

from backend.lib.errors import field_error

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_CURSOR = 600  # characters: a sort key of a few short values

Limit = Annotated[
    int,
    Parameter(
        ge=1,
        le=MAX_LIMIT,
        description=f"How many items at most ({DEFAULT_LIMIT} when absent, {MAX_LIMIT} at most).",
    ),
]
Cursor = Annotated[
    str | None,
    Parameter(
        min_length=1,
        max_length=MAX_CURSOR,
        description=(
            "Where the page starts: the ``cursor`` in the previous page's"
            ' ``Link: <…>; rel="next"`` header. Absent: the first page.'
        ),
    ),
]
LINK = [
    ResponseHeader(
        name="Link",
        description=(
            'The next page, while more follow (RFC 8288): ``</api/…?cursor=…&limit=…>; rel="next"``'
        ),
        required=False,
        documentation_only=True,
    )
]
"""``response_headers=`` for a paged endpoint."""

T = TypeVar("T")

_BAD_CURSOR = "This cursor was not given by this list. Start again from the first page."


@dataclass(frozen=True, slots=True)
class PageRequest:
    """One page asked for: at most ``limit`` items after the sort key ``after`` (None: from
    the start)."""

    limit: int
    after: tuple[Any, ...] | None = None

    @property
    def fetch(self) -> int:
        """How many rows to ask for: one more than the page, to know whether more follow."""
        return self.limit + 1


def page_request(list_name: str, cursor: str | None, limit: int, *key: type) -> PageRequest:
    """The page asked for, the cursor checked against the list's sort key (its types, in
    order); a cursor this list did not give is refused (400, ``query.cursor``)."""
    if cursor is None:
        return PageRequest(limit)
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, *values = msgspec.json.decode(raw, type=list[Any])
        if name != list_name or len(values) != len(key):
            raise ValueError(name)
        after = tuple(
            None if value is None else msgspec.convert(value, kind)
            for value, kind in zip(values, key, strict=True)
        )
    except (ValueError, TypeError, binascii.Error, msgspec.MsgspecError) as exc:
        raise field_error("query.cursor", _BAD_CURSOR, status=400) from exc
    return PageRequest(limit, after)


def cursor_of(list_name: str, key: Sequence[Any]) -> str:
    """The opaque cursor after ``key`` (the sort key of a page's last item)."""
    raw = msgspec.json.encode([list_name, *key])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def page_of(
    rows: Sequence[T], page: PageRequest, list_name: str, key: Callable[[T], Sequence[Any]]
) -> tuple[list[T], str | None]:
    """The page out of ``rows`` (fetched with ``LIMIT page.fetch``), and the next cursor."""
    items = list(rows[: page.limit])
    more = len(rows) > page.limit and items
    return items, cursor_of(list_name, key(items[-1])) if more else None


def after_key(page: PageRequest, *columns: Any, descending: bool = False) -> Any:
    """A Piccolo ``where`` for the rows after ``page.after`` in the order of ``columns`` (all
    ascending, or all descending): ``(a > x) OR (a = x AND b > y) …``. None on the first page."""
    if page.after is None:
        return None
    condition: Any = None
    for i, column in enumerate(columns):
        value = page.after[i]
        term = column < value if descending else column > value
        for earlier, earlier_value in zip(columns[:i], page.after[:i], strict=False):
            term = (earlier == earlier_value) & term
        condition = term if condition is None else condition | term
    return condition


def paged(
    request: Request[Any, Any, Any],
    items: T,
    next_cursor: str | None,
    headers: dict[str, str] | None = None,
) -> Response[T]:
    """``items`` as the body, and the next page's address in ``Link`` while more follow."""
    headers = dict(headers or {})
    if next_cursor is not None:
        query = {k: v for k, v in request.query_params.items() if k != "cursor"}
        query["cursor"] = next_cursor
        headers["Link"] = f'<{request.url.path}?{urlencode(query)}>; rel="next"'
    return Response(items, headers=headers)
