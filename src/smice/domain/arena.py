"""The arena: one running instance of the SMICE template.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cached_property
from typing import Protocol, TypeVar

import attrs

from smice._types import (
    ArenaId,
    CycleId,
    FlowId,
    InitiativeId,
    PlatformId,
    RegionId,
    StakeholderId,
    TeamId,
    TieId,
)
from smice.domain.cycles import Cycle
from smice.domain.display import card, counts, short_repr
from smice.domain.initiatives import Initiative, ResourceFlow
from smice.domain.platforms import Platform, Region
from smice.domain.recommendations import RecommendationId, RecommendationRecord
from smice.domain.stakeholders import NO_EXTENSIONS, Extensions, Stakeholder
from smice.domain.teams import ProgressTeam
from smice.domain.ties import Tie
from smice.domain.validators import distinct, ident, non_empty, text
from smice.domain.vocabulary import Language, Level
from smice.errors import UnknownId

__all__ = ["Arena"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


def _index(items: Sequence[T]) -> Mapping[str, T]:
    # The first of duplicate ids wins; duplicates are reported by iter_problems.
    index: dict[str, T] = {}
    for item in items:
        index.setdefault(item.id, item)
    return index


@attrs.frozen(kw_only=True)
class Arena:
    """A region with its platforms, stakeholders, ties, teams, cycles and initiatives.

    Every part is a tuple whose elements have an ``id``; look them up by id with
    :meth:`stakeholder`, :meth:`tie`, :meth:`platform`, :meth:`team`, :meth:`cycle`,
    :meth:`initiative`, :meth:`flow`, :meth:`region` and :meth:`recommendation`.

    Examples
    --------
    >>> from smice.domain import Country, Helix, StakeholderKind
    >>> arena = Arena(
    ...     id=ArenaId("demo"), name="Demo", template="smice/base",
    ...     created_on=date(2018, 1, 1),
    ...     stakeholders=(Stakeholder(id=StakeholderId("uni"), name="Mid Sweden University",
    ...                               helix=Helix.ACADEMIA,
    ...                               kinds=frozenset({StakeholderKind.UNIVERSITY}),
    ...                               country=Country.SE),),
    ... )
    >>> arena.stakeholder(StakeholderId("uni")).name
    'Mid Sweden University'
    >>> arena.stakeholder(StakeholderId("nobody"))
    Traceback (most recent call last):
    ...
    smice.errors.UnknownId: no stakeholder with id 'nobody'

    .. versionadded:: 0.1.0
    """

    id: ArenaId = attrs.field(validator=ident)
    name: str = attrs.field(validator=text(300))
    template: str = attrs.field(validator=text(200))
    created_on: date
    languages: tuple[Language, ...] = attrs.field(
        default=(Language.EN,), validator=[non_empty, distinct]
    )
    levels: tuple[Level, ...] = attrs.field(
        default=(Level.REGION, Level.LOCAL_COMMUNITY, Level.COMPANY_CLUSTER), validator=distinct
    )
    regions: tuple[Region, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    ties: tuple[Tie, ...] = ()
    platforms: tuple[Platform, ...] = ()
    teams: tuple[ProgressTeam, ...] = ()
    cycles: tuple[Cycle, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    flows: tuple[ResourceFlow, ...] = ()
    recommendations: tuple[RecommendationRecord, ...] = ()
    extensions: Extensions = NO_EXTENSIONS

    @cached_property
    def _stakeholders(self) -> Mapping[str, Stakeholder]:
        return _index(self.stakeholders)

    @cached_property
    def _ties(self) -> Mapping[str, Tie]:
        return _index(self.ties)

    @cached_property
    def _platforms(self) -> Mapping[str, Platform]:
        return _index(self.platforms)

    @cached_property
    def _teams(self) -> Mapping[str, ProgressTeam]:
        return _index(self.teams)

    @cached_property
    def _cycles(self) -> Mapping[str, Cycle]:
        return _index(self.cycles)

    @cached_property
    def _initiatives(self) -> Mapping[str, Initiative]:
        return _index(self.initiatives)

    @cached_property
    def _flows(self) -> Mapping[str, ResourceFlow]:
        return _index(self.flows)

    @cached_property
    def _recommendations(self) -> Mapping[str, RecommendationRecord]:
        return _index(self.recommendations)

    @cached_property
    def _regions(self) -> Mapping[str, Region]:
        return _index(self.regions)

    def stakeholder(self, sid: StakeholderId | str) -> Stakeholder:
        """The stakeholder with id *sid* (raises :class:`~smice.errors.UnknownId`)."""
        try:
            return self._stakeholders[sid]
        except KeyError:
            raise UnknownId("stakeholder", sid) from None

    def tie(self, tid: TieId | str) -> Tie:
        """The tie with id *tid*."""
        try:
            return self._ties[tid]
        except KeyError:
            raise UnknownId("tie", tid) from None

    def platform(self, pid: PlatformId | str) -> Platform:
        """The platform with id *pid*."""
        try:
            return self._platforms[pid]
        except KeyError:
            raise UnknownId("platform", pid) from None

    def team(self, tid: TeamId | str) -> ProgressTeam:
        """The progress team with id *tid*."""
        try:
            return self._teams[tid]
        except KeyError:
            raise UnknownId("team", tid) from None

    def cycle(self, cid: CycleId | str) -> Cycle:
        """The cycle with id *cid*."""
        try:
            return self._cycles[cid]
        except KeyError:
            raise UnknownId("cycle", cid) from None

    def initiative(self, iid: InitiativeId | str) -> Initiative:
        """The initiative with id *iid*."""
        try:
            return self._initiatives[iid]
        except KeyError:
            raise UnknownId("initiative", iid) from None

    def flow(self, fid: FlowId | str) -> ResourceFlow:
        """The resource flow with id *fid*."""
        try:
            return self._flows[fid]
        except KeyError:
            raise UnknownId("resource flow", fid) from None

    def region(self, rid: RegionId | str) -> Region:
        """The region with id *rid*."""
        try:
            return self._regions[rid]
        except KeyError:
            raise UnknownId("region", rid) from None

    def recommendation(self, rid: RecommendationId | str) -> RecommendationRecord:
        """The recommendation record with id *rid*."""
        try:
            return self._recommendations[rid]
        except KeyError:
            raise UnknownId("recommendation", rid) from None

    def has_stakeholder(self, sid: str) -> bool:
        """Whether a stakeholder with id *sid* exists."""
        return sid in self._stakeholders

    @property
    def persons(self) -> tuple[Stakeholder, ...]:
        """The stakeholders who are private persons."""
        return tuple(s for s in self.stakeholders if s.is_person)

    @property
    def organisations(self) -> tuple[Stakeholder, ...]:
        """The stakeholders who are not persons."""
        return tuple(s for s in self.stakeholders if not s.is_person)

    def __repr__(self) -> str:
        return short_repr(
            "Arena",
            self.id,
            self.name,
            details=f"{len(self.stakeholders)} stakeholders ({len(self.persons)} persons), "
            f"{len(self.ties)} ties, {len(self.platforms)} platforms, {len(self.teams)} teams, "
            f"{len(self.cycles)} cycles, {len(self.initiatives)} initiatives",
        )

    def _repr_html_(self) -> str:
        """A summary card for notebooks: counts by helix and by country, cycles by phase
        and status (counts only: no person is named)."""
        helices = Counter(str(s.helix) for s in self.stakeholders)
        countries = Counter(str(s.country) for s in self.stakeholders)
        phases = Counter(c.phase for c in self.cycles)
        statuses = Counter(str(c.status) for c in self.cycles)
        sizes = {
            "stakeholders": len(self.stakeholders),
            "persons": len(self.persons),
            "ties": len(self.ties),
            "platforms": len(self.platforms),
            "teams": len(self.teams),
            "cycles": len(self.cycles),
            "initiatives": len(self.initiatives),
            "flows": len(self.flows),
            "recommendations": len(self.recommendations),
        }
        return card(
            f"Arena {self.name}",
            f"{self.id} · {self.template} · since {self.created_on.isoformat()}",
            [
                counts("size", sizes),
                counts("helix", dict(sorted(helices.items()))),
                counts("country", dict(sorted(countries.items()))),
                counts("cycles by phase", dict(sorted(phases.items()))),
                counts("cycles by status", dict(sorted(statuses.items()))),
            ],
        )
