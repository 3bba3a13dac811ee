"""One base for the whole wire contract: keyword-only, camelCase on the wire.

msgspec applies ``kw_only`` per class, so every Struct here repeats it (a test checks).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any

import msgspec

LocalId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        description=(
            "Made on the phone before the server knew the record: a UUID the phone made when the"
            " person acted, so a repeat lands once."
        ),
    ),
]
"""``localId`` on the wire: the phone's own id for a write it may send more than once (the
outbox). Never a person: ``clientId`` always names the client (a person)."""


class Struct(msgspec.Struct, kw_only=True, rename="camel"):
    """A response or push payload. New fields get defaults and go last (old PWAs are clients)."""


# What no text from a person holds: NUL and the other control characters but tab and line breaks
# (PostgreSQL cannot store NUL; the others hide text), and lone surrogates (not Unicode text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# What no name holds besides: bidirectional embeddings, overrides and isolates (Unicode UAX #9),
# with which a name could read like someone else's ("Ada\u202e hcaoC" shows as "Ada Coach").
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
NAME_FIELDS = frozenset({"display_name", "name", "relation"})
# Dates and instants a person means: far from the ends of the calendar, where arithmetic on them
# (a week after, the zone's offset) would overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2199
# Whole numbers a phone can send exactly (JavaScript's safe integers).
LARGEST = 2**53 - 1


# Each refusal's plain words, by the code the PWA says them by in the person's language.
REFUSALS = {
    "bad_character": "This text holds a character that cannot be stored. Type it again.",
    "name_direction": "A name cannot hold characters that change the direction of the text.",
    "date_range": f"Choose a date between the years {FIRST_YEAR} and {LAST_YEAR}.",
    "number_too_large": "This number is too large.",
}


def refusal(value: Any, is_name: bool) -> str | None:
    """Why ``value`` is refused, in plain words (one of ``REFUSALS``), or None."""
    if isinstance(value, str):
        if _CONTROL.search(value):
            return REFUSALS["bad_character"]
        if is_name and _BIDI.search(value):
            return REFUSALS["name_direction"]
    elif isinstance(value, datetime | date):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            return REFUSALS["date_range"]
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST:
        return REFUSALS["number_too_large"]
    return None


class Request(Struct, forbid_unknown_fields=True):
    """A request body: unknown fields are refused so typos surface as errors.

    Every request is checked here, whatever its fields: texts hold no NUL, control
    characters or lone surrogates; names (``NAME_FIELDS``) hold no bidirectional controls and are
    stored in Unicode NFC; dates stay within ``FIRST_YEAR``..``LAST_YEAR``; whole numbers within
    what JavaScript holds exactly. A refusal names the field (``body.displayName``).
    """

    def __post_init__(self) -> None:
        for info in msgspec.structs.fields(self):
            value = getattr(self, info.name)
            is_name = info.name in NAME_FIELDS
            # A map's keys and values are checked too, a value naming its key (body.texts.breaks).
            named: list[tuple[str, Any]] = (
                [(info.encode_name, k) for k in value]
                + [(f"{info.encode_name}.{k}", v) for k, v in value.items()]
                if isinstance(value, dict)
                else [(info.encode_name, v) for v in value]
                if isinstance(value, list | tuple | set | frozenset)
                else [(info.encode_name, value)]
            )
            for field, item in named:
                reason = refusal(item, is_name)
                if reason is not None:
                    # errors.py turns "(field `x`)" into the field's path: body.x
                    raise ValueError(f"{reason} (field `{field}`)")
            if is_name and isinstance(value, str):
                setattr(self, info.name, unicodedata.normalize("NFC", value))


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
