"""Every app server and worker of one database signs Web Push with the same VAPID key: the
phones subscribed with one public key, and a push signed with another is refused."""

from __future__ import annotations

import base64
import dataclasses
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from backend.reminders import webpush
from backend.settings import Settings, get_settings
from tests.api.conftest import Api
from tests.support.cli import installation, stepwise
from tests.support.scale import fresh_database


def machine(folder: Path, **changes: str) -> Settings:
    """The settings of another machine: a data folder of its own, the same database."""
    return dataclasses.replace(get_settings(), data_dir=folder, **changes)


async def test_two_servers_with_their_own_folders_share_one_key(
    api: Api, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await webpush.vapid_of(machine(tmp_path / "a"))
    second = await webpush.vapid_of(machine(tmp_path / "b"))
    assert first.public_key == second.public_key
    assert not (tmp_path / "a" / "secrets").exists()  # nothing made per machine
    # The PWA subscribes with the installation's key, whichever server it asks.
    monkeypatch.setattr(webpush, "_loaded", None)
    answer = await api.get("/api/push/vapid-public-key")
    assert answer.json()["publicKey"] == first.public_key


async def test_a_key_kept_in_a_data_folder_before_the_upgrade_stays_the_key(
    api: Api, tmp_path: Path
) -> None:
    old = tmp_path / "old" / "secrets"
    old.mkdir(parents=True)
    (old / "vapid-private-key").write_bytes(bytes(range(1, 33)))
    expected = ec.derive_private_key(int.from_bytes(bytes(range(1, 33)), "big") + 1, ec.SECP256R1())
    upgraded = await webpush.vapid_of(machine(tmp_path / "old"))
    added = await webpush.vapid_of(machine(tmp_path / "new"))
    assert upgraded.public_key == added.public_key == webpush.Vapid(expected, "").public_key


async def test_a_configured_key_is_used_as_pem_or_base64url(api: Api, tmp_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    expected = webpush.Vapid(key, "").public_key
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    number = key.private_numbers().private_value.to_bytes(32, "big")
    raw = base64.urlsafe_b64encode(number).rstrip(b"=").decode()
    for text in (pem, pem.replace("\n", "\\n"), raw):
        configured = await webpush.vapid_of(machine(tmp_path, vapid_private_key=text))
        assert configured.public_key == expected
    with pytest.raises(ValueError, match="STEPWISE_VAPID_PRIVATE_KEY"):
        webpush.configured_key("c2hvcnQ")


async def test_the_first_process_to_start_after_the_upgrade_moves_the_old_key_in(
    tmp_path: Path,
) -> None:
    """At start, before any phone asks: a second machine started later must find it there."""
    async with fresh_database(tmp_path) as url:
        env = installation(tmp_path / "upgraded", url)
        secrets = tmp_path / "upgraded" / "secrets"
        secrets.mkdir(parents=True)
        (secrets / "vapid-private-key").write_bytes(bytes(range(1, 33)))
        started = stepwise(env, "worker", "--once")
        assert started.returncode == 0, started.stderr
        kept = await _kept_key(url)
        assert webpush.unb64url(kept) == bytes(range(1, 33))


async def _kept_key(url: str) -> str:
    if url.startswith("sqlite:///"):
        import sqlite3
        from contextlib import closing

        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            row = db.execute("SELECT value FROM server_secrets").fetchone()
        return str(row[0])
    import asyncpg  # type: ignore[import-untyped]

    connection = await asyncpg.connect(url)
    try:
        return str(await connection.fetchval("SELECT value FROM server_secrets"))
    finally:
        await connection.close()
