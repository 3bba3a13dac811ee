"""The append-only, hash-chained audit log.

What other domains use: ``record`` an entry; ``about`` one person (``Reading``: what others did
in their record); ``forget_personal_fields`` when a person is erased; ``verify`` the chain and
write ``checkpoint``s (``seal_round`` and ``checkpoint_round`` for the reminder engine's
rounds: entries get their place in the chain in batches); ``chain`` (the
checkpoints kept beside the database); ``router`` (the log for administrators and
coordinators); ``NameLookup``, how the log learns people's names without knowing who signs in
(``app.py`` registers the accounts domain's answer as the ``display_names`` dependency).
"""

from backend.audit import chain
from backend.audit.controllers import DisplayNames, NameLookup, router
from backend.audit.services import (
    Reading,
    about,
    checkpoint,
    checkpoint_round,
    forget_personal_fields,
    record,
    seal_round,
    verify,
)

__all__ = [
    "DisplayNames",
    "NameLookup",
    "Reading",
    "about",
    "chain",
    "checkpoint",
    "checkpoint_round",
    "forget_personal_fields",
    "record",
    "router",
    "seal_round",
    "verify",
]
