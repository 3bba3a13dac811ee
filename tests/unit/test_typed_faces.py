"""Rows that cross a domain's boundary are typed (docs/architecture.md): what a domain's public
face (``__all__`` of its ``__init__.py``) takes and gives is a dataclass or a msgspec Struct,
never a bare ``dict[str, Any]`` row whose keys the caller has to know."""

from __future__ import annotations

import dataclasses
import importlib
import inspect

from tests.support import architecture

BARE_ROW = "dict[str, Any]"

# Names of a face that take or give a bare dict, each with why: a free-form document rather
# than a row, or a row not typed yet. A name joins only with its reason.
BARE_DICTS = {
    "audit.record": "``detail`` is the free-form detail stored with the entry, not a row",
    "backup.Restored": "``manifest`` is the backup's JSON document, shown as it was written",
    "backup.Written": "``manifest`` is the backup's JSON document, shown as it was written",
    "clients.audit_read": "takes the record row of ``visible_record``",
    "clients.record_of": "gives the client's record row",
    "clients.visible_record": "gives the client's record row",
    "sync.insert_once": "works on any domain's table: gives back that table's own row",
}


def _untyped(domain: str) -> list[str]:
    face = importlib.import_module(f"backend.{domain}")
    found = []
    for name in getattr(face, "__all__", []):
        value = getattr(face, name)
        if dataclasses.is_dataclass(value):
            shown = " ".join(str(f.type) for f in dataclasses.fields(value))
        elif inspect.isfunction(value):
            shown = str(inspect.signature(value))
        else:
            continue
        if BARE_ROW in shown and f"{domain}.{name}" not in BARE_DICTS:
            found.append(f"{domain}.{name}{shown if inspect.isfunction(value) else ''}")
    return found


def test_the_public_faces_take_and_give_typed_rows() -> None:
    found = [f for d in architecture.domains() for f in _untyped(d)]
    assert not found, "give these a dataclass or a msgspec Struct:\n" + "\n".join(found)
