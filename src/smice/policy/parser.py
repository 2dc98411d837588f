"""A recursive-descent parser for rule expressions, building the tree of
:mod:`smice.policy.conditions`.

Grammar (keywords are lower case; ``not`` binds looser than comparisons)::

    condition  := disjunct ("or" disjunct)*
    disjunct   := negation ("and" negation)*
    negation   := "not" negation | comparison
    comparison := sum [ ("<" | "<=" | ">" | ">=" | "==" | "!=") sum
                      | ["not"] "in" "[" [literal ("," literal)*] "]"
                      | "is" ["not"] "missing" ]
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := "-" unary | primary
    primary    := NUMBER | STRING | "true" | "false" | FACT | "(" condition ")"

A fact standing alone where a condition is expected means ``fact == true``. Numbers may end in
``%`` (``20%`` is ``0.2``). Nesting is limited to :data:`MAX_DEPTH`; see
:mod:`smice.policy.lexer` for the other limits.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Final

from smice.policy.conditions import (
    OPERATORS,
    AllOf,
    AnyOf,
    Arith,
    Compare,
    Condition,
    Const,
    Fact,
    In,
    IsMissing,
    Neg,
    Not,
    Value,
)
from smice.policy.errors import RuleSyntaxError
from smice.policy.lexer import Token, tokenize

__all__ = ["MAX_ARITHMETIC", "MAX_DEPTH", "MAX_OPTIONS", "parse"]

#: Deepest nesting of parentheses, ``not`` and unary minus.
MAX_DEPTH: Final = 32
#: Deepest tree of arithmetic: each operator of a chain such as ``a + b + c`` is one level,
#: and so is each unary minus. Keeps every walk over a condition far from the recursion limit.
MAX_ARITHMETIC: Final = 32
#: Most options in one ``in [...]`` list.
MAX_OPTIONS: Final = 100

_COMPARE: Final = frozenset(s for s, op in OPERATORS.items() if op.kind != "arith")
_Node = Condition | Value
_VALUE_TYPES: Final = (Fact, Const, Arith, Neg)


def _shown(token: Token) -> str:
    return "the end of the expression" if token.kind == "end" else repr(token.text)


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.position = 0
        self.depth = 0
        # Height of each arithmetic node built so far, by identity (they live until the end).
        self.heights: dict[int, int] = {}

    # -- helpers ---------------------------------------------------------------------------

    @property
    def token(self) -> Token:
        return self.tokens[self.position]

    def fail(self, message: str, token: Token | None = None) -> RuleSyntaxError:
        return RuleSyntaxError(message, (token or self.token).column, self.source)

    def at(self, kind: str, text: str | None = None) -> bool:
        token = self.token
        return token.kind == kind and (text is None or token.text == text)

    def take(self) -> Token:
        token = self.token
        self.position += 1
        return token

    def expect(self, kind: str, text: str, context: str) -> Token:
        if not self.at(kind, text):
            raise self.fail(f"expected {text!r} {context}, got {_shown(self.token)}")
        return self.take()

    def enter(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(f"expected at most {MAX_DEPTH} levels of nesting", token)

    def grown(self, node: Arith | Neg, token: Token) -> Arith | Neg:
        """*node*, after checking that the arithmetic under it is not too deep."""
        parts = (node.left, node.right) if isinstance(node, Arith) else (node.operand,)
        height = 1 + max(self.heights.get(id(part), 0) for part in parts)
        if height > MAX_ARITHMETIC:
            raise self.fail(
                f"expected at most {MAX_ARITHMETIC} levels of arithmetic (each operator of a "
                "chain is one); split the rule or use a computed fact",
                token,
            )
        self.heights[id(node)] = height
        return node

    def condition_of(self, node: _Node, token: Token) -> Condition:
        if isinstance(node, _VALUE_TYPES):
            if isinstance(node, Fact):
                return Compare("==", node, Const(True))
            raise self.fail("expected a condition, got a value (compare it with something)", token)
        return node

    def value_of(self, node: _Node, token: Token, what: str = "a value") -> Value:
        if not isinstance(node, _VALUE_TYPES):
            raise self.fail(f"expected {what}, got a condition", token)
        return node

    # -- grammar ---------------------------------------------------------------------------

    def parse(self) -> Condition:
        start = self.token
        node = self.condition_of(self.disjunction(), start)
        if not self.at("end"):
            token = self.token
            if token.kind == "op" and token.text == "(":
                raise self.fail("function calls are not supported", token)
            if token.kind == "op" and token.text == ")":
                raise self.fail("unexpected ')' without a matching '('", token)
            raise self.fail(
                f"expected an operator, 'and', 'or' or the end, got {_shown(token)}", token
            )
        return node

    def disjunction(self) -> _Node:
        start = self.token
        first = self.conjunction()
        if not self.at("keyword", "or"):
            return first
        items = [self.condition_of(first, start)]
        while self.at("keyword", "or"):
            self.take()
            start = self.token
            items.append(self.condition_of(self.conjunction(), start))
        return AnyOf(tuple(items))

    def conjunction(self) -> _Node:
        start = self.token
        first = self.negation()
        if not self.at("keyword", "and"):
            return first
        items = [self.condition_of(first, start)]
        while self.at("keyword", "and"):
            self.take()
            start = self.token
            items.append(self.condition_of(self.negation(), start))
        return AllOf(tuple(items))

    def negation(self) -> _Node:
        if self.at("keyword", "not"):
            token = self.take()
            self.enter(token)
            start = self.token
            item = self.condition_of(self.negation(), start)
            self.depth -= 1
            return Not(item)
        return self.comparison()

    def comparison(self) -> _Node:
        start = self.token
        left = self.sum()
        token = self.token
        if token.kind == "op" and token.text in _COMPARE:
            self.take()
            left_value = self.value_of(left, start, "a value before " + repr(token.text))
            right_start = self.token
            right = self.value_of(self.sum(), right_start, "a value after " + repr(token.text))
            self.check_operands(token, left_value, right)
            if self.token.kind == "op" and self.token.text in _COMPARE:
                raise self.fail("chained comparisons are not supported; join them with 'and'")
            return Compare(token.text, left_value, right)
        if self.at("keyword", "in") or (
            self.at("keyword", "not") and self.tokens[self.position + 1].text == "in"
        ):
            negated = self.take().text == "not"
            if negated:
                self.take()
            operand = self.value_of(left, start, "a value before 'in'")
            return In(operand, self.options(), negated)
        if self.at("keyword", "is"):
            self.take()
            negated = self.at("keyword", "not")
            if negated:
                self.take()
            self.expect("keyword", "missing", "after 'is'" + (" not" if negated else ""))
            if not isinstance(left, Fact):
                raise self.fail("expected a fact before 'is missing'", start)
            return IsMissing(left, negated)
        return left

    def check_operands(self, token: Token, left: Value, right: Value) -> None:
        kind = OPERATORS[token.text].kind
        for side in (left, right):
            if isinstance(side, Const) and isinstance(side.value, bool | str) and kind == "order":
                what = "a boolean" if isinstance(side.value, bool) else "a string"
                raise self.fail(f"{token.text!r} compares numbers, got {what}", token)
        if isinstance(left, Const) and isinstance(right, Const):
            raise self.fail("expected a fact in the comparison, got two constants", token)

    def options(self) -> tuple[Const, ...]:
        self.expect("op", "[", "after 'in'")
        options: list[Const] = []
        if not self.at("op", "]"):
            while True:
                options.append(self.literal())
                if len(options) > MAX_OPTIONS:
                    raise self.fail(f"expected at most {MAX_OPTIONS} options in a list")
                if not self.at("op", ","):
                    break
                self.take()
        self.expect("op", "]", "to close the list")
        return tuple(options)

    def literal(self) -> Const:
        token = self.token
        sign = 1
        if token.kind == "op" and token.text == "-":
            self.take()
            sign = -1
            if self.token.kind != "number":
                raise self.fail(f"expected a number after '-', got {_shown(self.token)}")
        token = self.take()
        if token.kind == "number":
            assert isinstance(token.value, int | float)
            return Const(sign * token.value)
        if token.kind == "string":
            assert isinstance(token.value, str)
            return Const(token.value)
        if token.kind == "keyword" and token.text in ("true", "false"):
            return Const(token.text == "true")
        raise self.fail(f"expected a number, string, true or false, got {_shown(token)}", token)

    def sum(self) -> _Node:
        return self.binary(self.product, ("+", "-"))

    def product(self) -> _Node:
        return self.binary(self.unary, ("*", "/"))

    def binary(self, operand: object, symbols: tuple[str, ...]) -> _Node:
        assert callable(operand)
        start = self.token
        node: _Node = operand()
        while self.token.kind == "op" and self.token.text in symbols:
            token = self.take()
            left = self.value_of(node, start, f"a number before {token.text!r}")
            right_start = self.token
            right = self.value_of(operand(), right_start, f"a number after {token.text!r}")
            for side, where in ((left, start), (right, right_start)):
                if isinstance(side, Const) and isinstance(side.value, bool | str):
                    raise self.fail(f"{token.text!r} needs numbers, got {where.text}", where)
            node = self.grown(Arith(token.text, left, right), token)
        return node

    def unary(self) -> _Node:
        if self.at("op", "-"):
            token = self.take()
            if self.token.kind == "number":
                number = self.take().value
                assert isinstance(number, int | float)
                return Const(-number)
            self.enter(token)
            start = self.token
            operand = self.value_of(self.unary(), start, "a number after '-'")
            self.depth -= 1
            if isinstance(operand, Const) and isinstance(operand.value, bool | str):
                raise self.fail("'-' needs a number", start)
            return self.grown(Neg(operand), token)
        return self.primary()

    def primary(self) -> _Node:
        token = self.token
        if token.kind in ("number", "string") or (
            token.kind == "keyword" and token.text in ("true", "false")
        ):
            return self.literal()
        if token.kind == "name":
            self.take()
            if self.at("op", "("):
                raise self.fail("function calls are not supported")
            if self.at("op", "["):
                raise self.fail("indexing is not supported")
            return Fact(token.text)
        if token.kind == "op" and token.text == "(":
            self.take()
            self.enter(token)
            node = self.disjunction()
            self.expect("op", ")", f"to close the '(' at column {token.column}")
            self.depth -= 1
            return node
        if token.kind == "op" and token.text == "[":
            raise self.fail("a list may only follow 'in'")
        raise self.fail(f"expected a fact, a number or '(', got {_shown(token)}")


def parse(text: str) -> Condition:
    """Parse a rule expression into a condition tree.

    Raises
    ------
    smice.policy.RuleSyntaxError
        With the column of the problem, for anything outside the language or its limits.

    Examples
    --------
    >>> parse("N.sme_rnd_linkage_share < 0.2 and A.months_observed >= 12")
    AllOf(items=(Compare(op='<', left=Fact(id='N.sme_rnd_linkage_share'),
    right=Const(value=0.2)), Compare(op='>=', left=Fact(id='A.months_observed'),
    right=Const(value=12))))
    >>> parse("x < 1 and __import__('os')")
    Traceback (most recent call last):
    ...
    smice.errors.RuleSyntaxError: column 11: expected a fact id of dotted parts ...
    >>> parse("x ** 2 > 4").column
    Traceback (most recent call last):
    ...
    smice.errors.RuleSyntaxError: column 3: exponentiation is not supported

    .. versionadded:: 0.1.0
    """
    return _Parser(text).parse()
