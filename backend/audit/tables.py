from __future__ import annotations

from piccolo.columns import JSONB, BigInt, BigSerial, Timestamptz, Varchar
from piccolo.table import Table


class AuditEvent(Table, tablename="audit_events"):
    """Append-only. An entry is written unsealed (``seal`` NULL, ``hash`` = the key's MAC of
    the entry alone), so writers never wait for each other; the sealer then gives it the next
    position in the chain: ``seal``, ``prev_hash`` and ``hash`` = HMAC-SHA256(audit key,
    prev_hash + canonical JSON of the entry) (plain SHA-256 for entries from before the key).
    A changed, deleted, reordered or inserted sealed entry breaks the chain; signed checkpoints
    outside the database catch a cut (``backend/audit/sealing.py``, ``stepwise audit verify``)."""

    id = BigSerial(primary_key=True)
    at = Timestamptz()
    # action, actor, subject and team are indexed together with id, for reading the log a page
    # at a time (migration 2026-12-05T15:00:00, which Piccolo cannot declare here); ``at`` too.
    action = Varchar(length=48)
    outcome = Varchar(length=12, default="ok")  # ok | refused
    actor = Varchar(length=36, default="")  # user id, "" when signed out
    subject = Varchar(length=36, default="")  # the person acted on
    team = Varchar(length=36, default="")
    detail = JSONB(default={})
    ip = Varchar(length=64, default="")
    user_agent = Varchar(length=300, default="")
    # The chain covers a digest of the personal fields (address, user agent) made with a
    # random per-entry salt, not the fields themselves: erasure (GDPR Art. 17) blanks the
    # fields and the salt, the chain still verifies, and the digest alone identifies no one.
    personal_salt = Varchar(length=32, default="")
    personal_digest = Varchar(length=64, default="")
    prev_hash = Varchar(length=64, default="")
    hash = Varchar(length=64, default="")
    # The entry's position in the chain, 1, 2, 3, … without gaps; NULL until sealed. Unique,
    # and the unsealed entries have an index of their own (migration 2026-12-05T18:00:00).
    seal = BigInt(null=True, default=None)
