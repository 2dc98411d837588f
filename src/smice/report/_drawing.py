"""Inline SVG pictures for the HTML report: the stakeholder network and the cycle timelines.

Every text from the arena passes through :func:`html.escape`; arena texts are untrusted.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

import attrs
import numpy as np

from smice.domain import Arena, ArenaTemplate, ConsentScope, Cycle, CycleStatus, Helix, label
from smice.errors import SmiceError
from smice.indicators import latest_date
from smice.network import simple_graph, to_graph
from smice.process import is_stalled
from smice.process.machine import resolve_template
from smice.process.signals import days_since_activity

__all__ = [
    "COUNTRY_SHAPES",
    "HELIX_COLOURS",
    "PHASE_COLOURS",
    "layout",
    "network_svg",
    "reportable_persons",
    "timeline_svg",
]

#: Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
HELIX_COLOURS: Final[Mapping[str, str]] = {
    Helix.INDUSTRY: "#0072B2",
    Helix.ACADEMIA: "#E69F00",
    Helix.GOVERNMENT: "#009E73",
    Helix.CIVIL_SOCIETY: "#CC79A7",
}
#: The shape of a node tells its country.
COUNTRY_SHAPES: Final[Mapping[str, str]] = {
    "SE": "circle",
    "NO": "square",
    "FI": "diamond",
}
PHASE_COLOURS: Final[Mapping[str, str]] = {
    "define": "#9DB4C0",
    "discover": "#56B4E9",
    "dream": "#CC79A7",
    "design": "#E69F00",
    "destiny": "#009E73",
    "review": "#7F7F7F",
    "strengths": "#56B4E9",
    "opportunities": "#CC79A7",
    "aspirations": "#E69F00",
    "results": "#009E73",
    "summit": "#D55E00",
}
_OTHER_PHASES: Final = ("#F0E442", "#8C6D31", "#6B6ECF", "#B5CF6B")
#: Most nodes the network picture shows (the best-connected are kept).
MAX_NODES: Final = 600
_LABELLED: Final = 12


def e(text: object) -> str:
    """*text* escaped for HTML element content and quoted attribute values."""
    return html.escape(str(text), quote=True)


def reportable_persons(arena: Arena, at: date | None) -> frozenset[str]:
    """Ids of the persons a report may show (unnamed): consent to network analysis and to
    export on *at*, and a standing consent to export today (holding today, never withdrawn,
    no expiry date: a report is an export that outlives the day it describes)."""
    return frozenset(
        s.id
        for s in arena.stakeholders
        if s.is_person
        and s.consent is not None
        and s.consents_to(ConsentScope.NETWORK_ANALYSIS, at=at)
        and s.consents_to(ConsentScope.EXPORT, at=at)
        and s.consents_to(ConsentScope.EXPORT)
        and s.consent.withdrawn_on is None
        and s.consent.expires_on is None
    )


def layout(
    nodes: Sequence[Hashable],
    edges: Sequence[tuple[Hashable, Hashable, float]],
    *,
    seed: int = 7,
    iterations: int = 120,
) -> dict[Hashable, tuple[float, float]]:
    """Fruchterman–Reingold force-directed positions in the unit square, seeded.

    Follows Fruchterman & Reingold (1991), "Graph drawing by force-directed placement",
    Software: Practice and Experience 21(11): repulsion k²/d between every pair, attraction
    d²/k along edges (times the log of one plus the edge weight), a temperature cooling
    linearly to zero; a weak pull toward the centre keeps small components close.
    """
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.5, 0.5)}
    index = {node: i for i, node in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    adjacency = np.zeros((n, n))
    for a, b, weight in edges:
        i, j = index[a], index[b]
        if i != j:
            adjacency[i, j] += weight
            adjacency[j, i] += weight
    if adjacency.any():
        adjacency = np.log1p(adjacency)
    k = math.sqrt(1.0 / n)
    gravity = 0.5 * k
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = k * k / distance**2 - adjacency * distance / k
        displacement = np.einsum("ijk,ij->ik", delta, force)
        displacement -= gravity * (pos - pos.mean(axis=0))
        length = np.maximum(np.linalg.norm(displacement, axis=-1), 0.01)
        pos += displacement * (temperature / length)[:, np.newaxis]
        temperature -= cooling
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = np.where(high - low > 0, high - low, 1.0)
    pos = (pos - low) / span
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for node, i in index.items()}


def _positions(
    nodes: Sequence[Hashable],
    edges: Sequence[tuple[Hashable, Hashable, float]],
    size: tuple[int, int, int],
    seed: int,
) -> dict[Hashable, tuple[float, float]]:
    """Pixel positions: connected nodes by :func:`layout`, isolated ones in a bottom row."""
    width, height, margin = size
    linked = {a for a, _, _ in edges} | {b for _, b, _ in edges}
    isolated = [node for node in nodes if node not in linked]
    where = layout([node for node in nodes if node in linked], edges, seed=seed)
    bottom = height - margin / 2 if isolated else height - margin
    top, inner = margin + 10, width - 2 * margin
    found = {
        node: (margin + x * inner, top + y * (bottom - top - margin))
        for node, (x, y) in where.items()
    }
    step = inner / max(len(isolated), 1)
    for number, node in enumerate(isolated):
        found[node] = (margin + (number + 0.5) * step, bottom)
    return found


def _shape(country: str, x: float, y: float, r: float, *, attributes: str, title: str) -> str:
    """A node mark whose shape tells the country: circle SE, square NO, diamond FI,
    triangle anything else."""
    kind = COUNTRY_SHAPES.get(country, "triangle")
    inner = f"<title>{title}</title>"
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {attributes}>{inner}</circle>'
    if kind == "square":
        side = r * 1.77  # the same area as the circle
        return (
            f'<rect x="{x - side / 2:.1f}" y="{y - side / 2:.1f}" width="{side:.1f}" '
            f'height="{side:.1f}" {attributes}>{inner}</rect>'
        )
    if kind == "diamond":
        d = r * 1.25
        points = f"{x:.1f},{y - d:.1f} {x + d:.1f},{y:.1f} {x:.1f},{y + d:.1f} {x - d:.1f},{y:.1f}"
    else:
        d = r * 1.35
        points = (
            f"{x:.1f},{y - d:.1f} {x + d * 0.87:.1f},{y + d * 0.5:.1f} "
            f"{x - d * 0.87:.1f},{y + d * 0.5:.1f}"
        )
    return f'<polygon points="{points}" {attributes}>{inner}</polygon>'


def _marks(
    H: Any,
    nodes: Sequence[Hashable],
    xy: Mapping[Hashable, tuple[float, float]],
    radius: Mapping[Hashable, float],
    language: str,
) -> list[str]:
    parts = []
    for node in nodes:
        data = H.nodes[node]
        x, y = xy[node]
        colour = HELIX_COLOURS.get(str(data.get("helix")), "#555555")
        helix_name = _helix_label(data.get("helix"), language)
        country = str(data.get("country", ""))
        if data.get("is_person"):
            parts.append(
                _shape(
                    country, x, y, 3.0,
                    attributes=f'fill="{colour}" stroke="#ffffff" stroke-width="0.8"',
                    title=f"{e(person_word(language))} ({e(helix_name)}, {e(country)})",
                )
            )  # fmt: skip
        else:
            parts.append(
                _shape(
                    country, x, y, radius[node],
                    attributes=f'fill="{colour}" stroke="#1f2933" stroke-width="0.8"',
                    title=f"{e(data.get('name', node))} ({e(helix_name)}, {e(country)}, "
                    f"{H.degree(node)})",
                )
            )  # fmt: skip
    return parts


def _overlaps(
    box: tuple[float, float, float, float], others: Sequence[tuple[float, float, float, float]]
) -> bool:
    return any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in others)


def _labels(
    H: Any,
    ranked: Sequence[Hashable],
    xy: Mapping[Hashable, tuple[float, float]],
    radius: Mapping[Hashable, float],
    area: tuple[float, float],
) -> list[str]:
    """Names of the best-connected organisations, right of the node or else left of it,
    skipped when neither place keeps the label inside *area* (width, height) and clear of
    the labels already placed."""
    width, height = area
    parts: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    for node in ranked:
        if len(boxes) >= _LABELLED:
            break
        if H.nodes[node].get("is_person"):
            continue
        name = str(H.nodes[node].get("name", node))
        shown = name if len(name) <= 32 else name[:31] + "…"
        x, y = xy[node]
        text_width = 6.6 * len(shown)
        for anchor, x0 in (("start", x + radius[node] + 3), ("end", x - radius[node] - 3)):
            left = x0 if anchor == "start" else x0 - text_width
            box = (left - 2, y - 10, left + text_width + 2, y + 5)
            if box[0] < 2 or box[2] > width - 2 or box[1] < 2 or box[3] > height:
                continue
            if _overlaps(box, boxes):
                continue
            boxes.append(box)
            parts.append(
                f'<text x="{x0:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" '
                f'class="node-label">{e(shown)}</text>'
            )
            break
    return parts


#: Presentation attributes by class, so that a figure looks the same standalone (no CSS) and
#: in the report (whose CSS sets the same).
_CLASS_ATTRIBUTES: Final = {
    "node-label": 'font-weight="600" paint-order="stroke" stroke="#ffffff" stroke-width="3"',
    "legend-title": 'font-weight="600"',
    "cycle-name": 'font-size="12" font-weight="600"',
    "cycle-status": 'fill="#52606d"',
    "axis": 'fill="#52606d"',
    "note": 'fill="#52606d"',
    "current": 'font-weight="600"',
    "current stalled": 'font-weight="600" fill="#b42318"',
}
_FONT: Final = (
    'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="11" '
    'fill="#1f2933"'
)


def _styled(svg: str) -> str:
    """*svg* with the presentation attributes of its classes written out."""
    for css, attributes in _CLASS_ATTRIBUTES.items():
        svg = svg.replace(f'class="{css}"', f'class="{css}" {attributes}')
    return svg


def network_svg(arena: Arena, at: date | None, language: str, *, seed: int = 7) -> str:
    """The stakeholder network as SVG: colour tells the helix, shape the country, size the
    number of ties; organisations are labelled (the best connected), persons are small
    unnamed marks shown only with consent; a legend below the drawing explains it all."""
    G = to_graph(arena, at=at)
    shown_persons = reportable_persons(arena, at)
    keep = [n for n, d in G.nodes(data=True) if not d.get("is_person") or n in shown_persons]
    H = simple_graph(G.subgraph(keep), directed=False)
    ranked = sorted(H.nodes, key=lambda n: (-H.degree(n), str(n)))
    nodes = sorted(ranked[:MAX_NODES], key=str)
    kept = set(nodes)
    edges = sorted(
        (
            (a, b, float(d.get("weight", 1.0)))
            for a, b, d in H.edges(data=True)
            if a in kept and b in kept
        ),
        key=lambda edge: (str(edge[0]), str(edge[1])),
    )
    width, plot = 960, 600
    xy = _positions(nodes, edges, (width, plot, 40), seed)
    radius = {
        n: 3.0 if H.nodes[n].get("is_person") else 4.0 + 1.6 * math.sqrt(H.degree(n))
        for n in nodes
    }
    countries = sorted({str(H.nodes[n].get("country", "")) for n in nodes})
    height = plot + 96
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="network" {_FONT}>',
        f"<title>{e(label_text(language))}: {e(arena.name)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        '<g stroke="#9aa5b1" stroke-opacity="0.45">',
    ]
    for a, b, weight in edges:
        (x1, y1), (x2, y2) = xy[a], xy[b]
        stroke = min(0.6 + 0.4 * math.log1p(weight), 3.0)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{stroke:.2f}"/>'
        )
    parts += ["</g><g>", *_marks(H, nodes, xy, radius, language)]
    parts += _labels(H, [n for n in ranked if n in kept], xy, radius, (width, plot))
    parts += ["</g>", _legend(language, plot, countries)]
    if len(ranked) > len(nodes):
        parts.append(
            f'<text x="{width - 8}" y="{height - 8}" text-anchor="end" class="note">'
            f"{len(nodes)} / {len(ranked)}</text>"
        )
    parts.append("</svg>")
    return _styled("\n".join(parts))


def label_text(language: str) -> str:
    return {"en": "stakeholder network", "nb": "aktørnettverk", "sv": "aktörsnätverk"}.get(
        language, "stakeholder network"
    )


def person_word(language: str) -> str:
    return {"en": "a person", "nb": "en person", "sv": "en person"}.get(language, "a person")


_LEGEND_WORDS: Final = {
    "en": ("colour: helix", "shape: country", "size: number of ties", "line: a tie"),
    "nb": ("farge: heliks", "form: land", "størrelse: antall bånd", "linje: et bånd"),
    "sv": ("färg: helix", "form: land", "storlek: antal band", "linje: ett band"),
}


def _helix_label(value: object, language: str) -> str:
    try:
        return label(Helix(str(value)), language)
    except ValueError:
        return str(value)


def _legend(language: str, top: int, countries: Sequence[str]) -> str:
    """Three rows under the drawing: colours by helix, shapes by country, sizes and marks."""
    colour_word, shape_word, size_word, line_word = _LEGEND_WORDS.get(
        language, _LEGEND_WORDS["en"]
    )
    items = [f'<g class="legend-box"><line x1="0" y1="{top}" x2="960" y2="{top}" '
             'stroke="#d5dbe1"/>']  # fmt: skip
    y = top + 22
    items.append(f'<text x="12" y="{y + 4}" class="legend-title">{e(colour_word)}</text>')
    x = 180
    for helix, colour in HELIX_COLOURS.items():
        name = label(Helix(helix), language)
        items.append(
            f'<circle cx="{x + 6}" cy="{y}" r="6" fill="{colour}" stroke="#1f2933" '
            f'stroke-width="0.8"/><text x="{x + 16}" y="{y + 4}" class="legend">{e(name)}</text>'
        )
        x += 28 + int(6.6 * len(name))
    y += 26
    items.append(f'<text x="12" y="{y + 4}" class="legend-title">{e(shape_word)}</text>')
    x = 180
    for country in countries or ("SE",):
        shape = _shape(
            country, x + 6, y, 6.0, attributes='fill="#9aa5b1" stroke="#1f2933"', title=e(country)
        )
        items.append(f'{shape}<text x="{x + 16}" y="{y + 4}" class="legend">{e(country)}</text>')
        x += 28 + int(6.6 * len(country))
    y += 26
    items.append(f'<text x="12" y="{y + 4}" class="legend-title">{e(size_word)}</text>')
    x = 180
    for ties in (1, 9, 25):
        r = 4.0 + 1.6 * math.sqrt(ties)
        items.append(
            f'<circle cx="{x + r:.1f}" cy="{y}" r="{r:.1f}" fill="none" stroke="#1f2933" '
            f'stroke-width="0.8"/><text x="{x + 2 * r + 4:.1f}" y="{y + 4}" class="legend">'
            f"{ties}</text>"
        )
        x += int(2 * r) + 30
    items.append(
        f'<circle cx="{x + 6}" cy="{y}" r="3" fill="#555555"/>'
        f'<text x="{x + 14}" y="{y + 4}" class="legend">{e(person_word(language))}</text>'
    )
    x += 30 + int(6.6 * len(person_word(language)))
    items.append(
        f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="#9aa5b1" stroke-width="2"/>'
        f'<text x="{x + 30}" y="{y + 4}" class="legend">{e(line_word)}</text></g>'
    )
    return "".join(items)


def _template(arena: Arena) -> ArenaTemplate | None:
    try:
        return resolve_template(arena, None)
    except SmiceError:
        return None


def _phase_label(template: ArenaTemplate | None, variant: str, phase: str, language: str) -> str:
    if template is not None:
        try:
            labels = template.phase_plan(variant).phase(phase).labels
        except SmiceError:
            return phase
        return labels.get(language) or labels.get("en") or phase
    return phase


def _colour(phase: str, palette: dict[str, str]) -> str:
    if phase not in palette:
        palette[phase] = PHASE_COLOURS.get(phase, _OTHER_PHASES[len(palette) % len(_OTHER_PHASES)])
    return palette[phase]


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=UTC)


@attrs.frozen
class _Row:
    arena: Arena
    template: ArenaTemplate | None
    end: datetime
    x: Callable[[datetime], float]
    words: Mapping[str, str]
    language: str
    palette: dict[str, str]
    names: dict[str, str]


def _stall_flag(row: _Row, cycle: Cycle) -> str:
    if cycle.status is not CycleStatus.ACTIVE:
        return ""
    try:
        if is_stalled(row.arena, cycle.id, at=row.end, template=row.template):
            # The clock stalling reads: days without activity (not days in the phase).
            days = int(days_since_activity(row.arena, cycle.id, at=row.end))
            return f" ⚠ {row.words['stalled']} ({days} d)"
    except SmiceError:
        return ""
    return ""


def _cycle_row(row: _Row, cycle: Cycle, y: float) -> list[str]:
    arena, end, x = row.arena, row.end, row.x
    owner = ""
    if cycle.team is not None:
        owner = next((t.name for t in arena.teams if t.id == cycle.team), "")
    elif cycle.platform is not None:
        owner = next((p.name for p in arena.platforms if p.id == cycle.platform), "")
    name = f"{cycle.id}" + (f" · {owner}" if owner else "")
    shown = name if len(name) <= 36 else name[:35] + "…"
    parts = [
        f'<text x="4" y="{y + 15}" class="cycle-name"><title>{e(name)}</title>'
        f"{e(shown)}</text>"
        f'<text x="4" y="{y + 28}" class="cycle-status">{e(cycle.variant)} · '
        f"{e(label(cycle.status, row.language))}</text>"
    ]
    flag = _stall_flag(row, cycle)
    visits = [v for v in cycle.history if v.entered_at <= end]
    for index, visit in enumerate(visits):
        open_at_end = visit.left_at is None or visit.left_at > end
        stop = end if open_at_end or visit.left_at is None else visit.left_at
        x1, x2 = x(visit.entered_at), max(x(stop), x(visit.entered_at) + 2)
        # The phase a cycle is in at the end of the axis: still open then, and the cycle
        # still running (or, looking back, not yet finished).
        current = (
            index == len(visits) - 1
            and open_at_end
            and (
                cycle.status in (CycleStatus.ACTIVE, CycleStatus.PAUSED)
                or visit is not cycle.history[-1]
            )
        )
        phase_name = _phase_label(row.template, str(cycle.variant), visit.phase, row.language)
        row.names.setdefault(visit.phase, phase_name)
        outline = 'stroke="#111827" stroke-width="2.5"' if current else 'stroke="#ffffff"'
        title = (
            f"{phase_name}: {visit.entered_at.date().isoformat()} – "
            + ("…" if open_at_end else stop.date().isoformat())
            + (f" ({visit.reason})" if visit.reason else "")
        )
        parts.append(
            f'<rect x="{x1:.1f}" y="{y + 4}" width="{x2 - x1:.1f}" height="20" '
            f'fill="{_colour(visit.phase, row.palette)}" {outline}>'
            f"<title>{e(title)}</title></rect>"
        )
        if current:
            css = "current stalled" if flag else "current"
            parts.append(
                f'<text x="{x2 + 5:.1f}" y="{y + 19}" class="{css}">◀ '
                f"{e(phase_name)}{e(flag)}</text>"
            )
    return parts


def _no_cycles(words: Mapping[str, str]) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 40" width="960" height="40" '
        f'role="img" class="timeline" {_FONT}><title>{e(words["cycles"])}</title>'
        f'<text x="4" y="24">{e(words["no_cycles"])}</text></svg>'
    )


def timeline_svg(arena: Arena, at: date | None, words: Mapping[str, str], language: str) -> str:
    """Each cycle's phases as bars on one time axis; the current phase outlined and marked,
    stalled cycles flagged."""
    if not arena.cycles:
        return _no_cycles(words)
    template = _template(arena)
    end_day = at or latest_date(arena)
    end = _moment(end_day)
    cycles = sorted(arena.cycles, key=lambda c: (c.started_at, c.id))
    cycles = [c for c in cycles if c.started_at <= end]
    if not cycles:
        return _no_cycles(words)
    start = min(c.started_at for c in cycles)
    first = date(start.year, 1, 1)
    last = end_day + timedelta(days=15)
    left, right, row, top = 250, 740, 34, 40
    height = top + row * len(cycles) + 50
    origin = datetime.combine(first, time.min, tzinfo=UTC)
    span = (datetime.combine(last, time.min, tzinfo=UTC) - origin).total_seconds()

    def x(moment: datetime) -> float:
        return left + (right - left) * (moment - origin).total_seconds() / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 {height}" width="960" '
        f'height="{height}" role="img" class="timeline" {_FONT}>',
        f"<title>{e(words['cycles'])}: {e(arena.name)}</title>",
        f'<rect width="960" height="{height}" fill="#ffffff"/>',
    ]
    for year in range(first.year, last.year + 1 if last.month > 1 else last.year):
        tick = x(datetime(year, 1, 1, tzinfo=UTC))
        parts.append(
            f'<line x1="{tick:.1f}" y1="{top - 14}" x2="{tick:.1f}" y2="{height - 40}" '
            f'stroke="#d5dbe1"/><text x="{tick + 3:.1f}" y="{top - 18}" class="axis">{year}</text>'
        )
    palette: dict[str, str] = {}
    names: dict[str, str] = {}
    for number, cycle in enumerate(cycles):
        row_context = _Row(arena, template, end, x, words, language, palette, names)
        parts += _cycle_row(row_context, cycle, top + number * row)
    marker = x(end)
    parts.append(
        f'<line x1="{marker:.1f}" y1="{top - 6}" x2="{marker:.1f}" y2="{height - 40}" '
        f'stroke="#D55E00" stroke-dasharray="4 3"/>'
        f'<text x="{marker - 4:.1f}" y="{height - 26}" text-anchor="end" class="axis">'
        f"{e(words['today'])} {end_day.isoformat()}</text>"
    )
    x0 = 4
    legend_y = height - 12
    for phase, colour in palette.items():
        name = names.get(phase, phase)
        parts.append(
            f'<rect x="{x0}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x0 + 16}" y="{legend_y}" class="legend">{e(name)}</text>'
        )
        x0 += 30 + 8 * len(name)
    parts.append(
        f'<rect x="{x0}" y="{legend_y - 10}" width="18" height="12" fill="#ffffff" '
        f'stroke="#111827" stroke-width="2.5"/><text x="{x0 + 24}" y="{legend_y}" '
        f'class="legend">{e(words["current_phase"])}</text>'
    )
    parts.append("</svg>")
    return _styled("\n".join(parts))
