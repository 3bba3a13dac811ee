"""Staff competence (the first part): the organisation's versioned competence framework
(areas, competences with observable indicators, levels 0–4 in words, targets per track), a
coach's self-assessment, field-mentoring visits, and the coordinator's matrix of her team.

Above the domains whose records will become evidence; nothing imports it but the app. Its
public face: ``router``.
"""

from backend.competence.controllers import router

__all__ = ["router"]
