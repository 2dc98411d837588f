"""Hostile rule text is refused with a SmiceError that says where, and never executed.

Each case is refused by the lexer or parser before anything is evaluated; none of them can
reach Python's eval, ast or str.format (the package uses none of them on rule text).
"""

from __future__ import annotations

import pytest

from smice.errors import SmiceError
from smice.policy import Rule, RuleSyntaxError, evaluate, parse
from smice.policy.lexer import MAX_LENGTH
from smice.policy.parser import MAX_DEPTH
from smice.policy.texts import parse_template

HOSTILE = {
    "python import": "__import__('os').system('touch /tmp/smice-pwned')",
    "dunder attribute": "x.__class__.__bases__ == 1",
    "dunder name": "__builtins__ < 1",
    "function call": "open('/etc/passwd') == 'x'",
    "method call": "x.read() == 1",
    "lambda": "(lambda: 1) == 1",
    "comprehension": "[y for y in x] == 1",
    "subscript": "x[0] < 1",
    "conditional expression": "1 if x else 0",
    "semicolon": "x < 1; import os",
    "walrus": "(y := 1) < x",
    "exponent blow-up": "x < 9 ** 9 ** 9",
    "huge integer": "x < " + "9" * 5000,
    "huge exponent": "x < 1e999999",
    "huge number": "x < 1e16",
    "tiny number": "x < 1e-300",
    "infinity literal": "x < 1e309",
    "deep parentheses": "(" * 10_000 + "x" + ")" * 10_000 + " < 1",
    "deep not": "not " * (MAX_DEPTH + 1) + "x",
    "deep minus": "-" * (MAX_DEPTH + 2) + "x < 1",
    "megabyte input": "x < 1 and " * 120_000 + "x < 1",
    "NUL byte": "x < 1\x00 and y",
    "escape character": "x < 1 \x1b[2J",
    "non-ASCII operator": "x ≤ 1",
    "backslash": "x < 1 \\",
    "string with newline": "x == 'a\nb'",
    "format string": "x == f'{x}'",
    "too many tokens": " + ".join(["x"] * 600) + " < 1",
    "long name": "x" * 200 + " < 1",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_expressions_are_refused_with_a_column(text: str) -> None:
    with pytest.raises(RuleSyntaxError) as caught:
        parse(text)
    assert isinstance(caught.value, SmiceError)
    assert 1 <= caught.value.column <= min(len(text), MAX_LENGTH) + 1


def test_long_input_is_refused_before_it_is_read() -> None:
    with pytest.raises(RuleSyntaxError) as caught:
        parse("x" * 1_000_000)
    assert caught.value.column == MAX_LENGTH + 1
    assert "at most" in caught.value.message


def test_non_string_expression_is_refused() -> None:
    with pytest.raises(RuleSyntaxError):
        parse(b"x < 1")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "template",
    [
        "{x.__class__}",
        "{x.__class__.__mro__}",
        "{x[0]}",
        "{x!r}",
        "{x:{y}}",
        "{x:>10000000}",
        "{0}",
        "{}",
        "{x",
        "}",
        "{and}",
    ],
)
def test_hostile_templates_are_refused(template: str) -> None:
    with pytest.raises(RuleSyntaxError):
        parse_template(template)


def test_a_rule_with_a_hostile_template_is_refused_with_its_pointer() -> None:
    with pytest.raises(RuleSyntaxError) as caught:
        Rule(id="r", when="x < 1", recommendation={"en": "ok", "sv": "{x.__init__}"})
    assert caught.value.pointer == "/recommendation/sv"


def test_fact_values_are_data_not_code() -> None:
    rule = Rule(id="r", when="x == '__import__(\"os\")'", recommendation={"en": "{x}"})
    from smice.policy import RuleSet

    result = evaluate(RuleSet(id="s", version="1", rules=[rule]), {"x": '__import__("os")'})
    assert tuple(r.text["en"] for r in result.recommendations) == ('__import__("os")',)


def test_arithmetic_overflow_is_unknown_not_an_error() -> None:
    from smice.policy import RuleSet

    rules = RuleSet(id="s", version="1", rules=[Rule(id="r", when="x * x * x * x > 1")])
    result = evaluate(rules, {"x": 1e300})
    assert result.fired == ()
    assert result.not_fired[0].reason == "condition_unknown"
