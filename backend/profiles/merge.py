"""Two phones writing one section at once, one of them offline for a while: how a write made
from an older revision lands without silently overwriting a newer one.

Every write names the revision it was made from (``base``). Each field remembers the revision
at which it last changed and who changed it. A field sent that nobody else changed since
``base`` is taken. A field someone else changed since then:

- a list (themes, own themes, experiences) takes the union: what the later writer added is
  added, nothing of the newer list is removed;
- text (the words, a condition, the coach's notes, the disclosure) keeps the newer words, and
  the arriving words are kept beside them (``kept``), named with who wrote them and when, until
  a person chooses and writes the field again with ``resolve``.

So the write is answered 200 and the phone's outbox is done with it: nothing is lost, nobody
is shown "could not be saved" for words that are on the server, and the screen shows both.
A field the same person changed on the same phone before (two edits queued offline) is not
someone else's: the later edit is simply taken.

Pure functions over plain values (no database): ``services.py`` reads and writes the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import msgspec

LISTS = frozenset({"themes", "ownThemes", "experiences"})


@dataclass
class State:
    """A section's (or the choices') mergeable fields as stored."""

    values: dict[str, Any]
    field_revs: dict[str, dict[str, Any]]
    kept: list[dict[str, Any]]
    revision: int


@dataclass
class Outcome:
    changed: set[str] = field(default_factory=set)
    kept: list[str] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.changed or self.kept)


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return msgspec.json.encode(value).decode()


def merge(
    state: State,
    incoming: dict[str, Any],
    base: int,
    resolve: list[str],
    author: str,
    author_name: str,
    at: datetime,
) -> Outcome:
    """Apply ``incoming`` (field → new value, only the fields sent) to ``state`` in place."""
    outcome = Outcome()
    if resolve:
        before = len(state.kept)
        state.kept = [k for k in state.kept if k["field"] not in set(resolve)]
        if len(state.kept) != before:
            outcome.changed.add("kept")
    for name, value in incoming.items():
        current = state.values.get(name)
        if value == current:
            continue
        last = state.field_revs.get(name) or {}
        someone_else = int(last.get("rev", 0)) > base and last.get("by") != author
        if not someone_else:
            state.values[name] = value
            outcome.changed.add(name)
        elif name in LISTS:
            merged = list(current or []) + [v for v in value if v not in (current or [])]
            if merged != current:
                state.values[name] = merged
                outcome.changed.add(name)
        else:
            state.kept.append(
                {
                    "field": name,
                    "value": _as_text(value),
                    "by": author,
                    "byName": author_name,
                    "at": at.isoformat(),
                }
            )
            outcome.kept.append(name)
    if outcome.anything:
        state.revision += 1
        for name in outcome.changed - {"kept"}:
            state.field_revs[name] = {"rev": state.revision, "by": author}
    return outcome
