"""Every ``wait_for_function`` of the browser tests waits with a function, never a bare
expression: Playwright evaluates a bare expression again on each poll, and the app's pages,
whose Content Security Policy forbids ``eval``, refuse each evaluation after the first — a wait
whose condition did not already hold fails with EvalError, at random
(microsoft/playwright#36986)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

E2E = Path(__file__).resolve().parents[1] / "e2e"
FUNCTION = re.compile(r"^\s*(\(|async\s*\(|function\b|[A-Za-z_$][\w$]*\s*=>)")


def _text(node: ast.expr, constants: dict[str, str]) -> str | None:
    """The expression's JavaScript as written (an f-string's literal parts), or None when it
    is not known where the call is."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _waits() -> list[tuple[str, int, str | None]]:
    found = []
    for path in sorted(E2E.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        constants = {
            target.id: node.value.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "wait_for_function"
                and node.args
            ):
                found.append((path.name, node.lineno, _text(node.args[0], constants)))
    return found


def test_every_wait_for_a_condition_in_the_page_is_a_function() -> None:
    waits = _waits()
    assert len(waits) > 10  # the browser tests were found
    unknown = [(f, line) for f, line, text in waits if text is None]
    assert not unknown, f"write the expression where it is waited for: {unknown}"
    bare = [(f, line, text) for f, line, text in waits if text and not FUNCTION.match(text)]
    assert not bare, f"wait with '() => …', not a bare expression: {bare}"
