"""Readable reports of an arena: the main job (:func:`assess`), a text summary, and the
assessment as text, JSON (:meth:`Assessment.to_json`) or a self-contained HTML page, and
the figures of an arena as SVG (:func:`~smice.report.figures.network_svg`,
:func:`~smice.report.figures.timeline_svg`).

.. versionadded:: 0.1.0
"""

from smice.report.assess import KEY_INDICATORS, Assessment, ThresholdCheck, assess
from smice.report.figures import network_svg, timeline_svg
from smice.report.html import assessment_card, render_html
from smice.report.summary import summarize
from smice.report.text import render_text

__all__ = [
    "KEY_INDICATORS",
    "Assessment",
    "ThresholdCheck",
    "assess",
    "assessment_card",
    "network_svg",
    "render_html",
    "render_text",
    "summarize",
    "timeline_svg",
]
