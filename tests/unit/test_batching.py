"""``backend/lib/batching.py``: reads asked at the same moment go out together, each caller
gets its own answer, and a failure reaches exactly the callers of that read."""

from __future__ import annotations

import asyncio

import pytest

from backend.lib.batching import Batcher


def test_reads_asked_together_share_a_statement_and_each_gets_its_answer() -> None:
    calls: list[list[int]] = []

    async def read_many(keys: list[int]) -> dict[int, str]:
        calls.append(keys)
        await asyncio.sleep(0)  # a round trip: others ask meanwhile
        return {k: f"v{k}" for k in keys if k != 7}

    async def main() -> list[str | None]:
        batcher = Batcher(read_many)
        first = asyncio.ensure_future(batcher.get(0))
        while not calls:  # the first read is under way
            await asyncio.sleep(0)
        rest = await asyncio.gather(*(batcher.get(k) for k in [*range(1, 10), 3]))
        return [await first, *rest]

    answers = asyncio.run(main())
    assert answers == [f"v{k}" if k != 7 else None for k in range(10)] + ["v3"]
    assert calls[0] == [0]
    assert sorted(calls[1]) == list(range(1, 10))  # asked during it: together, once each
    assert len(calls) == 2


def test_a_failed_read_reaches_its_callers_and_the_next_read_still_runs() -> None:
    async def read_many(keys: list[str]) -> dict[str, int]:
        await asyncio.sleep(0)
        if "bad" in keys:
            raise RuntimeError("the database is gone")
        return {k: len(k) for k in keys}

    async def main() -> None:
        batcher = Batcher(read_many)
        bad = asyncio.ensure_future(batcher.get("bad"))
        await asyncio.sleep(0)
        good = asyncio.ensure_future(batcher.get("good"))
        with pytest.raises(RuntimeError, match="gone"):
            await bad
        assert await good == 4
        assert await batcher.get("again") == 5

    asyncio.run(main())


def test_a_caller_that_gives_up_leaves_the_others_answered() -> None:
    async def read_many(keys: list[str]) -> dict[str, str]:
        await asyncio.sleep(0.01)
        return {k: k.upper() for k in keys}

    async def main() -> None:
        batcher = Batcher(read_many)
        first = asyncio.ensure_future(batcher.get("a"))
        leaving = asyncio.ensure_future(batcher.get("b"))
        staying = asyncio.ensure_future(batcher.get("c"))
        await asyncio.sleep(0)
        leaving.cancel()
        assert await first == "A"
        assert await staying == "C"
        assert leaving.cancelled()

    asyncio.run(main())


def test_a_batcher_used_again_in_a_new_event_loop_still_answers() -> None:
    async def read_many(keys: list[int]) -> dict[int, int]:
        await asyncio.sleep(0)
        return {k: k * 2 for k in keys}

    batcher = Batcher(read_many)

    async def abandon() -> None:
        left = asyncio.ensure_future(batcher.get(1))  # the loop ends with this read under way
        await asyncio.sleep(0)
        assert not left.done()

    asyncio.run(abandon())  # which cancels what is left, the batch's read too
    assert asyncio.run(batcher.get(2)) == 4
