"""Backups that restore a whole installation, and restores that check what they restore.

A backup is one tar archive (gzip), written with mode 0600:

    database.sqlite3 | database.pgdump   a consistent copy (SQLite online backup API, or
                                         ``pg_dump --format=custom`` in the snapshot the counts
                                         and the file list were read in)
    files/<key>                          every stored file: step photos, voice prompts, the
                                         photos of updates and goals, from the folder or the
                                         object store ``STEPWISE_STORAGE_URL`` names
                                         (``backend/backup/_store.py``)
    secrets/<name>                       only with ``--with-secrets``
    audit-checkpoints/checkpoints.jsonl  the audit log's signed checkpoints, one made just
                                         before the snapshot (``backend/audit/chain.py``);
                                         a restore puts them back
    manifest.json                        last: format and version, the engine, the migrations
                                         the database has, rows per table, and the size and
                                         SHA-256 of the database copy and of every file

Secrets (``<data dir>/secrets``: the VAPID key push subscriptions are bound to, and any other
generated key) are left out unless asked for: a key kept beside the data it protects protects
nothing, so the README tells operators to keep ``secrets/`` in a second place. The manifest names
them with a SHA-256 fingerprint so a restore can say whether the machine has the right ones.

A restore refuses anything but such an archive from a version it knows: the format, the engine,
migrations not newer than the code, every member named in the manifest with its size and hash,
nothing else in it, an intact database whose migrations and row counts are the manifest's, and a
stored file for every file a row points at. Only then is a safety backup of what is there made
(``backups/before-restore-TIME.tar.gz``) and the live data replaced. The hashes catch damage
and hand edits; they are not a signature against someone who rewrites the manifest too.
"""

from backend.backup._common import FORMAT, FORMAT_VERSION, Refused
from backend.backup._restore import Restored, restore
from backend.backup._write import Written, describe_written, summary, write

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Refused",
    "Restored",
    "Written",
    "describe_written",
    "restore",
    "summary",
    "write",
]
