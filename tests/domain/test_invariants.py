"""Field invariants of domain values: attrs validators raise InvalidValue naming the field."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smice import InvalidValue, SmiceError
from smice._types import is_valid_id
from smice.domain import (
    Arena,
    ArenaTemplate,
    Country,
    CriterionSpec,
    Cycle,
    FrozenMap,
    Helix,
    InterviewProtocol,
    PhasePlan,
    PhaseVisit,
    Platform,
    PositiveCoreMap,
    ResourceFlow,
    Review,
    Stakeholder,
    StakeholderKind,
    Target,
    Theme,
    Tie,
    TieKind,
    Topic,
    Transition,
)
from strategies import BY_TYPE, ids

NOW = datetime(2019, 3, 1, 10, 0, tzinfo=UTC)


def _stakeholder(**changes: Any) -> Stakeholder:
    fields: dict[str, Any] = {
        "id": "sme-1",
        "name": "Bergs Sågverk AB",
        "helix": Helix.INDUSTRY,
        "kinds": frozenset({StakeholderKind.SME}),
        "country": Country.SE,
    }
    return Stakeholder(**{**fields, **changes})


def _tie(**changes: Any) -> Tie:
    fields: dict[str, Any] = {"id": "t1", "kind": TieKind.FUNDS, "source": "a", "target": "b"}
    return Tie(**{**fields, **changes})


def _theme(**changes: Any) -> Theme:
    return Theme(**{"id": "th", "name": "Pride", **changes})


def _visit(**changes: Any) -> PhaseVisit:
    return PhaseVisit(**{"phase": "define", "entered_at": NOW, **changes})


def _target(**changes: Any) -> Target:
    return Target(**{"id": "tg", "description": "Tonnes", "value": 3.0, "unit": "t", **changes})


def _flow(**changes: Any) -> ResourceFlow:
    fields = {"id": "f", "owner": "a", "source": "a", "flow_type": "energy", "resource": "heat"}
    return ResourceFlow(**{**fields, **changes})


BAD_IDS = ["", "-leading-dash", "_x", "has space", "a/b", "ø", "x" * 129, "a\n", 42, None]

Make = Callable[..., object]
# (constructor, field, a bad value, what the error says is expected)
CASES: list[tuple[str, Make, str, object, str]] = [
    *[
        ("stakeholder id", _stakeholder, "id", bad, "an id matching")
        for bad in BAD_IDS
        if bad is not None
    ],
    ("stakeholder employer", _stakeholder, "employer", "not an id!", "an id matching"),
    ("tie source", _tie, "source", " a", "an id matching"),
    ("tie cycle", _tie, "cycle", "c 1", "an id matching"),
    (
        "transition guard",
        lambda **k: Transition(source="a", event="e", target="b", **k),
        "guard",
        "no good",
        "an id matching",
    ),
    ("criterion name", CriterionSpec, "name", "", "an id matching"),
    ("tie weight negative", _tie, "weight", -1.0, "a non-negative finite number"),
    ("tie weight negative zero point one", _tie, "weight", -0.1, "a non-negative finite number"),
    ("tie weight NaN", _tie, "weight", math.nan, "a non-negative finite number"),
    ("tie weight infinite", _tie, "weight", math.inf, "a non-negative finite number"),
    ("tie weight boolean", _tie, "weight", True, "a non-negative finite number"),
    ("tie weight string", _tie, "weight", "1", "a non-negative finite number"),
    ("target value NaN", _target, "value", math.nan, "a non-negative finite number"),
    ("flow quantity negative", _flow, "quantity", -3, "a non-negative finite number"),
    ("generativity above 1", _theme, "generativity", 1.5, "a number in [0, 1]"),
    ("generativity below 0", _theme, "generativity", -0.01, "a number in [0, 1]"),
    ("generativity NaN", _theme, "generativity", math.nan, "a number in [0, 1]"),
    ("entered_at naive", _visit, "entered_at", datetime(2019, 3, 1, 10), "a timezone-aware"),
    ("left_at naive", _visit, "left_at", datetime(2019, 3, 2), "a timezone-aware datetime"),
    ("entered_at a date", _visit, "entered_at", date(2019, 3, 1), "a timezone-aware datetime"),
    ("entered_at a string", _visit, "entered_at", NOW.isoformat(), "a timezone-aware datetime"),
    ("stakeholder name blank", _stakeholder, "name", "   ", "a non-blank string"),
    ("stakeholder name empty", _stakeholder, "name", "", "a non-blank string"),
    ("stakeholder name tabs and newlines", _stakeholder, "name", "\t\n", "a non-blank string"),
    ("stakeholder name too long", _stakeholder, "name", "x" * 201, "at most 200 characters"),
    ("stakeholder name not a string", _stakeholder, "name", 7, "at most 200 characters"),
    ("municipality blank", _stakeholder, "municipality", " ", "a non-blank string"),
    ("topic title blank", lambda **k: Topic(id="t", **k), "title", "\u3000", "a non-blank"),
    ("target unit too long", _target, "unit", "u" * 51, "at most 50 characters"),
    (
        "review id",
        lambda **k: Review(on=date(2020, 1, 1), decision="close", **k),
        "id",
        "?",
        "an id matching",
    ),
    (
        "platform host",
        lambda **k: Platform(id="p", name="P", country="SE", **k),
        "host",
        "",
        "an id matching",
    ),
    (
        "arena name blank",
        lambda **k: Arena(id="a", template="x/y", created_on=date(2020, 1, 1), **k),
        "name",
        " ",
        "a non-blank string",
    ),
]


@pytest.mark.parametrize(
    ("make", "field", "bad", "expected"),
    [pytest.param(m, f, b, e, id=name) for name, m, f, b, e in CASES],
)
def test_validators_raise_invalid_value_naming_the_field(
    make: Make, field: str, bad: object, expected: str
) -> None:
    """A bad field value raises InvalidValue (a SmiceError and a ValueError) whose ``name`` is
    the field, whose ``expected`` says what is wanted and whose ``got`` is the value."""
    with pytest.raises(InvalidValue) as caught:
        make(**{field: bad})
    error = caught.value
    assert isinstance(error, SmiceError)
    assert isinstance(error, ValueError)
    assert error.name == field
    assert expected in error.expected
    if isinstance(bad, float) and math.isnan(bad):
        assert math.isnan(error.got)  # type: ignore[arg-type]
    else:
        assert error.got == bad
    assert str(error).startswith(f"{field!r} must be ")


def test_collections_of_ids_name_the_bad_element() -> None:
    """In a collection of ids, the error names the field and gives the offending element."""
    from smice.domain import ProgressTeam

    with pytest.raises(InvalidValue) as caught:
        ProgressTeam(id="t", name="T", formed_on=date(2020, 1, 1), facilitators=("p1", "p 2"))
    assert (caught.value.name, caught.value.got) == ("facilitators", "p 2")


def test_template_references_are_checked() -> None:
    """A template id or ``extends`` must look like ``smice/base`` (lower case, slashes)."""
    with pytest.raises(InvalidValue) as caught:
        ArenaTemplate(id="Smice/Base", version="1.0.0", title=FrozenMap(), phase_plans=())
    assert caught.value.name == "id"


@pytest.mark.parametrize(
    "value",
    ["a", "0", "A" * 128, "sme-042", "x_y.z:w-v", "9:" + "z" * 126],
)
def test_valid_ids_are_accepted(value: str) -> None:
    """Ids of 1 to 128 characters from the allowed alphabet pass the validator."""
    assert is_valid_id(value)
    assert _stakeholder(id=value).id == value


@given(ids())
def test_the_id_strategy_makes_only_valid_ids(value: str) -> None:
    """Every id the strategies make is valid (so tests never trip over their own data)."""
    assert is_valid_id(value)


@given(st.text(max_size=130))
def test_is_valid_id_agrees_with_the_schema_pattern(value: str) -> None:
    """``is_valid_id`` accepts exactly the full matches of ``ID_PATTERN`` (no trailing
    newline, unlike ``$`` in ``re.search``)."""
    import re

    from smice._types import ID_PATTERN

    assert is_valid_id(value) == (re.fullmatch(ID_PATTERN[1:-1], value) is not None)


def test_every_domain_type_has_a_strategy() -> None:
    """``tests/strategies.py`` has a strategy for every attrs class and every vocabulary that
    ``smice.domain`` exports (extend it when you add a type)."""
    import smice.domain

    exported = [getattr(smice.domain, name) for name in smice.domain.__all__]
    types = {
        t for t in exported if isinstance(t, type) and (attrs.has(t) or issubclass(t, StrEnum))
    }
    assert types - set(BY_TYPE) == set()


_ATTRS_TYPES = sorted((t for t in BY_TYPE if attrs.has(t)), key=lambda t: t.__name__)


@pytest.mark.parametrize("cls", _ATTRS_TYPES, ids=lambda t: t.__name__)
@settings(max_examples=5)
@given(data=st.data())
def test_domain_values_are_frozen_and_hashable(cls: type, data: st.DataObject) -> None:
    """Every domain value is frozen (assigning a field raises) and hashable, and equals a
    copy of itself."""
    value = data.draw(BY_TYPE[cls])
    field = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, field, None)
    assert hash(value) == hash(attrs.evolve(value))
    assert value == attrs.evolve(value)


EMPTY_REQUIRED: list[tuple[str, Make, str]] = [
    ("stakeholder kinds", _stakeholder, "kinds"),
    ("cycle history", lambda **k: Cycle(id="c", variant="5-D", **k), "history"),
    ("protocol questions", lambda **k: InterviewProtocol(id="p", **k), "questions"),
    (
        "positive core elements",
        lambda **k: PositiveCoreMap(id="m", on=date(2020, 1, 1), **k),
        "elements",
    ),
    ("plan phases", lambda **k: PhasePlan(variant="5-D", initial="define", **k), "phases"),
    (
        "template plans",
        lambda **k: ArenaTemplate(id="x/y", version="1.0.0", title=FrozenMap(), **k),
        "phase_plans",
    ),
]


@pytest.mark.parametrize(
    ("make", "field"), [pytest.param(m, f, id=name) for name, m, f in EMPTY_REQUIRED]
)
def test_empty_required_collections_raise_invalid_value(make: Make, field: str) -> None:
    """A collection that needs at least one element raises InvalidValue naming the field,
    like every other field invariant."""
    with pytest.raises(InvalidValue) as caught:
        make(**{field: ()})
    assert caught.value.name == field
