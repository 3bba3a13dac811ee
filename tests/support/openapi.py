"""Every API response in the tests is validated against the exported OpenAPI document
(as Zulip's test_classes.py does). Error responses are RFC 9457 problems and are validated
against the Problem schema of the wire contract."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jsonschema
import msgspec
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from shared_schemas import Problem


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    from backend.app import create_app

    return create_app().openapi_schema.to_schema()


@lru_cache(maxsize=1)
def _registry() -> Registry:
    return Registry().with_resource(
        "urn:openapi", Resource.from_contents(document(), default_specification=DRAFT202012)
    )


@lru_cache(maxsize=1)
def _problem_schema() -> dict[str, Any]:
    schema: dict[str, Any] = msgspec.json.schema(Problem)
    return schema


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: ("urn:openapi" + v if k == "$ref" and v.startswith("#/") else _rewrite_refs(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


def _template_regex(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "/?$")


@lru_cache(maxsize=1)
def _templates() -> list[tuple[str, re.Pattern[str], dict[str, Any]]]:
    """Every path template with its pattern, static ones before templated ones, as the router
    matches them (compiled once: a test run asks about a few thousand distinct paths)."""
    paths = document()["paths"]
    ordered = sorted(paths, key=lambda t: (t.count("{"), -len(t)))
    return [(template, _template_regex(template), paths[template]) for template in ordered]


@lru_cache(maxsize=4096)
def operation_for(method: str, path: str) -> tuple[str, dict[str, Any]]:
    for template, pattern, operations in _templates():
        if method.lower() in operations and pattern.match(path):
            return template, operations[method.lower()]
    raise AssertionError(f"{method} {path} is not in the OpenAPI document")


@lru_cache(maxsize=1024)
def _validator(template: str, method: str, status: str, media_type: str) -> Any:
    """The validator of one documented response body, made once (building one, and checking
    the Problem schema against the metaschema, cost more than validating a body)."""
    responses = document()["paths"][template][method.lower()]["responses"]
    content = responses[status]["content"]
    schema = content[media_type]["schema"] if media_type else next(iter(content.values()))["schema"]
    return jsonschema.Draft202012Validator(_rewrite_refs(schema), registry=_registry())


@lru_cache(maxsize=1)
def _problem_validator() -> Any:
    schema = _problem_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate(method: str, path: str, status: int, body: bytes, content_type: str) -> None:
    template, operation = operation_for(method, path.split("?")[0])
    if status >= 400:
        assert content_type.startswith("application/problem+json"), (
            f"{method} {path} → {status} is not a problem+json body: {content_type}"
        )
        responses = operation.get("responses", {})
        key = str(status) if str(status) in responses else f"{str(status)[0]}XX"
        documented = responses.get(key)
        assert documented, f"{method} {template} answered {status}, documented: {sorted(responses)}"
        assert "schema" in documented["content"]["application/problem+json"]
        problem = msgspec.json.decode(body)
        _validator(template, method, key, "application/problem+json").validate(problem)
        _problem_validator().validate(problem)
        return
    responses = operation.get("responses", {})
    assert str(status) in responses, (
        f"{method} {template} answered {status}, documented: {sorted(responses)}"
    )
    if status in {204, 304}:  # No Content; Not Modified (RFC 9110 §15.4.5): no body
        assert body == b"", f"{method} {path} → {status} with a body"
        return
    content = responses[str(status)].get("content", {})
    media_type = content_type.split(";")[0].strip()
    if media_type in content and not media_type.endswith("json"):
        return  # bytes (a photo, a recording): the documented media type is the contract
    schema = next(iter(content.values()), {}).get("schema")
    assert schema is not None, f"{method} {template} {status} has no documented schema"
    validator = _validator(template, method, str(status), "")
    errors = sorted(validator.iter_errors(msgspec.json.decode(body)), key=str)
    assert not errors, f"{method} {path} → {status} does not match its schema: {errors[0]}"
