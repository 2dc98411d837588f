"""Figures of an arena as standalone SVG strings: the stakeholder network and the cycle
timeline (the same pictures as in the HTML report).

Each function returns one ``<svg>`` element with its own styles, a ``<title>`` and a legend,
ready to write to a ``.svg`` file, to embed in HTML or to show in a notebook
(``IPython.display.SVG``). Every text from the arena is escaped, and persons appear only as
unnamed marks, only with consent to network analysis and to export.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from datetime import date

from smice.domain import Arena, Language
from smice.errors import InvalidValue
from smice.report._drawing import COUNTRY_SHAPES, HELIX_COLOURS, PHASE_COLOURS
from smice.report._drawing import network_svg as _network
from smice.report._drawing import timeline_svg as _timeline
from smice.report.text import words

__all__ = ["COUNTRY_SHAPES", "HELIX_COLOURS", "PHASE_COLOURS", "network_svg", "timeline_svg"]


def _checked(arena: object, at: object) -> None:
    if not isinstance(arena, Arena):
        raise InvalidValue("arena", "an Arena", arena)
    if at is not None and not isinstance(at, date):
        raise InvalidValue("at", "a datetime.date or None", at)


def network_svg(
    arena: Arena,
    *,
    at: date | None = None,
    language: Language | str = Language.EN,
    seed: int = 7,
) -> str:
    """The stakeholder network of *arena* as SVG.

    Nodes are coloured by helix (Okabe–Ito colours, ``HELIX_COLOURS``), shaped by
    country (``COUNTRY_SHAPES``: circle SE, square NO, diamond FI, triangle other) and
    sized by their number of ties (radius grows with its square root). The best-connected
    organisations are labelled, a label moved left of its node or left out where it would
    overlap another or leave the picture. Persons are small unnamed marks, shown only with
    consent to network analysis and export. Positions come from a seeded force-directed
    layout (Fruchterman & Reingold 1991); at most 600 nodes, the best connected, are drawn.

    Parameters
    ----------
    arena : Arena
        The arena to draw.
    at : datetime.date, optional
        The day to draw (ties and consents as they stood then); default: the whole history.
    language : {"en", "nb", "sv"}
        The language of the legend and titles.
    seed : int
        Seed of the layout: the same seed gives the same picture.

    Returns
    -------
    str
        One ``<svg>`` element.

    Examples
    --------
    >>> import xml.etree.ElementTree as ET
    >>> from smice.io import load_arena
    >>> svg = network_svg(load_arena("examples/arenas/tutorial.json"))
    >>> ET.fromstring(svg).tag
    '{http://www.w3.org/2000/svg}svg'

    .. versionadded:: 0.2.0
    """
    _checked(arena, at)
    return _network(arena, at, str(Language(language)), seed=seed)


def timeline_svg(
    arena: Arena, *, at: date | None = None, language: Language | str = Language.EN
) -> str:
    """The cycles of *arena* as SVG: one row per cycle, its phases as coloured bars on one
    time axis, the current phase outlined and named, stalled cycles flagged, the measuring
    day marked; a legend names the phase colours.

    Parameters
    ----------
    arena : Arena
        The arena to draw.
    at : datetime.date, optional
        The day the axis ends on (default: the latest date the arena records).
    language : {"en", "nb", "sv"}
        The language of phase names and labels.

    Returns
    -------
    str
        One ``<svg>`` element (with a line saying so when there are no cycles yet).

    Examples
    --------
    >>> import xml.etree.ElementTree as ET
    >>> from smice.io import load_arena
    >>> svg = timeline_svg(load_arena("examples/arenas/jamtland-trondelag.json"))
    >>> len(ET.fromstring(svg).findall(".//{http://www.w3.org/2000/svg}rect")) > 7
    True

    .. versionadded:: 0.2.0
    """
    _checked(arena, at)
    lang = str(Language(language))
    return _timeline(arena, at, words(lang), lang)
