"""Serving the built PWA: hashed assets for a year, everything else revalidated.

Any path that is not a file is a screen of the single-page app and gets ``index.html``.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from litestar import Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from backend.settings import get_settings

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")


def _file(path: Path, cache: str) -> Response[bytes]:
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Response(path.read_bytes(), media_type=media_type, headers={"Cache-Control": cache})


@get(["/", "/{file_path:path}"], include_in_schema=False, sync_to_thread=False)
def pwa(file_path: FromPath[str] = "/") -> Response[bytes]:
    dist = get_settings().pwa_dist.resolve()
    relative = file_path.lstrip("/")
    if relative.startswith(("api/", "schema/")) or relative in {"api", "health"}:
        raise NotFoundException()
    candidate = (dist / relative).resolve()
    if relative and candidate.is_file() and candidate.is_relative_to(dist):
        return _file(candidate, IMMUTABLE if relative.startswith("assets/") else REVALIDATE)
    if "." in relative.rsplit("/", 1)[-1]:
        raise NotFoundException()  # a missing file, not a screen
    index = dist / "index.html"
    if not index.is_file():
        return Response(
            b"The PWA is not built yet: run scripts/serve, which builds it.",
            media_type="text/plain",
            status_code=503,
        )
    return _file(index, REVALIDATE)
