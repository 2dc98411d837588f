"""Recommendation texts: templates that cite fact values, with a tiny formatter of our own.

A template is plain text with placeholders ``{FACT}`` or ``{FACT:SPEC}``; ``{{`` and ``}}``
stand for braces. *SPEC* is one of ``.Nf`` (N decimals), ``.N%`` (a percentage with N
decimals) or ``d`` (a whole number), N from 0 to 6. Nothing else is interpreted: there is no
attribute access, indexing or conversion, so ``{x.__class__}`` is refused when the template is
read. Numbers are written the way each language writes them (``12.5%`` in English,
``12,5 %`` in Norwegian and Swedish).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

import attrs

from smice.policy.conditions import FactValue
from smice.policy.errors import RuleSyntaxError
from smice.policy.lexer import MAX_NAME, tokenize

__all__ = ["Placeholder", "Template", "format_value", "parse_template"]

_SPEC: Final = re.compile(r"(\.[0-6][f%]|d)?")
_MISSING: Final = {"en": "n/a", "nb": "mangler", "sv": "saknas"}
_YES_NO: Final = {"en": ("yes", "no"), "nb": ("ja", "nei"), "sv": ("ja", "nej")}
_NBSP: Final = "\u00a0"
_MAX_TEMPLATE: Final = 20_000


@attrs.frozen
class Placeholder:
    """``{fact:spec}`` in a template.

    .. versionadded:: 0.1.0
    """

    fact: str
    spec: str = ""


@attrs.frozen
class Template:
    """A parsed template: literal text and placeholders, in order.

    Examples
    --------
    >>> template = parse_template("Only {N.share:.0%} of {A.n:d} SMEs")
    >>> template.facts
    ('N.share', 'A.n')
    >>> template.render({"N.share": 0.125, "A.n": 16}, "en")
    'Only 12% of 16 SMEs'
    >>> template.render({"N.share": 0.125, "A.n": None}, "nb")
    'Only 12\\xa0% of mangler SMEs'

    .. versionadded:: 0.1.0
    """

    text: str
    parts: tuple[str | Placeholder, ...]

    @property
    def facts(self) -> tuple[str, ...]:
        """The facts the template cites, in order of first use."""
        return tuple(dict.fromkeys(p.fact for p in self.parts if isinstance(p, Placeholder)))

    def render(self, values: Mapping[str, FactValue], language: str = "en") -> str:
        """The text with each placeholder replaced by its fact's value in *language*."""
        return "".join(
            part
            if isinstance(part, str)
            else format_value(values.get(part.fact), part.spec, language)
            for part in self.parts
        )


def _localise(text: str, language: str) -> str:
    if language in ("nb", "sv"):
        text = text.replace(".", ",")
        if text.endswith("%"):
            text = text[:-1] + _NBSP + "%"
    return text


def format_value(value: FactValue, spec: str = "", language: str = "en") -> str:
    """Write *value* by *spec* in *language*.

    Examples
    --------
    >>> format_value(0.4567, ".1%"), format_value(0.4567, ".1%", "sv")
    ('45.7%', '45,7\\xa0%')
    >>> format_value(12.0, "d"), format_value(None), format_value(True, "", "nb")
    ('12', 'n/a', 'ja')

    .. versionadded:: 0.1.0
    """
    if value is None:
        return _MISSING.get(language, "n/a")
    if isinstance(value, bool):
        yes, no = _YES_NO.get(language, ("yes", "no"))
        return yes if value else no
    if isinstance(value, str):
        return value
    if spec == "d":
        text = str(round(value))
    elif spec.endswith("%"):
        text = f"{value * 100:.{spec[1]}f}%"
    elif spec.endswith("f"):
        text = f"{value:.{spec[1]}f}"
    elif isinstance(value, int):
        text = str(value)
    else:
        text = f"{value:.3g}"
    return _localise(text, language)


def parse_template(text: str) -> Template:  # noqa: PLR0912
    """Read a recommendation template.

    Raises
    ------
    smice.policy.RuleSyntaxError
        With the column of an unclosed or malformed placeholder.

    Examples
    --------
    >>> parse_template("{x.__class__}")
    Traceback (most recent call last):
    ...
    smice.errors.RuleSyntaxError: column 2: expected a fact id of dotted parts ...
    >>> parse_template("{x!r}").parts
    Traceback (most recent call last):
    ...
    smice.errors.RuleSyntaxError: column 3: expected '}' or ':' after the fact id, got '!'

    .. versionadded:: 0.1.0
    """
    if len(text) > _MAX_TEMPLATE:
        raise RuleSyntaxError(
            f"expected a template of at most {_MAX_TEMPLATE} characters, got {len(text)}",
            _MAX_TEMPLATE + 1,
        )
    parts: list[str | Placeholder] = []
    literal: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char in "{}" and text.startswith(char * 2, position):
            literal.append(char)
            position += 2
            continue
        if char == "}":
            raise RuleSyntaxError("unexpected '}' (write '}}' for a brace)", position + 1, text)
        if char != "{":
            literal.append(char)
            position += 1
            continue
        end = text.find("}", position)
        if end < 0:
            raise RuleSyntaxError("expected '}' to close this placeholder", position + 1, text)
        inside = text[position + 1 : end]
        name, _, spec = inside.partition(":")
        match = re.match(r"[A-Za-z_][A-Za-z0-9_.]*", name)
        if match is None or len(name) > MAX_NAME:
            raise RuleSyntaxError(
                f"expected a fact id in the placeholder, got {name[:40]!r}", position + 2, text
            )
        if match.end() != len(name):
            raise RuleSyntaxError(
                f"expected '}}' or ':' after the fact id, got {name[match.end()]!r}",
                position + 2 + match.end(),
                text,
            )
        try:
            (token, _end) = tokenize(name)
        except RuleSyntaxError as error:
            raise RuleSyntaxError(error.message, position + 1 + error.column, text) from None
        if token.kind != "name":
            raise RuleSyntaxError(
                f"expected a fact id in the placeholder, got the keyword {name!r}",
                position + 2,
                text,
            )
        if ":" in inside and not (spec and _SPEC.fullmatch(spec)):
            raise RuleSyntaxError(
                f"expected a format of .Nf, .N% or d (N from 0 to 6), got {spec[:20]!r}",
                position + 3 + len(name),
                text,
            )
        if literal:
            parts.append("".join(literal))
            literal = []
        parts.append(Placeholder(name, spec))
        position = end + 1
    if literal:
        parts.append("".join(literal))
    return Template(text, tuple(parts))
