"""The domains talk one way: reminders < goals < shifts < tasks < family < today < privacy <
backup.

A domain imports no domain above it (it emits an event, or asks a source registered in
``backend/app.py``); another domain's modules are reached only through its public face (the
names in its ``__init__``'s ``__all__`` that are not modules, its ``tables`` for foreign keys,
its ``access`` and its ``events``);
and no import hides inside a function to dodge a cycle.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2] / "backend"
ORDER = ["reminders", "goals", "shifts", "tasks", "family", "today", "privacy", "backup"]
FACED = ORDER[:5]  # the domains whose public face is checked
PUBLIC_MODULES = {"tables", "access", "events"}


def _imports(path: Path) -> Iterator[tuple[str, str, bool]]:
    """(imported module, imported name, inside a function) for each import of ``backend``."""
    tree = ast.parse(path.read_text())
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(n) for n in ast.walk(node) if n is not node)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                yield node.module, alias.name, id(node) in inside
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, "", id(node) in inside


def _domain_modules(domain: str) -> list[Path]:
    return sorted((BACKEND / domain).glob("*.py"))


def _target(module: str, name: str) -> tuple[str, str] | None:
    """(domain, module inside it, "" for the face) of an import, when it is a domain's."""
    parts = module.split(".")
    if parts[0] != "backend":
        return None
    if len(parts) == 1:  # from backend import goals
        return (name, "") if name in ORDER else None
    if parts[1] not in ORDER:
        return None
    if len(parts) == 2 and (BACKEND / parts[1] / f"{name}.py").exists():
        return parts[1], name  # from backend.goals import photos: a module, not the face
    return parts[1], parts[2] if len(parts) > 2 else ""


def test_no_domain_imports_one_above_it() -> None:
    upward = []
    for rank, domain in enumerate(ORDER):
        for path in _domain_modules(domain):
            for module, name, _ in _imports(path):
                target = _target(module, name)
                if target and ORDER.index(target[0]) > rank:
                    upward.append(f"{domain}/{path.name} imports {target[0]}")
    assert upward == []


def test_other_domains_use_only_the_public_face() -> None:
    private = []
    for domain in ORDER:
        for path in _domain_modules(domain):
            for module, name, _ in _imports(path):
                target = _target(module, name)
                if target is None or target[0] == domain or target[0] not in FACED:
                    continue
                other, inner = target
                face = importlib.import_module(f"backend.{other}").__all__
                if inner in PUBLIC_MODULES or (inner == "" and (name in face or name == other)):
                    continue
                private.append(f"{domain}/{path.name} imports {module}.{name}")
    assert private == []


def test_every_face_names_what_it_exports() -> None:
    for domain in FACED:
        face = importlib.import_module(f"backend.{domain}")
        assert face.__all__, domain
        assert all(hasattr(face, name) for name in face.__all__), domain


def test_no_import_of_a_domain_hides_inside_a_function() -> None:
    hidden = []
    for domain in FACED:
        for path in _domain_modules(domain):
            for module, name, in_function in _imports(path):
                if in_function and _target(module, name) is not None:
                    hidden.append(f"{domain}/{path.name} imports {module} in a function")
    assert hidden == []
