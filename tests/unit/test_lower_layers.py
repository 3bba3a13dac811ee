"""The lowest layers of the backend import one way, and only through public faces.

Layers, lowest first: ``lib`` < audit < accounts < sync < clients < the domains above them. A
module may import from its own domain, from a layer below, and from another domain's public face
(its package ``__init__``, its ``tables`` for Piccolo foreign keys and its ``access`` rules). This
test holds that for ``lib`` and the four domains at the bottom, which every other domain uses.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2] / "backend"
LOWER = ["lib", "audit", "accounts", "sync", "clients"]
DOMAINS = {p.name for p in BACKEND.iterdir() if (p / "__init__.py").exists()}
FACE = {"", "tables", "access"}


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for each backend module the file imports, wherever it does."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                # ``from backend.x import y``: y is a module when backend/x/y.py exists.
                sub = BACKEND.parent.joinpath(*node.module.split("."), alias.name)
                submodule = sub.with_suffix(".py").exists() or sub.is_dir()
                yield node.lineno, f"{node.module}.{alias.name}" if submodule else node.module


def _edges() -> Iterator[tuple[str, str, str, str]]:
    """(where, importing domain, imported domain, imported module inside it)."""
    for path in BACKEND.rglob("*.py"):
        parts = path.relative_to(BACKEND).parts
        if "piccolo_migrations" in parts or len(parts) < 2 or parts[0] not in DOMAINS:
            continue
        for line, module in _imports(path):
            names = module.split(".")
            if names[0] != "backend" or len(names) < 2 or names[1] not in DOMAINS:
                continue
            if names[1] != parts[0]:
                where = f"backend/{'/'.join(parts)}:{line}"
                yield where, parts[0], names[1], ".".join(names[2:3])


def test_lib_imports_no_domain() -> None:
    assert [e[0] for e in _edges() if e[1] == "lib"] == []


def test_the_lower_layers_import_nothing_above_them() -> None:
    upward = [
        f"{where}: {src} imports {dst}"
        for where, src, dst, _ in _edges()
        if src in LOWER and (dst not in LOWER or LOWER.index(dst) > LOWER.index(src))
    ]
    assert upward == []


def test_other_domains_use_the_lower_domains_public_faces_only() -> None:
    private = [
        f"{where}: {src} imports backend.{dst}.{module}"
        for where, src, dst, module in _edges()
        if dst in LOWER[1:] and module not in FACE
    ]
    assert private == []
