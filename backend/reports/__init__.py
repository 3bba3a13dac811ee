"""Funder reports as data: a report definition (``definitions/*.json``: a funder's rows and
columns mapped onto what the app records, with its period rules and words in four languages) is
filled in for a team or the organisation and a period, previewed, and submitted as a dated,
signed, unchangeable snapshot; a correction is a new report pointing to the old. Files: XLSX and
CSV in the funder's layout, a PDF with the definitions. Counts of 1 to 5 are suppressed, and the
totals that would reveal them (``suppression.py``).

The public face: ``router`` (``app.py``). Who may do what: ``backend.reports.access``. It reads
the lower domains through their public faces: ``journey.episodes_between`` (episodes and the
six-month follow-ups), ``employers.jobs_of``, ``accounts.team_names``.
"""

from backend.reports.controllers import router

__all__ = ["router"]
