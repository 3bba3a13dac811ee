"""What a funder's rows count, from what the app records (docs/reports.md states each rule).

One read of the scope's episodes that touch the period (``journey.episodes_between``: open on
one of its days, or six months after leaving in it, each with its follow-up) and one read of
those clients' jobs (``employers.jobs_of``); everything else is counted here. Each count is of
distinct clients; a client with two episodes in the period counts once, by the latest.

Situation at entry: in paid work when the intake says so (``in_paid_work``) or a recorded job
was going on on the intake day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from backend import employers, journey
from backend.clients import InScope
from backend.journey import EpisodeSpan
from backend.reports.definitions import Entry, Measure


@dataclass(frozen=True, slots=True)
class Counted:
    """A client counted by a row, and their situation at entry (for the columns)."""

    client_id: str
    in_work_at_entry: bool


def _going_on(job: employers.JobSpan, day: date) -> bool:
    return job.start <= day and (job.end is None or job.end >= day)


def _hours(jobs: Sequence[employers.JobSpan], day: date) -> int:
    """Paid hours a week (tenths) on ``day``: the jobs going on, a job without hours as none."""
    return sum(j.hours_tenths or 0 for j in jobs if _going_on(j, day))


def _in_work(jobs: Sequence[employers.JobSpan], day: date) -> bool:
    return any(_going_on(j, day) for j in jobs)


class Figures:
    """The counts of one scope over one period (``first`` … ``last``)."""

    def __init__(
        self, first: date, last: date, episodes: list[EpisodeSpan], jobs: list[employers.JobSpan]
    ) -> None:
        self.first, self.last = first, last
        self.episodes = episodes
        self.jobs: dict[str, list[employers.JobSpan]] = {}
        for j in jobs:
            self.jobs.setdefault(j.client_id, []).append(j)

    def _entry(self, e: EpisodeSpan) -> bool:
        return e.in_paid_work or _in_work(self.jobs.get(e.client_id, []), e.intake_on)

    def _latest(self, chosen: list[EpisodeSpan]) -> list[Counted]:
        """Each client once, by their latest episode (episodes come oldest intake first)."""
        by_client = {e.client_id: e for e in chosen}
        return [Counted(c, self._entry(e)) for c, e in sorted(by_client.items())]

    def _left(self) -> list[EpisodeSpan]:
        return [
            e
            for e in self.episodes
            if e.closed_on is not None and self.first <= e.closed_on <= self.last
        ]

    def counted(self, measure: Measure) -> list[Counted]:
        if measure == "participants":
            return self._latest(
                [
                    e
                    for e in self.episodes
                    if e.intake_on <= self.last
                    and (e.closed_on is None or e.closed_on >= self.first)
                ]
            )
        if measure == "leavers":
            return self._latest(self._left())
        if measure == "employed_on_leaving":
            return self._latest(
                [
                    e
                    for e in self._left()
                    if e.closed_on and _in_work(self.jobs.get(e.client_id, []), e.closed_on)
                ]
            )
        if measure == "improved":
            return self._latest([e for e in self._left() if self._improved(e)])
        return self._latest(
            [
                e
                for e in self.episodes
                if e.closed_on is not None
                and self.first <= journey.six_months_after(e.closed_on) <= self.last
                and e.follow_up_agreed
                and e.follow_up == "work"
            ]
        )

    def _improved(self, e: EpisodeSpan) -> bool:
        assert e.closed_on is not None
        jobs = self.jobs.get(e.client_id, [])
        came_out_of_work = not self._entry(e)
        if came_out_of_work and _in_work(jobs, e.closed_on):
            return True
        return _hours(jobs, e.closed_on) > _hours(jobs, e.intake_on)

    def count(self, measure: Measure, entry: Entry) -> int:
        found = self.counted(measure)
        if entry == "all":
            return len(found)
        return sum(1 for c in found if c.in_work_at_entry == (entry == "in_work"))


async def figures(first: date, last: date, scope: InScope) -> Figures:
    episodes = await journey.episodes_between(first, last, scope)
    clients = sorted({e.client_id for e in episodes})
    since = min((e.intake_on for e in episodes), default=first)
    jobs = await employers.jobs_of(clients, since) if clients else []
    return Figures(first, last, episodes, jobs)
