"""Hostile review, issue 11 finding 3: small cells.

A report showed ``A.female_share = 1.0`` computed from a single person who had given no
consent. Facts about persons now count only persons whose consent to ``network_analysis``
holds on the day, and a fact from fewer than *k* persons (the template parameter
``min_cell_size``, default 5) is missing with the reason "suppressed: fewer than k persons",
in the facts, the reports (text, HTML, JSON) and the CLI.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from smice.cli import main
from smice.domain import (
    Arena,
    ArenaTemplate,
    Consent,
    ConsentScope,
    Country,
    FrozenMap,
    Gender,
    Helix,
    Stakeholder,
    StakeholderKind,
)
from smice.indicators import CATALOGUE, compute
from smice.io import dump_arena, load_template
from smice.report import assess, render_html, render_text
from strategies import arenas

DAY = date(2020, 1, 1)
ABOUT_PERSONS = [key for key, entry in CATALOGUE.items() if entry.about_persons]


def _person(i: int, *, consent: bool) -> Stakeholder:
    return Stakeholder(
        id=f"p{i}",
        name=f"Person {i}",
        helix=Helix.CIVIL_SOCIETY,
        kinds=frozenset({StakeholderKind.PRIVATE_PERSON}),
        country=Country.SE,
        gender=Gender.FEMALE,
        consent=Consent(
            scopes=frozenset({ConsentScope.STORAGE, ConsentScope.NETWORK_ANALYSIS}),
            given_on=date(2019, 1, 1),
        )
        if consent
        else None,
    )


def arena_of(consenting: int, silent: int = 0) -> Arena:
    people = [_person(i, consent=True) for i in range(consenting)]
    people += [_person(consenting + i, consent=False) for i in range(silent)]
    return Arena(
        id="cells",
        name="Small cells",
        template="smice/base",
        created_on=date(2019, 1, 1),
        stakeholders=tuple(people),
    )


def with_k(k: object) -> ArenaTemplate:
    base = load_template("smice/base")
    return attrs.evolve(base, parameters=FrozenMap({**base.parameters, "min_cell_size": k}))


def test_the_reported_case_one_person_without_consent() -> None:
    facts = compute(arena_of(0, silent=1), at=DAY)
    assert facts["A.female_share"].value is None
    assert facts["A.n_persons_with_gender"].value is None
    assert facts["A.n_persons_with_gender"].reason == "suppressed: fewer than 5 persons"


@pytest.mark.parametrize(
    ("consenting", "silent", "shown"),
    [
        pytest.param(1, 0, False, id="one person"),
        pytest.param(4, 0, False, id="four persons"),
        pytest.param(4, 10, False, id="four with consent, ten without"),
        pytest.param(5, 0, True, id="five persons"),
        pytest.param(5, 10, True, id="five with consent, ten without"),
    ],
)
def test_facts_about_persons_need_k_consenting_persons(
    consenting: int, silent: int, shown: bool
) -> None:
    facts = compute(arena_of(consenting, silent), at=DAY)
    if shown:
        assert facts["A.female_share"].value == 1.0
        assert facts["A.n_persons_with_gender"].value == consenting  # the silent not counted
    else:
        for key in ("A.female_share", "A.n_persons_with_gender"):
            assert facts[key].value is None, key
            assert facts[key].reason == "suppressed: fewer than 5 persons", key


def test_k_is_the_template_parameter_min_cell_size() -> None:
    arena = arena_of(3, silent=4)
    assert compute(arena, at=DAY, template=with_k(3))["A.n_persons_with_gender"].value == 3
    strict = compute(arena_of(9), at=DAY, template=with_k(10))["A.female_share"]
    assert strict.value is None
    assert strict.reason == "suppressed: fewer than 10 persons"
    for nonsense in (0, -1, 2.5, "3", True):  # not a whole number >= 1: the default, 5
        facts = compute(arena, at=DAY, template=with_k(nonsense))
        assert facts["A.n_persons_with_gender"].reason == "suppressed: fewer than 5 persons"


def test_consent_is_judged_on_the_assessment_date() -> None:
    facts = compute(arena_of(6), at=date(2018, 12, 31))  # the day before anyone consented
    assert facts["A.female_share"].value is None


@settings(max_examples=50, deadline=None)
@given(arenas(max_stakeholders=8))
def test_no_fact_about_persons_from_fewer_than_five(arena: Arena) -> None:
    """Generated arenas hold at most eight stakeholders: whenever fewer than five persons
    could be counted, every fact about persons is missing."""
    facts = compute(arena)
    persons = [s for s in arena.stakeholders if s.is_person]
    if len(persons) < 5:
        for key in ABOUT_PERSONS:
            assert facts[key].value is None, key


def test_reports_and_cli_say_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arena = arena_of(1, silent=3)
    assessment = assess(arena, at=DAY)
    reason = "suppressed: fewer than 5 persons"
    document = assessment.to_json()
    assert document["facts"]["A.female_share"] == {
        "value": None,
        "unit": "share",
        "reason": reason,
    }
    assert reason in render_html(arena, assessment)
    assert reason in render_text(assessment)
    path = tmp_path / "arena.json"
    path.write_text(json.dumps(dump_arena(arena)), encoding="utf-8")
    main(["assess", str(path), "--at", DAY.isoformat()])
    assert reason in capsys.readouterr().out
