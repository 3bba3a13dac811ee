"""Bad input gets a 4xx problem naming the field, never a server error.

Every write of the access matrix (tests/api/test_access_matrix.py: a valid body and a path that
reaches the handler) is sent by each of coach and client who may make it, once per bad value put
in each of its fields: the fields of the valid body and every other field the OpenAPI document
names for the request. Texts get NUL bytes, lone surrogates and bidirectional overrides; whole
numbers go past 2^63; dates and instants go to the years 1 and 9999. Every read's query
parameters get the same.
"""

from __future__ import annotations

import copy
import inspect
import json
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import pytest

from tests.api.conftest import Api
from tests.api.test_access_matrix import MATRIX, PathFn
from tests.support import openapi
from tests.support.world import World

TEXTS = ["a\x00b", "\ud800", "x\udfffy", "Ada\u202e Coach"]
NUMBERS = [2**63, 2**64 + 1, -(2**63) - 1]
DATES = ["0001-01-01", "9999-12-31", "2026-02-30"]
INSTANTS = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00"]
ACTORS = ("coach", "client")
NAMES = {"displayName", "name", "relation"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _value_at(body: Any, field: str) -> Any:
    node = body
    for key in field.split("."):
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def _bad_values(example: Any, schema: dict[str, Any] | None = None) -> list[Any]:
    fmt = (schema or {}).get("format", "")
    kind = (schema or {}).get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    text = example if isinstance(example, str) else ""
    if fmt == "date" or (len(text) == 10 and text[4:5] == "-"):
        return DATES + TEXTS
    if fmt == "date-time" or ("T" in text and text[:4].isdigit()):
        return INSTANTS + TEXTS
    if isinstance(example, bool) or kind == "boolean":
        return []
    if isinstance(example, int | float) or kind in {"integer", "number"}:
        return NUMBERS
    if isinstance(example, str) or kind == "string":
        return TEXTS
    return []


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, (*path, i))
    else:
        yield path, node


def _with(body: Any, path: tuple[Any, ...], value: Any) -> Any:
    changed = copy.deepcopy(body)
    node = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return changed


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    doc = openapi.document()
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    for option in schema.get("oneOf", []) + schema.get("anyOf", []):
        resolved = _resolve(option)
        if resolved.get("type") == "object":
            return resolved
    return schema


def _request_properties(method: str, template: str) -> dict[str, dict[str, Any]]:
    operation = openapi.document()["paths"][template][method.lower()]
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if not schema:
        return {}
    properties = _resolve(schema).get("properties", {})
    out: dict[str, dict[str, Any]] = {}
    for name, prop in properties.items():
        prop = _resolve(prop)
        options = [_resolve(o) for o in prop.get("oneOf", []) + prop.get("anyOf", [])]
        scalar = next((o for o in options if o.get("type") not in {None, "null"}), prop)
        out[name] = scalar
    return out


def _bad_bodies(method: str, template: str, body: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(body, dict):
        for path, value in _leaves(body):
            for bad in _bad_values(value):
                yield ".".join(map(str, path)), _with(body, path, bad)
        for name, schema in _request_properties(method, template).items():
            if name in body:
                continue
            for bad in _bad_values(None, schema):
                yield name, {**body, name: bad}


WRITES = [
    pytest.param(method, template, path, body, actor, id=f"{method} {template} as {actor}")
    for method, template, path, body, expected in MATRIX
    if method in {"POST", "PUT", "PATCH"} and body is not None
    for actor in ACTORS
    if 200 <= expected[actor] < 300
]

READS = [
    pytest.param(template, path, actor, id=f"GET {template} as {actor}")
    for method, template, path, body, expected in MATRIX
    if method == "GET"
    and any(
        p.get("in") == "query"
        for p in openapi.document()["paths"][template]["get"].get("parameters", [])
    )
    for actor in ACTORS
    if 200 <= expected[actor] < 300
]


async def _send(api: Api, method: str, url: str, actor: str, body: Any) -> tuple[int, str]:
    """``body`` as JSON with every non-ASCII character escaped, so lone surrogates and NUL bytes
    reach the server as a phone's JSON would carry them; the answer checked against the OpenAPI
    document like every other."""
    assert api.world is not None
    api.client.cookies.clear()
    api.client.cookies.set("stepwise_session", api.world.tokens[actor])
    response = await api.client.request(
        method,
        url,
        content=json.dumps(body).encode(),
        headers={"x-requested-with": "stepwise", "content-type": "application/json"},
    )
    if response.status_code < 500:
        openapi.validate(
            method,
            url.split("?")[0],
            response.status_code,
            response.content,
            response.headers.get("content-type", ""),
        )
    return response.status_code, response.text


async def _url(world: World, path: PathFn) -> str:
    url = path(world)
    if inspect.isawaitable(url):
        url = await url
    return str(url)


def _server_errors(answers: list[tuple[str, Any, int, str]]) -> list[str]:
    return [
        f"{field}={json.dumps(value)[:60]} → {status}: {text[:200]}"
        for field, value, status, text in answers
        if status >= 500
    ]


@pytest.mark.parametrize(("method", "template", "path", "body", "actor"), WRITES)
async def test_bad_values_in_a_write_are_refused_as_problems(
    world_api: Api,
    method: str,
    template: str,
    path: PathFn,
    body: Callable[[World], Any],
    actor: str,
) -> None:
    world = world_api.world
    assert world is not None
    url = await _url(world, path)
    answers = []
    for field, bad in _bad_bodies(method, template, body(world)):
        status, text = await _send(world_api, method, url, actor, bad)
        answers.append((field, bad, status, text))
    assert not _server_errors(answers), "\n".join(_server_errors(answers))
    for field, bad, status, text in answers:
        value = _value_at(bad, field)
        if isinstance(value, str) and "\u202e" in value and field.split(".")[-1] not in NAMES:
            continue  # free text may hold direction marks (Hebrew does); names may not
        assert 400 <= status < 500, f"{field}={value!r} was accepted: {status} {text[:200]}"
        errors = json.loads(text).get("errors", [])
        named = {e["field"] for e in errors}
        leaf = next(p for p in reversed(field.split(".")) if not p.isdigit())
        if isinstance(value, str) and _SURROGATE.search(value):
            assert named == {"body"}, text  # not JSON: the body as a whole is refused
        else:
            assert any(leaf in n for n in named), f"{field}={value!r}: {status} {text[:300]}"


@pytest.mark.parametrize(("template", "path", "actor"), READS)
async def test_bad_values_in_a_query_are_refused_as_problems(
    world_api: Api, template: str, path: PathFn, actor: str
) -> None:
    world = world_api.world
    assert world is not None
    url = (await _url(world, path)).split("?")[0]
    parameters = openapi.document()["paths"][template]["get"].get("parameters", [])
    answers = []
    for parameter in parameters:
        if parameter.get("in") != "query":
            continue
        schema = _resolve(parameter.get("schema", {}))
        options = [_resolve(o) for o in schema.get("oneOf", []) + schema.get("anyOf", [])]
        schema = next((o for o in options if o.get("type") not in {None, "null"}), schema)
        for bad in _bad_values(None, schema):
            value = quote(str(bad), safe="", errors="surrogatepass")
            status, text = await _send(
                world_api, "GET", f"{url}?{parameter['name']}={value}", actor, None
            )
            answers.append((parameter["name"], bad, status, text))
    assert not _server_errors(answers), "\n".join(_server_errors(answers))
    for name, bad, status, text in answers:
        if isinstance(bad, str) and "\x00" in bad:
            assert status == 400, f"{name}={bad!r}: {status} {text[:200]}"
            assert json.loads(text)["errors"][0]["field"] == f"query.{name}"


@pytest.mark.parametrize(
    "name",
    ["Ada\u202e hcaoC", "Ada\u2067Coach\u2069", "Ada\u202dCoach", "Ada\x00", "\u200fAda"],
    ids=["RLO", "RLI", "LRO", "NUL", "RLM"],
)
async def test_a_name_cannot_change_the_direction_of_the_text(world_api: Api, name: str) -> None:
    refused = await world_api.patch("/api/me", as_="client", json={"displayName": name})
    assert refused.status_code == 400, refused.text
    assert refused.json()["errors"][0]["field"] == "body.displayName"
    # A code the PWA says in the person's language (pwa/src/lib/errors.ts).
    assert refused.json()["code"] == ("bad_character" if "\x00" in name else "name_direction")
    assert (await world_api.get("/api/me", as_="client")).json()["displayName"] == "Alice Client"


async def test_names_are_kept_in_nfc_and_hebrew_names_are_welcome(world_api: Api) -> None:
    decomposed = "Ame\u0301lie"  # e + combining acute accent
    answer = await world_api.patch("/api/me", as_="client", json={"displayName": decomposed})
    assert answer.status_code == 200 and answer.json()["displayName"] == "Am\u00e9lie"
    hebrew = await world_api.patch("/api/me", as_="client", json={"displayName": "אליס כהן"})
    assert hebrew.status_code == 200 and hebrew.json()["displayName"] == "אליס כהן"


@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-31"])
async def test_the_week_of_a_far_date_is_refused(world_api: Api, start: str) -> None:
    refused = await world_api.get(f"/api/week?start={start}", as_="coach")
    assert refused.status_code == 400, refused.text
    assert refused.json()["errors"][0]["field"] == "query.start"
    assert refused.json()["code"] == "date_range"
