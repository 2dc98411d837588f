"""Ties: typed, dated, weighted relations between two stakeholders.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

import attrs

from smice._types import CycleId, StakeholderId, TieId
from smice.domain.stakeholders import NO_EXTENSIONS, Extensions
from smice.domain.validators import ident, non_negative, optional
from smice.domain.vocabulary import FlowType, KnowledgeFlowDirection, TieKind

__all__ = ["Tie"]


@attrs.frozen(kw_only=True)
class Tie:
    """A relation of one *kind* from *source* to *target*.

    ``since`` and ``until`` bound the days the tie holds (``until`` exclusive); ``cycle`` and
    ``phase`` say where it was observed. ``direction`` and ``pecuniary`` describe knowledge
    flows, ``resource`` what an exchange carries.

    Examples
    --------
    >>> tie = Tie(
    ...     id=TieId("t1"), kind=TieKind.COLLABORATES_WITH,
    ...     source=StakeholderId("sme-1"), target=StakeholderId("uni-1"),
    ...     since=date(2018, 5, 1),
    ... )
    >>> tie.holds_on(date(2018, 4, 30)), tie.holds_on(date(2019, 1, 1))
    (False, True)

    .. versionadded:: 0.1.0
    """

    id: TieId = attrs.field(validator=ident)
    kind: TieKind
    source: StakeholderId = attrs.field(validator=ident)
    target: StakeholderId = attrs.field(validator=ident)
    weight: float = attrs.field(default=1.0, validator=non_negative)
    since: date | None = None
    until: date | None = None
    cycle: CycleId | None = attrs.field(default=None, validator=optional(ident))
    phase: str | None = attrs.field(default=None, validator=optional(ident))
    direction: KnowledgeFlowDirection | None = None
    pecuniary: bool | None = None
    resource: FlowType | None = None
    extensions: Extensions = NO_EXTENSIONS

    def holds_on(self, day: date) -> bool:
        """Whether the tie holds on *day* (``since`` inclusive, ``until`` exclusive)."""
        if self.since is not None and day < self.since:
            return False
        return self.until is None or day < self.until
