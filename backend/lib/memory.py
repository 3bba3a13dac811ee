"""What a serving process keeps from its start: out of the cyclic garbage collector's way.

A started app server holds some 150,000 objects that live as long as it does (modules, routes,
schemas, compiled statements). Python's collector walks all of them in every full collection,
and under load a full collection came every half second or so (the objects of the requests in
flight at a young collection are promoted with them): 100–150 ms each on the large organisation,
with the event loop stopped, which was the p99 of every audited screen and a tenth of its
throughput (docs/benchmarks.md). ``gc.freeze()`` once the app has started moves them to the
permanent generation, which no collection walks; a full collection then takes a few milliseconds.
It is done a moment after start (``backend/app.py``), off the path to the first answer: the
collection before it takes about a tenth of a second.

Only in the serving processes (``stepwise serve`` says so in the environment its workers
inherit): a test suite starts an app hundreds of times in one process, and what each froze
would stay. Frozen objects are still freed when nothing refers to them; only a reference cycle
among them would be kept, and what exists at start lives until the process stops anyway.
"""

from __future__ import annotations

import gc
import os

SERVING = "STEPWISE_SERVING_PROCESS"
"""Set (to ``1``) by ``stepwise serve`` for the worker processes it starts."""


def serving() -> bool:
    """Whether this process serves requests for ``stepwise serve``."""
    return os.environ.get(SERVING) == "1"


def settle() -> int:
    """Once the app has started in a serving process: collect what start-up left, then freeze
    the rest. Returns how many objects are frozen (0 outside a serving process)."""
    if not serving():
        return 0
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


async def frozen() -> float:
    """Objects this process keeps out of the collector's walk (a metric)."""
    return float(gc.get_freeze_count())
