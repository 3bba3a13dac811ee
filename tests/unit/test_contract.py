"""The wire contract stays a contract: no backend imports, one key casing, kw-only Structs."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import msgspec

import shared_schemas
from shared_schemas import accounts, base, clients

ROOT = Path(shared_schemas.__file__).parent


def test_shared_schemas_imports_only_msgspec_and_the_standard_library() -> None:
    allowed = {"msgspec", "shared_schemas", "__future__", "datetime", "typing", "re", "unicodedata"}
    for path in ROOT.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"


def _structs() -> list[type[msgspec.Struct]]:
    return [
        obj
        for module in (base, accounts, clients)
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, msgspec.Struct) and obj.__module__ == module.__name__
    ]


def test_every_struct_is_keyword_only_and_camel_case() -> None:
    for struct in _structs():
        params = inspect.signature(struct).parameters.values()
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params), struct
        for field, encoded in zip(
            struct.__struct_fields__, struct.__struct_encode_fields__, strict=True
        ):
            head, *rest = field.split("_")
            assert encoded == head + "".join(p.title() for p in rest), (struct, field)


def test_requests_refuse_unknown_fields() -> None:
    for struct in _structs():
        if issubclass(struct, base.Request):
            assert struct.__struct_config__.forbid_unknown_fields, struct


def test_no_response_carries_a_secret() -> None:
    secret_words = ("public_key_bytes", "token_hash", "id_hash", "webauthn_handle", "credential_id")
    for struct in _structs():
        for field in struct.__struct_fields__:
            assert field not in secret_words, (struct, field)


def test_push_kinds_are_listed_once_and_followed_by_the_engine_and_the_app() -> None:
    from typing import get_args

    from backend.reminders.kinds import KINDS
    from shared_schemas.reminders import PushKind

    kinds = list(get_args(PushKind))
    assert list(KINDS) == kinds, "the engine has a text for every push kind, in the same order"
    pwa = (ROOT.parent / "pwa/src/data/push-texts.ts").read_text()
    listed = pwa.split("PUSH_KINDS = [", 1)[1].split("]", 1)[0]
    assert [k.strip().strip("'") for k in listed.split(",") if k.strip()] == kinds
