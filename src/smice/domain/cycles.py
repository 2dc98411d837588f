"""Cycles: one Appreciative Inquiry run of a team or a platform, with its artefacts.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import attrs

from smice._types import ArtefactId, CycleId, PlatformId, StakeholderId, TeamId
from smice.domain.artefacts import (
    Action,
    ActionTeam,
    DreamStatement,
    Endorsement,
    Interview,
    InterviewProtocol,
    PositiveCoreMap,
    Proposition,
    Review,
    Story,
    Target,
    Theme,
    Topic,
)
from smice.domain.stakeholders import NO_EXTENSIONS, Extensions
from smice.domain.validators import aware_datetime, ident, idents, non_empty, optional, text
from smice.domain.vocabulary import CycleStatus, CycleVariant, DestinyMode

__all__ = ["ARTEFACT_FIELDS", "Artefact", "Cycle", "PhaseVisit"]

Artefact = (
    Topic
    | InterviewProtocol
    | Interview
    | Story
    | Theme
    | PositiveCoreMap
    | DreamStatement
    | Endorsement
    | Proposition
    | Target
    | Action
    | ActionTeam
    | Review
)

#: The names of a cycle's artefact collections, in the order of the phases that make them.
ARTEFACT_FIELDS = (
    "topics",
    "protocol",
    "interviews",
    "stories",
    "themes",
    "positive_core",
    "dreams",
    "endorsements",
    "propositions",
    "targets",
    "actions",
    "action_teams",
    "reviews",
)


@attrs.frozen(kw_only=True)
class PhaseVisit:
    """A stay in one phase, from ``entered_at`` until ``left_at``.

    ``reason`` says why a phase was revisited (a jump back).
    """

    phase: str = attrs.field(validator=ident)
    entered_at: datetime = attrs.field(validator=aware_datetime)
    left_at: datetime | None = attrs.field(default=None, validator=optional(aware_datetime))
    reason: str | None = attrs.field(default=None, validator=optional(text(2000)))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class Cycle:
    """One Appreciative Inquiry cycle of a team (or of a whole platform).

    ``history`` records every phase visit in order; the current phase is the last visit's.
    Sub-cycles name their ``parent``.

    Examples
    --------
    >>> from datetime import timezone
    >>> cycle = Cycle(
    ...     id=CycleId("c1"), team=TeamId("team-1"), variant=CycleVariant.FIVE_D,
    ...     history=(PhaseVisit(phase="define",
    ...                         entered_at=datetime(2018, 9, 1, tzinfo=timezone.utc)),),
    ... )
    >>> cycle.phase, cycle.status
    ('define', <CycleStatus.ACTIVE: 'active'>)

    .. versionadded:: 0.1.0
    """

    id: CycleId = attrs.field(validator=ident)
    variant: CycleVariant
    history: tuple[PhaseVisit, ...] = attrs.field(validator=non_empty)
    team: TeamId | None = attrs.field(default=None, validator=optional(ident))
    platform: PlatformId | None = attrs.field(default=None, validator=optional(ident))
    parent: CycleId | None = attrs.field(default=None, validator=optional(ident))
    status: CycleStatus = CycleStatus.ACTIVE
    end_reason: str | None = attrs.field(default=None, validator=optional(text(2000)))
    destiny_mode: DestinyMode | None = None
    core_team: tuple[StakeholderId, ...] = attrs.field(default=(), validator=idents)
    topics: tuple[Topic, ...] = ()
    protocol: InterviewProtocol | None = None
    interviews: tuple[Interview, ...] = ()
    stories: tuple[Story, ...] = ()
    themes: tuple[Theme, ...] = ()
    positive_core: PositiveCoreMap | None = None
    dreams: tuple[DreamStatement, ...] = ()
    endorsements: tuple[Endorsement, ...] = ()
    propositions: tuple[Proposition, ...] = ()
    targets: tuple[Target, ...] = ()
    actions: tuple[Action, ...] = ()
    action_teams: tuple[ActionTeam, ...] = ()
    reviews: tuple[Review, ...] = ()
    extensions: Extensions = NO_EXTENSIONS

    @property
    def phase(self) -> str:
        """The current phase: the phase of the last visit."""
        return self.history[-1].phase

    @property
    def started_at(self) -> datetime:
        """When the cycle entered its first phase."""
        return self.history[0].entered_at

    def artefacts(self) -> Iterator[tuple[str, int | None, Artefact]]:
        """Every artefact as ``(collection, index, artefact)``; index is ``None`` for the
        single-valued ``protocol`` and ``positive_core``."""
        for name in ARTEFACT_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, tuple):
                for index, artefact in enumerate(value):
                    yield name, index, artefact
            else:
                yield name, None, value

    def artefact_ids(self) -> frozenset[ArtefactId]:
        """The ids of all artefacts of this cycle."""
        return frozenset(artefact.id for _, _, artefact in self.artefacts())
