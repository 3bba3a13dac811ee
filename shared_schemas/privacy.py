"""The client's rights (GDPR Art. 15, 17, 20): everything held about them, who looked at their
record, the export, and erasure by an administrator (issue 6)."""

from __future__ import annotations

from datetime import datetime
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
