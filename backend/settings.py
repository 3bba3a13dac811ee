"""Typed settings, read once from the environment.

Tests set the environment before importing the app; nothing else reads ``os.environ``.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from backend.lib import private

ROOT = Path(__file__).resolve().parent.parent


# The push services of the browsers people use (Chrome, Firefox, Safari, Edge).
PUSH_HOSTS = (
    "fcm.googleapis.com",
    "android.googleapis.com",
    "push.services.mozilla.com",
    "push.apple.com",
    "notify.windows.com",
)


class SettingsError(ValueError):
    """A setting that cannot be used: the start stops with this message."""


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    """Where the SQLite database, secrets, backups and stored files live (``STEPWISE_DATA_DIR``,
    default ``var/`` in the project)."""

    database_url: str
    """``sqlite:///path/to/file.sqlite3`` (default, a file in the data directory) or
    ``postgresql://user:pass@host:port/db`` (``STEPWISE_DATABASE_URL``)."""

    origin: str
    """The public origin people open, e.g. ``https://stepwise.example.org`` (``STEPWISE_ORIGIN``).
    The WebAuthn RP ID is its host name and the expected origin is the origin itself."""

    session_idle_minutes: int = 60 * 24 * 14
    """Sign out after this long without a request (``STEPWISE_SESSION_IDLE_MINUTES``)."""

    session_absolute_days: int = 90
    """Sign out this long after sign-in, however active (``STEPWISE_SESSION_ABSOLUTE_DAYS``)."""

    invite_link_days: int = 7
    """How long an invitation link sent by other means than the screen lives, at most 7 days
    (``STEPWISE_INVITE_LINK_DAYS``)."""

    invite_qr_minutes: int = 15
    """How long an invitation shown as a QR code on screen lives (fixed by the product: 15)."""

    pwa_dist: Path = field(default_factory=lambda: ROOT / "pwa" / "dist")
    """The built PWA served at ``/`` (``STEPWISE_PWA_DIST``)."""

    rate_limit_per_minute: int = 30
    """Sign-in and enrollment attempts per minute per address (``STEPWISE_RATE_LIMIT``)."""

    reminder_engine: str = "server"
    """Where reminders are sent from (``STEPWISE_REMINDER_ENGINE``): ``server`` (a task inside
    each app server), ``worker`` (only ``stepwise worker`` processes; PostgreSQL), ``off``."""

    reminder_lease_seconds: int = 120
    """A claimed reminder whose worker has not recorded an outcome after this long is taken
    again by another (``STEPWISE_REMINDER_LEASE_SECONDS``)."""

    vapid_subject: str = ""
    """The contact in every VAPID token, ``mailto:`` or ``https:`` (RFC 8292 §2.1;
    ``STEPWISE_VAPID_SUBJECT``, default ``mailto:stepwise@`` the origin's host)."""

    vapid_private_key: str = ""
    """The VAPID key every app server and worker signs pushes with (``STEPWISE_VAPID_PRIVATE_KEY``:
    PEM, or the 32-byte private number in base64url). Empty: one key made once for the whole
    installation and kept in its database (``backend/reminders/webpush.py``)."""

    push_hosts: tuple[str, ...] = ()
    """Push services a subscription may point at, by host or parent domain
    (``STEPWISE_PUSH_HOSTS``, comma-separated): the server posts to these URLs, so any other
    host is refused."""

    push_loopback: bool = False
    """Also allow push services on this machine (``http://127.0.0.1:PORT/…``) — for the tests'
    stand-in push service only (``STEPWISE_PUSH_LOOPBACK=1``). Off, a person cannot make the
    server post to a port of its own machine, whatever the origin."""

    push_unused_days: int = 60
    """A push subscription the device has not confirmed for this long is dropped: some push
    services answer 200 for dead ones (``STEPWISE_PUSH_UNUSED_DAYS``)."""

    smtp_host: str = ""
    """The SMTP server for the e-mail fallback; empty: no e-mail (``STEPWISE_SMTP_HOST``)."""

    smtp_port: int = 587
    """``STEPWISE_SMTP_PORT``."""

    smtp_user: str = ""
    """Sign in to the SMTP server as this user, when set (``STEPWISE_SMTP_USER``)."""

    smtp_password: str = ""
    """``STEPWISE_SMTP_PASSWORD``."""

    smtp_starttls: bool = True
    """Upgrade the connection with STARTTLS before sending (``STEPWISE_SMTP_STARTTLS``, 1/0)."""

    mail_from: str = ""
    """The sender address of reminder e-mails (``STEPWISE_MAIL_FROM``, default
    ``stepwise@`` the origin's host)."""

    audit_key_file: str = ""
    """A file holding the audit chain's key (``STEPWISE_AUDIT_KEY_FILE``; 32 bytes or more).
    Empty: ``secrets/audit-chain-key`` in the data directory, made on first use. Every app
    server and worker of one PostgreSQL database must use the same key: point this at a copy
    of one key on each machine (docs/privacy.md, "The audit log")."""

    trusted_proxies: tuple[str, ...] = ()
    """Reverse proxies (addresses or networks, comma-separated: ``STEPWISE_TRUSTED_PROXIES``)
    whose ``X-Forwarded-For`` names the client, for the rate limits and the audit log
    (``backend/lib/addresses.py``). Empty: the connection's own address."""

    metrics_token: str = ""
    """``GET /metrics`` answers a request with ``Authorization: Bearer`` and this token
    (``STEPWISE_METRICS_TOKEN``); empty, and always: one from this machine (docs/deploy.md)."""
    photo_jobs: str = "local"
    """Where uploaded photos are checked and re-encoded (``STEPWISE_PHOTO_JOBS``): ``local`` (in
    each app server's own pool of photo processes, the default) or ``workers`` (handed to
    ``stepwise worker`` processes through the database and the store, so app servers stay
    light; ``backend/lib/photo_jobs.py``, docs/deploy.md)."""

    photo_job_wait_seconds: int = 15
    """With ``workers``: an app server processes a photo itself, and logs a warning, when no
    worker has taken it within this long (or has held it this long past its lease), so that an
    upload never fails only because no worker runs (``STEPWISE_PHOTO_JOB_WAIT_SECONDS``)."""

    photo_job_lease_seconds: int = 30
    """With ``workers``: a photo job whose worker has not finished it this long after taking it
    is taken by another worker (``STEPWISE_PHOTO_JOB_LEASE_SECONDS``)."""

    storage_url: str = ""
    """Where stored files (photos in every size, voice notes, documents) live
    (``STEPWISE_STORAGE_URL``): ``file:///path`` (the default: ``files/`` in the data
    directory) or ``s3://bucket?endpoint=https://…&region=…``, an S3-compatible object store,
    with the credentials from the standard AWS variables (``AWS_ACCESS_KEY_ID``,
    ``AWS_SECRET_ACCESS_KEY``, or the instance's role). Every app server and worker of one
    database must name the same store (docs/storage.md)."""

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path:
        return Path(self.database_url.removeprefix("sqlite:///"))

    @property
    def rp_id(self) -> str:
        """WebAuthn L3 §5.1.2: the RP ID is a registrable domain of the origin, here its host."""
        host = urlsplit(self.origin).hostname
        assert host, f"STEPWISE_ORIGIN has no host: {self.origin}"
        return host

    @property
    def loopback_origin(self) -> bool:
        return self.rp_id in {"localhost", "127.0.0.1", "::1"}

    @property
    def secure_cookies(self) -> bool:
        return self.origin.startswith("https://")

    def secret(self, name: str, nbytes: int = 32) -> bytes:
        """A secret generated on first use into the data directory with mode 0600."""
        path = self.data_dir / "secrets" / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(nbytes))
        return path.read_bytes()


def load() -> Settings:
    env = os.environ
    data_dir = Path(env.get("STEPWISE_DATA_DIR", ROOT / "var")).resolve()
    # Before anything is written there: readable by this user only (backend/lib/private.py).
    private.prepare(data_dir)
    database_url = env.get("STEPWISE_DATABASE_URL") or f"sqlite:///{data_dir / 'stepwise.sqlite3'}"
    host = env.get("STEPWISE_HOST", "localhost")
    port = env.get("STEPWISE_PORT", "8000")
    # Passkeys need a host name, not an IP (an IP cannot be an RP ID): a wildcard or loopback
    # bind address is reached as "localhost".
    public_host = "localhost" if host in {"0.0.0.0", "::", "127.0.0.1", "::1"} else host  # noqa: S104 (a comparison, not a bind)
    origin = env.get("STEPWISE_ORIGIN") or f"http://{public_host}:{port}"
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        origin=origin.rstrip("/"),
        session_idle_minutes=_int("STEPWISE_SESSION_IDLE_MINUTES", 60 * 24 * 14),
        session_absolute_days=_int("STEPWISE_SESSION_ABSOLUTE_DAYS", 90),
        invite_link_days=min(_int("STEPWISE_INVITE_LINK_DAYS", 7), 7),
        pwa_dist=Path(env.get("STEPWISE_PWA_DIST", ROOT / "pwa" / "dist")),
        rate_limit_per_minute=_int("STEPWISE_RATE_LIMIT", 30),
        reminder_engine=env.get("STEPWISE_REMINDER_ENGINE", "server"),
        reminder_lease_seconds=_int("STEPWISE_REMINDER_LEASE_SECONDS", 120),
        vapid_subject=env.get("STEPWISE_VAPID_SUBJECT") or f"mailto:stepwise@{_host(origin)}",
        vapid_private_key=env.get("STEPWISE_VAPID_PRIVATE_KEY", ""),
        push_hosts=tuple(
            h.strip().lower()
            for h in env.get("STEPWISE_PUSH_HOSTS", ",".join(PUSH_HOSTS)).split(",")
            if h.strip()
        ),
        push_loopback=env.get("STEPWISE_PUSH_LOOPBACK", "0") in {"1", "true", "yes"},
        push_unused_days=_int("STEPWISE_PUSH_UNUSED_DAYS", 60),
        smtp_host=env.get("STEPWISE_SMTP_HOST", ""),
        smtp_port=_int("STEPWISE_SMTP_PORT", 587),
        smtp_user=env.get("STEPWISE_SMTP_USER", ""),
        smtp_password=env.get("STEPWISE_SMTP_PASSWORD", ""),
        smtp_starttls=env.get("STEPWISE_SMTP_STARTTLS", "1") not in {"0", "false", "no"},
        mail_from=env.get("STEPWISE_MAIL_FROM") or f"stepwise@{_host(origin)}",
        audit_key_file=env.get("STEPWISE_AUDIT_KEY_FILE", ""),
        trusted_proxies=tuple(
            p.strip() for p in env.get("STEPWISE_TRUSTED_PROXIES", "").split(",") if p.strip()
        ),
        metrics_token=env.get("STEPWISE_METRICS_TOKEN", ""),
        photo_jobs=photo_jobs_mode(env.get("STEPWISE_PHOTO_JOBS", "")),
        photo_job_wait_seconds=max(_int("STEPWISE_PHOTO_JOB_WAIT_SECONDS", 15), 1),
        photo_job_lease_seconds=max(_int("STEPWISE_PHOTO_JOB_LEASE_SECONDS", 30), 1),
        storage_url=storage_url(env.get("STEPWISE_STORAGE_URL", ""), data_dir),
    )


PHOTO_JOBS = ("local", "workers")


def photo_jobs_mode(raw: str) -> str:
    """``STEPWISE_PHOTO_JOBS`` checked: a misspelt value stops the start instead of quietly
    processing every photo on the app servers."""
    value = raw.strip().lower() or "local"
    if value not in PHOTO_JOBS:
        raise SettingsError(
            f"STEPWISE_PHOTO_JOBS {raw!r} is not usable: use local (the default) or workers."
        )
    return value


def storage_url(raw: str, data_dir: Path, name: str = "STEPWISE_STORAGE_URL") -> str:
    """``STEPWISE_STORAGE_URL`` checked, so that a mistake stops the start with a message that
    says what is wrong instead of failing at the first photo."""
    raw = raw.strip()
    if not raw:
        return (data_dir / "files").as_uri()
    parts = urlsplit(raw)
    problem = ""
    if parts.scheme == "file":
        if parts.netloc not in {"", "localhost"} or not parts.path.startswith("/"):
            problem = "a file URL names an absolute path: file:///srv/stepwise/files"
        elif parts.query:
            problem = "a file URL takes no options"
    elif parts.scheme == "s3":
        options = parse_qs(parts.query, keep_blank_values=True)
        endpoint = options.get("endpoint", [""])[-1]
        if not _BUCKET.match(parts.netloc):
            problem = (
                "the bucket name (3 to 63 lower-case letters, digits, dots, dashes) is missing"
            )
        elif parts.path not in {"", "/"}:
            problem = "a key prefix is not supported: name a bucket of Stepwise's own"
        elif unknown := set(options) - {"endpoint", "region"}:
            problem = f"unknown option(s) {', '.join(sorted(unknown))} (endpoint, region)"
        elif endpoint and not (
            urlsplit(endpoint).scheme in {"http", "https"} and urlsplit(endpoint).hostname
        ):
            problem = "endpoint must be an http:// or https:// URL"
    else:
        problem = "use file:///path or s3://bucket?endpoint=https://…&region=…"
    if problem:
        raise SettingsError(f"{name} {raw!r} is not usable: {problem}.")
    return raw


_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


def _host(origin: str) -> str:
    return urlsplit(origin).hostname or "localhost"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load()
