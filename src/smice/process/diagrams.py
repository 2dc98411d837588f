"""Diagrams of a phase plan: Mermaid ``stateDiagram-v2`` and Graphviz DOT as text, and a
standalone SVG picture drawn in pure Python.

Phases are states, transitions are labelled with their event (and guard), and each phase's
exit criteria with their parameters appear as a note.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import html
from typing import Final

from smice.domain import ArenaTemplate, CriterionSpec, CycleVariant, PhasePlan, Transition

__all__ = ["to_dot", "to_mermaid", "to_svg"]


def _criterion(spec: CriterionSpec) -> str:
    if not spec.params:
        return spec.name
    return f"{spec.name} ({', '.join(f'{k}={v}' for k, v in spec.params.items())})"


def _plan(template: ArenaTemplate, variant: CycleVariant | str | None) -> PhasePlan:
    return template.phase_plan(variant)


def _state(phase_id: str) -> str:
    # Mermaid state ids may not contain '-' or '.'; phase ids are ids.
    return phase_id.replace("-", "_").replace(".", "_").replace(":", "_")


def to_mermaid(template: ArenaTemplate, *, variant: CycleVariant | str | None = None) -> str:
    """The phase plan of *variant* (default: the template's) as a Mermaid state diagram.

    Examples
    --------
    >>> from smice.process._bundled import bundled_template
    >>> print(to_mermaid(bundled_template("smice/base")))  # doctest: +ELLIPSIS
    stateDiagram-v2
        [*] --> define
        define --> discover : phase_advanced
    ...
        note right of define
            topics_count (min=1, max=5)
    ...

    .. versionadded:: 0.1.0
    """
    plan = _plan(template, variant)
    lines = ["stateDiagram-v2", f"    [*] --> {_state(plan.initial)}"]
    for t in plan.transitions:
        label = t.event + (f" [{t.guard}]" if t.guard else "")
        lines.append(f"    {_state(t.source)} --> {_state(t.target)} : {label}")
    for phase in plan.phases:
        if phase.terminal:
            lines.append(f"    {_state(phase.id)} --> [*]")
    for phase in plan.phases:
        label = phase.labels.get("en", phase.id)
        if _state(phase.id) != label:
            lines.append(f"    {_state(phase.id)} : {label}")
    for phase in plan.phases:
        if phase.criteria:
            lines.append(f"    note right of {_state(phase.id)}")
            lines.extend(f"        {_criterion(spec)}" for spec in phase.criteria)
            lines.append("    end note")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(template: ArenaTemplate, *, variant: CycleVariant | str | None = None) -> str:
    """The phase plan of *variant* (default: the template's) as a Graphviz digraph.

    Exit criteria are note-shaped nodes tied to their phase by dashed edges.

    Examples
    --------
    >>> from smice.process._bundled import bundled_template
    >>> print(to_dot(bundled_template("smice/base")))  # doctest: +ELLIPSIS
    digraph "smice/base 5-D" {
        rankdir=LR;
        "__start" [shape=point];
        "__start" -> "define";
        "define" [label="Define", shape=box, style=rounded];
    ...
        "define" -> "discover" [label="phase_advanced"];
    ...

    .. versionadded:: 0.1.0
    """
    plan = _plan(template, variant)
    lines = [
        f"digraph {_quote(f'{template.id} {plan.variant}')} {{",
        "    rankdir=LR;",
        '    "__start" [shape=point];',
        f'    "__start" -> {_quote(plan.initial)};',
    ]
    for phase in plan.phases:
        shape = "doublecircle" if phase.terminal else "box"
        style = "" if phase.terminal else ", style=rounded"
        label = phase.labels.get("en", phase.id)
        lines.append(f"    {_quote(phase.id)} [label={_quote(label)}, shape={shape}{style}];")
        if phase.criteria:
            note = "\\l".join(_criterion(s).replace('"', "'") for s in phase.criteria) + "\\l"
            lines.append(f'    "{phase.id}__criteria" [label="{note}", shape=note, fontsize=10];')
            lines.append(
                f'    {_quote(phase.id)} -> "{phase.id}__criteria" [style=dashed, arrowhead=none];'
            )
    for t in plan.transitions:
        label = t.event + (f" [{t.guard}]" if t.guard else "")
        lines.append(f"    {_quote(t.source)} -> {_quote(t.target)} [label={_quote(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- SVG --------------------------------------------------------------------------------------
# A small layered layout in pure Python: phases top to bottom in the order the plan walks
# them from its initial phase, forward moves as straight arrows, moves back (or skipping
# phases) as curves on the left, exit criteria as notes on the right. Text widths are
# estimated from character counts (monospace notes: 0.6 em a character).

_BOX_W: Final = 190
_BOX_H: Final = 40
_GAP: Final = 44
_NOTE_CHAR: Final = 6.6  # 11 px monospace
_LABEL_CHAR: Final = 6.4  # 11 px sans-serif, generous
_NOTE_LINE: Final = 15
_NOTE_CHARS: Final = 40


def _x(text: object) -> str:
    return html.escape(str(text), quote=True)


def _walk(plan: PhasePlan) -> list[str]:
    """Phase ids in the order the plan reaches them from its initial phase (breadth first,
    transitions in plan order), then any unreachable phases in plan order."""
    order = [plan.initial]
    queue = [plan.initial]
    while queue:
        source = queue.pop(0)
        for t in plan.transitions:
            if t.source == source and t.target not in order:
                order.append(t.target)
                queue.append(t.target)
    order += [p for p in plan.phase_ids if p not in order]
    return [p for p in order if p in plan.phase_ids]


def _note_lines(spec: CriterionSpec) -> list[str]:
    """A criterion as note lines: its name, then its parameters wrapped to the note width."""
    lines = [spec.name]
    current = ""
    for item in (f"{k}={v}" for k, v in spec.params.items()):
        candidate = f"{current}, {item}" if current else item
        if current and len(candidate) + 2 > _NOTE_CHARS:
            lines.append("  " + current + ",")
            current = item
        else:
            current = candidate
    if current:
        lines.append("  " + current)
    return lines


def _arrowhead(marker_id: str, colour: str) -> str:
    return (
        f'<marker id="{marker_id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{colour}"/></marker>'
    )


def to_svg(
    template: ArenaTemplate,
    *,
    variant: CycleVariant | str | None = None,
    language: str = "en",
) -> str:
    """The phase plan of *variant* (default: the template's) as a standalone SVG picture.

    Phases are rounded boxes from top to bottom in the order the plan reaches them; a
    transition to the next phase is a straight arrow, any other (a move back, such as
    review → destiny) a curve on the left, each labelled with its event (and guard). Each
    phase's exit criteria, with their parameters, stand in a note on its right; a final phase
    has a double border and an arrow to the end mark. A legend explains the marks. Pure
    Python: no browser and no Graphviz needed (:func:`to_dot` gives Graphviz's input).

    Parameters
    ----------
    template : ArenaTemplate
        A template, e.g. from :func:`smice.load_template`.
    variant : CycleVariant or str, optional
        The cycle variant (default: the template's default variant).
    language : {"en", "nb", "sv"}
        The language of the phase labels (phases without a label in it use English, then
        their id).

    Returns
    -------
    str
        An ``<svg>`` document with ``xmlns``, a ``viewBox`` and a ``<title>``; every text
        from the template is escaped.

    Examples
    --------
    >>> import xml.etree.ElementTree as ET
    >>> from smice.process._bundled import bundled_template
    >>> svg = to_svg(bundled_template("smice/base"))
    >>> root = ET.fromstring(svg)
    >>> root.tag
    '{http://www.w3.org/2000/svg}svg'
    >>> len(root.findall(".//{http://www.w3.org/2000/svg}g[@class='phase']"))
    6

    .. versionadded:: 0.2.0
    """
    plan = _plan(template, variant)
    order = _walk(plan)
    row = {phase: number for number, phase in enumerate(order)}
    back = [
        t
        for t in plan.transitions
        if t.source in row and t.target in row and row[t.target] != row[t.source] + 1
    ]
    forward = [t for t in plan.transitions if t not in back and t.source in row]
    back_labels = [t.event + (f" [{t.guard}]" if t.guard else "") for t in back]
    left = 30 + max((len(text) * _LABEL_CHAR for text in back_labels), default=0.0)
    left += 26 * len(back)
    box_x = left + 20
    note_x = box_x + _BOX_W + 50
    notes = {p: [line for s in plan.phase(p).criteria for line in _note_lines(s)] for p in order}
    longest = max((len(line) for lines in notes.values() for line in lines), default=0)
    note_w = longest * _NOTE_CHAR + 16
    width = max(note_x + note_w + 20, box_x + 560)
    top = 56
    ys: dict[str, float] = {}
    heights: dict[str, float] = {}
    bottom = float(top)
    for phase_id in order:
        needed = len(notes[phase_id]) * _NOTE_LINE + 12 if notes[phase_id] else 0
        ys[phase_id] = bottom
        heights[phase_id] = max(_BOX_H, needed)
        bottom += heights[phase_id] + _GAP
    legend_y = bottom + 4
    height = legend_y + 64
    title = f"{template.id} {plan.variant}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" class="phase-machine" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12">',
        f"<title>{_x(title)}: phases and exit criteria</title>",
        f"<defs>{_arrowhead('arrow', '#1f2933')}{_arrowhead('back', '#b35c00')}</defs>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        f'<text x="{box_x:.0f}" y="22" font-size="14" font-weight="600" fill="#1f2933">'
        f"{_x(title)}</text>",
    ]
    cx = box_x + _BOX_W / 2
    first = ys[order[0]]
    parts.append(
        f'<g class="start"><circle cx="{cx:.1f}" cy="{first - 22:.1f}" r="6" fill="#1f2933"/>'
        f'<line x1="{cx:.1f}" y1="{first - 16:.1f}" x2="{cx:.1f}" y2="{first - 1:.1f}" '
        'stroke="#1f2933" stroke-width="1.5" marker-end="url(#arrow)"/></g>'
    )
    parts += _svg_transitions(forward, back, ys, box_x)
    for phase_id in order:
        phase = plan.phase(phase_id)
        y = ys[phase_id]
        name = phase.labels.get(language) or phase.labels.get("en") or phase.id
        shown = name if len(name) <= 26 else name[:25] + "…"
        inner = (
            f'<rect x="{box_x + 3:.1f}" y="{y + 3:.1f}" width="{_BOX_W - 6}" '
            f'height="{_BOX_H - 6}" rx="5" fill="none" stroke="#1f2933"/>'
            if phase.terminal
            else ""
        )
        parts.append(
            f'<g class="phase" id="phase-{_x(phase.id)}"><title>{_x(name)} ({_x(phase.id)})'
            f'</title><rect x="{box_x:.1f}" y="{y:.1f}" width="{_BOX_W}" height="{_BOX_H}" '
            f'rx="8" fill="#e6eef5" stroke="#1f2933" stroke-width="1.5"/>{inner}'
            f'<text x="{cx:.1f}" y="{y + 25:.1f}" text-anchor="middle" font-size="14" '
            f'font-weight="600" fill="#1f2933">{_x(shown)}</text></g>'
        )
        if phase.terminal:
            ex = box_x + _BOX_W + 30
            ey = y + _BOX_H / 2
            parts.append(
                f'<g class="end"><line x1="{box_x + _BOX_W:.1f}" y1="{ey:.1f}" '
                f'x2="{ex - 9:.1f}" y2="{ey:.1f}" stroke="#1f2933" stroke-width="1.5" '
                f'marker-end="url(#arrow)"/><circle cx="{ex:.1f}" cy="{ey:.1f}" r="7" '
                f'fill="none" stroke="#1f2933" stroke-width="1.5"/><circle cx="{ex:.1f}" '
                f'cy="{ey:.1f}" r="4" fill="#1f2933"/></g>'
            )
        if notes[phase_id]:
            lines = "".join(
                f'<tspan x="{note_x + (22 if line.startswith(" ") else 8):.1f}" '
                f'dy="{_NOTE_LINE if i else 0}"'
                + (' fill="#52606d"' if line.startswith(" ") else "")
                + f">{_x(line.strip())}</tspan>"
                for i, line in enumerate(notes[phase_id])
            )
            note_h = len(notes[phase_id]) * _NOTE_LINE + 12
            parts.append(
                f'<g class="note"><line x1="{box_x + _BOX_W + (46 if phase.terminal else 0):.1f}"'
                f' y1="{y + _BOX_H / 2:.1f}" x2="{note_x:.1f}" y2="{y + _BOX_H / 2:.1f}" '
                'stroke="#9aa5b1" stroke-dasharray="3 3"/>'
                f'<path d="M{note_x:.1f},{y:.1f} h{note_w - 10:.1f} l10,10 '
                f'v{note_h - 10:.1f} h{-note_w:.1f} z" fill="#fffbea" stroke="#c9a227"/>'
                f'<text y="{y + 18:.1f}" font-family="ui-monospace, Menlo, Consolas, monospace" '
                f'font-size="11" fill="#1f2933">{lines}</text></g>'
            )
    parts.append(_svg_legend(box_x, legend_y))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _svg_transitions(
    forward: list[Transition], back: list[Transition], ys: dict[str, float], box_x: float
) -> list[str]:
    """Forward moves as straight arrows down the middle; the others as curves on the left."""
    parts: list[str] = []
    cx = box_x + _BOX_W / 2
    back_labels = [t.event + (f" [{t.guard}]" if t.guard else "") for t in back]
    for t in forward:
        y1 = ys[t.source] + _BOX_H
        y2 = ys[t.target]
        text = t.event + (f" [{t.guard}]" if t.guard else "")
        parts.append(
            f'<g class="transition"><line x1="{cx:.1f}" y1="{y1:.1f}" x2="{cx:.1f}" '
            f'y2="{y2 - 1:.1f}" stroke="#1f2933" stroke-width="1.5" marker-end="url(#arrow)"/>'
            f'<text x="{cx + 8:.1f}" y="{(y1 + y2) / 2 + 4:.1f}" font-size="11" '
            f'fill="#52606d">{_x(text)}</text></g>'
        )
    for number, (t, text) in enumerate(zip(back, back_labels, strict=True)):
        y1 = ys[t.source] + _BOX_H / 2
        y2 = ys[t.target] + _BOX_H / 2
        bend = box_x - 30 - 26 * number
        parts.append(
            f'<g class="transition back"><path d="M{box_x:.1f},{y1:.1f} '
            f'C{bend:.1f},{y1:.1f} {bend:.1f},{y2:.1f} {box_x - 1:.1f},{y2:.1f}" '
            'fill="none" stroke="#b35c00" stroke-width="1.5" marker-end="url(#back)"/>'
            f'<text x="{bend + 4:.1f}" y="{(y1 + y2) / 2 + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="#b35c00">{_x(text)}</text></g>'
        )
    return parts


def _svg_legend(x: float, y: float) -> str:
    return (
        f'<g class="legend" font-size="11" fill="#1f2933">'
        f'<circle cx="{x + 6:.1f}" cy="{y + 10:.1f}" r="5" fill="#1f2933"/>'
        f'<text x="{x + 16:.1f}" y="{y + 14:.1f}">start</text>'
        f'<rect x="{x + 60:.1f}" y="{y + 2:.1f}" width="26" height="16" rx="4" '
        'fill="#e6eef5" stroke="#1f2933"/>'
        f'<text x="{x + 92:.1f}" y="{y + 14:.1f}">phase</text>'
        f'<rect x="{x + 140:.1f}" y="{y + 2:.1f}" width="26" height="16" rx="4" '
        'fill="#e6eef5" stroke="#1f2933"/>'
        f'<rect x="{x + 143:.1f}" y="{y + 5:.1f}" width="20" height="10" rx="2" '
        'fill="none" stroke="#1f2933"/>'
        f'<text x="{x + 172:.1f}" y="{y + 14:.1f}">final phase</text>'
        f'<path d="M{x + 250:.1f},{y + 2:.1f} h16 l6,6 v10 h-22 z" fill="#fffbea" '
        'stroke="#c9a227"/>'
        f'<text x="{x + 278:.1f}" y="{y + 14:.1f}">exit criteria: all must hold to leave '
        "the phase</text>"
        f'<line x1="{x:.1f}" y1="{y + 36:.1f}" x2="{x + 40:.1f}" y2="{y + 36:.1f}" '
        'stroke="#1f2933" stroke-width="1.5" marker-end="url(#arrow)"/>'
        f'<text x="{x + 48:.1f}" y="{y + 40:.1f}">event that moves a cycle on</text>'
        f'<line x1="{x + 220:.1f}" y1="{y + 36:.1f}" x2="{x + 260:.1f}" y2="{y + 36:.1f}" '
        'stroke="#b35c00" stroke-width="1.5" marker-end="url(#back)"/>'
        f'<text x="{x + 268:.1f}" y="{y + 40:.1f}">move back [guard]</text></g>'
    )
