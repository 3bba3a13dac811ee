"""What a ``hear`` channel told this process (``backend/lib/db.py``): which keys moved, and when.

A copy kept with the database's moment (``db.moment``) and ``Told.count`` read before its rows
still holds, without a round trip, while the moment is the same and nothing was told about its
keys since (``Told.unmoved``). On SQLite nothing is ever told: another connection's commit moves
the moment itself."""

from __future__ import annotations


class Told:
    """Notifications heard on one channel, each naming a key (a person, a client; a channel
    whose payload names nothing uses one key, "")."""

    def __init__(self, at_most: int = 4096) -> None:
        self.at_most = at_most
        self.count = 0  # moves on with each notification heard
        self.last: dict[str, int] = {}  # key → ``count`` at its last notification
        self.forgotten = 0  # notifications up to this count are no longer in ``last``

    def __call__(self, key: str) -> None:
        self.count += 1
        self.last[key] = self.count
        if len(self.last) > self.at_most:  # a bound on memory: what came before is forgotten
            self.last.clear()
            self.forgotten = self.count

    def unmoved(self, key: str, since: int) -> bool:
        """No notification for ``key`` came after ``since`` (as far as is remembered)."""
        return since >= self.forgotten and self.last.get(key, 0) <= since


def holds(
    kept_at: tuple[int, int] | None,
    now: tuple[int, int] | None,
    told: Told,
    since: int,
    keys: tuple[str, ...] | list[str],
) -> bool:
    """A copy read at the database's moment ``kept_at`` (``told.count`` then ``since``) still
    holds at the moment ``now``: the same moment (every change heard, no write of this
    process's own since; on SQLite no other connection committed) and nothing told about any
    of ``keys`` since."""
    return kept_at is not None and now == kept_at and all(told.unmoved(key, since) for key in keys)
