"""One vocabulary of themes: what a job search's opportunity is about is said in the words the
client chose from in their vocational profile, so the two can be matched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

from shared_schemas.opportunities import Theme

TEMPLATE = Path(__file__).parents[2] / "backend" / "profiles" / "data" / "profile_template_v1.json"


def test_an_opportunitys_themes_are_the_profiles_themes() -> None:
    template = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    for language, words in template.items():
        assert list(words["themes"]) == list(get_args(Theme)), language
