"""Employers, the people there, and clients' jobs.

The public face for other domains: the names in ``__all__`` (and ``tables``, ``access``,
``events``). ``JobStarted`` and ``JobEnded`` tell the domains above when a client's job begins
or ends. ``employer_of`` and ``person_of`` give an employer or one of its people as a typed row
(``EmployerRow``, ``EmployerPersonRow``); ``record_contact`` keeps an employer's "last contact"
(the activity log calls it); ``client_of_job`` says whose job it is (a task or a shift names a
job of its own client); ``current_jobs`` gives a client's jobs not yet ended;
``jobs_started`` and ``jobs_of`` (``JobSpan``) give the outcomes' figures
jobs by their days; ``jobs_on``, ``jobs_ended`` and ``first_jobs_since`` (``JobFacts``: hours,
pay, employer, competitive and integrated, end reason) the figures of work; ``minimum_wage``
(``Minimum``): the legal minimum hourly wage the administrator set; ``router``. Who
may see or change what: ``backend.employers.access``.
"""

from __future__ import annotations

from backend.employers.controllers import router
from backend.employers.events import JobEnded, JobStarted
from backend.employers.figures import (
    JobFacts,
    JobSpan,
    first_jobs_since,
    jobs_ended,
    jobs_of,
    jobs_on,
    jobs_started,
)
from backend.employers.jobs import current_jobs
from backend.employers.lookups import client_of_job, employer_of, person_of, record_contact
from backend.employers.minimum_wage import Minimum, minimum_wage
from backend.employers.rows import EmployerPersonRow, EmployerRow

__all__ = [
    "EmployerPersonRow",
    "EmployerRow",
    "JobEnded",
    "JobFacts",
    "JobSpan",
    "JobStarted",
    "Minimum",
    "client_of_job",
    "current_jobs",
    "employer_of",
    "first_jobs_since",
    "jobs_ended",
    "jobs_of",
    "jobs_on",
    "jobs_started",
    "minimum_wage",
    "person_of",
    "record_contact",
    "router",
]
