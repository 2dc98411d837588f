"""An assessment as plain text: key indicators, recommendations with their evidence and
explanation, and the rules that did not fire.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from smice.domain import Language
from smice.domain.templates import Labels
from smice.errors import NotFound
from smice.policy import FactValue
from smice.policy.texts import format_value, localise_no_change, phrase, unit_name
from smice.report.assess import Assessment
from smice.report.summary import table

__all__ = ["format_fact", "pick", "render_text", "words"]

#: Headings and short phrases of reports, by language.
_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "en": {
        "assessment": "Assessment of",
        "as_of": "as of",
        "whole_history": "over its whole recorded history",
        "ruleset": "rule set",
        "key_indicators": "Key indicators",
        "indicator": "indicator",
        "value": "value",
        "unit": "unit",
        "description": "description",
        "recommendations": "Recommendations",
        "no_recommendations": "No rule fired.",
        "not_fired": "Rules that did not fire",
        "fired_count": "{n} of {total} rules fired",
        "not_fired_count": "{n} of {total} rules did not fire: show why",
        "indicators": "Indicators against thresholds",
        "threshold": "threshold",
        "rule": "rule",
        "holds": "holds",
        "yes": "yes",
        "no": "no",
        "unknown": "unknown",
        "network": "Stakeholder network",
        "cycles": "Appreciative Inquiry cycles",
        "evidence": "Evidence",
        "why": "Why",
        "rationale": "Rationale",
        "references": "References",
        "instrument": "instrument",
        "level": "level",
        "smallest_change": "smallest change",
        "missing_facts": "missing",
        "failing": "failing",
        "stalled": "stalled",
        "current_phase": "current phase",
        "legend": "Legend",
        "persons_note": "Persons appear only with consent to network analysis and export, "
        "and are never named.",
        "no_cycles": "No cycles yet.",
        "today": "measured",
        "explain_hint": "Run `smice explain FILE RULE` for one rule in full.",
        "checks_note": "A threshold holds when the indicator meets the rule's comparison; a "
        "rule fires when all it needs holds. Highlighted: used by a rule that fired.",
    },
    "nb": {
        "assessment": "Vurdering av",
        "as_of": "per",
        "whole_history": "over hele den registrerte historikken",
        "ruleset": "regelsett",
        "key_indicators": "Nøkkelindikatorer",
        "indicator": "indikator",
        "value": "verdi",
        "unit": "enhet",
        "description": "beskrivelse",
        "recommendations": "Anbefalinger",
        "no_recommendations": "Ingen regel slo til.",
        "not_fired": "Regler som ikke slo til",
        "fired_count": "{n} av {total} regler slo til",
        "not_fired_count": "{n} av {total} regler slo ikke til: vis hvorfor",
        "indicators": "Indikatorer mot terskler",
        "threshold": "terskel",
        "rule": "regel",
        "holds": "oppfylt",
        "yes": "ja",
        "no": "nei",
        "unknown": "ukjent",
        "network": "Aktørnettverk",
        "cycles": "Appreciative Inquiry-sykluser",
        "evidence": "Grunnlag",
        "why": "Hvorfor",
        "rationale": "Begrunnelse",
        "references": "Referanser",
        "instrument": "virkemiddel",
        "level": "nivå",
        "smallest_change": "minste endring",
        "missing_facts": "mangler",
        "failing": "ikke oppfylt",
        "stalled": "stoppet opp",
        "current_phase": "nåværende fase",
        "legend": "Forklaring",
        "persons_note": "Personer vises bare med samtykke til nettverksanalyse og eksport, "
        "og navngis aldri.",
        "no_cycles": "Ingen sykluser ennå.",
        "today": "målt",
        "explain_hint": "Kjør `smice explain FIL REGEL` for én regel i detalj.",
        "checks_note": "En terskel er oppfylt når indikatoren oppfyller regelens sammenligning; "
        "en regel slår til når alt den krever er oppfylt. Uthevet: brukt av en regel som slo "
        "til.",
    },
    "sv": {
        "assessment": "Bedömning av",
        "as_of": "per",
        "whole_history": "över hela den registrerade historiken",
        "ruleset": "regeluppsättning",
        "key_indicators": "Nyckelindikatorer",
        "indicator": "indikator",
        "value": "värde",
        "unit": "enhet",
        "description": "beskrivning",
        "recommendations": "Rekommendationer",
        "no_recommendations": "Ingen regel slog till.",
        "not_fired": "Regler som inte slog till",
        "fired_count": "{n} av {total} regler slog till",
        "not_fired_count": "{n} av {total} regler slog inte till: visa varför",
        "indicators": "Indikatorer mot tröskelvärden",
        "threshold": "tröskelvärde",
        "rule": "regel",
        "holds": "uppfyllt",
        "yes": "ja",
        "no": "nej",
        "unknown": "okänt",
        "network": "Aktörsnätverk",
        "cycles": "Appreciative Inquiry-cykler",
        "evidence": "Underlag",
        "why": "Varför",
        "rationale": "Motivering",
        "references": "Referenser",
        "instrument": "styrmedel",
        "level": "nivå",
        "smallest_change": "minsta ändring",
        "missing_facts": "saknas",
        "failing": "inte uppfyllt",
        "stalled": "avstannad",
        "current_phase": "nuvarande fas",
        "legend": "Förklaring",
        "persons_note": "Personer visas bara med samtycke till nätverksanalys och export, "
        "och namnges aldrig.",
        "no_cycles": "Inga cykler ännu.",
        "today": "mätt",
        "explain_hint": "Kör `smice explain FIL REGEL` för en regel i detalj.",
        "checks_note": "Ett tröskelvärde är uppfyllt när indikatorn uppfyller regelns "
        "jämförelse; en regel slår till när allt den kräver är uppfyllt. Markerat: används av "
        "en regel som slog till.",
    },
}


def words(language: Language | str) -> Mapping[str, str]:
    """The headings and phrases of reports in *language*.

    Raises
    ------
    smice.errors.NotFound
        When smice does not speak *language*.

    Examples
    --------
    >>> words("nb")["recommendations"]
    'Anbefalinger'

    .. versionadded:: 0.1.0
    """
    try:
        return _WORDS[str(Language(language))]
    except ValueError:
        raise NotFound("language", str(language), [str(lang) for lang in Language]) from None


def pick(labels: Labels, language: str) -> str:
    """The text of *labels* in *language*, else English, else any."""
    return labels.get(language) or labels.get("en") or next(iter(labels.values()), "")


def format_fact(value: FactValue, unit: str, language: str = "en") -> str:
    """A fact's value for people: shares as percentages, counts as whole numbers.

    Examples
    --------
    >>> format_fact(0.1234, "share"), format_fact(12, "count"), format_fact(None, "share")
    ('12.3%', '12', 'n/a')
    >>> format_fact(0.5, "share", "sv")
    '50,0\\xa0%'

    .. versionadded:: 0.1.0
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        if unit == "share":
            return format_value(value, ".1%", language)
        if unit == "count":
            return format_value(value, "d", language)
    return format_value(value, "", language)


_SUPPRESSED: Final = re.compile(r"suppressed: fewer than (\d+) persons")
_SUPPRESSED_TEXT: Final = {
    "nb": "skjult: færre enn {k} personer",
    "sv": "dolt: färre än {k} personer",
}


def reason_text(reason: str, language: str) -> str:
    """Why a fact is missing, for a report in *language*: the reason itself in English; in
    nb and sv the small-cell suppression in words of the language, and nothing for other
    reasons (those are written in English).

    Examples
    --------
    >>> reason_text("suppressed: fewer than 5 persons", "sv")
    'dolt: färre än 5 personer'
    >>> reason_text("no organisations", "nb")
    ''

    .. versionadded:: 0.2.0
    """
    if language not in _SUPPRESSED_TEXT or not reason:
        return reason
    match = _SUPPRESSED.fullmatch(reason)
    return _SUPPRESSED_TEXT[language].format(k=match.group(1)) if match else ""


def _with_reason(fact: str, assessment: Assessment, language: str = "en") -> str:
    found = assessment.facts.get(fact)
    why = reason_text(found.reason, language) if found is not None else ""
    return f"{fact} ({why})" if why else fact


def render_text(assessment: Assessment, *, language: Language | str = Language.EN) -> str:
    """The assessment as readable text: key indicators, each recommendation with its
    evidence, thresholds and explanation tree, and why the other rules did not fire.

    Parameters
    ----------
    assessment : Assessment
    language : {"en", "nb", "sv"}
        The language of headings, values and recommendation texts (rule texts fall back to
        English where a rule set has no translation).

    Examples
    --------
    >>> from smice.io import load_arena
    >>> from smice.report import assess
    >>> text = render_text(assess(load_arena("examples/arenas/tutorial.json")))
    >>> text.splitlines()[0]
    'Assessment of Storsjöbygden–Meldal tutorial arena (tutorial) as of 2019-01-15'

    .. versionadded:: 0.1.0
    """
    w = words(language)
    lang = str(Language(language))
    when = (
        f"{w['as_of']} {assessment.at.isoformat()}"
        if assessment.at is not None
        else w["whole_history"]
    )
    total = len(assessment.recommendations) + len(assessment.not_fired)
    out = [
        f"{w['assessment']} {assessment.arena_name} ({assessment.arena_id}) {when}",
        f"{w['ruleset']} {assessment.ruleset.id} {assessment.ruleset.version}: "
        + w["fired_count"].format(n=len(assessment.recommendations), total=total),
        "",
        w["key_indicators"],
    ]
    rows = []
    for fact in assessment.key_indicators():
        found = assessment.facts[fact]
        shown = format_fact(found.value, found.unit, lang)
        why = reason_text(found.reason, lang)
        if found.value is None and why:
            shown += f" ({why})"
        rows.append([fact, shown, unit_name(found.unit, lang)])
    out += [table([w["indicator"], w["value"], w["unit"]], rows), ""]
    out.append(w["recommendations"])
    if not assessment.recommendations:
        out.append(w["no_recommendations"])
    for number, recommendation in enumerate(assessment.recommendations, start=1):
        out.append(f"{number}. {recommendation.describe(lang)}")
        rationale = pick(assessment.ruleset.rule(recommendation.rule_id).rationale, lang)
        if rationale:
            out.append(f"  {w['rationale'].lower()}: {rationale}")
        out.append("")
    if assessment.not_fired:
        out.append(w["not_fired"])
        for item in assessment.not_fired:
            line = f"- {item.rule_id}: {phrase(item.reason.value, lang)}"
            if item.superseded_by:
                line += f" ({item.superseded_by})"
            elif item.missing:
                line += f"; {w['missing_facts']}: " + ", ".join(
                    _with_reason(fact, assessment, lang) for fact in item.missing
                )
            elif item.smallest_change is not None:
                line += f"; {w['smallest_change']}: {item.smallest_change.describe(lang)}"
            elif item.no_change:
                line += f"; {localise_no_change(item.no_change, lang)}"
            out.append(line)
        out += ["", w["explain_hint"]]
    return "\n".join(out).rstrip("\n") + "\n"
