"""Errors of the rule language: :class:`~smice.errors.RuleSyntaxError`, defined with the rest
of the exception tree in :mod:`smice.errors` and kept here for the modules of
:mod:`smice.policy` that raise it.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from smice.errors import RuleSyntaxError

__all__ = ["RuleSyntaxError"]
