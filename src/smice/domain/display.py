"""Small building blocks for rich displays in notebooks (``_repr_html_``) and short reprs.

Every value shown passes through :func:`html.escape`: names in arenas and rule sets are
untrusted. The blocks carry their own inline styles (no scripts, no links to fetch), so a
display renders the same in Jupyter, VS Code and a saved notebook.

Examples
--------
>>> clip("Jämtland–Trøndelag innovation arena", 12)
'Jämtland–Trø…'
>>> page = table(["fact", "value"], [["A.n_stakeholders", 193], ["<b>", None]])
>>> "&lt;b&gt;" in page, "<b>" in page
(True, False)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

__all__ = ["MAX_REPR", "card", "clip", "counts", "escape", "heading", "short_repr", "table"]

#: The longest ``repr`` a smice value gives (notebooks and logs stay readable).
MAX_REPR: Final = 300

_CARD: Final = (
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:13px;"
    "line-height:1.4;border:1px solid #d5dbe1;border-radius:6px;padding:8px 12px;"
    "max-width:720px;color:#1f2933;background:#ffffff"
)
_TABLE: Final = "border-collapse:collapse;margin:4px 0 8px;font-size:12px"
_CELL: Final = "text-align:left;padding:2px 8px;border-bottom:1px solid #e4e7eb"
_HEAD: Final = _CELL + ";background:#eef2f6"


def escape(value: object) -> str:
    """*value* as text, escaped for HTML content and quoted attributes (``None``: a dash)."""
    return "—" if value is None else html.escape(str(value), quote=True)


def clip(text: object, limit: int) -> str:
    """*text* cut to at most *limit* characters, an ellipsis marking the cut."""
    shown = str(text)
    return shown if len(shown) <= limit else shown[: max(limit, 1)] + "…"


def short_repr(kind: str, *parts: object, details: str = "") -> str:
    """``<kind part part: details>`` with every part's repr clipped, at most
    :data:`MAX_REPR` characters in all.

    Examples
    --------
    >>> short_repr("Arena", "jt", "Jämtland", details="193 stakeholders")
    "<Arena 'jt' 'Jämtland': 193 stakeholders>"
    """
    head = " ".join(
        [kind, *(repr(clip(part, 60)) if isinstance(part, str) else repr(part) for part in parts)]
    )
    text = f"<{head}: {details}>" if details else f"<{head}>"
    if len(text) > MAX_REPR:
        text = text[: MAX_REPR - 2] + "…>"
    return text


def table(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, limit: int | None = None
) -> str:
    """An HTML table; with *limit*, at most that many rows and a last row saying how many
    more there are."""
    shown: list[str] = []
    total = 0
    for row in rows:
        total += 1
        if limit is None or total <= limit:
            cells = "".join(f'<td style="{_CELL}">{escape(cell)}</td>' for cell in row)
            shown.append(f"<tr>{cells}</tr>")
    if limit is not None and total > limit:
        shown.append(
            f'<tr><td style="{_CELL}" colspan="{len(header)}">… {total - limit} more</td></tr>'
        )
    head = "".join(f'<th style="{_HEAD}">{escape(cell)}</th>' for cell in header)
    return f'<table style="{_TABLE}"><tr>{head}</tr>{"".join(shown)}</table>'


def counts(title: str, found: Mapping[str, int]) -> str:
    """A titled one-line list ``name: n · name: n`` (nothing when *found* is empty)."""
    if not found:
        return ""
    items = " · ".join(f"{escape(name)}: <b>{n}</b>" for name, n in found.items())
    return f'<div><span style="color:#52606d">{escape(title)}</span> {items}</div>'


def card(title: str, subtitle: str, blocks: Iterable[str]) -> str:
    """A bordered card: a bold title, a muted subtitle and the *blocks* (HTML, already
    escaped) below."""
    return (
        f'<div class="smice-card" style="{_CARD}"><div><b>{escape(title)}</b> '
        f'<span style="color:#52606d">{escape(subtitle)}</span></div>{"".join(blocks)}</div>'
    )


def heading(text: str) -> str:
    """A small heading inside a card."""
    return f'<div style="margin-top:6px;font-weight:600">{escape(text)}</div>'
