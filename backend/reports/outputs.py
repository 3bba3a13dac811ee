"""A submitted report's files, in the funder's table layout: XLSX (openpyxl) and CSV — the row
heading and the columns' labels, then a row per field with its cells as submitted ("≤ 5" and
"–" where suppressed) — and a PDF (Typst, the documents' fonts) with the table, each figure's
definition, the notes and the signature. Every file is made from the stored snapshot: what was
submitted is what is downloaded, in any language.

``pdf`` is synchronous (Typst, tens of milliseconds): callers run it off the event loop.
"""

from __future__ import annotations

import csv
import io
import tempfile
from functools import cache
from pathlib import Path
from typing import Literal

import msgspec

from backend.lib import i18n
from shared_schemas import reports as wire

TEMPLATE = Path(__file__).parent / "templates" / "report.typ"
FONTS = Path(__file__).parent.parent / "documents" / "fonts"
"""The documents' fonts (Noto Sans, Noto Sans Hebrew; SIL OFL): the same glyphs everywhere."""


def _grid(table: wire.Table) -> list[list[str | int]]:
    """The funder's layout: a heading row, then each field with its cells. A shown count stays a
    number (a spreadsheet adds it up); a suppressed one is its text."""
    head: list[str | int] = [table.row_heading, *(c.label for c in table.columns)]
    body: list[list[str | int]] = [
        [
            r.label,
            *(c.value if c.state == "count" and c.value is not None else c.shown for c in r.cells),
        ]
        for r in table.rows
    ]
    return [head, *body]


def xlsx(table: wire.Table, signed: str, locale: str) -> bytes:
    # Imported when a workbook is made, not when the server starts (about 0.2 s of start-up).
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.definition_id[:31]
    for line in _grid(table):
        sheet.append(line)
    for heading in sheet[1]:
        heading.font = Font(bold=True)
    for figures in sheet.iter_rows(min_row=2, min_col=2):
        for figure in figures:
            figure.alignment = Alignment(horizontal="right")
    sheet.column_dimensions["A"].width = 60
    for letter in "BCDEFG"[: len(table.columns)]:
        sheet.column_dimensions[letter].width = 22
    sheet.sheet_view.rightToLeft = i18n.direction(locale) == "rtl"
    book.properties.title = f"{table.name} {table.period}"
    book.properties.creator = signed
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(table: wire.Table) -> bytes:
    """UTF-8 with a byte-order mark, so a spreadsheet opens Polish, Finnish and Hebrew right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in _grid(table):
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


class PdfData(msgspec.Struct, frozen=True):
    title: str
    subtitle: str
    language: str
    direction: Literal["ltr", "rtl"]
    row_heading: str
    columns: list[str]
    rows: list[PdfRow]
    notes: list[str]
    labels: dict[str, str]
    signed_by: str
    signature: str
    hash: str


class PdfRow(msgspec.Struct, frozen=True):
    label: str
    code: str
    definition: str
    cells: list[str]


@cache
def _template() -> bytes:
    return TEMPLATE.read_bytes()


def pdf(table: wire.Table, locale: str, signed_by: str, signed_at: str, content_hash: str) -> bytes:
    words = {
        key: i18n.text(locale, f"reports.pdf.{key}")
        for key in ("definitions", "notes", "signature")
    }
    scope = table.scope.name or i18n.text(locale, "reports.pdf.organisation")
    data = PdfData(
        title=f"{table.name} · {table.period}",
        subtitle=i18n.text(
            locale,
            "reports.pdf.subtitle",
            scope=scope,
            start=i18n.format_date(locale, table.start),
            end=i18n.format_date(locale, table.end),
            version=table.definition_version,
        ),
        language=locale,
        direction=i18n.direction(locale),
        row_heading=table.row_heading,
        columns=[c.label for c in table.columns],
        rows=[
            PdfRow(
                label=r.label,
                code=r.code,
                definition=r.definition,
                cells=[c.shown for c in r.cells],
            )
            for r in table.rows
        ],
        notes=table.notes,
        labels=words,
        signed_by=signed_by,
        signature=i18n.text(locale, "reports.pdf.signed", name=signed_by, at=signed_at),
        hash=f"SHA-256 {content_hash}",
    )
    import typst  # when a report is typeset, not when the server starts

    with tempfile.TemporaryDirectory(prefix="stepwise-report-") as folder:
        main = Path(folder) / "main.typ"
        main.write_bytes(_template())
        (Path(folder) / "data.json").write_bytes(msgspec.json.encode(data))
        made = typst.compile(
            str(main),
            root=folder,
            font_paths=[str(FONTS)],
            ignore_system_fonts=True,
            pdf_standards=["a-2a", "ua-1"],
        )
    assert isinstance(made, bytes)
    return made
