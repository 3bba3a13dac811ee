"""Security headers, CSRF, problem details, rate limits, audit chain, backup and restore."""

from __future__ import annotations

import pytest

from backend.accounts import controllers
from backend.audit import sealing
from backend.audit import services as audit
from backend.audit.tables import AuditEvent
from tests.api.conftest import Api


async def test_security_headers_on_every_response(world_api: Api) -> None:
    for path in ("/api/me", "/health", "/api/nope", "/"):
        response = await world_api.client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "camera=(self)" in response.headers["permissions-policy"]
        assert "microphone=(self)" in response.headers["permissions-policy"]


async def test_writes_without_the_app_header_are_refused(world_api: Api) -> None:
    refused = await world_api.request(
        "PATCH", "/api/me", as_="coach", json={"locale": "pl"}, csrf=False
    )
    assert refused.status_code == 403
    cross_site = await world_api.request(
        "PATCH",
        "/api/me",
        as_="coach",
        json={"locale": "pl"},
        headers={"origin": "https://evil.example"},
    )
    assert cross_site.status_code == 403
    same_site = await world_api.request(
        "PATCH",
        "/api/me",
        as_="coach",
        json={"locale": "pl"},
        headers={"origin": "http://localhost:8000"},
    )
    assert same_site.status_code == 200


async def test_problems_name_the_field_and_the_reason(world_api: Api) -> None:
    unknown = await world_api.patch("/api/me", as_="coach", json={"colour": "red"})
    assert unknown.status_code == 400
    assert unknown.headers["content-type"].startswith("application/problem+json")
    assert unknown.json()["errors"][0]["field"] == "body.colour"
    too_long = await world_api.post("/api/teams", as_="admin", json={"name": "x" * 121})
    assert too_long.json()["errors"][0] == {
        "field": "body.name",
        "reason": "This is too long: 120 characters at most.",
        "code": "invalid",
    }
    empty = await world_api.post("/api/teams", as_="admin", json={"name": ""})
    assert empty.json()["errors"][0]["reason"] == "This cannot be empty."
    wrong_type = await world_api.patch(
        "/api/me", as_="coach", json={"preferences": {"textSize": 300}}
    )
    assert wrong_type.status_code == 400
    assert wrong_type.json()["errors"][0]["field"] == "body.preferences.textSize"


async def test_preferences_and_language_follow_the_person(world_api: Api) -> None:
    saved = await world_api.patch(
        "/api/me",
        as_="client",
        json={
            "locale": "he",
            "preferences": {
                "textSize": 200,
                "contrast": "more",
                "reduceMotion": True,
                "readAloud": True,
            },
        },
    )
    assert saved.status_code == 200
    me = (await world_api.get("/api/me", as_="client")).json()
    assert me["locale"] == "he"
    assert me["preferences"] == {
        "textSize": 200,
        "contrast": "more",
        "reduceMotion": True,
        "readAloud": True,
    }


async def test_sign_in_attempts_are_rate_limited(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(controllers.limiter, "per_minute", 3)
    statuses = [(await api.post("/api/signin/options")).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    limited = await api.post("/api/signin/options")
    assert limited.headers["retry-after"] == "60"


async def test_sign_in_success_and_failure_are_audited(world_api: Api) -> None:
    await world_api.post("/api/signin", json={"challengeId": "nope", "credential": {}})
    entries = (await world_api.get("/api/audit", as_="admin")).json()
    refused = [e for e in entries if e["action"] == "signin" and e["outcome"] == "refused"]
    assert refused and refused[0]["ip"] == "203.0.113.7"


async def test_the_audit_chain_detects_a_changed_entry(world_api: Api) -> None:
    for _ in range(3):
        await world_api.post("/api/teams", as_="admin", json={"name": "Team"})
    ok, count, _ = await audit.verify()
    assert ok and count == 3
    first = await AuditEvent.select(AuditEvent.id).order_by(AuditEvent.id).first()
    assert first
    await AuditEvent.update({AuditEvent.actor: "someone-else"}).where(AuditEvent.id == first["id"])
    ok, _, problem = await audit.verify()
    assert not ok and "changed" in problem


async def test_the_audit_chain_detects_a_deleted_entry(world_api: Api) -> None:
    for _ in range(3):
        await world_api.post("/api/teams", as_="admin", json={"name": "Team"})
    await sealing.seal()  # what the server's round does within a second
    rows = await AuditEvent.select(AuditEvent.id).order_by(AuditEvent.id)
    await AuditEvent.delete().where(AuditEvent.id == rows[1]["id"])
    ok, _, problem = await audit.verify()
    assert not ok and "missing" in problem


async def test_health_and_unknown_api_paths(api: Api) -> None:
    assert (await api.get("/health")).json() == {"status": "ok", "database": "ok"}
    missing = await api.client.get("/api/nothing-here")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")


async def test_erasing_personal_fields_keeps_the_chain_intact(world_api: Api) -> None:
    w = world_api.world
    assert w
    await world_api.get(f"/api/clients/{w.ids['client']}", as_="coach")
    await world_api.patch("/api/me", as_="client", json={"locale": "fi"})
    await world_api.post("/api/teams", as_="admin", json={"name": "After"})
    assert await audit.forget_personal_fields(w.ids["client"]) >= 1
    ok, _count, problem = await audit.verify()
    assert ok, problem
    about = await AuditEvent.select().where(AuditEvent.subject == w.ids["client"])
    # The salt becomes the erasure marker (made with the chain's key, it says nothing of her).
    assert about and all(
        r["ip"] == "" and r["user_agent"] == "" and r["personal_salt"].startswith("x")
        for r in about
    )


async def test_the_audit_chain_detects_a_changed_address(world_api: Api) -> None:
    await world_api.post("/api/teams", as_="admin", json={"name": "Team"})
    await AuditEvent.update({AuditEvent.ip: "198.51.100.1"}).where(AuditEvent.id.is_not_null())
    ok, _, problem = await audit.verify()
    assert not ok
    assert "address" in problem
