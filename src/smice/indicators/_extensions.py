"""Reading the documented ``extensions`` keys that some indicators need.

Each reader returns ``None`` when the key is absent and raises :class:`Malformed` (with a
reason that ends up in the missing fact) when it is present but not as documented.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Final

import attrs

from smice.domain import Arena, ArenaTemplate, Initiative, Stakeholder

_PERIOD: Final = re.compile(r"^(\d{4})(?:-Q([1-4])|-(\d{2})(?:-(\d{2}))?)?$")


class Malformed(Exception):
    """A documented extension key holds something else than documented."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _number(value: object, where: str, *, low: float = 0.0, high: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Malformed(f"{where} must be a number (got {value!r})")
    if not low <= value <= high:
        raise Malformed(f"{where} must lie in [{low}, {high}] (got {value!r})")
    return float(value)


def _day(value: object, where: str) -> date:
    if not isinstance(value, str):
        raise Malformed(f"{where} must be a date YYYY-MM-DD (got {value!r})")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Malformed(f"{where} must be a date YYYY-MM-DD (got {value!r})") from None


def _items(value: object, where: str) -> Sequence[Mapping[str, object]]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise Malformed(f"{where} must be a list of objects (got {type(value).__name__})")
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise Malformed(f"{where}[{index}] must be an object (got {item!r})")
    return value


@attrs.frozen
class Grant:
    kind: str
    amount: float
    start: date | None
    end: date | None

    def runs_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def funding(arena: Arena) -> list[Grant] | None:
    """``extensions["funding"]``: the arena's funding, core or project."""
    if "funding" not in arena.extensions:
        return None
    grants = []
    for index, item in enumerate(_items(arena.extensions["funding"], 'extensions["funding"]')):
        where = f'extensions["funding"][{index}]'
        kind = item.get("kind")
        if kind not in ("core", "project"):
            raise Malformed(f'{where}.kind must be "core" or "project" (got {kind!r})')
        start = item.get("from")
        end = item.get("until")
        grants.append(
            Grant(
                kind=str(kind),
                amount=_number(item.get("amount"), f"{where}.amount"),
                start=None if start is None else _day(start, f"{where}.from"),
                end=None if end is None else _day(end, f"{where}.until"),
            )
        )
    return grants


@attrs.frozen
class Issued:
    issued_on: date
    taken_up_on: date | None  # accepted or implemented on (issued_on when not recorded)


_TAKEN_UP: Final = ("accepted", "implemented")
_STATUSES: Final = ("issued", "rejected", *_TAKEN_UP)


def recommendations(arena: Arena) -> list[Issued] | None:
    """``extensions["recommendations"]``: recommendations issued and their uptake."""
    if "recommendations" not in arena.extensions:
        return None
    found = []
    key = 'extensions["recommendations"]'
    for index, item in enumerate(_items(arena.extensions["recommendations"], key)):
        where = f"{key}[{index}]"
        issued = _day(item.get("issued_on"), f"{where}.issued_on")
        status = item.get("status", "issued")
        if status not in _STATUSES:
            raise Malformed(
                f"{where}.status must be one of {', '.join(_STATUSES)} (got {status!r})"
            )
        decided = item.get("decided_on")
        decided_on = issued if decided is None else _day(decided, f"{where}.decided_on")
        found.append(Issued(issued, decided_on if status in _TAKEN_UP else None))
    return found


def period_start(label: str) -> date | None:
    """The first day of a period label (``2019``, ``2019-Q3``, ``2019-07``, ``2019-07-01``)."""
    match = _PERIOD.match(label)
    if match is None:
        return None
    year, quarter, month, day = match.groups()
    try:
        if quarter is not None:
            return date(int(year), 3 * int(quarter) - 2, 1)
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def circularity(stakeholder: Stakeholder) -> dict[str, tuple[date, float]] | None:
    """``extensions["circularity"]`` of a firm: period label → (period start, score)."""
    if "circularity" not in stakeholder.extensions:
        return None
    where = f'extensions["circularity"] of stakeholder {stakeholder.id!r}'
    value = stakeholder.extensions["circularity"]
    if not isinstance(value, Mapping):
        raise Malformed(f"{where} must be an object of period: score (got {value!r})")
    scores = {}
    for label, score in value.items():
        start = period_start(str(label))
        if start is None:
            raise Malformed(f"{where}: {label!r} is not a period (YYYY, YYYY-Qn, YYYY-MM)")
        scores[str(label)] = (start, _number(score, f"{where}[{label!r}]", high=1.0))
    return scores


#: The inputs of the EMF Material Circularity Indicator, with their defaults (None: required).
MCI_INPUTS: Final[dict[str, float | None]] = {
    "mass": None,
    "F_R": 0.0,
    "F_U": 0.0,
    "F_S": 0.0,
    "C_R": 0.0,
    "C_U": 0.0,
    "C_C": 0.0,
    "C_E": 0.0,
    "E_C": 1.0,
    "E_F": 1.0,
    "L": 1.0,
    "L_av": 1.0,
    "U": 1.0,
    "U_av": 1.0,
}


def products(initiative: Initiative) -> list[dict[str, float]] | None:
    """``extensions["products"]`` of an initiative: MCI inputs per product."""
    if "products" not in initiative.extensions:
        return None
    key = f'extensions["products"] of initiative {initiative.id!r}'
    found = []
    for index, item in enumerate(_items(initiative.extensions["products"], key)):
        values: dict[str, float] = {}
        for name, default in MCI_INPUTS.items():
            raw = item.get(name, default)
            if raw is None:
                raise Malformed(f"{key}[{index}] lacks {name!r}")
            values[name] = _number(raw, f"{key}[{index}].{name}")
        found.append(values)
    return found


def s3_domains(arena: Arena, template: ArenaTemplate | None) -> frozenset[str] | None:
    """Smart-specialisation priorities: arena ``extensions["s3_domains"]`` or the template
    parameter ``s3_domains`` (names separated by ``;``), normalised."""
    if "s3_domains" in arena.extensions:
        value = arena.extensions["s3_domains"]
        if not isinstance(value, Sequence) or isinstance(value, str):
            raise Malformed(f'extensions["s3_domains"] must be a list of names (got {value!r})')
        names = []
        for name in value:
            if not isinstance(name, str):
                raise Malformed(f'extensions["s3_domains"] must hold names (got {name!r})')
            names.append(name)
        return frozenset(normalise(n) for n in names)
    if template is not None:
        parameter = template.parameters.get("s3_domains")
        if isinstance(parameter, str):
            return frozenset(normalise(n) for n in parameter.split(";") if n.strip())
    return None


def normalise(domain: str) -> str:
    """A domain name compared without case and surrounding spaces."""
    return " ".join(domain.split()).casefold()
