"""Generate the example arena ``examples/arenas/jamtland-trondelag.json``.

The scenario
------------
A fictional but realistic Mid-Nordic innovation arena for the circular economy, modelled on
the Interreg Sweden-Norway project SMICE (May 2017 to December 2020). It covers Jämtland
Härjedalen in Sweden and Trøndelag in Norway from January 2018 to December 2020:

* **Stakeholders** in all four helices and both countries: small firms in forestry, farming,
  food, fish farming, tourism and building reuse, two district-heating companies, the sixteen
  municipalities, both regional authorities, the state's regional offices and two funders, a
  university and a research institute, business gardens (*næringshager*) and a food cluster,
  a study association, two repair cafés, village associations, unions, and private persons
  (owner-managers, employees, union representatives, researchers, public officers,
  facilitators and citizens), each with a consent record.
* **Five open platforms** (four local, one regional) and **six progress teams**: building
  reuse in Östersund (graduated into a cooperative), side-streams on Fosen, local food and
  village tourism in Meldal/Orkland, forest side-streams in Strömsund, a cross-border
  mountain-food team, and a fish-silage team spun off in Destiny.
* **Seven Appreciative Inquiry cycles** (5-D with Review), in different phases and with the
  artefacts each phase produces: one completed and reviewed, one in Destiny with a sub-cycle
  it spawned (now in Dream), one in Design that went back to Discover for more external
  voices, one in Discover, one defining its topics, and one abandoned early.
* **Initiatives** tagged with R-strategies and business-model patterns, four of them blocked
  by the end-of-waste or by-product status of a side-stream, and **resource flows** of bark,
  sawdust, whey, fish silage, manure, spent grain and reclaimed building material: potential,
  under negotiation, realised and ended, many burnt for energy (R9) although a material use
  exists.
* **Ties** of every kind, all dated: clusters by municipality and sector, business gardens as
  hubs that broker introductions, few ties between small firms and R&D, and a handful of
  cross-border ties.

Firms, persons and everything they say are invented; the municipalities, regional
authorities, state offices and the university are real, but their roles here are invented
too. The working language of the records is English; names are Swedish or Norwegian.

Conventions: ties point from ``source`` to ``target`` (``member_of`` the member to the body,
``employed_by`` the person to the employer, ``supplies`` the supplier to the customer,
``procures`` the buyer to the supplier, ``funds`` the funder to the recipient); knowledge
flows point the way knowledge travels and their ``direction`` is seen from the firm (inbound
when it takes knowledge in); an introduction is two ``brokered`` ties from the broker, one to
each side; ``collaborates_with`` and ``co_applies`` have no direction and are stored once.

The output is deterministic: every random choice comes from one ``random.Random(seed)``, and
every collection is listed in the order its items came about (by date, then id). Run::

    python examples/generate_arena.py
    smice validate examples/arenas/jamtland-trondelag.json
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

import attrs

import smice
from smice.domain import (
    Action,
    ActionStatus,
    ActionTeam,
    AgeBand,
    Arena,
    Barrier,
    BarrierKind,
    BusinessModelPattern,
    CommunityCapital,
    Consent,
    ConsentScope,
    Country,
    Cycle,
    CycleStatus,
    CycleVariant,
    DestinyMode,
    DreamStatement,
    Endorsement,
    FlowStatus,
    FlowType,
    FrozenMap,
    Gender,
    Graduation,
    GraduationEvidence,
    Helix,
    Initiative,
    InitiativeMaturity,
    Interview,
    InterviewProtocol,
    KnowledgeFlowDirection,
    Language,
    Level,
    LoopStrategy,
    Membership,
    PersonRole,
    PhaseVisit,
    Platform,
    PositiveCoreMap,
    ProgressTeam,
    Proposition,
    PropositionChecklist,
    Region,
    ResourceFlow,
    Review,
    ReviewDecision,
    RStrategy,
    SizeClass,
    Stakeholder,
    StakeholderKind,
    Story,
    Target,
    TeamStatus,
    Theme,
    Tie,
    TieKind,
    Topic,
)

SEED = 20170501  # the day the SMICE project started
OUTPUT = Path(__file__).resolve().parent / "arenas" / "jamtland-trondelag.json"
CREATED = date(2018, 1, 15)
SNAPSHOT = date(2020, 11, 30)  # the day the records were last updated
D = date.fromisoformat

K = StakeholderKind
R = RStrategy
Cap = CommunityCapital
Pat = BusinessModelPattern


# ------------------------------------------------------------------------------------------
# Helpers: dates, meeting times, and the generator's working state
# ------------------------------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def at(day: date | str, hour: int = 10) -> datetime:
    """A meeting time in the region's local time (CET, or CEST in summer)."""
    day = D(day) if isinstance(day, str) else day
    summer = _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    return datetime(
        day.year, day.month, day.day, hour, tzinfo=timezone(timedelta(hours=2 if summer else 1))
    )


def between(rng: random.Random, start: date, end: date) -> date:
    """A random day from *start* to *end*, both included."""
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


@dataclass
class Person:
    """A person before their joining day is known (it depends on when they first appear)."""

    handle: str  # how this script refers to them, e.g. "owner:sme-bergs-sagverk"
    id: str  # the pseudonymous id in the document, e.g. "p014"
    name: str
    role: PersonRole
    helix: Helix
    country: Country
    municipality: str
    employer: str | None
    gender: Gender | None
    age_band: AgeBand | None
    scopes: frozenset[ConsentScope]
    withdrawn_on: date | None = None
    expires_on: date | None = None


@dataclass
class Draft:
    """What the generator has built so far."""

    rng: random.Random
    organisations: dict[str, Stakeholder] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)  # by handle
    handles: dict[str, str] = field(default_factory=dict)  # person id -> handle
    first_seen: dict[str, date] = field(default_factory=dict)  # stakeholder id -> day
    ties: dict[tuple[object, ...], Tie] = field(default_factory=dict)
    regions: list[Region] = field(default_factory=list)
    platforms: list[Platform] = field(default_factory=list)
    teams: list[ProgressTeam] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    flows: list[ResourceFlow] = field(default_factory=list)

    def sid(self, ref: str, day: date | None = None) -> str:
        """The stakeholder id of *ref*, an organisation id or a person's handle. With *day*,
        record that the stakeholder took part in something that day."""
        sid = self.persons[ref].id if ":" in ref else self.organisations[ref].id
        if day is not None and day < self.first_seen.get(sid, date.max):
            self.first_seen[sid] = day
        return sid

    def ref(self, sid: str) -> str:
        """The handle of the person with id *sid*, or *sid* itself for an organisation."""
        return self.handles.get(sid, sid)

    def joined(self, ref: str) -> date:
        """The day an organisation planned to join."""
        joined = self.organisations[ref].joined_on
        assert joined is not None
        return joined

    def may_keep_text(self, ref: str) -> bool:
        """Whether a person's interview texts may be kept (consent given, not withdrawn)."""
        person = self.persons[ref]
        return ConsentScope.INTERVIEW_TEXT in person.scopes and person.withdrawn_on is None

    def tie(
        self,
        kind: TieKind,
        source: str,
        target: str,
        since: date,
        *,
        until: date | None = None,
        weight: float = 1.0,
        cycle: str | None = None,
        phase: str | None = None,
        direction: KnowledgeFlowDirection | None = None,
        pecuniary: bool | None = None,
        resource: FlowType | None = None,
    ) -> None:
        """Add a tie; a second tie of the same kind between the same ends (in the same cycle)
        is ignored, and undirected kinds are stored from the smaller id to the larger."""
        a, b = self.sid(source, since), self.sid(target, since)
        if kind in UNDIRECTED:
            a, b = sorted((a, b))
        key = (kind, a, b, cycle)
        if a == b or key in self.ties:
            return
        self.ties[key] = Tie(
            id="pending",  # numbered in date order when the arena is assembled
            kind=kind,
            source=a,
            target=b,
            weight=weight,
            since=since,
            until=until,
            cycle=cycle,
            phase=phase,
            direction=direction,
            pecuniary=pecuniary,
            resource=resource,
        )


UNDIRECTED = frozenset({TieKind.COLLABORATES_WITH, TieKind.CO_APPLIES})


# ------------------------------------------------------------------------------------------
# Part 1: the two regions and their municipalities
# ------------------------------------------------------------------------------------------

SWEDISH = ("Östersund", "Krokom", "Strömsund", "Åre", "Berg", "Härjedalen", "Bräcke", "Ragunda")
NORWEGIAN = (
    "Indre Fosen",
    "Orkland",  # Meldal, Orkdal and Agdenes merged into Orkland on 1 January 2020
    "Steinkjer",
    "Snåsa",
    "Levanger",
    "Stjørdal",
    "Røros",
    "Trondheim",
)
COUNTRY_OF = dict.fromkeys(SWEDISH, Country.SE) | dict.fromkeys(NORWEGIAN, Country.NO)


def region_of(municipality: str) -> str:
    return "region-jamtland" if municipality in SWEDISH else "region-trondelag"


def add_regions(draft: Draft) -> None:
    draft.regions += [
        Region(
            id="region-jamtland",
            name="Jämtland Härjedalen",
            country=Country.SE,
            municipalities=SWEDISH,
        ),
        Region(
            id="region-trondelag",
            name="Trøndelag",
            country=Country.NO,
            municipalities=NORWEGIAN,
        ),
    ]


# ------------------------------------------------------------------------------------------
# Part 2: organisations
# ------------------------------------------------------------------------------------------


class Org(NamedTuple):
    """One row of the organisation tables."""

    id: str
    name: str
    municipality: str
    sector: str  # forest, food, tourism, building, energy (firms); public, research, support
    kinds: frozenset[StakeholderKind]
    size: SizeClass | None = None
    bio: bool = False  # lives off biological resources
    joined: str | None = None  # planned joining day; drawn from the joining waves otherwise


SME, MICRO, FARM = frozenset({K.SME}), frozenset({K.MICRO_FIRM}), frozenset({K.PRIMARY_PRODUCER})
LARGE, COOP = frozenset({K.LARGE_FIRM}), frozenset({K.COOPERATIVE, K.MICRO_FIRM})
MUN, REG, AGENCY = (
    frozenset({K.MUNICIPALITY}),
    frozenset({K.REGIONAL_AUTHORITY}),
    frozenset({K.STATE_AGENCY}),
)
GARDEN, NGO, MAKER = frozenset({K.INTERMEDIARY}), frozenset({K.NGO}), frozenset({K.MAKERSPACE})
S, M, MD, L = SizeClass.SMALL, SizeClass.MICRO, SizeClass.MEDIUM, SizeClass.LARGE

# fmt: off
FIRMS = (
    # Jämtland Härjedalen
    Org("sme-froso-gardsmejeri", "Frösö Gårdsmejeri AB", "Östersund", "food", MICRO, M, True),
    Org("sme-froso-bryggeri", "Frösö Hantverksbryggeri AB", "Östersund", "food", MICRO, M, True),
    Org("sme-storsjon-naturturism", "Storsjöns Naturturism AB", "Östersund", "tourism", MICRO, M,
        joined="2020-02-03"),
    Org("sme-ostersunds-byggtjanst", "Östersunds Byggtjänst AB", "Östersund", "building", SME, S),
    Org("sme-storsjo-arkitekter", "Storsjö Arkitekter AB", "Östersund", "building", MICRO, M),
    Org("lf-storsjo-energi", "Storsjö Energi AB", "Östersund", "energy", LARGE, L, True),
    Org("coop-aterbruket", "Återbruket Jämtland ekonomisk förening", "Östersund", "building",
        COOP, M, joined="2019-11-15"),
    Org("farm-rodon-gard", "Rödöns Gård", "Krokom", "food", FARM | MICRO, M, True),
    Org("farm-offerdal-notkott", "Offerdals Nötkött HB", "Krokom", "food", FARM | MICRO, M, True,
        joined="2019-09-16"),
    Org("sme-jamt-rivning", "Jämt Rivning & Återbruk AB", "Krokom", "building", SME, S),
    Org("sme-krokom-snickeri", "Krokoms Snickeri AB", "Krokom", "forest", SME, S, True),
    Org("sme-gaddede-timber", "Gäddede Timber AB", "Strömsund", "forest", SME, S, True),
    Org("sme-aarjel-renkott", "Åarjel Renkött AB", "Strömsund", "food", MICRO, M, True),
    Org("sme-stromsunds-skogsentreprenad", "Strömsunds Skogsentreprenad AB", "Strömsund",
        "forest", MICRO, M, True),
    Org("sme-hotagen-fjallodge", "Hotagens Fjällodge AB", "Strömsund", "tourism", MICRO, M),
    Org("sme-valadalen-fjallodge", "Vålådalens Fjällodge AB", "Åre", "tourism", SME, S),
    Org("sme-ann-vildmarkslodge", "Ånns Vildmarkslodge AB", "Åre", "tourism", MICRO, M),
    Org("sme-are-fjallbageri", "Åre Fjällbageri AB", "Åre", "food", MICRO, M, True),
    Org("sme-are-fritidshus", "Åre Fritidshusservice AB", "Åre", "building", SME, S),
    Org("sme-bergs-sagverk", "Bergs Sågverk AB", "Berg", "forest", SME, S, True),
    Org("sme-myssjo-mejeri", "Myssjö Mejeri AB", "Berg", "food", SME, S, True),
    Org("farm-hackas-lammgard", "Hackås Lammgård", "Berg", "food", FARM | MICRO, M, True),
    Org("sme-funasdalen-stugby", "Funäsdalens Stugby AB", "Härjedalen", "tourism", SME, S),
    Org("sme-fjallbar", "Fjällbär Härjedalen AB", "Härjedalen", "food", MICRO, M, True,
        joined="2020-04-20"),
    Org("sme-sveg-trahus", "Svegs Trähus AB", "Härjedalen", "forest", SME, S, True),
    Org("sme-bracke-bioenergi", "Bräcke Bioenergi AB", "Bräcke", "forest", SME, S, True),
    Org("farm-kalarne-skogsgard", "Kälarne Skogsgård", "Bräcke", "forest", FARM | MICRO, M, True),
    Org("sme-hammarstrands-tra", "Hammarstrands Trä AB", "Ragunda", "forest", SME, S, True),
    Org("sme-jamtlands-svamp-bar", "Jämtlands Svamp & Bär AB", "Ragunda", "food", MICRO, M, True),
    Org("sme-ragunda-roding", "Ragunda Röding AB", "Ragunda", "food", MICRO, M, True),
    # Trøndelag
    Org("sme-fosen-laks", "Fosen Laks AS", "Indre Fosen", "food", SME, MD, True),
    Org("sme-fosen-trelast", "Fosen Trelast AS", "Indre Fosen", "forest", SME, S, True),
    Org("farm-rissa-gardsysteri", "Rissa Gardsysteri", "Indre Fosen", "food", FARM | MICRO, M,
        True),
    Org("sme-leksvik-bygg", "Leksvik Bygg og Ombruk AS", "Indre Fosen", "building", SME, S),
    Org("sme-fosen-fjordcamp", "Fosen Fjordcamp AS", "Indre Fosen", "tourism", MICRO, M),
    Org("sme-meldal-sagbruk", "Meldal Sagbruk AS", "Orkland", "forest", SME, S, True),
    Org("sme-trondersopp", "Trøndersopp AS", "Orkland", "food", MICRO, M, True),
    Org("sme-lokken-gjestegard", "Løkken Gjestegård AS", "Orkland", "tourism", MICRO, M),
    Org("farm-orkdal-gardsmat", "Orkdal Gardsmat", "Orkland", "food", FARM | MICRO, M, True),
    Org("farm-svorkmo-gront", "Svorkmo Grønt", "Orkland", "food", FARM | MICRO, M, True),
    Org("sme-steinkjer-gardsmeieri", "Steinkjer Gardsmeieri AS", "Steinkjer", "food", SME, S,
        True),
    Org("sme-steinkjer-pellets", "Steinkjer Pellets AS", "Steinkjer", "forest", SME, S, True),
    Org("sme-byafossen-bryggeri", "Byafossen Bryggeri AS", "Steinkjer", "food", MICRO, M, True),
    Org("sme-snasa-sag", "Snåsa Sag AS", "Snåsa", "forest", MICRO, M, True),
    Org("sme-snasa-reinkjott", "Snåsa Reinkjøtt AS", "Snåsa", "food", MICRO, M, True),
    Org("sme-snasa-villmarkslodge", "Snåsa Villmarkslodge AS", "Snåsa", "tourism", MICRO, M),
    Org("sme-skogn-biogass", "Skogn Biogass AS", "Levanger", "energy", SME, MD, True),
    Org("sme-ytteroy-frukt", "Ytterøy Frukt AS", "Levanger", "food", MICRO, M, True),
    Org("sme-levanger-ensilasje", "Levanger Ensilasje AS", "Levanger", "food", SME, S, True),
    Org("farm-skatval-okogard", "Skatval Økogård", "Stjørdal", "food", FARM | MICRO, M, True),
    Org("sme-stjordal-fjordhotell", "Stjørdal Fjordhotell AS", "Stjørdal", "tourism", SME, S),
    Org("sme-hegra-trevare", "Hegra Trevare AS", "Stjørdal", "forest", SME, S, True,
        joined="2019-11-11"),
    Org("sme-roros-fjellmeieri", "Røros Fjellmeieri AS", "Røros", "food", SME, S, True),
    Org("sme-roros-fjellstue", "Røros Fjellstue AS", "Røros", "tourism", MICRO, M),
    Org("sme-bergstaden-restaurering", "Bergstaden Restaurering AS", "Røros", "building",
        MICRO, M),
    Org("sme-trondheim-ombruk", "Trondheim Ombruk AS", "Trondheim", "building", SME, S),
    Org("lf-trondelag-fjernvarme", "Trøndelag Fjernvarme AS", "Trondheim", "energy", LARGE, L,
        True),
    Org("sme-nidaros-design", "Nidaros Sirkulær Design AS", "Trondheim", "building", MICRO, M,
        joined="2020-02-17"),
    Org("sme-fjordmat", "Fjordmat Trondheim AS", "Trondheim", "food", SME, S, True),
)

PUBLIC = (
    Org("mun-ostersund", "Östersunds kommun", "Östersund", "public", MUN),
    Org("mun-krokom", "Krokoms kommun", "Krokom", "public", MUN),
    Org("mun-stromsund", "Strömsunds kommun", "Strömsund", "public", MUN),
    Org("mun-are", "Åre kommun", "Åre", "public", MUN),
    Org("mun-berg", "Bergs kommun", "Berg", "public", MUN),
    Org("mun-harjedalen", "Härjedalens kommun", "Härjedalen", "public", MUN),
    Org("mun-bracke", "Bräcke kommun", "Bräcke", "public", MUN),
    Org("mun-ragunda", "Ragunda kommun", "Ragunda", "public", MUN),
    Org("reg-jamtland", "Region Jämtland Härjedalen", "Östersund", "public", REG),
    Org("agency-lansstyrelsen", "Länsstyrelsen Jämtlands län", "Östersund", "public", AGENCY),
    Org("fund-almi-mitt", "Almi Företagspartner Mitt", "Östersund", "public",
        frozenset({K.FUNDER})),
    Org("mun-indre-fosen", "Indre Fosen kommune", "Indre Fosen", "public", MUN),
    Org("mun-orkland", "Orkland kommune", "Orkland", "public", MUN),
    Org("mun-steinkjer", "Steinkjer kommune", "Steinkjer", "public", MUN),
    Org("mun-snasa", "Snåsa kommune", "Snåsa", "public", MUN),
    Org("mun-levanger", "Levanger kommune", "Levanger", "public", MUN),
    Org("mun-stjordal", "Stjørdal kommune", "Stjørdal", "public", MUN),
    Org("mun-roros", "Røros kommune", "Røros", "public", MUN),
    Org("mun-trondheim", "Trondheim kommune", "Trondheim", "public", MUN),
    Org("reg-trondelag", "Trøndelag fylkeskommune", "Steinkjer", "public", REG),
    Org("agency-fylkesmannen", "Fylkesmannen i Trøndelag", "Steinkjer", "public", AGENCY),
    Org("fund-innovasjon-norge", "Innovasjon Norge Trøndelag", "Trondheim", "public",
        frozenset({K.FUNDER, K.STATE_AGENCY})),
)

RESEARCH = (
    Org("uni-miun", "Mittuniversitetet (Mid Sweden University)", "Östersund", "research",
        frozenset({K.UNIVERSITY})),
    Org("ri-bygdeforsk", "Bygdeforsk Midt-Norge", "Trondheim", "research",
        frozenset({K.RESEARCH_INSTITUTE})),
)

CIVIL = (
    Org("ngo-sv-jamtland", "Studieförbundet Vuxenskolan Jämtlands län", "Östersund", "support",
        NGO),
    Org("bg-stromsund", "Strömsunds Företagsträdgård", "Strömsund", "support", GARDEN),
    Org("cl-fjallmat", "Fjällmat Jämtland ekonomisk förening", "Krokom", "support", GARDEN),
    Org("mk-ostersund", "Makerspace Östersund", "Östersund", "support", MAKER),
    Org("ngo-hotagen-byalag", "Hotagens Byaförening", "Strömsund", "support", NGO),
    Org("union-skog-tra", "Skogs- och Träfacket Jämtland", "Östersund", "support", NGO),
    Org("bg-indre-fosen", "Indre Fosen Næringshage AS", "Indre Fosen", "support", GARDEN),
    Org("bg-orkland", "Orkland Næringshage AS", "Orkland", "support", GARDEN),
    Org("bg-snasa", "Snåsa Næringshage AS", "Snåsa", "support", GARDEN),
    Org("mk-steinkjer", "Steinkjer Reparasjonskafé", "Steinkjer", "support", MAKER),
    Org("ngo-meldal-bygdelag", "Meldal Bygdelag", "Orkland", "support", NGO),
    Org("union-mat-havbruk", "Mat- og havbruksforbundet Trøndelag", "Trondheim", "support", NGO),
)
# fmt: on

HELICES = (
    (FIRMS, Helix.INDUSTRY),
    (PUBLIC, Helix.GOVERNMENT),
    (RESEARCH, Helix.ACADEMIA),
    (CIVIL, Helix.CIVIL_SOCIETY),
)

#: Firms join in three waves, Norwegian ones a little later: (start, end, weight).
JOINING_WAVES = {
    Country.SE: (
        (D("2018-01-15"), D("2018-06-30"), 5),
        (D("2018-07-01"), D("2019-06-30"), 3),
        (D("2019-07-01"), D("2020-06-30"), 2),
    ),
    Country.NO: (
        (D("2018-02-01"), D("2018-09-30"), 4),
        (D("2018-10-01"), D("2019-09-30"), 3),
        (D("2019-10-01"), D("2020-06-30"), 3),
    ),
}


def _planned_joining(rng: random.Random, org: Org, helix: Helix) -> date:
    """Public bodies, R&D and intermediaries join in the first months; firms in waves."""
    if org.joined is not None:
        return D(org.joined)
    if helix is not Helix.INDUSTRY:
        return between(rng, CREATED, D("2018-04-30"))
    waves = JOINING_WAVES[COUNTRY_OF[org.municipality]]
    start, end, _ = rng.choices(waves, weights=[w for *_, w in waves])[0]
    return between(rng, start, end)


def add_organisations(draft: Draft) -> None:
    for table, helix in HELICES:
        for org in table:
            draft.organisations[org.id] = Stakeholder(
                id=org.id,
                name=org.name,
                helix=helix,
                kinds=org.kinds,
                country=COUNTRY_OF[org.municipality],
                municipality=org.municipality,
                size_class=org.size,
                bio_based=org.bio,
                rnd_capacity=helix is Helix.ACADEMIA,
                joined_on=_planned_joining(draft.rng, org, helix),
            )


# ------------------------------------------------------------------------------------------
# Part 3: persons, with roles, employers, optional gender and age band, and consent
# ------------------------------------------------------------------------------------------

OWNER_MANAGED = (
    "sme-froso-gardsmejeri", "sme-froso-bryggeri", "sme-ostersunds-byggtjanst",
    "sme-storsjo-arkitekter", "farm-rodon-gard", "sme-jamt-rivning", "sme-gaddede-timber",
    "sme-aarjel-renkott", "sme-stromsunds-skogsentreprenad", "sme-hotagen-fjallodge",
    "sme-valadalen-fjallodge", "sme-are-fjallbageri", "sme-are-fritidshus", "sme-bergs-sagverk",
    "farm-hackas-lammgard", "sme-funasdalen-stugby", "sme-fjallbar", "sme-bracke-bioenergi",
    "sme-hammarstrands-tra", "sme-jamtlands-svamp-bar", "sme-ragunda-roding",
    "sme-fosen-trelast", "farm-rissa-gardsysteri", "sme-leksvik-bygg", "sme-fosen-fjordcamp",
    "sme-meldal-sagbruk", "sme-trondersopp", "sme-lokken-gjestegard", "farm-orkdal-gardsmat",
    "farm-svorkmo-gront", "sme-byafossen-bryggeri", "sme-snasa-reinkjott",
    "sme-snasa-villmarkslodge", "sme-skogn-biogass", "sme-levanger-ensilasje",
    "farm-skatval-okogard", "sme-roros-fjellmeieri", "sme-roros-fjellstue",
    "sme-trondheim-ombruk", "sme-fjordmat", "sme-bergstaden-restaurering",
)  # fmt: skip
EMPLOYEES = {
    "sme-fosen-laks": 2,
    "sme-jamt-rivning": 1,
    "sme-krokom-snickeri": 1,
    "sme-bergs-sagverk": 2,
    "lf-storsjo-energi": 1,
    "sme-myssjo-mejeri": 1,
    "sme-levanger-ensilasje": 1,
    "sme-skogn-biogass": 1,
    "sme-lokken-gjestegard": 1,
    "sme-steinkjer-gardsmeieri": 1,
    "lf-trondelag-fjernvarme": 1,
    "sme-meldal-sagbruk": 1,
}
UNION_REPS = (
    "sme-fosen-laks",
    "sme-hammarstrands-tra",
    "sme-bergs-sagverk",
    "sme-steinkjer-gardsmeieri",
)
UNION_OF = {Country.SE: "union-skog-tra", Country.NO: "union-mat-havbruk"}
RESEARCHERS = {"uni-miun": 4, "ri-bygdeforsk": 3}
OFFICERS = (
    "mun-ostersund", "mun-krokom", "mun-stromsund", "mun-are", "mun-berg", "reg-jamtland",
    "agency-lansstyrelsen", "mun-indre-fosen", "mun-orkland", "mun-steinkjer", "mun-trondheim",
    "reg-trondelag", "agency-fylkesmannen",
)  # fmt: skip
FACILITATORS = {
    "ngo-sv-jamtland": 2,
    "bg-stromsund": 1,
    "mk-ostersund": 1,
    "bg-indre-fosen": 1,
    "bg-orkland": 1,
    "bg-snasa": 1,
}
CITIZENS = {
    "Östersund": 2,
    "Krokom": 1,
    "Strömsund": 2,
    "Åre": 1,
    "Indre Fosen": 1,
    "Orkland": 2,
    "Steinkjer": 1,
    "Snåsa": 1,
    "Trondheim": 1,
}

FIRST_NAMES = {
    (Country.SE, Gender.FEMALE): "Anna Karin Maria Eva Sara Elin Linnea Frida Ingrid Malin "
    "Johanna Emma Kristina Lena Sofia Ida Helena Annika Ulrika Maja",
    (Country.SE, Gender.MALE): "Erik Lars Johan Per Anders Nils Olof Mats Jonas Magnus Henrik "
    "Daniel Fredrik Mikael Stefan Gustav Jens Björn Tomas Pär",
    (Country.NO, Gender.FEMALE): "Kari Ingrid Marit Siri Hanne Ragnhild Guro Solveig Kristin "
    "Ane Silje Tone Berit Ida Mari Randi Hilde Live Åse Eli",
    (Country.NO, Gender.MALE): "Ola Lars Per Jon Eirik Tor Håkon Arne Magnus Knut Ole Sindre "
    "Trond Geir Espen Bjørn Odd Martin Steinar Audun",
}
SURNAMES = {
    Country.SE: "Persson Olsson Jonsson Eriksson Andersson Nilsson Svensson Berglund Hällström "
    "Sundqvist Lindqvist Strömberg Åkerlund Norén Ljungberg Hansson Bergström Östlund Näslund "
    "Wikström Sjödin Forsberg Engström Dahlin Grahn",
    Country.NO: "Hansen Johansen Olsen Berg Haugen Lund Aune Vold Moe Strand Grøtte Solem "
    "Fossum Rønning Hoel Sæther Skjervold Indergaard Lian Bakken Myhre Tronstad Eggen Lein Kvam",
}

#: The share of women by role, and the age bands by role (weights in AgeBand order).
FEMALE_SHARE = {
    PersonRole.OWNER_MANAGER: 0.35,
    PersonRole.EMPLOYEE: 0.3,
    PersonRole.UNION_REPRESENTATIVE: 0.25,
    PersonRole.RESEARCHER: 0.55,
    PersonRole.PUBLIC_OFFICER: 0.6,
    PersonRole.FACILITATOR: 0.7,
    PersonRole.CITIZEN: 0.55,
}
AGE_WEIGHTS = {
    PersonRole.OWNER_MANAGER: (0, 1, 3, 4, 3, 1),
    PersonRole.EMPLOYEE: (1, 3, 3, 2, 1, 0),
    PersonRole.UNION_REPRESENTATIVE: (0, 0, 2, 3, 2, 0),
    PersonRole.RESEARCHER: (0, 2, 3, 2, 1, 0),
    PersonRole.PUBLIC_OFFICER: (0, 2, 3, 3, 2, 0),
    PersonRole.FACILITATOR: (0, 2, 3, 2, 1, 0),
    PersonRole.CITIZEN: (2, 2, 2, 2, 2, 3),
}
#: Everyone consents to storage and contact; these scopes are given with these chances.
OPTIONAL_SCOPES = (
    (ConsentScope.INTERVIEW_TEXT, 0.93),
    (ConsentScope.NETWORK_ANALYSIS, 0.88),
    (ConsentScope.EXPORT, 0.8),
    (ConsentScope.PUBLICATION, 0.35),
)
#: The citizen who withdrew consent in March 2020 (their interview texts were erased).
WITHDRAWN = ("citizen:Krokom:1", D("2020-03-16"))


def _roster() -> list[tuple[str, PersonRole, str | None, str | None]]:
    """``(handle, role, employer, home municipality)``; only citizens have no employer."""
    roster: list[tuple[str, PersonRole, str | None, str | None]] = []
    roster += [(f"owner:{org}", PersonRole.OWNER_MANAGER, org, None) for org in OWNER_MANAGED]
    for org, n in EMPLOYEES.items():
        roster += [
            (f"employee:{org}:{k}", PersonRole.EMPLOYEE, org, None) for k in range(1, n + 1)
        ]
    roster += [(f"union:{org}", PersonRole.UNION_REPRESENTATIVE, org, None) for org in UNION_REPS]
    for org, n in RESEARCHERS.items():
        roster += [
            (f"researcher:{org}:{k}", PersonRole.RESEARCHER, org, None) for k in range(1, n + 1)
        ]
    roster += [(f"officer:{org}", PersonRole.PUBLIC_OFFICER, org, None) for org in OFFICERS]
    for org, n in FACILITATORS.items():
        roster += [
            (f"facilitator:{org}:{k}", PersonRole.FACILITATOR, org, None) for k in range(1, n + 1)
        ]
    for place, n in CITIZENS.items():
        roster += [
            (f"citizen:{place}:{k}", PersonRole.CITIZEN, None, place) for k in range(1, n + 1)
        ]
    return roster


def add_persons(draft: Draft) -> None:
    rng = draft.rng
    names: set[str] = set()
    for number, (handle, role, employer, home) in enumerate(_roster(), start=1):
        org = draft.organisations[employer] if employer else None
        municipality = org.municipality if org and org.municipality else str(home)
        country = COUNTRY_OF[municipality]
        sex = Gender.FEMALE if rng.random() < FEMALE_SHARE[role] else Gender.MALE
        name = ""
        while not name or name in names:
            first = rng.choice(FIRST_NAMES[country, sex].split())
            name = f"{first} {rng.choice(SURNAMES[country].split())}"
        names.add(name)
        declares = rng.random()  # some persons leave gender or age band out
        scopes = {ConsentScope.STORAGE, ConsentScope.CONTACT}
        scopes |= {scope for scope, chance in OPTIONAL_SCOPES if rng.random() < chance}
        draft.persons[handle] = Person(
            handle=handle,
            id=f"p{number:03d}",
            name=name,
            role=role,
            helix=org.helix if org else Helix.CIVIL_SOCIETY,
            country=country,
            municipality=municipality,
            employer=employer,
            gender=sex if declares < 0.86 else None,
            age_band=rng.choices(tuple(AgeBand), AGE_WEIGHTS[role])[0] if declares < 0.8 else None,
            scopes=frozenset(scopes),
            expires_on=D("2020-12-31") if rng.random() < 0.05 else None,
        )
        draft.handles[f"p{number:03d}"] = handle
    citizens = [p for p in draft.persons.values() if p.role is PersonRole.CITIZEN]
    rng.choice(citizens).gender = Gender.OTHER
    draft.persons[WITHDRAWN[0]].withdrawn_on = WITHDRAWN[1]


# ------------------------------------------------------------------------------------------
# Part 4: platforms
# ------------------------------------------------------------------------------------------

# fmt: off
PLATFORMS = (
    # id, name, host, municipality, level, opened
    ("plat-midnordic", "Mittnordisk arena för cirkulär ekonomi", "reg-jamtland", "Östersund",
     Level.REGION, "2018-01-15"),
    ("plat-ostersund", "Cirkulära Jämtland: Östersund", "ngo-sv-jamtland", "Östersund",
     Level.LOCAL_COMMUNITY, "2018-02-12"),
    ("plat-fosen", "Sirkulære Fosen", "bg-indre-fosen", "Indre Fosen",
     Level.LOCAL_COMMUNITY, "2018-03-05"),
    ("plat-orkland", "Sirkulær Meldal og Orkland", "bg-orkland", "Orkland",
     Level.LOCAL_COMMUNITY, "2018-04-09"),
    ("plat-stromsund", "Strömsunds innovationsplattform", "bg-stromsund", "Strömsund",
     Level.LOCAL_COMMUNITY, "2018-05-07"),
)
# fmt: on


def add_platforms(draft: Draft) -> None:
    for pid, name, host, municipality, level, opened in PLATFORMS:
        draft.platforms.append(
            Platform(
                id=pid,
                name=name,
                country=COUNTRY_OF[municipality],
                region=region_of(municipality),
                municipality=municipality,
                host=draft.sid(host, D(opened)),
                level=level,
                opened_on=D(opened),
            )
        )


# ------------------------------------------------------------------------------------------
# Part 5: progress teams and their Appreciative Inquiry cycles
#
# Each cycle is written out phase by phase as rows of data. The helpers turn rows into
# artefacts with ids prefixed by the cycle ("c1-story-3") and record the ties a cycle
# reveals: who takes part on which platform, who facilitates whom, who interviewed whom,
# and who works together in an action team.
# ------------------------------------------------------------------------------------------

PASSED = PropositionChecklist(
    affirmative=True, present_tense=True, stretching=True, vivid=True, grounded=True
)
IMPRO, IMPL = DestinyMode.IMPROVISATIONAL, DestinyMode.IMPLEMENTATION
DONE, STARTED, COMMITTED, DROPPED = (
    ActionStatus.DONE,
    ActionStatus.STARTED,
    ActionStatus.COMMITTED,
    ActionStatus.DROPPED,
)


def history(
    *visits: tuple[str, str] | tuple[str, str, str], closed: str | None = None
) -> tuple[PhaseVisit, ...]:
    """Phase visits from ``(phase, entered, [reason for going back])`` rows. Each visit is
    left when the next begins; the last one when the cycle *closed*, if it did."""
    result = []
    for k, (phase, entered, *reason) in enumerate(visits):
        if k + 1 < len(visits):
            left: datetime | None = at(visits[k + 1][1])
        else:
            left = at(closed, 16) if closed else None
        result.append(
            PhaseVisit(
                phase=phase,
                entered_at=at(entered),
                left_at=left,
                reason=reason[0] if reason else None,
            )
        )
    return tuple(result)


def phase_on(visits: Sequence[PhaseVisit], day: date) -> str:
    """The phase a cycle was in on *day* (its first phase if it had not started yet)."""
    current = visits[0].phase
    for visit in visits:
        if visit.entered_at.date() <= day:
            current = visit.phase
    return current


def team(
    draft: Draft,
    tid: str,
    name: str,
    *,
    platform: str,
    topic: str,
    formed: str,
    members: Sequence[tuple[str, str] | tuple[str, str, str]],
    facilitators: Sequence[str],
    level: Level = Level.LOCAL_COMMUNITY,
    status: TeamStatus = TeamStatus.ACTIVE,
    graduation: Graduation | None = None,
) -> ProgressTeam:
    """A progress team from ``(person, joined, [left])`` rows."""
    progress_team = ProgressTeam(
        id=tid,
        name=name,
        formed_on=D(formed),
        platform=platform,
        topic=topic,
        level=level,
        memberships=tuple(
            Membership(
                person=draft.sid(ref, D(joined)),
                joined_on=D(joined),
                left_on=D(left[0]) if left else None,
            )
            for ref, joined, *left in members
        ),
        facilitators=tuple(draft.sid(ref, D(formed)) for ref in facilitators),
        status=status,
        graduation=graduation,
    )
    draft.teams.append(progress_team)
    return progress_team


def team_ties(
    draft: Draft, progress_team: ProgressTeam, cycle: str, visits: Sequence[PhaseVisit]
) -> None:
    """Members take part in the platform (through its host) and its facilitators
    facilitate them."""
    host = next(p.host for p in draft.platforms if p.id == progress_team.platform)
    assert host is not None
    for membership in progress_team.memberships:
        member, joined, left = (
            draft.ref(membership.person),
            membership.joined_on,
            membership.left_on,
        )
        phase = phase_on(visits, joined)
        draft.tie(
            TieKind.PARTICIPATES_IN, member, host, joined, until=left, cycle=cycle, phase=phase
        )
        for facilitator in progress_team.facilitators:
            since = max(joined, visits[0].entered_at.date())
            draft.tie(
                TieKind.FACILITATES,
                draft.ref(facilitator),
                member,
                since,
                until=left,
                cycle=cycle,
                phase=phase_on(visits, since),
            )


def members_of(draft: Draft, progress_team: ProgressTeam) -> tuple[str, ...]:
    return tuple(draft.ref(m.person) for m in progress_team.memberships)


def topics(prefix: str, rows: Sequence[tuple[str, str]]) -> tuple[Topic, ...]:
    return tuple(
        Topic(id=f"{prefix}-topic-{n}", title=title, description=description)
        for n, (title, description) in enumerate(rows, start=1)
    )


QUESTIONS = (
    "Tell me about a time when {subject} worked at its best for you. What made it possible?",
    "What do you value most in the people and firms you work with here?",
    "What small thing already works that others could learn from?",
    "Imagine it is three years from now and {subject} is normal here. What do you see?",
    "What one step could you take yourself this year?",
)


def protocol(
    draft: Draft, prefix: str, subject: str, approved: str | None, approvers: Sequence[str]
) -> InterviewProtocol:
    return InterviewProtocol(
        id=f"{prefix}-protocol",
        questions=tuple(q.format(subject=subject) for q in QUESTIONS),
        approved_on=D(approved) if approved else None,
        approved_by=tuple(draft.sid(ref) for ref in approvers),
    )


def interviews(
    draft: Draft,
    prefix: str,
    cycle: str,
    rows: Sequence[tuple[str, str, str, bool, str]],
    topic_rows: Sequence[Topic],
) -> tuple[Interview, ...]:
    """Interviews from ``(interviewer, interviewee, day, unlikely pair, summary)`` rows. A
    summary is kept only if the interviewee consents to keeping interview texts."""
    result = []
    for n, (interviewer, interviewee, day, unlikely, summary) in enumerate(rows, start=1):
        draft.tie(
            TieKind.INTERVIEWED, interviewer, interviewee, D(day), cycle=cycle, phase="discover"
        )
        result.append(
            Interview(
                id=f"{prefix}-interview-{n}",
                interviewer=draft.sid(interviewer),
                interviewee=draft.sid(interviewee),
                on=D(day),
                topics=tuple(t.id for t in topic_rows),
                unlikely_pair=unlikely,
                summary=summary if draft.may_keep_text(interviewee) else None,
            )
        )
    return tuple(result)


def stories(
    draft: Draft,
    prefix: str,
    rows: Sequence[tuple[int, str, str, Sequence[int]]],
    told: Sequence[Interview],
) -> tuple[Story, ...]:
    """Stories from ``(interview number, title, text, topic numbers)`` rows; the text is kept
    only if the teller consents to keeping interview texts."""
    result = []
    for n, (interview, title, text, topic_numbers) in enumerate(rows, start=1):
        teller = draft.ref(told[interview - 1].interviewee)
        result.append(
            Story(
                id=f"{prefix}-story-{n}",
                title=title,
                interview=told[interview - 1].id,
                topics=tuple(f"{prefix}-topic-{t}" for t in topic_numbers),
                text=text if draft.may_keep_text(teller) else None,
            )
        )
    return tuple(result)


def themes(
    prefix: str, rows: Sequence[tuple[str, Sequence[int], float | None]]
) -> tuple[Theme, ...]:
    """Themes from ``(name, story numbers, generativity)`` rows."""
    return tuple(
        Theme(
            id=f"{prefix}-theme-{n}",
            name=name,
            stories=tuple(f"{prefix}-story-{s}" for s in story_numbers),
            generativity=generativity,
        )
        for n, (name, story_numbers, generativity) in enumerate(rows, start=1)
    )


def positive_core(
    prefix: str, day: str, elements: Sequence[str], n_themes: int
) -> PositiveCoreMap:
    return PositiveCoreMap(
        id=f"{prefix}-core",
        on=D(day),
        elements=tuple(elements),
        themes=tuple(f"{prefix}-theme-{n}" for n in range(1, n_themes + 1)),
    )


def dreams(
    prefix: str, rows: Sequence[tuple[int, str, str, str | None, float | None]]
) -> tuple[DreamStatement, ...]:
    """Dream statements from ``(topic number, text, day, enactment, generativity)`` rows."""
    return tuple(
        DreamStatement(
            id=f"{prefix}-dream-{n}",
            topic=f"{prefix}-topic-{topic}",
            text=text,
            on=D(day),
            enactment=enactment,
            generativity=generativity,
        )
        for n, (topic, text, day, enactment, generativity) in enumerate(rows, start=1)
    )


def endorsements(
    draft: Draft, prefix: str, rows: Sequence[tuple[int, str, Sequence[str]]]
) -> tuple[Endorsement, ...]:
    """Endorsements from ``(dream number, day, persons)`` rows."""
    result: list[Endorsement] = []
    for dream, day, persons in rows:
        result += [
            Endorsement(
                id=f"{prefix}-endorsement-{len(result) + k}",
                dream=f"{prefix}-dream-{dream}",
                person=draft.sid(ref, D(day)),
                on=D(day),
            )
            for k, ref in enumerate(persons, start=1)
        ]
    return tuple(result)


def propositions(
    prefix: str,
    rows: Sequence[tuple[int, str, str, Sequence[int], PropositionChecklist, float | None]],
) -> tuple[Proposition, ...]:
    """Propositions from ``(topic, text, day, story numbers, checklist, generativity)``."""
    return tuple(
        Proposition(
            id=f"{prefix}-proposition-{n}",
            topic=f"{prefix}-topic-{topic}",
            text=text,
            on=D(day),
            stories=tuple(f"{prefix}-story-{s}" for s in story_numbers),
            checklist=checklist,
            generativity=generativity,
        )
        for n, (topic, text, day, story_numbers, checklist, generativity) in enumerate(
            rows, start=1
        )
    )


def targets(prefix: str, rows: Sequence[tuple[str, float, str, int, str]]) -> tuple[Target, ...]:
    """Targets from ``(description, value, unit, proposition number, due)`` rows."""
    return tuple(
        Target(
            id=f"{prefix}-target-{n}",
            description=description,
            value=value,
            unit=unit,
            proposition=f"{prefix}-proposition-{proposition}",
            due=D(due),
        )
        for n, (description, value, unit, proposition, due) in enumerate(rows, start=1)
    )


class Act(NamedTuple):
    """One row of a cycle's inspired actions."""

    title: str
    owner: str
    committed: str
    due: str
    proposition: int
    status: ActionStatus
    started: str | None
    mode: DestinyMode
    r_strategies: frozenset[RStrategy]
    capitals: frozenset[CommunityCapital]
    generativity: float | None = None


def actions(draft: Draft, prefix: str, rows: Sequence[Act]) -> tuple[Action, ...]:
    return tuple(
        Action(
            id=f"{prefix}-action-{n}",
            title=row.title,
            owner=draft.sid(row.owner, D(row.committed)),
            committed_on=D(row.committed),
            due=D(row.due),
            proposition=f"{prefix}-proposition-{row.proposition}",
            status=row.status,
            started_on=D(row.started) if row.started else None,
            mode=row.mode,
            r_strategies=row.r_strategies,
            community_capitals=row.capitals,
            generativity=row.generativity,
        )
        for n, row in enumerate(rows, start=1)
    )


def action_teams(
    draft: Draft,
    prefix: str,
    cycle: str,
    day: str,
    rows: Sequence[tuple[str, Sequence[str], Sequence[int], bool]],
) -> tuple[ActionTeam, ...]:
    """Action teams from ``(name, members, action numbers, self-organised)`` rows; their
    members start collaborating with each other."""
    result = []
    for n, (name, members, action_numbers, self_organised) in enumerate(rows, start=1):
        for k, first in enumerate(members):
            for second in members[k + 1 :]:
                draft.tie(
                    TieKind.COLLABORATES_WITH,
                    first,
                    second,
                    D(day),
                    weight=2.0,
                    cycle=cycle,
                    phase="destiny",
                )
        result.append(
            ActionTeam(
                id=f"{prefix}-action-team-{n}",
                name=name,
                members=tuple(draft.sid(ref) for ref in members),
                actions=tuple(f"{prefix}-action-{a}" for a in action_numbers),
                self_organised=self_organised,
            )
        )
    return tuple(result)


def rs(*strategies: RStrategy) -> frozenset[RStrategy]:
    return frozenset(strategies)


def caps(*capitals: CommunityCapital) -> frozenset[CommunityCapital]:
    return frozenset(capitals)


# fmt: off
def cycle_ostersund_reuse(draft: Draft) -> None:
    """C1, completed and reviewed: building-material reuse in Östersund. The team graduated
    into a cooperative that runs a material depot."""
    cid, p = "cyc-ostersund-reuse", "c1"
    visits = history(
        ("define", "2018-04-09"),
        ("discover", "2018-05-07"),
        ("dream", "2018-09-10"),
        ("design", "2018-10-15"),
        ("destiny", "2018-12-03"),
        ("review", "2019-09-16"),
        closed="2019-09-30",
    )
    graduated = "2019-11-15"
    progress_team = team(
        draft, "team-ostersund-reuse", "Återbruk av byggmaterial",
        platform="plat-ostersund",
        topic="Reuse of building materials in and around Östersund",
        formed="2018-03-20",
        members=(
            ("owner:sme-jamt-rivning", "2018-03-20", graduated),
            ("owner:sme-ostersunds-byggtjanst", "2018-03-20", graduated),
            ("officer:mun-ostersund", "2018-03-20", graduated),
            ("citizen:Östersund:1", "2018-03-20", graduated),
            ("owner:sme-storsjo-arkitekter", "2018-03-20", graduated),
            ("employee:sme-krokom-snickeri:1", "2018-04-16", "2019-03-01"),
            ("researcher:uni-miun:1", "2018-10-22", graduated),
        ),
        facilitators=("facilitator:ngo-sv-jamtland:1",),
        status=TeamStatus.GRADUATED,
        graduation=Graduation(
            on=D(graduated),
            evidence=GraduationEvidence.NEW_BUSINESS,
            description="The team founded the cooperative Återbruket Jämtland, which took "
            "over the trial depot and sells reclaimed building material in Östersund.",
            successor="coop-aterbruket",
        ),
    )
    for founder in ("sme-jamt-rivning", "sme-ostersunds-byggtjanst", "sme-storsjo-arkitekter",
                    "sme-krokom-snickeri", "citizen:Östersund:1"):
        draft.tie(TieKind.MEMBER_OF, founder, "coop-aterbruket", D(graduated))
    core = ("owner:sme-jamt-rivning", "officer:mun-ostersund", "citizen:Östersund:1",
            "owner:sme-storsjo-arkitekter")
    fac = "facilitator:ngo-sv-jamtland:1"
    topic_rows = topics(p, (
        ("Materials with a second life",
         "Building materials already in the region, waiting for their next use."),
        ("Builders who share",
         "Times when builders, demolishers and architects shared and all gained."),
        ("Public buildings as material banks",
         "The municipality as owner and buyer of buildings that give materials back."),
    ))
    told = interviews(draft, p, cid, (
        (fac, "owner:sme-jamt-rivning", "2018-05-14", False,
         "Salvaged the timber frame of a barn in Föllinge for a new café."),
        ("owner:sme-jamt-rivning", "officer:mun-ostersund", "2018-05-22", True,
         "A school renovation where old doors were refitted because the caretaker kept them."),
        ("officer:mun-ostersund", "owner:sme-ostersunds-byggtjanst", "2018-05-29", False,
         "Leftover tiles from one job finished the next one."),
        ("owner:sme-ostersunds-byggtjanst", "citizen:Östersund:1", "2018-06-05", True,
         "Restored a 1920s house with windows bought at a demolition sale."),
        ("citizen:Östersund:1", "owner:sme-storsjo-arkitekter", "2018-06-12", False,
         "Designed a library extension around reclaimed floorboards."),
        ("owner:sme-storsjo-arkitekter", "employee:sme-krokom-snickeri:1", "2018-06-19", False,
         "Built benches from offcuts for a village hall."),
        (fac, "employee:sme-jamt-rivning:1", "2018-08-14", False,
         "Careful dismantling took longer, but the crew was proud of the sorted piles."),
        ("owner:sme-jamt-rivning", "owner:sme-trondheim-ombruk", "2018-08-21", True,
         "Runs a reuse depot in Trondheim; customers come for character, not price."),
        ("officer:mun-ostersund", "researcher:uni-miun:2", "2018-08-23", True,
         "Mapped material flows in Östersund; most demolition timber is burnt."),
        ("citizen:Östersund:1", "citizen:Krokom:1", "2018-08-28", False,
         "Neighbours swap building materials in an online group."),
        ("owner:sme-storsjo-arkitekter", "owner:sme-are-fritidshus", "2018-08-30", False,
         "Leisure-house renovations in Åre throw away good kitchens every week."),
    ), topic_rows)
    everyone = members_of(draft, progress_team)
    draft.cycles.append(Cycle(
        id=cid,
        variant=CycleVariant.FIVE_D,
        history=visits,
        team=progress_team.id,
        status=CycleStatus.COMPLETED,
        destiny_mode=IMPRO,
        core_team=tuple(draft.sid(ref) for ref in core),
        topics=topic_rows,
        protocol=protocol(draft, p, "reuse of building materials", "2018-05-03", core),
        interviews=told,
        stories=stories(draft, p, (
            (1, "The barn that became a café", "A timber frame from Föllinge stands again.",
             (1,)),
            (2, "The doors the caretaker kept", "Twenty oak doors found a school again.",
             (1, 3)),
            (3, "The shared leftovers list", "Three builders stopped buying surplus tiles.",
             (2,)),
            (4, "Windows from the demolition sale", "Old glass, new warmth.", (1,)),
            (5, "Floorboards that set the design", "The material came first.", (1, 2)),
            (6, "Benches for the village hall", "Offcuts and a youth club.", (2,)),
            (7, "Proud of the sorted piles", "Slow work that the crew liked.", (2,)),
            (8, "Customers who come for character", "A depot that works.", (1,)),
            (9, "Where the timber goes today", "Most of it feeds the boilers.", (3,)),
            (10, "The neighbours' swap group", "Materials travel a few hundred metres.", (2,)),
            (11, "Kitchens that deserved a second home", "Good kitchens in skips.", (1,)),
            (2, "A client who asked for reuse", "A small tender asked, and got it.", (3,)),
        ), told),
        themes=themes(p, (
            ("Care for what is already built", (1, 2, 4, 11), 0.72),
            ("Sharing beats buying", (3, 6, 10), 0.64),
            ("A client who asks makes it happen", (9, 12, 2), 0.81),
            ("Pride in craft", (5, 7, 8), 0.58),
        )),
        positive_core=positive_core(p, "2018-09-05", (
            "Craft skills in dismantling and restoring",
            "A property office willing to test",
            "A regional habit of making do",
            "A working depot across the border to learn from",
        ), 4),
        dreams=dreams(p, (
            (1, "Every building taken down in Jämtland leaves a list of materials ready for "
             "their next use.", "2018-09-24", "Acted out as a material auction at the dream "
             "day.", 0.7),
            (2, "Builders, demolishers and architects share one regional material bank and "
             "plan their projects around it.", "2018-09-24", None, 0.66),
            (3, "The municipality's buildings are the region's first material bank, and every "
             "tender asks for reuse.", "2018-09-24", None, 0.75),
        )),
        endorsements=endorsements(draft, p, (
            (1, "2018-09-24", everyone[:5]),
            (2, "2018-09-24", everyone[:3] + everyone[4:6]),
            (3, "2018-10-01", everyone[:6]),
        )),
        propositions=propositions(p, (
            (1, "We dismantle with care: every demolition in our network sorts materials for "
             "reuse before anything is crushed or burnt.", "2018-11-05", (1, 7), PASSED, 0.7),
            (2, "Our members share one open list of materials and tools, and look there "
             "before they buy.", "2018-11-05", (3, 10), PASSED, 0.6),
            (3, "Östersunds kommun asks for reused material in its building tenders and "
             "reports what it got.", "2018-11-12", (12, 9), PASSED, 0.8),
        )),
        targets=targets(p, (
            ("Building material handled for reuse through the network", 200,
             "tonnes per year", 1, "2020-06-30"),
            ("Municipal building tenders with a reuse requirement", 5, "tenders", 3,
             "2019-12-31"),
            ("Firms listing materials in the shared list", 12, "firms", 2, "2019-06-30"),
        )),
        actions=actions(draft, p, (
            Act("Open a trial material depot in a rented hall", "owner:sme-jamt-rivning",
                "2018-12-10", "2019-04-30", 1, DONE, "2019-01-14", IMPRO, rs(R.REUSE),
                caps(Cap.BUILT, Cap.FINANCIAL), 0.7),
            Act("Write a reuse clause for small municipal tenders", "officer:mun-ostersund",
                "2018-12-10", "2019-06-30", 3, DONE, "2019-02-04", IMPL,
                rs(R.REUSE, R.REFURBISH), caps(Cap.POLITICAL, Cap.BUILT), 0.6),
            Act("Start a shared list of leftover materials", "owner:sme-ostersunds-byggtjanst",
                "2018-12-10", "2019-03-31", 2, DONE, "2018-12-17", IMPRO, rs(R.REUSE),
                caps(Cap.SOCIAL), 0.5),
            Act("Evening course in careful dismantling", fac, "2018-12-10", "2019-05-31", 1,
                DONE, "2019-03-04", IMPRO, rs(R.REUSE, R.REPAIR), caps(Cap.HUMAN), 0.55),
            Act("Material passports for two municipal buildings", "researcher:uni-miun:1",
                "2018-12-10", "2019-09-30", 3, STARTED, "2019-04-01", IMPL, rs(R.REUSE),
                caps(Cap.BUILT, Cap.HUMAN), 0.45),
            Act("Resell kitchens from leisure-house renovations",
                "owner:sme-storsjo-arkitekter", "2018-12-10", "2019-06-30", 2, DROPPED, None,
                IMPRO, rs(R.REUSE), caps(Cap.FINANCIAL)),
        )),
        action_teams=action_teams(draft, p, cid, "2018-12-10", (
            ("Depot group", ("owner:sme-jamt-rivning", "owner:sme-ostersunds-byggtjanst",
                             "employee:sme-krokom-snickeri:1", "citizen:Östersund:1"),
             (1, 3, 4), True),
            ("Tender group", ("officer:mun-ostersund", "researcher:uni-miun:1",
                              "owner:sme-storsjo-arkitekter"), (2, 5), False),
        )),
        reviews=(Review(
            id=f"{p}-review",
            on=D("2019-09-26"),
            decision=ReviewDecision.GRADUATE,
            outcomes=(
                "The trial depot handled 140 tonnes of material in eight months.",
                "Östersunds kommun used the reuse clause in three tenders.",
                "Fourteen firms list their leftovers in the shared list.",
            ),
            lessons=(
                "Reuse needs a place: the depot made the network visible.",
                "The tender clause works for small jobs, not yet for large ones.",
                "Reselling kitchens needed a shop that nobody had time to run.",
            ),
        ),),
    ))
    team_ties(draft, progress_team, cid, visits)


def cycle_fosen_sidestreams(draft: Draft) -> None:
    """C2, in Destiny: fish, wood and dairy side-streams on Fosen. One of its action teams
    spawned the fish-silage sub-cycle (C6)."""
    cid, p = "cyc-fosen-sidestreams", "c2"
    visits = history(
        ("define", "2019-02-04"),
        ("discover", "2019-03-11"),
        ("dream", "2019-06-17"),
        ("design", "2019-08-26"),
        ("destiny", "2019-10-21"),
    )
    progress_team = team(
        draft, "team-fosen-sidestreams", "Sidestrømmer på Fosen",
        platform="plat-fosen",
        topic="Side-streams from fish farming, sawmills and small dairies on Fosen",
        formed="2019-01-14",
        members=(
            ("employee:sme-fosen-laks:1", "2019-01-14"),
            ("union:sme-fosen-laks", "2019-01-14"),
            ("owner:sme-fosen-trelast", "2019-01-14"),
            ("owner:farm-rissa-gardsysteri", "2019-01-14"),
            ("officer:mun-indre-fosen", "2019-01-14"),
            ("owner:sme-leksvik-bygg", "2019-01-28"),
            ("owner:sme-levanger-ensilasje", "2019-01-28"),
            ("researcher:ri-bygdeforsk:1", "2019-06-24"),
        ),
        facilitators=("facilitator:bg-indre-fosen:1",),
    )
    core = ("employee:sme-fosen-laks:1", "owner:sme-fosen-trelast", "officer:mun-indre-fosen",
            "owner:farm-rissa-gardsysteri")
    fac = "facilitator:bg-indre-fosen:1"
    topic_rows = topics(p, (
        ("Nothing from the fjord is lost", "Fish-farming side-streams that found a use."),
        ("Wood that works twice", "Bark, sawdust and offcuts that became something."),
        ("Neighbours in business", "Firms on Fosen sharing transport, space and ideas."),
    ))
    told = interviews(draft, p, cid, (
        (fac, "employee:sme-fosen-laks:1", "2019-03-18", False,
         "Silage tanks were once a headache; now they are a small income."),
        ("employee:sme-fosen-laks:1", "owner:sme-fosen-trelast", "2019-03-25", True,
         "A neighbour's greenhouse was heated with our chips for a winter."),
        ("owner:sme-fosen-trelast", "union:sme-fosen-laks", "2019-04-01", True,
         "The night shift suggested sorting trimmings by quality."),
        ("union:sme-fosen-laks", "owner:farm-rissa-gardsysteri", "2019-04-08", True,
         "Whey went to a neighbour's pigs until the pigs were sold."),
        ("owner:farm-rissa-gardsysteri", "officer:mun-indre-fosen", "2019-04-15", False,
         "The municipality lent a hall to a start-up for a year."),
        ("officer:mun-indre-fosen", "owner:sme-leksvik-bygg", "2019-04-23", False,
         "Rebuilt a boathouse with timber from an old quay."),
        (fac, "owner:sme-levanger-ensilasje", "2019-04-29", False,
         "A feed trial with hens that surprised the vet."),
        ("owner:sme-levanger-ensilasje", "owner:sme-skogn-biogass", "2019-05-06", False,
         "Silage makes good gas, but feed pays better."),
        (fac, "researcher:ri-bygdeforsk:2", "2019-05-13", True,
         "Rural firms innovate in pairs more than in clusters."),
        ("officer:mun-indre-fosen", "citizen:Indre Fosen:1", "2019-05-20", True,
         "Villagers cleaned the shore and found the nets could be recycled."),
        ("owner:sme-leksvik-bygg", "owner:sme-fosen-fjordcamp", "2019-05-22", False,
         "Guests ask where the food comes from."),
        ("owner:sme-fosen-trelast", "owner:sme-bergs-sagverk", "2019-05-27", True,
         "A sawmill in Berg sells bark to the heating plant but wants a better use."),
        ("employee:sme-fosen-laks:1", "employee:sme-fosen-laks:2", "2019-05-29", False,
         "Young staff want to work where nothing is wasted."),
    ), topic_rows)
    everyone = members_of(draft, progress_team)
    draft.cycles.append(Cycle(
        id=cid,
        variant=CycleVariant.FIVE_D,
        history=visits,
        team=progress_team.id,
        destiny_mode=IMPRO,
        core_team=tuple(draft.sid(ref) for ref in core),
        topics=topic_rows,
        protocol=protocol(draft, p, "using side-streams", "2019-03-04", core),
        interviews=told,
        stories=stories(draft, p, (
            (1, "From headache to income", "Silage tanks that pay.", (1,)),
            (2, "The greenhouse winter", "Chips that kept tomatoes warm.", (2, 3)),
            (3, "The night shift's idea", "Trimmings sorted by quality.", (1,)),
            (4, "Whey for the pigs", "A neighbourly exchange that ended.", (1, 3)),
            (5, "A hall for a year", "A municipality that lent space.", (3,)),
            (6, "The boathouse from the quay", "Old timber, new use.", (2,)),
            (7, "Hens and silage", "A trial that surprised.", (1,)),
            (9, "Innovation in pairs", "Two firms are enough.", (3,)),
            (10, "Nets on the shore", "A clean-up that found value.", (1,)),
            (12, "Bark deserves better", "Heat is not the only use.", (2,)),
            (13, "Where nothing is wasted", "Why young staff stay.", (1, 3)),
        ), told),
        themes=themes(p, (
            ("Waste is a question of timing", (1, 4, 7, 9), 0.69),
            ("Ideas come from the floor", (3, 11), 0.77),
            ("Neighbours make it work", (2, 5, 8), 0.62),
            ("Wood deserves more than fire", (6, 10), 0.71),
        )),
        positive_core=positive_core(p, "2019-06-10", (
            "A fish farm that already sells its silage",
            "Employees with ideas and a union that backs them",
            "Short distances between firms on Fosen",
            "A municipality that lends space",
        ), 4),
        dreams=dreams(p, (
            (1, "Every kilo from the fjord feeds people, animals or soil before it feeds a "
             "boiler.", "2019-06-24", "A side-stream menu served at the dream day.", 0.74),
            (2, "Wood from Fosen is used twice before it is burnt.", "2019-06-24", None, 0.63),
            (3, "Firms on Fosen share a yard, a truck and a calendar.", "2019-06-24", None,
             0.58),
        )),
        endorsements=endorsements(draft, p, (
            (1, "2019-06-24", everyone[:7]),
            (2, "2019-06-24", everyone[:6]),
            (3, "2019-08-19", everyone[1:8]),
        )),
        propositions=propositions(p, (
            (1, "Our silage goes to feed first; only what feed cannot use goes to gas.",
             "2019-09-16", (1, 7), PASSED, 0.72),
            (2, "Bark and offcuts from our sawmills have buyers who use them as material.",
             "2019-09-16", (6, 10), PASSED, 0.6),
            (3, "We share one side-stream yard at Rissa, run by the firms that use it.",
             "2019-09-23", (2, 5), PASSED, 0.55),
        )),
        targets=targets(p, (
            ("Fish silage used as feed instead of biogas", 300, "tonnes per year", 1,
             "2020-12-31"),
            ("Firms using the shared side-stream yard", 6, "firms", 3, "2020-12-31"),
        )),
        actions=actions(draft, p, (
            Act("Feed trial with fish-silage protein", "owner:sme-levanger-ensilasje",
                "2019-10-28", "2020-06-30", 1, STARTED, "2020-02-03", IMPRO, rs(R.REPURPOSE),
                caps(Cap.NATURAL, Cap.FINANCIAL), 0.68),
            Act("Map bark and sawdust volumes on Fosen", "owner:sme-fosen-trelast",
                "2019-10-28", "2020-01-31", 2, DONE, "2019-11-11", IMPRO,
                rs(R.REPURPOSE, R.RECYCLE), caps(Cap.NATURAL), 0.4),
            Act("Shared side-stream yard at Rissa", "officer:mun-indre-fosen", "2019-10-28",
                "2020-09-30", 3, STARTED, "2020-03-02", IMPL, rs(R.REUSE),
                caps(Cap.BUILT, Cap.SOCIAL), 0.5),
            Act("Whey to the biogas plant, cheese to the camp", "owner:farm-rissa-gardsysteri",
                "2019-10-28", "2020-03-31", 1, DONE, "2019-11-25", IMPRO, rs(R.RECOVER),
                caps(Cap.FINANCIAL), 0.3),
            Act("Reclaimed quay timber for a new boathouse", "owner:sme-leksvik-bygg",
                "2019-10-28", "2020-05-31", 2, COMMITTED, None, IMPRO, rs(R.REUSE),
                caps(Cap.BUILT, Cap.CULTURAL)),
            Act("Night-shift ideas box for side-streams", "union:sme-fosen-laks", "2019-10-28",
                "2020-02-28", 1, DONE, "2019-11-04", IMPRO, rs(R.REDUCE),
                caps(Cap.HUMAN, Cap.SOCIAL), 0.65),
        )),
        action_teams=action_teams(draft, p, cid, "2019-10-28", (
            ("Silage to feed", ("employee:sme-fosen-laks:1", "owner:sme-levanger-ensilasje",
                                "researcher:ri-bygdeforsk:1"), (1,), True),
            ("Wood and yard", ("owner:sme-fosen-trelast", "owner:sme-leksvik-bygg",
                               "officer:mun-indre-fosen"), (2, 3, 5), True),
            ("Dairy and floor", ("owner:farm-rissa-gardsysteri", "union:sme-fosen-laks"),
             (4, 6), True),
        )),
    ))
    team_ties(draft, progress_team, cid, visits)


def cycle_fosen_silage(draft: Draft) -> None:
    """C6, a sub-cycle spawned in C2's Destiny, now in Dream: fish silage as feed protein.
    Interviews moved to phone and video in spring 2020."""
    cid, p = "cyc-fosen-silage", "c6"
    visits = history(("define", "2020-02-10"), ("discover", "2020-03-02"), ("dream", "2020-06-08"))
    progress_team = team(
        draft, "team-fosen-silage", "Ensilasje til fôr",
        platform="plat-fosen",
        topic="Fish silage from Fosen as a feed protein",
        formed="2020-02-03",
        level=Level.COMPANY_CLUSTER,
        members=(
            ("employee:sme-fosen-laks:1", "2020-02-03"),
            ("owner:sme-levanger-ensilasje", "2020-02-03"),
            ("researcher:ri-bygdeforsk:1", "2020-02-03"),
            ("employee:sme-levanger-ensilasje:1", "2020-02-03"),
            ("owner:farm-skatval-okogard", "2020-02-17"),
        ),
        facilitators=("facilitator:bg-indre-fosen:1",),
    )
    core = ("employee:sme-fosen-laks:1", "owner:sme-levanger-ensilasje",
            "researcher:ri-bygdeforsk:1")
    topic_rows = topics(p, (
        ("Silage that feeds", "Times when a side-stream became good feed."),
        ("Trust along the chain", "Buyers, vets and inspectors who said yes."),
    ))
    told = interviews(draft, p, cid, (
        ("researcher:ri-bygdeforsk:1", "employee:sme-fosen-laks:1", "2020-03-09", False,
         "Silage got better once it was treated as a product."),
        ("employee:sme-fosen-laks:1", "owner:sme-levanger-ensilasje", "2020-03-16", False,
         "Built the plant on a bet that feed would pay."),
        ("owner:sme-levanger-ensilasje", "researcher:ri-bygdeforsk:1", "2020-03-23", True,
         "A trial in Finland shows it can work."),
        ("researcher:ri-bygdeforsk:1", "employee:sme-levanger-ensilasje:1", "2020-03-30",
         False, "The night shift knows when the silage smells right."),
        ("owner:sme-levanger-ensilasje", "owner:farm-skatval-okogard", "2020-04-14", True,
         "Organic hens need local protein."),
        ("employee:sme-fosen-laks:1", "officer:agency-fylkesmannen", "2020-04-27", True,
         "An inspector who explained the rules over coffee."),
        ("researcher:ri-bygdeforsk:1", "employee:sme-skogn-biogass:1", "2020-05-11", False,
         "Gas and feed can share the same tanks."),
        ("owner:farm-skatval-okogard", "owner:farm-orkdal-gardsmat", "2020-05-18", False,
         "Customers ask what the hens eat."),
        ("employee:sme-fosen-laks:1", "owner:sme-ragunda-roding", "2020-05-28", True,
         "A char farm in Ragunda has the same side-stream, only smaller."),
    ), topic_rows)
    draft.cycles.append(Cycle(
        id=cid,
        variant=CycleVariant.FIVE_D,
        history=visits,
        team=progress_team.id,
        parent="cyc-fosen-sidestreams",
        core_team=tuple(draft.sid(ref) for ref in core),
        topics=topic_rows,
        protocol=protocol(draft, p, "fish silage as feed", "2020-02-24", core),
        interviews=told,
        stories=stories(draft, p, (
            (1, "A product, not a waste", "Silage handled like food.", (1,)),
            (2, "A bet on feed", "A plant built for the better use.", (1,)),
            (3, "The Finnish trial", "Someone has done it.", (1, 2)),
            (5, "Hens need local protein", "A farm that wants to buy.", (1, 2)),
            (6, "Rules over coffee", "An inspector who helped.", (2,)),
            (9, "Same side-stream, smaller", "A partner across the border.", (2,)),
        ), told),
        themes=themes(p, (
            ("Treat it as a product", (1, 2), None),
            ("Someone has already done it", (3, 6), None),
            ("Buyers and inspectors as allies", (4, 5), None),
        )),
        positive_core=positive_core(p, "2020-06-02", (
            "A working silage plant",
            "Organic farms that want local feed",
            "An open regulator",
        ), 3),
        dreams=dreams(p, (
            (1, "Hens in Trøndelag eat protein from Fosen's fjords.", "2020-06-15", None, None),
            (2, "Feed makers, farmers and inspectors plan the next trial together.",
             "2020-08-24", None, None),
        )),
        endorsements=endorsements(draft, p, (
            (1, "2020-06-15", (*core, "owner:farm-skatval-okogard")),
            (2, "2020-08-24", core[:2]),
        )),
    ))
    team_ties(draft, progress_team, cid, visits)


def cycle_orkland_food(draft: Draft) -> None:
    """C3, in Design and stalled since the spring 2020 lockdown: local food in village
    tourism in Meldal/Orkland. The team went back from Dream to Discover to hear buyers and
    lodges outside the valley."""
    cid, p = "cyc-orkland-food", "c3"
    visits = history(
        ("define", "2019-09-02"),
        ("discover", "2019-10-07"),
        ("dream", "2020-01-13"),
        ("discover", "2020-02-17", "The dreams spoke only for the valley's own firms; the "
         "team went back to hear buyers and lodges elsewhere before dreaming again."),
        ("dream", "2020-04-20"),
        ("design", "2020-05-25"),
    )
    progress_team = team(
        draft, "team-orkland-food", "Lokalmat og bygdeturisme i Meldal",
        platform="plat-orkland",
        topic="Local food in village tourism in Meldal and Orkland",
        formed="2019-08-19",
        members=(
            ("owner:sme-trondersopp", "2019-08-19"),
            ("owner:sme-lokken-gjestegard", "2019-08-19"),
            ("owner:farm-orkdal-gardsmat", "2019-08-19"),
            ("owner:farm-svorkmo-gront", "2019-08-19"),
            ("officer:mun-orkland", "2019-08-19"),
            ("citizen:Orkland:1", "2019-08-19"),
            ("employee:sme-lokken-gjestegard:1", "2019-09-16"),
        ),
        facilitators=("facilitator:bg-orkland:1",),
    )
    core = ("owner:sme-trondersopp", "officer:mun-orkland", "citizen:Orkland:1")
    fac = "facilitator:bg-orkland:1"
    topic_rows = topics(p, (
        ("Food with an address", "Meals where guests know the farm."),
        ("Guests who stay longer", "Visits that became a week."),
        ("A village that hosts together", "Times when the whole village welcomed guests."),
    ))
    told = interviews(draft, p, cid, (
        (fac, "owner:sme-trondersopp", "2019-10-14", False,
         "Mushrooms from the old mine tunnels sold out at the market."),
        ("owner:sme-trondersopp", "owner:sme-lokken-gjestegard", "2019-10-21", False,
         "A wedding where every dish came from the valley."),
        ("owner:sme-lokken-gjestegard", "owner:farm-orkdal-gardsmat", "2019-10-28", False,
         "School meals with potatoes from the farm."),
        ("owner:farm-orkdal-gardsmat", "owner:farm-svorkmo-gront", "2019-11-04", False,
         "A vegetable box scheme that grew by word of mouth."),
        ("owner:farm-svorkmo-gront", "officer:mun-orkland", "2019-11-11", True,
         "A cultural festival that filled every bed in Løkken."),
        ("officer:mun-orkland", "citizen:Orkland:1", "2019-11-18", True,
         "Villagers cooked for cyclists on a race day."),
        ("citizen:Orkland:1", "employee:sme-lokken-gjestegard:1", "2019-11-25", False,
         "A chef who forages before breakfast."),
        (fac, "citizen:Orkland:2", "2019-11-28", False,
         "Young people want summer jobs in tourism."),
        (fac, "researcher:ri-bygdeforsk:3", "2019-12-02", True,
         "Rural tourism grows where farms and hosts share their guests."),
        ("owner:sme-lokken-gjestegard", "owner:sme-roros-fjellstue", "2019-12-16", False,
         "Røros built its name on local food."),
        ("owner:sme-trondersopp", "owner:sme-meldal-sagbruk", "2020-02-24", True,
         "Sawdust could be a substrate for mushrooms."),
        ("officer:mun-orkland", "owner:sme-fjordmat", "2020-03-09", True,
         "A wholesaler who wants small farms but needs steady volumes."),
        ("owner:sme-lokken-gjestegard", "owner:sme-snasa-villmarkslodge", "2020-03-23", False,
         "Guests pay for stories as much as for beds."),
        (fac, "owner:sme-funasdalen-stugby", "2020-04-06", True,
         "A Swedish village that markets itself as one destination."),
    ), topic_rows)
    everyone = members_of(draft, progress_team)
    draft.cycles.append(Cycle(
        id=cid,
        variant=CycleVariant.FIVE_D,
        history=visits,
        team=progress_team.id,
        core_team=tuple(draft.sid(ref) for ref in core),
        topics=topic_rows,
        protocol=protocol(draft, p, "local food in tourism", "2019-09-30", core),
        interviews=told,
        stories=stories(draft, p, (
            (1, "Mushrooms from the mine", "Tunnels that grow food.", (1,)),
            (2, "The valley wedding", "Every dish from nearby.", (1, 3)),
            (3, "Farm potatoes at school", "Children who know the farmer.", (1,)),
            (5, "Every bed in Løkken", "A festival that filled the village.", (2, 3)),
            (6, "Cooking for cyclists", "A race day that became a feast.", (3,)),
            (7, "Foraging before breakfast", "A chef's morning walk.", (1, 2)),
            (10, "Røros as a model", "A town known for its food.", (2,)),
            (9, "Shared guests", "Farms and hosts pass guests on.", (2, 3)),
            (11, "Sawdust for mushrooms", "A sawmill next door.", (1,)),
            (14, "One destination", "A village that sells together.", (3,)),
        ), told),
        themes=themes(p, (
            ("Food tells where you are", (1, 2, 3, 6), 0.66),
            ("Guests follow stories", (4, 7, 8), 0.61),
            ("The village as host", (4, 5), 0.7),
        )),
        positive_core=positive_core(p, "2020-01-08", (
            "Mushrooms grown in the old mine",
            "Farms that deliver to schools",
            "A village used to hosting festivals",
        ), 3),
        dreams=dreams(p, (
            (1, "Every guest in Meldal eats food from within twenty kilometres.",
             "2020-01-27", None, 0.6),
            (2, "Guests stay a week because the valley has a story for every day.",
             "2020-04-27", None, 0.57),
            (3, "The whole village hosts together, under one name.", "2020-04-27",
             "A festival poster drawn at the dream day.", 0.69),
        )),
        endorsements=endorsements(draft, p, (
            (1, "2020-01-27", everyone[:6]),
            (2, "2020-04-27", everyone[1:7]),
            (3, "2020-04-27", everyone[:5]),
        )),
        propositions=propositions(p, (
            (1, "Our lodges serve food from the valley's farms and tell who grew it.",
             "2020-06-15", (1, 3, 6), PASSED, 0.55),
            (2, "We pass our guests on to each other.", "2020-06-15", (8,),
             PropositionChecklist(affirmative=True, present_tense=True, grounded=True), None),
        )),
        targets=targets(p, (
            ("Share of the lodges' food bought within Orkland", 40, "percent", 1,
             "2020-12-31"),
        )),
    ))
    team_ties(draft, progress_team, cid, visits)


def cycle_stromsund_forest(draft: Draft) -> None:
    """C4, in Discover: forest side-streams and the second harvest (berries, mushrooms) in
    Strömsund and Ragunda."""
    cid, p = "cyc-stromsund-forest", "c4"
    visits = history(("define", "2020-06-01"), ("discover", "2020-09-07"))
    progress_team = team(
        draft, "team-stromsund-forest", "Skogens restflöden",
        platform="plat-stromsund",
        topic="Forest side-streams and the second harvest in Strömsund and Ragunda",
        formed="2020-05-04",
        members=(
            ("owner:sme-gaddede-timber", "2020-05-04"),
            ("owner:sme-stromsunds-skogsentreprenad", "2020-05-04"),
            ("owner:sme-hammarstrands-tra", "2020-05-04"),
            ("union:sme-hammarstrands-tra", "2020-05-04"),
            ("owner:sme-jamtlands-svamp-bar", "2020-05-04"),
            ("officer:mun-stromsund", "2020-05-04"),
            ("citizen:Strömsund:1", "2020-05-18"),
        ),
        facilitators=("facilitator:bg-stromsund:1",),
    )
    core = ("owner:sme-gaddede-timber", "officer:mun-stromsund", "citizen:Strömsund:1")
    fac = "facilitator:bg-stromsund:1"
    topic_rows = topics(p, (
        ("Every tree fully used", "Times when nothing from a log was wasted."),
        ("Forest jobs that stay", "Work in the forest that kept people in the village."),
        ("The second harvest", "Berries and mushrooms as a business."),
    ))
    told = interviews(draft, p, cid, (
        (fac, "owner:sme-gaddede-timber", "2020-09-14", False,
         "Sold offcuts to a joinery after the business garden introduced us."),
        ("owner:sme-gaddede-timber", "owner:sme-stromsunds-skogsentreprenad", "2020-09-18",
         False, "Thinning that paid for itself with chips."),
        ("owner:sme-stromsunds-skogsentreprenad", "union:sme-hammarstrands-tra", "2020-09-21",
         True, "The crew trained each other on the new saw line."),
        ("union:sme-hammarstrands-tra", "owner:sme-jamtlands-svamp-bar", "2020-10-05", True,
         "Pickers from the village earn more when berries are dried here."),
        (fac, "researcher:uni-miun:3", "2020-10-19", True,
         "Bark extracts are being tested for tanning leather."),
        ("owner:sme-jamtlands-svamp-bar", "owner:sme-hammarstrands-tra", "2020-11-02", False,
         "The bark piles by the mill have no buyer but the boiler."),
        ("owner:sme-gaddede-timber", "owner:sme-bracke-bioenergi", "2020-11-16", False,
         "Pellets from sawdust keep twelve jobs in Bräcke."),
    ), topic_rows)
    draft.cycles.append(Cycle(
        id=cid,
        variant=CycleVariant.FIVE_D,
        history=visits,
        team=progress_team.id,
        core_team=tuple(draft.sid(ref) for ref in core),
        topics=topic_rows,
        protocol=protocol(draft, p, "using the whole forest", "2020-08-31", core),
        interviews=told,
        stories=stories(draft, p, (
            (1, "Offcuts for the joinery", "An introduction that paid.", (1,)),
            (2, "Thinning that paid", "Chips covered the cost.", (1, 2)),
            (3, "Training each other", "A saw line learnt together.", (2,)),
            (4, "Drying berries at home", "More money stays in the village.", (2, 3)),
            (6, "Bark with no buyer", "Only the boiler wants it.", (1,)),
        ), told),
        themes=themes(p, (
            ("Value stays where it is added", (4, 2), None),
            ("Learning on the job", (3,), None),
        )),
    ))
    team_ties(draft, progress_team, cid, visits)


def cycle_border_food(draft: Draft) -> None:
    """C5, in Define: a cross-border team on mountain food and South Sami food traditions."""
    cid, p = "cyc-border-food", "c5"
    visits = history(("define", "2020-10-05"))
    progress_team = team(
        draft, "team-border-food", "Grenseløs fjellmat / Gränslös fjällmat",
        platform="plat-midnordic",
        topic="Mountain food across the border between Trøndelag and Jämtland",
        formed="2020-09-14",
        level=Level.REGION,
        status=TeamStatus.FORMING,
        members=(
            ("owner:sme-snasa-reinkjott", "2020-09-14"),
            ("owner:sme-aarjel-renkott", "2020-09-14"),
            ("owner:sme-hotagen-fjallodge", "2020-09-14"),
            ("owner:sme-roros-fjellmeieri", "2020-09-28"),
        ),
        facilitators=("facilitator:bg-snasa:1", "facilitator:ngo-sv-jamtland:2"),
    )
    core = ("owner:sme-snasa-reinkjott", "owner:sme-aarjel-renkott", "facilitator:bg-snasa:1")
    draft.cycles.append(Cycle(
        id=cid,
        variant=CycleVariant.FIVE_D,
        history=visits,
        team=progress_team.id,
        core_team=tuple(draft.sid(ref, D("2020-10-05")) for ref in core),
        topics=topics(p, (
            ("Mountain food without borders", "Trade and friendship across the border."),
            ("South Sami food as a shared strength", "Traditions both sides carry."),
        )),
        protocol=protocol(draft, p, "mountain food across the border", None, ()),
    ))
    team_ties(draft, progress_team, cid, visits)


def cycle_stromsund_bioenergy(draft: Draft) -> None:
    """C7, abandoned in Discover: a platform-wide cycle on local bioenergy (2018-2019)."""
    cid, p = "cyc-stromsund-bioenergy", "c7"
    started, abandoned = "2018-09-03", "2019-02-11"
    visits = history(("define", started), ("discover", "2018-10-15"), closed=abandoned)
    core = ("owner:sme-stromsunds-skogsentreprenad", "officer:mun-stromsund",
            "facilitator:bg-stromsund:1")
    fac = "facilitator:bg-stromsund:1"
    topic_rows = topics(p, (
        ("Warmth from our own forest", "Heat made from local wood."),
        ("Heat for the village school", "A school kept warm by its neighbours."),
    ))
    told = interviews(draft, p, cid, (
        (fac, "owner:sme-stromsunds-skogsentreprenad", "2018-10-22", False,
         "Chips from thinning heated the school for a winter."),
        (fac, "owner:sme-gaddede-timber", "2018-11-12", False,
         "The mill's chips go to Östersund by truck."),
        ("officer:mun-stromsund", "citizen:Strömsund:2", "2018-11-26", True,
         "The village hall's boiler is older than the hall."),
    ), topic_rows)
    for ref in core:
        draft.tie(TieKind.PARTICIPATES_IN, ref, "bg-stromsund", D(started), until=D(abandoned),
                  cycle=cid, phase="define")
    draft.cycles.append(Cycle(
        id=cid,
        variant=CycleVariant.FIVE_D,
        history=visits,
        platform="plat-stromsund",
        status=CycleStatus.ABANDONED,
        end_reason="The two firms carrying the topic agreed to sell their chips to the "
        "district-heating plant in Östersund; the platform closed the cycle and kept the "
        "contacts for later work on forest side-streams.",
        core_team=tuple(draft.sid(ref, D(started)) for ref in core),
        topics=topic_rows,
        protocol=protocol(draft, p, "local heat", "2018-10-08", core),
        interviews=told,
        stories=stories(draft, p, (
            (1, "A winter of local heat", "Chips from thinning.", (1, 2)),
            (3, "The old boiler", "A hall that needs warmth.", (2,)),
        ), told),
    ))
# fmt: on


def add_cycles(draft: Draft) -> None:
    cycle_stromsund_bioenergy(draft)
    cycle_ostersund_reuse(draft)
    cycle_fosen_sidestreams(draft)
    cycle_orkland_food(draft)
    cycle_fosen_silage(draft)
    cycle_stromsund_forest(draft)
    cycle_border_food(draft)


# ------------------------------------------------------------------------------------------
# Part 6: resource flows and initiatives
# ------------------------------------------------------------------------------------------


class Flow(NamedTuple):
    """One row of the resource-flow table; ``target`` is None for a potential flow that no
    one takes yet, ``fate`` the R-strategy the receiver applies (R9: burnt for energy)."""

    id: str
    source: str
    target: str | None
    flow_type: FlowType
    resource: str
    status: FlowStatus
    quantity: float | None
    unit: str | None
    fate: RStrategy | None
    since: str
    until: str | None = None
    bio: bool = True


BYP, MAT, INFRA = FlowType.BY_PRODUCT, FlowType.MATERIAL, FlowType.SHARED_INFRASTRUCTURE
POT, NEG, REAL, ENDED = (
    FlowStatus.POTENTIAL,
    FlowStatus.NEGOTIATING,
    FlowStatus.REALISED,
    FlowStatus.ENDED,
)
TPY, M3 = "tonnes per year", "cubic metres per year"

# fmt: off
FLOWS = (
    Flow("flow-bark-bergs-storsjo", "sme-bergs-sagverk", "lf-storsjo-energi", BYP, "bark",
         REAL, 4200, TPY, R.RECOVER, "2018-03-12"),
    Flow("flow-sawdust-bergs-bracke", "sme-bergs-sagverk", "sme-bracke-bioenergi", BYP,
         "sawdust", REAL, 6500, TPY, R.RECOVER, "2018-03-12"),
    Flow("flow-sawdust-hammarstrand-bracke", "sme-hammarstrands-tra", "sme-bracke-bioenergi",
         BYP, "sawdust", REAL, 3800, TPY, R.RECOVER, "2018-04-09"),
    Flow("flow-bark-hammarstrand", "sme-hammarstrands-tra", None, BYP, "bark", POT, 3000, TPY,
         R.REPURPOSE, "2020-11-02"),
    Flow("flow-chips-gaddede-storsjo", "sme-gaddede-timber", "lf-storsjo-energi", BYP,
         "wood chips", REAL, 2500, TPY, R.RECOVER, "2019-02-11"),
    Flow("flow-offcuts-gaddede-krokom", "sme-gaddede-timber", "sme-krokom-snickeri", BYP,
         "pine offcuts", REAL, 60, TPY, R.REUSE, "2019-01-21"),
    Flow("flow-whey-myssjo-rodon", "sme-myssjo-mejeri", "farm-rodon-gard", BYP, "whey", REAL,
         180, M3, R.REPURPOSE, "2018-07-02"),
    Flow("flow-whey-froso-bryggeri", "sme-froso-gardsmejeri", "sme-froso-bryggeri", BYP,
         "whey", NEG, 20, M3, R.REPURPOSE, "2020-02-10"),
    Flow("flow-grain-froso-are", "sme-froso-bryggeri", "sme-are-fjallbageri", BYP,
         "spent grain", REAL, 15, TPY, R.REPURPOSE, "2019-04-01"),
    Flow("flow-grain-froso-rodon", "sme-froso-bryggeri", "farm-rodon-gard", BYP, "spent grain",
         REAL, 40, TPY, R.REPURPOSE, "2018-05-21"),
    Flow("flow-offal-ragunda", "sme-ragunda-roding", None, BYP, "fish offal", POT, 25, TPY,
         R.REPURPOSE, "2020-05-28"),
    Flow("flow-presscake-svamp-bar", "sme-jamtlands-svamp-bar", None, BYP, "berry press cake",
         POT, 8, TPY, R.REPURPOSE, "2020-10-05"),
    Flow("flow-timber-jamt-aterbruket", "sme-jamt-rivning", "coop-aterbruket", MAT,
         "demolition timber", REAL, 90, TPY, R.REUSE, "2019-11-18"),
    Flow("flow-bricks-jamt-aterbruket", "sme-jamt-rivning", "coop-aterbruket", MAT,
         "bricks and tiles", REAL, 50, TPY, R.REUSE, "2019-11-18", bio=False),
    Flow("flow-concrete-jamt", "sme-jamt-rivning", None, MAT, "crushed concrete", POT, 1200,
         TPY, R.RECYCLE, "2019-05-13", bio=False),
    Flow("flow-coldstore-valadalen-ann", "sme-valadalen-fjallodge", "sme-ann-vildmarkslodge",
         INFRA, "cold store", REAL, None, None, None, "2019-02-11", bio=False),
    Flow("flow-silage-fosen-skogn", "sme-fosen-laks", "sme-skogn-biogass", BYP, "fish silage",
         REAL, 900, TPY, R.RECOVER, "2018-03-19"),
    Flow("flow-silage-fosen-levanger", "sme-fosen-laks", "sme-levanger-ensilasje", BYP,
         "fish silage", NEG, 600, TPY, R.REPURPOSE, "2019-11-25"),
    Flow("flow-bark-fosen-fjernvarme", "sme-fosen-trelast", "lf-trondelag-fjernvarme", BYP,
         "bark", REAL, 2100, TPY, R.RECOVER, "2018-03-19"),
    Flow("flow-bark-snasa-skatval", "sme-snasa-sag", "farm-skatval-okogard", BYP, "bark", NEG,
         400, TPY, R.REPURPOSE, "2019-06-03"),
    Flow("flow-sawdust-meldal-steinkjer", "sme-meldal-sagbruk", "sme-steinkjer-pellets", BYP,
         "sawdust", REAL, 3000, TPY, R.RECOVER, "2018-04-16"),
    Flow("flow-sawdust-meldal-trondersopp", "sme-meldal-sagbruk", "sme-trondersopp", BYP,
         "sawdust", REAL, 120, TPY, R.REPURPOSE, "2019-12-02"),
    Flow("flow-manure-skatval-skogn", "farm-skatval-okogard", "sme-skogn-biogass", BYP,
         "manure", REAL, 2500, TPY, R.RECOVER, "2018-06-04"),
    Flow("flow-digestate-skogn-skatval", "sme-skogn-biogass", "farm-skatval-okogard", BYP,
         "digestate", REAL, 2200, TPY, R.RECYCLE, "2018-09-03"),
    Flow("flow-whey-steinkjer-skogn", "sme-steinkjer-gardsmeieri", "sme-skogn-biogass", BYP,
         "whey", REAL, 350, M3, R.RECOVER, "2018-05-07"),
    Flow("flow-whey-rissa-skogn", "farm-rissa-gardsysteri", "sme-skogn-biogass", BYP, "whey",
         REAL, 40, M3, R.RECOVER, "2019-11-25"),
    Flow("flow-whey-roros", "sme-roros-fjellmeieri", None, BYP, "whey", POT, 150, M3,
         R.REPURPOSE, "2020-01-20"),
    Flow("flow-pomace-ytteroy-byafossen", "sme-ytteroy-frukt", "sme-byafossen-bryggeri", BYP,
         "apple pomace", ENDED, 6, TPY, R.REPURPOSE, "2018-09-10", until="2019-10-01"),
    Flow("flow-grain-byafossen-skogn", "sme-byafossen-bryggeri", "sme-skogn-biogass", BYP,
         "spent grain", REAL, 30, TPY, R.RECOVER, "2018-11-05"),
    Flow("flow-hides-snasa", "sme-snasa-reinkjott", None, BYP, "reindeer hides", POT, 400,
         "hides per year", R.REPURPOSE, "2020-06-15"),
    Flow("flow-timber-ombruk-bergstaden", "sme-trondheim-ombruk",
         "sme-bergstaden-restaurering", MAT, "reclaimed timber and windows", REAL, 25, TPY,
         R.REUSE, "2019-03-04"),
)
# fmt: on


def add_flows(draft: Draft) -> None:
    """Resource flows; the realised and ended ones are also ``exchanges_resource`` ties."""
    for row in FLOWS:
        since = D(row.since)
        until = D(row.until) if row.until else None
        draft.flows.append(
            ResourceFlow(
                id=row.id,
                owner=draft.sid(row.source, since),
                source=draft.sid(row.source),
                flow_type=row.flow_type,
                resource=row.resource,
                status=row.status,
                target=draft.sid(row.target, since) if row.target else None,
                quantity=row.quantity,
                unit=row.unit,
                bio_based=row.bio,
                fate=row.fate,
                since=since,
                until=until,
            )
        )
        if row.target and row.status in {REAL, ENDED}:
            big = row.quantity is not None and row.quantity >= 1000
            draft.tie(
                TieKind.EXCHANGES_RESOURCE,
                row.source,
                row.target,
                since,
                until=until,
                weight=2.0 if big else 1.0,
                resource=row.flow_type,
            )


def barrier(kind: BarrierKind, text: str, since: str, resolved: str | None = None) -> Barrier:
    return Barrier(
        kind=kind, description=text, since=D(since), resolved_on=D(resolved) if resolved else None
    )


class Init(NamedTuple):
    """One row of the initiative table."""

    id: str
    name: str
    launched: str
    maturity: InitiativeMaturity
    domain: str
    r_strategies: frozenset[RStrategy]
    patterns: frozenset[BusinessModelPattern]
    loops: frozenset[LoopStrategy]
    participants: tuple[str, ...]
    barriers: tuple[Barrier, ...] = ()
    cycle: str | None = None
    team: str | None = None
    description: str | None = None


def patterns(*names: BusinessModelPattern) -> frozenset[BusinessModelPattern]:
    return frozenset(names)


Mat, B = InitiativeMaturity, BarrierKind
SLOW, CLOSE, NARROW = (
    frozenset({loop}) for loop in (LoopStrategy.SLOW, LoopStrategy.CLOSE, LoopStrategy.NARROW)
)

# fmt: off
INITIATIVES = (
    Init("init-aterbruk-bygg", "Återbruk av byggmaterial i Jämtland", "2018-12-10",
         Mat.MARKET_ENTRY, "construction", rs(R.REUSE, R.REFURBISH),
         patterns(Pat.PRODUCT_LIFE_EXTENSION, Pat.SHARING_PLATFORM), SLOW,
         ("coop-aterbruket", "sme-jamt-rivning", "sme-ostersunds-byggtjanst",
          "sme-storsjo-arkitekter", "mun-ostersund", "ngo-sv-jamtland", "uni-miun"),
         barriers=(
             barrier(B.OTHER_REGULATION, "Reclaimed building products have no CE marking or "
                     "declaration of performance.", "2019-02-01"),
             barrier(B.LOGISTICS, "No heated storage for reclaimed material.", "2018-12-10",
                     "2019-11-15"),
         ),
         cycle="cyc-ostersund-reuse", team="team-ostersund-reuse",
         description="A material depot and a shared list of leftovers, run since November "
         "2019 by the cooperative Återbruket Jämtland."),
    Init("init-krossbetong", "Krossad betong som fyllnadsmaterial", "2019-05-13",
         Mat.EXPLORATION, "construction", rs(R.RECYCLE), patterns(Pat.RESOURCE_RECOVERY), CLOSE,
         ("sme-jamt-rivning", "sme-ostersunds-byggtjanst", "agency-lansstyrelsen"),
         barriers=(
             barrier(B.END_OF_WASTE_STATUS, "Crushed concrete stays waste until an "
                     "end-of-waste assessment; each use needs a notification.", "2019-05-13"),
         ),
         cycle="cyc-ostersund-reuse"),
    Init("init-ensilasje-for", "Fiskeensilasje som fôrprotein", "2019-11-18", Mat.PILOT,
         "feed", rs(R.REPURPOSE), patterns(Pat.INDUSTRIAL_SYMBIOSIS, Pat.RESOURCE_RECOVERY),
         CLOSE,
         ("sme-fosen-laks", "sme-levanger-ensilasje", "ri-bygdeforsk", "farm-skatval-okogard",
          "agency-fylkesmannen"),
         barriers=(
             barrier(B.BY_PRODUCT_STATUS, "The silage's status as an animal by-product for "
                     "feed is not settled with the food safety authority.", "2019-12-02"),
             barrier(B.KNOWLEDGE, "The feed value for hens is not documented.", "2019-11-18"),
         ),
         cycle="cyc-fosen-silage", team="team-fosen-silage"),
    Init("init-bark-jord", "Bark til jordprodukter", "2019-06-03", Mat.EXPLORATION, "soil",
         rs(R.REPURPOSE), patterns(Pat.INDUSTRIAL_SYMBIOSIS), CLOSE,
         ("sme-snasa-sag", "farm-skatval-okogard", "bg-snasa"),
         barriers=(
             barrier(B.END_OF_WASTE_STATUS, "Composted bark sold as soil needs end-of-waste "
                     "status.", "2019-09-16"),
         )),
    Init("init-biorest", "Biorest som gjødsel", "2018-09-03", Mat.MARKET_ENTRY, "fertiliser",
         rs(R.RECYCLE, R.RECOVER), patterns(Pat.RESOURCE_RECOVERY, Pat.INDUSTRIAL_SYMBIOSIS),
         CLOSE,
         ("sme-skogn-biogass", "farm-skatval-okogard", "sme-fosen-laks",
          "sme-steinkjer-gardsmeieri"),
         barriers=(
             barrier(B.END_OF_WASTE_STATUS, "Digestate needed certification as a fertiliser "
                     "product.", "2018-09-03", "2020-06-15"),
         )),
    Init("init-pellets-sagspan", "Pellets av sågspån", "2018-02-05", Mat.MARKET_MATURITY,
         "energy", rs(R.RECOVER), patterns(Pat.RESOURCE_RECOVERY), CLOSE,
         ("sme-bracke-bioenergi", "sme-bergs-sagverk", "sme-hammarstrands-tra")),
    Init("init-fjarrvarme-flis", "Bark och flis till fjärrvärme", "2018-03-05",
         Mat.MARKET_MATURITY, "energy", rs(R.RECOVER), patterns(Pat.RESOURCE_RECOVERY), CLOSE,
         ("lf-storsjo-energi", "sme-bergs-sagverk", "sme-gaddede-timber")),
    Init("init-mask-knackebrod", "Knäckebröd av mäsk", "2019-04-01", Mat.MARKET_ENTRY, "food",
         rs(R.REPURPOSE), patterns(Pat.INDUSTRIAL_SYMBIOSIS, Pat.CIRCULAR_SUPPLIES), CLOSE,
         ("sme-froso-bryggeri", "sme-are-fjallbageri", "ngo-sv-jamtland"),
         barriers=(
             barrier(B.MARKET, "Bread with wet spent grain keeps only a few days.",
                     "2019-04-01", "2019-10-14"),
         )),
    Init("init-reparation", "Reparationscaféer Östersund–Steinkjer", "2019-02-16", Mat.PILOT,
         "repair", rs(R.REPAIR, R.REUSE), patterns(Pat.PRODUCT_LIFE_EXTENSION, Pat.SUFFICIENCY),
         SLOW,
         ("mk-ostersund", "mk-steinkjer", "ngo-sv-jamtland", "citizen:Östersund:2",
          "citizen:Steinkjer:1"),
         barriers=(
             barrier(B.ORGANISATION, "Depends on a handful of volunteers.", "2019-09-01"),
         )),
    Init("init-fjellmat", "Grenseløs fjellmat", "2020-09-14", Mat.IDEA, "food",
         rs(R.RETHINK, R.REDUCE), patterns(Pat.CIRCULAR_SUPPLIES, Pat.SUFFICIENCY), NARROW,
         ("sme-snasa-reinkjott", "sme-aarjel-renkott", "sme-hotagen-fjallodge",
          "sme-roros-fjellmeieri", "bg-snasa"),
         barriers=(
             barrier(B.OTHER_REGULATION, "Meat crossing the border needs veterinary border "
                     "control.", "2020-10-05"),
         ),
         cycle="cyc-border-food", team="team-border-food"),
    Init("init-reinskinn", "Reinskinn og bein til duodji", "2020-06-15", Mat.EXPLORATION,
         "crafts", rs(R.REPURPOSE), patterns(Pat.RESOURCE_RECOVERY), CLOSE,
         ("sme-snasa-reinkjott", "sme-aarjel-renkott", "bg-snasa"),
         barriers=(barrier(B.MARKET, "Few buyers for raw hides.", "2020-06-15"),)),
    Init("init-bygdeturisme", "Lokalmat i bygdeturismen", "2019-10-07", Mat.PILOT, "tourism",
         rs(R.RETHINK, R.REDUCE), patterns(Pat.SUFFICIENCY, Pat.CIRCULAR_SUPPLIES), NARROW,
         ("sme-trondersopp", "sme-lokken-gjestegard", "farm-orkdal-gardsmat",
          "farm-svorkmo-gront", "bg-orkland", "mun-orkland"),
         barriers=(
             barrier(B.LOGISTICS, "Small farms cannot deliver every day.", "2020-06-15"),
         ),
         cycle="cyc-orkland-food", team="team-orkland-food"),
    Init("init-sopp-sagflis", "Sopp dyrket på sagflis", "2019-11-04", Mat.PILOT, "food",
         rs(R.REPURPOSE), patterns(Pat.INDUSTRIAL_SYMBIOSIS), CLOSE,
         ("sme-trondersopp", "sme-meldal-sagbruk", "bg-orkland"),
         barriers=(
             barrier(B.KNOWLEDGE, "Which sawdust suits which mushroom.", "2019-11-04",
                     "2020-05-04"),
         )),
    Init("init-fritidshus", "Hållbar renovering av fritidshus", "2019-03-11",
         Mat.EXPLORATION, "construction", rs(R.REFURBISH, R.REUSE, R.REDUCE),
         patterns(Pat.PRODUCT_LIFE_EXTENSION, Pat.PRODUCT_AS_A_SERVICE), SLOW,
         ("sme-are-fritidshus", "sme-storsjo-arkitekter", "sme-funasdalen-stugby", "mun-are"),
         barriers=(
             barrier(B.FINANCE, "Owners pay for new kitchens, not for repairs.", "2019-03-11"),
         )),
    Init("init-vassle", "Vassle från småmejerier", "2020-01-20", Mat.EXPLORATION, "food",
         rs(R.REPURPOSE), patterns(Pat.RESOURCE_RECOVERY), CLOSE,
         ("sme-myssjo-mejeri", "sme-froso-gardsmejeri", "sme-froso-bryggeri",
          "sme-roros-fjellmeieri"),
         barriers=(
             barrier(B.BY_PRODUCT_STATUS, "Whey sold as feed or drink needs a by-product "
                     "decision and a registered feed business.", "2020-02-10"),
         )),
    Init("init-skogsrester", "Skogens restflöden i Strömsund", "2020-09-07", Mat.IDEA,
         "forestry", rs(R.REPURPOSE, R.RECYCLE), patterns(Pat.INDUSTRIAL_SYMBIOSIS), CLOSE,
         ("sme-gaddede-timber", "sme-stromsunds-skogsentreprenad", "sme-hammarstrands-tra",
          "sme-jamtlands-svamp-bar", "bg-stromsund"),
         cycle="cyc-stromsund-forest", team="team-stromsund-forest"),
    Init("init-lokal-bioenergi", "Lokal bioenergi i Strömsund", "2018-09-03",
         Mat.DISCONTINUED, "energy", rs(R.RECOVER), patterns(Pat.RESOURCE_RECOVERY), CLOSE,
         ("sme-stromsunds-skogsentreprenad", "mun-stromsund", "bg-stromsund"),
         barriers=(
             barrier(B.MARKET, "The district-heating plant in Östersund pays more.",
                     "2019-01-14"),
         ),
         cycle="cyc-stromsund-bioenergy"),
)
# fmt: on


def add_initiatives(draft: Draft) -> None:
    for row in INITIATIVES:
        draft.initiatives.append(
            Initiative(
                id=row.id,
                name=row.name,
                launched_on=D(row.launched),
                maturity=row.maturity,
                description=row.description,
                domain=row.domain,
                r_strategies=row.r_strategies,
                patterns=row.patterns,
                loops=row.loops,
                barriers=row.barriers,
                participants=tuple(draft.sid(ref) for ref in row.participants),
                cycle=row.cycle,
                team=row.team,
            )
        )


# ------------------------------------------------------------------------------------------
# Part 7: ties between organisations
#
# The shape: firms collaborate mostly within their municipality and sector; business gardens
# are hubs (members, introductions, funding); public bodies fund, buy and regulate; few small
# firms have any tie to R&D; a handful of ties cross the border.
# ------------------------------------------------------------------------------------------

#: The chance that two firms collaborate, by (same municipality, same country, same sector).
COLLABORATION_CHANCE = {
    (True, True, True): 0.45,
    (True, True, False): 0.25,
    (False, True, True): 0.12,
    (False, True, False): 0.015,
    (False, False, True): 0.02,
    (False, False, False): 0.0,
}


def _tie_dates(draft: Draft, *refs: str) -> tuple[date, date | None]:
    """A start day once every end has joined, and now and then an end day (a tie that
    lapsed)."""
    rng = draft.rng
    since = between(rng, max(draft.joined(ref) for ref in refs), SNAPSHOT)
    until = None
    if rng.random() < 0.08 and (SNAPSHOT - since).days > 240:
        until = since + timedelta(days=rng.randint(120, (SNAPSHOT - since).days))
    return since, until


def _firms(sector: str | None = None) -> list[Org]:
    return sorted((f for f in FIRMS if sector in {None, f.sector}), key=lambda org: org.id)


def add_collaborations(draft: Draft) -> None:
    firms = _firms()
    for k, a in enumerate(firms):
        for b in firms[k + 1 :]:
            same_place = a.municipality == b.municipality
            same_country = COUNTRY_OF[a.municipality] is COUNTRY_OF[b.municipality]
            chance = COLLABORATION_CHANCE[same_place, same_country, a.sector == b.sector]
            if draft.rng.random() < chance:
                since, until = _tie_dates(draft, a.id, b.id)
                weight = float(draft.rng.choice((1, 1, 1, 2, 2, 3)))
                draft.tie(TieKind.COLLABORATES_WITH, a.id, b.id, since, until=until, weight=weight)


#: Business gardens and the municipalities whose firms join them, with the chance they do.
GARDENS = {
    "bg-indre-fosen": {"Indre Fosen": 0.85, "Levanger": 0.2},
    "bg-orkland": {"Orkland": 0.85, "Trondheim": 0.1},
    "bg-snasa": {"Snåsa": 0.9, "Steinkjer": 0.35},
    "bg-stromsund": {"Strömsund": 0.85, "Ragunda": 0.4},
}


def add_memberships(draft: Draft) -> None:
    """Firms join their local business garden; Swedish food firms the food cluster."""
    for firm in _firms():
        for garden, chances in GARDENS.items():
            if draft.rng.random() < chances.get(firm.municipality, 0.0):
                since, _ = _tie_dates(draft, firm.id, garden)
                draft.tie(TieKind.MEMBER_OF, firm.id, garden, since, weight=2.0)
        if firm.sector == "food" and firm.municipality in SWEDISH and draft.rng.random() < 0.7:
            since, _ = _tie_dates(draft, firm.id, "cl-fjallmat")
            draft.tie(TieKind.MEMBER_OF, firm.id, "cl-fjallmat", since)


# fmt: off
#: (broker, first, second, day, did the two start working together?)
INTRODUCTIONS = (
    ("cl-fjallmat", "sme-myssjo-mejeri", "farm-rodon-gard", "2018-06-11", True),
    ("bg-indre-fosen", "sme-fosen-laks", "sme-skogn-biogass", "2018-05-14", True),
    ("ngo-sv-jamtland", "sme-jamt-rivning", "sme-trondheim-ombruk", "2018-09-24", True),
    ("bg-indre-fosen", "sme-fosen-trelast", "sme-leksvik-bygg", "2018-10-22", True),
    ("bg-stromsund", "sme-gaddede-timber", "sme-krokom-snickeri", "2018-11-12", True),
    ("ngo-sv-jamtland", "sme-froso-bryggeri", "sme-are-fjallbageri", "2018-12-10", True),
    ("bg-stromsund", "sme-jamtlands-svamp-bar", "sme-are-fjallbageri", "2019-03-18", False),
    ("bg-indre-fosen", "sme-fosen-laks", "sme-levanger-ensilasje", "2019-04-08", True),
    ("bg-snasa", "sme-snasa-sag", "farm-skatval-okogard", "2019-05-20", True),
    ("bg-orkland", "sme-lokken-gjestegard", "farm-svorkmo-gront", "2019-10-14", True),
    ("bg-orkland", "sme-trondersopp", "sme-meldal-sagbruk", "2019-11-04", True),
    ("bg-orkland", "farm-orkdal-gardsmat", "sme-fjordmat", "2020-02-10", False),
    ("bg-snasa", "sme-snasa-reinkjott", "sme-aarjel-renkott", "2020-06-15", True),
    ("bg-stromsund", "sme-hotagen-fjallodge", "sme-snasa-villmarkslodge", "2020-08-17", False),
)

#: (source, target, day, direction, pecuniary): knowledge travels from source to target; the
#: direction is seen from the firm. Between R&D, public bodies and intermediaries there is
#: no firm, hence no direction.
IN, OUT = KnowledgeFlowDirection.INBOUND, KnowledgeFlowDirection.OUTBOUND
BOTH = KnowledgeFlowDirection.COUPLED
KNOWLEDGE_FLOWS = (
    ("uni-miun", "sme-bergs-sagverk", "2018-10-01", IN, True),
    ("uni-miun", "sme-froso-gardsmejeri", "2019-02-04", IN, False),
    ("sme-jamt-rivning", "uni-miun", "2018-11-05", OUT, False),
    ("uni-miun", "coop-aterbruket", "2020-01-20", IN, False),
    ("ri-bygdeforsk", "sme-fosen-laks", "2019-06-17", BOTH, True),
    ("ri-bygdeforsk", "sme-levanger-ensilasje", "2020-02-03", IN, True),
    ("ri-bygdeforsk", "sme-trondersopp", "2020-03-02", IN, False),
    ("sme-fosen-laks", "sme-levanger-ensilasje", "2019-06-03", IN, False),
    ("sme-bergs-sagverk", "sme-fosen-trelast", "2019-06-10", IN, False),
    ("lf-storsjo-energi", "sme-bracke-bioenergi", "2018-08-20", IN, True),
    ("uni-miun", "reg-jamtland", "2018-03-05", None, True),
    ("ri-bygdeforsk", "reg-trondelag", "2018-04-16", None, True),
    ("uni-miun", "ngo-sv-jamtland", "2018-02-19", None, False),
    ("ri-bygdeforsk", "bg-indre-fosen", "2018-09-10", None, False),
    ("ri-bygdeforsk", "bg-orkland", "2019-09-02", None, False),
    ("ngo-sv-jamtland", "bg-indre-fosen", "2018-11-19", None, False),
    ("ngo-sv-jamtland", "bg-stromsund", "2018-05-21", None, False),
)

#: Supply relations that are known by name (supplier, customer); the rest are drawn.
SUPPLIES = (
    ("sme-stromsunds-skogsentreprenad", "sme-gaddede-timber"),
    ("sme-stromsunds-skogsentreprenad", "sme-hammarstrands-tra"),
    ("farm-kalarne-skogsgard", "sme-bergs-sagverk"),
    ("farm-kalarne-skogsgard", "sme-hammarstrands-tra"),
    ("sme-bergs-sagverk", "sme-sveg-trahus"),
    ("sme-bergs-sagverk", "sme-ostersunds-byggtjanst"),
    ("sme-hammarstrands-tra", "sme-krokom-snickeri"),
    ("sme-fosen-trelast", "sme-leksvik-bygg"),
    ("sme-snasa-sag", "sme-hegra-trevare"),
    ("sme-meldal-sagbruk", "sme-hegra-trevare"),
    ("sme-meldal-sagbruk", "sme-bergstaden-restaurering"),
    ("farm-rodon-gard", "sme-froso-gardsmejeri"),
    ("sme-bracke-bioenergi", "sme-valadalen-fjallodge"),
    ("sme-bracke-bioenergi", "sme-funasdalen-stugby"),
    ("sme-steinkjer-pellets", "sme-snasa-villmarkslodge"),
    ("sme-steinkjer-pellets", "sme-stjordal-fjordhotell"),
    ("sme-aarjel-renkott", "sme-roros-fjellstue"),  # across the border
)

#: Municipal procurement from circular suppliers: (buyer, supplier, since).
PROCUREMENTS = (
    ("mun-steinkjer", "sme-steinkjer-pellets", "2018-10-01"),
    ("mun-are", "sme-are-fjallbageri", "2019-01-14"),
    ("mun-trondheim", "sme-trondheim-ombruk", "2019-05-06"),
    ("mun-orkland", "farm-orkdal-gardsmat", "2019-09-02"),
    ("mun-ostersund", "coop-aterbruket", "2020-02-03"),
)

#: Funding: (funder, recipient, since, until).
FUNDING = (
    ("reg-jamtland", "ngo-sv-jamtland", "2018-01-15", "2020-12-31"),
    ("reg-jamtland", "bg-stromsund", "2018-03-01", "2020-12-31"),
    ("reg-jamtland", "uni-miun", "2018-01-15", "2020-12-31"),
    ("reg-jamtland", "cl-fjallmat", "2018-06-01", "2019-12-31"),
    ("reg-trondelag", "bg-indre-fosen", "2018-01-15", "2020-12-31"),
    ("reg-trondelag", "bg-orkland", "2018-03-01", "2020-12-31"),
    ("reg-trondelag", "bg-snasa", "2018-03-01", "2020-12-31"),
    ("reg-trondelag", "ri-bygdeforsk", "2018-01-15", "2020-12-31"),
    ("mun-indre-fosen", "bg-indre-fosen", "2018-01-15", None),
    ("mun-orkland", "bg-orkland", "2018-01-15", None),
    ("mun-snasa", "bg-snasa", "2018-01-15", None),
    ("mun-stromsund", "bg-stromsund", "2018-01-15", None),
    ("fund-almi-mitt", "sme-bergs-sagverk", "2018-10-01", "2019-09-30"),
    ("fund-almi-mitt", "sme-froso-bryggeri", "2019-03-01", "2019-12-31"),
    ("fund-almi-mitt", "coop-aterbruket", "2020-01-20", None),
    ("fund-almi-mitt", "sme-jamtlands-svamp-bar", "2020-10-01", None),
    ("fund-innovasjon-norge", "sme-skogn-biogass", "2018-09-03", "2019-12-31"),
    ("fund-innovasjon-norge", "sme-fosen-laks", "2019-06-17", "2020-06-30"),
    ("fund-innovasjon-norge", "sme-trondersopp", "2019-12-02", None),
    ("fund-innovasjon-norge", "sme-levanger-ensilasje", "2020-02-03", None),
)

#: Joint applications for funding: (first, second, day).
CO_APPLICATIONS = (
    ("bg-indre-fosen", "mun-indre-fosen", "2018-04-23"),
    ("uni-miun", "ri-bygdeforsk", "2018-11-26"),
    ("sme-skogn-biogass", "farm-skatval-okogard", "2019-01-21"),
    ("uni-miun", "sme-bergs-sagverk", "2019-02-18"),
    ("sme-froso-bryggeri", "sme-are-fjallbageri", "2019-03-04"),
    ("bg-orkland", "mun-orkland", "2019-06-03"),
    ("ri-bygdeforsk", "sme-fosen-laks", "2019-09-09"),
    ("bg-stromsund", "bg-snasa", "2020-03-09"),  # an Interreg micro-project
    ("reg-jamtland", "reg-trondelag", "2020-04-20"),  # the follow-up project
    ("coop-aterbruket", "mun-ostersund", "2020-05-11"),
)

#: Permits and inspection: (authority, regulated, since).
REGULATION = (
    ("agency-lansstyrelsen", "lf-storsjo-energi", "2018-01-15"),
    ("agency-lansstyrelsen", "sme-jamt-rivning", "2018-04-01"),
    ("agency-lansstyrelsen", "sme-ragunda-roding", "2018-06-01"),
    ("agency-fylkesmannen", "sme-fosen-laks", "2018-03-01"),
    ("agency-fylkesmannen", "sme-skogn-biogass", "2018-03-01"),
    ("agency-fylkesmannen", "sme-levanger-ensilasje", "2019-03-01"),
    ("mun-trondheim", "sme-trondheim-ombruk", "2019-01-07"),
    ("mun-ostersund", "coop-aterbruket", "2019-11-15"),
)

#: Partnerships among public bodies and intermediaries: (first, second, day).
PARTNERSHIPS = (
    ("reg-jamtland", "reg-trondelag", "2018-01-15"),  # the two project owners
    ("ngo-sv-jamtland", "mk-ostersund", "2018-02-12"),
    ("bg-indre-fosen", "bg-orkland", "2018-03-12"),
    ("ngo-sv-jamtland", "bg-stromsund", "2018-04-16"),
    ("bg-snasa", "bg-indre-fosen", "2018-05-28"),
    ("uni-miun", "ri-bygdeforsk", "2018-06-11"),
    ("cl-fjallmat", "bg-stromsund", "2018-08-27"),
    ("ngo-hotagen-byalag", "bg-stromsund", "2018-09-03"),
    ("bg-stromsund", "bg-snasa", "2019-01-28"),
    ("mk-ostersund", "mk-steinkjer", "2019-02-16"),
    ("ngo-meldal-bygdelag", "bg-orkland", "2019-08-19"),
)
# fmt: on


def add_introductions(draft: Draft) -> None:
    """An introduction is two ``brokered`` ties from the broker, one to each side, often
    followed by a collaboration between the two."""
    for broker, first, second, day, took in INTRODUCTIONS:
        for side in (first, second):
            draft.tie(TieKind.BROKERED, broker, side, D(day))
        if took:
            start = D(day) + timedelta(days=draft.rng.randint(14, 75))
            draft.tie(TieKind.COLLABORATES_WITH, first, second, start, weight=2.0)


def add_knowledge_flows(draft: Draft) -> None:
    for source, target, day, direction, pecuniary in KNOWLEDGE_FLOWS:
        draft.tie(
            TieKind.KNOWLEDGE_FLOW,
            source,
            target,
            D(day),
            direction=direction,
            pecuniary=pecuniary,
        )


def add_supply_chains(draft: Draft) -> None:
    """The named supply relations; each lodge buys from a few food firms (mostly local); some
    Norwegian food firms sell to the Trondheim wholesaler."""
    rng = draft.rng
    for supplier, customer in SUPPLIES:
        since, until = _tie_dates(draft, supplier, customer)
        draft.tie(TieKind.SUPPLIES, supplier, customer, since, until=until)
    food = _firms("food")
    for lodge in _firms("tourism"):
        country = COUNTRY_OF[lodge.municipality]
        local = [f for f in food if f.municipality == lodge.municipality]
        national = [f for f in food if COUNTRY_OF[f.municipality] is country and f not in local]
        suppliers = [f for f in local if rng.random() < 0.7]
        suppliers += rng.sample(national, k=rng.randint(1, 2))
        for supplier in suppliers:
            since, until = _tie_dates(draft, supplier.id, lodge.id)
            draft.tie(TieKind.SUPPLIES, supplier.id, lodge.id, since, until=until)
    for supplier in food:
        if supplier.municipality in NORWEGIAN and rng.random() < 0.4:
            since, until = _tie_dates(draft, supplier.id, "sme-fjordmat")
            draft.tie(TieKind.SUPPLIES, supplier.id, "sme-fjordmat", since, until=until)


def add_public_ties(draft: Draft) -> None:
    """Funding, procurement, regulation, joint applications and partnerships. Each
    municipality works with the intermediaries in it, with a few of its firms, and (most
    often) with its region."""
    rng = draft.rng
    for funder, recipient, since, until in FUNDING:
        draft.tie(TieKind.FUNDS, funder, recipient, D(since), until=D(until) if until else None)
    for buyer, supplier, since in PROCUREMENTS:
        draft.tie(TieKind.PROCURES, buyer, supplier, D(since))
    for authority, regulated, since in REGULATION:
        draft.tie(TieKind.REGULATES, authority, regulated, D(since))
    for first, second, day in CO_APPLICATIONS:
        draft.tie(TieKind.CO_APPLIES, first, second, D(day))
    for first, second, day in PARTNERSHIPS:
        draft.tie(TieKind.COLLABORATES_WITH, first, second, D(day), weight=2.0)
    for municipality in (o for o in PUBLIC if K.MUNICIPALITY in o.kinds):
        place = municipality.municipality
        for local in (o for o in CIVIL if o.municipality == place):
            since, _ = _tie_dates(draft, municipality.id, local.id)
            draft.tie(TieKind.COLLABORATES_WITH, municipality.id, local.id, since)
        for firm in (f for f in _firms() if f.municipality == place and rng.random() < 0.2):
            since, _ = _tie_dates(draft, municipality.id, firm.id)
            draft.tie(TieKind.COLLABORATES_WITH, municipality.id, firm.id, since)
        region = "reg-jamtland" if place in SWEDISH else "reg-trondelag"
        if rng.random() < 0.6:
            since, _ = _tie_dates(draft, municipality.id, region)
            draft.tie(TieKind.COLLABORATES_WITH, municipality.id, region, since)


# ------------------------------------------------------------------------------------------
# Part 8: persons become stakeholders; their employment and memberships become ties
# ------------------------------------------------------------------------------------------


def _joining_day(draft: Draft, person: Person) -> date:
    """A person joins, and consents, shortly before they first take part in anything; a
    person who took part in nothing recorded joins some time after their employer."""
    seen = draft.first_seen.get(person.id)
    if seen is not None:
        return max(CREATED, seen - timedelta(days=draft.rng.randint(0, 21)))
    earliest = draft.joined(person.employer) if person.employer else CREATED
    return between(draft.rng, earliest, D("2020-09-30"))


def add_person_stakeholders(draft: Draft) -> list[Stakeholder]:
    persons = []
    for person in draft.persons.values():
        joined = _joining_day(draft, person)
        persons.append(
            Stakeholder(
                id=person.id,
                name=person.name,
                helix=person.helix,
                kinds=frozenset({K.PRIVATE_PERSON}),
                country=person.country,
                municipality=person.municipality,
                role=person.role,
                employer=person.employer,
                gender=person.gender,
                age_band=person.age_band,
                consent=Consent(
                    scopes=person.scopes,
                    given_on=joined,
                    withdrawn_on=person.withdrawn_on,
                    expires_on=person.expires_on,
                ),
                joined_on=joined,
            )
        )
        if person.employer:
            draft.tie(TieKind.EMPLOYED_BY, person.handle, person.employer, joined)
        union = UNION_OF[person.country]
        if person.role is PersonRole.UNION_REPRESENTATIVE:
            draft.tie(TieKind.MEMBER_OF, person.handle, union, joined)
            draft.tie(TieKind.REPRESENTS, person.handle, union, joined)
        elif person.role is PersonRole.EMPLOYEE and draft.rng.random() < 0.5:
            draft.tie(TieKind.MEMBER_OF, person.handle, union, joined)
        elif person.role is PersonRole.CITIZEN:
            local = [o.id for o in CIVIL if o.municipality == person.municipality]
            nearest = "ngo-sv-jamtland" if person.country is Country.SE else "mk-steinkjer"
            for association in local or [nearest]:
                draft.tie(TieKind.MEMBER_OF, person.handle, association, joined)
    return persons


def _joined_when_first_seen(draft: Draft, org: Stakeholder) -> Stakeholder:
    """An organisation joined no later than the first day it took part in anything."""
    seen = draft.first_seen.get(org.id)
    if seen is not None and org.joined_on is not None and seen < org.joined_on:
        return attrs.evolve(org, joined_on=seen)
    return org


# ------------------------------------------------------------------------------------------
# Putting it together
# ------------------------------------------------------------------------------------------


def build_arena(seed: int = SEED) -> Arena:
    """Build the example arena; the same *seed* always gives the same arena."""
    draft = Draft(rng=random.Random(seed))
    add_regions(draft)
    add_organisations(draft)
    add_persons(draft)
    add_platforms(draft)
    add_cycles(draft)
    add_flows(draft)
    add_initiatives(draft)
    add_collaborations(draft)
    add_memberships(draft)
    add_introductions(draft)
    add_knowledge_flows(draft)
    add_supply_chains(draft)
    add_public_ties(draft)
    persons = add_person_stakeholders(draft)
    organisations = [_joined_when_first_seen(draft, o) for o in draft.organisations.values()]
    ties = sorted(
        draft.ties.values(),
        key=lambda t: (t.since or CREATED, t.kind.value, t.source, t.target, t.cycle or ""),
    )
    return Arena(
        id="jamtland-trondelag",
        name="Mid-Nordic circular innovation arena: Jämtland Härjedalen and Trøndelag",
        template="smice/base",
        created_on=CREATED,
        languages=(Language.EN, Language.NB, Language.SV),
        regions=tuple(draft.regions),
        # Every collection lists its items in the order they came about (ties broken by id), so
        # that a journal replaying the arena's history builds the same tuples.
        stakeholders=tuple(
            sorted(organisations + persons, key=lambda s: (s.joined_on or CREATED, s.id))
        ),
        ties=tuple(attrs.evolve(tie, id=f"tie-{n:04d}") for n, tie in enumerate(ties, start=1)),
        platforms=tuple(sorted(draft.platforms, key=lambda p: (p.opened_on or CREATED, p.id))),
        teams=tuple(sorted(draft.teams, key=lambda t: (t.formed_on, t.id))),
        cycles=tuple(sorted(draft.cycles, key=lambda c: (c.started_at, c.id))),
        initiatives=tuple(sorted(draft.initiatives, key=lambda i: (i.launched_on, i.id))),
        flows=tuple(sorted(draft.flows, key=lambda f: (f.since or CREATED, f.id))),
        # The one illustrative use of extensions: where the data came from.
        extensions=FrozenMap(
            {
                "generator": FrozenMap(
                    {"script": "examples/generate_arena.py", "seed": seed, "fictional": True}
                )
            }
        ),
    )


def summarise(arena: Arena) -> str:
    """Counts worth knowing: stakeholders by helix and country, ties by kind, cycles."""
    lines = [f"{len(arena.stakeholders)} stakeholders ({len(arena.persons)} persons)"]
    by_helix = Counter((s.helix.value, s.country.value) for s in arena.stakeholders)
    lines += [f"  {h:<14} {c}: {n}" for (h, c), n in sorted(by_helix.items())]
    lines.append(f"{len(arena.ties)} ties")
    by_kind = Counter(t.kind.value for t in arena.ties)
    lines += [f"  {kind:<19} {n}" for kind, n in sorted(by_kind.items())]
    lines.append(f"{len(arena.cycles)} cycles")
    lines += [f"  {c.id:<24} {c.phase:<9} {c.status.value}" for c in arena.cycles]
    lines.append(
        f"{len(arena.platforms)} platforms, {len(arena.teams)} teams, "
        f"{len(arena.initiatives)} initiatives, {len(arena.flows)} resource flows"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the example arena of smice.")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the JSON")
    parser.add_argument("--seed", type=int, default=SEED, help="the random seed")
    parser.add_argument("--quiet", action="store_true", help="do not print the summary")
    args = parser.parse_args(argv)
    arena = build_arena(args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    smice.save_arena(arena, args.output)
    if not args.quiet:
        print(f"wrote {args.output}")
        print(summarise(arena))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
