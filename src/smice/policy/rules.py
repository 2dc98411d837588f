"""Rules and rule sets: frozen values, each rule's condition parsed and compiled once.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from smice._types import is_valid_id
from smice.domain import FrozenMap
from smice.domain.display import card, clip, short_repr, table
from smice.domain.templates import Labels
from smice.domain.vocabulary import GovernmentLevel, InstrumentType
from smice.errors import InvalidValue, UnknownId
from smice.policy._compile import Test, compile_condition
from smice.policy.conditions import (
    AllOf,
    Compare,
    Condition,
    Const,
    Fact,
    FactValue,
    Threshold,
    facts_of,
    thresholds,
)
from smice.policy.errors import RuleSyntaxError
from smice.policy.facts import _check_value
from smice.policy.parser import parse
from smice.policy.texts import Template, parse_template

__all__ = ["DEFAULT_PRIORITY", "Rule", "RuleSet", "RuleTest", "natural_key"]

#: The priority of a rule that does not give one. Smaller numbers come first.
DEFAULT_PRIORITY: Final = 50
_NO_LABELS: Final[Labels] = FrozenMap()
_FACT_ID: Final = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*")


def _id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not is_valid_id(value):
        raise InvalidValue(attribute.name, "an id (letters, digits, _ . : -)", value)


def _labels(value: Mapping[str, str] | None) -> Labels:
    return FrozenMap(value or {})


def _evidence(value: Mapping[str, float | str] | None) -> FrozenMap[str, float | str]:
    checked: dict[str, float | str] = {}
    for key, minimum in (value or {}).items():
        if isinstance(minimum, str):
            if not _FACT_ID.fullmatch(minimum):
                raise InvalidValue(f"min_evidence[{key!r}]", "a number or a fact id", minimum)
            checked[key] = minimum
            continue
        if (
            isinstance(minimum, bool)
            or not isinstance(minimum, int | float)
            or not math.isfinite(minimum)
            or minimum < 0
        ):
            raise InvalidValue(
                f"min_evidence[{key!r}]", "a non-negative number or a fact id", minimum
            )
        checked[key] = minimum
    return FrozenMap(checked)


_DIRECTIONS: Final = ("higher", "lower")


def _better(value: Mapping[str, str] | None) -> FrozenMap[str, str]:
    for key, direction in (value or {}).items():
        if direction not in _DIRECTIONS:
            raise InvalidValue(f"better[{key!r}]", "'higher' or 'lower'", direction)
    return FrozenMap(value or {})


def _priority(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
        raise InvalidValue(attribute.name, "a whole number from 0 to 1000", value)


def _instruments(values: Iterable[str]) -> tuple[InstrumentType, ...]:
    return tuple(InstrumentType(value) for value in values)


def _levels(values: Iterable[str]) -> tuple[GovernmentLevel, ...]:
    return tuple(GovernmentLevel(value) for value in values)


@attrs.frozen(kw_only=True)
class Rule:
    """A policy rule: when its condition holds on enough evidence, it recommends an
    instrument to a level of government.

    Parameters
    ----------
    id : str
        The rule's id (``P1``).
    when : str
        The condition, in the rule language (see :mod:`smice.policy.parser`).
    title, recommendation, rationale : mapping of language to text
        In ``en``, ``nb`` and ``sv``; recommendation texts are templates citing facts
        (see :mod:`smice.policy.texts`).
    min_evidence : mapping of fact id to number or fact id
        The rule fires only when each of these facts is at least the given value, or at
        least the value of the given fact (``{"A.n_smes": "T.min_evidence_subjects"}`` reads
        the minimum from the template parameter fact).
    better : mapping of fact id to ``"higher"`` or ``"lower"``
        Which way of a fact is an improvement. The smallest-change hints of a rule that did
        not fire never propose making such a fact worse.
    priority : int
        Smaller numbers come first; ties are broken by id.
    exclusive_group : str, optional
        Of the fired rules sharing a group, only the first (by priority, then id) is
        recommended.
    instrument, level : tuple
        Instrument types and levels of government addressed.
    references : tuple of str
        Literature and programme documents behind the rule.

    Raises
    ------
    smice.policy.RuleSyntaxError
        When *when* or a recommendation template cannot be read.

    Examples
    --------
    >>> rule = Rule(id="P1", when="N.sme_rnd_linkage_share < 20%",
    ...             title={"en": "Link SMEs to R&D"},
    ...             recommendation={"en": "Only {N.sme_rnd_linkage_share:.0%} are linked."},
    ...             min_evidence={"A.n_smes": 10}, instrument=("financial",),
    ...             level=("regional",))
    >>> rule.facts
    ('N.sme_rnd_linkage_share', 'A.n_smes')
    >>> [str(t) for t in rule.thresholds]
    ['N.sme_rnd_linkage_share < 0.2', 'A.n_smes >= 10']

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_id)
    when: str
    title: Labels = attrs.field(default=_NO_LABELS, converter=_labels)
    recommendation: Labels = attrs.field(default=_NO_LABELS, converter=_labels)
    rationale: Labels = attrs.field(default=_NO_LABELS, converter=_labels)
    references: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    min_evidence: FrozenMap[str, float | str] = attrs.field(default=None, converter=_evidence)
    better: FrozenMap[str, str] = attrs.field(default=None, converter=_better)
    priority: int = attrs.field(default=DEFAULT_PRIORITY, validator=_priority)
    exclusive_group: str | None = None
    instrument: tuple[InstrumentType, ...] = attrs.field(default=(), converter=_instruments)
    level: tuple[GovernmentLevel, ...] = attrs.field(default=(), converter=_levels)
    condition: Condition = attrs.field(init=False, eq=False, repr=False)
    evidence_condition: Condition | None = attrs.field(init=False, eq=False, repr=False)
    templates: FrozenMap[str, Template] = attrs.field(init=False, eq=False, repr=False)
    test: Test = attrs.field(init=False, eq=False, repr=False)
    evidence_test: Test = attrs.field(init=False, eq=False, repr=False)
    fires_test: Test = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        try:
            condition = parse(self.when)
        except RuleSyntaxError as error:
            raise error.located("/when") from None
        templates: dict[str, Template] = {}
        for language, text in self.recommendation.items():
            try:
                templates[language] = parse_template(text)
            except RuleSyntaxError as error:
                raise error.located(f"/recommendation/{language}") from None
        atoms = tuple(
            Compare(">=", Fact(fact), _minimum(minimum))
            for fact, minimum in self.min_evidence.items()
        )
        evidence: Condition | None = (
            None if not atoms else atoms[0] if len(atoms) == 1 else AllOf(atoms)
        )
        set_ = object.__setattr__
        set_(self, "condition", condition)
        set_(self, "evidence_condition", evidence)
        set_(self, "templates", FrozenMap(templates))
        set_(self, "test", compile_condition(condition))
        set_(self, "evidence_test", compile_condition(evidence) if evidence else _always)
        # The condition usually fails first, so it goes before the evidence.
        fires = condition if evidence is None else AllOf((condition, evidence))
        set_(self, "fires_test", compile_condition(_flatten(fires)))

    @property
    def full_condition(self) -> Condition:
        """The evidence requirements and the condition joined by ``and``: what must hold for
        the rule to fire."""
        if self.evidence_condition is None:
            return self.condition
        parts = (
            self.evidence_condition.items
            if isinstance(self.evidence_condition, AllOf)
            else (self.evidence_condition,)
        )
        return AllOf((*parts, self.condition))

    @property
    def facts(self) -> tuple[str, ...]:
        """The facts the condition and the evidence requirements read."""
        minima = (m for m in self.min_evidence.values() if isinstance(m, str))
        return tuple(dict.fromkeys((*facts_of(self.condition), *self.min_evidence, *minima)))

    @property
    def thresholds(self) -> tuple[Threshold, ...]:
        """The condition's thresholds, then the evidence minima written as numbers."""
        return self.thresholds_on({})

    def thresholds_on(self, values: Mapping[str, FactValue]) -> tuple[Threshold, ...]:
        """The condition's thresholds, then the evidence minima, those given as a fact read
        from *values* (left out when it is missing or not a number).

        .. versionadded:: 0.2.0
        """
        minima: list[Threshold] = []
        for fact, minimum in self.min_evidence.items():
            value = values.get(minimum) if isinstance(minimum, str) else minimum
            if isinstance(value, int | float) and not isinstance(value, bool):
                minima.append(Threshold(fact, ">=", value))
        return (*thresholds(self.condition), *minima)

    def fires(self, values: Mapping[str, FactValue]) -> bool:
        """Whether the condition and the evidence both hold (definitely) on *values*."""
        return self.fires_test(values) is True


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key that orders the digit runs of *text* by number: ``P4`` < ``P10``.

    Examples
    --------
    >>> sorted(["P10", "P4", "P22b", "P22a", "P2"], key=natural_key)
    ['P2', 'P4', 'P10', 'P22a', 'P22b']

    .. versionadded:: 0.1.0
    """
    return tuple(
        (0, int(part), part) if part.isdigit() else (1, 0, part)
        for part in re.findall(r"\d+|\D+", text)
    )


def _flatten(node: Condition) -> Condition:
    # ``a and (b and c)`` is ``a and b and c``: one flat conjunction compiles to one closure.
    if not isinstance(node, AllOf):
        return node
    items: list[Condition] = []
    for item in node.items:
        flat = _flatten(item)
        items.extend(flat.items if isinstance(flat, AllOf) else (flat,))
    return AllOf(tuple(items))


def _minimum(value: float | str) -> Fact | Const:
    return Fact(value) if isinstance(value, str) else Const(value)


def _always(_: Mapping[str, FactValue]) -> bool:
    return True


def _fact_values(value: Mapping[str, object]) -> FrozenMap[str, FactValue]:
    return FrozenMap({str(k): _check_value(str(k), v) for k, v in value.items()})


@attrs.frozen(kw_only=True)
class RuleTest:
    """A test embedded in a rule set: on *facts*, exactly the rules *expect_fired* fire.

    Examples
    --------
    >>> RuleTest(name="linked", facts={"x": 0.5}, expect_fired=()).facts["x"]
    0.5

    .. versionadded:: 0.1.0
    """

    name: str
    facts: FrozenMap[str, FactValue] = attrs.field(converter=_fact_values)
    expect_fired: tuple[str, ...] = attrs.field(converter=tuple)


def _rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(value)


def _tests(value: Iterable[RuleTest]) -> tuple[RuleTest, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class RuleSet:
    """A versioned set of rules with embedded tests.

    Rules keep the order they were given in; evaluation orders them by priority then id. A
    rule set may hold two rules with one id (so that :func:`~smice.policy.lint` can report
    it), but cannot be evaluated until that is fixed.

    Examples
    --------
    >>> rules = RuleSet(id="mine", version="1.0.0", rules=[
    ...     Rule(id="B", when="x > 1", priority=2), Rule(id="A", when="x > 2", priority=2),
    ...     Rule(id="C", when="x > 3", priority=1)])
    >>> [rule.id for rule in rules.ordered]
    ['C', 'A', 'B']
    >>> rules.rule("A").when
    'x > 2'

    .. versionadded:: 0.1.0
    """

    id: str
    version: str
    rules: tuple[Rule, ...] = attrs.field(converter=_rules)
    tests: tuple[RuleTest, ...] = attrs.field(default=(), converter=_tests)
    extends: str | None = None
    title: Labels = attrs.field(default=_NO_LABELS, converter=_labels)
    description: Labels = attrs.field(default=_NO_LABELS, converter=_labels)
    ordered: tuple[Rule, ...] = attrs.field(init=False, eq=False, repr=False)
    duplicate_ids: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    plan: tuple[tuple[str, str | None, Test], ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        ordered = tuple(sorted(self.rules, key=lambda rule: (rule.priority, natural_key(rule.id))))
        seen: set[str] = set()
        twice: set[str] = set()
        for rule in self.rules:
            (twice if rule.id in seen else seen).add(rule.id)
        object.__setattr__(self, "ordered", ordered)
        object.__setattr__(self, "duplicate_ids", tuple(sorted(twice)))
        object.__setattr__(
            self, "plan", tuple((r.id, r.exclusive_group, r.fires_test) for r in ordered)
        )

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """The ids of the rules, in the order given."""
        return tuple(rule.id for rule in self.rules)

    def rule(self, rule_id: str) -> Rule:
        """The rule with id *rule_id*.

        Raises
        ------
        smice.errors.UnknownId
            When there is none.
        """
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise UnknownId("rule", rule_id)

    def with_rules(self, rules: Iterable[Rule]) -> RuleSet:
        """A copy with *rules* instead.

        .. versionadded:: 0.1.0
        """
        return attrs.evolve(self, rules=tuple(rules))

    def __repr__(self) -> str:
        return short_repr(
            "RuleSet",
            self.id,
            self.version,
            details=f"{len(self.rules)} rules, {len(self.tests)} tests"
            + (f", extends {clip(self.extends, 60)!r}" if self.extends else ""),
        )

    def _repr_html_(self) -> str:
        title = self.title.get("en") or next(iter(self.title.values()), "")
        rows = [
            (
                rule.id,
                rule.priority,
                rule.title.get("en") or next(iter(rule.title.values()), ""),
                clip(rule.when, 90),
            )
            for rule in self.ordered
        ]
        return card(
            f"Rule set {self.id} {self.version}",
            f"{title} · {len(self.rules)} rules · {len(self.tests)} tests",
            [table(["rule", "priority", "title", "when"], rows, limit=60)],
        )
