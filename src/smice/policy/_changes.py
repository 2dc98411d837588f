"""The smallest change of one fact that makes a rule fire, found by interval reasoning and
checked by evaluating the rule again.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math

import attrs

from smice.policy._intervals import Interval, IntervalSet
from smice.policy._reasoning import Unsolvable, solve
from smice.policy._trace import failing, trace
from smice.policy.conditions import (
    Compare,
    Condition,
    Const,
    FactValue,
    In,
    IsMissing,
    facts_of,
    walk,
)
from smice.policy.facts import Facts, unit
from smice.policy.rules import Rule
from smice.policy.texts import format_value, localise_condition, phrase

__all__ = ["Change", "changes"]


@attrs.frozen
class Change:
    """A change of one fact that makes a rule fire.

    Attributes
    ----------
    fact : str
        The fact to change.
    current : value or None
        Its value now (``None``: missing).
    proposed : value or None
        A value that makes the rule fire (checked by evaluating the rule).
    needed : str
        All values of the fact that make the rule fire, e.g. ``"< 0.2"``.

    .. versionadded:: 0.1.0
    """

    fact: str
    current: FactValue
    proposed: FactValue
    needed: str

    def __str__(self) -> str:
        return self.describe()

    def describe(self, language: str = "en") -> str:
        """The change in words, in *language* (``en``, ``nb`` or ``sv``).

        .. versionadded:: 0.2.0
        """
        current = (
            phrase("missing", language)
            if self.current is None
            else format_value(self.current, "", language)
        )
        verb = "set"
        if _is_number(self.current) and _is_number(self.proposed):
            assert isinstance(self.current, int | float)
            assert isinstance(self.proposed, int | float)
            verb = "raise" if self.proposed > self.current else "lower"
        example = _plain(self.proposed)
        if language != "en":
            example = localise_condition(example, language)
        return phrase(
            verb,
            language,
            fact=self.fact,
            current=current,
            needed=localise_condition(self.needed, language),
            example=example,
        )


def _plain(value: FactValue) -> str:
    if value is None:
        return "missing"
    if isinstance(value, float):
        return f"{value:.12g}"
    return format_value(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _domain(facts: Facts, fact: str) -> tuple[IntervalSet, bool]:
    spec = unit(facts.unit(fact))
    low, high = spec.minimum, spec.maximum
    interval = Interval(low, high, low != -math.inf, high != math.inf)
    return IntervalSet.of([interval]), spec.integral


def _kind(facts: Facts, fact: str, condition: Condition) -> str:
    declared = unit(facts.unit(fact)).kind
    if facts.unit(fact):
        return declared
    current = facts.value(fact)
    if isinstance(current, bool):
        return "boolean"
    if isinstance(current, str):
        return "category"
    for node in walk(condition):
        constants: list[object] = []
        if isinstance(node, Compare) and fact in facts_of(node):
            constants = [side.value for side in (node.left, node.right) if isinstance(side, Const)]
        elif isinstance(node, In) and fact in facts_of(node.operand):
            constants = [option.value for option in node.options]
        if any(isinstance(c, bool) for c in constants):
            return "boolean"
        if any(isinstance(c, str) for c in constants):
            return "category"
    return "number"


def _candidates(rule: Rule, facts: Facts, fact: str) -> tuple[list[FactValue], str]:
    condition = rule.full_condition
    current = facts.value(fact)
    kind = _kind(facts, fact, condition)
    options: list[FactValue] = []
    needed = ""
    if any(isinstance(n, IsMissing) and n.fact.id == fact for n in walk(condition)):
        options.append(None)
    if kind == "boolean":
        options += [True, False]
    elif kind == "category":
        for node in walk(condition):
            if isinstance(node, In) and facts_of(node.operand) == (fact,):
                options += [o.value for o in node.options if isinstance(o.value, str)]
            elif isinstance(node, Compare) and facts_of(node) == (fact,):
                options += [s.value for s in (node.left, node.right) if isinstance(s, Const)]
    else:
        domain, integral = _domain(facts, fact)
        true, _ = solve(condition, fact, facts.raw, domain)
        if true.empty:
            return options, ""
        needed = true.text(domain.parts[0])
        if isinstance(current, int | float) and not isinstance(current, bool):
            anchor = float(current)
        else:
            low, high = domain.parts[0].low, domain.parts[0].high
            anchor = (low + high) / 2 if math.isfinite(low + high) else max(low, 0.0)
        point = true.nearest(anchor, integral=integral)
        if point is not None:
            options += _nudged(point, anchor, true, integral)
    return [
        o for o in dict.fromkeys(options) if o != current or type(o) is not type(current)
    ], needed


def _nudged(point: float, anchor: float, true: IntervalSet, integral: bool) -> list[FactValue]:
    # The nearest point, then points a little deeper inside, in case of rounding.
    if integral:
        return [int(point)]
    found: list[FactValue] = [
        int(point) if float(point).is_integer() and abs(point) < 1e15 else point
    ]
    part = next((p for p in true.parts if point in p), None)
    if part is not None:
        inner = (part.low + part.high) / 2 if math.isfinite(part.low + part.high) else None
        step = abs(point - anchor) or 1e-9
        for factor in (1e-6, 1e-3, 1e-1):
            direction = 1.0 if point >= anchor else -1.0
            candidate = point + direction * step * factor
            if candidate in part:
                found.append(candidate)
        if inner is not None:
            found.append(inner)
    return found


def changes(rule: Rule, facts: Facts) -> tuple[list[Change], str]:
    changes: list[tuple[tuple[int, float, str], Change]] = []
    # A fact naming an evidence minimum is a setting (a template parameter), not something
    # about the arena that could change.
    settings = {m for m in rule.min_evidence.values() if isinstance(m, str)}
    for fact in rule.facts:
        if fact in settings:
            continue
        try:
            options, needed = _candidates(rule, facts, fact)
        except Unsolvable as error:
            del error
            continue
        current = facts.value(fact)
        trial = dict(facts.raw)
        for option in options:
            trial[fact] = option
            if not rule.fires(trial):
                continue
            shown = needed or ("missing" if option is None else f"= {format_value(option)}")
            change = Change(fact, current, option, shown)
            changes.append((_size(facts, fact, current, option), change))
            break
    changes.sort(key=lambda pair: pair[0])
    plausible = [change for _, change in changes if not _worse(rule, change)]
    if plausible:
        return plausible, ""
    if changes:
        worse = ", ".join(dict.fromkeys(change.fact for _, change in changes))
        return [], f"only a change for the worse ({worse}) would make it fire"
    return [], _why_not(rule, facts)


def _worse(rule: Rule, change: Change) -> bool:
    """Whether *change* moves a fact the rule says is better the other way the wrong way."""
    direction = rule.better.get(change.fact)
    if direction is None or not (_is_number(change.current) and _is_number(change.proposed)):
        return False
    assert isinstance(change.current, int | float)
    assert isinstance(change.proposed, int | float)
    if direction == "higher":
        return change.proposed < change.current
    return change.proposed > change.current


def _size(
    facts: Facts, fact: str, current: FactValue, proposed: FactValue
) -> tuple[int, float, str]:
    if current is None:
        return (1, 0.0, fact)
    if _is_number(current) and _is_number(proposed):
        assert isinstance(current, int | float)
        assert isinstance(proposed, int | float)
        spec = unit(facts.unit(fact))
        width = spec.maximum - spec.minimum
        scale = width if math.isfinite(width) and width > 0 else max(abs(current), 1.0)
        return (0, abs(proposed - current) / scale, fact)
    return (0, 1.0, fact)


def _why_not(rule: Rule, facts: Facts) -> str:
    blocking = failing(trace(rule.full_condition, facts.raw), True)
    read = sorted({fact for leaf in blocking for fact in leaf.values})
    if len(read) > 1:
        return (
            "no change of one fact makes it fire: at least two of "
            f"{', '.join(read)} would have to change"
        )
    if read:
        fact = read[0]
        spec = unit(facts.unit(fact))
        return f"no value of {fact} makes it fire" + (
            f" (a {spec.name}: {spec.description})" if facts.unit(fact) else ""
        )
    return "no change of one fact makes it fire"
