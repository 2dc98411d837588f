"""The condition tree of a rule: a small, closed AST and its one operator table.

A condition is a *boolean node* (:class:`AllOf`, :class:`AnyOf`, :class:`Not`,
:class:`Compare`, :class:`In`, :class:`IsMissing`) over *value nodes* (:class:`Fact`,
:class:`Const`, :class:`Arith`, :class:`Neg`). Trees are frozen values: equal trees compare
equal and hash alike. :func:`to_text` prints a tree in the rule language so that parsing the
text gives the same tree back.

Conditions use three-valued (Kleene) logic: a comparison that reads a missing fact, or divides
by zero, is *unknown* (``None``); ``and`` is false if any part is false, ``or`` is true if any
part is true, ``not`` keeps unknown unknown. A rule fires only on a definite true.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterator
from typing import Any, Final, TypeAlias

import attrs

from smice.errors import InvalidValue

__all__ = [
    "MAX_NUMBER",
    "OPERATORS",
    "AllOf",
    "AnyOf",
    "Arith",
    "Compare",
    "Condition",
    "Const",
    "Fact",
    "FactValue",
    "In",
    "IsMissing",
    "Neg",
    "Not",
    "Operator",
    "Threshold",
    "Value",
    "facts_of",
    "thresholds",
    "to_text",
]

#: A fact's value: a number, a boolean, a category (string), or ``None`` when missing.
FactValue: TypeAlias = bool | int | float | str | None
#: Largest magnitude of a number written in a rule.
MAX_NUMBER: Final = 1e15


@attrs.frozen
class Operator:
    """One operator of the rule language.

    Attributes
    ----------
    symbol : str
        As written in rules.
    kind : str
        ``"order"`` (``< <= > >=``), ``"equality"`` (``== !=``) or ``"arith"``
        (``+ - * /``).
    precedence : int
        Binding strength; higher binds tighter.
    apply : callable
        The Python function computing it on two plain values.
    negated : str
        For comparisons: the operator that is true exactly when this one is false.
    mirrored : str
        For comparisons: the operator with the sides swapped (``a < b`` is ``b > a``).

    .. versionadded:: 0.1.0
    """

    symbol: str
    kind: str
    precedence: int
    apply: Callable[[Any, Any], Any] = attrs.field(eq=False, repr=False)
    negated: str = ""
    mirrored: str = ""


def _div(a: Any, b: Any) -> Any:
    return operator.truediv(a, b)


#: Every operator of the rule language, by symbol.
OPERATORS: Final[dict[str, Operator]] = {
    op.symbol: op
    for op in (
        Operator("<", "order", 3, operator.lt, ">=", ">"),
        Operator("<=", "order", 3, operator.le, ">", ">="),
        Operator(">", "order", 3, operator.gt, "<=", "<"),
        Operator(">=", "order", 3, operator.ge, "<", "<="),
        Operator("==", "equality", 3, operator.eq, "!=", "=="),
        Operator("!=", "equality", 3, operator.ne, "==", "!="),
        Operator("+", "arith", 4, operator.add),
        Operator("-", "arith", 4, operator.sub),
        Operator("*", "arith", 5, operator.mul),
        Operator("/", "arith", 5, _div),
    )
}
_COMPARISONS: Final = frozenset(s for s, op in OPERATORS.items() if op.kind != "arith")
_ARITHMETIC: Final = frozenset(s for s, op in OPERATORS.items() if op.kind == "arith")


def _check_op(allowed: frozenset[str]) -> Callable[[object, attrs.Attribute[str], str], None]:
    def check(_: object, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in allowed:
            raise InvalidValue(attribute.name, f"one of {' '.join(sorted(allowed))}", value)

    return check


def _check_const(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise InvalidValue(
                attribute.name, f"a finite number of magnitude ≤ {MAX_NUMBER:g}", value
            )
        return
    if isinstance(value, str):
        if ('"' in value and "'" in value) or any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise InvalidValue(attribute.name, "a string without control characters", value)
        return
    raise InvalidValue(attribute.name, "a number, a boolean or a string", value)


@attrs.frozen(cache_hash=True)
class Fact:
    """A reference to a fact by id, such as ``N.sme_rnd_linkage_share``.

    .. versionadded:: 0.1.0
    """

    id: str


@attrs.frozen(cache_hash=True)
class Const:
    """A number, boolean or string written in a rule.

    .. versionadded:: 0.1.0
    """

    value: bool | int | float | str = attrs.field(validator=_check_const)


@attrs.frozen(cache_hash=True)
class Arith:
    """``left op right`` with ``op`` one of ``+ - * /``.

    .. versionadded:: 0.1.0
    """

    op: str = attrs.field(validator=_check_op(_ARITHMETIC))
    left: Value
    right: Value


@attrs.frozen(cache_hash=True)
class Neg:
    """``-operand``.

    .. versionadded:: 0.1.0
    """

    operand: Value


#: A node that computes a value.
Value: TypeAlias = Fact | Const | Arith | Neg


@attrs.frozen(cache_hash=True)
class Compare:
    """``left op right`` with ``op`` one of ``< <= > >= == !=``.

    .. versionadded:: 0.1.0
    """

    op: str = attrs.field(validator=_check_op(_COMPARISONS))
    left: Value
    right: Value


@attrs.frozen(cache_hash=True)
class In:
    """``operand in [options]`` (or ``not in`` when *negated*).

    .. versionadded:: 0.1.0
    """

    operand: Value
    options: tuple[Const, ...]
    negated: bool = False


@attrs.frozen(cache_hash=True)
class IsMissing:
    """``fact is missing`` (or ``is not missing`` when *negated*).

    .. versionadded:: 0.1.0
    """

    fact: Fact
    negated: bool = False


def _at_least_two(_: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if len(value) < 2:
        raise InvalidValue(attribute.name, "at least two conditions", value)


@attrs.frozen(cache_hash=True)
class AllOf:
    """All of *items* hold (``a and b and ...``).

    .. versionadded:: 0.1.0
    """

    items: tuple[Condition, ...] = attrs.field(validator=_at_least_two)


@attrs.frozen(cache_hash=True)
class AnyOf:
    """At least one of *items* holds (``a or b or ...``).

    .. versionadded:: 0.1.0
    """

    items: tuple[Condition, ...] = attrs.field(validator=_at_least_two)


@attrs.frozen(cache_hash=True)
class Not:
    """*item* does not hold.

    .. versionadded:: 0.1.0
    """

    item: Condition


#: A node that is true, false or unknown.
Condition: TypeAlias = AllOf | AnyOf | Not | Compare | In | IsMissing


@attrs.frozen
class Threshold:
    """A fact compared with a number written in the rule: ``fact op value``.

    .. versionadded:: 0.1.0
    """

    fact: str
    op: str
    value: bool | int | float | str

    def __str__(self) -> str:
        return f"{self.fact} {self.op} {_const_text(self.value)}"


# -- walking ---------------------------------------------------------------------------------


def children(node: Condition | Value) -> tuple[Condition | Value, ...]:  # noqa: PLR0911
    """The direct sub-nodes of *node*, in reading order."""
    if isinstance(node, AllOf | AnyOf):
        return node.items
    if isinstance(node, Not):
        return (node.item,)
    if isinstance(node, Compare | Arith):
        return (node.left, node.right)
    if isinstance(node, In):
        return (node.operand, *node.options)
    if isinstance(node, IsMissing):
        return (node.fact,)
    if isinstance(node, Neg):
        return (node.operand,)
    return ()


def walk(node: Condition | Value) -> Iterator[Condition | Value]:
    """Every node of the tree under *node*, depth first, in reading order."""
    stack: list[Condition | Value] = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def facts_of(node: Condition | Value) -> tuple[str, ...]:
    """The ids of the facts *node* reads, in order of first use.

    Examples
    --------
    >>> from smice.policy.parser import parse
    >>> facts_of(parse("b < 1 and (a > 2 or b > 3)"))
    ('b', 'a')

    .. versionadded:: 0.1.0
    """
    seen: dict[str, None] = {}
    for current in walk(node):
        if isinstance(current, Fact):
            seen.setdefault(current.id, None)
    return tuple(seen)


def thresholds(node: Condition) -> tuple[Threshold, ...]:
    """The comparisons of a fact with a written value, as :class:`Threshold` s (fact on the
    left), in reading order.

    Examples
    --------
    >>> from smice.policy.parser import parse
    >>> [str(t) for t in thresholds(parse("0.2 > x and y in [1, 2] and z == true"))]
    ['x < 0.2', 'z == true']

    .. versionadded:: 0.1.0
    """
    found: list[Threshold] = []
    for current in walk(node):
        if isinstance(current, Compare):
            left, right, op = current.left, current.right, current.op
            if isinstance(left, Const) and isinstance(right, Fact):
                left, right, op = right, left, OPERATORS[op].mirrored
            if isinstance(left, Fact) and isinstance(right, Const):
                found.append(Threshold(left.id, op, right.value))
    return tuple(found)


# -- printing --------------------------------------------------------------------------------

_OR, _AND, _NOT, _CMP = 0, 1, 2, 3


def _const_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'" if '"' in value else f'"{value}"'
    return repr(value)


def _value_text(node: Value, parent: int = 0, right: bool = False) -> str:
    if isinstance(node, Fact):
        return node.id
    if isinstance(node, Const):
        return _const_text(node.value)
    if isinstance(node, Neg):
        inner = _value_text(node.operand)
        return f"-{inner}" if isinstance(node.operand, Fact) else f"-({inner})"
    precedence = OPERATORS[node.op].precedence
    text = (
        f"{_value_text(node.left, precedence)} {node.op} "
        f"{_value_text(node.right, precedence, right=True)}"
    )
    if precedence < parent or (right and precedence == parent):
        return f"({text})"
    return text


def _condition_text(node: Condition, parent: int) -> str:
    if isinstance(node, AnyOf | AllOf):
        mine, word = (_OR, " or ") if isinstance(node, AnyOf) else (_AND, " and ")
        text = word.join(_condition_text(item, mine + 1) for item in node.items)
        return f"({text})" if parent > mine else text
    if isinstance(node, Not):
        text = f"not {_condition_text(node.item, _NOT)}"
        return f"({text})" if parent > _NOT else text
    if isinstance(node, Compare):
        return f"{_value_text(node.left)} {node.op} {_value_text(node.right)}"
    if isinstance(node, In):
        options = ", ".join(_const_text(option.value) for option in node.options)
        word = "not in" if node.negated else "in"
        return f"{_value_text(node.operand)} {word} [{options}]"
    return f"{node.fact.id} is {'not ' if node.negated else ''}missing"


def to_text(node: Condition | Value) -> str:
    """Print *node* in the rule language, with the fewest parentheses that keep its meaning.

    Examples
    --------
    >>> from smice.policy.parser import parse
    >>> to_text(parse("(a<1) and not (b >= 2 or c is missing)"))
    'a < 1 and not (b >= 2 or c is missing)'
    >>> to_text(parse("a - (b - c) * 2 > 20%"))
    'a - (b - c) * 2 > 0.2'

    .. versionadded:: 0.1.0
    """
    if isinstance(node, Fact | Const | Arith | Neg):
        return _value_text(node)
    return _condition_text(node, _OR)
