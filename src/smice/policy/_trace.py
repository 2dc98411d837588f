"""Explanation trees: how each part of a condition came out on given facts.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Final

import attrs

from smice.domain import FrozenMap
from smice.policy._compile import Test, compile_condition
from smice.policy.conditions import AllOf, AnyOf, Condition, FactValue, Not, facts_of, to_text
from smice.policy.texts import format_value, localise_condition, phrase

__all__ = ["Trace"]

_MARK: Final = {True: "✓", False: "✗", None: "?"}
_NO_VALUES: Final[FrozenMap[str, FactValue]] = FrozenMap()


@attrs.frozen
class Trace:
    """How a condition came out: the node as text, its result (``True``, ``False`` or
    ``None`` for unknown), its parts, and the fact values a leaf read.

    .. versionadded:: 0.1.0
    """

    text: str
    result: bool | None
    children: tuple[Trace, ...] = ()
    values: FrozenMap[str, FactValue] = _NO_VALUES

    def caption(self, language: str = "en") -> str:
        """The node's text in *language*: ``all of`` / ``any of`` / ``not`` / ``when`` /
        ``evidence`` / ``rule P1`` in words of the language, comparisons with its decimal
        sign (fact ids as they are).

        .. versionadded:: 0.2.0
        """
        return _localise(self.text, language)

    def render(self, indent: str = "", language: str = "en") -> str:
        """The tree as indented lines, each marked ✓ (true), ✗ (false) or ? (unknown), in
        *language* (``en``, ``nb`` or ``sv``: words, and numbers with a decimal comma)."""
        shown = ", ".join(f"{k} = {format_value(v, '', language)}" for k, v in self.values.items())
        text = self.caption(language)
        line = f"{indent}{_MARK[self.result]} {text}" + (f"   [{shown}]" if shown else "")
        return "\n".join(
            [line, *(child.render(indent + "  ", language) for child in self.children)]
        )


_NODES: Final = frozenset({"all of", "any of", "not", "when", "evidence"})


def _localise(text: str, language: str) -> str:
    if language == "en":
        return text
    if text in _NODES:
        return phrase(text, language)
    if text.startswith("rule ") and " " not in text[5:]:
        return phrase("rule", language, rule=text[5:])
    return localise_condition(text, language)


@lru_cache(maxsize=8192)
def compiled(node: Condition) -> Test:
    return compile_condition(node)


def trace(node: Condition, values: Mapping[str, FactValue]) -> Trace:
    result = compiled(node)(values)
    if isinstance(node, AllOf | AnyOf):
        word = "all of" if isinstance(node, AllOf) else "any of"
        return Trace(word, result, tuple(trace(item, values) for item in node.items))
    if isinstance(node, Not):
        return Trace("not", result, (trace(node.item, values),))
    read = FrozenMap({fact: values.get(fact) for fact in facts_of(node)})
    return Trace(to_text(node), result, (), read)


def failing(trace: Trace, want: bool) -> list[Trace]:
    """The leaves standing between *trace* and the result *want*."""
    if trace.result is want:
        return []
    if not trace.children:
        return [trace]
    if trace.text == "not":
        return failing(trace.children[0], not want)
    found: list[Trace] = []
    for child in trace.children:
        if child.result is not want:
            found.extend(failing(child, want))
    return found
