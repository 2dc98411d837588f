"""Errors of the rule language.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from smice.errors import SmiceError

__all__ = ["RuleSyntaxError"]

_SHOWN = 60


class RuleSyntaxError(SmiceError, ValueError):
    """A rule expression or a recommendation template cannot be read.

    Attributes
    ----------
    message : str
        What was expected and what was found.
    column : int
        The 1-based column of the offending character in *text*.
    text : str
        The expression (cut to a readable length when it is long).
    pointer : str
        RFC 6901 pointer to the expression in its rule-set document, when known.
    source : str or None
        The file the rule set came from, when known.

    Examples
    --------
    >>> error = RuleSyntaxError("expected a number after '<', got 'and'", 5, "x < and")
    >>> error.column
    5
    >>> print(error)
    column 5: expected a number after '<', got 'and'

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        message: str,
        column: int,
        text: str = "",
        *,
        pointer: str = "",
        source: str | None = None,
    ) -> None:
        self.message = message
        self.column = column
        self.text = text if len(text) <= 4 * _SHOWN else text[: 4 * _SHOWN]
        self.pointer = pointer
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.source:
            where += f"{self.source}: "
        if self.pointer:
            where += f"{self.pointer}, "
        return f"{where}column {self.column}: {self.message}"

    def located(self, pointer: str, source: str | None = None) -> RuleSyntaxError:
        """The same error, placed at *pointer* in a document from *source*.

        Examples
        --------
        >>> str(RuleSyntaxError("unexpected ')'", 3, "x )").located("/rules/0/when"))
        "/rules/0/when, column 3: unexpected ')'"
        """
        return RuleSyntaxError(
            self.message, self.column, self.text, pointer=pointer, source=source
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.message, self.column, self.text, self.pointer, self.source))


def _rebuild(
    message: str, column: int, text: str, pointer: str, source: str | None
) -> RuleSyntaxError:
    return RuleSyntaxError(message, column, text, pointer=pointer, source=source)
