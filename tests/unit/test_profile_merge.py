"""Two phones writing one section of the profile: what a write made from an older revision does
to each field (backend/profiles/merge.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from backend.profiles.merge import State, merge

AT = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def _state() -> State:
    """Revision 2: the client wrote the words at 1, the coach changed them at 2."""
    return State(
        values={"words": "A quiet place, mornings only.", "themes": ["animals"], "noise": ""},
        field_revs={"words": {"rev": 2, "by": "coach"}, "themes": {"rev": 1, "by": "coach"}},
        kept=[],
        revision=2,
    )


def test_a_field_nobody_else_changed_is_taken() -> None:
    state = _state()
    outcome = merge(state, {"noise": "Headphones help."}, 1, [], "client", "Alice", AT)
    assert state.values["noise"] == "Headphones help." and outcome.changed == {"noise"}
    assert state.revision == 3 and state.field_revs["noise"] == {"rev": 3, "by": "client"}


def test_words_someone_else_changed_meanwhile_stay_and_the_arriving_ones_are_kept() -> None:
    state = _state()
    outcome = merge(state, {"words": "Quiet, no calls."}, 1, [], "client", "Alice", AT)
    assert state.values["words"] == "A quiet place, mornings only."
    assert outcome.kept == ["words"] and state.revision == 3
    assert state.kept == [
        {"field": "words", "value": "Quiet, no calls.", "by": "client", "byName": "Alice",
         "at": AT.isoformat()},
    ]  # fmt: skip
    assert state.field_revs["words"] == {"rev": 2, "by": "coach"}  # still the coach's


def test_the_same_person_writing_from_an_old_revision_is_not_a_conflict() -> None:
    state = _state()
    merge(state, {"words": "Mornings, please."}, 0, [], "coach", "Ada", AT)
    assert state.values["words"] == "Mornings, please." and state.kept == []


def test_lists_take_the_union_and_nothing_is_removed() -> None:
    state = _state()
    state.field_revs["themes"] = {"rev": 2, "by": "coach"}
    merge(state, {"themes": ["food"]}, 1, [], "client", "Alice", AT)
    assert state.values["themes"] == ["animals", "food"]


def test_resolving_lets_the_kept_words_go_and_a_repeat_of_the_same_value_changes_nothing() -> None:
    state = _state()
    merge(state, {"words": "Quiet, no calls."}, 1, [], "client", "Alice", AT)
    outcome = merge(state, {"words": "Quiet, no calls."}, 3, ["words"], "client", "Alice", AT)
    assert state.values["words"] == "Quiet, no calls." and state.kept == []
    assert outcome.changed == {"kept", "words"} and state.revision == 4
    same = merge(state, {"words": "Quiet, no calls."}, 4, [], "client", "Alice", AT)
    assert not same.anything and state.revision == 4
