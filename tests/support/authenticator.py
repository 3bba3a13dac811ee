"""A software passkey authenticator for API tests (WebAuthn L3 §6, packed as 'none').

It makes the same JSON a browser's ``PublicKeyCredential.toJSON()`` gives, so the API tests
exercise the real py_webauthn verification: signatures, RP ID hash, origin, flags, counter.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

UP, UV, BE, BS, AT = 0x01, 0x04, 0x08, 0x10, 0x40


@dataclass
class Credential:
    credential_id: bytes
    private_key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0


@dataclass
class SoftAuthenticator:
    origin: str = "http://localhost:8000"
    user_verified: bool = True
    count_signatures: bool = True
    credentials: list[Credential] = field(default_factory=list)
    aaguid: bytes = bytes(16)  # none, as most platform authenticators send with "none"

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps(
            {
                "type": kind,
                "challenge": challenge,
                "origin": origin or self.origin,
                "crossOrigin": False,
            },
            separators=(",", ":"),
        ).encode()

    def _flags(self) -> int:
        return UP | (UV if self.user_verified else 0)

    def create(
        self, options: dict[str, Any], *, origin: str | None = None, rp_id: str | None = None
    ) -> dict[str, Any]:
        """navigator.credentials.create() for the JSON options the server sent."""
        rp = rp_id or options["rp"]["id"]
        key = ec.generate_private_key(ec.SECP256R1())
        numbers = key.public_key().public_numbers()
        cose = cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )
        credential_id = os.urandom(32)
        cred = Credential(credential_id, key, rp, base64url_to_bytes(options["user"]["id"]))
        auth_data = (
            hashlib.sha256(rp.encode()).digest()
            + bytes([self._flags() | AT])
            + struct.pack(">I", 0)
            + self.aaguid
            + struct.pack(">H", len(credential_id))
            + credential_id
            + cose
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        self.credentials.append(cred)
        cid = bytes_to_base64url(credential_id)
        return {
            "id": cid,
            "rawId": cid,
            "type": "public-key",
            "response": {
                "clientDataJSON": bytes_to_base64url(client_data),
                "attestationObject": bytes_to_base64url(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }

    def get(
        self,
        options: dict[str, Any],
        *,
        origin: str | None = None,
        rp_id: str | None = None,
        credential: Credential | None = None,
    ) -> dict[str, Any]:
        """navigator.credentials.get() with a discoverable credential (the newest by default)."""
        cred = credential or self.credentials[-1]
        if self.count_signatures:
            cred.sign_count += 1
        rp = rp_id or options.get("rpId") or cred.rp_id
        auth_data = (
            hashlib.sha256(rp.encode()).digest()
            + bytes([self._flags()])
            + struct.pack(">I", cred.sign_count)
        )
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        signature = cred.private_key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        cid = bytes_to_base64url(cred.credential_id)
        return {
            "id": cid,
            "rawId": cid,
            "type": "public-key",
            "response": {
                "clientDataJSON": bytes_to_base64url(client_data),
                "authenticatorData": bytes_to_base64url(auth_data),
                "signature": bytes_to_base64url(signature),
                "userHandle": bytes_to_base64url(cred.user_handle),
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }
