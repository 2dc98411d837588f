"""Readable reports of an arena: text summaries now, HTML reports later.

.. versionadded:: 0.1.0
"""

from smice.report.summary import summarize

__all__ = ["summarize"]
