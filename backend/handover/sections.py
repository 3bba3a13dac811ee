"""The eight sections of the pack, in the order the reader sees them, and the consent wording.

Which sections hold the client's or coach's own words: all of them may (an addition to what the
record says); "if something goes wrong" holds nothing else. No section reads a diagnosis from
the record: the profile's "who I am" and "how I learn best" are the client's approved words.
"""

from __future__ import annotations

from typing import Final, get_args

from shared_schemas.handover import SectionKey

SECTIONS: Final[tuple[SectionKey, ...]] = get_args(SectionKey)
CONSENT_VERSION: Final = 1
"""The consent wording's version (``handover.consent`` in ``backend/lib/i18n``): a new wording
gets a new number, and each consent row keeps the one the client read."""
LIVE_LINKS_SHOWN: Final = 20


def is_section(key: str) -> bool:
    return key in SECTIONS
