"""The documents benchmark compares like with like: its CV is two pages with two photos when
Typst sets it, and the HTML that Chromium prints holds the same words and the same photos."""

from __future__ import annotations

import html
import io

import pypdf

from backend.documents.render import FONTS, Document, render
from bench import documents


def test_the_benchmarks_cv_is_two_pages_with_two_photos_and_its_html_says_the_same() -> None:
    document, photos = documents.the_cv()
    assert isinstance(document, Document)
    reader = pypdf.PdfReader(io.BytesIO(render(document, photos)))
    assert len(reader.pages) == 2
    assert sum(len(page.images) for page in reader.pages) == 2
    page = html.unescape(documents.as_html(document, FONTS))
    for block in document.statement + document.done + document.strengths + document.disclosed:
        assert block.heading in page
        assert block.text in page
    for group in document.experience:
        assert group.heading in page
        for item in group.items:
            assert item.what in page and item.dates in page
    for name in photos:
        assert f'src="{name}"' in page
