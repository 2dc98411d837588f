"""The rule language: grammar, precedence, printing, and errors that give the column."""

from __future__ import annotations

import pytest
from hypothesis import given
from tests.policy.rule_strategies import conditions

from smice.policy import RuleSyntaxError, parse, to_text
from smice.policy.conditions import (
    AllOf,
    AnyOf,
    Arith,
    Compare,
    Const,
    Fact,
    In,
    IsMissing,
    Neg,
    Not,
)

x, y, z = Fact("x"), Fact("y"), Fact("z")


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("x < 1", Compare("<", x, Const(1))),
        ("x <= 1.5", Compare("<=", x, Const(1.5))),
        ("x >= 20%", Compare(">=", x, Const(0.2))),
        ("x == 'a'", Compare("==", x, Const("a"))),
        ("x != true", Compare("!=", x, Const(True))),
        ("x", Compare("==", x, Const(True))),
        ("not x", Not(Compare("==", x, Const(True)))),
        ("x is missing", IsMissing(x)),
        ("x is not missing", IsMissing(x, negated=True)),
        ("x in [1, 'b', -2]", In(x, (Const(1), Const("b"), Const(-2)))),
        ("x not in []", In(x, (), negated=True)),
        ("x + y * 2 > 1", Compare(">", Arith("+", x, Arith("*", y, Const(2))), Const(1))),
        ("(x + y) * 2 > 1", Compare(">", Arith("*", Arith("+", x, y), Const(2)), Const(1))),
        ("x - y - z > 0", Compare(">", Arith("-", Arith("-", x, y), z), Const(0))),
        ("-x < -3", Compare("<", Neg(x), Const(-3))),
        ("x / y < 1e-3", Compare("<", Arith("/", x, y), Const(0.001))),
    ],
)
def test_parses_each_construct_into_its_node(text: str, tree: object) -> None:
    assert tree == parse(text)


def test_and_binds_tighter_than_or_and_not_looser_than_comparison() -> None:
    a, b, c = (Compare("<", Fact(n), Const(1)) for n in "abc")
    assert AnyOf((a, AllOf((b, c)))) == parse("a < 1 or b < 1 and c < 1")
    assert AllOf((Not(a), b)) == parse("not a < 1 and b < 1")
    assert AllOf((AnyOf((a, b)), c)) == parse("(a < 1 or b < 1) and c < 1")


def test_chains_of_one_operator_are_flat_but_parentheses_are_kept() -> None:
    a, b, c = (Compare("<", Fact(n), Const(1)) for n in "abc")
    assert AllOf((a, b, c)) == parse("a < 1 and b < 1 and c < 1")
    assert AllOf((AllOf((a, b)), c)) == parse("(a < 1 and b < 1) and c < 1")


@given(conditions())
def test_printing_then_parsing_gives_the_same_tree(tree: object) -> None:
    assert tree == parse(to_text(tree))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("x <", 4, "expected a fact, a number or '('"),
        ("x < 1 and", 10, "expected a fact"),
        ("(x < 1", 7, "expected ')' to close the '(' at column 1"),
        ("x < 1)", 6, "without a matching '('"),
        ("x = 1", 3, "use '=='"),
        ("x ** 2 > 1", 3, "exponentiation"),
        ("x ^ 2 > 1", 3, "exponentiation"),
        ("x < 1 && y < 2", 7, "use 'and'"),
        ("1 < x < 2", 7, "chained comparisons"),
        ("1 < 2", 3, "two constants"),
        ("x < 'a'", 3, "compares numbers, got a string"),
        ("x + 1", 1, "expected a condition, got a value"),
        ("(x < 1) + 1 > 0", 1, "expected a number before '+', got a condition"),
        ("x AND y", 3, "lower case"),
        ("x in 1", 6, "expected '['"),
        ("1 is missing", 1, "expected a fact before 'is missing'"),
        ("x is gone", 6, "expected 'missing'"),
        ("x < 'abc", 5, "closing '"),
        ("x.y. < 1", 1, "an empty part"),
        ("x < 1.2.3", 5, "expected a number"),
        ("x < 12abc", 5, "expected a number"),
        ("[1] == x", 1, "a list may only follow 'in'"),
    ],
)
def test_syntax_errors_name_the_column(text: str, column: int, words: str) -> None:
    with pytest.raises(RuleSyntaxError) as caught:
        parse(text)
    assert column == caught.value.column
    assert words in caught.value.message


def test_printing_uses_fewest_parentheses() -> None:
    assert to_text(parse("a - ((b - c) * 2) > 20%")) == "a - (b - c) * 2 > 0.2"
    assert to_text(parse("not (a < 1 or b < 2)")) == "not (a < 1 or b < 2)"
    assert to_text(parse("-(a+b) < 1")) == "-(a + b) < 1"
