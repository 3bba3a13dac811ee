"""Every kind of audit entry has plain words in all four languages: the
server's (``action.*``: "Who looked at your record", the export) and the app's
(``audit.action.*``: the audit log). A new ``audit("…")`` call without words fails here."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from backend.lib import i18n

ROOT = Path(__file__).resolve().parents[2]


def _constants(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    return []


def actions_written() -> set[str]:
    """The first text argument of every call of ``audit``/``record``, and the action of every
    read logged by ``clients.audit_read`` (or the tasks' ``_audit_task_read``)."""
    found: set[str] = set()
    for path in (ROOT / "backend").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if name not in {"audit", "audit_read", "_audit_task_read"} and not (
                name == "record" and "audit" in path.read_text("utf-8")
            ):
                continue
            for arg in node.args:
                codes = [c for c in _constants(arg) if c.replace("_", "").isalpha() and c.islower()]
                if codes:
                    found.update(codes)
                    break
    return found


def test_the_scan_finds_the_kinds() -> None:
    assert {"client_read", "tasks_listed", "consent_granted", "client_moved"} <= actions_written()


def test_every_kind_has_words_on_the_server_in_every_language() -> None:
    for locale in i18n.LOCALES:
        words = i18n.catalogue(locale)
        missing = sorted(a for a in actions_written() if f"action.{a}" not in words)
        assert missing == [], locale


def test_every_kind_has_words_in_the_app_in_every_language() -> None:
    for locale in i18n.LOCALES:
        path = ROOT / "pwa" / "src" / "i18n" / f"{locale}.json"
        catalogue = json.loads(path.read_text("utf-8"))
        missing = sorted(a for a in actions_written() if f"audit.action.{a}" not in catalogue)
        assert missing == [], locale
