"""The closed vocabularies: labels in every language, and agreement with the JSON Schemas."""

from __future__ import annotations

import json
from enum import StrEnum
from importlib import resources

import pytest

from smice import NotFound
from smice.domain import VOCABULARIES, Helix, Language, RStrategy, TieKind, label


def _common_defs() -> dict[str, object]:
    text = (resources.files("smice") / "schemas" / "common.json").read_text(encoding="utf-8")
    defs: dict[str, object] = json.loads(text)["$defs"]
    return defs


VOCABULARY_ITEMS = sorted(VOCABULARIES.items())


@pytest.mark.parametrize(("name", "enum"), VOCABULARY_ITEMS, ids=[n for n, _ in VOCABULARY_ITEMS])
@pytest.mark.parametrize("language", list(Language), ids=str)
def test_every_member_has_a_label_in_every_language(
    name: str, enum: type[StrEnum], language: Language
) -> None:
    """Every member of every vocabulary has a non-blank label in en, nb and sv."""
    for member in enum:
        text = label(member, language)
        assert isinstance(text, str)
        assert text.strip(), f"{name}.{member.name} has a blank {language} label"
        assert text == label(member, str(language))


@pytest.mark.parametrize(("name", "enum"), VOCABULARY_ITEMS, ids=[n for n, _ in VOCABULARY_ITEMS])
def test_schema_enum_equals_the_vocabulary(name: str, enum: type[StrEnum]) -> None:
    """``common.json`` defines each vocabulary under its name with exactly the StrEnum's
    values, in the same order."""
    definition = _common_defs()[name]
    assert definition == {"enum": [member.value for member in enum]}


def test_every_schema_enum_is_a_vocabulary() -> None:
    """No enumeration in ``common.json`` lacks its StrEnum (nor the other way round)."""
    enums = {name for name, d in _common_defs().items() if isinstance(d, dict) and "enum" in d}
    assert enums == set(VOCABULARIES)


def test_vocabulary_names_are_the_snake_case_class_names() -> None:
    """``VOCABULARIES`` keys are the class names in snake case (``RStrategy`` → ``r_strategy``)."""
    for name, enum in VOCABULARIES.items():
        assert name.replace("_", "") == enum.__name__.lower()


def test_members_are_their_string_values() -> None:
    """StrEnum members serialise as plain strings and are found by value."""
    assert Helix("academia") is Helix.ACADEMIA
    assert json.dumps([TieKind.KNOWLEDGE_FLOW]) == '["knowledge_flow"]'
    assert str(RStrategy.REPAIR) == "R4"


def test_labels_in_each_language() -> None:
    """Labels are looked up by language; English is the default."""
    assert label(Helix.ACADEMIA) == label(Helix.ACADEMIA, Language.EN)
    assert label(Helix.ACADEMIA, "nb") == "akademia (FoU)"
    assert label(Helix.ACADEMIA, "sv") == "akademi (FoU)"


def test_label_in_an_unknown_language_is_not_found() -> None:
    """An unknown language raises NotFound naming the languages smice speaks."""
    with pytest.raises(NotFound) as caught:
        label(Helix.INDUSTRY, "de")
    assert caught.value.what == "language"
    assert caught.value.name == "de"
    assert caught.value.available == ("en", "nb", "sv")


def test_r_strategies_are_ranked_by_their_number() -> None:
    """R0 (refuse) ranks before R9 (recover): the R-ladder order."""
    assert [s.rank for s in RStrategy] == list(range(10))


def test_members_of_different_vocabularies_with_one_value_keep_their_own_labels() -> None:
    """A StrEnum member equals its string, so a table keyed by members merges equal values.

    Community capitals (Emery & Flora 2006) name "financial capital"; the policy-instrument
    type of the same value is "economic / financial" (Borrás & Edquist 2013).
    """
    from smice.domain.vocabulary import CommunityCapital, InstrumentType

    assert CommunityCapital.FINANCIAL == InstrumentType.FINANCIAL  # the trap itself
    assert label(CommunityCapital.FINANCIAL) == "financial capital"
    assert label(InstrumentType.FINANCIAL) == "economic / financial"
