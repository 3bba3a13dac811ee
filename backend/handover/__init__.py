"""The handover pack: what a client shares with an employer or co-worker about working with
them, section by section with their consent, through links made for named readers (a QR code
or a copied address) that open without an account and can be ended at once.

The public face for other domains: ``router`` (the API for the client and staff, and the
reader's page under ``/h/``). What the pack reads from the job analysis and the fading plan
goes through ``sources.py``. ``recent_feedback(client_id)``: what readers said lately, for the
client's page (``backend/today``). Docs: ``docs/handover.md``.
"""

from __future__ import annotations

from litestar import Router

from backend.handover import public
from backend.handover.controllers import HandoverController
from backend.handover.feedback import recent_feedback

router = Router(path="/", route_handlers=[HandoverController, public.router])

__all__ = ["recent_feedback", "router"]
