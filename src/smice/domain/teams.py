"""Progress teams (Framstegsteam): small self-organised teams that may graduate.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

import attrs

from smice._types import PlatformId, StakeholderId, TeamId
from smice.domain.stakeholders import NO_EXTENSIONS, Extensions
from smice.domain.validators import ident, idents, optional, text
from smice.domain.vocabulary import GraduationEvidence, Level, TeamStatus

__all__ = ["Graduation", "Membership", "ProgressTeam"]


@attrs.frozen(kw_only=True)
class Membership:
    """A person's membership of a team, from ``joined_on`` until ``left_on`` (exclusive).

    .. versionadded:: 0.1.0
    """

    person: StakeholderId = attrs.field(validator=ident)
    joined_on: date
    left_on: date | None = None
    extensions: Extensions = NO_EXTENSIONS

    def active_on(self, day: date) -> bool:
        """Whether the membership holds on *day*."""
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)


@attrs.frozen(kw_only=True)
class Graduation:
    """The record of a team's graduation: when, and the evidence for it.

    .. versionadded:: 0.1.0
    """

    on: date
    evidence: GraduationEvidence
    description: str = attrs.field(validator=text(2000))
    successor: StakeholderId | None = attrs.field(default=None, validator=optional(ident))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class ProgressTeam:
    """A progress team working on one topic, usually within a platform.

    Examples
    --------
    >>> team = ProgressTeam(
    ...     id=TeamId("team-1"), name="Wood side-streams", formed_on=date(2018, 9, 1),
    ...     memberships=(
    ...         Membership(person=StakeholderId("p1"), joined_on=date(2018, 9, 1)),
    ...         Membership(person=StakeholderId("p2"), joined_on=date(2018, 9, 1),
    ...                    left_on=date(2019, 1, 1)),
    ...     ),
    ... )
    >>> team.members_on(date(2019, 6, 1))
    ('p1',)

    .. versionadded:: 0.1.0
    """

    id: TeamId = attrs.field(validator=ident)
    name: str = attrs.field(validator=text(200))
    formed_on: date
    platform: PlatformId | None = attrs.field(default=None, validator=optional(ident))
    topic: str | None = attrs.field(default=None, validator=optional(text(500)))
    level: Level = Level.LOCAL_COMMUNITY
    memberships: tuple[Membership, ...] = ()
    facilitators: tuple[StakeholderId, ...] = attrs.field(default=(), validator=idents)
    status: TeamStatus = TeamStatus.ACTIVE
    graduation: Graduation | None = None
    extensions: Extensions = NO_EXTENSIONS

    def members_on(self, day: date) -> tuple[StakeholderId, ...]:
        """The persons who are members on *day*, in order of joining, without repeats."""
        seen: dict[StakeholderId, None] = {}
        for membership in self.memberships:
            if membership.active_on(day):
                seen[membership.person] = None
        return tuple(seen)

    @property
    def current_members(self) -> tuple[StakeholderId, ...]:
        """Persons whose membership has not ended, without repeats."""
        seen: dict[StakeholderId, None] = {}
        for membership in self.memberships:
            if membership.left_on is None:
                seen[membership.person] = None
        return tuple(seen)
