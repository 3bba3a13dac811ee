"""Making a document: the approved profile in, a PDF out — off the event loop, and kept.

Typesetting runs in worker threads, at most ``WORKERS`` at a time: Typst's compiler does its
work outside the Python lock (a Python loop beside a thread typesetting CVs back to back kept
72 % of its pace on a loaded machine), so the event loop answers others meanwhile
(``bench/documents.py`` measures its lag), and a process pool's start and copying are not
needed for a 7 ms job.

A made PDF is kept in memory by (client, approved version, language, kind), up to ``CACHE_BYTES``
in all, least recently used first out, and for ``KEEP_SECONDS`` at most (a person's words are not
kept in memory long after they were asked for, erased clients' included): a coach and a client
opening the same CV, or opening it again, get it without typesetting or reading the photos
again. A new approved version is a new key, so a stale document is never served.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from threading import Lock

from backend.accounts.tables import User
from backend.documents import render, source
from backend.documents.render import Kind
from backend.lib import i18n
from backend.lib.errors import ProblemError

WORKERS = 2
CACHE_BYTES = 32 * 1024 * 1024
KEEP_SECONDS = 15 * 60
NOT_APPROVED = (
    "There is no approved version of this profile yet. A CV or an \u201cabout me\u201d is made "
    "only from a version the client has approved."
)

_pool: ThreadPoolExecutor | None = None
_cache: OrderedDict[tuple[str, int, str, str], tuple[float, bytes]] = OrderedDict()
_cache_lock = Lock()


@dataclass(frozen=True, slots=True)
class Made:
    pdf: bytes
    version: int
    language: str


async def language_of(client_id: str, asked: str | None) -> i18n.Locale:
    """The language asked for, else the client's own (English when they chose none)."""
    if asked:
        return i18n.choose(asked)
    row = await User.select(User.locale).where(User.id == client_id).first()
    return i18n.choose(row["locale"] if row else None)


async def approved_version(client_id: str, language: str) -> int | None:
    profile = await source.approved(client_id, language)
    return profile.version if profile else None


def _pool_now() -> ThreadPoolExecutor:
    """Made on first use, in the serving process (a pool made before a fork has no threads)."""
    global _pool
    with _cache_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="stepwise-documents")
        return _pool


def _cached(key: tuple[str, int, str, str]) -> bytes | None:
    with _cache_lock:
        kept = _cache.get(key)
        if kept is None:
            return None
        if time.monotonic() - kept[0] > KEEP_SECONDS:
            del _cache[key]
            return None
        _cache.move_to_end(key)
        return kept[1]


def _keep(key: tuple[str, int, str, str], pdf: bytes) -> None:
    with _cache_lock:
        now = time.monotonic()
        _cache[key] = (now, pdf)
        for old in [k for k, (at, _) in _cache.items() if now - at > KEEP_SECONDS]:
            del _cache[old]
        while sum(len(x) for _, x in _cache.values()) > CACHE_BYTES and len(_cache) > 1:
            _cache.popitem(last=False)


def forget_all() -> None:
    """Empty the kept documents (tests, and the benchmark's cold runs)."""
    with _cache_lock:
        _cache.clear()


async def typeset(document: render.Document, photos: dict[str, bytes]) -> bytes:
    """``render.render`` on the documents' worker threads: the event loop answers meanwhile."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_pool_now(), render.render, document, photos)


async def make(client_id: str, kind: Kind, language: str) -> Made:
    """The client's ``kind`` of document in ``language``, from their approved profile; 409 when
    no version is approved."""
    profile = await source.approved(client_id, language)
    if profile is None:
        raise ProblemError(409, NOT_APPROVED, code="not_approved")
    key = (client_id, profile.version, language, kind)
    pdf = _cached(key)
    if pdf is None:
        made = source.document_of(profile, kind, language)
        photos = {name: await source.photo_jpeg(pid) for name, pid in made.photos.items()}
        pdf = await typeset(made.document, photos)
        _keep(key, pdf)
    return Made(pdf=pdf, version=profile.version, language=language)
