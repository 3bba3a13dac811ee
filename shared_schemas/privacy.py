"""The client's rights (GDPR Art. 15, 17, 20): everything held about them, who looked at their
record, the export, and erasure by an administrator."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

import msgspec

from shared_schemas.base import Request, Struct


class DataSection(Struct, kw_only=True):
    """The rows of one table about the person, with a plain-language title, all in the language
    ``MyData.locale`` names. Column names are plain words; ids of people are replaced by their
    names; true/false are yes/no; secrets are left out."""

    key: str
    """The table's name, stable for translations."""
    title: str
    description: str
    rows: list[dict[str, Any]]


class RecordView(Struct, kw_only=True):
    """Someone else read or changed something in the person's record (from the audit log)."""

    at: datetime
    actor_name: str
    actor_role: str
    action: str
    """The audit log's action, stable for translations (``client_read``)."""
    what: str
    """The same in plain words, in the language ``MyData.locale`` names ("read your record")."""


class ViewGroup(Struct, kw_only=True):
    """What one person did in the record on one day, said in one sentence ("Jonas, your job
    coach, looked at your tasks and your goals — 5 December 2026")."""

    day: date
    """The reader's calendar day (in the zone the app sent)."""
    actor_name: str
    actor_role: str
    actions: list[str]
    """The audit log's actions in the group, stable codes, in the order first done."""
    count: int
    """How many entries the sentence stands for."""
    sentence: str
    """In the language ``RecordViews.locale`` names."""


class RecordViews(Struct, kw_only=True):
    """A page of "Who looked at your record": a few days, newest first."""

    groups: list[ViewGroup]
    """Newest day first; within a day, the person who acted last first."""
    earlier: str | None
    """Give as ``before`` for the days before these; None when there are none."""
    locale: Literal["en", "pl", "fi", "he"] = "en"
    direction: Literal["ltr", "rtl"] = "ltr"


class MyData(Struct, kw_only=True):
    person_id: str
    display_name: str
    role: str
    generated_at: datetime
    sections: list[DataSection]
    views: list[RecordView]
    """Newest first."""
    row_count: int
    locale: Literal["en", "pl", "fi", "he"] = "en"
    """The language of the words above: the person's own (saved with them, else their
    browser's), English only for a language Stepwise does not ship."""
    direction: Literal["ltr", "rtl"] = "ltr"


class EraseRequest(Request, kw_only=True):
    confirm_name: Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
    """The person's name exactly as Stepwise shows it, to confirm the right person is erased."""


class ErasureReport(Struct, kw_only=True):
    user_id: str
    """Kept only as a pseudonym in the audit log."""
    rows: dict[str, int]
    """Rows removed, by table."""
    stored_items: int
    """Stored photos and recordings removed (a photo in all its sizes counts once)."""
    audit_entries_pseudonymised: int
