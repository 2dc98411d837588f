"""Facts: the only thing rules see. A fact is an id with a value and a unit; a missing fact is
explicit (its value is ``None``, with the reason it could not be computed).

A *catalogue* lists the facts a rule set may read, each with its unit, so that
:func:`~smice.policy.lint` can check that rules compare like with like. Units come from
:data:`UNITS`, which gives each its kind and range.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Final, TypeAlias

import attrs

from smice.domain import FrozenMap
from smice.domain.display import card, short_repr, table
from smice.errors import InvalidValue
from smice.policy.conditions import FactValue

__all__ = [
    "UNITS",
    "Catalogue",
    "Fact",
    "FactSpec",
    "Facts",
    "Unit",
    "default_facts",
    "fact_specs",
    "unit",
]

_INF: Final = math.inf
_MAX_TEXT: Final = 2000


@attrs.frozen
class Unit:
    """A unit of measure for facts: its *kind* (``number``, ``boolean`` or ``category``), its
    range and whether its values are whole numbers.

    .. versionadded:: 0.1.0
    """

    name: str
    kind: str
    minimum: float = -_INF
    maximum: float = _INF
    integral: bool = False
    description: str = ""


#: The units smice knows. A unit not listed here is an unbounded number.
UNITS: Final[Mapping[str, Unit]] = FrozenMap(
    {
        u.name: u
        for u in (
            Unit("share", "number", 0, 1, description="a fraction between 0 and 1"),
            Unit("count", "number", 0, _INF, True, "a whole number of things"),
            Unit("months", "number", 0, _INF, description="a duration in months"),
            Unit("days", "number", 0, _INF, description="a duration in days"),
            Unit("rate", "number", 0, _INF, description="a non-negative ratio of two counts"),
            Unit("coefficient", "number", 0, 1, description="a 0–1 coefficient (e.g. Gini)"),
            Unit("index", "number", -1, 1, description="a −1 to 1 index (e.g. E-I, change)"),
            Unit("bits", "number", description="information in bits (may be negative)"),
            Unit("number", "number", description="a number without a unit"),
            Unit("boolean", "boolean", description="true or false"),
            Unit("category", "category", description="one of a set of names"),
        )
    }
)


def unit(name: str) -> Unit:
    """The :class:`Unit` called *name*; unknown names are unbounded numbers.

    Examples
    --------
    >>> unit("share").maximum, unit("furlongs").kind
    (1, 'number')

    .. versionadded:: 0.1.0
    """
    return UNITS.get(name) or Unit(name, "number")


def _check_value(name: str, value: object) -> FactValue:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise InvalidValue(name, "a finite number, a boolean, a string or None", value)
        return value
    if isinstance(value, str) and len(value) <= _MAX_TEXT:
        return value
    raise InvalidValue(name, "a finite number, a boolean, a string or None", value)


@attrs.frozen
class Fact:
    """A fact's value with its unit. ``value is None`` means missing; *reason* says why.

    Examples
    --------
    >>> Fact(0.12, "share").missing, Fact(None, "share", "no SMEs yet").missing
    (False, True)

    .. versionadded:: 0.1.0
    """

    value: FactValue
    unit: str = ""
    reason: str = ""

    @property
    def missing(self) -> bool:
        """Whether the value is missing."""
        return self.value is None


@attrs.frozen
class FactSpec:
    """What a catalogue says about a fact: id, unit, level, description and source.

    *minimum* and *maximum* narrow the unit's range when given.

    Examples
    --------
    >>> spec = FactSpec(id="A.n_smes", unit="count", level="arena",
    ...                 description="SMEs in the arena", source="stakeholders")
    >>> spec.kind, spec.bounds
    ('number', (0, inf))

    .. versionadded:: 0.1.0
    """

    id: str
    unit: str
    level: str = "arena"
    description: str = ""
    source: str = ""
    minimum: float | None = None
    maximum: float | None = None

    @property
    def kind(self) -> str:
        """``number``, ``boolean`` or ``category``, from the unit."""
        return unit(self.unit).kind

    @property
    def bounds(self) -> tuple[float, float]:
        """The smallest and largest value the fact may take."""
        known = unit(self.unit)
        low = known.minimum if self.minimum is None else max(known.minimum, self.minimum)
        high = known.maximum if self.maximum is None else min(known.maximum, self.maximum)
        return low, high


#: A catalogue of facts: fact id → :class:`FactSpec`.
Catalogue: TypeAlias = Mapping[str, FactSpec]


def fact_specs(items: Iterable[Mapping[str, object]]) -> FrozenMap[str, FactSpec]:
    """Build a catalogue from plain mappings with the keys of :class:`FactSpec`.

    Examples
    --------
    >>> catalogue = fact_specs([{"id": "x", "unit": "share"}])
    >>> catalogue["x"].unit
    'share'

    .. versionadded:: 0.1.0
    """
    specs: dict[str, FactSpec] = {}
    for item in items:
        known = {k: item[k] for k in attrs.fields_dict(FactSpec) if k in item}
        spec = FactSpec(**known)  # type: ignore[arg-type]
        specs[spec.id] = spec
    return FrozenMap(specs)


@cache
def default_facts() -> FrozenMap[str, FactSpec]:
    """The catalogue of the facts that the default rule set ``smice/default`` reads.

    Examples
    --------
    >>> default_facts()["N.sme_rnd_linkage_share"].unit
    'share'

    .. versionadded:: 0.1.0
    """
    text = (resources.files("smice.policy") / "default_facts.json").read_text("utf-8")
    return fact_specs(json.loads(text)["facts"])


def _frozen_facts(value: Mapping[str, Fact]) -> FrozenMap[str, Fact]:
    return FrozenMap(value)


@attrs.frozen
class Facts(Mapping[str, Fact]):
    """A snapshot of facts: fact id → :class:`Fact`. A frozen, hashable mapping.

    Build one with :meth:`from_values`; ids not present at all read as missing.

    Examples
    --------
    >>> facts = Facts.from_values({"A.n_smes": 14, "N.sme_rnd_linkage_share": None},
    ...                           units={"A.n_smes": "count"})
    >>> facts["A.n_smes"]
    Fact(value=14, unit='count', reason='')
    >>> facts.value("N.sme_rnd_linkage_share") is None, facts.value("not.there") is None
    (True, True)
    >>> facts.with_value("A.n_smes", 15).value("A.n_smes")
    15

    .. versionadded:: 0.1.0
    """

    items_: FrozenMap[str, Fact] = attrs.field(alias="items", converter=_frozen_facts)
    _values: dict[str, FactValue] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for key, fact in self.items_.items():
            if not isinstance(fact, Fact):
                raise InvalidValue(key, "a Fact", fact)
        object.__setattr__(self, "_values", {k: f.value for k, f in self.items_.items()})

    @classmethod
    def from_values(
        cls,
        values: Mapping[str, object],
        *,
        units: Mapping[str, str] | Catalogue | None = None,
    ) -> Facts:
        """Facts from plain values (``None`` for missing); units from *units* (names, or a
        catalogue of :class:`FactSpec`).

        .. versionadded:: 0.1.0
        """
        lookup = units or {}
        items: dict[str, Fact] = {}
        for key, value in values.items():
            found = lookup.get(key, "")
            name = found.unit if isinstance(found, FactSpec) else str(found)
            items[str(key)] = Fact(_check_value(str(key), value), name)
        return cls(items)

    def __getitem__(self, key: str) -> Fact:
        return self.items_[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.items_)

    def __len__(self) -> int:
        return len(self.items_)

    def value(self, fact_id: str) -> FactValue:
        """The value of *fact_id*, or ``None`` when it is missing or absent."""
        return self._values.get(fact_id)

    def unit(self, fact_id: str) -> str:
        """The unit of *fact_id* (``""`` when unknown)."""
        fact = self.items_.get(fact_id)
        return fact.unit if fact is not None else ""

    @property
    def raw(self) -> Mapping[str, FactValue]:
        """Fact id → plain value (``None`` when missing): what compiled conditions read.

        Do not modify it.
        """
        return self._values

    def with_value(self, fact_id: str, value: object) -> Facts:
        """A copy with *fact_id* set to *value* (unit kept)."""
        items = dict(self.items_)
        items[fact_id] = Fact(_check_value(fact_id, value), self.unit(fact_id))
        return Facts(items)

    def __repr__(self) -> str:
        missing = sum(1 for fact in self.items_.values() if fact.value is None)
        return short_repr("Facts", details=f"{len(self)} facts, {missing} missing")

    def _repr_html_(self) -> str:
        rows = [(k, f.value, f.unit, f.reason) for k, f in sorted(self.items_.items())]
        return card(
            "Facts",
            f"{len(self)} facts",
            [table(["fact", "value", "unit", "missing because"], rows, limit=200)],
        )
