"""The wire contract of shifts, goals, the PTA conversation and reminders keeps the rules of
tests/unit/test_contract.py: kw-only Structs, camelCase, requests refuse unknown fields, and no
response carries a push subscription's keys or endpoint."""

from __future__ import annotations

import inspect

import msgspec

from shared_schemas import base, goals, pta, reminders, shifts

MODULES = (shifts, goals, pta, reminders)


def _structs() -> list[type[msgspec.Struct]]:
    return [
        obj
        for module in MODULES
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, msgspec.Struct) and obj.__module__ == module.__name__
    ]


def test_every_struct_is_keyword_only_and_camel_case() -> None:
    structs = _structs()
    assert len(structs) > 40
    for struct in structs:
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


def test_no_response_carries_push_keys() -> None:
    for struct in _structs():
        if issubclass(struct, base.Request):
            continue
        for field in struct.__struct_fields__:
            assert field not in {"p256dh", "auth", "keys", "endpoint", "private_key"}, (
                struct,
                field,
            )


def test_the_push_payload_is_small_and_plain() -> None:
    payload = reminders.PushPayload(
        kind="shift_prepare", id="123456789", url="/", title="Time to get ready", tag="s-1"
    )
    encoded = msgspec.json.encode(payload)
    assert set(msgspec.json.decode(encoded)) == {"kind", "id", "url", "title", "tag"}
    assert len(encoded) < 200
