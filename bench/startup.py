"""Server start on a migrated database: process spawn to the first 200 from ``/health``.

``stepwise serve`` checks the migrations, then starts granian, which imports the app and opens
the database. The baseline is granian serving a two-line ASGI app (``bench.floor``), spawned the
same way in the same run: the part of the start that is not ours.

Installed code carries its bytecode (pip compiles at install, ``uv sync --compile-bytecode``
too), so the bench compiles it first: where ``PYTHONDONTWRITEBYTECODE`` is set and nothing was
compiled, every start compiles all the sources again, about 0.5 s more (docs/benchmarks.md).
"""

from __future__ import annotations

import compileall
import statistics
import sysconfig
import time
from dataclasses import dataclass
from pathlib import Path

from bench import server
from bench.throughput import Database


@dataclass(frozen=True, slots=True)
class Startup:
    engine: str
    floor_s: list[float]
    app_s: list[float]

    @property
    def seconds(self) -> float:
        return statistics.median(self.app_s)

    @property
    def ratio(self) -> float:
        return self.seconds / statistics.median(self.floor_s)


def _once(argv: list[str], env: dict[str, str], log: Path) -> float:
    start = time.perf_counter()
    with server.spawn(argv, env, log) as proc:
        server.wait_for(int(argv[argv.index("--port") + 1]), "/health", proc, timeout=20)
        return time.perf_counter() - start


def compile_bytecode() -> None:
    """What an install leaves behind; quick when it is there already (mtimes are compared)."""
    ours = [str(server.ROOT / "backend"), str(server.ROOT / "shared_schemas")]
    for path in [sysconfig.get_paths()["purelib"], *ours]:
        compileall.compile_dir(path, quiet=2, workers=0)


def measure(db: Database, *, repeat: int, log: Path) -> Startup:
    compile_bytecode()
    env = server.app_env(db.url, db.data_dir)
    floor: list[float] = []
    app: list[float] = []
    for _ in range(repeat):
        floor.append(_once(server.floor_argv(server.free_port()), env, log))
        app.append(_once(server.serve_argv(server.free_port()), env, log))
    return Startup(db.engine, floor, app)
