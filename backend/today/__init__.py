"""The client's day in one answer (``GET /api/me/day``): the person, the next shifts, the tasks
with their steps and the client's progress, the goals, the news waiting and the open requests
for help — what the client's home and the task player need at start.

It only reads, with a handful of indexed plain-SQL statements (``backend/lib/db.py``), the
tables of the domains below it; each of those stays the only writer of its tables.
"""

from backend.today.controllers import router

__all__ = ["router"]
