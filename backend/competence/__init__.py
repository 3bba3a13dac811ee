"""Staff competence: the organisation's versioned competence framework (areas, competences with
observable indicators, levels 0–4 in words, targets per track), a coach's self-assessment,
field-mentoring visits, the coordinator's matrix of her team, and the path of a new coach
(onboarding, training records, the development plan, simulations).

Above the domains whose records will become evidence; only the app and the privacy walk import
it. Its public face: ``router``; ``training_hours`` (hours of training per competence, for the
management gap report); ``certificate_key`` / ``certificate_prefix`` (a training record's
certificate file, for the privacy export and erasure).
"""

from backend.competence.controllers import router
from backend.competence.path_training import certificate_key, certificate_prefix, training_hours
from backend.competence.reminding import REMINDER_KINDS, development_days

__all__ = [
    "REMINDER_KINDS",
    "certificate_key",
    "certificate_prefix",
    "development_days",
    "router",
    "training_hours",
]
