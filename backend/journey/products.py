"""What a stage produced: the client's jobs and agreements now; a vocational profile, a job
analysis as those records come (each a ``Source`` in ``SOURCES``).

A product belongs to a stage period when its kind belongs to the period's stage and its day
falls within the period (a job started while the client was finding a job, working with the
employer, or getting support on the job).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date

from backend.agreements import agreements_made
from backend.employers.tables import Job
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
    """The client's agreements, titled by whom they are with."""
    return [
        wire.Product(
            kind="agreement",
            id=a.id,
            title=a.partner_name,
            on=a.made_on,
            ended_on=a.ended_on,
        )
        for a in await agreements_made(client_id)
    ]


SOURCES: list[Source] = [
    Source("job", ("job_finding", "employer_engagement", "support"), jobs_of),
    # Made when the work together starts, or with a mentor later on.
    Source("agreement", ("engagement", "support"), agreements_of),
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
