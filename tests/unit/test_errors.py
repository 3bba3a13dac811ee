"""msgspec's validation messages become plain words naming the field."""

from __future__ import annotations

from backend.lib.errors import _field_of, _plain


def test_type_errors_in_plain_words() -> None:
    assert _plain("Expected `str`, got `int` - at `$.token`") == "This must be text."
    assert _plain("Expected `int`, got `str` - at `$.a`") == "This must be a whole number."


def test_length_errors_in_plain_words() -> None:
    assert _plain("Expected `str` of length >= 1 - at `$.name`") == "This cannot be empty."
    assert _plain("Expected `str` of length <= 80 - at `$.name`") == (
        "This is too long: 80 characters at most."
    )


def test_fields_are_named_as_json_paths() -> None:
    item = {"message": "Expected `int` <= 200 - at `$.preferences.textSize`", "source": "body"}
    assert _field_of(item) == "body.preferences.textSize"
    missing = {"message": "Object missing required field `token`", "source": "body"}
    assert _field_of(missing) == "body.token"
    assert _plain(missing["message"]) == "This is required."
