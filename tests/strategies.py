"""Hypothesis strategies for every domain type of smice.

One shared module, as in attrs/cattrs: every new domain type gets a strategy here.

Two families of strategies live here:

* **Free-standing values** — ``stakeholders()``, ``ties()``, ``cycles()``, ... — each a valid
  domain value whose strings, ids, numbers and datetimes satisfy both the attrs validators and
  the JSON Schema patterns. Their references are arbitrary ids unless a :class:`Scope` says
  which ids exist.
* **Consistent arenas** — :func:`arenas` builds an :class:`~smice.domain.Arena` in which
  every reference resolves and every cross-object invariant checked by
  :func:`smice.domain.iter_problems` holds (also against the bundled ``smice/base`` template):
  dates in order, persons where persons are required, cycle histories in time order with
  ``left_at`` on every visit but the last and phases of the 5-D plan, artefacts that refer to
  artefacts of their own cycle and are not dated before the cycle starts, a graduation record
  iff the team has graduated, ``direction`` only on ``knowledge_flow`` ties, ``resource`` only
  on ``exchanges_resource`` ties, personal fields only on persons, employers that are
  organisations, recommendation histories that move by allowed steps forward in time.
  :func:`arenas_with_dangling` then breaks exactly one reference and says where.

:data:`BY_TYPE` maps every domain type (vocabularies included) to a free-standing strategy; a
test fails when a type exported by :mod:`smice.domain` has none.

Sizes are kept to a handful of elements so that property tests stay fast.
"""

from __future__ import annotations

import functools
import itertools
import operator
import string
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Final, TypeVar, cast

import attrs
from hypothesis import strategies as st

from smice.domain import (
    ALLOWED_MOVES,
    ARTEFACT_FIELDS,
    NO_EXTENSIONS,
    Action,
    ActionStatus,
    ActionTeam,
    AgeBand,
    Arena,
    ArenaTemplate,
    Barrier,
    BarrierKind,
    BusinessModelPattern,
    CommunityCapital,
    Consent,
    ConsentScope,
    Country,
    CriterionSpec,
    Cycle,
    CycleStatus,
    CycleVariant,
    DestinyMode,
    DreamStatement,
    Endorsement,
    Extensions,
    FlowStatus,
    FlowType,
    FrozenMap,
    Gender,
    GovernmentLevel,
    Graduation,
    GraduationEvidence,
    Helix,
    Initiative,
    InitiativeMaturity,
    InstrumentType,
    Interview,
    InterviewProtocol,
    KnowledgeFlowDirection,
    Language,
    Level,
    LoopStrategy,
    Membership,
    PersonRole,
    PhaseDefinition,
    PhasePlan,
    PhaseVisit,
    Platform,
    PositiveCoreMap,
    ProgressTeam,
    Proposition,
    PropositionChecklist,
    RecommendationRecord,
    RecommendationStatus,
    RecommendationStatusChange,
    Region,
    ResourceFlow,
    Review,
    ReviewDecision,
    RStrategy,
    SizeClass,
    Stakeholder,
    StakeholderCategory,
    StakeholderKind,
    Story,
    Target,
    TeamStatus,
    Theme,
    Tie,
    TieKind,
    Topic,
    Transition,
    freeze_json,
)
from smice.errors import pointer_from_path
from smice.process import CRITERIA, CYCLE_EVENTS, GUARDS
from smice.process.machine import ARTEFACT_EVENTS

__all__ = [
    "BASE_PHASES",
    "BUNDLED_TEMPLATES",
    "BY_TYPE",
    "Scope",
    "action_teams",
    "actions",
    "arena_templates",
    "arenas",
    "arenas_with_dangling",
    "aware_datetimes",
    "barriers",
    "consents",
    "criterion_specs",
    "cycles",
    "dangling_sites",
    "dates",
    "dream_statements",
    "endorsements",
    "evidence",
    "extensions",
    "fact_ids",
    "format_strings",
    "graduations",
    "ids",
    "initiatives",
    "interview_protocols",
    "interviews",
    "json_values",
    "labels",
    "memberships",
    "mutated_documents",
    "organisations",
    "params",
    "persons",
    "phase_definitions",
    "phase_histories",
    "phase_plans",
    "phase_visits",
    "platforms",
    "positive_core_maps",
    "progress_teams",
    "proposition_checklists",
    "propositions",
    "recommendation_records",
    "recommendation_status_changes",
    "regions",
    "resource_flows",
    "reviews",
    "stakeholder_categories",
    "stakeholders",
    "stories",
    "targets",
    "template_refs",
    "texts",
    "themes",
    "ties",
    "topics",
    "transitions",
    "versions",
    "vocabulary",
]

T = TypeVar("T")
Path = tuple[str | int, ...]

#: The phases of the 5-D plan of the bundled ``smice/base`` template, in plan order.
BASE_PHASES: Final = ("define", "discover", "dream", "design", "destiny", "review")
#: Templates whose 5-D plan has :data:`BASE_PHASES`, plus one that is not bundled (whose
#: phases nobody checks).
BUNDLED_TEMPLATES: Final = ("smice/base", "smice/rural-community")
_TEMPLATE_CHOICES: Final = (*BUNDLED_TEMPLATES, "example/custom-plan")

_ID_FIRST: Final = string.ascii_letters + string.digits
_ID_REST: Final = _ID_FIRST + "_.:-"
_REF_FIRST: Final = string.ascii_lowercase + string.digits
_REF_REST: Final = _REF_FIRST + "_.-"

# Any Unicode scalar value JSON can carry (no lone surrogates).
_CHARS: Final = st.characters(codec="utf-8")

_SMALL: Final = 3  # "a handful": most collections have at most this many elements

# ---------------------------------------------------------------------------------------------
# Scalars


@functools.cache
def ids(*, max_size: int = 128) -> st.SearchStrategy[str]:
    """Identifiers matching ``^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$`` (no trailing newline)."""
    return st.builds(
        operator.add, st.sampled_from(_ID_FIRST), st.text(_ID_REST, max_size=max_size - 1)
    )


def _not_blank(value: str) -> bool:
    return bool(value.strip())


@functools.cache
def texts(max_size: int = 200) -> st.SearchStrategy[str]:
    """Non-blank strings of at most *max_size* characters, now and then exactly that long."""
    short = st.text(_CHARS, min_size=1, max_size=min(max_size, 24)).filter(_not_blank)
    full = st.sampled_from("aøÅ€").map(lambda c: c * max_size)
    return st.integers(0, 20).flatmap(lambda i: full if i == 20 else short)


@functools.cache
def template_refs() -> st.SearchStrategy[str]:
    """Template references such as ``smice/base`` (lower case, 1–4 slash-separated parts)."""
    part = st.builds(operator.add, st.sampled_from(_REF_FIRST), st.text(_REF_REST, max_size=8))
    return st.lists(part, min_size=1, max_size=4).map("/".join)


@functools.cache
def versions() -> st.SearchStrategy[str]:
    """Semantic versions as the template schema wants them (``1.2.3``, ``1.0.0-rc.1``)."""
    core = st.tuples(*(st.integers(0, 30) for _ in range(3))).map(
        lambda parts: ".".join(map(str, parts))
    )
    suffix = st.one_of(
        st.just(""),
        st.builds(operator.add, st.sampled_from("-+"), st.text(_ID_FIRST + ".-", min_size=1)),
    )
    return st.builds(operator.add, core, suffix)


@functools.cache
def dates(
    min_value: date = date(2000, 1, 1), max_value: date = date(2035, 12, 31)
) -> st.SearchStrategy[date]:
    """Calendar dates in a plausible window."""
    return st.dates(min_value=min_value, max_value=max_value)


@functools.cache
def _offsets() -> st.SearchStrategy[timezone]:
    # RFC 3339 offsets are whole minutes; fixed offsets avoid the fold/gap rules of zoneinfo
    # that make inter-zone comparisons of ambiguous local times unequal (PEP 495).
    return st.one_of(
        st.just(UTC),
        st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(
            lambda minutes: timezone(timedelta(minutes=minutes))
        ),
    )


@functools.cache
def aware_datetimes(
    min_value: datetime = datetime(2000, 1, 1), max_value: datetime = datetime(2035, 12, 31)
) -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes with a whole-minute UTC offset."""
    return st.datetimes(min_value=min_value, max_value=max_value, timezones=_offsets())


_NON_NEGATIVE: Final = st.floats(min_value=0, allow_nan=False, allow_infinity=False)
_SCORES: Final = st.floats(min_value=0, max_value=1, allow_nan=False)
_GAPS: Final = st.timedeltas(timedelta(0), timedelta(days=120))


@functools.cache
def _enum(enum: type[T]) -> st.SearchStrategy[T]:
    return st.sampled_from(cast(Sequence[T], list(enum)))


@functools.cache
def vocabulary(enum: type[T], *, max_size: int = _SMALL) -> st.SearchStrategy[frozenset[T]]:
    """Sets of members of a vocabulary (a StrEnum)."""
    return st.frozensets(_enum(enum), max_size=max_size)


@functools.cache
def json_values() -> st.SearchStrategy[object]:
    """Plain JSON values (dicts, lists, finite numbers, strings, booleans, null), small."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**53), 2**53),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(_CHARS, max_size=8),
    )
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(st.text(_CHARS, max_size=6), children, max_size=3),
        ),
        max_leaves=6,
    )


@functools.cache
def extensions() -> st.SearchStrategy[Extensions]:
    """``extensions`` maps: usually empty, sometimes frozen JSON objects."""
    full = st.dictionaries(st.text(_CHARS, max_size=8), json_values(), min_size=1, max_size=3)
    return st.integers(0, 3).flatmap(
        lambda i: (
            full.map(lambda d: cast(Extensions, freeze_json(d)))
            if i == 3
            else st.just(NO_EXTENSIONS)
        )
    )


@functools.cache
def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.one_of(st.none(), strategy)


@functools.lru_cache(maxsize=4096)
def _pool(pool: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(pool)


def _after(draw: st.DrawFn, day: date, max_days: int = 400) -> date:
    """A day on or after *day*."""
    return day + timedelta(days=draw(st.integers(0, max_days)))


def _maybe_after(draw: st.DrawFn, day: date | None, max_days: int = 400) -> date | None:
    """``None``, or a day on or after *day* (any day when *day* is None)."""
    if draw(st.booleans()):
        return None
    return draw(dates()) if day is None else _after(draw, day, max_days)


# ---------------------------------------------------------------------------------------------
# References


@dataclass(frozen=True)
class Scope:
    """The ids a generated value may refer to; ``None`` means "any id at all".

    An empty tuple means nothing of that kind exists: optional references stay unset and
    collections of references stay empty. ``day`` is the earliest date for dated values.
    """

    day: date | None = None
    stakeholders: tuple[str, ...] | None = None
    persons: tuple[str, ...] | None = None
    organisations: tuple[str, ...] | None = None
    regions: tuple[str, ...] | None = None
    platforms: tuple[str, ...] | None = None
    teams: tuple[str, ...] | None = None
    cycles: tuple[str, ...] | None = None
    # Within one cycle: its artefacts by kind.
    topics: tuple[str, ...] | None = None
    interviews: tuple[str, ...] | None = None
    stories: tuple[str, ...] | None = None
    themes: tuple[str, ...] | None = None
    dreams: tuple[str, ...] | None = None
    propositions: tuple[str, ...] | None = None
    actions: tuple[str, ...] | None = None


_ANY: Final = Scope()


def _one(draw: st.DrawFn, pool: tuple[str, ...] | None) -> str:
    """A required reference (*pool* must not be empty)."""
    if pool is None:
        return draw(ids())
    assert pool, "a required reference needs something to refer to"
    return draw(_pool(pool))


def _opt(draw: st.DrawFn, pool: tuple[str, ...] | None) -> str | None:
    """An optional reference: ``None`` or one of *pool*."""
    if pool is not None and not pool:
        return None
    return draw(_maybe(ids() if pool is None else _pool(pool)))


def _some(
    draw: st.DrawFn, pool: tuple[str, ...] | None, max_size: int = _SMALL
) -> tuple[str, ...]:
    """Distinct references (schema ``ids`` are unique arrays)."""
    if pool == ():
        return ()
    element = ids() if pool is None else _pool(pool)
    return tuple(draw(st.lists(element, unique=True, max_size=max_size)))


def _day(draw: st.DrawFn, scope: Scope, max_days: int = 400) -> date:
    return draw(dates()) if scope.day is None else _after(draw, scope.day, max_days)


@functools.lru_cache(maxsize=64)
def _distinct_ids(n: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ids(), min_size=n, max_size=n, unique=True)


def _unique_ids(draw: st.DrawFn, n: int) -> list[str]:
    """*n* distinct ids."""
    return draw(_distinct_ids(n))


# ---------------------------------------------------------------------------------------------
# Stakeholders, ties, regions, platforms


_OTHER_KINDS: Final = [k for k in StakeholderKind if k is not StakeholderKind.PRIVATE_PERSON]
_EXTRA_PERSON_KINDS: Final = st.frozensets(st.sampled_from(_OTHER_KINDS), max_size=1)
_ORGANISATION_KINDS: Final = st.frozensets(st.sampled_from(_OTHER_KINDS), min_size=1, max_size=2)


@st.composite
def consents(draw: st.DrawFn, scope: Scope = _ANY) -> Consent:
    """A consent record: withdrawal and expiry (if any) not before it was given."""
    given_on = _day(draw, scope)
    return Consent(
        scopes=draw(vocabulary(ConsentScope, max_size=len(ConsentScope))),
        given_on=given_on,
        withdrawn_on=_maybe_after(draw, given_on),
        expires_on=_maybe_after(draw, given_on, 2000),
        extensions=draw(extensions()),
    )


@st.composite
def stakeholders(
    draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None, person: bool | None = None
) -> Stakeholder:
    """A person or an organisation; only persons carry role, employer, gender, age band and
    consent, and a person's employer is one of ``scope.organisations``."""
    is_person = draw(st.booleans()) if person is None else person
    if is_person:
        kinds = frozenset({StakeholderKind.PRIVATE_PERSON}) | draw(_EXTRA_PERSON_KINDS)
    else:
        kinds = draw(_ORGANISATION_KINDS)
    joined_on = _maybe_after(draw, scope.day)
    personal: dict[str, Any] = {}
    if is_person:
        personal = {
            "role": draw(_maybe(_enum(PersonRole))),
            "employer": _opt(draw, scope.organisations),
            "gender": draw(_maybe(_enum(Gender))),
            "age_band": draw(_maybe(_enum(AgeBand))),
            "consent": draw(_maybe(consents(scope))),
        }
    return Stakeholder(
        id=id if id is not None else draw(ids()),
        name=draw(texts(200)),
        helix=draw(_enum(Helix)),
        kinds=kinds,
        country=draw(_enum(Country)),
        municipality=draw(_maybe(texts(100))),
        size_class=None if is_person else draw(_maybe(_enum(SizeClass))),
        bio_based=draw(st.booleans()),
        rnd_capacity=draw(st.booleans()),
        joined_on=joined_on,
        left_on=_maybe_after(draw, joined_on),
        extensions=draw(extensions()),
        **personal,
    )


def persons(scope: Scope = _ANY, *, id: str | None = None) -> st.SearchStrategy[Stakeholder]:
    """Private persons (see :func:`stakeholders`)."""
    return stakeholders(scope, id=id, person=True)


def organisations(scope: Scope = _ANY, *, id: str | None = None) -> st.SearchStrategy[Stakeholder]:
    """Organisations (see :func:`stakeholders`)."""
    return stakeholders(scope, id=id, person=False)


@st.composite
def ties(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> Tie:
    """A tie between two different stakeholders of *scope*; ``direction`` and ``pecuniary``
    only on knowledge flows, ``resource`` only on resource exchanges."""
    if scope.stakeholders is None:
        source, target = draw(st.lists(ids(), min_size=2, max_size=2, unique=True))
    else:
        assert len(scope.stakeholders) >= 2, "a tie needs two stakeholders"
        source, target = draw(
            st.lists(_pool(scope.stakeholders), min_size=2, max_size=2, unique=True)
        )
    kind = draw(_enum(TieKind))
    flow = kind is TieKind.KNOWLEDGE_FLOW
    since = _maybe_after(draw, scope.day)
    return Tie(
        id=id if id is not None else draw(ids()),
        kind=kind,
        source=source,
        target=target,
        weight=draw(_NON_NEGATIVE),
        since=since,
        until=_maybe_after(draw, since),
        cycle=_opt(draw, scope.cycles),
        phase=draw(_maybe(_pool(BASE_PHASES))),
        direction=draw(_maybe(_enum(KnowledgeFlowDirection))) if flow else None,
        pecuniary=draw(_maybe(st.booleans())) if flow else None,
        resource=(draw(_maybe(_enum(FlowType))) if kind is TieKind.EXCHANGES_RESOURCE else None),
        extensions=draw(extensions()),
    )


@st.composite
def regions(draw: st.DrawFn, *, id: str | None = None) -> Region:
    """A region with a few municipalities."""
    return Region(
        id=id if id is not None else draw(ids()),
        name=draw(texts(200)),
        country=draw(_enum(Country)),
        municipalities=tuple(draw(st.lists(texts(100), max_size=_SMALL))),
        extensions=draw(extensions()),
    )


@st.composite
def platforms(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> Platform:
    """A platform in one of ``scope.regions``, hosted by one of ``scope.stakeholders``."""
    opened_on = _maybe_after(draw, scope.day)
    return Platform(
        id=id if id is not None else draw(ids()),
        name=draw(texts(200)),
        country=draw(_enum(Country)),
        region=_opt(draw, scope.regions),
        municipality=draw(_maybe(texts(100))),
        host=_opt(draw, scope.stakeholders),
        level=draw(_enum(Level)),
        opened_on=opened_on,
        closed_on=_maybe_after(draw, opened_on),
        extensions=draw(extensions()),
    )


# ---------------------------------------------------------------------------------------------
# Teams


@st.composite
def memberships(draw: st.DrawFn, scope: Scope = _ANY) -> Membership:
    """A membership of one of ``scope.persons``, from ``scope.day`` on."""
    joined_on = _day(draw, scope)
    return Membership(
        person=_one(draw, scope.persons),
        joined_on=joined_on,
        left_on=_maybe_after(draw, joined_on),
        extensions=draw(extensions()),
    )


@st.composite
def graduations(draw: st.DrawFn, scope: Scope = _ANY) -> Graduation:
    """A graduation record dated on or after ``scope.day``."""
    return Graduation(
        on=_day(draw, scope),
        evidence=draw(_enum(GraduationEvidence)),
        description=draw(texts(2000)),
        successor=_opt(draw, scope.stakeholders),
        extensions=draw(extensions()),
    )


@st.composite
def progress_teams(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> ProgressTeam:
    """A team of ``scope.persons``; it has a graduation record iff its status is graduated,
    and nobody joins (nor does it graduate) before it is formed."""
    formed_on = _day(draw, scope)
    inner = replace(scope, day=formed_on)
    status = draw(_enum(TeamStatus))
    members: list[Membership] = []
    if scope.persons != ():
        members = draw(st.lists(memberships(inner), max_size=_SMALL))
    return ProgressTeam(
        id=id if id is not None else draw(ids()),
        name=draw(texts(200)),
        formed_on=formed_on,
        platform=_opt(draw, scope.platforms),
        topic=draw(_maybe(texts(500))),
        level=draw(_enum(Level)),
        memberships=tuple(members),
        facilitators=_some(draw, scope.persons, 2),
        status=status,
        graduation=draw(graduations(inner)) if status is TeamStatus.GRADUATED else None,
        extensions=draw(extensions()),
    )


# ---------------------------------------------------------------------------------------------
# Artefacts (their ``scope`` holds the ids of the artefacts of the same cycle)


@st.composite
def topics(draw: st.DrawFn, *, id: str | None = None) -> Topic:
    """An affirmative topic."""
    return Topic(
        id=id if id is not None else draw(ids()),
        title=draw(texts(300)),
        description=draw(_maybe(texts(20_000))),
        extensions=draw(extensions()),
    )


@st.composite
def interview_protocols(
    draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None
) -> InterviewProtocol:
    """An interview protocol approved by persons of *scope*."""
    return InterviewProtocol(
        id=id if id is not None else draw(ids()),
        questions=tuple(draw(st.lists(texts(2000), min_size=1, max_size=_SMALL))),
        approved_on=_maybe_after(draw, scope.day),
        approved_by=_some(draw, scope.persons),
        extensions=draw(extensions()),
    )


@st.composite
def interviews(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> Interview:
    """An interview between stakeholders of *scope*, about topics of the cycle."""
    return Interview(
        id=id if id is not None else draw(ids()),
        interviewer=_one(draw, scope.stakeholders),
        interviewee=_one(draw, scope.stakeholders),
        on=_day(draw, scope),
        topics=_some(draw, scope.topics),
        unlikely_pair=draw(st.booleans()),
        summary=draw(_maybe(texts(20_000))),
        extensions=draw(extensions()),
    )


@st.composite
def stories(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> Story:
    """A story from one of the cycle's interviews."""
    return Story(
        id=id if id is not None else draw(ids()),
        title=draw(texts(300)),
        interview=_opt(draw, scope.interviews),
        topics=_some(draw, scope.topics),
        text=draw(_maybe(texts(20_000))),
        extensions=draw(extensions()),
    )


@st.composite
def themes(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> Theme:
    """A theme backed by stories of the cycle."""
    return Theme(
        id=id if id is not None else draw(ids()),
        name=draw(texts(300)),
        stories=_some(draw, scope.stories),
        generativity=draw(_maybe(_SCORES)),
        extensions=draw(extensions()),
    )


@st.composite
def positive_core_maps(
    draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None
) -> PositiveCoreMap:
    """A positive-core map resting on themes of the cycle."""
    return PositiveCoreMap(
        id=id if id is not None else draw(ids()),
        on=_day(draw, scope),
        elements=tuple(draw(st.lists(texts(2000), min_size=1, max_size=_SMALL))),
        themes=_some(draw, scope.themes),
        extensions=draw(extensions()),
    )


@st.composite
def dream_statements(
    draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None
) -> DreamStatement:
    """A dream statement for one of the cycle's topics."""
    return DreamStatement(
        id=id if id is not None else draw(ids()),
        topic=_one(draw, scope.topics),
        text=draw(texts(20_000)),
        on=_day(draw, scope),
        enactment=draw(_maybe(texts(20_000))),
        generativity=draw(_maybe(_SCORES)),
        extensions=draw(extensions()),
    )


@st.composite
def endorsements(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> Endorsement:
    """A person endorsing one of the cycle's dream statements."""
    return Endorsement(
        id=id if id is not None else draw(ids()),
        dream=_one(draw, scope.dreams),
        person=_one(draw, scope.persons),
        on=_day(draw, scope),
        extensions=draw(extensions()),
    )


def proposition_checklists() -> st.SearchStrategy[PropositionChecklist]:
    """Any provocative-proposition checklist."""
    return st.builds(
        PropositionChecklist,
        affirmative=st.booleans(),
        present_tense=st.booleans(),
        stretching=st.booleans(),
        vivid=st.booleans(),
        grounded=st.booleans(),
    )


@st.composite
def propositions(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> Proposition:
    """A provocative proposition for one of the cycle's topics, grounded in its stories."""
    return Proposition(
        id=id if id is not None else draw(ids()),
        topic=_one(draw, scope.topics),
        text=draw(texts(20_000)),
        on=_day(draw, scope),
        stories=_some(draw, scope.stories),
        checklist=draw(proposition_checklists()),
        generativity=draw(_maybe(_SCORES)),
        extensions=draw(extensions()),
    )


@st.composite
def targets(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> Target:
    """A measurable target, possibly of one of the cycle's propositions."""
    return Target(
        id=id if id is not None else draw(ids()),
        description=draw(texts(2000)),
        value=draw(_NON_NEGATIVE),
        unit=draw(texts(50)),
        proposition=_opt(draw, scope.propositions),
        indicator=draw(_maybe(texts(200))),
        due=_maybe_after(draw, scope.day),
        extensions=draw(extensions()),
    )


@st.composite
def actions(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> Action:
    """An action owned by a stakeholder: committed on or after ``scope.day``, due and started
    (if at all) on or after it was committed."""
    committed_on = _day(draw, scope)
    return Action(
        id=id if id is not None else draw(ids()),
        title=draw(texts(300)),
        owner=_one(draw, scope.stakeholders),
        committed_on=committed_on,
        due=_after(draw, committed_on),
        proposition=_opt(draw, scope.propositions),
        status=draw(_enum(ActionStatus)),
        started_on=_maybe_after(draw, committed_on),
        mode=draw(_maybe(_enum(DestinyMode))),
        r_strategies=draw(vocabulary(RStrategy)),
        community_capitals=draw(vocabulary(CommunityCapital)),
        generativity=draw(_maybe(_SCORES)),
        extensions=draw(extensions()),
    )


@st.composite
def action_teams(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> ActionTeam:
    """A Destiny team of persons around actions of the cycle."""
    return ActionTeam(
        id=id if id is not None else draw(ids()),
        name=draw(texts(300)),
        members=_some(draw, scope.persons),
        actions=_some(draw, scope.actions),
        self_organised=draw(st.booleans()),
        extensions=draw(extensions()),
    )


@st.composite
def reviews(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> Review:
    """A review of the cycle, dated on or after ``scope.day``."""
    return Review(
        id=id if id is not None else draw(ids()),
        on=_day(draw, scope),
        decision=draw(_enum(ReviewDecision)),
        outcomes=tuple(draw(st.lists(texts(2000), max_size=2))),
        lessons=tuple(draw(st.lists(texts(2000), max_size=2))),
        extensions=draw(extensions()),
    )


# ---------------------------------------------------------------------------------------------
# Cycles


@st.composite
def phase_visits(draw: st.DrawFn) -> PhaseVisit:
    """A single phase visit (free-standing: left, if at all, not before entered)."""
    entered_at = draw(aware_datetimes())
    left_at = draw(_maybe(st.timedeltas(timedelta(0), timedelta(days=90))))
    return PhaseVisit(
        phase=draw(_pool(BASE_PHASES)),
        entered_at=entered_at,
        left_at=None if left_at is None else (entered_at + left_at).astimezone(draw(_offsets())),
        reason=draw(_maybe(texts(2000))),
        extensions=draw(extensions()),
    )


@st.composite
def phase_histories(
    draw: st.DrawFn,
    *,
    phases: Sequence[str] = BASE_PHASES,
    start: datetime | None = None,
    max_visits: int = 4,
) -> tuple[PhaseVisit, ...]:
    """A cycle history that walks the plan: it starts in the first phase, then either advances
    to the next phase or jumps back (with a reason) to an earlier one. Visits follow each other
    in time; all but the last have ``left_at``; offsets vary from visit to visit."""
    n = draw(st.integers(1, max_visits))
    at = start if start is not None else draw(aware_datetimes(max_value=datetime(2030, 1, 1)))
    visits = []
    current = 0
    for k in range(n):
        reason = None
        if k > 0:
            if current + 1 < len(phases) and draw(st.booleans()):
                current += 1
            else:
                current = draw(st.integers(0, current))
                reason = draw(_maybe(texts(2000)))
        entered_at = at.astimezone(draw(_offsets()))
        last = k == n - 1
        left_at = None
        if not last or draw(st.booleans()):
            left_at = (entered_at + draw(_GAPS)).astimezone(draw(_offsets()))
            at = left_at + draw(_GAPS)
        visits.append(
            PhaseVisit(
                phase=phases[current],
                entered_at=entered_at,
                left_at=left_at,
                reason=reason,
                extensions=draw(extensions()),
            )
        )
    return tuple(visits)


_ArtefactStrategy = Callable[..., st.SearchStrategy[Any]]


def _artefacts(draw: st.DrawFn, scope: Scope) -> dict[str, Any]:
    """The artefact collections of one cycle, built phase by phase so that every reference
    points at an artefact made before it; artefact ids are unique within the cycle."""
    people = scope.stakeholders != ()
    counts = {
        "topics": draw(st.integers(0, 2)),
        "protocol": draw(st.integers(0, 1)),
        "interviews": draw(st.integers(0, 2)) if people else 0,
        "stories": draw(st.integers(0, 2)),
        "themes": draw(st.integers(0, 2)),
        "positive_core": draw(st.integers(0, 1)),
        "dreams": draw(st.integers(0, 2)),
        "endorsements": draw(st.integers(0, 2)) if scope.persons != () else 0,
        "propositions": draw(st.integers(0, 2)),
        "targets": draw(st.integers(0, 2)),
        "actions": draw(st.integers(0, 2)) if people else 0,
        "action_teams": draw(st.integers(0, 1)),
        "reviews": draw(st.integers(0, 1)),
    }
    if counts["topics"] == 0:  # dreams and propositions need a topic
        counts["dreams"] = counts["propositions"] = 0
    if counts["dreams"] == 0:
        counts["endorsements"] = 0
    pool = iter(_unique_ids(draw, sum(counts.values())))

    def make(name: str, strategy: _ArtefactStrategy, *args: Scope) -> tuple[Any, ...]:
        return tuple(draw(strategy(*args, id=next(pool))) for _ in range(counts[name]))

    out: dict[str, Any] = {}
    out["topics"] = make("topics", topics)
    scope = replace(scope, topics=tuple(t.id for t in out["topics"]))
    protocol = make("protocol", interview_protocols, scope)
    out["protocol"] = protocol[0] if protocol else None
    out["interviews"] = make("interviews", interviews, scope)
    scope = replace(scope, interviews=tuple(i.id for i in out["interviews"]))
    out["stories"] = make("stories", stories, scope)
    scope = replace(scope, stories=tuple(s.id for s in out["stories"]))
    out["themes"] = make("themes", themes, scope)
    scope = replace(scope, themes=tuple(t.id for t in out["themes"]))
    core = make("positive_core", positive_core_maps, scope)
    out["positive_core"] = core[0] if core else None
    out["dreams"] = make("dreams", dream_statements, scope)
    scope = replace(scope, dreams=tuple(d.id for d in out["dreams"]))
    out["endorsements"] = make("endorsements", endorsements, scope)
    out["propositions"] = make("propositions", propositions, scope)
    scope = replace(scope, propositions=tuple(p.id for p in out["propositions"]))
    out["targets"] = make("targets", targets, scope)
    out["actions"] = make("actions", actions, scope)
    scope = replace(scope, actions=tuple(a.id for a in out["actions"]))
    out["action_teams"] = make("action_teams", action_teams, scope)
    out["reviews"] = make("reviews", reviews, scope)
    return out


@st.composite
def cycles(
    draw: st.DrawFn,
    scope: Scope = _ANY,
    *,
    id: str | None = None,
    variant: CycleVariant = CycleVariant.FIVE_D,
) -> Cycle:
    """A 5-D cycle of one team or one platform of *scope*, whose parent (if any) is one of
    ``scope.cycles``, with a history over :data:`BASE_PHASES` and artefacts that refer only to
    each other and to stakeholders (persons where persons are needed) of *scope*. No artefact
    is dated before the cycle starts."""
    teams, platform_ids = scope.teams, scope.platforms
    owners = ["team"] if teams is None or teams else []
    owners += ["platform"] if platform_ids is None or platform_ids else []
    assert owners, "a cycle belongs to a team or a platform"
    owner = draw(st.sampled_from(owners))
    start = None
    if scope.day is not None:
        start = draw(
            st.datetimes(
                min_value=datetime.combine(scope.day, datetime.min.time()) + timedelta(days=1),
                max_value=datetime.combine(scope.day, datetime.min.time()) + timedelta(days=500),
                timezones=_offsets(),
            )
        )
    history = draw(phase_histories(start=start))
    # The checker compares artefact dates with the local date of the first visit.
    inner = replace(scope, day=history[0].entered_at.date())
    return Cycle(
        id=id if id is not None else draw(ids()),
        variant=variant,
        history=history,
        team=_one(draw, teams) if owner == "team" else None,
        platform=_one(draw, platform_ids) if owner == "platform" else None,
        parent=_opt(draw, scope.cycles),
        status=draw(_enum(CycleStatus)),
        end_reason=draw(_maybe(texts(2000))),
        destiny_mode=draw(_maybe(_enum(DestinyMode))),
        core_team=_some(draw, scope.persons),
        extensions=draw(extensions()),
        **_artefacts(draw, inner),
    )


# ---------------------------------------------------------------------------------------------
# Initiatives and flows


@st.composite
def barriers(draw: st.DrawFn, scope: Scope = _ANY) -> Barrier:
    """A barrier, resolved (if at all) not before it arose."""
    since = _maybe_after(draw, scope.day)
    return Barrier(
        kind=draw(_enum(BarrierKind)),
        description=draw(texts(2000)),
        since=since,
        resolved_on=_maybe_after(draw, since),
        extensions=draw(extensions()),
    )


@st.composite
def initiatives(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> Initiative:
    """An initiative of stakeholders of *scope*, possibly born in one of its cycles or teams."""
    return Initiative(
        id=id if id is not None else draw(ids()),
        name=draw(texts(300)),
        launched_on=_day(draw, scope),
        maturity=draw(_enum(InitiativeMaturity)),
        description=draw(_maybe(texts(20_000))),
        domain=draw(_maybe(texts(200))),
        r_strategies=draw(vocabulary(RStrategy)),
        patterns=draw(vocabulary(BusinessModelPattern)),
        loops=draw(vocabulary(LoopStrategy)),
        barriers=tuple(draw(st.lists(barriers(scope), max_size=2))),
        participants=_some(draw, scope.stakeholders),
        cycle=_opt(draw, scope.cycles),
        team=_opt(draw, scope.teams),
        extensions=draw(extensions()),
    )


@st.composite
def resource_flows(draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None) -> ResourceFlow:
    """A resource flow between stakeholders of *scope*, ending (if at all) after it starts."""
    since = _maybe_after(draw, scope.day)
    return ResourceFlow(
        id=id if id is not None else draw(ids()),
        owner=_one(draw, scope.stakeholders),
        source=_one(draw, scope.stakeholders),
        flow_type=draw(_enum(FlowType)),
        resource=draw(texts(200)),
        status=draw(_enum(FlowStatus)),
        target=_opt(draw, scope.stakeholders),
        quantity=draw(_maybe(_NON_NEGATIVE)),
        unit=draw(_maybe(texts(50))),
        bio_based=draw(st.booleans()),
        fate=draw(_maybe(_enum(RStrategy))),
        since=since,
        until=_maybe_after(draw, since),
        extensions=draw(extensions()),
    )


# ---------------------------------------------------------------------------------------------
# Recommendations and their uptake

_FACT_FIRST: Final = string.ascii_letters
_FACT_REST: Final = string.ascii_letters + string.digits + "_"


@functools.cache
def fact_ids() -> st.SearchStrategy[str]:
    """Fact ids such as ``N.sme_rnd_linkage_share``: dotted parts, each a letter then letters,
    digits or ``_``."""
    part = st.builds(operator.add, st.sampled_from(_FACT_FIRST), st.text(_FACT_REST, max_size=10))
    return st.lists(part, min_size=1, max_size=3).map(".".join)


@functools.cache
def evidence() -> st.SearchStrategy[FrozenMap[str, bool | int | float | str | None]]:
    """A recommendation's evidence: fact id → boolean, number, string or ``None``."""
    value = st.one_of(st.none(), _scalars())
    return st.dictionaries(fact_ids(), value, max_size=3).map(FrozenMap)


@st.composite
def recommendation_status_changes(draw: st.DrawFn) -> RecommendationStatusChange:
    """One status change, free-standing (any status, any moment)."""
    return RecommendationStatusChange(
        status=draw(_enum(RecommendationStatus)),
        at=draw(aware_datetimes()),
        by=draw(_maybe(ids())),
        note=draw(_maybe(texts(2000))),
        extensions=draw(extensions()),
    )


@st.composite
def recommendation_records(
    draw: st.DrawFn, scope: Scope = _ANY, *, id: str | None = None
) -> RecommendationRecord:
    """A recommendation issued on or after ``scope.day``, whose history moves by allowed steps
    (:data:`smice.domain.ALLOWED_MOVES`) forward in time, the times in assorted UTC offsets."""
    day = _day(draw, scope)
    minutes = draw(st.integers(0, 24 * 60 - 1))
    issued_at = datetime.combine(day, datetime.min.time(), UTC) + timedelta(minutes=minutes)
    issued_at = issued_at.astimezone(draw(_offsets()))
    history: list[RecommendationStatusChange] = []
    status, at = RecommendationStatus.PROPOSED, issued_at
    while ALLOWED_MOVES[status] and draw(st.booleans()):
        status = draw(st.sampled_from(sorted(ALLOWED_MOVES[status])))
        at = (at + draw(_GAPS)).astimezone(draw(_offsets()))
        history.append(
            RecommendationStatusChange(
                status=status,
                at=at,
                by=draw(_maybe(ids())),
                note=draw(_maybe(texts(2000))),
                extensions=draw(extensions()),
            )
        )
    return RecommendationRecord(
        id=id if id is not None else draw(ids()),
        rule_id=draw(ids(max_size=16)),
        ruleset=draw(template_refs()),
        ruleset_version=draw(versions()),
        issued_at=issued_at,
        issued_by=draw(_maybe(ids())),
        instrument=tuple(draw(st.lists(_enum(InstrumentType), unique=True, max_size=_SMALL))),
        level=tuple(draw(st.lists(_enum(GovernmentLevel), unique=True, max_size=_SMALL))),
        evidence=draw(evidence()),
        title=draw(labels()),
        history=tuple(history),
        extensions=draw(extensions()),
    )


# ---------------------------------------------------------------------------------------------
# Arenas


def _ids_of(items: Sequence[Any]) -> tuple[str, ...]:
    return tuple(item.id for item in items)


def _each(
    draw: st.DrawFn, make: Callable[..., st.SearchStrategy[T]], scope: Scope, n: int
) -> list[T]:
    return [draw(make(scope, id=i)) for i in _unique_ids(draw, n)]


@st.composite
def arenas(
    draw: st.DrawFn,
    *,
    min_stakeholders: int = 0,
    max_stakeholders: int = 6,
    template: str | None = None,
) -> Arena:
    """A consistent arena: :func:`smice.domain.iter_problems` finds nothing in it, also
    against the template it names (``smice/base``, ``smice/rural-community`` or a template
    that is not bundled). Its ids are unique per collection; the same id may appear in two
    collections (a tie and a stakeholder both called ``x``), as the format allows."""
    created_on = draw(dates(max_value=date(2030, 12, 31)))
    scope = Scope(day=created_on)
    region_list = [draw(regions(id=i)) for i in _unique_ids(draw, draw(st.integers(0, 2)))]
    scope = replace(scope, regions=_ids_of(region_list))

    n = draw(st.integers(min_stakeholders, max_stakeholders))
    sids = _unique_ids(draw, n)
    n_orgs = draw(st.integers(0, n))
    orgs = [draw(organisations(scope, id=i)) for i in sids[:n_orgs]]
    scope = replace(scope, organisations=_ids_of(orgs))
    people = [draw(persons(scope, id=i)) for i in sids[n_orgs:]]
    # Persons and organisations interleave in the document.
    everyone = draw(st.permutations(orgs + people))
    scope = replace(scope, stakeholders=tuple(sids), persons=_ids_of(people))

    platform_list = _each(draw, platforms, scope, draw(st.integers(0, 2)))
    scope = replace(scope, platforms=_ids_of(platform_list))
    team_list = _each(draw, progress_teams, scope, draw(st.integers(0, 2)))
    scope = replace(scope, teams=_ids_of(team_list))

    cycle_list: list[Cycle] = []
    if team_list or platform_list:
        for cid in _unique_ids(draw, draw(st.integers(0, 2))):
            earlier = replace(scope, cycles=_ids_of(cycle_list))
            cycle_list.append(draw(cycles(earlier, id=cid)))
    scope = replace(scope, cycles=_ids_of(cycle_list))

    tie_list = _each(draw, ties, scope, draw(st.integers(0, 5))) if n >= 2 else []
    initiative_list = _each(draw, initiatives, scope, draw(st.integers(0, 2)))
    flow_list = _each(draw, resource_flows, scope, draw(st.integers(0, 3))) if n else []
    recommendation_list = _each(draw, recommendation_records, scope, draw(st.integers(0, 2)))
    return Arena(
        id=draw(ids()),
        name=draw(texts(300)),
        template=template if template is not None else draw(st.sampled_from(_TEMPLATE_CHOICES)),
        created_on=created_on,
        languages=tuple(draw(st.lists(_enum(Language), min_size=1, unique=True))),
        levels=tuple(draw(st.lists(_enum(Level), unique=True))),
        regions=tuple(region_list),
        stakeholders=tuple(everyone),
        ties=tuple(tie_list),
        platforms=tuple(platform_list),
        teams=tuple(team_list),
        cycles=tuple(cycle_list),
        initiatives=tuple(initiative_list),
        flows=tuple(flow_list),
        recommendations=tuple(recommendation_list),
        extensions=draw(extensions()),
    )


# ---------------------------------------------------------------------------------------------
# Breaking one reference


def _set_in(value: Any, path: Path, new: object) -> Any:
    """*value* with the element at *path* (attribute names and indices) replaced by *new*."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, tuple):
        assert isinstance(head, int)
        items = list(value)
        items[head] = _set_in(items[head], rest, new)
        return tuple(items)
    assert isinstance(head, str)
    return attrs.evolve(value, **{head: _set_in(getattr(value, head), rest, new)})


def _all_ids(value: Any) -> Iterator[str]:
    """Every id used anywhere in *value* (elements, artefacts and references)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | frozenset):
        for item in value:
            yield from _all_ids(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            if field.name != "extensions":
                yield from _all_ids(getattr(value, field.name))


def _cycle_sites(path: Path, cycle: Cycle) -> Iterator[Path]:
    owner = "team" if cycle.team is not None else "platform"
    yield (*path, owner)
    yield (*path, "parent")
    yield from ((*path, "core_team", j) for j in range(len(cycle.core_team)))
    if cycle.protocol is not None:
        approved = (*path, "protocol", "approved_by")
        yield from ((*approved, j) for j in range(len(cycle.protocol.approved_by)))
    if cycle.positive_core is not None:
        core = (*path, "positive_core", "themes")
        yield from ((*core, j) for j in range(len(cycle.positive_core.themes)))
    single = {
        "interviews": ("interviewer", "interviewee"),
        "stories": ("interview",),
        "dreams": ("topic",),
        "endorsements": ("dream", "person"),
        "propositions": ("topic",),
        "targets": ("proposition",),
        "actions": ("owner", "proposition"),
    }
    many = {
        "interviews": ("topics",),
        "stories": ("topics",),
        "themes": ("stories",),
        "propositions": ("stories",),
        "action_teams": ("members", "actions"),
    }
    for name in ARTEFACT_FIELDS:
        collection = getattr(cycle, name)
        if not isinstance(collection, tuple):
            continue
        for j, artefact in enumerate(collection):
            yield from ((*path, name, j, field) for field in single.get(name, ()))
            for field in many.get(name, ()):
                refs = getattr(artefact, field)
                yield from ((*path, name, j, field, k) for k in range(len(refs)))


def dangling_sites(arena: Arena) -> list[Path]:
    """Every place in *arena* where a reference to another object is (or may be) stored,
    as attribute/index paths, in document order."""
    sites: list[Path] = []
    for i, s in enumerate(arena.stakeholders):
        if s.is_person:
            sites.append(("stakeholders", i, "employer"))
    for i in range(len(arena.ties)):
        sites += [("ties", i, "source"), ("ties", i, "target"), ("ties", i, "cycle")]
    for i in range(len(arena.platforms)):
        sites += [("platforms", i, "region"), ("platforms", i, "host")]
    for i, team in enumerate(arena.teams):
        sites.append(("teams", i, "platform"))
        sites += [("teams", i, "memberships", j, "person") for j in range(len(team.memberships))]
        sites += [("teams", i, "facilitators", j) for j in range(len(team.facilitators))]
        if team.graduation is not None:
            sites.append(("teams", i, "graduation", "successor"))
    for i, cycle in enumerate(arena.cycles):
        sites += _cycle_sites(("cycles", i), cycle)
    for i, initiative in enumerate(arena.initiatives):
        sites += [
            ("initiatives", i, "participants", j) for j in range(len(initiative.participants))
        ]
        sites += [("initiatives", i, "cycle"), ("initiatives", i, "team")]
    for i in range(len(arena.flows)):
        sites += [("flows", i, "owner"), ("flows", i, "source"), ("flows", i, "target")]
    return sites


@st.composite
def arenas_with_dangling(draw: st.DrawFn) -> tuple[Arena, str]:
    """A consistent arena with exactly one reference replaced by an id that exists nowhere in
    it, and the JSON pointer (in the arena's document) of that reference.

    :func:`smice.domain.iter_problems` should report exactly one problem, ``"dangling"``, at
    that pointer.
    """
    arena = draw(arenas(min_stakeholders=1))
    used = frozenset(_all_ids(arena))
    missing = draw(ids().filter(lambda i: i not in used))
    sites = dangling_sites(arena)
    if not sites:  # an arena of organisations and nothing else: give it a flow to break
        flow = ResourceFlow(
            id="flow-1",
            owner=arena.stakeholders[0].id,
            source=arena.stakeholders[0].id,
            flow_type=FlowType.BY_PRODUCT,
            resource="bark",
        )
        arena = attrs.evolve(arena, flows=(flow,))
        sites = [("flows", 0, "owner")]
    # Pick the kind of reference first (``/cycles/*/stories/*/interview``), then one of them,
    # so that rare kinds are broken as often as common ones.
    kinds: dict[tuple[str, ...], list[Path]] = {}
    for site in sites:
        kinds.setdefault(tuple(t for t in site if isinstance(t, str)), []).append(site)
    path = draw(st.sampled_from(kinds[draw(st.sampled_from(sorted(kinds)))]))
    return _set_in(arena, path, missing), pointer_from_path(path)


# ---------------------------------------------------------------------------------------------
# Templates


def labels(*, min_size: int = 0) -> st.SearchStrategy[FrozenMap[str, str]]:
    """Texts by language (``en``, ``nb``, ``sv``)."""
    return st.dictionaries(
        st.sampled_from([str(lang) for lang in Language]),
        texts(2000),
        min_size=min_size,
        max_size=3,
    ).map(FrozenMap)


def _scalars() -> st.SearchStrategy[bool | int | float | str]:
    return st.one_of(
        st.booleans(),
        st.integers(-(2**53), 2**53),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(_CHARS, max_size=12),
    )


def params() -> st.SearchStrategy[FrozenMap[str, bool | int | float | str]]:
    """Criterion or template parameters: id keys, scalar values."""
    return st.dictionaries(ids(max_size=16), _scalars(), max_size=3).map(FrozenMap)


@st.composite
def criterion_specs(draw: st.DrawFn, *, name: str | None = None) -> CriterionSpec:
    """A named exit criterion with parameters."""
    return CriterionSpec(
        name=name if name is not None else draw(ids(max_size=24)),
        params=draw(params()),
        extensions=draw(extensions()),
    )


#: Artefact names a phase may list: those the phase machine knows how to make.
_ARTEFACT_NAMES: Final = tuple(ARTEFACT_EVENTS)
#: Events a transition of a plan may take: the cycle events of the phase machine.
_TRANSITION_EVENTS: Final = tuple(sorted(CYCLE_EVENTS))
_GUARD_NAMES: Final = tuple(GUARDS)


def _criterion_params(draw: st.DrawFn, name: str) -> FrozenMap[str, bool | int | float | str]:
    """Some of the parameters criterion *name* takes, each with a value it reads sensibly:
    counts are small non-negative integers (``max`` never below ``min``), shares lie in
    [0, 1]."""
    known = CRITERIA[name].params
    keys = draw(st.lists(st.sampled_from(tuple(known)), unique=True)) if known else []
    chosen: dict[str, bool | int | float | str] = {}
    for key in sorted(keys):
        if key == "min_share":
            chosen[key] = draw(st.integers(0, 10_000)) / 10_000
        else:
            chosen[key] = draw(st.integers(0, 12))
    if "max" in chosen:
        low = chosen.get("min", known.get("min", 0))
        assert isinstance(low, int)
        chosen["max"] = max(low, cast(int, chosen["max"]))
    return FrozenMap(chosen)


@st.composite
def phase_definitions(draw: st.DrawFn, *, id: str | None = None) -> PhaseDefinition:
    """A phase with distinct known artefact names and distinct criteria of
    :data:`smice.process.CRITERIA`, each with valid parameters."""
    names = draw(st.lists(st.sampled_from(tuple(CRITERIA)), unique=True, max_size=_SMALL))
    return PhaseDefinition(
        id=id if id is not None else draw(ids(max_size=24)),
        labels=draw(labels()),
        artefacts=tuple(draw(st.lists(st.sampled_from(_ARTEFACT_NAMES), unique=True, max_size=3))),
        criteria=tuple(
            CriterionSpec(
                name=name,
                params=_criterion_params(draw, name),
                extensions=draw(extensions()),
            )
            for name in names
        ),
        terminal=draw(st.booleans()),
        extensions=draw(extensions()),
    )


@st.composite
def transitions(draw: st.DrawFn, phase_ids: Sequence[str] | None = None) -> Transition:
    """A transition between phases of *phase_ids* (any ids when ``None``) on a cycle event
    the phase machine knows, unguarded or with one of its :data:`~smice.process.GUARDS`."""
    phase = ids(max_size=24) if phase_ids is None else st.sampled_from(phase_ids)
    return Transition(
        source=draw(phase),
        event=draw(st.sampled_from(_TRANSITION_EVENTS)),
        target=draw(phase),
        guard=draw(_maybe(st.sampled_from(_GUARD_NAMES))),
        extensions=draw(extensions()),
    )


@st.composite
def phase_plans(draw: st.DrawFn, *, variant: CycleVariant | None = None) -> PhasePlan:
    """A sound phase machine (:func:`smice.process.check_template` accepts it).

    Distinct phases, listed in any order, are walked by a chain of ``phase_advanced``
    transitions from the initial phase to a last phase, which is terminal (others may be
    too); extra transitions on known events go between any phases, and at most one per
    source and event is unguarded. Every phase is thus reachable from the initial one and
    reaches a terminal one.
    """
    phase_ids = draw(st.lists(ids(max_size=24), min_size=1, max_size=4, unique=True))
    chain = draw(st.permutations(phase_ids))
    phases = [draw(phase_definitions(id=p)) for p in phase_ids]
    phases = [attrs.evolve(p, terminal=True) if p.id == chain[-1] else p for p in phases]
    steps = [
        Transition(source=a, event="phase_advanced", target=b, extensions=draw(extensions()))
        for a, b in itertools.pairwise(chain)
    ]
    unguarded = {(t.source, t.event) for t in steps}
    extra: list[Transition] = []
    for drawn in draw(st.lists(transitions(phase_ids), max_size=_SMALL)):
        key = (drawn.source, drawn.event)
        if drawn.guard is None and key in unguarded:
            extra.append(attrs.evolve(drawn, guard=draw(st.sampled_from(_GUARD_NAMES))))
            continue
        if drawn.guard is None:
            unguarded.add(key)
        extra.append(drawn)
    everything = [*steps, *extra]
    order = draw(st.permutations(range(len(everything))))
    return PhasePlan(
        variant=variant if variant is not None else draw(_enum(CycleVariant)),
        initial=chain[0],
        phases=tuple(phases),
        transitions=tuple(everything[i] for i in order),
        extensions=draw(extensions()),
    )


@st.composite
def stakeholder_categories(draw: st.DrawFn, *, id: str | None = None) -> StakeholderCategory:
    """A category of stakeholders a template expects."""
    return StakeholderCategory(
        id=id if id is not None else draw(ids(max_size=24)),
        helix=draw(_enum(Helix)),
        kinds=draw(vocabulary(StakeholderKind)),
        labels=draw(labels()),
        extensions=draw(extensions()),
    )


@st.composite
def arena_templates(draw: st.DrawFn, *, extends: str | None = None) -> ArenaTemplate:
    """A well-defined template (``check_definition`` accepts it) whose plans are sound phase
    machines (``smice.process.check_template`` accepts it) and whose document form is valid
    against the template schema. ``extends`` is only recorded, never resolved."""
    variants = draw(st.lists(_enum(CycleVariant), min_size=1, max_size=2, unique=True))
    category_ids = draw(st.lists(ids(max_size=24), unique=True, max_size=2))
    return ArenaTemplate(
        id=draw(template_refs()),
        version=draw(versions()),
        title=draw(labels(min_size=1)),
        phase_plans=tuple(draw(phase_plans(variant=v)) for v in variants),
        default_variant=draw(st.sampled_from(variants)),
        extends=extends,
        description=draw(labels()),
        levels=tuple(draw(st.lists(_enum(Level), min_size=1, unique=True))),
        stakeholder_categories=tuple(draw(stakeholder_categories(id=c)) for c in category_ids),
        indicators=tuple(draw(st.lists(texts(200), unique=True, max_size=2))),
        rulesets=tuple(draw(st.lists(template_refs(), unique=True, max_size=2))),
        parameters=draw(params()),
        extensions=draw(extensions()),
    )


# ---------------------------------------------------------------------------------------------
# Registry


def _vocabularies() -> dict[type, st.SearchStrategy[Any]]:
    from smice.domain import VOCABULARIES

    return {enum: _enum(enum) for enum in VOCABULARIES.values()}


#: A strategy for every domain type, free-standing (references are arbitrary ids).
BY_TYPE: Final[dict[type, st.SearchStrategy[Any]]] = {
    **_vocabularies(),
    Action: actions(),
    ActionTeam: action_teams(),
    Arena: arenas(),
    ArenaTemplate: arena_templates(),
    Barrier: barriers(),
    Consent: consents(),
    CriterionSpec: criterion_specs(),
    Cycle: cycles(),
    DreamStatement: dream_statements(),
    Endorsement: endorsements(),
    FrozenMap: extensions(),
    Graduation: graduations(),
    Initiative: initiatives(),
    Interview: interviews(),
    InterviewProtocol: interview_protocols(),
    Membership: memberships(),
    PhaseDefinition: phase_definitions(),
    PhasePlan: phase_plans(),
    PhaseVisit: phase_visits(),
    Platform: platforms(),
    PositiveCoreMap: positive_core_maps(),
    ProgressTeam: progress_teams(),
    RecommendationRecord: recommendation_records(),
    RecommendationStatusChange: recommendation_status_changes(),
    Proposition: propositions(),
    PropositionChecklist: proposition_checklists(),
    Region: regions(),
    ResourceFlow: resource_flows(),
    Review: reviews(),
    Stakeholder: stakeholders(),
    StakeholderCategory: stakeholder_categories(),
    Story: stories(),
    Target: targets(),
    Theme: themes(),
    Tie: ties(),
    Topic: topics(),
    Transition: transitions(),
}


# ---------------------------------------------------------------------------------------------
# Mutations of documents (the fast validation path is pinned to jsonschema with these)

# Characters where ECMA-262 and Python's ``re`` disagree about \s, \d and \w, and friends.
_TRICKY_CHARS: Final = (
    " \t\n\r\v\f\u00a0\u1680\u2000\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
    "\x1c\x1d\x1e\x1f\x85\u180e"
    "0789\u0663\u06f5\u0966\uff11\u00e9_-.:/+ZzTt"
)


@functools.cache
def format_strings() -> st.SearchStrategy[str]:
    """Strings near the ``date`` and ``date-time`` formats (and near the id and blank-text
    patterns): real and impossible calendar dates, leap seconds, lower-case ``t``/``z``,
    offsets out of range, trailing newlines, non-ASCII digits and white space."""
    digits = st.text("0123456789", min_size=1, max_size=4)
    date_like = st.builds(
        "{}-{}-{}".format,
        st.one_of(st.sampled_from(["2021", "2020", "0000", "1900", "9999", "21"]), digits),
        st.one_of(st.sampled_from(["01", "02", "12", "13", "00", "2"]), digits),
        st.one_of(st.sampled_from(["01", "28", "29", "30", "31", "32", "00"]), digits),
    )
    times = st.builds(
        "{}{}:{}:{}{}{}".format,
        st.sampled_from(["T", "t", " ", "_"]),
        st.sampled_from(["00", "10", "23", "24", "7"]),
        st.sampled_from(["00", "59", "60"]),
        st.sampled_from(["00", "59", "60", "61"]),
        st.sampled_from(["", ".5", ".123456", ".", ".1234567890"]),
        st.sampled_from(["Z", "z", "+01:00", "-23:59", "+24:00", "+01", "+0100", "", "+01:60"]),
    )
    exact = st.one_of(dates().map(date.isoformat), aware_datetimes().map(lambda d: d.isoformat()))
    core = st.one_of(
        exact,
        date_like,
        st.builds(operator.add, date_like, times),
        st.sampled_from(["yesterday", "2021-02-30", "2021-02-30T10:00:00Z", ""]),
        st.text(_TRICKY_CHARS, max_size=6),
    )
    # Decorate: nothing, or a character before or after (a newline at the end, mostly).
    return st.builds(
        operator.add,
        st.sampled_from(["", "", "", " ", "\ufeff"]),
        st.builds(operator.add, core, st.sampled_from(["", "", "", "\n", " ", "x", "\u0085"])),
    )


def _nodes(document: object, path: Path = ()) -> Iterator[Path]:
    yield path
    if isinstance(document, dict):
        for key, value in document.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from _nodes(value, (*path, index))


def _at(document: Any, path: Path) -> Any:
    for step in path:
        document = document[step]
    return document


@st.composite
def mutated_documents(draw: st.DrawFn, document: Any, *, max_mutations: int = 3) -> Any:
    """A copy of the JSON *document* with a few random mutations at random places: a value
    replaced (by a string near a format or pattern, another JSON value, or a value of the
    wrong type), a member removed or added, an array item removed or duplicated. The result
    is plain JSON data; it may or may not still be valid."""
    import copy

    result = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, max_mutations))):
        paths = list(_nodes(result))
        path = draw(st.sampled_from(paths))
        replacement = draw(
            st.one_of(format_strings(), json_values(), st.sampled_from([None, 0, -1, 1.5, True]))
        )
        action = draw(st.sampled_from(["replace", "replace", "remove", "add", "duplicate"]))
        if not path:
            if action == "add" and isinstance(result, dict):
                result[draw(st.text(_CHARS, max_size=6))] = replacement
            continue
        parent = _at(result, path[:-1])
        last = path[-1]
        if action == "replace":
            parent[last] = replacement
        elif action == "remove":
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from([*parent, "extensions", "zzz"]))] = replacement
        elif isinstance(parent, list):
            parent.insert(int(last), copy.deepcopy(parent[int(last)]))
    return result
