"""Updates: written by the coach or the client, or suggested by Stepwise; shared with family
only when the client approves, or at once for a kind the client auto-shares.

The only writer of ``family_updates``: ``rows`` (an update and who may see it), ``reading``
(lists, one update, the family's feed), ``writing`` (writing, sharing, photos). Every share is
audit-logged and announced to the family members who may see it at that moment (``notify``).
"""

from __future__ import annotations

from backend.family.updates.reading import (
    detail,
    feed,
    feed_request,
    for_client,
    updates_request,
)
from backend.family.updates.rows import NO_UPDATE, update_row, visible_update
from backend.family.updates.writing import (
    approve,
    create,
    decline,
    edit,
    read_photo,
    remove,
    remove_photo,
    set_photo,
    suggest_update,
)

__all__ = [
    "NO_UPDATE",
    "approve",
    "create",
    "decline",
    "detail",
    "edit",
    "feed",
    "feed_request",
    "for_client",
    "read_photo",
    "remove",
    "remove_photo",
    "set_photo",
    "suggest_update",
    "update_row",
    "updates_request",
    "visible_update",
]
