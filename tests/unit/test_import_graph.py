"""The architecture holds (docs/architecture.md): domains depend one way, none reaches into
another's private modules, ``lib`` imports no domain, the wire contract imports nothing of the
server, and the picture in the docs is the one the code draws."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from importlinter.api import read_configuration
from importlinter.application.use_cases import lint_imports

from tests.support import architecture

TOP = architecture.TOP


@pytest.fixture(scope="module")
def graph() -> architecture.grimp.ImportGraph:
    return architecture.graph()


def test_the_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    """Layers (a domain imports only the ones below it, so no two import each other and ``lib``
    imports none) and the contract's independence, as pyproject.toml states them."""
    kept = lint_imports(str(TOP / "pyproject.toml"), cache_dir=None, no_logo=True)
    assert kept, capsys.readouterr().out


def test_the_layers_name_every_domain() -> None:
    """A new domain must be given its place: a folder missing from the layers would be free to
    import anything and be imported by anything."""
    config = read_configuration(str(TOP / "pyproject.toml"))
    layers = next(c for c in config["contracts_options"] if c["id"] == "layers")["layers"]
    named = " ".join(layers)
    missing = [d for d in architecture.domains() if f"backend.{d}" not in named]
    assert not missing, f"give these domains a layer in pyproject.toml: {missing}"


def test_no_domain_imports_another_domains_private_module(
    graph: architecture.grimp.ImportGraph,
) -> None:
    found = architecture.private_uses(graph)
    assert not found, "\n".join(
        f"{e.importer}:{e.line} uses {e.imported} ({e.text}) — use its package's __all__"
        for e in found
    )


def test_no_import_of_another_domain_hides_inside_a_function() -> None:
    """An import placed inside a function hides a cycle from the graph; one is allowed only to
    spare start-up time, and says so just above it."""
    hidden = []
    for domain in architecture.domains():
        for path in sorted((TOP / "backend" / domain).glob("*.py")):
            lines = path.read_text(encoding="utf-8").splitlines()
            for function in ast.walk(ast.parse("\n".join(lines))):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if not isinstance(node, ast.ImportFrom) or not node.module:
                        continue
                    target = architecture.domain_of(node.module)
                    if target in (None, domain) or target in architecture.BASE:
                        continue
                    before = lines[max(node.lineno - 4, 0) : node.lineno - 1]
                    if not any("start-up" in line for line in before):
                        hidden.append(f"{path.relative_to(TOP)}:{node.lineno} {node.module}")
    assert not hidden, "\n".join(hidden)


def test_a_long_module_says_why() -> None:
    """A backend module past 400 lines is two modules waiting to be parted, unless its first
    lines say why it is one (a module is read whole)."""
    long = []
    for path in sorted((TOP / "backend").rglob("*.py")):
        if "piccolo_migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 400 and "400 lines" not in (ast.get_docstring(ast.parse(text)) or ""):
            long.append(f"{path.relative_to(TOP)}: {text.count(chr(10))} lines")
    assert not long, "\n".join(long)


def test_each_domain_names_its_public_face() -> None:
    """Every domain's ``__init__.py`` has ``__all__``, and each name in it exists there."""
    problems = []
    for domain in architecture.domains():
        init = TOP / "backend" / domain / "__init__.py"
        tree = ast.parse(init.read_text(encoding="utf-8"))
        names = _all(tree)
        if names is None:
            problems.append(f"{domain}: no __all__")
            continue
        defined = _defined(tree)
        problems += [f"{domain}: __all__ names {n!r}, not defined" for n in names - defined]
    assert not problems, "\n".join(problems)


def test_the_picture_in_the_docs_is_the_codes(graph: architecture.grimp.ImportGraph) -> None:
    assert architecture.documented() == architecture.section(graph), (
        "docs/architecture.md is out of date: uv run python -m tests.support.architecture --write"
    )


def test_the_repository_explains_itself() -> None:
    """Comments and docs point at files of this repository, not at notes outside it (the team's
    guides, its issue tracker, its numbered work periods): a reader of the repository alone must
    understand them."""
    outside = re.compile(
        r"style\.md|product\.md|stack-facts\.md|\.\./shared|\bissues? ?#?\d+|\bsession \d+"
        r"|\bwork period",
        re.IGNORECASE,
    )
    found = []
    for path in _texts():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if outside.search(line):
                found.append(f"{path.relative_to(TOP)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


def _texts() -> list[Path]:
    roots = [TOP / d for d in ("backend", "shared_schemas", "tests", "bench", "scripts", "docs")]
    roots += [TOP / "pwa" / "src"]
    files = [TOP / "README.md"]
    for root in roots:
        files += [
            p
            for p in root.rglob("*")
            if p.suffix in {".py", ".md", ".ts", ".tsx", ".css", ""}
            and p.is_file()
            and "__pycache__" not in p.parts
            and "node_modules" not in p.parts
            and p != Path(__file__).resolve()
        ]
    return files


def _all(tree: ast.Module) -> set[str] | None:
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                value = node.value
                if isinstance(value, ast.List | ast.Tuple):
                    return {e.value for e in value.elts if isinstance(e, ast.Constant)}
    return None


def _defined(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names
