"""The pack's page behind a link, for a reader without an account: the sections the client
shares now, in the reader's language; the step photos of its task cards at addresses that stop
working with the link or the consent; the reader's two-tap feedback (a plain form).

Every response says: not to be indexed (``X-Robots-Tag`` and the page's ``robots`` meta), no
referrer, not to be cached. Requests are limited per link and per address (a link's token has
256 bits: guessing is hopeless, and the limit keeps a leaked one from being scraped).
An ended link answers 410 with a page that says so; an unknown one 404.
"""

from __future__ import annotations

import secrets
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.background_tasks import BackgroundTask
from litestar.params import FromPath

from backend import clients
from backend.handover import page, reading, services
from backend.lib import i18n
from backend.lib.addresses import client_address
from backend.lib.downloads import streamed
from backend.lib.errors import ProblemError
from backend.lib.ids import as_uuid
from backend.lib.owned_photos import FILE_NAME
from backend.lib.ratelimit import RateLimiter
from backend.reminders import send_now_to
from backend.tasks import read_photo
from backend.tasks.tables import Photo

PER_LINK = RateLimiter(per_minute=30, name="handover-pages")
"""Pages and feedback per link: a reader opens it a few times a day."""
PER_ADDRESS = RateLimiter(per_minute=60, name="handover-address")
PHOTOS = RateLimiter(per_minute=600, name="handover-photos")
"""Step photos per link and address: a page's cards may hold a few dozen."""
FEEDBACK_KINDS = {"well", "help"}


def _locale(request: Request[Any, Any, Any], link: dict[str, Any] | None) -> i18n.Locale:
    chosen = request.query_params.get("lang") or ""
    if chosen in i18n.LOCALES:
        return chosen  # type: ignore[return-value]
    return i18n.choose(link["language"] if link else "", request.headers.get("accept-language"))


def _html(body: str, status: int = 200, extra: dict[str, str] | None = None) -> Response[str]:
    return Response(
        body,
        status_code=status,
        media_type="text/html; charset=utf-8",
        headers={**page.HEADERS, **(extra or {})},
    )


async def _limit(request: Request[Any, Any, Any], token: str, limiter: RateLimiter) -> None:
    await limiter.hit("handover-link", services.token_hash(token))
    await limiter.hit("handover-address", client_address(request))


async def _link(
    request: Request[Any, Any, Any], token: str, limiter: RateLimiter
) -> tuple[dict[str, Any] | None, Response[str] | None]:
    """The live link, or the page to answer instead (429, 404, 410)."""
    try:
        await _limit(request, token, limiter)
    except ProblemError:
        locale = _locale(request, None)
        return None, _html(page.notice(locale, "handover.page.tooMany"), 429, {"Retry-After": "60"})
    link = await services.by_token(token)
    locale = _locale(request, link)
    if link is None:
        return None, _html(page.notice(locale, "handover.page.unknown"), 404)
    if link["ended_at"] is not None:
        return None, _html(page.notice(locale, "handover.page.ended"), 410)
    return link, None


def _photo_url(token: str) -> reading.PhotoUrl:
    def url(photo_id: str, content_hash: str, size: int) -> str:
        return f"/h/{token}/photos/{photo_id}/{size}-{content_hash[:16]}.jpg"

    return url


@get("/h/{token:str}", summary="The handover pack's page for the reader of a link (HTML)")
async def pack_page(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[str]:
    link, refusal = await _link(request, token, PER_LINK)
    if refusal is not None:
        return refusal
    assert link is not None
    locale = _locale(request, link)
    record = await clients.record_of(str(link["client"]))
    if record is None:
        return _html(page.notice(locale, "handover.page.unknown"), 404)
    shared = await reading.sections(
        record, str(link["job"]), locale, _photo_url(token), only_shared=True
    )
    await services.log_view(link, locale)
    name = record.display_name if any(s.key == "about_me" for s in shared) else None
    body = page.page(
        token,
        locale,
        link["reader_name"],
        name,
        shared,
        secrets.token_urlsafe(16),
        request.query_params.get("sent") == "1",
    )
    return _html(body)


@get(
    "/h/{token:str}/photos/{photo_id:str}/{file_name:str}",
    summary="A step photo of the pack's task cards, while the link lasts and the client shares "
    "the tasks",
    opt={"skip_compression": True},  # a photo (and a Content-Length the stream keeps)
)
async def pack_photo(
    request: Request[Any, Any, Any],
    token: FromPath[str],
    photo_id: FromPath[str],
    file_name: FromPath[str],
) -> Response[Any]:
    link, refusal = await _link(request, token, PHOTOS)
    if refusal is not None:
        return refusal
    assert link is not None
    locale = _locale(request, link)
    gone = _html(page.notice(locale, "handover.page.unknown"), 404)
    if not FILE_NAME.match(file_name) or as_uuid(photo_id) is None:
        return gone
    if (await reading.consents(str(link["job"])))["tasks"] is None:
        return gone
    photo = await Photo.select(Photo.task).where(Photo.id == as_uuid(photo_id)).first()
    task_ids = await reading.task_ids(str(link["client"]), str(link["job"]))
    if photo is None or str(photo["task"]) not in task_ids:
        return gone
    found = await read_photo(photo_id, file_name)
    if found is None:
        return gone
    content_type, opened = found
    return streamed(opened, content_type, {**page.HEADERS, "Cache-Control": "private, no-store"})


async def _tell(client_id: str, coach_id: str | None) -> None:
    await send_now_to([client_id, *([coach_id] if coach_id else [])], "handover_feedback")


@post(
    "/h/{token:str}/feedback",
    summary="The reader's two-tap feedback (a plain form: nonce, kind or step, task); once per "
    "button of a page",
    status_code=303,
)
async def pack_feedback(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    link, refusal = await _link(request, token, PER_LINK)
    if refusal is not None:
        return refusal
    assert link is not None
    locale = _locale(request, link)
    form = await request.form()
    nonce = str(form.get("nonce") or "")[:40]
    step_raw = str(form.get("step") or "")
    step = int(step_raw) if step_raw.isdigit() and 0 < int(step_raw) < 1000 else None
    kind = "help" if step is not None else str(form.get("kind") or "")
    task = str(form.get("task") or "")[:120]
    back = f"/h/{token}?lang={locale}"
    if not nonce or kind not in FEEDBACK_KINDS:
        return Response("", status_code=303, headers={**page.HEADERS, "Location": back})
    live = await reading.consents(str(link["job"]))
    task_known = not task or (
        live["tasks"] is not None
        and task in await reading.task_titles(str(link["client"]), str(link["job"]))
    )
    background = None
    shared = any(v is not None for v in live.values())
    if shared and task_known and await services.add_feedback(link, nonce, kind, task, step):
        record = await clients.record_of(str(link["client"]))
        background = BackgroundTask(_tell, str(link["client"]), record.coach_id if record else None)
    return Response(
        "",
        status_code=303,
        headers={**page.HEADERS, "Location": back + "&sent=1"},
        background=background,
    )


router = Router(path="/", route_handlers=[pack_page, pack_photo, pack_feedback], tags=["handover"])
