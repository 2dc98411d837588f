"""Properties of the exit criteria over generated arenas and cycles.

Each criterion has one definition (``Criterion.check``); these properties pin what any
definition must do: it answers for every consistent cycle, its messages format in every
language, the order in which a cycle lists its artefacts does not matter, and asking for
more never turns a failure into a pass. The criteria module keeps no module-level state.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType, SimpleNamespace

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import smice.process.criteria as criteria_module
from smice.domain import Arena, CriterionSpec, Cycle, Scalar
from smice.process.criteria import CRITERIA, evaluate
from strategies import arenas

ARTEFACTS = (
    "topics", "interviews", "stories", "themes", "dreams", "endorsements", "propositions",
    "targets", "actions", "action_teams", "reviews", "core_team",
)  # fmt: skip
days = st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 1, 1)))


def _outcome(arena: Arena, cycle: Cycle, params: Mapping[str, Scalar], at: date | None) -> dict:
    return {
        name: criterion.check(arena, cycle, {**criterion.params, **params}, at)[:3]
        for name, criterion in CRITERIA.items()
    }


@given(arenas(min_stakeholders=2), days, st.sampled_from(["en", "nb", "sv"]))
def test_every_criterion_answers_and_speaks_for_every_cycle(
    arena: Arena, at: date | None, language: str
) -> None:
    for cycle in arena.cycles:
        for name, criterion in CRITERIA.items():
            result = evaluate(CriterionSpec(name=name), arena, cycle, language=language, on=at)
            assert result.passed is criterion.holds(arena, cycle, criterion.params, at)
            assert result.message.split(" ", 2)[1] == repr(name)
            assert "{" not in result.message


@given(arenas(min_stakeholders=2), days)
def test_the_order_of_a_cycles_artefacts_does_not_matter(arena: Arena, at: date | None) -> None:
    for cycle in arena.cycles:
        reversed_cycle = attrs.evolve(
            cycle, **{field: tuple(reversed(getattr(cycle, field))) for field in ARTEFACTS}
        )
        assert _outcome(arena, cycle, {}, at) == _outcome(arena, reversed_cycle, {}, at)


@given(arenas(min_stakeholders=2), days, st.integers(1, 3))
def test_asking_for_more_never_turns_a_failure_into_a_pass(
    arena: Arena, at: date | None, more: int
) -> None:
    for cycle in arena.cycles:
        for criterion in CRITERIA.values():
            for key, value in criterion.params.items():
                if not key.startswith("min") or isinstance(value, bool):
                    continue
                stricter = {
                    **criterion.params,
                    key: value + (0.1 * more if key == "min_share" else more),
                }
                if not criterion.holds(arena, cycle, criterion.params, at):
                    assert not criterion.holds(arena, cycle, stricter, at), (criterion.name, key)


def test_the_criteria_module_keeps_no_mutable_state() -> None:
    """No module-level cache: every value the module holds is immutable (functions, types,
    strings, read-only mappings)."""
    mutable = {
        name: type(value).__name__
        for name, value in vars(criteria_module).items()
        if isinstance(value, (list, dict, set, bytearray)) and not name.startswith("__")
    }
    assert mutable == {}
    assert isinstance(CRITERIA, MappingProxyType)
    assert not any(hasattr(v, "cache_info") for v in vars(criteria_module).values())


FAST = sorted(name for name, criterion in CRITERIA.items() if criterion.fast is not None)


def _params(name: str) -> st.SearchStrategy[dict[str, Scalar]]:
    # Any parameters the criterion takes: counts from 0 to 4, shares from 0 to 1.
    return st.fixed_dictionaries(
        {
            key: st.floats(0, 1) if key == "min_share" else st.integers(0, 4)
            for key in CRITERIA[name].params
        }
    )


@pytest.mark.parametrize("name", FAST)
@given(data=st.data(), arena=arenas(min_stakeholders=2), at=days)
def test_each_fast_path_answers_as_its_check(
    name: str, data: st.DataObject, arena: Arena, at: date | None
) -> None:
    """A fast path is pinned to the criterion's one definition, for any parameters."""
    criterion = CRITERIA[name]
    assert criterion.fast is not None
    for cycle in arena.cycles:
        params = {**criterion.params, **data.draw(_params(name))}
        expected = criterion.check(arena, cycle, params, at).passed
        assert expected is criterion.fast(arena, cycle, params, at), params


def test_fast_paths_are_few() -> None:
    """Only the criteria the replay benchmark showed to matter have one."""
    assert FAST == ["consent_recorded", "dreams_endorsed", "external_interviews"]


@pytest.mark.parametrize("name", sorted(CRITERIA))
def test_each_criterion_is_its_check(name: str) -> None:
    """``holds`` answers from ``check`` unless the criterion has a pinned fast path."""
    criterion = CRITERIA[name]
    if criterion.fast is None:
        assert attrs.evolve(criterion, check=lambda *_: SimpleNamespace(passed=True)).holds(
            None, None, {}, None
        )  # type: ignore[arg-type]
