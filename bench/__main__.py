"""``python -m bench``: run the benchmarks and check the budgets (exit 1 when one is missed).

Figures are ratios against a baseline measured in the same run on the same machine; the
absolute numbers are printed too, but only the ratios are comparable between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import (
    lighthouse,
    photos,
    privacy_load,
    push,
    pwa,
    revocation,
    startup,
    throughput,
    wrk,
)

THROUGHPUT_RATIO = 0.25  # authenticated caseload read vs no-database endpoint
STARTUP_SECONDS = 2.0  # process spawn to first 200 from /health, migrated database
PWA_GZIP_BYTES = 60_000  # initial JavaScript of the sign-in page, gzip (60 KB, SI: strict)


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    def check(self, ok: bool, line: str, what: str) -> None:
        self.lines.append(f"{'ok    ' if ok else 'MISSED'} {line}")
        if not ok:
            self.missed.append(what)
        print(self.lines[-1], flush=True)

    def fail(self, what: str, why: str) -> None:
        self.lines.append(f"FAILED {what}: {why}")
        self.missed.append(what)
        print(self.lines[-1], flush=True)


def _throughput(
    args: argparse.Namespace, db: throughput.Database, token: str, report: Report, logs: Path
) -> None:
    t = throughput.measure(
        db,
        token,
        seconds=args.seconds,
        rounds=args.rounds,
        connections=args.connections,
        log=logs / f"server-{db.engine}.log",
    )
    db_rps, db_p50, db_p99 = _medians(t.database)
    base_rps, base_p50, base_p99 = _medians(t.baseline)
    ratios = ", ".join(f"{r:.3f}" for r in t.ratios)
    line = (
        f"throughput {db.engine:<8} /api/clients ÷ /api/version = {t.ratio:.3f} "
        f"(rounds {ratios}; budget ≥ {THROUGHPUT_RATIO})\n"
        f"       {'':<19} /api/clients {db_rps:>8,.0f} req/s  "
        f"p50 {db_p50:6.2f} ms  p99 {db_p99:6.2f} ms  (medians of the rounds)\n"
        f"       {'':<19} /api/version {base_rps:>8,.0f} req/s  "
        f"p50 {base_p50:6.2f} ms  p99 {base_p99:6.2f} ms"
    )
    ok = t.ratio >= THROUGHPUT_RATIO and t.errors == 0
    if t.errors:
        line += f"\n       {t.errors} failed requests (socket errors or non-2xx answers)"
    report.check(ok, line, f"throughput on {db.engine} ({t.ratio:.3f} < {THROUGHPUT_RATIO})")
    report.figures[f"throughput_{db.engine}"] = {
        "ratio": t.ratio,
        "ratios": t.ratios,
        "clients": [vars_of(x) for x in t.database],
        "version": [vars_of(x) for x in t.baseline],
    }


def _medians(loads: list[wrk.Load]) -> tuple[float, float, float]:
    return (
        statistics.median(x.requests_per_s for x in loads),
        statistics.median(x.p50_ms for x in loads),
        statistics.median(x.p99_ms for x in loads),
    )


def vars_of(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


def _revocation(
    db: throughput.Database, seeded: dict[str, Any], report: Report, logs: Path
) -> None:
    r = revocation.measure(db, seeded, logs / f"revocation-{db.engine}")
    line = (
        f"revocation {db.engine:<8} {r.checks - len(r.failures)}/{r.checks} checks: what server A "
        "ends or changes (sign-out, sign-out everywhere, revocation, a team move), server B "
        "sees on the next request"
    )
    for failure in r.failures:
        line += f"\n       {'':<19} {failure}"
    report.check(not r.failures, line, f"revocation on {db.engine} ({len(r.failures)} failed)")
    report.figures[f"revocation_{db.engine}"] = {"checks": r.checks, "failures": r.failures}


def _startup(args: argparse.Namespace, db: throughput.Database, report: Report, logs: Path) -> None:
    s = startup.measure(db, repeat=args.startups, log=logs / f"startup-{db.engine}.log")
    line = (
        f"startup    {db.engine:<8} {s.seconds:.2f} s spawn → first 200 from /health "
        f"({s.ratio:.1f}× granian's floor of {statistics.median(s.floor_s):.2f} s; "
        f"budget ≤ {STARTUP_SECONDS} s)"
    )
    report.check(s.seconds <= STARTUP_SECONDS, line, f"startup on {db.engine} ({s.seconds:.2f} s)")
    report.figures[f"startup_{db.engine}"] = {"app_s": s.app_s, "floor_s": s.floor_s}


def _pwa(args: argparse.Namespace, report: Report, logs: Path) -> None:
    dist = Path(args.pwa_dist)
    if not (dist / "index.html").is_file():
        why = pwa.build(logs / "pwa-build.log") if args.build_pwa else "pwa/dist is not built"
        if why:
            report.fail("initial JavaScript", f"not measured: {why}")
            return
    js = pwa.measure(dist)
    files = ", ".join(f"{name} {size:,} B" for name, size in js.files.items())
    line = (
        f"pwa        initial JavaScript {js.gzip_bytes / 1000:.1f} KB gzip "
        f"({js.gzip_bytes / PWA_GZIP_BYTES:.0%} of the {PWA_GZIP_BYTES // 1000} KB budget; "
        f"{js.raw_bytes / 1000:.1f} KB raw)\n       {'':<19} {files or 'no script found'}"
    )
    ok = js.gzip_bytes <= PWA_GZIP_BYTES and bool(js.files)
    report.check(ok, line, f"initial JavaScript ({js.gzip_bytes:,} B gzip)")
    report.figures["pwa"] = {"gzip_bytes": js.gzip_bytes, "files": js.files}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument(
        "--only",
        default="throughput,revocation,startup,pwa,photos,push,privacy,lighthouse",
        help="comma-separated: throughput, revocation, startup, pwa, photos, push, privacy, "
        "lighthouse",
    )
    p.add_argument("--engines", default="sqlite,postgres", help="sqlite, postgres or both")
    p.add_argument(
        "--postgres",
        default=os.environ.get("STEPWISE_BENCH_POSTGRES"),
        help="admin URL of a loopback PostgreSQL (scripts/pg-up prints one)",
    )
    p.add_argument("--seconds", type=float, default=2, help="length of each wrk run")
    p.add_argument("--rounds", type=int, default=7, help="baseline/database pairs per engine")
    p.add_argument("--connections", type=int, default=32, help="wrk connections (-c)")
    p.add_argument("--startups", type=int, default=3, help="server starts per engine")
    p.add_argument("--pwa-dist", default=str(pwa.PWA / "dist"))
    p.add_argument(
        "--no-build-pwa",
        dest="build_pwa",
        action="store_false",
        help="do not build pwa/dist when it is missing",
    )
    p.add_argument("--json", help="also write the figures to this file")
    args = p.parse_args(argv)
    only = set(args.only.split(","))
    logs = Path(tempfile.mkdtemp(prefix="stepwise-bench-logs-"))
    report = Report()
    print(
        f"Stepwise benchmarks on {os.cpu_count()} cores; wrk -t1 -c{args.connections} "
        f"-d{args.seconds:g}s × {args.rounds} rounds, 1 granian worker. wrk and PostgreSQL "
        f"share these cores with the server. Load average before the run: "
        f"{os.getloadavg()[0]:.2f}. Logs: {logs}",
        flush=True,
    )
    for engine in args.engines.split(","):
        if not only & {"throughput", "revocation", "startup"}:
            break
        try:
            with throughput.database(engine, args.postgres) as db:
                seeded = throughput.seed(db)
                if "throughput" in only:
                    _throughput(args, db, seeded["token"], report, logs)
                if "revocation" in only:
                    _revocation(db, seeded, report, logs)
                if "startup" in only:
                    _startup(args, db, report, logs)
        except Exception as exc:
            traceback.print_exc()
            report.fail(f"{engine} benchmarks", f"{type(exc).__name__}: {exc}")
    if "pwa" in only:
        try:
            _pwa(args, report, logs)
        except Exception as exc:
            traceback.print_exc()
            report.fail("initial JavaScript", f"{type(exc).__name__}: {exc}")
    if "photos" in only:
        try:
            if photos.main() != 0:
                report.fail("photos", "see the lines above")
        except Exception as exc:
            traceback.print_exc()
            report.fail("photos", f"{type(exc).__name__}: {exc}")
    if "push" in only:
        try:
            if push.main() != 0:
                report.fail("push", "see the lines above")
        except Exception as exc:
            traceback.print_exc()
            report.fail("push", f"{type(exc).__name__}: {exc}")
    if "privacy" in only:
        try:
            if privacy_load.main() != 0:
                report.fail("privacy", "see the lines above")
        except Exception as exc:
            traceback.print_exc()
            report.fail("privacy", f"{type(exc).__name__}: {exc}")
    if "lighthouse" in only:
        try:
            figures = lighthouse.main([])
            report.figures["lighthouse"] = figures
            for what in figures["missed"]:
                report.fail("lighthouse", what)
        except (Exception, SystemExit) as exc:
            traceback.print_exc()
            report.fail("lighthouse", f"{type(exc).__name__}: {exc}")
    if args.json:
        Path(args.json).write_text(json.dumps(report.figures, indent=2))
    if report.missed:
        print("\nBudgets missed: " + "; ".join(report.missed), flush=True)
        return 1
    print("\nAll budgets met.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
