"""HTTP side of writes that carry ``localId`` (``backend/sync/once.py``): 201 when the write was
recorded now, 200 with the first result when the phone sent it again; and the OpenAPI entry
that documents the 200."""

from __future__ import annotations

from typing import Any

from litestar import Response
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED


def replayed(what: type[Any]) -> dict[int, ResponseSpec]:
    """``responses=`` for a create endpoint: the 200 a repeated ``localId`` gets."""
    return {
        HTTP_200_OK: ResponseSpec(
            data_container=what,
            description="Already recorded: this localId was sent before, nothing was added.",
            generate_examples=False,
        )
    }


def created_or_replayed(content: Any, created: bool) -> Response[Any]:
    return Response(content, status_code=HTTP_201_CREATED if created else HTTP_200_OK)
