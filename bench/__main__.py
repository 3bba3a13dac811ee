"""``python -m bench``: run the benchmarks and check the budgets (exit 1 when one is missed).

Figures are ratios against a baseline measured in the same run on the same machine; the
absolute numbers are printed too, but only the ratios are comparable between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import (
    activities,
    audit,
    client_page,
    day,
    documents,
    handover,
    history,
    large,
    lighthouse,
    outcomes,
    photos,
    privacy_load,
    push,
    pwa,
    revocation,
    roundtrips,
    scale,
    slow_neighbour,
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
        f"p50 {db_p50:6.2f} ms  p99 {db_p99:6.2f} ms  (medians of the rounds); "
        f"{roundtrips.said(t.statements)}\n"
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
        "statements": t.statements,
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


def _slow_neighbour(engine: str, args: argparse.Namespace, report: Report, logs: Path) -> None:
    """On a database of its own: ``bench/slow_neighbour.py`` seeds far more than the others."""
    try:
        with throughput.database(engine, args.postgres) as db:
            seeded = slow_neighbour.seed(db)
            r = slow_neighbour.measure(db, seeded, logs / f"slow-neighbour-{engine}.log")
    except Exception as exc:
        traceback.print_exc()
        report.fail(f"slow neighbour on {engine}", f"{type(exc).__name__}: {exc}")
        return
    ok, line = slow_neighbour.lines(r)
    report.check(ok, line, f"slow neighbour on {engine}")
    report.figures[f"slow_neighbour_{engine}"] = {
        "report_s": r.report_s,
        "alone": vars_of(r.alone),
        "beside": vars_of(r.beside),
        "growth": r.growth,
    }


def _activities(engine: str, args: argparse.Namespace, report: Report, logs: Path) -> None:
    """On a database of its own: ``bench/activities.py`` seeds 200,000 activities."""
    try:
        with throughput.database(engine, args.postgres) as db:
            activities.report(args, db, report, logs)
    except Exception as exc:
        traceback.print_exc()
        report.fail(f"the activity log on {engine}", f"{type(exc).__name__}: {exc}")


def _outcomes(engine: str, args: argparse.Namespace, report: Report, logs: Path) -> None:
    """On databases of their own: ``bench/outcomes.py`` seeds 2,000 clients and 1 M rows, and
    ten times that for the growth."""
    try:
        with (
            throughput.database(engine, args.postgres) as small,
            throughput.database(engine, args.postgres) as large,
        ):
            outcomes.report(args, small, large, report, logs)
    except Exception as exc:
        traceback.print_exc()
        report.fail(f"the figures on {engine}", f"{type(exc).__name__}: {exc}")


def _history(engine: str, args: argparse.Namespace, report: Report, logs: Path) -> None:
    """``bench/history.py`` in a process of its own (settings are per process)."""
    try:
        with throughput.database(engine, args.postgres) as db:
            done = subprocess.run(
                [sys.executable, "-m", history.__name__, db.url],
                cwd=Path(__file__).resolve().parent.parent,
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )
    except Exception as exc:
        traceback.print_exc()
        report.fail(f"history on {engine}", f"{type(exc).__name__}: {exc}")
        return
    (logs / f"history-{engine}.log").write_text(done.stdout + done.stderr)
    lines = done.stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("history ")), None)
    if start is None:
        report.fail(f"history on {engine}", done.stderr[-500:])
        return
    report.check(done.returncode == 0, "\n".join(lines[start:]), f"history on {engine}")
    report.figures[f"history_{engine}"] = lines[start:]


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


def _large(args: argparse.Namespace, engine: str, report: Report, logs: Path) -> None:
    with large.database(engine, args.postgres) as big:
        rows = big.seeded["rows"]
        how = "copied from the cache" if big.cached else "seeded (now cached)"
        print(
            f"large      {engine:<8} {rows:,} rows {how} in {big.seed_s:.0f} s "
            f"(seeding took {big.seeded['seconds']:.0f} s)",
            flush=True,
        )
        report.figures[f"large_{engine}"] = {"rows": rows, "seed_s": big.seeded["seconds"]}
        r = large.measure(
            big,
            seconds=args.seconds,
            rounds=args.large_rounds,
            connections=args.large_connections,
            growth_rounds=args.growth_rounds,
            log=logs / f"server-large-{engine}.log",
        )
    for name, ratio in r.ratios.items():
        base_rps, _, base_p99 = _medians(ratio.baseline)
        rps, p50, p99 = _medians(ratio.loaded)
        per = ratio.mix.per_screen
        budget: float | None
        if name == "caseload":
            budget = large.CASELOAD_RATIO
        elif name == "client page":
            budget = large.CLIENT_PAGE_RATIO
        elif ratio.mix.fresh:
            budget = None  # reported beside the day asked again, which the budget is for
        else:
            budget = large.DAY_RATIO[engine]
        ok = (budget is None or ratio.ratio >= budget) and ratio.errors == 0
        unit = f"{per} requests = 1 screen" if per > 1 else "1 request"
        said = "no budget" if budget is None else f"budget ≥ {budget}"
        line = (
            f"large      {engine:<8} {name} ÷ /api/version = {ratio.ratio:.3f} "
            f"(rounds {', '.join(f'{x:.3f}' for x in ratio.ratios)}; {said}; "
            f"{unit}; -c{args.large_connections})\n"
            f"       {'':<19} {name} {rps / per:>8,.0f} screens/s  "
            f"requests p50 {p50:6.2f} ms  p99 {p99:6.2f} ms "
            f"({ratio.p99_ratio:.1f}× the baseline's); "
            f"{ratio.statements:.1f} database round trips a screen\n"
            f"       {'':<19} /api/version {base_rps:>8,.0f} req/s  p99 {base_p99:6.2f} ms"
        )
        what = f"large {name} on {engine} ({ratio.ratio:.3f} < {budget})"
        if ratio.errors:
            what = f"large {name} on {engine} ({ratio.errors} failed requests)"
        if budget is not None and name.startswith(("client's day", "client's home")):
            line += f"; budget p99 ≤ {large.DAY_P99:g}× the baseline's"
            if ratio.p99_ratio > large.DAY_P99:
                ok = False
                what += f", p99 {ratio.p99_ratio:.1f}× the baseline's"
        alone = ", ".join(f"{path} {ms:.1f}" for path, ms in ratio.alone_ms.items())
        line += f"\n       {'':<19} one at a time, median ms: {alone}"
        if ratio.errors:
            line += f"\n       {ratio.errors} failed requests (socket errors or non-2xx answers)"
        report.check(ok, line, what)
        report.figures[f"large_{engine}_{name}"] = {
            "ratio": ratio.ratio,
            "ratios": ratio.ratios,
            "p99_ratio": ratio.p99_ratio,
            "statements": ratio.statements,
            "loaded": [vars_of(x) for x in ratio.loaded],
            "version": [vars_of(x) for x in ratio.baseline],
        }
    for g in r.growth:
        line = (
            f"growth     {engine:<8} {g.name}: 100× the history costs {g.ratio:.2f}× the time "
            f"(rounds {', '.join(f'{x:.2f}' for x in g.ratios)}; budget ≤ {large.GROWTH})\n"
            f"       {'':<19} light {statistics.median(g.light_ms):7.1f} ms, heavy "
            f"{statistics.median(g.heavy_ms):7.1f} ms an answer, one request at a time; "
            f"answers {g.light_bytes:,} B / {g.heavy_bytes:,} B"
        )
        ok = g.ratio <= large.GROWTH
        report.check(ok, line, f"growth of {g.name} on {engine} ({g.ratio:.2f}× > {large.GROWTH}×)")
        report.figures[f"growth_{engine}_{g.name}"] = {
            "ratio": g.ratio,
            "light_ms": g.light_ms,
            "heavy_ms": g.heavy_ms,
        }
    if r.erasure is not None:
        _large_erasure(engine, r.erasure, report)


def _large_erasure(engine: str, e: large.Erasure, report: Report) -> None:
    ok = e.ratio <= privacy_load.ERASURE_RATIO and e.others_p99_ms < privacy_load.P99_MS
    line = (
        f"large      {engine:<8} erasure of a client: {e.ms:.1f} ms (median of "
        f"{', '.join(f'{ms:.1f}' for ms in e.erasures_ms)} ms) = {e.ratio:.1f}× the caseload read "
        f"alone ({e.caseload_ms:.2f} ms; budget ≤ {privacy_load.ERASURE_RATIO:.0f}×)\n"
        f"       {'':<19} rows removed {', '.join(f'{n:,}' for n in e.rows)}; audit entries "
        f"blanked {', '.join(f'{n:,}' for n in e.audit_entries)}\n"
        f"       {'':<19} others' p99 while two more were erased: {e.others_p99_ms:.1f} ms over "
        f"{len(e.others_ms)} caseload reads by {large.OTHERS} connections (budget < "
        f"{privacy_load.P99_MS:.0f} ms)"
    )
    report.check(
        ok,
        line,
        f"large erasure on {engine} ({e.ratio:.1f}×, others' p99 {e.others_p99_ms:.0f} ms)",
    )
    report.figures[f"large_{engine}_erasure"] = {
        "caseload_ms": e.caseload_ms,
        "erasures_ms": e.erasures_ms,
        "rows": e.rows,
        "audit_entries": e.audit_entries,
        "others_p99_ms": e.others_p99_ms,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument(
        "--only",
        default=(
            "throughput,day,client_page,revocation,startup,slow_neighbour,history,activities,pwa,"
            "photos,documents,push,privacy,lighthouse,handover,scale,large"
        ),
        help="comma-separated: throughput, day, client_page, revocation, startup, slow_neighbour, "
        "history (the same answers with 100× the sessions and goals, in one process), "
        "activities (the activity log: 200,000 activities, against the caseload), pwa, "
        "photos, documents (a two-page CV: Typst against Chromium's print), push, privacy, "
        "lighthouse, handover (Lighthouse on the handover pack's page, as a co-worker opens it), "
        "scale (photos through an S3 store against the file store; two app servers against one "
        "on PostgreSQL), "
        "large (the large organisation's ratios and growth), "
        "audit (not by default: a million audit entries per engine, about three minutes), "
        "outcomes (not by default: it seeds 11 M rows per engine; the organisation's figures "
        "against the caseload, and with ten times the data; docs/outcomes.md)",
    )
    p.add_argument(
        "--org",
        choices=("small", "large", "both"),
        default="both",
        help="small: every part but the large organisation; large: only it",
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
    p.add_argument(
        "--large-rounds", type=int, default=5, help="rounds per ratio, large organisation"
    )
    p.add_argument(
        "--large-connections", type=int, default=64, help="wrk -c, large organisation ratios"
    )
    p.add_argument("--growth-rounds", type=int, default=5, help="light/heavy pairs per request")
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
    if args.org == "small":
        only -= {"large"}
    elif args.org == "large":
        only &= {"large"}
    logs = Path(tempfile.mkdtemp(prefix="stepwise-bench-logs-"))
    report = Report()
    print(
        f"Stepwise benchmarks on {os.cpu_count()} cores; wrk -t1 -c{args.connections} "
        f"-d{args.seconds:g}s × {args.rounds} rounds (the large organisation: "
        f"-c{args.large_connections} × {args.large_rounds} rounds), 1 granian worker. wrk and "
        f"PostgreSQL share these cores with the server. Load average before the run: "
        f"{os.getloadavg()[0]:.2f}. Logs: {logs}",
        flush=True,
    )
    for engine in args.engines.split(","):
        if "slow_neighbour" in only:
            _slow_neighbour(engine, args, report, logs)
        if "history" in only:
            _history(engine, args, report, logs)
        if "activities" in only:
            _activities(engine, args, report, logs)
        if "outcomes" in only:
            _outcomes(engine, args, report, logs)
        if not only & {"throughput", "day", "client_page", "revocation", "startup"}:
            continue
        try:
            with throughput.database(engine, args.postgres) as db:
                seeded = throughput.seed(db)
                if "throughput" in only:
                    _throughput(args, db, seeded["token"], report, logs)
                if "day" in only:
                    day.report(args, db, report, logs)
                if "client_page" in only:
                    client_page.report(args, db, report, logs)
                if "revocation" in only:
                    _revocation(db, seeded, report, logs)
                if "startup" in only:
                    _startup(args, db, report, logs)
        except Exception as exc:
            traceback.print_exc()
            report.fail(f"{engine} benchmarks", f"{type(exc).__name__}: {exc}")
    for engine in args.engines.split(","):
        if "large" not in only:
            break
        try:
            _large(args, engine, report, logs)
        except Exception as exc:
            traceback.print_exc()
            report.fail(f"large organisation on {engine}", f"{type(exc).__name__}: {exc}")
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
    if "documents" in only:
        try:
            if documents.main() != 0:
                report.fail("documents", "see the lines above")
        except Exception as exc:
            traceback.print_exc()
            report.fail("documents", f"{type(exc).__name__}: {exc}")
    if "push" in only:
        try:
            if push.main() != 0:
                report.fail("push", "see the lines above")
        except Exception as exc:
            traceback.print_exc()
            report.fail("push", f"{type(exc).__name__}: {exc}")
    if "audit" in only:
        pg = ["--postgres", args.postgres] if args.postgres else []
        if audit.main(["--engines", args.engines, *pg]) != 0:
            report.fail("audit", "see the lines above")
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
    if "scale" in only:
        try:
            scale.report(args, report, logs)
        except Exception as exc:
            traceback.print_exc()
            report.fail("scale", f"{type(exc).__name__}: {exc}")
    if "handover" in only:
        try:
            figures = handover.main([])
            report.figures["handover"] = figures
            for what in figures["missed"]:
                report.fail("handover", what)
        except (Exception, SystemExit) as exc:
            traceback.print_exc()
            report.fail("handover", f"{type(exc).__name__}: {exc}")
    if args.json:
        Path(args.json).write_text(json.dumps(report.figures, indent=2))
    if report.missed:
        print("\nBudgets missed: " + "; ".join(report.missed), flush=True)
        return 1
    print("\nAll budgets met.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
