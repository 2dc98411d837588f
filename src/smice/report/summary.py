"""A plain-text summary of an arena: who takes part, where, and how far the cycles are.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from smice.domain import Arena, Country, CycleStatus, Helix, Language, Phase, label
from smice.indicators import latest_date
from smice.process import days_in_phase
from smice.process.signals import days_since_activity

__all__ = ["summarize", "table"]

_PHASES: Final = frozenset(p.value for p in Phase)

#: The words of the summary, by language. What each count counts is said where it is shown:
#: tie *records* of every kind and date (the indicator N.n_ties counts only ties between two
#: organisations holding on the day), helices of *organisations* (as the A.<helix>_share
#: indicators), days in the phase and days without activity (what stalling reads).
_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "en": {
        "template": "template",
        "created": "created",
        "regions": "regions",
        "none": "none",
        "stakeholders": "{n} stakeholders ({orgs} organisations, {persons} persons); "
        "helices count organisations",
        "helix": "helix",
        "all": "all",
        "ties": "{n} tie records (every kind and date, persons included; N.n_ties counts "
        "the ties between two organisations on the day)",
        "kind": "kind",
        "tie_records": "records",
        "platforms": "{n} platforms",
        "platform": "platform",
        "municipality": "municipality",
        "country": "country",
        "teams": "teams",
        "progress_teams": "{n} progress teams",
        "team": "team",
        "status": "status",
        "members": "members",
        "cycles": "{n} cycles (days counted to the end of {day})",
        "cycle": "cycle",
        "owner": "owner",
        "variant": "variant",
        "phase": "phase",
        "days_in_phase": "days in phase",
        "days_quiet": "days without activity",
        "parent": "parent",
        "initiatives": "{n} initiatives: ",
        "flows": "{n} resource flows: ",
    },
    "nb": {
        "template": "mal",
        "created": "opprettet",
        "regions": "regioner",
        "none": "ingen",
        "stakeholders": "{n} aktører ({orgs} organisasjoner, {persons} personer); "
        "aktørgruppene teller organisasjoner",
        "helix": "aktørgruppe",
        "all": "alle",
        "ties": "{n} registrerte bånd (alle slag og datoer, personer medregnet; N.n_ties "
        "teller båndene mellom to organisasjoner på dagen)",
        "kind": "slag",
        "tie_records": "registreringer",
        "platforms": "{n} plattformer",
        "platform": "plattform",
        "municipality": "kommune",
        "country": "land",
        "teams": "team",
        "progress_teams": "{n} framdriftsteam",
        "team": "team",
        "status": "status",
        "members": "medlemmer",
        "cycles": "{n} sykluser (dager regnet til slutten av {day})",
        "cycle": "syklus",
        "owner": "eier",
        "variant": "variant",
        "phase": "fase",
        "days_in_phase": "dager i fasen",
        "days_quiet": "dager uten aktivitet",
        "parent": "overordnet",
        "initiatives": "{n} initiativer: ",
        "flows": "{n} ressursstrømmer: ",
    },
    "sv": {
        "template": "mall",
        "created": "skapad",
        "regions": "regioner",
        "none": "inga",
        "stakeholders": "{n} aktörer ({orgs} organisationer, {persons} personer); "
        "aktörsgrupperna räknar organisationer",
        "helix": "aktörsgrupp",
        "all": "alla",
        "ties": "{n} registrerade band (alla slag och datum, personer medräknade; N.n_ties "
        "räknar banden mellan två organisationer på dagen)",
        "kind": "slag",
        "tie_records": "registreringar",
        "platforms": "{n} plattformar",
        "platform": "plattform",
        "municipality": "kommun",
        "country": "land",
        "teams": "team",
        "progress_teams": "{n} framstegsteam",
        "team": "team",
        "status": "status",
        "members": "medlemmar",
        "cycles": "{n} cykler (dagar räknade till slutet av {day})",
        "cycle": "cykel",
        "owner": "ägare",
        "variant": "variant",
        "phase": "fas",
        "days_in_phase": "dagar i fasen",
        "days_quiet": "dagar utan aktivitet",
        "parent": "överordnad",
        "initiatives": "{n} initiativ: ",
        "flows": "{n} resursflöden: ",
    },
}


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
        The day "days in phase" and "days without activity" are counted to (the end of
        it); by default :func:`smice.indicators.latest_date`, the day
        :func:`smice.report.assess` measures by default, so both views agree.

    Examples
    --------
    >>> from datetime import date
    >>> arena = Arena(id="a", name="Demo arena", template="smice/base",
    ...               created_on=date(2018, 1, 1))
    >>> print(summarize(arena))  # doctest: +ELLIPSIS
    Demo arena (a), template smice/base, created 2018-01-01
    ...
    0 stakeholders (0 organisations, 0 persons); helices count organisations
    ...

    .. versionadded:: 0.1.0
    """
    lang = Language(language)
    w = _WORDS[str(lang)]
    out = [
        f"{arena.name} ({arena.id}), {w['template']} {arena.template}, "
        f"{w['created']} {arena.created_on.isoformat()}",
        f"{w['regions']}: "
        + (", ".join(f"{r.name} ({r.country})" for r in arena.regions) or w["none"]),
        "",
    ]
    persons = sum(1 for s in arena.stakeholders if s.is_person)
    organisations = [s for s in arena.stakeholders if not s.is_person]
    out.append(
        w["stakeholders"].format(
            n=len(arena.stakeholders), orgs=len(organisations), persons=persons
        )
    )
    # Organisations by helix: the subjects of the A.<helix>_share indicators.
    counts = Counter((s.helix, s.country) for s in organisations)
    countries = [c for c in Country if any(k[1] is c for k in counts)]
    rows: list[list[object]] = [
        [
            label(h, lang),
            *(counts[(h, c)] for c in countries),
            sum(counts[(h, c)] for c in countries),
        ]
        for h in Helix
    ]
    out += [table([w["helix"], *(str(c) for c in countries), w["all"]], rows), ""]

    out.append(w["ties"].format(n=len(arena.ties)))
    ties = Counter(t.kind for t in arena.ties)
    out += [
        table([w["kind"], w["tie_records"]], [[label(k, lang), n] for k, n in ties.most_common()]),
        "",
    ]

    out.append(w["platforms"].format(n=len(arena.platforms)))
    out += [
        table(
            [w["platform"], w["municipality"], w["country"], w["teams"]],
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
    out.append(w["progress_teams"].format(n=len(arena.teams)))
    out += [
        table(
            [w["team"], w["status"], w["members"]],
            [[t.name, label(t.status, lang), len(t.current_members)] for t in arena.teams],
        ),
        "",
    ]
    day = today or latest_date(arena)
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
    out.append(w["cycles"].format(n=len(arena.cycles), day=day.isoformat()))
    cycle_rows: list[list[object]] = []
    for c in arena.cycles:
        owner = arena.team(c.team).name if c.team else arena.platform(c.platform or "").name
        active = c.status is CycleStatus.ACTIVE
        in_phase = int(days_in_phase(arena, c.id, at=end)) if active else ""
        quiet = int(days_since_activity(arena, c.id, at=end)) if active else ""
        cycle_rows.append(
            [
                c.id,
                owner,
                str(c.variant),
                label(Phase(c.phase), lang) if c.phase in _PHASES else c.phase,
                label(c.status, lang),
                in_phase,
                quiet,
                c.parent or "",
            ]
        )
    out += [
        table(
            [
                w["cycle"],
                w["owner"],
                w["variant"],
                w["phase"],
                w["status"],
                w["days_in_phase"],
                w["days_quiet"],
                w["parent"],
            ],
            cycle_rows,
        ),
        "",
    ]
    maturity = Counter(i.maturity for i in arena.initiatives)
    out.append(
        w["initiatives"].format(n=len(arena.initiatives))
        + (", ".join(f"{n} {label(m, lang)}" for m, n in maturity.most_common()) or w["none"])
    )
    flows = Counter(f.status for f in arena.flows)
    out.append(
        w["flows"].format(n=len(arena.flows))
        + (", ".join(f"{n} {label(s, lang)}" for s, n in flows.most_common()) or w["none"])
    )
    return "\n".join(out)
