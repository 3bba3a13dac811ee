"""Reading the audit log: administrators all of it, coordinators their team's."""

from __future__ import annotations

from litestar import Controller, Router, get

from backend.accounts.dependencies import ACTOR, CurrentActor
from backend.audit.tables import AuditEvent
from backend.lib.errors import ProblemError
from shared_schemas.accounts import AuditEntry


class AuditController(Controller):
    path = "/api/audit"
    tags = ["audit"]
    dependencies = ACTOR

    @get("/", summary="The newest 200 audit entries")
    async def entries(self, actor: CurrentActor) -> list[AuditEntry]:
        if actor.role not in {"admin", "coordinator"}:
            raise ProblemError(403, "This is not allowed.")
        query = AuditEvent.select().order_by(AuditEvent.id, ascending=False).limit(200)
        if actor.role == "coordinator":
            query = query.where(AuditEvent.team == (actor.team_id or "-"))
        rows = await query.output(load_json=True)
        return [
            AuditEntry(
                id=r["id"],
                at=r["at"],
                action=r["action"],
                outcome=r["outcome"],
                actor=r["actor"],
                subject=r["subject"],
                detail=r["detail"],
                ip=r["ip"],
                user_agent=r["user_agent"],
            )
            for r in rows
        ]


router = Router(path="/", route_handlers=[AuditController])
