"""Documents made from a client's approved vocational profile: a CV close to the Europass layout
and a one-page "about me" with photos, as PDF in the client's language (Hebrew right to left),
typeset by Typst from templates in ``templates/`` with the fonts in ``fonts/``.

The public face: ``router``. Who may make them: ``backend.documents.access``. The profile is
read in one module, ``source.py``, through the profiles domain's public face.
"""

from __future__ import annotations

from backend.documents.controllers import router

__all__ = ["router"]
