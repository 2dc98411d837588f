"""Example data for docstrings, tutorials and tests (like ``networkx.karate_club_graph``).

Each function builds a fresh, valid value from scratch; none reads a file or the clock.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from smice._types import ArenaId, ArtefactId, CycleId, StakeholderId, TeamId
from smice.domain import (
    Arena,
    Consent,
    ConsentScope,
    Country,
    Cycle,
    CycleVariant,
    Helix,
    Membership,
    PhaseVisit,
    ProgressTeam,
    Stakeholder,
    StakeholderKind,
    Topic,
)

__all__ = ["demo_arena"]


def demo_arena() -> Arena:
    """A small arena: team ``t1`` of two consenting persons, its 5-D cycle ``c1`` in Define.

    The arena ``demo`` (template ``smice/base``, created 2019-01-01) has the persons ``p1``
    (Anna, industry) and ``p2`` (Nils, academia), both consenting to storage from 2019-01-01,
    the progress team ``t1`` (Wood) with both as members, and the cycle ``c1`` that entered
    Define on 2019-01-10 with one topic (``topic-1``). Its core team and protocol are still
    missing, so the cycle cannot advance yet.

    Examples
    --------
    >>> arena = demo_arena()
    >>> [s.name for s in arena.stakeholders], arena.cycle("c1").phase
    (['Anna', 'Nils'], 'define')

    .. versionadded:: 0.2.0
    """
    consent = Consent(scopes=frozenset({ConsentScope.STORAGE}), given_on=date(2019, 1, 1))
    people = tuple(
        Stakeholder(
            id=StakeholderId(sid),
            name=name,
            helix=helix,
            kinds=frozenset({StakeholderKind.PRIVATE_PERSON}),
            country=Country.SE,
            consent=consent,
        )
        for sid, name, helix in (("p1", "Anna", Helix.INDUSTRY), ("p2", "Nils", Helix.ACADEMIA))
    )
    team = ProgressTeam(
        id=TeamId("t1"),
        name="Wood",
        formed_on=date(2019, 1, 1),
        memberships=tuple(Membership(person=p.id, joined_on=date(2019, 1, 1)) for p in people),
    )
    cycle = Cycle(
        id=CycleId("c1"),
        team=team.id,
        variant=CycleVariant.FIVE_D,
        history=(PhaseVisit(phase="define", entered_at=datetime(2019, 1, 10, tzinfo=UTC)),),
        topics=(Topic(id=ArtefactId("topic-1"), title="Side-streams of sawmills"),),
    )
    return Arena(
        id=ArenaId("demo"),
        name="Demo",
        template="smice/base",
        created_on=date(2019, 1, 1),
        stakeholders=people,
        teams=(team,),
        cycles=(cycle,),
    )
