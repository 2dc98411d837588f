"""Recommendation templates and the value formatter."""

from __future__ import annotations

import pytest

from smice.policy import RuleSyntaxError
from smice.policy.texts import Placeholder, format_value, parse_template


def test_templates_split_into_text_and_placeholders() -> None:
    template = parse_template("{{literal}} {N.a:.1%} and {b}")
    assert ("{literal} ", Placeholder("N.a", ".1%"), " and ", Placeholder("b")) == template.parts
    assert template.render({"N.a": 0.125}, "en") == "{literal} 12.5% and n/a"


@pytest.mark.parametrize(
    ("value", "spec", "language", "text"),
    [
        (0.125, ".0%", "en", "12%"),
        (0.125, ".1%", "nb", "12,5\u00a0%"),
        (3.14159, ".2f", "sv", "3,14"),
        (2.6, "d", "en", "3"),
        (7, "", "en", "7"),
        (0.333333, "", "en", "0.333"),
        (None, ".1%", "sv", "saknas"),
        (None, "", "nb", "mangler"),
        (False, "", "sv", "nej"),
        ("academia", ".1f", "en", "academia"),
    ],
)
def test_values_are_written_per_language(
    value: object, spec: str, language: str, text: str
) -> None:
    assert text == format_value(value, spec, language)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("template", "column"),
    [("ok {x", 4), ("ok } no", 4), ("{x:.9f}", 4), ("{x:s}", 4), ("{1x}", 2), ("{x y}", 3)],
)
def test_template_errors_give_the_column(template: str, column: int) -> None:
    with pytest.raises(RuleSyntaxError) as caught:
        parse_template(template)
    assert column == caught.value.column
