"""Uptake of recommendations: how many were issued, and what became of them, at a moment.

:func:`uptake` counts an arena's recommendation records by their status at a given moment;
these are the facts policy rule P22 reads (``A.n_recommendations``,
``A.n_recommendations_taken_up``, ``A.months_since_first_recommendation``). It does not read
the clock: pass ``at``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

import attrs

from smice.domain import Arena, RecommendationStatus
from smice.errors import InvalidValue

__all__ = ["DAYS_PER_MONTH", "Uptake", "uptake"]

#: The length of the average Gregorian month in days (365.2425 / 12), used for
#: :attr:`Uptake.months_since_first_issued`.
DAYS_PER_MONTH: Final = 365.2425 / 12


@attrs.frozen(kw_only=True)
class Uptake:
    """Recommendations issued up to moment ``at``, counted by their status at that moment.

    ``proposed + accepted + rejected + implemented == issued``. A recommendation that was
    accepted and later rejected counts as rejected (its status at ``at``).

    Attributes
    ----------
    at : datetime
        The moment the counts hold for.
    issued : int
        Recommendations issued at or before ``at``.
    proposed, accepted, rejected, implemented : int
        Of those, how many had each status at ``at``.
    first_issued_at : datetime or None
        When the first of them was issued (``None`` if none was).

    .. versionadded:: 0.1.0
    """

    at: datetime
    issued: int = 0
    proposed: int = 0
    accepted: int = 0
    rejected: int = 0
    implemented: int = 0
    first_issued_at: datetime | None = None

    @property
    def taken_up(self) -> int:
        """Recommendations accepted or implemented at ``at``."""
        return self.accepted + self.implemented

    @property
    def taken_up_share(self) -> float | None:
        """``taken_up / issued`` (``None`` when nothing was issued)."""
        return self.taken_up / self.issued if self.issued else None

    @property
    def months_since_first_issued(self) -> float | None:
        """Months (of :data:`DAYS_PER_MONTH` days) from the first issue to ``at``
        (``None`` when nothing was issued)."""
        if self.first_issued_at is None:
            return None
        return (self.at - self.first_issued_at).total_seconds() / 86400 / DAYS_PER_MONTH


def uptake(arena: Arena, *, at: datetime) -> Uptake:
    """Count the recommendations issued to *arena* up to *at* by their status at *at*.

    Parameters
    ----------
    arena : Arena
    at : datetime
        A timezone-aware moment; records issued after it, and status changes after it, are
        left out.

    Raises
    ------
    smice.errors.InvalidValue
        If *at* is naive.

    Examples
    --------
    >>> from datetime import timezone
    >>> arena = demo_arena()
    >>> now = uptake(arena, at=datetime(2021, 3, 1, tzinfo=timezone.utc))
    >>> now.issued, now.proposed, now.accepted, now.rejected, now.implemented, now.taken_up
    (3, 1, 0, 1, 1, 1)
    >>> round(now.months_since_first_issued, 1)
    12.0
    >>> before = uptake(arena, at=datetime(2020, 6, 1, tzinfo=timezone.utc))
    >>> before.issued, before.accepted, before.taken_up
    (2, 1, 1)

    .. versionadded:: 0.1.0
    """
    if at.utcoffset() is None:
        raise InvalidValue("at", "a timezone-aware datetime", at)
    counts = dict.fromkeys(RecommendationStatus, 0)
    first: datetime | None = None
    for record in arena.recommendations:
        status = record.status_at(at)
        if status is None:
            continue
        counts[status] += 1
        if first is None or record.issued_at < first:
            first = record.issued_at
    return Uptake(
        at=at,
        issued=sum(counts.values()),
        proposed=counts[RecommendationStatus.PROPOSED],
        accepted=counts[RecommendationStatus.ACCEPTED],
        rejected=counts[RecommendationStatus.REJECTED],
        implemented=counts[RecommendationStatus.IMPLEMENTED],
        first_issued_at=first,
    )


def demo_arena() -> Arena:
    """An arena with three recommendations: P1 issued 2020-03 and implemented by 2020-11,
    P4 issued 2020-03 and rejected, P10 issued 2020-09 and still proposed."""
    from datetime import UTC, date  # noqa: PLC0415

    from smice.domain import ArenaId, RecommendationId, RecommendationRecord  # noqa: PLC0415

    def issue(rid: str, rule: str, month: int) -> RecommendationRecord:
        return RecommendationRecord(
            id=RecommendationId(rid),
            rule_id=rule,
            ruleset="smice/default",
            ruleset_version="0.1.0",
            issued_at=datetime(2020, month, 1, tzinfo=UTC),
        )

    accepted = RecommendationStatus.ACCEPTED
    p1 = (
        issue("rec-1", "P1", 3)
        .with_status(accepted, at=datetime(2020, 5, 4, tzinfo=UTC), by="region")
        .with_status(
            RecommendationStatus.IMPLEMENTED, at=datetime(2020, 11, 2, tzinfo=UTC), by="region"
        )
    )
    p4 = issue("rec-2", "P4", 3).with_status(
        RecommendationStatus.REJECTED, at=datetime(2020, 9, 15, tzinfo=UTC), by="region"
    )
    p10 = issue("rec-3", "P10", 9)
    return Arena(
        id=ArenaId("demo"),
        name="Demo",
        template="smice/base",
        created_on=date(2019, 1, 1),
        recommendations=(p1, p4, p10),
    )
