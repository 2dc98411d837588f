"""The main job in one call: measure an arena, evaluate a policy rule set on the facts, and
keep everything a report needs to show what was recommended and why.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Final, TypeAlias

import attrs

from smice.domain import Arena
from smice.domain.display import card, clip, heading, short_repr, table
from smice.errors import InvalidValue
from smice.indicators import CATALOGUE, compute, latest_date
from smice.io.rulesets import load_ruleset
from smice.policy import (
    Evaluation,
    Facts,
    FactValue,
    NotFired,
    Recommendation,
    RuleSet,
    Threshold,
    Trace,
    evaluate,
)
from smice.policy.conditions import OPERATORS

__all__ = [
    "ASSESSMENT_FORMAT",
    "KEY_INDICATORS",
    "Assessment",
    "RulesetSource",
    "ThresholdCheck",
    "assess",
]

#: The value of the ``smice`` member of :meth:`Assessment.to_json` documents.
ASSESSMENT_FORMAT: Final = "assessment/1"

#: Indicators every report shows first, when the facts hold them (in this order).
KEY_INDICATORS: Final = (
    "A.n_stakeholders",
    "N.n_ties",
    "A.months_observed",
    "A.helix_coverage_share",
    "A.private_person_share",
    "A.network_consent_share",
    "N.sme_rnd_linkage_share",
    "N.cross_border_tie_share",
    "N.top_broker_betweenness_share",
    "N.top_broker_fragmentation",
    "A.n_active_cycles",
    "A.stalled_cycle_share",
    "A.external_interview_share",
    "C.realised_flow_share",
)

#: What :func:`assess` accepts as a rule set: a loaded one, a bundled reference such as
#: ``"smice/default"``, a path to a rule-set file, or a rule-set document.
RulesetSource: TypeAlias = "RuleSet | str | os.PathLike[str] | Mapping[str, Any]"


def _holds(value: FactValue, threshold: Threshold) -> bool | None:
    if value is None:
        return None
    numeric = (int, float)
    if isinstance(value, bool) or isinstance(threshold.value, bool):
        comparable = isinstance(value, bool) and isinstance(threshold.value, bool)
    elif isinstance(value, numeric) and isinstance(threshold.value, numeric):
        comparable = True
    else:
        comparable = isinstance(value, str) and isinstance(threshold.value, str)
    operator = OPERATORS[threshold.op]
    if not comparable:
        return None if operator.kind == "order" else threshold.op == "!="
    if operator.kind == "order" and isinstance(value, bool):
        return None
    return bool(operator.apply(value, threshold.value))


@attrs.frozen(kw_only=True)
class ThresholdCheck:
    """One threshold a rule compares a fact with, and how the fact's value compares.

    Attributes
    ----------
    rule_id : str
        The rule that uses the threshold.
    threshold : smice.policy.Threshold
        ``fact op value`` as written in the rule (fact on the left).
    value : number, bool, str or None
        The fact's value (``None``: missing).
    holds : bool or None
        Whether ``value op threshold`` is true; ``None`` when the value is missing or cannot
        be compared.
    fired : bool
        Whether the rule fired.

    Examples
    --------
    >>> from smice.policy import Threshold
    >>> check = ThresholdCheck(rule_id="P1", threshold=Threshold("x", "<", 0.2), value=0.1,
    ...                        holds=True, fired=True)
    >>> str(check)
    'P1: x < 0.2 (x = 0.1: holds)'

    .. versionadded:: 0.1.0
    """

    rule_id: str
    threshold: Threshold
    value: FactValue
    holds: bool | None
    fired: bool

    def __str__(self) -> str:
        verdict = {True: "holds", False: "does not hold", None: "unknown"}[self.holds]
        shown = "missing" if self.value is None else repr(self.value)
        return f"{self.rule_id}: {self.threshold} ({self.threshold.fact} = {shown}: {verdict})"


def _trace_json(trace: Trace) -> dict[str, Any]:
    document: dict[str, Any] = {"text": trace.text, "result": trace.result}
    if trace.values:
        document["values"] = dict(sorted(trace.values.items()))
    if trace.children:
        document["children"] = [_trace_json(child) for child in trace.children]
    return document


def _threshold_json(threshold: Threshold) -> dict[str, Any]:
    return {"fact": threshold.fact, "op": threshold.op, "value": threshold.value}


@attrs.frozen(kw_only=True)
class Assessment:
    """What :func:`assess` found: the facts measured and the rule set's evaluation on them.

    Attributes
    ----------
    arena_id, arena_name : str
        The arena assessed.
    at : datetime.date or None
        The day measured; :func:`assess` always sets it (by default to the latest date the
        arena records).
    ruleset : smice.policy.RuleSet
        The rule set evaluated.
    facts : smice.policy.Facts
        Every indicator computed, with its unit (missing ones with the reason).
    evaluation : smice.policy.Evaluation
        Fired rules (:attr:`recommendations`) and the others (:attr:`not_fired`) with their
        explanations.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> result = assess(load_arena("examples/arenas/tutorial.json"))
    >>> result.ruleset.id, result.arena_id
    ('smice/default', 'tutorial')
    >>> len(result.recommendations) + len(result.not_fired) == len(result.ruleset.rules)
    True

    .. versionadded:: 0.1.0
    """

    arena_id: str
    arena_name: str
    at: date | None
    ruleset: RuleSet
    facts: Facts
    evaluation: Evaluation

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        """The fired rules, by priority then id."""
        return self.evaluation.recommendations

    @property
    def not_fired(self) -> tuple[NotFired, ...]:
        """The rules that did not fire, with why not and the smallest change that would."""
        return self.evaluation.not_fired

    def explain(self, rule_id: str) -> Recommendation | NotFired:
        """The outcome for one rule (raises :class:`~smice.errors.UnknownId` for an unknown
        rule id).

        .. versionadded:: 0.1.0
        """
        self.ruleset.rule(rule_id)
        return self.evaluation.result(rule_id)

    def checks(self) -> tuple[ThresholdCheck, ...]:
        """Every threshold the rules compare a fact with, in rule order (priority, then id),
        with the fact's value and whether the comparison holds.

        .. versionadded:: 0.1.0
        """
        fired = set(self.evaluation.fired)
        return tuple(
            ThresholdCheck(
                rule_id=rule.id,
                threshold=threshold,
                value=self.facts.value(threshold.fact),
                holds=_holds(self.facts.value(threshold.fact), threshold),
                fired=rule.id in fired,
            )
            for rule in self.ruleset.ordered
            for threshold in rule.thresholds_on(self.facts.raw)
        )

    def key_indicators(self) -> tuple[str, ...]:
        """The ids of :data:`KEY_INDICATORS` present in the facts, then every other fact a
        fired rule reads, in order of first appearance.

        .. versionadded:: 0.1.0
        """
        found = [fact for fact in KEY_INDICATORS if fact in self.facts]
        for recommendation in self.recommendations:
            found += [fact for fact in recommendation.evidence if fact in self.facts]
        return tuple(dict.fromkeys(found))

    def __repr__(self) -> str:
        when = "" if self.at is None else f" on {self.at.isoformat()}"
        fired = ", ".join(self.evaluation.fired)
        return short_repr(
            "Assessment",
            self.arena_id,
            details=f"{self.ruleset.id} {clip(self.ruleset.version, 20)}{when}: "
            f"{len(self.facts)} facts, {len(self.recommendations)} fired ({clip(fired, 120)})",
        )

    def _repr_html_(self) -> str:
        # The same pieces as smice.report.html.assessment_card, in English (html imports this
        # module, so this one may not import html).
        key = [
            (f, self.facts.value(f), CATALOGUE[f].name if f in CATALOGUE else "")
            for f in self.key_indicators()
        ]
        fired = [
            (r.rule_id, r.title.get("en") or next(iter(r.title.values()), ""))
            for r in self.recommendations
        ]
        when = "" if self.at is None else f"as of {self.at.isoformat()} · "
        return card(
            f"Assessment {self.arena_name}",
            f"{when}rule set {self.ruleset.id} {self.ruleset.version}",
            [
                heading("Key indicators"),
                table(["indicator", "value", "description"], key),
                heading("Recommendations"),
                table(["rule", "recommendation"], fired),
            ],
        )

    def to_json(self) -> dict[str, Any]:
        """The assessment as a JSON-ready document: the same assessment always gives the same
        document (facts sorted by id, rules in evaluation order).

        Examples
        --------
        >>> import json
        >>> from smice.io import load_arena
        >>> document = assess(load_arena("examples/arenas/tutorial.json")).to_json()
        >>> document["smice"], sorted(document)[:4]
        ('assessment/1', ['arena', 'at', 'facts', 'not_fired'])
        >>> json.loads(json.dumps(document)) == document
        True

        .. versionadded:: 0.1.0
        """
        facts = {
            key: {
                "value": fact.value,
                "unit": fact.unit,
                **({"reason": fact.reason} if fact.reason else {}),
            }
            for key, fact in sorted(self.facts.items())
        }
        recommendations = [
            {
                "rule_id": r.rule_id,
                "priority": r.priority,
                "title": dict(sorted(r.title.items())),
                "text": dict(sorted(r.text.items())),
                "instrument": [str(i) for i in r.instrument],
                "level": [str(level) for level in r.level],
                "evidence": dict(r.evidence.items()),
                "thresholds": [_threshold_json(t) for t in r.thresholds],
                "references": list(r.references),
                "explanation": _trace_json(r.explanation),
            }
            for r in self.recommendations
        ]
        not_fired = [
            {
                "rule_id": n.rule_id,
                "priority": n.priority,
                "reason": str(n.reason),
                "failing": list(n.failing),
                "missing": list(n.missing),
                "changes": [
                    {
                        "fact": c.fact,
                        "current": c.current,
                        "proposed": c.proposed,
                        "needed": c.needed,
                        "text": str(c),
                    }
                    for c in n.changes
                ],
                "no_change": n.no_change,
                "superseded_by": n.superseded_by,
                "evidence": dict(n.evidence.items()),
                "thresholds": [_threshold_json(t) for t in n.thresholds],
                "explanation": _trace_json(n.explanation),
            }
            for n in self.not_fired
        ]
        return {
            "smice": ASSESSMENT_FORMAT,
            "arena": {"id": self.arena_id, "name": self.arena_name},
            "at": None if self.at is None else self.at.isoformat(),
            "ruleset": {"id": self.ruleset.id, "version": self.ruleset.version},
            "facts": facts,
            "recommendations": recommendations,
            "not_fired": not_fired,
        }


def _ruleset(source: object) -> RuleSet:
    if isinstance(source, RuleSet):
        return source
    if isinstance(source, str | os.PathLike | Mapping):
        return load_ruleset(source)
    raise InvalidValue(
        "ruleset", "a RuleSet, a bundled reference, a path or a rule-set document", source
    )


def assess(
    arena: Arena, ruleset: RulesetSource = "smice/default", *, at: date | None = None
) -> Assessment:
    """Measure *arena* and evaluate *ruleset* on the facts: the main job in one call.

    Parameters
    ----------
    arena : Arena
        The arena to assess.
    ruleset : RuleSet, str, path or mapping
        The rules to evaluate: a loaded :class:`~smice.policy.RuleSet`, a bundled reference
        (``"smice/default"``), a rule-set file or a rule-set document (see
        :func:`smice.io.rulesets.load_ruleset`).
    at : datetime.date, optional
        The day to measure (default: the latest date the arena records, see
        :func:`smice.indicators.latest_date`); ties, members and consents are taken as they
        stood that day (see :func:`smice.indicators.compute`).

    Returns
    -------
    Assessment
        With :attr:`~Assessment.facts`, :attr:`~Assessment.recommendations` (fired rules with
        their evidence and explanation) and :attr:`~Assessment.not_fired`.

    Raises
    ------
    smice.errors.DocumentInvalid, smice.errors.NotFound
        When the rule set cannot be loaded.
    smice.errors.InvalidValue
        When *ruleset* or *at* has the wrong type.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> arena = load_arena("examples/arenas/jamtland-trondelag.json")
    >>> result = assess(arena)
    >>> result.facts["A.n_stakeholders"].value
    193
    >>> all(r.rule_id.startswith("P") for r in result.recommendations)
    True

    .. versionadded:: 0.1.0
    """
    if not isinstance(arena, Arena):
        raise InvalidValue("arena", "an Arena", arena)
    if at is not None and not isinstance(at, date):
        raise InvalidValue("at", "a datetime.date or None", at)
    if isinstance(at, datetime):
        at = at.date()
    rules = _ruleset(ruleset)
    day = latest_date(arena) if at is None else at
    facts = compute(arena, at=day)
    return Assessment(
        arena_id=arena.id,
        arena_name=arena.name,
        at=day,
        ruleset=rules,
        facts=facts,
        evaluation=evaluate(rules, facts),
    )
