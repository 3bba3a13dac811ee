"""Typesetting a document: a ``Document`` (the words, already chosen and labelled) plus its photos
in, a PDF out, by Typst (the ``typst`` package: the compiler inside the wheel, no browser).

The templates are files beside this module (``templates/*.typ``); the document reaches them as
``data.json``, so a person's words are always data, never markup — a ``#``, ``*`` or ``<b>`` in
someone's text is printed as written. The fonts are the repository's own (``fonts/``: Noto Sans
and Noto Sans Hebrew, SIL OFL), and the machine's fonts are ignored, so a document looks the same
on every server and Polish, Finnish and Hebrew (shaped, right to left) always have their glyphs.
The PDFs are tagged and meet PDF/UA-1 and PDF/A-2a.

``render`` is synchronous and takes tens of milliseconds: callers run it off the event loop.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import Literal

import msgspec

__all__ = ["Block", "Document", "Group", "Item", "Picture", "render"]

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
FONTS = HERE / "fonts"

Kind = Literal["cv", "about-me"]


class Block(msgspec.Struct, frozen=True):
    """A heading (the profile's) and the client's words under it."""

    heading: str
    text: str


class Item(msgspec.Struct, frozen=True):
    """One line of experience: what, where, and its dates in the document's words."""

    what: str
    where: str
    dates: str


class Group(msgspec.Struct, frozen=True):
    """Experience of one kind under its label, newest first (Europass: work experience,
    education and training, …)."""

    heading: str
    items: list[Item]


class Picture(msgspec.Struct, frozen=True):
    """A photo in the document: ``file`` names it among the photos passed to ``render``."""

    file: str
    caption: str


class Document(msgspec.Struct, frozen=True):
    """Everything a template prints, already chosen (the disclosure rule applied) and labelled
    in the document's language."""

    kind: Kind
    language: str
    direction: Literal["ltr", "rtl"]
    title: str
    name: str
    contact: str
    """A contact line under the name; empty (and not printed) while the profile holds no contact
    details the client chose to show: Stepwise keeps no e-mail or phone for a client, and the
    organisation's would tell an employer of the support."""
    labels: dict[str, str]
    statement: list[Block]
    done: list[Block]
    """The client's words about what they have done (none or one), above the experience."""
    experience: list[Group]
    strengths: list[Block]
    themes: list[str]
    disclosed: list[Block]
    portrait: Picture | None
    pictures: list[Picture]
    words_language: str = ""
    """The language the client wrote their words in (the profile's), when not the document's:
    their paragraphs are set in it and in its direction, so a Polish profile's words in a Hebrew
    document run left to right with their full stop at the end (and a screen reader reads them
    with a Polish voice), while the headings and labels are the document's."""
    words_direction: Literal["ltr", "rtl"] = "ltr"
    """The direction of ``words_language``."""


@cache
def _template(name: str) -> bytes:
    return (TEMPLATES / name).read_bytes()


def render(document: Document, photos: dict[str, bytes]) -> bytes:
    """The PDF of ``document``; ``photos`` maps each picture's ``file`` to its JPEG."""
    import typst  # when a document is typeset, not when the server starts

    with tempfile.TemporaryDirectory(prefix="stepwise-document-") as folder:
        root = Path(folder)
        (root / "common.typ").write_bytes(_template("common.typ"))
        main = root / "main.typ"
        main.write_bytes(_template(f"{document.kind}.typ"))
        (root / "data.json").write_bytes(msgspec.json.encode(document))
        for name, data in photos.items():
            (root / Path(name).name).write_bytes(data)
        pdf = typst.compile(
            str(main),
            root=folder,
            font_paths=[str(FONTS)],
            ignore_system_fonts=True,
            # PDF/A-2a (archivable, tagged) and PDF/UA-1 (a screen reader reads it in order, the
            # photos by their captions, in the document's language): Typst checks both as it
            # writes, for about a millisecond.
            pdf_standards=["a-2a", "ua-1"],
        )
    assert isinstance(pdf, bytes)
    return pdf
