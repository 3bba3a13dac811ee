"""A passkey's default name from its browser and platform (User-Agent Client Hints, else the
User-Agent string), and from its authenticator's AAGUID."""

from __future__ import annotations

import pytest

from backend.accounts import naming

UA = {
    "edge-windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "samsung-android": "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, "
    "like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
    "firefox-linux": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "safari-mac": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, "
    "like Gecko) Version/18.1 Safari/605.1.15",
    "chrome-ipad": "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
    "like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
    "chrome-cros": "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/131.0.0.0 Safari/537.36",
}


@pytest.mark.parametrize(
    ("agent", "hints", "name"),
    [
        ("edge-windows", {}, "Edge on Windows"),
        ("samsung-android", {}, "Samsung Internet on Android"),
        ("firefox-linux", {}, "Firefox on Linux"),
        ("safari-mac", {}, "Safari on Mac"),
        ("chrome-ipad", {}, "Chrome on iPad"),
        ("chrome-cros", {}, "Chrome on ChromeOS"),
        # The hints, where sent, are surer than the User-Agent string (frozen by Chromium).
        (
            "safari-mac",
            {"sec-ch-ua": '"Not A(Brand";v="8", "Chromium";v="131", "Microsoft Edge";v="131"'},
            "Edge on Mac",
        ),
        ("edge-windows", {"sec-ch-ua-platform": '"Android"'}, "Edge on Android"),
    ],
)
def test_browser_and_platform(agent: str, hints: dict[str, str], name: str) -> None:
    assert naming.platform_name({"user-agent": UA[agent], **hints}, "en") == name


def test_in_the_persons_language_and_when_nothing_is_known() -> None:
    headers = {"user-agent": UA["firefox-linux"]}
    assert naming.platform_name(headers, "he") == "Firefox ב-Linux"
    assert naming.platform_name({}, "fi") == "Pääsyavain"
    assert naming.platform_name({"sec-ch-ua-platform": '"Windows"'}, "en") == "Windows"


def test_aaguid_names_only_listed_authenticators() -> None:
    assert naming.authenticator_name("EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4") == (
        "Google Password Manager"
    )
    assert naming.authenticator_name(naming.ZERO_AAGUID) is None
    assert naming.authenticator_name("01020304-0506-0708-0102-030405060708") is None
    assert naming.authenticator_name(None) is None
