"""The OpenAPI document tells the truth about errors: every 4xx/5xx answer is an RFC 9457
problem (``application/problem+json``, ``shared_schemas.Problem``), not Litestar's default
``{status_code, detail, extra}`` shape."""

from __future__ import annotations

from litestar import Litestar
from litestar._openapi.plugin import OpenAPIPlugin
from litestar.openapi.spec import (
    Components,
    OpenAPI,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Reference,
    Schema,
)

PROBLEM_REF = "#/components/schemas/Problem"

FIELD_ERROR = Schema(
    type=OpenAPIType.OBJECT,
    required=["field", "reason"],
    properties={
        "field": Schema(type=OpenAPIType.STRING, description="e.g. body.displayName"),
        "reason": Schema(type=OpenAPIType.STRING, description="plain words a person can act on"),
        "code": Schema(type=OpenAPIType.STRING, default="invalid"),
    },
)

PROBLEM = Schema(
    type=OpenAPIType.OBJECT,
    required=["title", "status"],
    properties={
        "type": Schema(type=OpenAPIType.STRING, default="about:blank"),
        "title": Schema(type=OpenAPIType.STRING),
        "status": Schema(type=OpenAPIType.INTEGER),
        "detail": Schema(type=OpenAPIType.STRING, default=""),
        "errors": Schema(
            type=OpenAPIType.ARRAY,
            items=Reference(ref="#/components/schemas/FieldError"),
            default=[],
        ),
        "code": Schema(type=OpenAPIType.STRING, default=""),
    },
    description="RFC 9457 problem details",
)


class _ProblemsOpenAPIPlugin(OpenAPIPlugin):
    """Litestar's OpenAPI plugin, whose document, once built, says problems."""

    __slots__ = ()

    def _build_openapi(self) -> OpenAPI:
        schema = super()._build_openapi()
        _say_problems(schema)
        return schema


def document_problems(app: Litestar) -> None:
    """Every error answer of the app's OpenAPI document is a problem — when the document is
    first built (``/schema``, ``scripts/gen-types``), not at the app's creation: building it
    for some 270 operations took over a second of every server's start-up."""
    plugin = app.plugins.get(OpenAPIPlugin)
    plugin.__class__ = _ProblemsOpenAPIPlugin  # the instance Litestar made, the same slots


def _say_problems(schema: OpenAPI) -> None:
    if schema.components is None:
        schema.components = Components()
    if schema.components.schemas is None:
        schema.components.schemas = {}
    schema.components.schemas["Problem"] = PROBLEM
    schema.components.schemas["FieldError"] = FIELD_ERROR
    problem = OpenAPIMediaType(schema=Reference(ref=PROBLEM_REF))
    for item in (schema.paths or {}).values():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = getattr(item, method, None)
            if operation is None:
                continue
            responses = operation.responses or {}
            for status, response in list(responses.items()):
                if status[0] in "45" and isinstance(response, OpenAPIResponse):
                    response.content = {"application/problem+json": problem}
            responses.setdefault(
                "4XX",
                OpenAPIResponse(
                    description="A problem, naming the field and the reason",
                    content={"application/problem+json": problem},
                ),
            )
            operation.responses = responses
