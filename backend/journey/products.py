"""What a stage produced: the client's jobs, agreements, approved vocational profile and
opportunities (finding a job); a job analysis as those records come (each a ``Source`` in
``SOURCES``).

A product belongs to a stage period when its kind belongs to the period's stage and its day
falls within the period (a job started while the client was finding a job, working with the
employer, or getting support on the job).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date

from backend.agreements.tables import Agreement, AgreementVersion
from backend.employers.tables import Job
from backend.opportunities.tables import Opportunity
from backend.profiles.tables import ProfileVersion
from backend.workplace.tables import JobAnalysis
from shared_schemas import journey as wire


@dataclass(frozen=True, slots=True)
class Source:
    """Where the products of one kind come from, and the stages they belong to."""

    kind: wire.ProductKind
    stages: tuple[str, ...]
    read: Callable[[str], Awaitable[list[wire.Product]]]
    """The client's products of this kind (client id → products)."""


async def jobs_of(client_id: str) -> list[wire.Product]:
    rows = (
        await Job.select(
            Job.id,
            Job.title,
            Job.start_date,
            Job.end_date,
            Job.employer.name.as_alias("employer"),
        )
        .where(Job.client == client_id)
        .order_by(Job.start_date)
    )
    return [
        wire.Product(
            kind="job",
            id=str(r["id"]),
            title=r["title"],
            detail=r["employer"] or "",
            on=r["start_date"],
            ended_on=r["end_date"],
        )
        for r in rows
    ]


async def agreements_of(client_id: str) -> list[wire.Product]:
    """The client's agreements agreed by both, each from the day the partner first signed (the
    client agrees first), titled by the partner's name."""
    signed = await AgreementVersion.select(
        AgreementVersion.agreement.as_alias("agreement"),
        AgreementVersion.partner_signed_at,
    ).where(
        (AgreementVersion.agreement.client == client_id)
        & AgreementVersion.partner_signed_at.is_not_null()
    )
    first: dict[str, date] = {}
    for row in signed:
        day = row["partner_signed_at"].date()
        key = str(row["agreement"])
        first[key] = min(day, first.get(key, day))
    if not first:
        return []
    rows = await Agreement.select(
        Agreement.id, Agreement.ended_at, Agreement.partner.display_name.as_alias("partner")
    ).where(Agreement.id.is_in(list(first)))
    return sorted(
        (
            wire.Product(
                kind="agreement",
                id=str(r["id"]),
                title=r["partner"] or "",
                on=first[str(r["id"])],
                ended_on=r["ended_at"].date() if r["ended_at"] else None,
            )
            for r in rows
        ),
        key=lambda p: (p.on, p.id),
    )


async def profile_of(client_id: str) -> list[wire.Product]:
    """The client's approved vocational profile: one product, from the day the client first
    approved a version (made while profiling, most often), titled by the number of the version
    in force now. Its id is the client's (a client has one profile)."""
    rows = (
        await ProfileVersion.select(ProfileVersion.number, ProfileVersion.approved_at)
        .where((ProfileVersion.client == client_id) & ProfileVersion.approved_at.is_not_null())
        .order_by(ProfileVersion.number)
    )
    if not rows:
        return []
    return [
        wire.Product(
            kind="vocational_profile",
            id=client_id,
            title=str(rows[-1]["number"]),
            on=rows[0]["approved_at"].date(),
        )
    ]


async def opportunities_of(client_id: str) -> list[wire.Product]:
    """The client's opportunities, each from the day it was added, titled by the employer (or
    the idea's words), ended when started or "not this time"."""
    rows = (
        await Opportunity.select(
            Opportunity.id,
            Opportunity.idea,
            Opportunity.job_title,
            Opportunity.step,
            Opportunity.step_on,
            Opportunity.created_at,
            Opportunity.employer.name.as_alias("employer"),
        )
        .where(Opportunity.client == client_id)
        .order_by(Opportunity.created_at)
    )
    return [
        wire.Product(
            kind="opportunity",
            id=str(r["id"]),
            title=r["employer"] or " ".join(r["idea"].split())[:80],
            detail=r["job_title"],
            on=r["created_at"].date(),
            ended_on=r["step_on"] if r["step"] in ("started", "not_now") else None,
        )
        for r in rows
    ]


async def analyses_of(client_id: str) -> list[wire.Product]:
    """The analyses of the client's jobs, each from the day it was begun, titled by the job and
    detailed by the employer (``backend/workplace``)."""
    rows = (
        await JobAnalysis.select(
            JobAnalysis.job,
            JobAnalysis.created_at,
            JobAnalysis.job.title.as_alias("title"),
            JobAnalysis.job.employer.name.as_alias("employer"),  # type: ignore[union-attr]
        )
        .where(JobAnalysis.client == client_id)
        .order_by(JobAnalysis.created_at)
    )
    return [
        wire.Product(
            kind="job_analysis",
            id=str(r["job"]),
            title=r["title"] or "",
            detail=r["employer"] or "",
            on=r["created_at"].date(),
        )
        for r in rows
    ]


SOURCES: list[Source] = [
    Source("job", ("job_finding", "employer_engagement", "support"), jobs_of),
    # An agreement opens the work, or renews it (a new partner, a mentor) at any stage.
    Source(
        "agreement",
        ("engagement", "profiling", "job_finding", "employer_engagement", "support"),
        agreements_of,
    ),
    # Approved while the client is still being engaged, while profiling, or (a later version)
    # while looking for a job.
    Source("vocational_profile", ("engagement", "profiling", "job_finding"), profile_of),
    Source("opportunity", ("job_finding",), opportunities_of),
    # Made while working with the employer, or once the client has started (support on the job).
    Source("job_analysis", ("employer_engagement", "support"), analyses_of),
]


async def of_client(client_id: str) -> list[tuple[Source, list[wire.Product]]]:
    return [(source, await source.read(client_id)) for source in SOURCES]


def within(
    stage: str,
    started_on: date,
    ended_on: date | None,
    found: list[tuple[Source, list[wire.Product]]],
) -> list[wire.Product]:
    """The products of a stage period: of its stage's kinds, made within its dates."""
    return [
        product
        for source, products in found
        if stage in source.stages
        for product in products
        if product.on is not None
        and started_on <= product.on
        and (ended_on is None or product.on <= ended_on)
    ]


def placed(
    periods: list[tuple[str, str, date, date | None]],
    found: list[tuple[Source, list[wire.Product]]],
) -> dict[str, list[wire.Product]]:
    """The products of each stage period (``(id, stage, started_on, ended_on)``), each product
    under one period only: of the periods whose stage and dates hold it, the one that started
    last (a job that started on the day "finding a job" ended and "support" began is support's)."""
    shown = {pid: within(stage, start, end, found) for pid, stage, start, end in periods}
    starts = {pid: start for pid, _, start, _ in periods}
    home: dict[tuple[str, str], tuple[date, str]] = {}
    for pid, products in shown.items():
        for product in products:
            key, candidate = (product.kind, product.id), (starts[pid], pid)
            if key not in home or candidate > home[key]:
                home[key] = candidate
    return {
        pid: [p for p in products if home[(p.kind, p.id)][1] == pid]
        for pid, products in shown.items()
    }
