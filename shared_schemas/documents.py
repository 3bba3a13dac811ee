"""Documents made from a client's approved vocational profile: which can be made, and where."""

from __future__ import annotations

from typing import Literal

from shared_schemas.base import Struct

DocumentKind = Literal["cv", "about-me"]


class DocumentLink(Struct, kw_only=True):
    kind: DocumentKind
    href: str
    """Where the PDF is made and downloaded (``?language=`` picks another language)."""


class Documents(Struct, kw_only=True):
    """What can be made from the client's profile now."""

    approved_version: int | None
    """The approved version documents are made from; None: none is approved yet, and no
    document can be made."""
    language: str
    """The document's language: the one asked for, else the client's."""
    documents: list[DocumentLink]
    """Empty while no version is approved."""
