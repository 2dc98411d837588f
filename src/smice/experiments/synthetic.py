"""Synthetic arenas: plausible, reproducible populations of stakeholders and their ties.

A synthetic arena spans two regions on either side of the Swedish–Norwegian border, each with a
few municipalities. Organisations are drawn by helix with kinds and sizes typical of a rural
Mid-Nordic innovation arena (mostly small firms; a university and a research institute; the
municipalities, a regional authority and a funder; business gardens, associations and
makerspaces); persons work for them. Ties cluster by municipality and helix, with few bridges
between clusters and intermediaries (business gardens) as hubs.

Everything comes from one :class:`random.Random` seeded with ``seed``, so the same arguments
always give the same arena; the arena is built by folding ``arena_created``,
``stakeholder_joined``, ``platform_opened`` and ``tie_observed`` events through
:func:`smice.process.replay`, so it is a valid journal too (:func:`synthetic_events`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Final, TypeVar

import attrs

from smice._types import ArenaId, PlatformId, RegionId, StakeholderId, TieId
from smice.domain import (
    AgeBand,
    Arena,
    Consent,
    ConsentScope,
    Country,
    Gender,
    Helix,
    KnowledgeFlowDirection,
    Level,
    PersonRole,
    Platform,
    Region,
    SizeClass,
    Stakeholder,
    StakeholderKind,
    Tie,
    TieKind,
)
from smice.errors import InvalidValue
from smice.process import Event, replay
from smice.process.events import ArenaCreated

__all__ = ["MUNICIPALITIES", "Population", "population", "synthetic_arena", "synthetic_events"]

#: The default municipalities on each side of the border (Jämtland and Trøndelag).
MUNICIPALITIES: Final[tuple[tuple[Country, tuple[str, ...]], ...]] = (
    (Country.SE, ("Östersund", "Krokom", "Strömsund", "Åre")),
    (Country.NO, ("Steinkjer", "Levanger", "Indre Fosen", "Meråker")),
)

_REGION_NAMES: Final = {Country.SE: "Jämtland Härjedalen", Country.NO: "Trøndelag"}

# Organisation kinds by helix, with weights, size classes and whether they hold R&D capacity.
_KINDS: Final[dict[Helix, tuple[tuple[StakeholderKind, float], ...]]] = {
    Helix.INDUSTRY: (
        (StakeholderKind.SME, 0.50),
        (StakeholderKind.MICRO_FIRM, 0.26),
        (StakeholderKind.PRIMARY_PRODUCER, 0.14),
        (StakeholderKind.LARGE_FIRM, 0.05),
        (StakeholderKind.COOPERATIVE, 0.05),
    ),
    Helix.ACADEMIA: (
        (StakeholderKind.UNIVERSITY, 0.4),
        (StakeholderKind.RESEARCH_INSTITUTE, 0.6),
    ),
    Helix.GOVERNMENT: (
        (StakeholderKind.MUNICIPALITY, 0.55),
        (StakeholderKind.REGIONAL_AUTHORITY, 0.15),
        (StakeholderKind.STATE_AGENCY, 0.15),
        (StakeholderKind.FUNDER, 0.15),
    ),
    Helix.CIVIL_SOCIETY: (
        (StakeholderKind.INTERMEDIARY, 0.35),
        (StakeholderKind.NGO, 0.40),
        (StakeholderKind.MAKERSPACE, 0.15),
        (StakeholderKind.MEDIA, 0.10),
    ),
}
_HELIX_WEIGHTS: Final = (
    (Helix.INDUSTRY, 0.55),
    (Helix.ACADEMIA, 0.07),
    (Helix.GOVERNMENT, 0.16),
    (Helix.CIVIL_SOCIETY, 0.22),
)
_SIZES: Final = {
    StakeholderKind.SME: ((SizeClass.SMALL, 0.7), (SizeClass.MEDIUM, 0.3)),
    StakeholderKind.MICRO_FIRM: ((SizeClass.MICRO, 1.0),),
    StakeholderKind.PRIMARY_PRODUCER: ((SizeClass.MICRO, 0.7), (SizeClass.SMALL, 0.3)),
    StakeholderKind.LARGE_FIRM: ((SizeClass.LARGE, 1.0),),
    StakeholderKind.COOPERATIVE: ((SizeClass.SMALL, 0.6), (SizeClass.MEDIUM, 0.4)),
}
_ROLES: Final = {
    Helix.INDUSTRY: ((PersonRole.OWNER_MANAGER, 0.4), (PersonRole.EMPLOYEE, 0.5),
                     (PersonRole.UNION_REPRESENTATIVE, 0.1)),
    Helix.ACADEMIA: ((PersonRole.RESEARCHER, 1.0),),
    Helix.GOVERNMENT: ((PersonRole.PUBLIC_OFFICER, 1.0),),
    Helix.CIVIL_SOCIETY: ((PersonRole.CITIZEN, 1.0),),
}  # fmt: skip
_CONSENT_SCOPES: Final = frozenset(
    {ConsentScope.STORAGE, ConsentScope.INTERVIEW_TEXT, ConsentScope.NETWORK_ANALYSIS}
)
_RECORDER: Final = "smice-simulator"
_T = TypeVar("_T")


@attrs.frozen(kw_only=True)
class Population:
    """The people and organisations of a synthetic arena, before anyone takes part.

    ``stakeholders`` are ordered organisations first; ``ties`` hold between them (and the
    employment ties of persons); ``platforms`` are hosted by intermediaries, one per country.

    .. versionadded:: 0.1.0
    """

    start: date
    regions: tuple[Region, ...]
    stakeholders: tuple[Stakeholder, ...]
    ties: tuple[Tie, ...]
    platforms: tuple[Platform, ...]


def _pick(rng: random.Random, weighted: Sequence[tuple[_T, float]]) -> _T:
    values = [v for v, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(values, weights)[0]


def _check(
    n_stakeholders: int, person_share: float, bridge_share: float, mean_ties: float
) -> None:
    if isinstance(n_stakeholders, bool) or not isinstance(n_stakeholders, int):
        raise InvalidValue("n_stakeholders", "an <int>", n_stakeholders)
    if not 12 <= n_stakeholders <= 100_000:
        raise InvalidValue("n_stakeholders", "a whole number from 12 to 100000", n_stakeholders)
    if not 0 <= person_share <= 0.8:
        raise InvalidValue("person_share", "a share from 0 to 0.8", person_share)
    if not 0 <= bridge_share <= 1:
        raise InvalidValue("bridge_share", "a share from 0 to 1", bridge_share)
    if not 0 <= mean_ties <= 50:
        raise InvalidValue("mean_ties", "a number from 0 to 50", mean_ties)


def _organisations(
    rng: random.Random, n_orgs: int, places: Sequence[tuple[Country, str]]
) -> list[Stakeholder]:
    # Every arena gets, per country, one intermediary and the first municipality, and one
    # R&D organisation overall; the rest are drawn by helix.
    planned: list[tuple[Helix, StakeholderKind, Country, str]] = []
    countries = sorted({c for c, _ in places}, key=str)
    for country in countries:
        home = next(m for c, m in places if c == country)
        planned.append((Helix.CIVIL_SOCIETY, StakeholderKind.INTERMEDIARY, country, home))
        planned.append((Helix.GOVERNMENT, StakeholderKind.MUNICIPALITY, country, home))
    first = places[0]
    planned.append((Helix.ACADEMIA, StakeholderKind.UNIVERSITY, first[0], first[1]))
    municipal = {(c, m) for _, k, c, m in planned if k is StakeholderKind.MUNICIPALITY}
    while len(planned) < n_orgs:
        helix = _pick(rng, _HELIX_WEIGHTS)
        kind = _pick(rng, _KINDS[helix])
        country, municipality = rng.choice(places)
        if kind is StakeholderKind.MUNICIPALITY:
            if (country, municipality) in municipal:
                kind = StakeholderKind.STATE_AGENCY
            else:
                municipal.add((country, municipality))
        planned.append((helix, kind, country, municipality))
    orgs = []
    for number, (helix, kind, country, municipality) in enumerate(planned[:n_orgs], start=1):
        size = _pick(rng, _SIZES[kind]) if kind in _SIZES else None
        orgs.append(
            Stakeholder(
                id=StakeholderId(f"org-{number:04d}"),
                name=f"{kind.value.replace('_', ' ').capitalize()} {number} ({municipality})",
                helix=helix,
                kinds=frozenset({kind}),
                country=country,
                municipality=municipality,
                size_class=size,
                bio_based=kind is StakeholderKind.PRIMARY_PRODUCER or rng.random() < 0.15,
                rnd_capacity=helix is Helix.ACADEMIA,
            )
        )
    return orgs


def _persons(
    rng: random.Random, n_persons: int, orgs: Sequence[Stakeholder], start: date
) -> list[Stakeholder]:
    persons = []
    consent = Consent(scopes=_CONSENT_SCOPES, given_on=start)
    for number in range(1, n_persons + 1):
        employer = orgs[(number - 1) % len(orgs)] if number <= len(orgs) else rng.choice(orgs)
        if employer.kinds & {StakeholderKind.INTERMEDIARY, StakeholderKind.MAKERSPACE}:
            role = PersonRole.FACILITATOR
        else:
            role = _pick(rng, _ROLES[employer.helix])
        independent = role is PersonRole.CITIZEN and rng.random() < 0.5
        persons.append(
            Stakeholder(
                id=StakeholderId(f"p-{number:04d}"),
                name=f"Person {number}",
                helix=employer.helix,
                kinds=frozenset({StakeholderKind.PRIVATE_PERSON}),
                country=employer.country,
                municipality=employer.municipality,
                role=role,
                employer=None if independent else employer.id,
                gender=_pick(rng, ((Gender.FEMALE, 0.48), (Gender.MALE, 0.5),
                                   (Gender.OTHER, 0.02))),
                age_band=rng.choice(tuple(AgeBand)),
                consent=consent,
            )
        )  # fmt: skip
    return persons


def _tie_kind(a: Stakeholder, b: Stakeholder, rng: random.Random) -> TieKind:
    kinds = a.kinds | b.kinds
    if StakeholderKind.FUNDER in a.kinds:
        return TieKind.FUNDS
    if a.helix is Helix.ACADEMIA and b.helix is Helix.INDUSTRY:
        return TieKind.KNOWLEDGE_FLOW
    if a.helix is Helix.INDUSTRY and b.helix is Helix.INDUSTRY and rng.random() < 0.4:
        return TieKind.SUPPLIES
    if StakeholderKind.INTERMEDIARY in kinds and rng.random() < 0.3:
        return TieKind.KNOWLEDGE_FLOW
    return TieKind.COLLABORATES_WITH


def _org_ties(
    rng: random.Random, orgs: Sequence[Stakeholder], mean_ties: float, bridge_share: float
) -> list[tuple[Stakeholder, Stakeholder, TieKind]]:
    by_place: dict[tuple[Country, str | None], list[Stakeholder]] = {}
    by_helix: dict[tuple[Country, Helix], list[Stakeholder]] = {}
    hubs: dict[Country, list[Stakeholder]] = {}
    for org in orgs:
        by_place.setdefault((org.country, org.municipality), []).append(org)
        by_helix.setdefault((org.country, org.helix), []).append(org)
        if StakeholderKind.INTERMEDIARY in org.kinds:
            hubs.setdefault(org.country, []).append(org)
    seen: set[frozenset[str]] = set()
    found: list[tuple[Stakeholder, Stakeholder, TieKind]] = []
    # Each organisation starts about mean_ties / 2 ties (each tie has two ends).
    for org in orgs:
        starts = int(mean_ties / 2) + (rng.random() < (mean_ties / 2) % 1)
        for _ in range(starts):
            draw = rng.random()
            if draw < bridge_share:
                pool: Sequence[Stakeholder] = orgs
            elif draw < bridge_share + 0.2 and hubs.get(org.country):
                pool = hubs[org.country]
            elif draw < 0.65:
                pool = by_place[(org.country, org.municipality)]
            else:
                pool = by_helix[(org.country, org.helix)]
            other = rng.choice(pool)
            pair = frozenset({org.id, other.id})
            if other.id == org.id or pair in seen:
                continue
            seen.add(pair)
            source, target = (other, org) if other.helix is Helix.ACADEMIA else (org, other)
            if StakeholderKind.FUNDER in target.kinds:
                source, target = target, source
            found.append((source, target, _tie_kind(source, target, rng)))
    return found


def population(
    n_stakeholders: int,
    *,
    seed: int,
    start: date = date(2018, 1, 1),
    municipalities: Sequence[tuple[Country, Sequence[str]]] = MUNICIPALITIES,
    person_share: float = 0.35,
    mean_ties: float = 3.0,
    bridge_share: float = 0.05,
) -> Population:
    """The stakeholders, ties, regions and platforms of a synthetic arena.

    Parameters are those of :func:`synthetic_arena`.

    Examples
    --------
    >>> people = population(40, seed=1)
    >>> len(people.stakeholders), len(people.platforms)
    (40, 2)

    .. versionadded:: 0.1.0
    """
    _check(n_stakeholders, person_share, bridge_share, mean_ties)
    rng = random.Random(seed)  # noqa: S311  (a simulation, not cryptography)
    places = [(country, name) for country, names in municipalities for name in names]
    if not places:
        raise InvalidValue("municipalities", "at least one municipality", municipalities)
    n_persons = round(n_stakeholders * person_share)
    orgs = _organisations(rng, n_stakeholders - n_persons, places)
    persons = _persons(rng, n_persons, orgs, start)
    ties: list[Tie] = []
    for source, target, kind in _org_ties(rng, orgs, mean_ties, bridge_share):
        ties.append(
            Tie(
                id=TieId(f"tie-{len(ties) + 1:05d}"),
                kind=kind,
                source=source.id,
                target=target.id,
                since=start,
                direction=KnowledgeFlowDirection.INBOUND
                if kind is TieKind.KNOWLEDGE_FLOW and target.helix is Helix.INDUSTRY
                else None,
            )
        )
    for person in persons:
        if person.employer is not None:
            ties.append(
                Tie(
                    id=TieId(f"tie-{len(ties) + 1:05d}"),
                    kind=TieKind.EMPLOYED_BY,
                    source=person.id,
                    target=person.employer,
                    since=start,
                )
            )
    regions = tuple(
        Region(
            id=RegionId(f"region-{country.value.lower()}"),
            name=_REGION_NAMES.get(country, f"Region {country.value}"),
            country=country,
            municipalities=tuple(names),
        )
        for country, names in municipalities
    )
    platforms = tuple(
        Platform(
            id=PlatformId(f"pf-{country.value.lower()}"),
            name=f"Open innovation platform {host.municipality}",
            country=country,
            region=RegionId(f"region-{country.value.lower()}"),
            municipality=host.municipality,
            host=host.id,
            level=Level.LOCAL_COMMUNITY,
            opened_on=start,
        )
        for country in sorted({c for c, _ in places}, key=str)
        for host in [
            next(
                o for o in orgs if o.country is country and StakeholderKind.INTERMEDIARY in o.kinds
            )
        ]
    )
    return Population(
        start=start,
        regions=regions,
        stakeholders=(*orgs, *persons),
        ties=tuple(ties),
        platforms=platforms,
    )


def moment(day: date, minute: int = 0) -> datetime:
    """Noon UTC on *day*, plus *minute* minutes (simulated events are stamped with these)."""
    return datetime.combine(day, time(12, tzinfo=UTC)) + timedelta(minutes=minute)


def creation_events(people: Population, arena_id: str = "synthetic") -> list[Event]:
    """The ``arena_created`` event of *people*'s arena (the first of its journal)."""
    return [
        Event(
            type="arena_created",
            id="e-000001",
            at=moment(people.start),
            recorded_by=_RECORDER,
            payload=ArenaCreated(
                id=ArenaId(arena_id),
                name=f"Synthetic arena {arena_id}",
                template="smice/base",
                created_on=people.start,
                regions=people.regions,
            ),
        )
    ]


def synthetic_events(
    n_stakeholders: int,
    *,
    seed: int,
    start: date = date(2018, 1, 1),
    municipalities: Sequence[tuple[Country, Sequence[str]]] = MUNICIPALITIES,
    person_share: float = 0.35,
    mean_ties: float = 3.0,
    bridge_share: float = 0.05,
) -> tuple[Event, ...]:
    """The journal of a synthetic arena: the events :func:`synthetic_arena` folds.

    Examples
    --------
    >>> events = synthetic_events(20, seed=3)
    >>> events[0].type, events[1].type
    ('arena_created', 'stakeholder_joined')

    .. versionadded:: 0.1.0
    """
    people = population(
        n_stakeholders,
        seed=seed,
        start=start,
        municipalities=municipalities,
        person_share=person_share,
        mean_ties=mean_ties,
        bridge_share=bridge_share,
    )
    events = creation_events(people)
    at = moment(start)

    def add(kind: str, payload: object) -> None:
        events.append(
            Event(
                type=kind, id=f"e-{len(events) + 1:06d}", at=at, recorded_by=_RECORDER,
                payload=payload,  # type: ignore[arg-type]
            )
        )  # fmt: skip

    for stakeholder in people.stakeholders:
        add("stakeholder_joined", attrs.evolve(stakeholder, joined_on=start))
    for platform in people.platforms:
        add("platform_opened", platform)
    for tie in people.ties:
        add("tie_observed", tie)
    return tuple(events)


def synthetic_arena(
    n_stakeholders: int,
    *,
    seed: int,
    start: date = date(2018, 1, 1),
    municipalities: Sequence[tuple[Country, Sequence[str]]] = MUNICIPALITIES,
    person_share: float = 0.35,
    mean_ties: float = 3.0,
    bridge_share: float = 0.05,
) -> Arena:
    """A plausible arena of *n_stakeholders* stakeholders, the same for the same *seed*.

    Parameters
    ----------
    n_stakeholders : int
        Organisations and persons together (12 to 100000).
    seed : int
        Seed of the one :class:`random.Random` every choice comes from.
    start : date
        The day the arena is created and everyone joins.
    municipalities : sequence of tuple
        The municipalities of each country (default: :data:`MUNICIPALITIES`, four in
        Jämtland, four in Trøndelag). One region per country; one platform per country,
        hosted by an intermediary.
    person_share : float
        Share of the stakeholders who are persons (each works for an organisation, except
        some citizens); every person has consented to storage, interview text and network
        analysis.
    mean_ties : float
        Mean number of ties per organisation (employment ties not counted).
    bridge_share : float
        Share of ties drawn between any two organisations; the rest stay within a
        municipality, a helix of one country, or go to an intermediary (the hubs).

    Returns
    -------
    Arena
        Valid against the arena schema (``smice.io.dump_arena`` then ``validate``).

    Examples
    --------
    >>> arena = synthetic_arena(60, seed=7)
    >>> len(arena.stakeholders), sorted({s.country.value for s in arena.stakeholders})
    (60, ['NO', 'SE'])
    >>> synthetic_arena(60, seed=7) == arena
    True

    .. versionadded:: 0.1.0
    """
    return replay(
        synthetic_events(
            n_stakeholders,
            seed=seed,
            start=start,
            municipalities=municipalities,
            person_share=person_share,
            mean_ties=mean_ties,
            bridge_share=bridge_share,
        )
    )
