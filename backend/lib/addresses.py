"""The address a request comes from, also behind a reverse proxy.

Behind a proxy every connection comes from the proxy, so the sign-in rate limit would be shared
by everybody and the audit log would name the proxy. When the connection comes from a proxy
named in ``STEPWISE_TRUSTED_PROXIES`` (addresses or networks), the client is the last address
in ``X-Forwarded-For`` that is not one of those proxies: each proxy appends the address it was
reached from, so only the entries the trusted proxies wrote are believed, never what a client
put in the header itself. From anyone else the header is ignored.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from litestar import Request

from backend.settings import get_settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(t, strict=False) for t in trusted)


def _trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def forwarded_client(peer: str, forwarded_for: Iterable[str], trusted: tuple[Network, ...]) -> str:
    """The client's address, given the connection's ``peer`` and the ``X-Forwarded-For``
    header lines in order."""
    if not trusted or not _trusted(peer, trusted):
        return peer
    hops = [hop.strip() for line in forwarded_for for hop in line.split(",") if hop.strip()]
    for hop in reversed(hops):
        if _trusted(hop, trusted):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:  # not an address: a proxy that passes on what the client wrote
            return peer
    return peer


def client_address(request: Request[Any, Any, Any]) -> str:
    peer = request.client.host if request.client else ""
    trusted = get_settings().trusted_proxies
    if not trusted:
        return peer
    return forwarded_client(peer, request.headers.getall("x-forwarded-for", []), networks(trusted))
