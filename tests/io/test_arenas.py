"""Arena documents: the dumped format, loading from files and mappings, template checks."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from smice import (
    Arena,
    DocumentInvalid,
    SmiceError,
    dump_arena,
    iter_errors,
    load_arena,
    load_template,
)
from smice.domain import (
    Country,
    Cycle,
    CycleVariant,
    Helix,
    Language,
    PhaseVisit,
    ProgressTeam,
    Region,
    Stakeholder,
    StakeholderKind,
    iter_problems,
)
from strategies import arenas

CET = timezone(timedelta(hours=1))


def _minimal(**members: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "smice": "arena/1",
        "id": "jh",
        "name": "Jämtland Härjedalen",
        "template": "smice/base",
        "created_on": "2018-05-01",
    }
    document.update(members)
    return document


def _team_cycle(variant: str = "5-D", *phases: str) -> dict[str, Any]:
    """A document with one team and one cycle visiting *phases* a day apart."""
    start = datetime(2019, 3, 1, 9, tzinfo=CET)
    history = []
    for k, phase in enumerate(phases or ("define",)):
        visit = {"phase": phase, "entered_at": (start + timedelta(days=k)).isoformat()}
        if k < len(phases) - 1:
            visit["left_at"] = (start + timedelta(days=k + 1)).isoformat()
        history.append(visit)
    return _minimal(
        teams=[{"id": "team", "name": "Side streams", "formed_on": "2019-01-01"}],
        cycles=[{"id": "c1", "variant": variant, "team": "team", "history": history}],
    )


def test_dump_leaves_out_defaults_and_keeps_attribute_names() -> None:
    """Members with their default value are left out; keys are the attribute names."""
    arena = Arena(id="jh", name="JH", template="smice/base", created_on=date(2018, 5, 1))
    assert dump_arena(arena) == {
        "smice": "arena/1",
        "id": "jh",
        "name": "JH",
        "template": "smice/base",
        "created_on": "2018-05-01",
    }
    changed = attrs.evolve(arena, languages=(Language.SV, Language.EN))
    assert dump_arena(changed)["languages"] == ["sv", "en"]


def test_dump_lists_sets_in_sorted_order() -> None:
    """Sets (stakeholder kinds) are listed sorted, so equal arenas dump identically."""
    kinds = frozenset({StakeholderKind.SME, StakeholderKind.COOPERATIVE, StakeholderKind.FUNDER})
    stakeholder = Stakeholder(
        id="s", name="S", helix=Helix.INDUSTRY, kinds=kinds, country=Country.FI
    )
    arena = Arena(
        id="a", name="A", template="x/y", created_on=date(2020, 1, 1), stakeholders=(stakeholder,)
    )
    assert dump_arena(arena)["stakeholders"][0]["kinds"] == ["cooperative", "funder", "sme"]


def test_dump_writes_datetimes_with_their_offset() -> None:
    """Datetimes are written in RFC 3339 with the offset they carry, and read back equal."""
    entered = datetime(2019, 3, 1, 9, 30, tzinfo=CET)
    cycle = Cycle(
        id="c",
        variant=CycleVariant.FIVE_D,
        team="t",
        history=(PhaseVisit(phase="define", entered_at=entered),),
    )
    team = ProgressTeam(id="t", name="T", formed_on=date(2019, 1, 1))
    arena = Arena(
        id="a",
        name="A",
        template="smice/base",
        created_on=date(2019, 1, 1),
        teams=(team,),
        cycles=(cycle,),
    )
    document = dump_arena(arena)
    assert document["cycles"][0]["history"] == [
        {"phase": "define", "entered_at": "2019-03-01T09:30:00+01:00"}
    ]
    assert load_arena(document).cycles[0].history[0].entered_at == entered


def test_dump_arena_refuses_what_is_not_an_arena() -> None:
    """Dumping something else raises a SmiceError naming what it got."""
    with pytest.raises(SmiceError, match="expected an Arena, got"):
        dump_arena({"id": "jh"})  # type: ignore[arg-type]


def test_load_from_a_file_and_report_the_file(tmp_path: Path) -> None:
    """``load_arena`` reads a path; errors name the file as their source."""
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_minimal()), encoding="utf-8")
    assert load_arena(good).id == "jh"
    assert load_arena(str(good)).id == "jh"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_minimal(created_on="yesterday")), encoding="utf-8")
    with pytest.raises(DocumentInvalid) as caught:
        load_arena(bad)
    assert caught.value.source == str(bad)
    assert {e.pointer for e in caught.value.errors} == {"/created_on"}


def test_a_bundled_template_checks_the_cycles_phases() -> None:
    """An arena naming a bundled template has its cycle phases checked against it."""
    with pytest.raises(DocumentInvalid) as caught:
        load_arena(_team_cycle("5-D", "define", "imagine"))
    assert [(e.pointer, e.keyword) for e in caught.value.errors] == [
        ("/cycles/0/history/1/phase", "template")
    ]
    assert load_arena(_team_cycle("5-D", "define", "discover")).cycles[0].phase == "discover"


def test_a_template_that_is_not_bundled_checks_nothing() -> None:
    """An arena naming a template smice does not ship is loaded without phase checks."""
    document = _team_cycle("5-D", "define", "imagine")
    document["template"] = "acme/own-plan"
    assert load_arena(document).cycles[0].phase == "imagine"


def test_an_explicit_template_overrides_the_named_one() -> None:
    """``template=`` (an ArenaTemplate or a reference) is what cycles are checked against."""
    document = _team_cycle("5-D", "define", "imagine")
    document["template"] = "acme/own-plan"
    for template in ("smice/base", load_template("smice/rural-community")):
        with pytest.raises(DocumentInvalid) as caught:
            load_arena(document, template=template)
        assert [e.pointer for e in caught.value.errors] == ["/cycles/0/history/1/phase"]


def test_every_problem_is_reported_not_only_the_first() -> None:
    """All cross-object problems come together, each with its pointer, in document order."""
    document = _minimal(
        ties=[
            {"id": "t1", "kind": "funds", "source": "a", "target": "b"},
            {"id": "t1", "kind": "funds", "source": "a", "target": "a"},
        ]
    )
    with pytest.raises(DocumentInvalid) as caught:
        load_arena(document)
    assert [(e.pointer, e.keyword) for e in caught.value.errors] == [
        ("/ties/1/id", "duplicate"),
        ("/ties/0/source", "dangling"),
        ("/ties/0/target", "dangling"),
        ("/ties/1/source", "dangling"),
        ("/ties/1/target", "dangling"),
        ("/ties/1/target", "loop"),
    ]


@given(arenas())
def test_loading_does_not_depend_on_key_order(arena: Arena) -> None:
    """A document whose object keys come in another order loads to the same arena."""

    def reverse(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: reverse(value[k]) for k in reversed(list(value))}
        if isinstance(value, list):
            return [reverse(v) for v in value]
        return value

    assert load_arena(reverse(dump_arena(arena))) == arena


# ---------------------------------------------------------------------------------------------
# Known bugs, pinned (strict xfail: fixing the bug makes these fail until the mark goes).


def test_schema_refuses_an_id_with_a_trailing_newline() -> None:
    """``iter_errors`` reports ``"jh\\n"`` as a bad id, as ``is_valid_id`` does."""
    assert [e.pointer for e in iter_errors(_minimal(id="jh\n"), "arena")] == ["/id"]


def test_a_value_only_the_domain_refuses_is_reported_at_its_field() -> None:
    """A blank municipality passes the schema (no ``\\S`` pattern) but not the domain; the
    error points at ``/stakeholders/0/municipality``."""
    document = _minimal(
        stakeholders=[
            {
                "id": "s",
                "name": "S",
                "helix": "industry",
                "kinds": ["sme"],
                "country": "SE",
                "municipality": "  ",
            }
        ]
    )
    with pytest.raises(DocumentInvalid) as caught:
        load_arena(document)
    assert [e.pointer for e in caught.value.errors] == ["/stakeholders/0/municipality"]


SCHEMA_ONLY_RULES = [
    pytest.param(
        lambda a: attrs.evolve(a, languages=(Language.EN, Language.EN)),
        "/languages",
        id="repeated language",
    ),
    pytest.param(
        lambda a: attrs.evolve(
            a, regions=(Region(id="r", name="R", country=Country.SE, municipalities=("",)),)
        ),
        "/regions/0/municipalities/0",
        id="empty municipality name",
    ),
    pytest.param(
        lambda a: attrs.evolve(
            a,
            stakeholders=(
                Stakeholder(
                    id="p",
                    name="P",
                    helix=Helix.CIVIL_SOCIETY,
                    country=Country.SE,
                    kinds=frozenset({StakeholderKind.PRIVATE_PERSON}),
                ),
            ),
            teams=(
                ProgressTeam(
                    id="t", name="T", formed_on=date(2020, 1, 1), facilitators=("p", "p")
                ),
            ),
        ),
        "/teams/0/facilitators",
        id="repeated facilitator",
    ),
]


@pytest.mark.parametrize(("break_it", "pointer"), SCHEMA_ONLY_RULES)
def test_an_arena_without_problems_dumps_a_valid_document(break_it: Any, pointer: str) -> None:
    """Whatever ``iter_problems`` accepts, ``dump_arena`` turns into a schema-valid document
    (or the domain refuses it first)."""
    base = Arena(id="a", name="A", template="x/y", created_on=date(2020, 1, 1))
    try:
        arena = break_it(base)
    except SmiceError:
        return  # refused by the domain: fine
    problems = [p.pointer for p in iter_problems(arena)]
    errors = [e.pointer for e in iter_errors(dump_arena(arena), "arena")]
    assert problems or not errors, f"schema error at {pointer} that the domain misses"


def test_datetimes_in_other_offsets_compare_by_instant() -> None:
    """Phase visits in different offsets are ordered by the instant, not the wall clock."""
    document = _team_cycle("5-D", "define", "discover")
    history = document["cycles"][0]["history"]
    left = datetime.fromisoformat(history[0]["left_at"])
    # The next visit starts at the same instant, written in UTC: in order.
    history[1]["entered_at"] = left.astimezone(UTC).isoformat()
    assert load_arena(document).cycles[0].history[1].entered_at == left
    # One minute earlier, written with a later wall clock in another offset: out of order.
    earlier = (left - timedelta(minutes=1)).astimezone(timezone(timedelta(hours=5)))
    history[1]["entered_at"] = earlier.isoformat()
    with pytest.raises(DocumentInvalid) as caught:
        load_arena(document)
    assert [e.pointer for e in caught.value.errors] == ["/cycles/0/history/1/entered_at"]
