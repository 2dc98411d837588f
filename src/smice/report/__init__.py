"""Readable reports of an arena: the main job (:func:`assess`), a text summary, and the
assessment as text, JSON (:meth:`Assessment.to_json`) or a self-contained HTML page.

.. versionadded:: 0.1.0
"""

from smice.report.assess import KEY_INDICATORS, Assessment, ThresholdCheck, assess
from smice.report.html import render_html
from smice.report.summary import summarize
from smice.report.text import render_text

__all__ = [
    "KEY_INDICATORS",
    "Assessment",
    "ThresholdCheck",
    "assess",
    "render_html",
    "render_text",
    "summarize",
]
