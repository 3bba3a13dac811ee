"""The activity log: every contact and piece of work with or about clients.

The public face for other domains: ``meetings_between`` (how often a person actually met a
client in a period, for the agreements above); ``log_activity`` (an activity logged by a domain
above, idempotent by its ``localId``: an employer contact from an opportunity); ``with_purpose``
and ``Counted`` (the activities with a purpose in a period, for figures above); ``router``
(``app.py``); ``REMINDER_KINDS`` and ``reminder_days``, what agreed actions tell the reminder
planner (``app.py`` registers them).
``last_client_contacts``, ``first_employer_contacts``, ``employer_contact_count``
(``ContactCount``), ``employer_contact_rows`` (``ContactRow``) and ``time_for_clients``
(``TimeSpent``): the outcomes' counts.
Who may see or change what: ``backend.activities.access``.
"""

from __future__ import annotations

from backend.activities.controllers import router
from backend.activities.counting import Counted, meetings_between, with_purpose
from backend.activities.figures import (
    ContactCount,
    ContactRow,
    TimeSpent,
    employer_contact_count,
    employer_contact_rows,
    first_employer_contacts,
    last_client_contacts,
    time_for_clients,
)
from backend.activities.practice import logged_in_time
from backend.activities.reminding import KINDS as REMINDER_KINDS
from backend.activities.reminding import days_wanted as reminder_days
from backend.activities.services import create as log_activity

__all__ = [
    "REMINDER_KINDS",
    "ContactCount",
    "ContactRow",
    "Counted",
    "TimeSpent",
    "employer_contact_count",
    "employer_contact_rows",
    "first_employer_contacts",
    "last_client_contacts",
    "log_activity",
    "logged_in_time",
    "meetings_between",
    "reminder_days",
    "router",
    "time_for_clients",
    "with_purpose",
]
