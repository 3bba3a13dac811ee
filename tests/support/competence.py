"""Staff competence for the tests: a draft of the framework, and coach Ada's self-assessment
under way, built straight in the database (the API tests build theirs through the API)."""

from __future__ import annotations

import uuid
from typing import Any

from backend.competence import framework
from backend.competence.tables import Framework, SelfAssessment, SelfRating
from backend.lib.clock import now
from tests.support.world import World


async def draft() -> str:
    """Version 2, a draft copy of version 1."""
    await framework.ensure_default()
    row = Framework(
        version=2,
        status="draft",
        content=framework.default_content(),
        based_on=1,
        created_at=now(),
        updated_at=now(),
    )
    await row.save()
    return str(row.id)


async def ada_assessment(w: World) -> str:
    """Ada's self-assessment under way, her confidentiality rated 2."""
    version = await framework.current()
    row = SelfAssessment(
        client_uuid=uuid.uuid4(),
        person=w.ids["coach"],
        framework=version["id"],
        status="open",
        started_at=now(),
    )
    await row.save()
    await SelfRating(
        slot=f"{row.id}:values.confidentiality",
        assessment=row.id,
        competence="values.confidentiality",
        rated_level=2,
        updated_at=now(),
    ).save()
    return str(row.id)


def edit_body() -> dict[str, Any]:
    """The PUT body that keeps version 1's content as it is."""
    content = framework.default_content()
    return {
        "levels": content["levels"],
        "areas": [
            {
                "key": a["key"],
                "titles": a["titles"],
                "competences": [
                    {k: c[k] for k in ("key", "titles", "indicators", "targets")}
                    for c in a["competences"]
                ],
            }
            for a in content["areas"]
        ],
    }
