"""Stored files answered as streams (``Storage.open``): the size known before the first byte
(Content-Length, a 404 when nothing is there), then the bytes a piece at a time, so a download
holds one piece in memory however large the file and however many are under way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar import Response
from litestar.background_tasks import BackgroundTask
from litestar.response import Stream

from backend.lib.storage import Opened


def streamed(opened: Opened, media_type: str, headers: Mapping[str, str]) -> Response[Any]:
    """``opened`` as the answer, with ``headers`` (caching) and its Content-Length; the source
    is closed after the answer, also when it was never iterated.

    A file the open read whole (no larger than one piece: every photo size but some of the
    largest) is answered as plain bytes: the same memory, without a streamed answer's task
    group and disconnect listener (a third of a small photo's time, ``bench/scale.py``)."""
    if opened.whole:
        return Response(opened.first, media_type=media_type, headers=dict(headers))
    return Stream(
        opened,
        media_type=media_type,
        headers={**headers, "Content-Length": str(opened.size)},
        background=BackgroundTask(opened.aclose),
    )
