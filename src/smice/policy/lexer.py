"""Splitting a rule expression into tokens, refusing anything outside the language early.

The lexer runs in time linear in the text, after refusing text longer than
:data:`MAX_LENGTH`. It accepts printable ASCII outside string literals, names whose dotted
parts start with a letter (so no dunders), and numbers of bounded size.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

import attrs

from smice.policy.conditions import MAX_NUMBER
from smice.policy.errors import RuleSyntaxError

__all__ = ["KEYWORDS", "MAX_LENGTH", "MAX_NAME", "MAX_STRING", "MAX_TOKENS", "Token", "tokenize"]

#: Longest expression accepted, in characters.
MAX_LENGTH: Final = 4000
#: Most tokens in one expression.
MAX_TOKENS: Final = 1000
#: Longest fact id.
MAX_NAME: Final = 128
#: Longest string literal.
MAX_STRING: Final = 200
#: The reserved words of the rule language (lower case only).
KEYWORDS: Final = frozenset({"and", "or", "not", "in", "is", "missing", "true", "false"})

_SMALLEST: Final = Decimal("1e-15")
_NUMBER: Final = re.compile(r"\d{1,20}(\.\d{1,20})?([eE][+-]?\d{1,3})?%?")
_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_SEGMENT: Final = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_OPERATORS: Final = ("<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ",")
_HINTS: Final = {
    "**": "exponentiation is not supported",
    "=": "use '==' to compare",
    "&": "use 'and'",
    "|": "use 'or'",
    "!": "use 'not' or '!='",
    "%": "'%' may only follow a number",
    "^": "exponentiation is not supported",
}
_SPACE: Final = frozenset(" \t\r\n")


@attrs.frozen
class Token:
    """One token: its *kind* (``number``, ``string``, ``name``, ``keyword``, ``op``,
    ``end``), its *text*, its *value* (for numbers and strings) and its 1-based *column*.

    .. versionadded:: 0.1.0
    """

    kind: str
    text: str
    column: int
    value: int | float | str | None = None


def _describe(char: str) -> str:
    if char.isprintable() and char != " ":
        return f"character {char!r} (U+{ord(char):04X})"
    return f"control character U+{ord(char):04X}"


def _number(text: str, column: int, source: str) -> Token:
    if "e" in text.lower() or "." in text or text.endswith("%"):
        digits = text.rstrip("%")
        value = Decimal(digits)
        if text.endswith("%"):
            value /= 100
        if not value.is_finite() or abs(value) > Decimal(MAX_NUMBER):
            raise RuleSyntaxError(
                f"expected a number of magnitude ≤ {MAX_NUMBER:g}, got {text!r}", column, source
            )
        # Judged on the exact decimal: 1e-400 is as small as 1e-20, though a float rounds it
        # to 0.
        if value != 0 and abs(value) < _SMALLEST:
            raise RuleSyntaxError(
                f"expected a number of magnitude ≥ 1e-15 or zero, got {text!r}", column, source
            )
        number: int | float = float(value)
    else:
        number = int(text)
        if number > MAX_NUMBER:
            raise RuleSyntaxError(
                f"expected a number of magnitude ≤ {MAX_NUMBER:g}, got {text!r}", column, source
            )
    return Token("number", text, column, number)


def _name(text: str, column: int, source: str) -> Token:
    if len(text) > MAX_NAME:
        raise RuleSyntaxError(
            f"expected a fact id of at most {MAX_NAME} characters, got {len(text)}",
            column,
            source,
        )
    if text in KEYWORDS:
        return Token("keyword", text, column)
    if text.lower() in KEYWORDS:
        raise RuleSyntaxError(
            f"expected the keyword {text.lower()!r} in lower case, got {text!r}", column, source
        )
    for part in text.split("."):
        if not _SEGMENT.fullmatch(part):
            problem = (
                "an empty part"
                if not part
                else f"the part {part!r} that does not start with a letter"
            )
            raise RuleSyntaxError(
                f"expected a fact id of dotted parts each starting with a letter, got {text!r} "
                f"with {problem}",
                column,
                source,
            )
    return Token("name", text, column)


def _string(source: str, start: int) -> tuple[Token, int]:
    quote = source[start]
    end = start + 1
    while end < len(source) and source[end] != quote:
        char = source[end]
        if char in "\r\n" or not char.isprintable():
            raise RuleSyntaxError(
                f"expected printable characters in a string, got {_describe(char)}",
                end + 1,
                source,
            )
        end += 1
        if end - start - 1 > MAX_STRING:
            raise RuleSyntaxError(
                f"expected a string of at most {MAX_STRING} characters", start + 1, source
            )
    if end >= len(source):
        raise RuleSyntaxError(f"expected a closing {quote} for this string", start + 1, source)
    text = source[start + 1 : end]
    return Token("string", source[start : end + 1], start + 1, text), end + 1


def tokenize(source: str) -> tuple[Token, ...]:
    """Split *source* into tokens, ending with an ``end`` token.

    Raises
    ------
    smice.policy.RuleSyntaxError
        With the column of the first character that is not part of the language.

    Examples
    --------
    >>> [t.text for t in tokenize("N.share < 20% and x in ['a']")]
    ['N.share', '<', '20%', 'and', 'x', 'in', '[', "'a'", ']', '']
    >>> tokenize("x.__class__")
    Traceback (most recent call last):
    ...
    smice.errors.RuleSyntaxError: column 1: expected a fact id of dotted parts each ...

    .. versionadded:: 0.1.0
    """
    if not isinstance(source, str):
        raise RuleSyntaxError(
            f"expected the expression as a string, got a <{type(source).__name__}>", 1
        )
    if len(source) > MAX_LENGTH:
        raise RuleSyntaxError(
            f"expected an expression of at most {MAX_LENGTH} characters, got {len(source)}",
            MAX_LENGTH + 1,
            source[:MAX_LENGTH],
        )
    tokens: list[Token] = []
    position = 0
    while position < len(source):
        if len(tokens) >= MAX_TOKENS:
            raise RuleSyntaxError(
                f"expected at most {MAX_TOKENS} tokens in an expression", position + 1, source
            )
        char = source[position]
        column = position + 1
        if char in _SPACE:
            position += 1
            continue
        if char.isascii() and char.isdigit():
            match = _NUMBER.match(source, position)
            assert match is not None
            after = match.end()
            if after < len(source) and (source[after].isalnum() or source[after] in "._"):
                raise RuleSyntaxError(
                    f"expected a number, got {source[position : after + 1]!r}...", column, source
                )
            tokens.append(_number(match.group(), column, source))
            position = after
            continue
        if char.isascii() and (char.isalpha() or char == "_"):
            match = _NAME.match(source, position)
            assert match is not None
            tokens.append(_name(match.group(), column, source))
            position = match.end()
            continue
        if char in "'\"":
            token, position = _string(source, position)
            tokens.append(token)
            continue
        if source.startswith("**", position):
            raise RuleSyntaxError(_HINTS["**"], column, source)
        operator = next((op for op in _OPERATORS if source.startswith(op, position)), None)
        if operator is not None:
            tokens.append(Token("op", operator, column))
            position += len(operator)
            continue
        hint = _HINTS.get(char)
        message = f"unexpected {_describe(char)}" + (f": {hint}" if hint else "")
        raise RuleSyntaxError(message, column, source)
    tokens.append(Token("end", "", len(source) + 1))
    return tuple(tokens)
