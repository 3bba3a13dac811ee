"""Web Push crypto and VAPID without a network: RFC 8291 messages that ``http_ece`` decrypts,
the 3,993-byte limit, and VAPID headers cached per push-service origin."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02
from py_vapid.jwt import decode

from backend.lib import clock
from backend.reminders import webpush


def _receiver() -> tuple[ec.EllipticCurvePrivateKey, bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return key, public, os.urandom(16)


@pytest.mark.parametrize("size", [0, 1, 100, 1024, webpush.MAX_PLAINTEXT])
def test_http_ece_decrypts_what_we_encrypt(size: int) -> None:
    key, public, auth = _receiver()
    plaintext = os.urandom(size)
    body = webpush.encrypt(plaintext, public, auth)
    assert len(body) <= 4096
    assert http_ece.decrypt(body, private_key=key, auth_secret=auth, version="aes128gcm") == (
        plaintext
    )


def test_every_message_has_its_own_key_and_salt() -> None:
    _, public, auth = _receiver()
    a, b = webpush.encrypt(b"same", public, auth), webpush.encrypt(b"same", public, auth)
    assert a[:16] != b[:16] and a[21:86] != b[21:86]


def test_more_than_rfc_8291_allows_is_refused_before_encrypting() -> None:
    _, public, auth = _receiver()
    with pytest.raises(webpush.PayloadTooLarge):
        webpush.encrypt(b"x" * (webpush.MAX_PLAINTEXT + 1), public, auth)


def test_vapid_headers_are_cached_per_origin_with_their_own_audience(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: at)
    vapid = webpush.Vapid(key=ec.generate_private_key(ec.SECP256R1()), subject="mailto:a@b.org")
    fcm = vapid.authorization("https://fcm.googleapis.com")
    mozilla = vapid.authorization("https://updates.push.services.mozilla.com")
    assert fcm == vapid.authorization("https://fcm.googleapis.com")  # reused, not re-signed
    assert Vapid02.verify(fcm) and Vapid02.verify(mozilla)
    claims = {}
    for header in (fcm, mozilla):
        parts = dict(p.strip().split("=", 1) for p in header.split(" ", 1)[1].split(","))
        claims[header] = decode(parts["t"], parts["k"])
    assert claims[fcm]["aud"] == "https://fcm.googleapis.com"
    assert claims[mozilla]["aud"] == "https://updates.push.services.mozilla.com"
    assert claims[fcm]["exp"] == int((at + timedelta(hours=12)).timestamp())  # ≤ 24 h (RFC 8292)
    assert claims[fcm]["sub"] == "mailto:a@b.org"
    # With less than an hour of validity left, a new token is signed.
    later = at + timedelta(hours=11, minutes=30)
    monkeypatch.setattr(clock, "now", lambda: later)
    renewed = vapid.authorization("https://fcm.googleapis.com")
    assert renewed != fcm


def test_only_push_services_are_allowed_as_endpoints() -> None:
    # The test settings set STEPWISE_PUSH_LOOPBACK=1: loopback push services are allowed too.
    assert webpush.allowed_endpoint("https://fcm.googleapis.com/fcm/send/abc")
    assert webpush.allowed_endpoint("https://updates.push.services.mozilla.com/wpush/v2/x")
    assert webpush.allowed_endpoint("https://web.push.apple.com/QGh…")
    assert webpush.allowed_endpoint("http://127.0.0.1:8123/push/x")
    assert not webpush.allowed_endpoint("http://fcm.googleapis.com/fcm/send/abc")
    assert not webpush.allowed_endpoint("https://fcm.googleapis.com.evil.example/x")
    assert not webpush.allowed_endpoint("https://10.0.0.5/admin")
    assert not webpush.allowed_endpoint("file:///etc/passwd")
