"""What every app server and worker of one database shares beyond the domains' data: secrets
made once for the whole installation, and the rate limits' counts."""

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
