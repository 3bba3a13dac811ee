"""Reviews: started with the figures' suggestions, scored item by item as drafts, finished and
locked, listed newest first and compared. The only writer of the fidelity tables."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from backend import accounts
from backend.fidelity import access, prefill, templates
from backend.fidelity.tables import Review, Score
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from backend.lib.localtime import is_zone, today
from backend.lib.paging import PageRequest, after_key, cursor_of, page_request
from shared_schemas import FieldError
from shared_schemas import fidelity as wire
from shared_schemas.outcomes import Scope

LIST = "fidelity-reviews"
MAX_DAYS = 366
LOCKED = "This review is finished and can no longer be changed. Start a new one to score again."
MISSING = "Score every item before finishing the review."
CHOOSE = "Choose a score."
BAD_CURSOR = "This cursor was not given by this list. Start again from the first page."


async def _scope(actor: Actor, body: wire.FidelityReviewStart) -> Scope:
    access.require(access.can_use_reviews(actor))
    if body.scope == "organisation":
        access.require(access.can_review_organisation(actor), access.OUT_OF_REACH)
        return Scope(kind="organisation")
    team_id = body.team_id or (actor.team_id if actor.role == "coordinator" else None)
    if team_id is None:
        raise field_error("body.teamId", "Choose a team.")
    access.require(access.can_review_team(actor, team_id), access.OUT_OF_REACH)
    teams = await accounts.team_names(team_id)
    if not teams:
        raise field_error("body.teamId", "Choose a team from the list.")
    return Scope(kind="team", id=team_id, name=teams[0].name)


def _check_period(body: wire.FidelityReviewStart) -> None:
    if not is_zone(body.zone):
        raise field_error("body.zone", "Choose a time zone from the list.")
    if body.end < body.start or (body.end - body.start).days >= MAX_DAYS:
        raise field_error("body.end", "Choose a period of a year at most, first day first.")
    if body.start > today(clock.now(), body.zone):
        raise field_error("body.start", "Choose a period that has begun.")


async def _by_local_id(local_id: str) -> dict[str, Any] | None:
    row: dict[str, Any] | None = (
        await Review.select(*Review.all_columns())
        .where(Review.client_uuid == as_uuid(local_id))
        .first()
    )
    return row


async def start(actor: Actor, body: wire.FidelityReviewStart) -> tuple[wire.FidelityReview, bool]:
    """The review, made once per ``local_id`` (True when made now), its items pre-filled."""
    found = await _by_local_id(body.local_id)
    if found is not None:
        access.require_review(access.can_see_review(actor, found["scope"], _team(found)))
        return await review(actor, str(found["id"])), False
    scope = await _scope(actor, body)
    _check_period(body)
    template = templates.latest(body.template)
    suggested = await prefill.suggestions(template.key, scope, body.start, body.end, body.zone)
    at = clock.now()
    row = Review(
        client_uuid=as_uuid(body.local_id),
        template=template.key,
        version=template.version,
        scope=scope.kind,
        team=as_uuid(scope.id) if scope.id else None,
        start_on=body.start,
        end_on=body.end,
        zone=body.zone,
        status="draft",
        started_by=as_uuid(actor.id),
        created_at=at,
        updated_at=at,
    )
    try:
        await row.save()
    except Exception:  # the same request, sent twice at once: the other one made it
        found = await _by_local_id(body.local_id)
        if found is None:
            raise
        return await review(actor, str(found["id"])), False
    await Score.insert(
        *(
            Score(
                review=row.id,
                item=item,
                section=section,
                position=i,
                suggested=suggested[item][0] if item in suggested else None,
                evidence=_evidence_json(suggested[item][1]) if item in suggested else None,
            )
            for i, (section, item) in enumerate(templates.items(template))
        )
    )
    return await review(actor, str(row.id)), True


def _evidence_json(evidence: wire.FidelityEvidence) -> dict[str, Any]:
    return {
        "indicator": evidence.indicator,
        "unit": evidence.unit,
        "value": evidence.value,
        "base": evidence.base,
        "start": evidence.start.isoformat(),
        "end": evidence.end.isoformat(),
        "as_of": evidence.as_of.isoformat(),
    }


def _evidence(raw: Any) -> wire.FidelityEvidence | None:
    if not raw:
        return None
    if isinstance(raw, str):
        raw = json.loads(raw)
    return wire.FidelityEvidence(
        indicator=raw["indicator"],
        unit=raw["unit"],
        value=raw["value"],
        base=raw["base"],
        start=date.fromisoformat(raw["start"]),
        end=date.fromisoformat(raw["end"]),
        as_of=date.fromisoformat(raw["as_of"]),
    )


def _team(row: dict[str, Any]) -> str | None:
    return str(row["team"]) if row["team"] is not None else None


async def _row(actor: Actor, review_id: str) -> dict[str, Any]:
    access.require(access.can_use_reviews(actor))
    row: dict[str, Any] | None = None
    if as_uuid(review_id) is not None:
        row = (
            await Review.select(*Review.all_columns())
            .where(Review.id == as_uuid(review_id))
            .first()
        )
    access.require_review(
        row is not None and access.can_see_review(actor, row["scope"], _team(row))
    )
    assert row is not None
    return row


async def _scores(review_ids: list[Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {str(r): [] for r in review_ids}
    if not review_ids:
        return out
    rows = (
        await Score.select(*Score.all_columns())
        .where(Score.review.is_in(review_ids))
        .order_by(Score.position)
    )
    for r in rows:
        out[str(r["review"])].append(r)
    return out


async def _summaries(rows: list[dict[str, Any]]) -> list[wire.FidelityReview]:
    if not rows:
        return []
    scores = await _scores([r["id"] for r in rows])
    names = await accounts.display_names(
        {str(r["started_by"]) for r in rows if r["started_by"] is not None}
    )
    teams = {t.id: t.name for t in await accounts.team_names()}
    out = []
    for row in rows:
        template = templates.version(row["template"], row["version"])
        items = scores[str(row["id"])]
        totals: dict[str, wire.FidelitySectionTotal] = {
            s.key: wire.FidelitySectionTotal(section=s.key, score=0, top=0, scored=0, items=0)
            for s in template.sections
        }
        for item in items:
            total = totals[item["section"]]
            total.items += 1
            total.top += template.top
            if item["score"] is not None:
                total.scored += 1
                total.score += item["score"]
        total_score = sum(t.score for t in totals.values())
        scored = sum(t.scored for t in totals.values())
        team = _team(row)
        scope = (
            Scope(kind="team", id=team, name=teams.get(team or "", ""))
            if row["scope"] == "team"
            else Scope(kind="organisation")
        )
        out.append(
            wire.FidelityReview(
                id=str(row["id"]),
                template=row["template"],
                version=row["version"],
                scope=scope,
                start=row["start_on"],
                end=row["end_on"],
                status=row["status"],
                started_by=names.get(str(row["started_by"]), ""),
                created_at=row["created_at"],
                finished_at=row["finished_at"],
                total=total_score,
                top=sum(t.top for t in totals.values()),
                scored=scored,
                items=len(items),
                band=templates.band(template, total_score) if scored == len(items) else None,
                zone=row["zone"],
                scores=[
                    wire.FidelityScore(
                        item=i["item"],
                        section=i["section"],
                        suggested=i["suggested"],
                        evidence=_evidence(i["evidence"]),
                        score=i["score"],
                        notes=i["notes"],
                        updated_at=i["updated_at"],
                    )
                    for i in items
                ],
                sections=list(totals.values()),
            )
        )
    return out


def summary(found: wire.FidelityReview) -> wire.FidelityReviewSummary:
    fields = {f: getattr(found, f) for f in wire.FidelityReviewSummary.__struct_fields__}
    return wire.FidelityReviewSummary(**fields)


async def review(actor: Actor, review_id: str) -> wire.FidelityReview:
    return (await _summaries([await _row(actor, review_id)]))[0]


async def save_item(
    actor: Actor, review_id: str, item: str, body: wire.FidelityItemSave
) -> wire.FidelityReview:
    row = await _row(actor, review_id)
    access.require_review(access.can_change_review(actor, row["scope"], _team(row)))
    template = templates.version(row["template"], row["version"])
    if item not in {key for _, key in templates.items(template)}:
        raise ProblemError(404, "This template has no such item.")
    if row["status"] != "draft":
        raise ProblemError(409, LOCKED)
    if body.score is not None and body.score > template.top:
        raise field_error("body.score", f"Choose a score from 1 to {template.top}.")
    current = (
        await Score.select(Score.local_id)
        .where((Score.review == row["id"]) & (Score.item == item))
        .first()
    )
    if not (body.local_id and current and str(current["local_id"]) == body.local_id):
        at = clock.now()
        await Score.update(
            {
                Score.score: body.score,
                Score.notes: body.notes,
                Score.local_id: as_uuid(body.local_id) if body.local_id else None,
                Score.updated_by: as_uuid(actor.id),
                Score.updated_at: at,
            }
        ).where((Score.review == row["id"]) & (Score.item == item))
        await Review.update({Review.updated_at: at}).where(Review.id == row["id"])
    return await review(actor, review_id)


async def finish(actor: Actor, review_id: str) -> wire.FidelityReview:
    """Locks the review once every item is scored; finishing a finished one changes nothing."""
    row = await _row(actor, review_id)
    access.require_review(access.can_change_review(actor, row["scope"], _team(row)))
    found = await review(actor, review_id)
    if row["status"] == "finished":
        return found
    missing = [s.item for s in found.scores if s.score is None]
    if missing:
        problem = ProblemError(
            422, MISSING, field=f"items.{missing[0]}", reason=CHOOSE, code="missing"
        )
        problem.problem.errors += [
            FieldError(field=f"items.{m}", reason=CHOOSE, code="missing") for m in missing[1:]
        ]
        raise problem
    at = clock.now()
    await Review.update(
        {Review.status: "finished", Review.finished_at: at, Review.updated_at: at}
    ).where((Review.id == row["id"]) & (Review.status == "draft"))
    return await review(actor, review_id)


def list_request(cursor: str | None, limit: int) -> PageRequest:
    page = page_request(LIST, cursor, limit, str, str)
    if page.after is None:
        return page
    try:
        at = datetime.fromisoformat(page.after[0])
    except ValueError as exc:
        raise field_error("query.cursor", BAD_CURSOR, status=400) from exc
    if at.tzinfo is None or as_uuid(page.after[1]) is None:
        raise field_error("query.cursor", BAD_CURSOR, status=400)
    return PageRequest(page.limit, (at, as_uuid(page.after[1])))


async def reviews(
    actor: Actor, page: PageRequest, team_id: str | None = None
) -> tuple[list[wire.FidelityReviewSummary], str | None]:
    """Newest first: an administrator's of the whole organisation (or one team's), a
    coordinator's of her team."""
    access.require(access.can_use_reviews(actor))
    if actor.role == "coordinator":
        if team_id is not None and team_id != actor.team_id:
            access.require(False, access.OUT_OF_REACH)
        team_id = actor.team_id
        access.require(team_id is not None, access.OUT_OF_REACH)
    query = Review.select(*Review.all_columns())
    if team_id is not None:
        if as_uuid(team_id) is None:
            raise field_error("query.team", "Choose a team from the list.", status=400)
        query = query.where(Review.team == as_uuid(team_id))
    condition = after_key(page, Review.created_at, Review.id, descending=True)
    if condition is not None:
        query = query.where(condition)
    rows = await query.order_by(Review.created_at, Review.id, ascending=False).limit(page.fetch)
    found = [summary(r) for r in await _summaries(rows[: page.limit])]
    more = len(rows) > page.limit
    last = rows[page.limit - 1] if more else None
    next_cursor = (
        cursor_of(LIST, (last["created_at"].isoformat(), str(last["id"]))) if last else None
    )
    return found, next_cursor
