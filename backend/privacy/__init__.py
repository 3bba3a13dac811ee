"""The person's rights over their data: see it all, take it away, have it erased.

Above every other domain, so none of them uses it: its public face names nothing. The app
mounts its router (``controllers.py``) and the command line erases through ``services.py``.
"""

__all__: list[str] = []
