"""The fidelity self-assessment: the IPS Supported Employment Fidelity Scale and the EUSE process
standards as versioned templates in four languages; reviews of a team or the organisation over a
period, the items the figures can score pre-filled with their evidence (``prefill.py``, through
``backend.outcomes.figure_values``), scored, finished and locked, listed and compared.

The public face: ``router`` (``app.py``). Who may do what: ``backend.fidelity.access``.
"""

from backend.fidelity.controllers import router

__all__ = ["router"]
