"""Web Push: message encryption (RFC 8291), VAPID (RFC 8292) and a sender for many messages.

Why not ``pywebpush.webpush()`` per message: it opens a new connection and signs a new JWT
every time (~1.3 ms of CPU a message). Here connections to each push service are
kept open and shared (``http1.py``), the VAPID header is signed once per push-service origin and
reused while valid (RFC 8292 §2: ``exp`` at most 24 h ahead), and the encryption calls
``cryptography`` directly (the same bytes ``http_ece.encrypt(version="aes128gcm")`` makes; the
tests decrypt with ``http_ece``). ``bench/push.py`` measures the difference.

A claims dict is made fresh for each origin: ``webpush()`` writes ``aud`` and ``exp`` into the
dict it is given, and a dict shared across push services would carry the wrong audience.
"""

from __future__ import annotations

import asyncio
import base64
import os
import struct
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from py_vapid import Vapid02

from backend.lib import clock
from backend.lib.shared_secrets import shared_secret
from backend.reminders import http1
from backend.settings import Settings, get_settings

RECORD_SIZE = 4096
MAX_PLAINTEXT = 3993
"""RFC 8291 §4: push services accept a 4096-byte body; the aes128gcm header with the sender's
65-byte key is 86 bytes, the tag 16 and the padding delimiter 1: 3993 bytes of plaintext."""
TOKEN_LIFETIME = timedelta(hours=12)
RENEW_BEFORE = timedelta(hours=1)  # sign a new token when the cached one has less left
_P256 = ec.SECP256R1()
_UNCOMPRESSED = (serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


class PayloadTooLarge(ValueError):
    """More plaintext than one aes128gcm record can carry (RFC 8291 §4)."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _hmac(key: bytes, message: bytes) -> bytes:
    h = hmac.HMAC(key, hashes.SHA256())
    h.update(message)
    return h.finalize()


@lru_cache(maxsize=4096)
def _receiver(p256dh: bytes) -> ec.EllipticCurvePublicKey:
    return ec.EllipticCurvePublicKey.from_encoded_point(_P256, p256dh)


def encrypt(plaintext: bytes, p256dh: bytes, auth: bytes) -> bytes:
    """One aes128gcm record for the user agent with public key ``p256dh`` and ``auth`` secret.

    RFC 8291 §3.4: a new ECDH key pair and salt per message; IKM from HKDF over the ECDH secret
    with the auth secret and "WebPush: info"; then RFC 8188's CEK and nonce. HKDF with one
    output block is two HMACs (RFC 5869), written out here."""
    if len(plaintext) > MAX_PLAINTEXT:
        raise PayloadTooLarge(f"{len(plaintext)} bytes > {MAX_PLAINTEXT}")
    receiver = _receiver(p256dh)
    sender = ec.generate_private_key(_P256)
    secret = sender.exchange(ec.ECDH(), receiver)
    sender_public = sender.public_key().public_bytes(*_UNCOMPRESSED)
    ikm = _hmac(_hmac(auth, secret), b"WebPush: info\x00" + p256dh + sender_public + b"\x01")
    salt = os.urandom(16)
    prk = _hmac(salt, ikm)
    cek = _hmac(prk, b"Content-Encoding: aes128gcm\x00\x01")[:16]
    nonce = _hmac(prk, b"Content-Encoding: nonce\x00\x01")[:12]
    record = AESGCM(cek).encrypt(nonce, plaintext + b"\x02", None)  # 0x02: the last record
    return salt + struct.pack("!IB", RECORD_SIZE, len(sender_public)) + sender_public + record


@lru_cache(maxsize=8192)
def origin_of(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(slots=True)
class Vapid:
    """The application server's VAPID key and the Authorization headers made with it."""

    key: ec.EllipticCurvePrivateKey
    subject: str
    _cache: dict[str, tuple[str, datetime]] = field(default_factory=dict)

    @property
    def public_key(self) -> str:
        """For ``pushManager.subscribe({applicationServerKey})``: base64url, uncompressed."""
        return b64url(self.key.public_key().public_bytes(*_UNCOMPRESSED))

    def authorization(self, origin: str) -> str:
        """``vapid t=…, k=…`` for this push service, signed once and reused while valid."""
        now = clock.now()
        cached = self._cache.get(origin)
        if cached is not None and now < cached[1] - RENEW_BEFORE:
            return cached[0]
        expires = now + TOKEN_LIFETIME
        claims = {"aud": origin, "exp": int(expires.timestamp()), "sub": self.subject}
        header: str = Vapid02(self.key).sign(claims)["Authorization"]
        self._cache[origin] = (header, expires)
        return header


_P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551  # P-256's n
_loaded: Vapid | None = None


async def load_vapid() -> Vapid:
    """This installation's VAPID key, the same on every app server and worker (subscriptions
    are bound to it: a push signed with another key is refused), read once per process."""
    global _loaded
    if _loaded is None:
        _loaded = await vapid_of(get_settings())
    return _loaded


async def vapid_of(settings: Settings) -> Vapid:
    """``STEPWISE_VAPID_PRIVATE_KEY`` when set; otherwise the key kept in the database, made
    once for the whole installation. An installation that had its key in the data folder
    (``secrets/vapid-private-key``, before keys were shared) offers that one, so the phones'
    subscriptions keep working: the first process to start after the upgrade puts it in the
    database, and every other process uses it from then on."""
    if settings.vapid_private_key:
        return Vapid(key=configured_key(settings.vapid_private_key), subject=settings.vapid_subject)

    def offer() -> str:
        kept = settings.data_dir / "secrets" / "vapid-private-key"
        return b64url(kept.read_bytes() if kept.is_file() else os.urandom(32))

    raw = unb64url(await shared_secret("vapid-private-key", offer))
    key = ec.derive_private_key(int.from_bytes(raw, "big") % (_P256_ORDER - 1) + 1, _P256)
    return Vapid(key=key, subject=settings.vapid_subject)


def configured_key(text: str) -> ec.EllipticCurvePrivateKey:
    """A P-256 private key as PEM (newlines may be written ``\\n``, for an environment file)
    or as its 32-byte private number in base64url, the form ``web-push generate-vapid-keys``
    and most Web Push libraries print."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.replace("\\n", "\n").encode(), None)
        if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != _P256.name:
            raise ValueError("STEPWISE_VAPID_PRIVATE_KEY: not a P-256 key (RFC 8292 §3.2)")
        return key
    raw = unb64url(text)
    if len(raw) != 32:
        raise ValueError("STEPWISE_VAPID_PRIVATE_KEY: not 32 bytes of base64url, nor PEM")
    return ec.derive_private_key(int.from_bytes(raw, "big"), _P256)


@dataclass(frozen=True, slots=True)
class Target:
    endpoint: str
    p256dh: bytes
    auth: bytes

    @property
    def origin(self) -> str:
        return origin_of(self.endpoint)


@dataclass(frozen=True, slots=True)
class Result:
    status: int  # the push service's answer; 0 when it could not be reached
    retry_after: float | None = None
    error: str = ""

    @property
    def accepted(self) -> bool:
        return 200 <= self.status < 300

    @property
    def gone(self) -> bool:
        """RFC 8030 §7.3: the subscription has expired or was removed: delete it."""
        return self.status in {404, 410}

    @property
    def retry(self) -> bool:
        """Too many requests, a server error, or no answer: try again later."""
        return self.status == 0 or self.status == 429 or self.status >= 500


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: the backoff decides


class Sender:
    """Sends encrypted messages over kept-alive connections (``http1.Pool``), many at once."""

    def __init__(
        self, vapid: Vapid | None = None, *, connections: int = 64, timeout: float = 10.0
    ) -> None:
        self.vapid = vapid  # the installation's own (``load_vapid``) on the first send
        self.connections = connections
        self.timeout = timeout
        self._pool: http1.Pool | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def pool(self) -> http1.Pool:
        loop = asyncio.get_running_loop()
        if self._pool is None or self._loop is not loop:
            self._pool = http1.Pool(limit=self.connections, timeout=self.timeout)
            self._loop = loop
        return self._pool

    async def _vapid(self) -> Vapid:
        if self.vapid is None:
            self.vapid = await load_vapid()
        return self.vapid

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            await pool.close()

    async def send(
        self,
        target: Target,
        payload: bytes,
        *,
        ttl: int,
        urgency: str = "normal",
        topic: str | None = None,
    ) -> Result:
        """RFC 8030 §5: POST the encrypted message with TTL, Urgency and an optional Topic (a
        push service replaces an undelivered message with the same topic, §5.4)."""
        body = encrypt(payload, target.p256dh, target.auth)
        headers = {
            "TTL": str(max(0, int(ttl))),
            "Urgency": urgency,
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "Authorization": (await self._vapid()).authorization(origin_of(target.endpoint)),
        }
        if topic:
            headers["Topic"] = topic
        try:
            answer = await self.pool().post(target.endpoint, headers, body)
        except (OSError, TimeoutError, ValueError) as exc:  # HTTPError is an OSError
            return Result(0, None, type(exc).__name__)
        return Result(answer.status, _retry_after(answer.headers.get("retry-after")))


def target(endpoint: str, p256dh: str, auth: str) -> Target:
    return Target(endpoint=endpoint, p256dh=unb64url(p256dh), auth=unb64url(auth))


def allowed_endpoint(endpoint: str) -> bool:
    """https to a known push service (``STEPWISE_PUSH_HOSTS``); loopback services only when
    ``STEPWISE_PUSH_LOOPBACK`` says so (the tests' stand-in push service). The server posts to
    these URLs: nothing else is allowed, so no one can aim it at a port of its own machine."""
    settings = get_settings()
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if settings.push_loopback and host in {"127.0.0.1", "localhost", "::1"}:
        return parts.scheme in {"http", "https"}
    if parts.scheme != "https" or not host:
        return False
    return any(host == h or host.endswith("." + h) for h in settings.push_hosts)
