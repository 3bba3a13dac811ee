"""Drive wrk against loopback and read its ``--latency`` report."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True, slots=True)
class Load:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors, timeouts and non-2xx/3xx answers


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        raise ValueError(f"wrk latency not understood: {text!r}")
    return float(m[1]) * _UNITS[m[2]]


def parse(report: str) -> Load:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", report)
    p50 = re.search(r"^\s+50%\s+(\S+)", report, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", report, re.M)
    if not (rps and p50 and p99):
        raise ValueError(f"wrk report not understood:\n{report}")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", report))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", report)
    errors += int(non_2xx[1]) if non_2xx else 0
    return Load(float(rps[1]), _ms(p50[1]), _ms(p99[1]), errors)


def run(
    url: str,
    *,
    seconds: float,
    connections: int,
    threads: int = 1,
    headers: dict[str, str] | None = None,
    script: Path | None = None,
    env: dict[str, str] | None = None,
) -> Load:
    """``script``: a wrk Lua script (``request`` picks each request); ``env``: added to wrk's
    environment, for the script to read."""
    if not url.startswith(("http://127.0.0.1:", "http://localhost:")):
        raise ValueError("benchmarks send traffic to loopback only")
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed: run scripts/bench (apt-get install -y wrk)")
    argv = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--latency",
        "--timeout",
        "5s",
    ]
    for name, value in (headers or {}).items():
        argv += ["-H", f"{name}: {value}"]
    if script is not None:
        argv += ["-s", str(script)]
    done = subprocess.run(
        [*argv, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
        env={**os.environ, **(env or {})},
    )
    return parse(done.stdout)
