"""Loading templates: bundled ones, ``extends`` and its merge rules, definition checks."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from smice import DocumentInvalid, InvalidDefinition, NotFound, load_template
from smice.domain import (
    ArenaTemplate,
    CriterionSpec,
    CycleVariant,
    FrozenMap,
    Level,
    PhaseDefinition,
    PhasePlan,
    Transition,
    check_definition,
    iter_definition_problems,
)
from smice.io import bundled_templates, merge_templates
from smice.io._convert import unstructure
from smice.process import CRITERIA, check_template, iter_template_problems
from strategies import BASE_PHASES, arena_templates


def _doc(template_id: str, **members: Any) -> dict[str, Any]:
    """A minimal complete template document: a sound 4-D machine, discover → dream."""
    document: dict[str, Any] = {
        "smice": "template/1",
        "id": template_id,
        "version": "1.0.0",
        "title": {"en": template_id},
        "phase_plans": [
            {
                "variant": "4-D",
                "initial": "discover",
                "phases": [{"id": "discover"}, {"id": "dream", "terminal": True}],
                "transitions": [
                    {"source": "discover", "event": "phase_advanced", "target": "dream"}
                ],
            }
        ],
        "default_variant": "4-D",
    }
    document.update(members)
    return document


def _child(template_id: str, extends: str, **members: Any) -> dict[str, Any]:
    return {
        "smice": "template/1",
        "id": template_id,
        "version": "2.0.0",
        "extends": extends,
        **members,
    }


# ---------------------------------------------------------------------------------------------
# Bundled templates


@pytest.mark.parametrize("ref", bundled_templates())
def test_bundled_templates_load_and_are_well_defined(ref: str) -> None:
    """Every bundled template loads, has its reference as id, and passes the definition
    checks; its 5-D plan is the base plan with Review."""
    template = load_template(ref)
    assert template.id == ref
    assert list(iter_definition_problems(template)) == []
    assert template.phase_plan(CycleVariant.FIVE_D).phase_ids == BASE_PHASES


def test_bundled_templates_are_the_package_data() -> None:
    """The bundled references are the JSON files of ``smice/templates``."""
    assert bundled_templates() == ("smice/base", "smice/rural-community")


def test_base_template_walks_define_to_review() -> None:
    """``smice/base``: 5-D is the default; ``phase_advanced`` walks each phase to the next,
    from define to review, and define has four exit criteria."""
    base = load_template("smice/base")
    plan = base.phase_plan()
    assert base.default_variant is CycleVariant.FIVE_D
    assert plan.initial == "define"
    advances = [(t.source, t.target) for t in plan.transitions if t.event == "phase_advanced"]
    assert advances == list(itertools.pairwise(BASE_PHASES))
    assert [c.name for c in plan.phase("define").criteria] == [
        "topics_count",
        "protocol_approved",
        "core_team",
        "consent_recorded",
    ]


def test_rural_community_extends_base_by_the_merge_rules() -> None:
    """``smice/rural-community`` keeps base's phases and transitions, merges criterion
    parameters key by key, replaces the levels, appends its stakeholder category and
    overrides one parameter while inheriting the rest."""
    base = load_template("smice/base")
    rural = load_template("smice/rural-community")
    assert (rural.id, rural.version, rural.extends) == (
        "smice/rural-community",
        "1.0.0",
        "smice/base",
    )
    assert rural.phase_plan().phase_ids == base.phase_plan().phase_ids
    assert rural.phase_plan().transitions == base.phase_plan().transitions
    core_team = {c.name: c for c in rural.phase_plan().phase("define").criteria}["core_team"]
    assert core_team.params == {"min_persons": 2, "min_helices": 2}
    assert [c.name for c in rural.phase_plan().phase("define").criteria] == [
        c.name for c in base.phase_plan().phase("define").criteria
    ]
    assert rural.levels == (Level.LOCAL_COMMUNITY, Level.COMPANY_CLUSTER)
    assert [c.id for c in rural.stakeholder_categories] == [
        *(c.id for c in base.stakeholder_categories),
        "primary_producers",
    ]
    assert rural.parameters == {**base.parameters, "stall_days": 120}
    assert rural.rulesets == base.rulesets
    assert rural.phase_plan().phase("define").labels == base.phase_plan().phase("define").labels


# ---------------------------------------------------------------------------------------------
# Merge rules (documented in smice.io.templates)


def test_merge_rule_1_identity_members_are_the_childs_own() -> None:
    """Rule 1: ``smice``, ``id``, ``version`` and ``extends`` come from the child only; a
    parent's own ``extends`` is not inherited."""
    parent = {"smice": "template/1", "id": "p", "version": "1.0.0", "extends": "gp", "x": 1}
    child = {"id": "c", "version": "2.0.0"}
    assert merge_templates(parent, child) == {"x": 1, "id": "c", "version": "2.0.0"}


def test_merge_rule_2_objects_merge_key_by_key_recursively() -> None:
    """Rule 2: objects merge key by key at every depth; the child's scalars win."""
    parent = {"parameters": {"a": 1, "b": 2}, "title": {"en": "P", "nb": "P-nb"}}
    child = {"parameters": {"b": 3, "c": 4}, "title": {"en": "C"}}
    assert merge_templates(parent, child) == {
        "parameters": {"a": 1, "b": 3, "c": 4},
        "title": {"en": "C", "nb": "P-nb"},
    }


def test_merge_rule_3_keyed_arrays_merge_item_by_item() -> None:
    """Rule 3: arrays of objects with ``id`` (``variant`` for plans, ``name`` for criteria)
    merge item by item: parent items keep their place, matching child items merge into them,
    new child items are appended in the child's order."""
    parent = {
        "stakeholder_categories": [
            {"id": "a", "helix": "industry"},
            {"id": "b", "helix": "academia", "kinds": ["university"]},
        ],
        "phase_plans": [
            {
                "variant": "5-D",
                "phases": [
                    {"id": "define", "criteria": [{"name": "x", "params": {"min": 1, "max": 5}}]}
                ],
            }
        ],
    }
    child = {
        "stakeholder_categories": [
            {"id": "z", "helix": "government"},
            {"id": "b", "kinds": ["research_institute"]},
            {"id": "y", "helix": "civil_society"},
        ],
        "phase_plans": [
            {
                "variant": "5-D",
                "phases": [{"id": "define", "criteria": [{"name": "x", "params": {"min": 2}}]}],
            },
            {"variant": "4-D", "phases": [{"id": "discover"}]},
        ],
    }
    merged = merge_templates(parent, child)
    assert merged["stakeholder_categories"] == [
        {"id": "a", "helix": "industry"},
        {"id": "b", "helix": "academia", "kinds": ["research_institute"]},
        {"id": "z", "helix": "government"},
        {"id": "y", "helix": "civil_society"},
    ]
    assert merged["phase_plans"] == [
        {
            "variant": "5-D",
            "phases": [
                {"id": "define", "criteria": [{"name": "x", "params": {"min": 2, "max": 5}}]}
            ],
        },
        {"variant": "4-D", "phases": [{"id": "discover"}]},
    ]


def test_merge_rule_4_other_arrays_and_scalars_replace() -> None:
    """Rule 4: arrays without item keys (transitions, levels, ...) and scalars given by the
    child replace the parent's; a keyed array replaces one whose items are not all keyed."""
    parent = {
        "levels": ["region", "local_community"],
        "transitions": [{"source": "a", "event": "e", "target": "b"}],
        "default_variant": "5-D",
        "mixed": [{"id": "a"}, {"other": 1}],
    }
    child = {
        "levels": ["company_cluster"],
        "transitions": [{"source": "b", "event": "e", "target": "a"}],
        "default_variant": "4-D",
        "mixed": [{"id": "a", "v": 2}],
    }
    assert merge_templates(parent, child) == child


def test_merge_leaves_its_inputs_unchanged() -> None:
    """Merging builds a new document; parent and child documents are not modified."""
    parent = json.loads(json.dumps(_doc("x/p")))
    child = _child(
        "x/c",
        "x/p",
        phase_plans=[{"variant": "4-D", "phases": [{"id": "dream", "terminal": True}]}],
    )
    before = copy.deepcopy((parent, child))
    merge_templates(parent, child)
    assert (parent, child) == before


def test_extends_through_a_library_with_merge_examples() -> None:
    """``extends`` resolves against ``library``; the loaded template is the merge, records
    whom it extends, and the child may add a phase, mark it terminal (and the parent's
    terminal phase not) and replace the transitions to reach it."""
    library = {"x/parent": _doc("x/parent", parameters={"stall_days": 90, "keep": "yes"})}
    child = _child(
        "x/child",
        "x/parent",
        phase_plans=[
            {
                "variant": "4-D",
                "phases": [
                    {"id": "dream", "labels": {"sv": "Drömma"}, "terminal": False},
                    {"id": "design", "terminal": True},
                ],
                "transitions": [
                    {"source": "discover", "event": "phase_advanced", "target": "dream"},
                    {"source": "dream", "event": "phase_advanced", "target": "design"},
                ],
            }
        ],
        parameters={"stall_days": 120},
    )
    template = load_template(child, library=library)
    assert (template.id, template.version, template.extends) == ("x/child", "2.0.0", "x/parent")
    plan = template.phase_plan()
    assert plan.phase_ids == ("discover", "dream", "design")
    assert plan.phase("dream").labels == {"sv": "Drömma"}
    assert [p.id for p in plan.phases if p.terminal] == ["design"]
    assert [(t.source, t.target) for t in plan.transitions] == [
        ("discover", "dream"),
        ("dream", "design"),
    ]
    assert template.parameters == {"stall_days": 120, "keep": "yes"}
    assert template.title == {"en": "x/parent"}


def test_extends_chains_over_several_templates() -> None:
    """A template may extend one that extends another; the nearest ancestor is recorded and
    the closest definition of a member wins."""
    library = {
        "x/a": _doc("x/a", parameters={"p": "a", "q": "a", "r": "a"}),
        "x/b": _child("x/b", "x/a", parameters={"q": "b", "r": "b"}),
    }
    template = load_template(_child("x/c", "x/b", parameters={"r": "c"}), library=library)
    assert template.extends == "x/b"
    assert template.parameters == {"p": "a", "q": "b", "r": "c"}


def test_bundled_template_can_be_extended_from_a_file(tmp_path: Path) -> None:
    """A template file may extend a bundled template by reference."""
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(_child("acme/mine", "smice/base", parameters={"stall_days": 30})))
    template = load_template(path)
    assert template.extends == "smice/base"
    assert template.parameters["stall_days"] == 30
    assert template.phase_plan().phase_ids == BASE_PHASES


@pytest.mark.parametrize(
    ("library", "start", "chain"),
    [
        pytest.param({"x/a": _child("x/a", "x/a")}, "x/a", "x/a -> x/a", id="self"),
        pytest.param(
            {"x/a": _child("x/a", "x/b"), "x/b": _child("x/b", "x/a")},
            "x/a",
            "x/a -> x/b -> x/a",
            id="two",
        ),
        pytest.param(
            {
                "x/a": _child("x/a", "x/b"),
                "x/b": _child("x/b", "x/c"),
                "x/c": _child("x/c", "x/b"),
            },
            "x/a",
            "x/a -> x/b -> x/c -> x/b",
            id="tail",
        ),
    ],
)
def test_a_cycle_of_extends_is_an_invalid_definition(
    library: dict[str, Any], start: str, chain: str
) -> None:
    """A cycle of ``extends`` raises InvalidDefinition naming the template and the chain."""
    with pytest.raises(InvalidDefinition) as caught:
        load_template(start, library=library)
    assert caught.value.what == f"template {start!r}"
    assert caught.value.problems == (f"'extends' forms a cycle: {chain}",)


def test_an_unknown_reference_is_not_found() -> None:
    """A reference that names no bundled or library template raises NotFound listing the
    known ones."""
    with pytest.raises(NotFound) as caught:
        load_template("smice/nope")
    assert (caught.value.what, caught.value.name) == ("template", "smice/nope")
    assert caught.value.available == bundled_templates()


def test_extending_an_unknown_template_is_not_found() -> None:
    """``extends`` naming an unknown template raises NotFound with that name."""
    with pytest.raises(NotFound) as caught:
        load_template(_child("x/c", "x/missing"), library={"x/other": _doc("x/other")})
    assert caught.value.name == "x/missing"
    assert "x/other" in caught.value.available


def test_a_missing_file_is_a_document_error(tmp_path: Path) -> None:
    """A path that does not exist is reported with its source, not as a traceback."""
    with pytest.raises(DocumentInvalid) as caught:
        load_template(tmp_path / "missing.json")
    assert caught.value.source == str(tmp_path / "missing.json")
    assert caught.value.errors[0].keyword == "io"


def test_a_merged_template_must_be_complete() -> None:
    """A template may leave out members it inherits, but a template that extends nothing
    must itself be complete."""
    incomplete = {"smice": "template/1", "id": "x/t", "version": "1.0.0"}
    with pytest.raises(DocumentInvalid) as caught:
        load_template(incomplete)
    assert caught.value.kind == "template"
    assert {e.pointer for e in caught.value.errors} == {""}


def test_partial_members_of_an_extending_template_are_still_checked() -> None:
    """An extending template may omit required members, but what it gives must be valid:
    a bad variant is reported at its pointer."""
    child = _child("x/c", "smice/base", phase_plans=[{"variant": "6-D"}])
    with pytest.raises(DocumentInvalid) as caught:
        load_template(child)
    assert caught.value.errors[0].pointer == "/phase_plans/0/variant"


# ---------------------------------------------------------------------------------------------
# Definition checks


def _plan(variant: CycleVariant = CycleVariant.FOUR_D, **changes: Any) -> PhasePlan:
    fields: dict[str, Any] = {
        "variant": variant,
        "initial": "discover",
        "phases": (PhaseDefinition(id="discover"), PhaseDefinition(id="dream", terminal=True)),
        "transitions": (Transition(source="discover", event="phase_advanced", target="dream"),),
    }
    fields.update(changes)
    return PhasePlan(**fields)


def _template(*plans: PhasePlan, default: CycleVariant = CycleVariant.FOUR_D) -> ArenaTemplate:
    return ArenaTemplate(
        id="x/t",
        version="1.0.0",
        title=FrozenMap({"en": "T"}),
        phase_plans=plans or (_plan(),),
        default_variant=default,
    )


DEFINITION_CASES = [
    pytest.param(
        _template(_plan(), _plan()),
        ["more than one phase plan for variant '4-D'"],
        id="duplicate variants",
    ),
    pytest.param(
        _template(_plan(), default=CycleVariant.SOAR),
        ["no phase plan for the default variant 'SOAR'"],
        id="default variant without plan",
    ),
    pytest.param(
        _template(
            _plan(
                phases=(PhaseDefinition(id="discover"), PhaseDefinition(id="discover")),
                transitions=(),
            )
        ),
        ["4-D plan: phase 'discover' is defined more than once"],
        id="duplicate phases",
    ),
    pytest.param(
        _template(_plan(initial="define")),
        ["4-D plan: initial phase 'define' is not one of its phases"],
        id="initial not a phase",
    ),
    pytest.param(
        _template(
            _plan(
                phases=(
                    PhaseDefinition(
                        id="discover",
                        criteria=(CriterionSpec(name="themes"), CriterionSpec(name="themes")),
                    ),
                    PhaseDefinition(id="dream"),
                )
            )
        ),
        ["4-D plan: phase 'discover' lists criterion 'themes' more than once"],
        id="duplicate criteria",
    ),
    pytest.param(
        _template(
            _plan(transitions=(Transition(source="design", event="phase_advanced", target="x"),))
        ),
        [
            "4-D plan: transition from 'design' on 'phase_advanced' goes from unknown phase "
            "'design'",
            "4-D plan: transition from 'design' on 'phase_advanced' goes to unknown phase 'x'",
        ],
        id="unknown transition phases",
    ),
]


@pytest.mark.parametrize(("template", "problems"), DEFINITION_CASES)
def test_check_definition_names_every_problem(
    template: ArenaTemplate, problems: list[str]
) -> None:
    """Each definition problem is one sentence; ``check_definition`` raises them all as an
    InvalidDefinition of the template."""
    assert list(iter_definition_problems(template)) == problems
    with pytest.raises(InvalidDefinition) as caught:
        check_definition(template)
    assert caught.value.what == "template 'x/t'"
    assert list(caught.value.problems) == problems


def test_check_definition_returns_a_good_template() -> None:
    """A well-defined template is returned unchanged (by the phase-machine check too)."""
    template = _template(_plan(), _plan(CycleVariant.FIVE_D))
    assert check_definition(template) is template
    assert check_template(template) is template


def test_load_template_refuses_a_schema_valid_but_ill_defined_document() -> None:
    """Duplicate phases pass the schema but not the definition check at load time."""
    document = _doc("x/t")
    document["phase_plans"][0]["phases"].append({"id": "dream"})
    with pytest.raises(InvalidDefinition) as caught:
        load_template(document)
    assert caught.value.problems == ("4-D plan: phase 'dream' is defined more than once",)


_KNOWN_CRITERIA = ", ".join(CRITERIA)

MACHINE_CASES = [
    pytest.param(
        {"phases": [{"id": "dream", "terminal": False}]},
        ["4-D plan: no terminal phase"],
        id="terminal phase taken away",
    ),
    pytest.param(
        {"phases": [{"id": "design", "terminal": True}]},
        ["4-D plan: phase 'design' cannot be reached from 'discover'"],
        id="phase added without a transition to it",
    ),
    pytest.param(
        {
            "phases": [{"id": "design"}],
            "transitions": [
                {"source": "discover", "event": "phase_advanced", "target": "dream"},
                {
                    "source": "dream",
                    "event": "phase_revisited",
                    "target": "design",
                    "guard": "decision_renew",
                },
            ],
        },
        ["4-D plan: no path from phase 'design' to a terminal phase"],
        id="phase added without a way out",
    ),
    pytest.param(
        {
            "transitions": [
                {"source": "discover", "event": "phase_advanced", "target": "dream"},
                {"source": "discover", "event": "phase_advanced", "target": "dream"},
            ]
        },
        [
            "4-D plan: 2 unguarded transitions from 'discover' on 'phase_advanced' "
            "(at most one may be unguarded)"
        ],
        id="two unguarded transitions",
    ),
    pytest.param(
        {"phases": [{"id": "discover", "criteria": [{"name": "vibes_good"}]}]},
        [
            "4-D plan: phase 'discover' names unknown criterion 'vibes_good' "
            f"(known: {_KNOWN_CRITERIA})"
        ],
        id="unknown criterion",
    ),
]


@pytest.mark.parametrize(("plan", "problems"), MACHINE_CASES)
def test_load_template_checks_the_merged_phase_machine(
    plan: dict[str, Any], problems: list[str]
) -> None:
    """The phase-machine checks run on the merged template: a child of a sound parent that
    breaks the machine is refused with exactly the machine's problems, naming the child."""
    library = {"x/parent": _doc("x/parent")}
    assert check_template(load_template("x/parent", library=library)).id == "x/parent"
    child = _child("x/child", "x/parent", phase_plans=[{"variant": "4-D", **plan}])
    with pytest.raises(InvalidDefinition) as caught:
        load_template(child, library=library)
    assert caught.value.what == "template 'x/child'"
    assert list(caught.value.problems) == problems


def test_phase_and_plan_lookups_raise_not_found() -> None:
    """Asking a plan for a phase, or a template for a variant, it does not have raises
    NotFound listing what there is."""
    template = _template()
    with pytest.raises(NotFound) as caught:
        template.phase_plan(CycleVariant.SOAR)
    assert caught.value.available == ("4-D",)
    with pytest.raises(NotFound) as caught:
        template.phase_plan().phase("review")
    assert caught.value.available == ("discover", "dream")


@given(arena_templates())
def test_generated_templates_load_from_their_document_form(template: ArenaTemplate) -> None:
    """Every well-defined template survives document form → ``load_template``: the schema
    accepts it, the definition and phase-machine checks pass, and the loaded template equals
    the original."""
    assert list(iter_definition_problems(template)) == []
    assert list(iter_template_problems(template)) == []
    assert check_template(template) is template
    document = {"smice": "template/1", **unstructure(template)}
    loaded = load_template(json.loads(json.dumps(document)))
    assert loaded == template
    assert attrs.evolve(loaded) == template
