"""The coordinator's figures: outcomes computed from what the app records (never typed), over
the organisation, a team or a coach's caseload and a period, each with its definition, its trend
and the rows behind it.

The public face: ``router`` (``app.py``); ``INDICATORS`` (the registry: id, unit, target, how
each is computed), for the funder reports that will map their fields onto them. Who may see
what: ``backend.outcomes.access``. It reads the lower domains only through their public figures
(``journey.support_on``, ``activities.employer_contact_count``, ``employers.jobs_started``, …).
"""

from backend.outcomes.controllers import router
from backend.outcomes.evidence import FigureValue, figure_values
from backend.outcomes.indicators import INDICATORS

__all__ = ["INDICATORS", "FigureValue", "figure_values", "router"]
