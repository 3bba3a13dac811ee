"""What the profile tells the domains above it (``backend/lib/events.py``; ``app.py`` wires the
listeners)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ProfileApproved:
    """The client approved a version of their vocational profile with their passkey: it is the
    version in force from now (documents for employers are made from it)."""

    client_id: str
    version: int
    approved_at: datetime
