"""The client's address behind reverse proxies: only what trusted proxies wrote is believed."""

from __future__ import annotations

from backend.lib.addresses import forwarded_client, networks

PROXIES = networks(("10.0.0.0/8", "fd00::/8"))


def test_without_trusted_proxies_the_connection_is_the_client() -> None:
    assert forwarded_client("203.0.113.5", ["198.51.100.1"], ()) == "203.0.113.5"


def test_a_header_from_an_untrusted_peer_is_ignored() -> None:
    assert forwarded_client("203.0.113.5", ["198.51.100.1"], PROXIES) == "203.0.113.5"


def test_the_last_address_the_trusted_proxies_did_not_write_is_the_client() -> None:
    # The client wrote "1.2.3.4" itself; the first proxy appended the client's real address,
    # the second proxy appended the first's.
    header = ["1.2.3.4, 198.51.100.7", "10.1.2.3"]
    assert forwarded_client("10.0.0.2", header, PROXIES) == "198.51.100.7"
    assert forwarded_client("fd00::1", ["2001:db8::7"], PROXIES) == "2001:db8::7"


def test_no_usable_address_leaves_the_proxy() -> None:
    assert forwarded_client("10.0.0.2", [], PROXIES) == "10.0.0.2"
    assert forwarded_client("10.0.0.2", ["10.0.0.3"], PROXIES) == "10.0.0.2"
    assert forwarded_client("10.0.0.2", ["not-an-address"], PROXIES) == "10.0.0.2"
