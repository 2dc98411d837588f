"""An assessment as one self-contained HTML page: inline CSS and SVG, no scripts, fonts,
images or links to fetch, so it renders offline and can be mailed as a single file.

Arena and rule-set texts are untrusted: every one passes through :func:`html.escape`. The
page is an export of personal data, so persons appear only with consent to network analysis
and to export, and never by name.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import metadata
from typing import Final

from smice.domain import Arena, GovernmentLevel, InstrumentType, Language, label
from smice.domain.display import card, heading, table
from smice.errors import InvalidValue
from smice.indicators import CATALOGUE
from smice.policy import Fact, NotFired, Recommendation, Trace
from smice.policy.texts import localise_condition, localise_no_change, phrase, unit_name
from smice.report._drawing import e, network_svg, timeline_svg
from smice.report.assess import Assessment, ThresholdCheck
from smice.report.text import format_fact, pick, reason_text, words

__all__ = ["assessment_card", "render_html"]

_CSS: Final = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d5dbe1; --bg: #f7f9fb;
  --ok: #0b7a53; --bad: #b42318; --unknown: #8a6d00; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: var(--bg); }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
header { border-bottom: 3px solid #0072B2; margin-bottom: 16px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 0 0 6px; }
.meta { color: var(--muted); margin: 0 0 12px; }
nav a { margin-right: 14px; color: #0072B2; }
section { background: #fff; padding: 4px 18px 16px; border: 1px solid var(--line);
  border-radius: 6px; margin-bottom: 18px; }
article.rec { border-left: 5px solid #D55E00; padding: 8px 14px; margin: 14px 0;
  background: #fffaf5; }
.rule-id { font-family: ui-monospace, Menlo, Consolas, monospace; color: var(--muted); }
.tags span { display: inline-block; padding: 1px 8px; margin: 0 6px 4px 0;
  border-radius: 10px; background: #e6eef5; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 8px 0; }
table.inner { margin: 0; font-size: 13px; }
table.inner td { border: 0; padding: 1px 6px; }
table.inner td:nth-child(-n+2) { white-space: nowrap; }
table.indicators td.fact { max-width: 210px; overflow-wrap: anywhere; }
table.indicators td:last-child { min-width: 250px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code, .fact { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
.yes { color: var(--ok); font-weight: 600; }
.no { color: var(--bad); font-weight: 600; }
.unknown { color: var(--unknown); font-weight: 600; }
.fired { background: #fff1e6; }
ul.trace { list-style: none; padding-left: 18px; margin: 4px 0;
  font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
ul.trace > li > ul.trace { border-left: 1px dotted var(--line); }
.vals { color: var(--muted); }
details { margin: 6px 0; }
summary { cursor: pointer; font-weight: 600; }
.nf { border-top: 1px solid var(--line); padding: 8px 0; }
svg { width: 100%; height: auto; display: block; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
svg .node-label { font-size: 11px; font-weight: 600; paint-order: stroke; stroke: #fff;
  stroke-width: 3px; }
svg .cycle-name { font-size: 12px; font-weight: 600; }
svg .cycle-status, svg .axis { fill: var(--muted); }
svg .current { font-weight: 600; }
svg .stalled { fill: var(--bad); }
.note { color: var(--muted); font-size: 13px; }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; }
"""

_MARK: Final = {True: ("✓", "yes"), False: ("✗", "no"), None: ("?", "unknown")}


def _version() -> str:
    try:
        return metadata.version("smice")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _trace(trace: Trace, language: str) -> str:
    mark, css = _MARK[trace.result]
    shown = ", ".join(f"{k} = {format_fact(v, '', language)}" for k, v in trace.values.items())
    values = f' <span class="vals">[{e(shown)}]</span>' if shown else ""
    children = "".join(_trace(child, language) for child in trace.children)
    inner = f'<ul class="trace">{children}</ul>' if children else ""
    caption = e(trace.caption(language))
    return f'<li><span class="{css}">{mark}</span> {caption}{values}{inner}</li>'


def _tree(trace: Trace, language: str) -> str:
    return f'<ul class="trace">{_trace(trace, language)}</ul>'


def _fact_value(fact: Fact | None, language: str) -> str:
    if fact is None:
        return format_fact(None, "", language)
    return format_fact(fact.value, fact.unit, language)


def _tags(
    instruments: tuple[InstrumentType, ...],
    levels: tuple[GovernmentLevel, ...],
    w: Mapping[str, str],
    language: str,
) -> str:
    spans = [f"<span>{e(w['instrument'])}: {e(label(i, language))}</span>" for i in instruments]
    spans += [f"<span>{e(w['level'])}: {e(label(v, language))}</span>" for v in levels]
    return f'<p class="tags">{"".join(spans)}</p>'


def _recommendation(
    rec: Recommendation, assessment: Assessment, w: Mapping[str, str], language: str
) -> str:
    rule = assessment.ruleset.rule(rec.rule_id)
    rows = []
    for fact, value in rec.evidence.items():
        found = assessment.facts.get(fact)
        used = [localise_condition(str(t), language) for t in rec.thresholds if t.fact == fact]
        unit = found.unit if found is not None else ""
        rows.append(
            f'<tr><td class="fact">{e(fact)}</td>'
            f'<td class="num">{e(format_fact(value, unit, language))}</td>'
            f"<td>{e(unit_name(unit, language))}</td>"
            f"<td><code>{e('; '.join(used))}</code></td></tr>"
        )
    evidence = (
        f"<table><tr><th>{e(w['indicator'])}</th><th>{e(w['value'])}</th>"
        f"<th>{e(w['unit'])}</th><th>{e(w['threshold'])}</th></tr>{''.join(rows)}</table>"
    )
    rationale = pick(rule.rationale, language)
    references = "".join(f"<li>{e(r)}</li>" for r in rec.references)
    return (
        f'<article class="rec" id="rule-{e(rec.rule_id)}">'
        f'<h3><span class="rule-id">{e(rec.rule_id)}</span> {e(pick(rec.title, language))}</h3>'
        f"<p>{e(pick(rec.text, language))}</p>"
        + _tags(rec.instrument, rec.level, w, language)
        + f"<h4>{e(w['evidence'])}</h4>{evidence}"
        + f"<details open><summary>{e(w['why'])}</summary>"
        f"{_tree(rec.explanation, language)}</details>"
        + (f"<p><strong>{e(w['rationale'])}:</strong> {e(rationale)}</p>" if rationale else "")
        + (
            f"<details><summary>{e(w['references'])}</summary><ul>{references}</ul></details>"
            if references
            else ""
        )
        + "</article>"
    )


def _not_fired(item: NotFired, assessment: Assessment, w: Mapping[str, str], language: str) -> str:
    rule = assessment.ruleset.rule(item.rule_id)
    lines = [
        f"<li>{e(phrase(item.reason.value, language))}"
        + (f": {e(item.superseded_by)}" if item.superseded_by else "")
        + "</li>"
    ]
    if item.failing:
        failing = "; ".join(localise_condition(f, language) for f in item.failing)
        lines.append(f"<li>{e(w['failing'])}: <code>{e(failing)}</code></li>")
    if item.missing:
        lines.append(
            f"<li>{e(w['missing_facts'])}: <code>{e(', '.join(item.missing))}</code></li>"
        )
    if item.changes:
        change = item.changes[0].describe(language)
        lines.append(f"<li>{e(w['smallest_change'])}: {e(change)}</li>")
    elif item.no_change:
        lines.append(f"<li>{e(localise_no_change(item.no_change, language))}</li>")
    return (
        f'<div class="nf" id="rule-{e(item.rule_id)}"><strong><span class="rule-id">'
        f"{e(item.rule_id)}</span> {e(pick(rule.title, language))}</strong>"
        f"<ul>{''.join(lines)}</ul>"
        f"<details><summary>{e(w['why'])}</summary>{_tree(item.explanation, language)}"
        "</details></div>"
    )


def _check_rows(checks: list[ThresholdCheck], w: Mapping[str, str], language: str) -> str:
    grouped: dict[tuple[str, str], list[ThresholdCheck]] = {}
    for check in checks:
        key = (check.threshold.op, repr(check.threshold.value))
        grouped.setdefault(key, []).append(check)
    rows = []
    for same in grouped.values():
        first = same[0]
        mark, css = _MARK[first.holds]
        fired = ' class="fired"' if any(c.fired for c in same) else ""
        rules = ", ".join(dict.fromkeys(c.rule_id for c in same))
        rows.append(
            f"<tr{fired}><td><code>"
            f"{e(localise_condition(f'{first.threshold.op} {first.threshold.value}', language))}"
            "</code>"
            f'</td><td><span class="{css}">{mark}</span> {e(w[css])}</td>'
            f"<td>{e(rules)}</td></tr>"
        )
    return "".join(rows)


def _indicators(assessment: Assessment, w: Mapping[str, str], language: str) -> str:
    checks: dict[str, list[ThresholdCheck]] = {}
    for check in assessment.checks():
        checks.setdefault(check.threshold.fact, []).append(check)
    order = [f for f in CATALOGUE if f in assessment.facts]
    order += sorted(f for f in assessment.facts if f not in CATALOGUE)
    order += sorted(f for f in checks if f not in assessment.facts)
    rows = []
    for fact in order:
        found = assessment.facts.get(fact)
        spec = CATALOGUE.get(fact)
        name = spec.label(language) if spec is not None else ""
        # Definitions and reasons for missing values are written in English: other
        # languages show the name, and that the value is missing.
        description = spec.description if spec is not None and language == "en" else ""
        text = reason_text(found.reason, language) if found is not None else ""
        why = f": {text}" if text else ""
        reason = (
            f'<br><span class="unknown">{e(w["missing_facts"])}{e(why)}</span>'
            if found is not None and found.reason
            else ""
        )
        inner = _check_rows(checks.get(fact, []), w, language)
        table = f'<table class="inner">{inner}</table>' if inner else "—"
        rows.append(
            f'<tr><td class="fact" title="{e(description)}">{e(fact)}</td>'
            f'<td class="num">{e(_fact_value(found, language))}</td>'
            f"<td>{e(unit_name(found.unit, language) if found is not None else '')}</td>"
            f"<td><strong>{e(name)}</strong> {e(description)}{reason}</td>"
            f"<td>{table}</td></tr>"
        )
    return (
        f'<table class="indicators"><tr><th>{e(w["indicator"])}</th>'
        f"<th>{e(w['value'])}</th><th>{e(w['unit'])}</th><th>{e(w['description'])}</th>"
        f"<th>{e(w['threshold'])} · {e(w['holds'])} · {e(w['rule'])}</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _key_rows(assessment: Assessment, language: str) -> list[tuple[str, str, str]]:
    """(fact, value as shown, name) of the assessment's key indicators."""
    return [
        (
            fact,
            _fact_value(assessment.facts.get(fact), language),
            CATALOGUE[fact].label(language) if fact in CATALOGUE else "",
        )
        for fact in assessment.key_indicators()
    ]


def assessment_card(assessment: Assessment, *, language: Language | str = Language.EN) -> str:
    """A compact HTML card of *assessment* for notebooks (its ``_repr_html_``): the key
    indicators as in the report, and the fired recommendations with their titles and texts.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> from smice.report import assess
    >>> card = assessment_card(assess(load_arena("examples/arenas/tutorial.json")))
    >>> card.startswith('<div class="smice-card"'), "<script" in card
    (True, False)

    .. versionadded:: 0.2.0
    """
    w = words(language)
    lang = str(Language(language))
    recommendations = [
        f"<li><b>{e(r.rule_id)}</b> {e(pick(r.title, lang))}: {e(pick(r.text, lang))}</li>"
        for r in assessment.recommendations
    ]
    when = "" if assessment.at is None else f"{w['as_of']} {assessment.at.isoformat()} · "
    total = len(assessment.recommendations) + len(assessment.not_fired)
    return card(
        f"{w['assessment']} {assessment.arena_name}",
        f"{when}{w['ruleset']} {assessment.ruleset.id} {assessment.ruleset.version} · "
        + w["fired_count"].format(n=len(assessment.recommendations), total=total),
        [
            heading(w["key_indicators"]),
            table([w["indicator"], w["value"], w["description"]], _key_rows(assessment, lang)),
            heading(w["recommendations"]),
            f"<ul>{''.join(recommendations)}</ul>"
            if recommendations
            else f"<p>{e(w['no_recommendations'])}</p>",
        ],
    )


def render_html(
    arena: Arena, assessment: Assessment, *, language: Language | str = Language.EN
) -> str:
    """The assessment of *arena* as a self-contained HTML page.

    The page holds: the recommendations with their evidence, thresholds and explanation
    tree; every indicator against the thresholds the rules use; the stakeholder network as
    SVG (nodes coloured by helix, positions from a seeded force-directed layout); each
    cycle's phase timeline (current phase marked, stalled cycles flagged); and, folded, the
    rules that did not fire with why not. The same inputs always give the same page.

    Parameters
    ----------
    arena : Arena
        The arena that was assessed (for the network and the timelines).
    assessment : Assessment
        From :func:`smice.report.assess`.
    language : {"en", "nb", "sv"}
        The language of headings, labels and recommendation texts.

    Raises
    ------
    smice.errors.InvalidValue
        When *assessment* is of another arena.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> from smice.report import assess
    >>> arena = load_arena("examples/arenas/tutorial.json")
    >>> page = render_html(arena, assess(arena))
    >>> page.startswith("<!DOCTYPE html>"), "<script" in page, "http://" in page.replace(
    ...     'xmlns="http://www.w3.org/2000/svg"', "")
    (True, False, False)

    .. versionadded:: 0.1.0
    """
    if assessment.arena_id != arena.id:
        raise InvalidValue(
            "assessment", f"an assessment of arena {arena.id!r}", assessment.arena_id
        )
    w = words(language)
    lang = str(Language(language))
    at = assessment.at
    when = f"{w['as_of']} {at.isoformat()}" if at is not None else w["whole_history"]
    total = len(assessment.recommendations) + len(assessment.not_fired)
    recommendations = (
        "".join(_recommendation(r, assessment, w, lang) for r in assessment.recommendations)
        or f"<p>{e(w['no_recommendations'])}</p>"
    )
    not_fired = "".join(_not_fired(n, assessment, w, lang) for n in assessment.not_fired)
    title = f"{w['assessment']} {assessment.arena_name}"
    folded = w["not_fired_count"].format(n=len(assessment.not_fired), total=total)
    key = "".join(
        f'<tr><td class="fact">{e(f)}</td><td class="num">{e(value)}</td><td>{e(name)}</td></tr>'
        for f, value, name in _key_rows(assessment, lang)
    )
    sections = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body><main>",
        f"<header><h1>{e(title)}</h1>"
        f'<p class="meta">{e(arena.id)} · {e(arena.template)} · {e(when)} · '
        f"{e(w['ruleset'])} {e(assessment.ruleset.id)} {e(assessment.ruleset.version)} · "
        f"{e(w['fired_count'].format(n=len(assessment.recommendations), total=total))}</p>"
        f'<nav><a href="#recommendations">{e(w["recommendations"])}</a>'
        f'<a href="#indicators">{e(w["indicators"])}</a>'
        f'<a href="#network">{e(w["network"])}</a>'
        f'<a href="#cycles">{e(w["cycles"])}</a>'
        f'<a href="#not-fired">{e(w["not_fired"])}</a></nav></header>',
        f'<section id="key"><h2>{e(w["key_indicators"])}</h2><table>{key}</table></section>',
        f'<section id="recommendations"><h2>{e(w["recommendations"])}</h2>'
        f"{recommendations}</section>",
        f'<section id="indicators"><h2>{e(w["indicators"])}</h2>'
        f'<p class="note">{e(w["checks_note"])}</p>'
        f"{_indicators(assessment, w, lang)}</section>",
        f'<section id="network"><h2>{e(w["network"])}</h2>'
        f"{network_svg(arena, at, lang)}"
        f'<p class="note">{e(w["persons_note"])}</p></section>',
        f'<section id="cycles"><h2>{e(w["cycles"])}</h2>'
        f"{timeline_svg(arena, at, w, lang)}</section>",
        f'<section id="not-fired"><h2>{e(w["not_fired"])}</h2>'
        f"<details><summary>{e(folded)}</summary>{not_fired}"
        "</details></section>",
        f"<footer>smice {e(_version())}</footer>",
        "</main></body></html>",
    ]
    return "\n".join(sections) + "\n"
