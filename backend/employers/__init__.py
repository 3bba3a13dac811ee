"""Employers, the people there, and clients' jobs.

The public face for other domains: the names in ``__all__`` (and ``tables``, ``access``,
``events``). ``record_contact`` keeps an employer's "last contact" (the activity log calls
it). ``JobStarted`` and ``JobEnded`` tell the domains above when a client's job begins
or ends.
"""

from __future__ import annotations

from backend.employers.events import JobEnded, JobStarted
from backend.employers.services import record_contact

__all__ = ["JobEnded", "JobStarted", "record_contact"]
