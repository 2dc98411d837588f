"""The arena template: the reusable blueprint an arena is run by.

A template names its levels, its phase plans (one per AI-cycle variant: phases, transitions and
named exit criteria with parameters), stakeholder categories, indicator and rule-set
references and parameters. Templates are data; :func:`smice.load_template` reads them and
resolves ``extends``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Final, TypeAlias

import attrs

from smice.domain._frozen import FrozenMap
from smice.domain.stakeholders import NO_EXTENSIONS, Extensions
from smice.domain.validators import distinct, ident, idents, non_empty, optional, text, texts
from smice.domain.vocabulary import CycleVariant, Helix, Level, StakeholderKind
from smice.errors import InvalidDefinition, InvalidValue, NotFound

__all__ = [
    "TEMPLATE_REF_PATTERN",
    "ArenaTemplate",
    "CriterionSpec",
    "Labels",
    "PhaseDefinition",
    "PhasePlan",
    "Scalar",
    "StakeholderCategory",
    "Transition",
    "check_definition",
    "iter_definition_problems",
    "merge_templates",
]

#: A parameter value: a boolean, a number or a string.
Scalar: TypeAlias = bool | int | float | str
#: Texts by language code (``"en"``, ``"nb"``, ``"sv"``).
Labels: TypeAlias = FrozenMap[str, str]

#: Template references: slash-separated lower-case names, e.g. ``smice/rural-community``.
TEMPLATE_REF_PATTERN: Final = r"^[a-z0-9][a-z0-9_.-]{0,63}(/[a-z0-9][a-z0-9_.-]{0,63}){0,3}$"
_REF_RE: Final = re.compile(TEMPLATE_REF_PATTERN[1:-1])
_NO_LABELS: Labels = FrozenMap()
_NO_PARAMS: FrozenMap[str, Scalar] = FrozenMap()


def _template_ref(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or _REF_RE.fullmatch(value) is None:
        raise InvalidValue(attribute.name, "a template reference such as 'smice/base'", value)


@attrs.frozen(kw_only=True)
class CriterionSpec:
    """A named exit criterion and the parameters it is checked with."""

    name: str = attrs.field(validator=ident)
    params: FrozenMap[str, Scalar] = _NO_PARAMS
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class PhaseDefinition:
    """A phase of a plan: its labels, the artefacts made in it and its exit criteria."""

    id: str = attrs.field(validator=ident)
    labels: Labels = _NO_LABELS
    artefacts: tuple[str, ...] = attrs.field(default=(), validator=idents)
    criteria: tuple[CriterionSpec, ...] = ()
    terminal: bool = False
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class Transition:
    """A move from phase ``source`` to phase ``target`` on event type ``event``.

    ``guard`` names a condition that must hold (``None``: unguarded).
    """

    source: str = attrs.field(validator=ident)
    event: str = attrs.field(validator=ident)
    target: str = attrs.field(validator=ident)
    guard: str | None = attrs.field(default=None, validator=optional(ident))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class PhasePlan:
    """The phase machine of one AI-cycle variant.

    Examples
    --------
    >>> plan = PhasePlan(
    ...     variant=CycleVariant.FOUR_D, initial="discover",
    ...     phases=tuple(PhaseDefinition(id=p) for p in ("discover", "dream")),
    ...     transitions=(Transition(source="discover", event="phase_advanced",
    ...                             target="dream"),),
    ... )
    >>> plan.phase_ids
    ('discover', 'dream')
    >>> plan.phase("dream").terminal
    False
    """

    variant: CycleVariant
    initial: str = attrs.field(validator=ident)
    phases: tuple[PhaseDefinition, ...] = attrs.field(validator=non_empty)
    transitions: tuple[Transition, ...] = ()
    extensions: Extensions = NO_EXTENSIONS

    @property
    def phase_ids(self) -> tuple[str, ...]:
        """The ids of the phases, in plan order."""
        return tuple(phase.id for phase in self.phases)

    def phase(self, phase_id: str) -> PhaseDefinition:
        """The definition of phase *phase_id* (raises :class:`~smice.errors.NotFound`)."""
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise NotFound(f"phase in the {self.variant} plan", phase_id, self.phase_ids)


@attrs.frozen(kw_only=True)
class StakeholderCategory:
    """A category of stakeholders the template expects to mobilise."""

    id: str = attrs.field(validator=ident)
    helix: Helix
    kinds: frozenset[StakeholderKind] = frozenset()
    labels: Labels = _NO_LABELS
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class ArenaTemplate:
    """A versioned, extendable blueprint for running arenas.

    ``extends`` is kept for the record; a loaded template is already merged with what it
    extends (see :func:`smice.load_template`).

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_template_ref)
    version: str = attrs.field(validator=text(50))
    title: Labels
    phase_plans: tuple[PhasePlan, ...] = attrs.field(validator=non_empty)
    default_variant: CycleVariant = CycleVariant.FIVE_D
    extends: str | None = attrs.field(default=None, validator=optional(_template_ref))
    description: Labels = _NO_LABELS
    levels: tuple[Level, ...] = attrs.field(
        default=(Level.REGION, Level.LOCAL_COMMUNITY, Level.COMPANY_CLUSTER),
        validator=[non_empty, distinct],
    )
    stakeholder_categories: tuple[StakeholderCategory, ...] = ()
    indicators: tuple[str, ...] = attrs.field(default=(), validator=[texts(200), distinct])
    rulesets: tuple[str, ...] = attrs.field(default=(), validator=distinct)
    parameters: FrozenMap[str, Scalar] = _NO_PARAMS
    extensions: Extensions = NO_EXTENSIONS

    @property
    def variants(self) -> tuple[CycleVariant, ...]:
        """The cycle variants this template has a phase plan for."""
        return tuple(plan.variant for plan in self.phase_plans)

    def phase_plan(self, variant: CycleVariant | str | None = None) -> PhasePlan:
        """The phase plan of *variant* (the default variant when ``None``)."""
        wanted = self.default_variant if variant is None else variant
        for plan in self.phase_plans:
            if plan.variant == wanted:
                return plan
        raise NotFound(
            f"phase plan in template {self.id!r} for variant", str(wanted), self.variants
        )


_OWN_KEYS: Final = ("smice", "id", "version", "extends")
_ITEM_KEYS: Final = ("id", "variant", "name")


def _item_key(items: list[Any]) -> str | None:
    for key in _ITEM_KEYS:
        if items and all(isinstance(item, Mapping) and key in item for item in items):
            return key
    return None


def _merge(parent: Any, child: Any) -> Any:
    if isinstance(parent, Mapping) and isinstance(child, Mapping):
        merged = dict(parent)
        for key, value in child.items():
            merged[key] = _merge(parent[key], value) if key in parent else value
        return merged
    if isinstance(parent, list) and isinstance(child, list):
        key = _item_key(parent + child)
        if key is None:
            return child
        result = list(parent)
        where = {item[key]: index for index, item in enumerate(result)}
        for item in child:
            if item[key] in where:
                result[where[item[key]]] = _merge(result[where[item[key]]], item)
            else:
                where[item[key]] = len(result)
                result.append(item)
        return result
    return child


def merge_templates(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """Merge the template document *child* onto the document *parent* it extends.

    The rules: ``smice``, ``id``, ``version`` and ``extends`` are the child's own; objects
    merge key by key, recursively; arrays of objects that all carry a key (``id``; ``variant``
    for phase plans; ``name`` for criteria) merge item by item (parent items keep their place,
    a child item with the same key merges into it, new child items are appended in order);
    any other array, and every scalar, given by the child replaces the parent's.

    Examples
    --------
    >>> parent = {"id": "p", "parameters": {"stall_days": 90, "a": 1},
    ...           "levels": ["region", "local_community"]}
    >>> child = {"id": "c", "extends": "p", "parameters": {"stall_days": 120},
    ...          "levels": ["local_community"]}
    >>> merge_templates(parent, child)
    {'id': 'c', 'extends': 'p', 'parameters': {'stall_days': 120, 'a': 1},
     'levels': ['local_community']}

    .. versionadded:: 0.1.0
    """
    inherited = {k: v for k, v in parent.items() if k not in _OWN_KEYS}
    body = _merge(inherited, {k: v for k, v in child.items() if k not in _OWN_KEYS})
    own: dict[str, Any] = {key: child[key] for key in _OWN_KEYS if key in child}
    return {**own, **body}


def iter_definition_problems(template: ArenaTemplate) -> Iterator[str]:
    """Yield what makes *template* an unusable definition, one sentence each.

    Checks that variants, phase ids and criterion names are unique, that the default variant
    has a plan, and that every initial phase and every transition names phases of its plan.

    Examples
    --------
    >>> plan = PhasePlan(variant=CycleVariant.FOUR_D, initial="discover",
    ...                  phases=(PhaseDefinition(id="discover"),),
    ...                  transitions=(Transition(source="discover", event="phase_advanced",
    ...                                          target="dream"),))
    >>> template = ArenaTemplate(id="x/t", version="1.0.0", title=FrozenMap({"en": "T"}),
    ...                          phase_plans=(plan,), default_variant=CycleVariant.FOUR_D)
    >>> list(iter_definition_problems(template))
    ["4-D plan: transition from 'discover' on 'phase_advanced' goes to unknown phase 'dream'"]

    .. versionadded:: 0.1.0
    """
    variants = [plan.variant for plan in template.phase_plans]
    for variant in sorted({v for v in variants if variants.count(v) > 1}):
        yield f"more than one phase plan for variant {str(variant)!r}"
    if template.default_variant not in variants:
        yield f"no phase plan for the default variant {str(template.default_variant)!r}"
    for plan in template.phase_plans:
        where = f"{plan.variant} plan"
        ids = plan.phase_ids
        for phase_id in sorted({p for p in ids if ids.count(p) > 1}):
            yield f"{where}: phase {phase_id!r} is defined more than once"
        if plan.initial not in ids:
            yield f"{where}: initial phase {plan.initial!r} is not one of its phases"
        for phase in plan.phases:
            names = [c.name for c in phase.criteria]
            for name in sorted({n for n in names if names.count(n) > 1}):
                yield f"{where}: phase {phase.id!r} lists criterion {name!r} more than once"
        for t in plan.transitions:
            for end, value in (("from", t.source), ("to", t.target)):
                if value not in ids:
                    yield (
                        f"{where}: transition from {t.source!r} on {t.event!r} goes "
                        f"{end} unknown phase {value!r}"
                    )


def check_definition(template: ArenaTemplate) -> ArenaTemplate:
    """Return *template* if :func:`iter_definition_problems` finds nothing; raise otherwise.

    Raises
    ------
    smice.errors.InvalidDefinition
        Naming every problem.

    .. versionadded:: 0.1.0
    """
    problems = list(iter_definition_problems(template))
    if problems:
        raise InvalidDefinition(f"template {template.id!r}", problems)
    return template
