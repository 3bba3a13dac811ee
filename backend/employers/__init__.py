"""Employers, the people there, and clients' jobs.

The public face for other domains: the names in ``__all__`` (and ``tables``, ``access``,
``events``). ``JobStarted`` and ``JobEnded`` tell the domains above when a client's job begins
or ends.
"""

from __future__ import annotations

from backend.employers.events import JobEnded, JobStarted

__all__ = ["JobEnded", "JobStarted"]
