"""What every app server and worker of one database shares beyond the domains' data: secrets
made once for the whole installation, the rate limits' counts, and the photo jobs handed to
workers."""

from __future__ import annotations

from piccolo.columns import BigInt, BigSerial, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table


class ServerSecret(Table, tablename="server_secrets"):
    """A key every server must sign or check with alike (the VAPID key of Web Push), made by
    the first process that needs it (``INSERT … ON CONFLICT DO NOTHING``, then read back), so
    no machine makes one of its own (``backend/lib/shared_secrets.py``)."""

    name = Varchar(length=64, primary_key=True)
    value = Text()
    created_at = Timestamptz()


class RateCount(Table, tablename="rate_counts"):
    """Attempts in one minute (``minute``, minutes since the epoch: a fixed window) for one
    bucket and address, counted by all servers together (``backend/lib/ratelimit.py``). One row
    per (bucket, address, minute): a unique index made by a migration of its own."""

    id = BigSerial(primary_key=True)
    bucket = Varchar(length=64)
    address = Varchar(length=128)
    minute = BigInt(index=True)
    attempts = Integer(default=0)


class PhotoJob(Table, tablename="photo_jobs"):
    """An uploaded photo handed by an app server to the ``stepwise worker`` processes
    (``STEPWISE_PHOTO_JOBS=workers``; ``backend/lib/photo_jobs.py``). Its original and, once
    done, its sizes are in the store under ``prefix``; the row lives only while its app server
    waits (the workers' housekeeping removes any left behind by a crash)."""

    id = Varchar(length=36, primary_key=True)
    prefix = Varchar(length=128)
    """``photo-jobs/<UTC hour>/<id>``: the original is ``<prefix>/original``, a worker's sizes
    ``<prefix>/a<attempt>/<size>.<webp|jpg>``."""
    status = Varchar(length=16, index=True)
    """``waiting``, ``working`` (a worker holds it until ``lease_until``), ``done``,
    ``refused`` (not a photo: ``result`` holds the refusal), ``failed`` (the worker could not:
    the app server does it), ``taken_back`` (the app server does it itself)."""
    created_at = Timestamptz(index=True)
    claimed_by = Varchar(length=64, default="")
    lease_until = Timestamptz(null=True, default=None)
    attempts = Integer(default=0)
    result = Text(default="")
    """JSON: the sizes made (``source_format``, ``content_hash``, ``variants``), or the
    refusal (``status``, ``reason``, ``code``)."""
