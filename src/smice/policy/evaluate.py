"""Evaluating a rule set on facts: what fires, why, and what would make the rest fire.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import attrs

from smice.domain import FrozenMap
from smice.domain.display import card, clip, escape, heading, short_repr, table
from smice.domain.templates import Labels
from smice.domain.vocabulary import GovernmentLevel, InstrumentType, label
from smice.errors import InvalidDefinition, UnknownId
from smice.policy._changes import Change, changes
from smice.policy._trace import Trace, failing, trace
from smice.policy.conditions import FactValue, Threshold
from smice.policy.facts import Facts
from smice.policy.rules import Rule, RuleSet
from smice.policy.texts import format_value, localise_condition, localise_no_change, phrase

__all__ = [
    "Change",
    "Evaluation",
    "NotFired",
    "Reason",
    "Recommendation",
    "Trace",
    "evaluate",
    "explain",
    "fired",
]


class Reason(StrEnum):
    """Why a rule did not fire.

    .. versionadded:: 0.1.0
    """

    #: The condition is false.
    CONDITION_FALSE = "condition_false"
    #: The condition cannot be decided: facts it needs are missing.
    CONDITION_UNKNOWN = "condition_unknown"
    #: The evidence requirements (``min_evidence``) are not met.
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    #: The rule holds but a higher-priority rule of its exclusive group fired.
    SUPERSEDED = "superseded"


@attrs.frozen(kw_only=True)
class Recommendation:
    """A fired rule: what it recommends, to whom, on which evidence, and why.

    .. versionadded:: 0.1.0
    """

    rule_id: str
    priority: int
    title: Labels
    text: Labels
    instrument: tuple[InstrumentType, ...]
    level: tuple[GovernmentLevel, ...]
    evidence: FrozenMap[str, FactValue]
    thresholds: tuple[Threshold, ...]
    explanation: Trace
    references: tuple[str, ...] = ()

    def describe(self, language: str = "en") -> str:
        """A readable account in *language* (``en``, ``nb`` or ``sv``): rule texts, words,
        instrument and level names, and numbers as the language writes them."""
        title = self.title.get(language) or self.title.get("en", "")
        text = self.text.get(language) or self.text.get("en", "")
        instruments = ", ".join(label(i, language) for i in self.instrument) or "-"
        levels = ", ".join(label(level, language) for level in self.level) or "-"
        lines = [
            phrase("fired", language, rule=self.rule_id, title=title),
            f"  {text}",
            f"  {phrase('instrument', language)}: {instruments}; "
            f"{phrase('level', language)}: {levels}",
            f"  {phrase('evidence', language)}: "
            + ", ".join(
                f"{k} = {format_value(v, '', language)}" for k, v in self.evidence.items()
            ),
            f"  {phrase('thresholds', language)}: "
            + ", ".join(localise_condition(str(t), language) for t in self.thresholds),
            f"  {phrase('why', language)}:",
            self.explanation.render("    ", language),
        ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        title = self.title.get("en") or next(iter(self.title.values()), "")
        return short_repr(
            "Recommendation", self.rule_id, details=f"priority {self.priority}, {clip(title, 120)}"
        )

    def _repr_html_(self) -> str:
        return card(
            f"{self.rule_id} fired",
            self.title.get("en") or next(iter(self.title.values()), ""),
            [
                f"<p>{escape(self.text.get('en') or next(iter(self.text.values()), ''))}</p>",
                table(["evidence", "value"], self.evidence.items()),
                f"<pre>{escape(self.explanation.render())}</pre>",
            ],
        )


@attrs.frozen(kw_only=True)
class NotFired:
    """A rule that did not fire: why, which parts failed, and the smallest changes of one
    fact that would make it fire.

    Attributes
    ----------
    reason : Reason
    failing : tuple of str
        The parts of the condition (and evidence) that stand in the way, with their values.
    missing : tuple of str
        Facts the rule reads that are missing.
    changes : tuple of Change
        Every one-fact change found that makes the rule fire, smallest first.
    no_change : str
        When *changes* is empty: why no single change can make it fire.
    superseded_by : str or None
        For :attr:`Reason.SUPERSEDED`: the rule recommended instead.

    .. versionadded:: 0.1.0
    """

    rule_id: str
    priority: int
    reason: Reason
    failing: tuple[str, ...]
    missing: tuple[str, ...]
    changes: tuple[Change, ...]
    no_change: str
    superseded_by: str | None
    evidence: FrozenMap[str, FactValue]
    thresholds: tuple[Threshold, ...]
    explanation: Trace

    @property
    def smallest_change(self) -> Change | None:
        """The smallest change of one fact that makes the rule fire, if any."""
        return self.changes[0] if self.changes else None

    def describe(self, language: str = "en") -> str:
        """A readable account in *language* (``en``, ``nb`` or ``sv``)."""
        reason = phrase(self.reason.value, language)
        lines = [phrase("not_fired", language, rule=self.rule_id, reason=reason)]
        if self.superseded_by:
            lines.append("  " + phrase("superseded_by", language, other=self.superseded_by))
        if self.failing:
            lines.append(
                f"  {phrase('failing', language)}: "
                + "; ".join(localise_condition(f, language) for f in self.failing)
            )
        if self.missing:
            lines.append(f"  {phrase('missing', language)}: " + ", ".join(self.missing))
        if self.changes:
            lines.append(
                f"  {phrase('smallest_change', language)}: {self.changes[0].describe(language)}"
            )
            lines.extend(
                f"  {phrase('or', language)}: {change.describe(language)}"
                for change in self.changes[1:]
            )
        elif self.no_change:
            lines.append(f"  {localise_no_change(self.no_change, language)}")
        lines += [f"  {phrase('why', language)}:", self.explanation.render("    ", language)]
        return "\n".join(lines)

    def __repr__(self) -> str:
        change = f"; smallest change: {self.changes[0]}" if self.changes else ""
        return short_repr("NotFired", self.rule_id, details=f"{self.reason}{clip(change, 160)}")

    def _repr_html_(self) -> str:
        return card(
            f"{self.rule_id} did not fire",
            str(self.reason).replace("_", " "),
            [f"<pre>{escape(self.describe())}</pre>"],
        )


@attrs.frozen(kw_only=True)
class Evaluation:
    """The outcome of :func:`evaluate`.

    Attributes
    ----------
    recommendations : tuple of Recommendation
        Fired rules, by priority then id.
    not_fired : tuple of NotFired
        Every other rule, by priority then id.

    .. versionadded:: 0.1.0
    """

    ruleset: str
    version: str
    recommendations: tuple[Recommendation, ...]
    not_fired: tuple[NotFired, ...]

    @property
    def fired(self) -> tuple[str, ...]:
        """The ids of the fired rules, in order."""
        return tuple(r.rule_id for r in self.recommendations)

    def result(self, rule_id: str) -> Recommendation | NotFired:
        """The outcome for one rule.

        Raises
        ------
        smice.errors.UnknownId
            When the rule set has no such rule.
        """
        items: tuple[Recommendation | NotFired, ...] = (*self.recommendations, *self.not_fired)
        for item in items:
            if item.rule_id == rule_id:
                return item
        raise UnknownId("rule", rule_id)

    def __repr__(self) -> str:
        return short_repr(
            "Evaluation",
            self.ruleset,
            self.version,
            details=f"{len(self.recommendations)} fired ({clip(', '.join(self.fired), 150)}), "
            f"{len(self.not_fired)} not fired",
        )

    def _repr_html_(self) -> str:
        return _html(self)


def _html(evaluation: Evaluation, *, language: str = "en") -> str:
    """*evaluation* as an HTML card: fired rules with their titles, the others with why not
    and the smallest change that would fire each."""

    def title(labels: Labels) -> str:
        return labels.get(language) or labels.get("en") or next(iter(labels.values()), "")

    fired = table(
        ["rule", "priority", "recommendation"],
        [(r.rule_id, r.priority, title(r.title)) for r in evaluation.recommendations],
    )
    others = table(
        ["rule", "why not", "smallest change"],
        [
            (n.rule_id, str(n.reason).replace("_", " "), n.changes[0] if n.changes else "")
            for n in evaluation.not_fired
        ],
        limit=40,
    )
    return card(
        f"Evaluation of {evaluation.ruleset}",
        f"version {evaluation.version} · {len(evaluation.recommendations)} fired · "
        f"{len(evaluation.not_fired)} not fired",
        [heading("Fired"), fired, heading("Not fired"), others],
    )


def _as_facts(facts: Facts | Mapping[str, object]) -> Facts:
    return facts if isinstance(facts, Facts) else Facts.from_values(facts)


def _check(ruleset: RuleSet) -> None:
    duplicates = ruleset.duplicate_ids
    if duplicates:
        raise InvalidDefinition(
            f"rule set {ruleset.id!r}",
            [f"rule id {rule_id!r} is used more than once" for rule_id in duplicates],
        )


def fired(ruleset: RuleSet, facts: Facts | Mapping[str, object]) -> tuple[str, ...]:
    """The ids of the rules that fire, by priority then id, without explanations: the fast
    path for many snapshots.

    Examples
    --------
    >>> from smice.policy import Rule, RuleSet
    >>> rules = RuleSet(id="r", version="1", rules=[Rule(id="low", when="x < 1"),
    ...                                            Rule(id="high", when="x > 2")])
    >>> fired(rules, {"x": 0.5}), fired(rules, {"x": None})
    (('low',), ())

    .. versionadded:: 0.1.0
    """
    if ruleset.duplicate_ids:
        _check(ruleset)
    values = facts.raw if isinstance(facts, Facts) else facts
    result: list[str] = []
    taken: set[str] = set()
    for rule_id, group, test in ruleset.plan:
        if test(values) is True:  # type: ignore[arg-type]
            if group is not None:
                if group in taken:
                    continue
                taken.add(group)
            result.append(rule_id)
    return tuple(result)


def _leaf_text(leaf: Trace) -> str:
    shown = ", ".join(f"{k} = {format_value(v)}" for k, v in leaf.values.items())
    return f"{leaf.text} ({shown})" if shown else leaf.text


def _explanation(rule: Rule, values: Mapping[str, FactValue]) -> Trace:
    parts = []
    if rule.evidence_condition is not None:
        evidence = trace(rule.evidence_condition, values)
        parts.append(Trace("evidence", evidence.result, (evidence,)))
    condition = trace(rule.condition, values)
    parts.append(Trace("when", condition.result, (condition,)))
    fires = rule.fires(values)
    return Trace(f"rule {rule.id}", fires, tuple(parts))


def evaluate(ruleset: RuleSet, facts: Facts | Mapping[str, object]) -> Evaluation:
    """Evaluate every rule of *ruleset* on *facts*.

    A rule fires when its evidence requirements and its condition are both definitely true;
    of the fired rules sharing an exclusive group only the first (by priority, then id) is
    recommended. The order of the rules in the set does not matter.

    Parameters
    ----------
    ruleset : RuleSet
    facts : Facts or mapping of fact id to value
        Plain values are taken as unit-less facts; ``None`` means missing.

    Raises
    ------
    smice.errors.InvalidDefinition
        When two rules share an id.

    Examples
    --------
    >>> from smice.policy import Rule, RuleSet
    >>> rules = RuleSet(id="r", version="1", rules=[
    ...     Rule(id="P1", when="share < 0.2 and months >= 12",
    ...          recommendation={"en": "Only {share:.0%} linked."}, min_evidence={"n": 10})])
    >>> result = evaluate(rules, {"share": 0.12, "months": 14, "n": 25})
    >>> result.fired, result.recommendations[0].text["en"]
    (('P1',), 'Only 12% linked.')
    >>> result = evaluate(rules, {"share": 0.3, "months": 14, "n": 25})
    >>> print(result.not_fired[0].smallest_change)
    lower share from 0.3 to < 0.2 (e.g. 0.199)
    >>> print(evaluate(rules, {"share": 0.1, "months": 14, "n": 4}).not_fired[0].reason)
    insufficient_evidence

    .. versionadded:: 0.1.0
    """
    _check(ruleset)
    facts = _as_facts(facts)
    values = facts.raw
    recommendations: list[Recommendation] = []
    not_fired: list[NotFired] = []
    taken: dict[str, str] = {}
    for rule in ruleset.ordered:
        evidence = FrozenMap({fact: values.get(fact) for fact in rule.facts})
        explanation = _explanation(rule, values)
        if explanation.result is True and (
            rule.exclusive_group is None or rule.exclusive_group not in taken
        ):
            if rule.exclusive_group is not None:
                taken[rule.exclusive_group] = rule.id
            recommendations.append(_recommend(rule, values, evidence, explanation))
            continue
        not_fired.append(_not_fired(rule, facts, evidence, explanation, taken))
    return Evaluation(
        ruleset=ruleset.id,
        version=ruleset.version,
        recommendations=tuple(recommendations),
        not_fired=tuple(not_fired),
    )


def _recommend(
    rule: Rule,
    values: Mapping[str, FactValue],
    evidence: FrozenMap[str, FactValue],
    explanation: Trace,
) -> Recommendation:
    texts = FrozenMap(
        {
            language: template.render(values, language)
            for language, template in rule.templates.items()
        }
    )
    return Recommendation(
        rule_id=rule.id,
        priority=rule.priority,
        title=rule.title,
        text=texts,
        instrument=rule.instrument,
        level=rule.level,
        evidence=evidence,
        thresholds=rule.thresholds_on(values),
        explanation=explanation,
        references=rule.references,
    )


def _not_fired(
    rule: Rule,
    facts: Facts,
    evidence: FrozenMap[str, FactValue],
    explanation: Trace,
    taken: Mapping[str, str],
) -> NotFired:
    values = facts.raw
    superseded = explanation.result is True
    if superseded:
        reason = Reason.SUPERSEDED
    elif rule.evidence_test(values) is not True:
        reason = Reason.INSUFFICIENT_EVIDENCE
    elif rule.test(values) is None:
        reason = Reason.CONDITION_UNKNOWN
    else:
        reason = Reason.CONDITION_FALSE
    blocking = [] if superseded else failing(explanation, True)
    found, no_change = ([], "") if superseded else changes(rule, facts)
    return NotFired(
        rule_id=rule.id,
        priority=rule.priority,
        reason=reason,
        failing=tuple(_leaf_text(leaf) for leaf in blocking),
        missing=tuple(fact for fact in rule.facts if values.get(fact) is None),
        changes=tuple(found),
        no_change=no_change,
        superseded_by=taken.get(rule.exclusive_group or "") if superseded else None,
        evidence=evidence,
        thresholds=rule.thresholds_on(values),
        explanation=explanation,
    )


def explain(
    ruleset: RuleSet, facts: Facts | Mapping[str, object], rule_id: str
) -> Recommendation | NotFired:
    """The outcome for one rule, with its explanation tree (see :meth:`Trace.render`) and,
    when it did not fire, the smallest change that would make it fire.

    Raises
    ------
    smice.errors.UnknownId
        When the rule set has no rule *rule_id*.

    Examples
    --------
    >>> from smice.policy import Rule, RuleSet
    >>> rules = RuleSet(id="r", version="1", rules=[Rule(id="P15",
    ...     when="female_share < 0.4 or female_share > 0.6")])
    >>> print(explain(rules, {"female_share": 0.3}, "P15").explanation.render())
    ✓ rule P15
      ✓ when
        ✓ any of
          ✓ female_share < 0.4   [female_share = 0.3]
          ✗ female_share > 0.6   [female_share = 0.3]

    .. versionadded:: 0.1.0
    """
    ruleset.rule(rule_id)
    return evaluate(ruleset, facts).result(rule_id)
