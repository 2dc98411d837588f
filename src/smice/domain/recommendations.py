"""Recommendations issued to an arena, and what became of them (their *uptake*).

When a policy rule fires, the arena may record the recommendation it made: which rule of which
rule set (and version), when, to which level of government, with which instrument and on which
evidence. From then on its status moves through :class:`RecommendationStatus`: a recommendation
is *proposed* when issued; it may be *accepted* or *rejected*; an accepted recommendation may be
*implemented* (or rejected after all). Accepted and implemented recommendations are the ones
*taken up*; they are what programme indicators such as RCO83 / RCR79 count.

The record keeps every status change in ``history``; its :attr:`~RecommendationRecord.status`
is the status of the last change (``proposed`` while there is none).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final, NewType, TypeAlias

import attrs

from smice.domain._frozen import FrozenMap
from smice.domain.stakeholders import NO_EXTENSIONS, Extensions
from smice.domain.templates import TEMPLATE_REF_PATTERN, Labels
from smice.domain.validators import aware_datetime, distinct, ident, optional, text
from smice.domain.vocabulary import GovernmentLevel, InstrumentType, RecommendationStatus
from smice.errors import InvalidValue

__all__ = [
    "ALLOWED_MOVES",
    "FACT_ID_PATTERN",
    "TAKEN_UP",
    "EvidenceValue",
    "RecommendationId",
    "RecommendationRecord",
    "RecommendationStatusChange",
]

#: The id of a recommendation record.
RecommendationId = NewType("RecommendationId", str)

#: The value of one fact in a recommendation's evidence (``None``: the fact was missing).
EvidenceValue: TypeAlias = bool | int | float | str | None

#: Fact ids: dotted parts, each a letter then letters, digits or ``_`` (``N.n_ties``).
FACT_ID_PATTERN: Final = r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$"
_FACT_ID_RE: Final = re.compile(FACT_ID_PATTERN[1:-1])
_REF_RE: Final = re.compile(TEMPLATE_REF_PATTERN[1:-1])
_VERSION_RE: Final = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?")

#: The statuses a recommendation may move to from each status; ``rejected`` and
#: ``implemented`` are final, and nothing moves back to ``proposed``.
ALLOWED_MOVES: Final[Mapping[RecommendationStatus, frozenset[RecommendationStatus]]] = FrozenMap(
    {
        RecommendationStatus.PROPOSED: frozenset(
            {RecommendationStatus.ACCEPTED, RecommendationStatus.REJECTED}
        ),
        RecommendationStatus.ACCEPTED: frozenset(
            {RecommendationStatus.IMPLEMENTED, RecommendationStatus.REJECTED}
        ),
        RecommendationStatus.REJECTED: frozenset(),
        RecommendationStatus.IMPLEMENTED: frozenset(),
    }
)

#: The statuses that count as *taken up*.
TAKEN_UP: Final = frozenset({RecommendationStatus.ACCEPTED, RecommendationStatus.IMPLEMENTED})

_NO_EVIDENCE: FrozenMap[str, EvidenceValue] = FrozenMap()
_NO_LABELS: Labels = FrozenMap()


def _ruleset_ref(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or _REF_RE.fullmatch(value) is None:
        raise InvalidValue(attribute.name, "a rule-set reference such as 'smice/default'", value)


def _version(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or len(value) > 50 or _VERSION_RE.fullmatch(value) is None:
        raise InvalidValue(attribute.name, "a semantic version such as '1.2.0'", value)


def _evidence(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, FrozenMap):
        raise InvalidValue(attribute.name, "a FrozenMap of fact ids to values", value)
    for key, item in value.items():
        if not isinstance(key, str) or len(key) > 128 or _FACT_ID_RE.fullmatch(key) is None:
            raise InvalidValue(attribute.name, "fact ids such as 'N.n_ties' as keys", key)
        if isinstance(item, float) and not math.isfinite(item):
            raise InvalidValue(attribute.name, "finite numbers as fact values", item)
        if isinstance(item, str) and len(item) > 2000:
            raise InvalidValue(attribute.name, "fact values of at most 2000 characters", item)
        if item is not None and not isinstance(item, bool | int | float | str):
            raise InvalidValue(attribute.name, "a boolean, number, string or null", item)


def _labels(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, FrozenMap):
        raise InvalidValue(attribute.name, "a FrozenMap of language codes to texts", value)
    for key, item in value.items():
        if key not in ("en", "nb", "sv"):
            raise InvalidValue(attribute.name, "language codes 'en', 'nb' or 'sv' as keys", key)
        if not isinstance(item, str) or not item or len(item) > 2000:
            raise InvalidValue(attribute.name, "texts of 1 to 2000 characters", item)


@attrs.frozen(kw_only=True)
class RecommendationStatusChange:
    """One step in a recommendation's history: the new ``status``, when (``at``), who decided
    (``by``, an id: a stakeholder, an office or a tool) and an optional ``note``.

    .. versionadded:: 0.1.0
    """

    status: RecommendationStatus
    at: datetime = attrs.field(validator=aware_datetime)
    by: str | None = attrs.field(default=None, validator=optional(ident))
    note: str | None = attrs.field(default=None, validator=optional(text(2000)))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class RecommendationRecord:
    """A recommendation issued to the arena by a policy rule, with the history of its status.

    Parameters
    ----------
    id : str
        The record's id, unique among the arena's recommendations.
    rule_id : str
        The rule that fired (``"P1"``).
    ruleset, ruleset_version : str
        The rule set the rule belongs to (``"smice/default"``) and its version (``"0.1.0"``).
    issued_at : datetime
        When the recommendation was issued (timezone-aware).
    issued_by : str, optional
        Who issued it (a person's or a tool's id).
    instrument : tuple of InstrumentType
        The kinds of policy instrument recommended.
    level : tuple of GovernmentLevel
        The levels of government addressed.
    evidence : FrozenMap
        Fact id → value: the facts the rule read when it fired.
    title : FrozenMap
        The recommendation's title by language (``en``, ``nb``, ``sv``), for reports.
    history : tuple of RecommendationStatusChange
        The status changes since it was issued, in time order.

    Examples
    --------
    >>> from datetime import timezone
    >>> issued = datetime(2020, 3, 2, 9, 0, tzinfo=timezone.utc)
    >>> record = RecommendationRecord(
    ...     id=RecommendationId("rec-1"), rule_id="P1", ruleset="smice/default",
    ...     ruleset_version="0.1.0", issued_at=issued,
    ...     instrument=(InstrumentType.FINANCIAL, InstrumentType.BROKERING),
    ...     level=(GovernmentLevel.REGIONAL,),
    ...     evidence=FrozenMap({"N.sme_rnd_linkage_share": 0.12, "A.n_smes": 25}),
    ... )
    >>> record.status
    <RecommendationStatus.PROPOSED: 'proposed'>
    >>> later = record.with_status(RecommendationStatus.ACCEPTED,
    ...                            at=datetime(2020, 5, 1, tzinfo=timezone.utc), by="region-jh")
    >>> str(later.status), later.is_taken_up
    ('accepted', True)
    >>> str(later.status_at(datetime(2020, 4, 1, tzinfo=timezone.utc)))
    'proposed'
    >>> later.with_status(RecommendationStatus.PROPOSED,
    ...                   at=datetime(2020, 6, 1, tzinfo=timezone.utc))
    Traceback (most recent call last):
    ...
    smice.errors.InvalidValue: 'status' must be one of 'implemented', 'rejected' (got ...

    .. versionadded:: 0.1.0
    """

    id: RecommendationId = attrs.field(validator=ident)
    rule_id: str = attrs.field(validator=ident)
    ruleset: str = attrs.field(validator=_ruleset_ref)
    ruleset_version: str = attrs.field(validator=_version)
    issued_at: datetime = attrs.field(validator=aware_datetime)
    issued_by: str | None = attrs.field(default=None, validator=optional(ident))
    instrument: tuple[InstrumentType, ...] = attrs.field(default=(), validator=distinct)
    level: tuple[GovernmentLevel, ...] = attrs.field(default=(), validator=distinct)
    evidence: FrozenMap[str, EvidenceValue] = attrs.field(
        default=_NO_EVIDENCE, validator=_evidence
    )
    title: Labels = attrs.field(default=_NO_LABELS, validator=_labels)
    history: tuple[RecommendationStatusChange, ...] = ()
    extensions: Extensions = NO_EXTENSIONS

    @property
    def status(self) -> RecommendationStatus:
        """The current status: that of the last change, ``proposed`` while there is none."""
        return self.history[-1].status if self.history else RecommendationStatus.PROPOSED

    @property
    def changed_at(self) -> datetime:
        """When the status last changed (when it was issued, while it has not changed)."""
        return self.history[-1].at if self.history else self.issued_at

    @property
    def is_taken_up(self) -> bool:
        """Whether the recommendation is accepted or implemented."""
        return self.status in TAKEN_UP

    def status_at(self, at: datetime) -> RecommendationStatus | None:
        """The status at moment *at* (``None`` before the recommendation was issued)."""
        if at.utcoffset() is None:
            raise InvalidValue("at", "a timezone-aware datetime", at)
        if at < self.issued_at:
            return None
        status = RecommendationStatus.PROPOSED
        for change in self.history:
            if change.at > at:
                break
            status = change.status
        return status

    def can_move_to(self, status: RecommendationStatus | str) -> bool:
        """Whether the current status may change to *status* (see :data:`ALLOWED_MOVES`)."""
        return status in ALLOWED_MOVES[self.status]

    def with_status(
        self,
        status: RecommendationStatus | str,
        *,
        at: datetime,
        by: str | None = None,
        note: str | None = None,
    ) -> RecommendationRecord:
        """This record with one more status change.

        Raises
        ------
        smice.errors.InvalidValue
            If the move is not allowed from the current status, or *at* is before the last
            change (or before the recommendation was issued).
        """
        allowed = sorted(ALLOWED_MOVES[self.status])
        if status not in allowed:
            expected = (
                "one of " + ", ".join(repr(str(s)) for s in allowed)
                if allowed
                else f"nothing: {str(self.status)!r} is final"
            )
            raise InvalidValue("status", expected, str(status))
        change = RecommendationStatusChange(
            status=RecommendationStatus(status), at=at, by=by, note=note
        )
        if at < self.changed_at:
            raise InvalidValue("at", f"a moment not before {self.changed_at.isoformat()}", at)
        return attrs.evolve(self, history=(*self.history, change))
