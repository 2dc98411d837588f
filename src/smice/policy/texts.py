"""Recommendation texts: templates that cite fact values, with a tiny formatter of our own.

A template is plain text with placeholders ``{FACT}`` or ``{FACT:SPEC}``; ``{{`` and ``}}``
stand for braces. *SPEC* is one of ``.Nf`` (N decimals), ``.N%`` (a percentage with N
decimals) or ``d`` (a whole number), N from 0 to 6. Nothing else is interpreted: there is no
attribute access, indexing or conversion, so ``{x.__class__}`` is refused when the template is
read. Numbers are written the way each language writes them (``12.5%`` in English,
``12,5 %`` in Norwegian and Swedish).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

import attrs

from smice.policy.conditions import FactValue
from smice.policy.errors import RuleSyntaxError
from smice.policy.lexer import MAX_NAME, tokenize

__all__ = [
    "PHRASES",
    "Placeholder",
    "Template",
    "format_value",
    "localise_condition",
    "localise_no_change",
    "parse_template",
    "phrase",
    "unit_name",
]

_SPEC: Final = re.compile(r"(\.[0-6][f%]|d)?")
_MISSING: Final = {"en": "n/a", "nb": "mangler", "sv": "saknas"}
_YES_NO: Final = {"en": ("yes", "no"), "nb": ("ja", "nei"), "sv": ("ja", "nej")}
_NBSP: Final = "\u00a0"

#: The words of rule explanations (fired, not fired, changes, explanation trees), by
#: language. Keys are the same in every language.
PHRASES: Final[Mapping[str, Mapping[str, str]]] = {
    "en": {
        "fired": "{rule} fired: {title}",
        "not_fired": "{rule} did not fire ({reason})",
        "instrument": "instrument",
        "level": "level",
        "evidence": "evidence",
        "thresholds": "thresholds",
        "why": "why",
        "failing": "failing",
        "missing": "missing",
        "smallest_change": "smallest change",
        "or": "or",
        "superseded_by": "{other} of the same exclusive group fired instead",
        "condition_false": "condition false",
        "condition_unknown": "condition unknown: facts are missing",
        "insufficient_evidence": "insufficient evidence",
        "superseded": "superseded",
        "all of": "all of",
        "any of": "any of",
        "not": "not",
        "when": "when",
        "rule": "rule {rule}",
        "raise": "raise {fact} from {current} to {needed} (e.g. {example})",
        "lower": "lower {fact} from {current} to {needed} (e.g. {example})",
        "set": "set {fact} from {current} to {needed} (e.g. {example})",
        "worse": "only a change for the worse ({facts}) would make it fire",
        "two": "no change of one fact makes it fire: at least two of {facts} would have to change",
        "no_value": "no value of {fact} makes it fire",
        "no_change": "no change of one fact makes it fire",
    },
    "nb": {
        "fired": "{rule} slo til: {title}",
        "not_fired": "{rule} slo ikke til ({reason})",
        "instrument": "virkemiddel",
        "level": "nivå",
        "evidence": "grunnlag",
        "thresholds": "terskler",
        "why": "hvorfor",
        "failing": "ikke oppfylt",
        "missing": "mangler",
        "smallest_change": "minste endring",
        "or": "eller",
        "superseded_by": "{other} i samme eksklusive gruppe slo til i stedet",
        "condition_false": "vilkåret er ikke oppfylt",
        "condition_unknown": "vilkåret kan ikke avgjøres: fakta mangler",
        "insufficient_evidence": "for lite grunnlag",
        "superseded": "erstattet av en annen regel",
        "all of": "alle disse",
        "any of": "minst én av disse",
        "not": "ikke",
        "when": "når",
        "rule": "regel {rule}",
        "raise": "øk {fact} fra {current} til {needed} (f.eks. {example})",
        "lower": "senk {fact} fra {current} til {needed} (f.eks. {example})",
        "set": "sett {fact} fra {current} til {needed} (f.eks. {example})",
        "worse": "bare en endring til det verre ({facts}) ville utløse regelen",
        "two": "ingen endring av ett enkelt faktum utløser regelen: minst to av {facts} "
        "måtte endres",
        "no_value": "ingen verdi av {fact} utløser regelen",
        "no_change": "ingen endring av ett enkelt faktum utløser regelen",
    },
    "sv": {
        "fired": "{rule} slog till: {title}",
        "not_fired": "{rule} slog inte till ({reason})",
        "instrument": "styrmedel",
        "level": "nivå",
        "evidence": "underlag",
        "thresholds": "tröskelvärden",
        "why": "varför",
        "failing": "inte uppfyllt",
        "missing": "saknas",
        "smallest_change": "minsta ändring",
        "or": "eller",
        "superseded_by": "{other} i samma exklusiva grupp slog till i stället",
        "condition_false": "villkoret är inte uppfyllt",
        "condition_unknown": "villkoret kan inte avgöras: fakta saknas",
        "insufficient_evidence": "för litet underlag",
        "superseded": "ersatt av en annan regel",
        "all of": "alla dessa",
        "any of": "minst en av dessa",
        "not": "inte",
        "when": "när",
        "rule": "regel {rule}",
        "raise": "höj {fact} från {current} till {needed} (t.ex. {example})",
        "lower": "sänk {fact} från {current} till {needed} (t.ex. {example})",
        "set": "sätt {fact} från {current} till {needed} (t.ex. {example})",
        "worse": "bara en ändring till det sämre ({facts}) skulle utlösa regeln",
        "two": "ingen ändring av ett enda faktum utlöser regeln: minst två av {facts} "
        "skulle behöva ändras",
        "no_value": "inget värde av {fact} utlöser regeln",
        "no_change": "ingen ändring av ett enda faktum utlöser regeln",
    },
}

_UNITS: Final[Mapping[str, tuple[str, str]]] = {
    "share": ("andel", "andel"),
    "count": ("antall", "antal"),
    "months": ("måneder", "månader"),
    "days": ("dager", "dagar"),
    "rate": ("rate", "takt"),
    "coefficient": ("koeffisient", "koefficient"),
    "index": ("indeks", "index"),
    "bits": ("bit", "bitar"),
    "number": ("tall", "tal"),
    "boolean": ("ja/nei", "ja/nej"),
    "category": ("kategori", "kategori"),
}
_QUOTED: Final = re.compile(r"[\"']([a-z_]+)[\"']")
_NUMBER: Final = re.compile(r"(?<![\w.])(-?\d+)\.(\d+)")
_WORDS_IN_CONDITIONS: Final[Mapping[str, tuple[tuple[str, str], ...]]] = {
    "nb": (
        (" is missing", " mangler"),
        (" and ", " og "),
        (" or ", " eller "),
        ("not ", "ikke "),
        (" in [", " ∈ ["),
        ("true", "ja"),
        ("false", "nei"),
        ("n/a", "mangler"),
    ),
    "sv": (
        (" is missing", " saknas"),
        (" and ", " och "),
        (" or ", " eller "),
        ("not ", "inte "),
        (" in [", " ∈ ["),
        ("true", "ja"),
        ("false", "nej"),
        ("n/a", "saknas"),
    ),
}
_NO_CHANGE: Final = (
    ("worse", re.compile(r"only a change for the worse \((?P<facts>.*)\) would make it fire")),
    (
        "two",
        re.compile(
            r"no change of one fact makes it fire: at least two of (?P<facts>.*) would have "
            r"to change"
        ),
    ),
    ("no_value", re.compile(r"no value of (?P<fact>\S+) makes it fire.*")),
    ("no_change", re.compile(r"no change of one fact makes it fire")),
)


def phrase(key: str, language: str = "en", **values: str) -> str:
    """The phrase *key* of :data:`PHRASES` in *language* (English when unknown), filled in.

    Examples
    --------
    >>> phrase("fired", "sv", rule="P1", title="Koppla företag till FoU")
    'P1 slog till: Koppla företag till FoU'

    .. versionadded:: 0.2.0
    """
    table = PHRASES.get(language, PHRASES["en"])
    return table[key].format(**values) if values else table[key]


def unit_name(unit: str, language: str = "en") -> str:
    """The name of a fact unit in *language*.

    >>> unit_name("share", "nb"), unit_name("months", "sv"), unit_name("count")
    ('andel', 'månader', 'count')

    .. versionadded:: 0.2.0
    """
    names = _UNITS.get(unit)
    if names is None or language not in ("nb", "sv"):
        return unit
    return names[0 if language == "nb" else 1]


#: Category values rules compare with (community capitals, Emery & Flora 2006), by language.
_CATEGORIES: Final[Mapping[str, tuple[str, str]]] = {
    "natural": ("naturkapital", "naturkapital"),
    "cultural": ("kulturell kapital", "kulturellt kapital"),
    "human": ("humankapital", "humankapital"),
    "social": ("sosial kapital", "socialt kapital"),
    "political": ("politisk kapital", "politiskt kapital"),
    "financial": ("finansiell kapital", "finansiellt kapital"),
    "built": ("fysisk kapital", "byggt kapital"),
}


def _category(value: str, language: str) -> str:
    names = _CATEGORIES.get(value)
    if names is None or language not in ("nb", "sv"):
        return value
    return names[0 if language == "nb" else 1]


def localise_condition(text: str, language: str = "en") -> str:
    """A condition or threshold in the rule language, written for *language*: decimal
    commas, and the words of the language (fact ids stay as they are).

    Examples
    --------
    >>> localise_condition("N.share < 0.2 and A.n >= 10", "nb")
    'N.share < 0,2 og A.n >= 10'
    >>> localise_condition("x is missing or y == true", "sv")
    'x saknas eller y == ja'

    .. versionadded:: 0.2.0
    """
    if language not in _WORDS_IN_CONDITIONS:
        return text
    text = _NUMBER.sub(r"\1,\2", text)
    for english, local in _WORDS_IN_CONDITIONS[language]:
        text = text.replace(english, local)
    return _QUOTED.sub(lambda m: f'"{_category(m.group(1), language)}"', text)


def localise_no_change(text: str, language: str = "en") -> str:
    """Why no single change makes a rule fire (as :func:`smice.policy.evaluate` says it in
    English), in *language*.

    >>> localise_no_change("no value of x makes it fire", "sv")
    'inget värde av x utlöser regeln'

    .. versionadded:: 0.2.0
    """
    if language == "en" or not text:
        return text
    for key, pattern in _NO_CHANGE:
        match = pattern.fullmatch(text)
        if match:
            return phrase(key, language, **match.groupdict())
    return text


_MAX_TEMPLATE: Final = 20_000


@attrs.frozen
class Placeholder:
    """``{fact:spec}`` in a template.

    .. versionadded:: 0.1.0
    """

    fact: str
    spec: str = ""


@attrs.frozen
class Template:
    """A parsed template: literal text and placeholders, in order.

    Examples
    --------
    >>> template = parse_template("Only {N.share:.0%} of {A.n:d} SMEs")
    >>> template.facts
    ('N.share', 'A.n')
    >>> template.render({"N.share": 0.125, "A.n": 16}, "en")
    'Only 12% of 16 SMEs'
    >>> template.render({"N.share": 0.125, "A.n": None}, "nb")
    'Only 12\\xa0% of mangler SMEs'

    .. versionadded:: 0.1.0
    """

    text: str
    parts: tuple[str | Placeholder, ...]

    @property
    def facts(self) -> tuple[str, ...]:
        """The facts the template cites, in order of first use."""
        return tuple(dict.fromkeys(p.fact for p in self.parts if isinstance(p, Placeholder)))

    def render(self, values: Mapping[str, FactValue], language: str = "en") -> str:
        """The text with each placeholder replaced by its fact's value in *language*."""
        return "".join(
            part
            if isinstance(part, str)
            else format_value(values.get(part.fact), part.spec, language)
            for part in self.parts
        )


def _localise(text: str, language: str) -> str:
    if language in ("nb", "sv"):
        text = text.replace(".", ",")
        if text.endswith("%"):
            text = text[:-1] + _NBSP + "%"
    return text


def format_value(value: FactValue, spec: str = "", language: str = "en") -> str:
    """Write *value* by *spec* in *language*.

    Examples
    --------
    >>> format_value(0.4567, ".1%"), format_value(0.4567, ".1%", "sv")
    ('45.7%', '45,7\\xa0%')
    >>> format_value(12.0, "d"), format_value(None), format_value(True, "", "nb")
    ('12', 'n/a', 'ja')

    .. versionadded:: 0.1.0
    """
    if value is None:
        return _MISSING.get(language, "n/a")
    if isinstance(value, bool):
        yes, no = _YES_NO.get(language, ("yes", "no"))
        return yes if value else no
    if isinstance(value, str):
        return _category(value, language) if language in ("nb", "sv") else value
    if spec == "d":
        text = str(round(value))
    elif spec.endswith("%"):
        text = f"{value * 100:.{spec[1]}f}%"
    elif spec.endswith("f"):
        text = f"{value:.{spec[1]}f}"
    elif isinstance(value, int):
        text = str(value)
    else:
        text = f"{value:.3g}"
    return _localise(text, language)


def parse_template(text: str) -> Template:  # noqa: PLR0912
    """Read a recommendation template.

    Raises
    ------
    smice.policy.RuleSyntaxError
        With the column of an unclosed or malformed placeholder.

    Examples
    --------
    >>> parse_template("{x.__class__}")
    Traceback (most recent call last):
    ...
    smice.errors.RuleSyntaxError: column 2: expected a fact id of dotted parts ...
    >>> parse_template("{x!r}").parts
    Traceback (most recent call last):
    ...
    smice.errors.RuleSyntaxError: column 3: expected '}' or ':' after the fact id, got '!'

    .. versionadded:: 0.1.0
    """
    if len(text) > _MAX_TEMPLATE:
        raise RuleSyntaxError(
            f"expected a template of at most {_MAX_TEMPLATE} characters, got {len(text)}",
            _MAX_TEMPLATE + 1,
        )
    parts: list[str | Placeholder] = []
    literal: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char in "{}" and text.startswith(char * 2, position):
            literal.append(char)
            position += 2
            continue
        if char == "}":
            raise RuleSyntaxError("unexpected '}' (write '}}' for a brace)", position + 1, text)
        if char != "{":
            literal.append(char)
            position += 1
            continue
        end = text.find("}", position)
        if end < 0:
            raise RuleSyntaxError("expected '}' to close this placeholder", position + 1, text)
        inside = text[position + 1 : end]
        name, _, spec = inside.partition(":")
        match = re.match(r"[A-Za-z_][A-Za-z0-9_.]*", name)
        if match is None or len(name) > MAX_NAME:
            raise RuleSyntaxError(
                f"expected a fact id in the placeholder, got {name[:40]!r}", position + 2, text
            )
        if match.end() != len(name):
            raise RuleSyntaxError(
                f"expected '}}' or ':' after the fact id, got {name[match.end()]!r}",
                position + 2 + match.end(),
                text,
            )
        try:
            (token, _end) = tokenize(name)
        except RuleSyntaxError as error:
            raise RuleSyntaxError(error.message, position + 1 + error.column, text) from None
        if token.kind != "name":
            raise RuleSyntaxError(
                f"expected a fact id in the placeholder, got the keyword {name!r}",
                position + 2,
                text,
            )
        if ":" in inside and not (spec and _SPEC.fullmatch(spec)):
            raise RuleSyntaxError(
                f"expected a format of .Nf, .N% or d (N from 0 to 6), got {spec[:20]!r}",
                position + 3 + len(name),
                text,
            )
        if literal:
            parts.append("".join(literal))
            literal = []
        parts.append(Placeholder(name, spec))
        position = end + 1
    if literal:
        parts.append("".join(literal))
    return Template(text, tuple(parts))
