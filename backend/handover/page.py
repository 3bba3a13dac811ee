"""The pack's page for a reader: server-rendered HTML with its few lines of CSS inline, no
script, no font, nothing from another site; light enough for a slow phone (docs/benchmarks.md).

Readable at 320 px and 200 % text (rem sizes, wrapping words), right to left in Hebrew (logical
CSS properties only), colours at AAA contrast (WCAG 2.2 1.4.6: 7:1 and more).
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from typing import Final

from backend.lib import i18n
from shared_schemas import handover as wire

CSS: Final = (
    "*{box-sizing:border-box}"
    "html{font-family:system-ui,sans-serif;line-height:1.5;color:#111;background:#fff}"
    "body{margin:0 auto;max-inline-size:40rem;padding:1rem;overflow-wrap:anywhere}"
    "h1{font-size:1.6rem;margin-block:.5rem}h2{font-size:1.3rem;margin-block:1.5rem .5rem}"
    "h3{font-size:1.1rem;margin-block:1rem .25rem}"
    "a{color:#0b3a8c}a:focus,button:focus{outline:3px solid #111;outline-offset:2px}"
    "nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}"
    "nav a{display:inline-block;min-block-size:3rem;min-inline-size:3rem;padding:.75rem .25rem}"
    "section{border-block-start:2px solid #555;padding-block-end:.5rem}"
    "ol{padding-inline-start:1.5rem}li{margin-block:.5rem}"
    "img{display:block;max-inline-size:100%;block-size:auto;border-radius:.25rem}"
    ".level{color:#333}.words{white-space:pre-line}"
    "form{margin-block:1rem}fieldset{border:2px solid #555;padding:.5rem}"
    "button{font:inherit;color:#fff;background:#111;border:0;border-radius:.4rem;"
    "padding:.75rem 1rem;margin:.25rem 0;min-block-size:3rem;inline-size:100%;cursor:pointer}"
    ".note{background:#eef5ee;border:2px solid #1b5e20;padding:.75rem;color:#111}"
)
CSP: Final = "; ".join(
    [
        "default-src 'none'",
        "style-src 'sha256-"
        + base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
        + "'",
        "img-src 'self' data:",  # data: for the empty icon (no favicon request)
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
"""The page's own policy: no script at all, only this style, images from here."""
HEADERS: Final = {
    "Content-Security-Policy": CSP,
    "X-Robots-Tag": "noindex, nofollow, noarchive",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
LANGUAGE_NAMES: Final = {"en": "English", "pl": "Polski", "fi": "Suomi", "he": "עברית"}


def _head(locale: str, title: str) -> str:
    return (
        f'<!doctype html><html lang="{locale}" dir="{i18n.direction(locale)}"><head>'
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow, noarchive">'
        '<meta name="referrer" content="no-referrer">'
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>"
    )


def _languages(locale: str) -> str:
    items = "".join(
        f'<li><a href="?lang={code}" hreflang="{code}" lang="{code}"'
        + (' aria-current="true"' if code == locale else "")
        + f">{name}</a></li>"
        for code, name in LANGUAGE_NAMES.items()
    )
    label = escape(i18n.text(locale, "handover.page.language"))
    return f'<nav aria-label="{label}"><ul>{items}</ul></nav>'


def notice(locale: str, key: str) -> str:
    """A page that says one thing: this link has ended, there is no such page, wait a minute."""
    words = escape(i18n.text(locale, key))
    return _head(locale, words) + f"<body><main><h1>{words}</h1></main></body></html>"


def _feedback(token: str, locale: str, nonce: str, title: str, legend: str, steps: int) -> str:
    t = i18n.text
    buttons = f'<button name="kind" value="well">{escape(t(locale, "handover.page.well"))}</button>'
    if steps:
        buttons += "".join(
            f'<button name="step" value="{n}">'
            f"{escape(t(locale, 'handover.page.helpStep', n=n))}</button>"
            for n in range(1, steps + 1)
        )
    else:
        buttons += (
            f'<button name="kind" value="help">{escape(t(locale, "handover.page.help"))}</button>'
        )
    return (
        f'<form method="post" action="/h/{escape(token)}/feedback?lang={locale}">'
        f'<input type="hidden" name="nonce" value="{escape(nonce)}">'
        f'<input type="hidden" name="task" value="{escape(title)}">'
        f"<fieldset><legend>{escape(legend)}</legend>{buttons}</fieldset></form>"
    )


def _card(token: str, locale: str, nonce: str, card: wire.TaskCard) -> str:
    t = i18n.text
    steps = "".join(
        "<li>"
        + (
            f'<img src="{escape(s.photo)}"'
            f' alt="{escape(t(locale, "handover.page.photo", n=s.position))}"'
            ' loading="lazy" decoding="async" width="320" height="240">'
            if s.photo
            else ""
        )
        + f"<p>{escape(s.text)}"
        + (f' <span class="level">({escape(s.level_words)})</span>' if s.level_words else "")
        + "</p></li>"
        for s in card.steps
    )
    legend = t(locale, "handover.page.feedbackTask", title=card.title)
    return (
        f"<h3>{escape(card.title)}</h3>"
        f"<p>{escape(t(locale, 'handover.onOwn', done=card.on_own, all=len(card.steps)))}</p>"
        f"<ol>{steps}</ol>" + _feedback(token, locale, nonce, card.title, legend, len(card.steps))
    )


def section_html(token: str, locale: str, nonce: str, section: wire.PackSection) -> str:
    body = "".join(
        f"<p>{escape(line)}</p>" for line in section.lines if section.key != "how_i_learn"
    )
    if section.key == "how_i_learn":
        (*own,) = section.lines[:-5]
        body = "".join(f"<p>{escape(line)}</p>" for line in own)
        body += "<ol>" + "".join(f"<li>{escape(x)}</li>" for x in section.lines[-5:]) + "</ol>"
    if section.words:
        body += f'<p class="words">{escape(section.words)}</p>'
    body += "".join(_card(token, locale, nonce, c) for c in section.cards)
    return (
        f'<section aria-labelledby="s-{section.key}">'
        f'<h2 id="s-{section.key}">{escape(section.heading)}</h2>{body}</section>'
    )


def page(
    token: str,
    locale: str,
    reader: str,
    client_name: str | None,
    sections: list[wire.PackSection],
    nonce: str,
    thanked: bool,
) -> str:
    """The reader's page: only ``sections`` (those shared now), the client's name only when
    "about me" is among them; with none, nothing personal at all."""
    t = i18n.text
    title = (
        t(locale, "handover.page.titleNamed", name=client_name)
        if client_name
        else t(locale, "handover.page.title")
    )
    parts = [_head(locale, title), "<body>", _languages(locale), "<main>"]
    parts.append(f"<h1>{escape(title)}</h1>")
    if thanked:
        parts.append(
            f'<p class="note" role="status">{escape(t(locale, "handover.page.thanks"))}</p>'
        )
    if not sections:
        parts.append(f"<p>{escape(t(locale, 'handover.page.nothing'))}</p></main></body></html>")
        return "".join(parts)
    parts.append(f"<p>{escape(t(locale, 'handover.page.for', reader=reader))}</p>")
    parts.extend(section_html(token, locale, nonce, s) for s in sections)
    parts.append(_feedback(token, locale, nonce, "", t(locale, "handover.page.feedback"), 0))
    parts.append("</main></body></html>")
    return "".join(parts)
