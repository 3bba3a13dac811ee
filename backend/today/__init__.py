"""The client's day in one answer (``GET /api/me/day``): the person, the next shifts, the tasks
with their steps and the client's progress, the goals, the news waiting and the open requests
for help — what the client's home and the task player need at start. And a client's page for
staff in one answer (``GET /api/clients/{id}/page``, ``page.py``): what it shows when it opens,
with one audit entry per opening.

It only reads: the day with a handful of indexed plain-SQL statements (``backend/lib/db.py``)
over the tables of the domains below it, the page through those domains' public functions
when its kept answer no longer holds. Each domain stays the only writer of its tables.
"""

from backend.today.controllers import router

__all__ = ["router"]
