"""Database round trips per request, read from a running server's own metrics.

``GET /metrics`` (from loopback) counts the statements sent to the database while answering
each route (``stepwise_db_statements_total``, ``backend/lib/metrics.py``) and the requests
(``stepwise_http_request_duration_seconds_count``). Here the server is scraped, asked the
requests one at a time, and scraped again: the statements made meanwhile (the scrape's own
left out) divided by the requests. On PostgreSQL each statement is a round trip, a
transaction's ``BEGIN`` and ``COMMIT`` included; an operator reads the same two series.
"""

from __future__ import annotations

from collections.abc import Sequence

from prometheus_client.parser import text_string_to_metric_families

from bench import server


def _statements(port: int) -> float:
    """Every statement the server counted, but those of ``/metrics`` itself."""
    status, body = server.get_status(port, "/metrics")
    if status != 200:
        raise RuntimeError(f"GET /metrics answered {status}")
    return sum(
        sample.value
        for family in text_string_to_metric_families(body.decode())
        if family.name == "stepwise_db_statements"
        for sample in family.samples
        if sample.name == "stepwise_db_statements_total" and sample.labels["route"] != "/metrics"
    )


def per_request(
    port: int, paths: Sequence[str], headers: dict[str, str] | None = None, repeat: int = 5
) -> float:
    """The statements one pass over ``paths`` makes (one screen, when several paths make one),
    the mean of ``repeat`` passes, asked one request at a time after the server is warm."""
    return per_screen(port, [(p, headers or {}) for p in paths] * repeat, repeat)


def per_screen(port: int, requests: Sequence[tuple[str, dict[str, str]]], screens: int) -> float:
    """The statements ``requests`` (path, headers) make, one at a time, divided by
    ``screens``."""
    before = _statements(port)
    for path, headers in requests:
        status, _ = server.get_status(port, path, headers)
        if status >= 400:
            raise RuntimeError(f"GET {path} answered {status} while counting round trips")
    server.get_status(port, "/api/version")  # the last request's count is in (it ends after)
    return (_statements(port) - before) / screens


def said(statements: float) -> str:
    return f"{statements:.1f} database round trips a request"
