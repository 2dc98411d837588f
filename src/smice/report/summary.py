"""A plain-text summary of an arena: who takes part, where, and how far the cycles are.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from smice.domain import Arena, Country, Helix, Language, label

__all__ = ["summarize", "table"]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Format *rows* as an aligned text table; numeric columns are right-aligned.

    Examples
    --------
    >>> print(table(["helix", "n"], [["industry", 12], ["academia", 3]]))
    helix      n
    --------  --
    industry  12
    academia   3
    """
    numeric = [
        bool(rows) and all(isinstance(row[i], int | float) for row in rows)
        for i in range(len(headers))
    ]
    body = [[str(cell) for cell in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if numeric[i] else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in body)])


def summarize(
    arena: Arena, *, language: Language | str = Language.EN, today: date | None = None
) -> str:
    """A readable summary of *arena*: stakeholders by helix and country, platforms, teams,
    cycles with their current phase, initiatives and resource flows.

    Parameters
    ----------
    arena : Arena
        The arena to describe.
    language : {"en", "nb", "sv"}
        The language of vocabulary labels.
    today : date, optional
        The day "days in phase" are counted to (default: the latest date in the arena's
        cycle histories, so the summary of a document does not change with the calendar).

    Examples
    --------
    >>> from datetime import date
    >>> arena = Arena(id="a", name="Demo arena", template="smice/base",
    ...               created_on=date(2018, 1, 1))
    >>> print(summarize(arena))  # doctest: +ELLIPSIS
    Demo arena (a), template smice/base, created 2018-01-01
    ...
    0 stakeholders (0 organisations, 0 persons)
    ...

    .. versionadded:: 0.1.0
    """
    lang = Language(language)
    out = [
        f"{arena.name} ({arena.id}), template {arena.template}, "
        f"created {arena.created_on.isoformat()}",
        "regions: " + (", ".join(f"{r.name} ({r.country})" for r in arena.regions) or "none"),
        "",
    ]
    persons = sum(1 for s in arena.stakeholders if s.is_person)
    out.append(
        f"{len(arena.stakeholders)} stakeholders "
        f"({len(arena.stakeholders) - persons} organisations, {persons} persons)"
    )
    counts = Counter((s.helix, s.country) for s in arena.stakeholders)
    countries = [c for c in Country if any(k[1] is c for k in counts)]
    rows: list[list[object]] = [
        [
            label(h, lang),
            *(counts[(h, c)] for c in countries),
            sum(counts[(h, c)] for c in countries),
        ]
        for h in Helix
    ]
    out += [table(["helix", *(str(c) for c in countries), "all"], rows), ""]

    out.append(f"{len(arena.ties)} ties")
    ties = Counter(t.kind for t in arena.ties)
    out += [table(["kind", "ties"], [[label(k, lang), n] for k, n in ties.most_common()]), ""]

    out.append(f"{len(arena.platforms)} platforms")
    out += [
        table(
            ["platform", "municipality", "country", "teams"],
            [
                [
                    p.name,
                    p.municipality or "",
                    str(p.country),
                    sum(1 for t in arena.teams if t.platform == p.id),
                ]
                for p in arena.platforms
            ],
        ),
        "",
    ]
    out.append(f"{len(arena.teams)} progress teams")
    out += [
        table(
            ["team", "status", "members"],
            [[t.name, label(t.status, lang), len(t.current_members)] for t in arena.teams],
        ),
        "",
    ]
    latest = (
        today or max((v.left_at or v.entered_at).date() for c in arena.cycles for v in c.history)
        if arena.cycles
        else today
    )
    out.append(f"{len(arena.cycles)} cycles")
    cycle_rows: list[list[object]] = []
    for c in arena.cycles:
        owner = arena.team(c.team).name if c.team else arena.platform(c.platform or "").name
        entered = c.history[-1].entered_at.date()
        days = (latest - entered).days if latest else 0
        cycle_rows.append(
            [c.id, owner, str(c.variant), c.phase, label(c.status, lang), days, c.parent or ""]
        )
    out += [
        table(
            ["cycle", "owner", "variant", "phase", "status", "days in phase", "parent"], cycle_rows
        ),
        "",
    ]
    maturity = Counter(i.maturity for i in arena.initiatives)
    out.append(
        f"{len(arena.initiatives)} initiatives: "
        + (", ".join(f"{n} {label(m, lang)}" for m, n in maturity.most_common()) or "none")
    )
    flows = Counter(f.status for f in arena.flows)
    out.append(
        f"{len(arena.flows)} resource flows: "
        + (", ".join(f"{n} {label(s, lang)}" for s, n in flows.most_common()) or "none")
    )
    return "\n".join(out)
