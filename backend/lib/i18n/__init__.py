"""The few texts only the server writes, in the four languages Stepwise ships: the export's
``index.html`` (titles, descriptions, column names, dates), the plain-words My data sections
and the sentences of suggested family updates.

Everything else is translated by the PWA (``pwa/src/i18n/*.json``). The catalogues are JSON
files beside this module, one per language, flat keys with ``{name}`` placeholders; a unit test
(``tests/unit/test_i18n_catalogue.py``) checks that all four have the same keys and the same
placeholders in every message.

A person's language is the one saved with them (``users.locale``); "" means "the browser's
choice", so the request's ``Accept-Language`` decides then; English only when neither names a
language we ship.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Final, Literal

from backend.lib import localtime

__all__ = [
    "LOCALES",
    "RTL",
    "Locale",
    "choose",
    "direction",
    "format_date",
    "format_datetime",
    "of_reader",
    "text",
    "text_or",
]

Locale = Literal["en", "pl", "fi", "he"]
LOCALES: Final[tuple[Locale, ...]] = ("en", "pl", "fi", "he")
RTL: Final = frozenset({"he"})
_HERE = Path(__file__).parent
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def catalogue(locale: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((_HERE / f"{locale}.json").read_text("utf-8"))
    return data


def _base(tag: str) -> str:
    code = tag.strip().split(";")[0].split("-")[0].split("_")[0].lower()
    # "iw" is the old ISO 639 code for Hebrew that some systems still report.
    return "he" if code == "iw" else code


def _shipped(code: str) -> Locale | None:
    return next((known for known in LOCALES if known == code), None)


def choose(saved: str | None, accept_language: str | None = None) -> Locale:
    """The language to write in: the person's saved one, else the first of the request's
    ``Accept-Language`` (RFC 9110 §12.5.4, in the order given) that we ship, else English."""
    if saved and (ours := _shipped(_base(saved))):
        return ours
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag.strip() and quality > 0:
            weighted.append((-quality, index, _base(tag)))
    for _, _, code in sorted(weighted):
        if ours := _shipped(code):
            return ours
    return "en"


def of_reader(saved: str, headers: Mapping[str, str]) -> Locale:
    """The language of the person making a request (``Actor.locale``, then the request's
    ``Accept-Language``)."""
    return choose(saved, headers.get("accept-language"))


def direction(locale: str) -> Literal["ltr", "rtl"]:
    return "rtl" if locale in RTL else "ltr"


def has(key: str) -> bool:
    return key in catalogue("en")


def text(locale: str, key: str, **params: object) -> str:
    """One message in ``locale`` (English if the language or the key is missing there), with
    ``{name}`` placeholders filled; an unknown placeholder is left as written."""
    words = catalogue(locale if locale in LOCALES else "en").get(key) or catalogue("en")[key]
    return _PLACEHOLDER.sub(
        lambda m: str(params[m.group(1)]) if m.group(1) in params else m.group(0), words
    )


def text_or(locale: str, key: str, default: str, **params: object) -> str:
    """``key`` in ``locale`` where the catalogue has it, else ``default`` (a code in words)."""
    return text(locale, key, **params) if has(key) else default


def placeholders(message: str) -> set[str]:
    return set(_PLACEHOLDER.findall(message))


def format_date(locale: str, day: date) -> str:
    """A calendar day ("3 November 2026", "3. marraskuuta 2026")."""
    return text(
        locale,
        "export.day",
        day=day.day,
        month=text(locale, f"month.{day.month}"),
        year=day.year,
    )


def format_datetime(locale: str, at: datetime, zone: str = "UTC") -> str:
    """An instant as the clock showed it in ``zone`` (an IANA name), written the way the
    language writes it and naming the zone ("23 November 2026, 10:05 Europe/Helsinki",
    "23. marraskuuta 2026 klo 08.05 UTC")."""
    here = at.astimezone(localtime.zone(zone))
    return text(
        locale,
        "export.date",
        date=format_date(locale, here.date()),
        hour=f"{here.hour:02d}",
        minute=f"{here.minute:02d}",
        zone=zone,
    )
