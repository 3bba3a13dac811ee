"""The themes of interest an opportunity matches: the vocabulary of the client's vocational
profile (what they like and are good at), so that an opportunity and a profile are matched by
the same words. ``shared_schemas.opportunities.Theme`` is the wire's list; the PWA says each in
the person's language (``opportunities.theme.*``)."""

from __future__ import annotations

from typing import get_args

from shared_schemas.opportunities import Theme

THEMES: tuple[str, ...] = get_args(Theme)


def column(themes: list[str]) -> str:
    """``,food,people,``: each once, in the order given ("" for none)."""
    chosen = list(dict.fromkeys(themes))
    return "," + ",".join(chosen) + "," if chosen else ""


def listed(value: str) -> list[str]:
    return [t for t in value.split(",") if t in THEMES]
