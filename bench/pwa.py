"""Initial JavaScript of the sign-in page, gzip-compressed.

Reads ``pwa/dist/index.html`` (the sign-in page is the app shell: every screen is served that
page) for what the browser fetches before the first screen can run: ``<script src>`` (module
or classic) and ``<link rel=modulepreload>``, then follows the static ``import … from "./x.js"``
of those files, which the browser must also fetch before running them. Dynamic ``import()``
chunks load later and do not count. Each file is gzip-compressed at level 9, as the server's
gzip does, and the sizes are summed.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from bench.server import ROOT

PWA = ROOT / "pwa"
# Static imports in minified ES modules: `import{a as b}from"./x.js"`, `import"./y.js"`.
_STATIC_IMPORT = re.compile(
    r"""(?:^|[;}\s)])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["'`]([^"'`]+\.m?js)["'`]"""
)


class _Initial(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(str(a["src"]))
        if tag == "link" and (a.get("rel") or "").lower() == "modulepreload" and a.get("href"):
            self.urls.append(str(a["href"]))


@dataclass(frozen=True, slots=True)
class InitialJs:
    files: dict[str, int]  # path under dist -> gzip bytes
    raw_bytes: int

    @property
    def gzip_bytes(self) -> int:
        return sum(self.files.values())


def _local(dist: Path, base: Path, url: str) -> Path | None:
    if re.match(r"^[a-z]+:", url) or url.startswith("//"):
        return None  # another origin: not ours to measure (and the CSP forbids it)
    path = (dist / url.lstrip("/")) if url.startswith("/") else (base / url)
    path = path.resolve()
    return path if path.is_file() and path.is_relative_to(dist.resolve()) else None


def measure(dist: Path) -> InitialJs:
    index = dist / "index.html"
    parser = _Initial()
    parser.feed(index.read_text(encoding="utf-8"))
    queue = [p for url in parser.urls if (p := _local(dist, dist, url))]
    seen: dict[Path, bytes] = {}
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen[path] = path.read_bytes()
        text = seen[path].decode("utf-8", errors="replace")
        queue += [
            p for m in _STATIC_IMPORT.finditer(text) if (p := _local(dist, path.parent, m[1]))
        ]
    root = dist.resolve()
    return InitialJs(
        files={
            str(p.relative_to(root)): len(gzip.compress(b, compresslevel=9, mtime=0))
            for p, b in sorted(seen.items())
        },
        raw_bytes=sum(len(b) for b in seen.values()),
    )


def build(log: Path) -> str | None:
    """Build ``pwa/dist`` when it is missing; return why it could not be, or None."""
    package = PWA / "package.json"
    if not package.is_file():
        return "pwa/package.json does not exist yet"
    if "build" not in json.loads(package.read_text()).get("scripts", {}):
        return "pwa/package.json has no build script yet"
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed"
    with log.open("ab") as out:
        for step in (["install", "--no-audit", "--no-fund"], ["run", "build"]):
            try:
                done = subprocess.run(
                    [npm, *step],
                    cwd=PWA,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    timeout=300,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                return f"npm {' '.join(step)} took over 300 s"
            if done.returncode != 0:
                return f"npm {' '.join(step)} failed (exit {done.returncode}); see {log}"
    return None if (PWA / "dist" / "index.html").is_file() else "the build wrote no index.html"
