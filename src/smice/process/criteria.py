"""Named exit criteria: pure functions of an arena and a cycle, with their parameters.

Each criterion of :data:`CRITERIA` is a :class:`Criterion`: a name, the parameters it takes
(with defaults: the heuristics of the SMICE method, which a template overrides), a check and
its message in English, Norwegian Bokmål and Swedish. A template's phase names criteria in its
``criteria`` list; :func:`evaluate` checks one of them and returns a :class:`CriterionResult`.
Consent is judged on a day (:func:`judgement_day`): a ``phase_advanced`` event's own day, or
the day an exit report is asked about.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Final, NamedTuple, Protocol, TypeAlias

import attrs

from smice._types import StakeholderId
from smice.domain import (
    ActionStatus,
    ConsentScope,
    CriterionSpec,
    Cycle,
    Helix,
    ProgressTeam,
    Scalar,
    Stakeholder,
    StakeholderKind,
)
from smice.domain.display import card, clip, short_repr, table
from smice.errors import UnknownId
from smice.process.refusals import Refusal

__all__ = [
    "CRITERIA",
    "ArenaView",
    "Criterion",
    "CriterionResult",
    "Refusal",
    "active_members",
    "evaluate",
    "judgement_day",
    "persons_with_data",
]

Params: TypeAlias = Mapping[str, Scalar]


class ArenaView(Protocol):
    """What criteria read of an arena: stakeholders and teams by id (an
    :class:`~smice.domain.Arena` is one). Lookups raise :class:`~smice.errors.UnknownId`."""

    def stakeholder(self, sid: str, /) -> Stakeholder: ...

    def team(self, tid: str, /) -> ProgressTeam: ...


@attrs.frozen(kw_only=True)
class CriterionResult:
    """The outcome of one exit criterion for one cycle.

    Attributes
    ----------
    criterion : str
        The criterion's name, e.g. ``"themes_backed"``.
    passed : bool
        Whether it holds.
    expected, actual : bool, int, float or str
        What the criterion asks for and what was found (language-neutral).
    message : str
        The whole story in one sentence, in the language asked for.

    .. versionadded:: 0.1.0
    """

    criterion: str
    passed: bool
    expected: Scalar
    actual: Scalar
    message: str

    def __repr__(self) -> str:
        verdict = "passed" if self.passed else "failed"
        return short_repr(
            "CriterionResult",
            self.criterion,
            details=f"{verdict}, expected {clip(self.expected, 40)}, got {clip(self.actual, 40)}",
        )

    def _repr_html_(self) -> str:
        return card(
            f"{self.criterion}: {'passed' if self.passed else 'failed'}",
            self.message,
            [table(["expected", "actual"], [(self.expected, self.actual)])],
        )


class _Outcome(NamedTuple):
    # What a criterion's check found: whether it holds, what was expected and found
    # (language-neutral), and the named values its messages use.
    passed: bool
    expected: Scalar
    actual: Scalar
    values: Mapping[str, object] = MappingProxyType({})


#: A criterion's check: whether it holds for a cycle of an arena, with what was expected and
#: found. Its arguments: the arena, the cycle, the parameters (defaults merged with the
#: template's) and the day consent is judged on (``None``: today).
Check: TypeAlias = Callable[[ArenaView, Cycle, Params, "date | None"], _Outcome]
#: A fast path: only whether the criterion holds (same arguments, same answer as the check).
Holds: TypeAlias = Callable[[ArenaView, Cycle, Params, "date | None"], bool]


@attrs.frozen(kw_only=True)
class Criterion:
    """A named exit criterion: its parameters with defaults, its check and its messages.

    ``check(arena, cycle, params, at)`` is the criterion's one definition: whether it holds
    together with what was expected and found. :meth:`holds` answers only whether it holds:
    through ``fast`` where a criterion has a fast path (only where the replay benchmark
    showed it matters, and pinned to ``check`` by a property test), else from ``check``.
    *at* is the day consent is judged on (``None``: today, as
    :meth:`~smice.domain.Consent.allows` without a day).

    ``messages`` holds one format string per language; it may use the parameters and the
    values the check reports (``{actual}``, ``{expected}`` and named counts).

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> from smice.domain import Arena, CycleVariant, PhaseVisit
    >>> cycle = Cycle(id="c1", team="t1", variant=CycleVariant.FIVE_D,
    ...               history=(PhaseVisit(phase="define",
    ...                        entered_at=datetime(2019, 1, 1, tzinfo=timezone.utc)),))
    >>> arena = Arena(id="a", name="A", template="smice/base",
    ...               created_on=datetime(2019, 1, 1).date())
    >>> criterion = CRITERIA["topics_count"]
    >>> criterion.holds(arena, cycle, criterion.params, None)
    False

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       One definition per criterion: ``holds`` is a method answering from ``check``.
    """

    name: str
    check: Check
    params: Mapping[str, Scalar]
    messages: Mapping[str, str]
    description: str
    fast: Holds | None = None

    def holds(self, arena: ArenaView, cycle: Cycle, params: Params, at: date | None) -> bool:
        """Whether the criterion holds for *cycle* with *params*, consent judged on *at*."""
        if self.fast is not None:
            return self.fast(arena, cycle, params, at)
        return self.check(arena, cycle, params, at).passed


_PREFIX: Final = MappingProxyType(
    {
        "en": "criterion {name!r} ",
        "nb": "kriteriet {name!r} ",
        "sv": "kriteriet {name!r} ",
    }
)
_STORAGE: Final = ConsentScope.STORAGE
_PERSON: Final = StakeholderKind.PRIVATE_PERSON


def _lookup(arena: ArenaView, sid: str) -> Stakeholder | None:
    try:
        return arena.stakeholder(sid)
    except UnknownId:
        return None


def active_members(arena: ArenaView, cycle: Cycle) -> tuple[StakeholderId, ...]:
    """The cycle's active members: its team's current members, or the core team of a
    platform cycle (or of a team without members yet).

    .. versionadded:: 0.1.0
    """
    if cycle.team is not None:
        try:
            members = arena.team(cycle.team).current_members
        except UnknownId:
            members = ()
        if members:
            return members
    return cycle.core_team


def _data_ids(arena: ArenaView, cycle: Cycle) -> list[StakeholderId]:
    # Every id the cycle stores data about, persons or not, in order (with repeats).
    ids = [*cycle.core_team, *active_members(arena, cycle)]
    if cycle.protocol is not None:
        ids += cycle.protocol.approved_by
    for interview in cycle.interviews:
        ids.append(interview.interviewer)
        ids.append(interview.interviewee)
    ids += [e.person for e in cycle.endorsements]
    for team in cycle.action_teams:
        ids += team.members
    return ids


def _persons(arena: ArenaView, ids: Iterable[str]) -> list[Stakeholder]:
    # The persons among *ids* (unknown ids left out), once each, in order.
    stakeholder = arena.stakeholder
    persons = []
    for sid in dict.fromkeys(ids):
        try:
            found = stakeholder(sid)
        except UnknownId:
            continue
        if _PERSON in found.kinds:
            persons.append(found)
    return persons


def persons_with_data(arena: ArenaView, cycle: Cycle) -> tuple[StakeholderId, ...]:
    """Every person about whom the cycle stores data: core team, active members, protocol
    approvers, interview partners, endorsers and action-team members (no repeats, in order).

    .. versionadded:: 0.1.0
    """
    return tuple(person.id for person in _persons(arena, _data_ids(arena, cycle)))


def _int(params: Params, key: str) -> int:
    value = params[key]
    if type(value) is int:
        return value
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def _share(params: Params) -> float:
    value = params["min_share"]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return 1.0


def _helix(arena: ArenaView, sid: str) -> Helix | None:
    found = _lookup(arena, sid)
    return None if found is None else found.helix


def _backed(ids: Iterable[str], known: set[str], need: int) -> bool:
    # Whether at least *need* distinct ids of *ids* are in *known*.
    return need <= 0 or len(known.intersection(ids)) >= need


def _per_topic(cycle: Cycle, counts: Mapping[str, int], need: int) -> tuple[bool, int, int]:
    # (every topic has *need* counted items, topics meeting it, topics): no topic, no pass.
    met = sum(1 for topic in cycle.topics if counts.get(topic.id, 0) >= need)
    topics = len(cycle.topics)
    return topics > 0 and met == topics, met, topics


# Each criterion is one function: the phase machine asks ``.passed`` at every
# ``phase_advanced`` (benchmarks/process.py, "replay"), messages use the rest.


def _topics_count(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    n = len(cycle.topics)
    low, high = _int(p, "min"), _int(p, "max")
    return _Outcome(low <= n <= high, f"{low}–{high}", n)


def _protocol_approved(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    ok = cycle.protocol is not None and cycle.protocol.approved_on is not None
    return _Outcome(ok, 1, int(ok))


def _core_team(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    core = _persons(arena, cycle.core_team)
    persons, helices = len(core), len({person.helix for person in core})
    need_p, need_h = _int(p, "min_persons"), _int(p, "min_helices")
    return _Outcome(
        persons >= need_p and helices >= need_h,
        f"{need_p} persons, {need_h} helices",
        f"{persons} persons, {helices} helices",
        {"persons": persons, "helices": helices},
    )


def _consent_recorded(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    missing = [
        person.id
        for person in _persons(arena, _data_ids(arena, cycle))
        if person.consent is None or not person.consent.allows(_STORAGE, at=at)
    ]
    return _Outcome(not missing, 0, len(missing), {"who": ", ".join(missing) or "-"})


def _members_interviewed(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    members = active_members(arena, cycle)
    interviewed = {i.interviewee for i in cycle.interviews}
    missing = [m for m in members if m not in interviewed]
    return _Outcome(
        bool(members) and not missing,
        len(members),
        len(members) - len(missing),
        {"who": ", ".join(missing) or "-"},
    )


def _external_interviews(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    members = set(active_members(arena, cycle))
    external = [i.interviewee for i in cycle.interviews if i.interviewee not in members]
    absent = 0
    if external:
        team_helices = {_helix(arena, m) for m in members}
        absent = sum(1 for sid in external if _helix(arena, sid) not in team_helices)
    need, need_absent = _int(p, "min"), _int(p, "min_from_absent_helix")
    return _Outcome(
        len(external) >= need and absent >= need_absent,
        f"{need}, {need_absent} from an absent helix",
        f"{len(external)}, {absent} from an absent helix",
        {"external": len(external), "absent": absent},
    )


def _themes_backed(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    stories: set[str] = {s.id for s in cycle.stories}
    need_stories = _int(p, "min_stories")
    backed = sum(1 for t in cycle.themes if _backed(t.stories, stories, need_stories))
    need = _int(p, "min_themes")
    return _Outcome(backed >= need, need, backed)


def _positive_core_mapped(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    ok = cycle.positive_core is not None
    return _Outcome(ok, 1, int(ok))


def _dreams_endorsed(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    # A dream statement counts for its topic when the share of active members endorsing it
    # (to four decimals) reaches min_share.
    members = set(active_members(arena, cycle))
    share = _share(p)
    endorsers: dict[str, set[str]] = {}
    for e in cycle.endorsements:
        if e.person in members:
            endorsers.setdefault(e.dream, set()).add(e.person)
    counts: dict[str, int] = {}
    if members:
        n = len(members)
        for d in cycle.dreams:
            if round(len(endorsers.get(d.id, ())) / n, 4) >= share:
                counts[d.topic] = counts.get(d.topic, 0) + 1
    passed, met, topics = _per_topic(cycle, counts, _int(p, "min_per_topic"))
    return _Outcome(passed, topics, met, {"share": f"{share:.0%}"})


def _propositions_grounded(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    # A proposition counts for its topic when it passes the checklist and rests on stories.
    stories: set[str] = {s.id for s in cycle.stories}
    need_stories = _int(p, "min_stories")
    counts: dict[str, int] = {}
    for prop in cycle.propositions:
        if prop.checklist.passed and _backed(prop.stories, stories, need_stories):
            counts[prop.topic] = counts.get(prop.topic, 0) + 1
    passed, met, topics = _per_topic(cycle, counts, _int(p, "min_per_topic"))
    return _Outcome(passed, topics, met)


def _measurable_targets(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    need = _int(p, "min")
    return _Outcome(len(cycle.targets) >= need, need, len(cycle.targets))


def _actions_owned(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    owned = sum(1 for a in cycle.actions if a.status is not ActionStatus.DROPPED)
    need = _int(p, "min")
    return _Outcome(owned >= need, need, owned)


def _action_teams(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    need_persons = _int(p, "min_persons")
    teams = sum(
        1
        for team in cycle.action_teams
        if need_persons <= 0 or len(_persons(arena, team.members)) >= need_persons
    )
    need = _int(p, "min_teams")
    return _Outcome(teams >= need, need, teams)


def _review_recorded(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> _Outcome:
    n = len(cycle.reviews)
    return _Outcome(n >= 1, 1, n)


# Fast paths: the three criteria whose full check costs most in a replay (benchmarks/process.py,
# "replay": about 10 % of the replay without them, ratio 3.8x -> 4.3x the reducer). Each answers
# only whether its criterion holds, stopping as soon as it knows;
# tests/process/test_criteria_properties.py pins each to its check over generated cycles.


def _consent_recorded_fast(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> bool:
    stakeholder = arena.stakeholder
    for sid in set(_data_ids(arena, cycle)):
        try:
            found = stakeholder(sid)
        except UnknownId:
            continue
        if _PERSON in found.kinds:
            consent = found.consent
            if consent is None or not consent.allows(_STORAGE, at=at):
                return False
    return True


def _external_interviews_fast(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> bool:
    members = set(active_members(arena, cycle))
    need, need_absent = _int(p, "min"), _int(p, "min_from_absent_helix")
    if need <= 0 and need_absent <= 0:
        return True
    external = absent = 0
    team_helices: set[Helix | None] | None = None
    for interview in cycle.interviews:
        sid = interview.interviewee
        if sid in members:
            continue
        external += 1
        if absent < need_absent:
            if team_helices is None:
                team_helices = {_helix(arena, m) for m in members}
            if _helix(arena, sid) not in team_helices:
                absent += 1
        if external >= need and absent >= need_absent:
            return True
    return external >= need and absent >= need_absent


def _least_endorsers(n: int, share: float) -> int | None:
    # The fewest endorsers of *n* members whose share (to four decimals) reaches *share*.
    for k in range(n + 1):
        if round(k / n, 4) >= share:
            return k
    return None


def _dreams_endorsed_fast(arena: ArenaView, cycle: Cycle, p: Params, at: date | None) -> bool:
    topics = cycle.topics
    if not topics:
        return False
    per_topic = _int(p, "min_per_topic")
    if per_topic <= 0:
        return True
    members = set(active_members(arena, cycle))
    if not members:
        return False
    least = _least_endorsers(len(members), _share(p))
    if least is None:
        return False
    endorsers: dict[str, set[str]] = {}
    if least > 0:
        for e in cycle.endorsements:
            if e.person in members:
                endorsers.setdefault(e.dream, set()).add(e.person)
    wanted = {topic.id for topic in topics}
    counts: dict[str, int] = {}
    for d in cycle.dreams:
        if d.topic in wanted and len(endorsers.get(d.id, ())) >= least:
            count = counts[d.topic] = counts.get(d.topic, 0) + 1
            if count >= per_topic:
                wanted.discard(d.topic)
                if not wanted:
                    return True
    return False


def _criterion(
    name: str,
    check: Check,
    params: Mapping[str, Scalar],
    description: str,
    fast: Holds | None = None,
    **messages: str,
) -> Criterion:
    return Criterion(
        name=name,
        check=check,
        fast=fast,
        params=MappingProxyType(dict(params)),
        messages=MappingProxyType(messages),
        description=description,
    )


_ALL: Final = (
    _criterion(
        "topics_count",
        _topics_count,
        {"min": 1, "max": 5},
        "the number of affirmative topics is between min and max",
        en="expects {min}–{max} affirmative topics, found {actual}",
        nb="forventer {min}–{max} bekreftende temaer, fant {actual}",
        sv="kräver {min}–{max} uppskattande ämnen, hittade {actual}",
    ),
    _criterion(
        "protocol_approved",
        _protocol_approved,
        {},
        "an interview protocol has been approved",
        en="expects an approved interview protocol, found {actual}",
        nb="forventer en godkjent intervjuguide, fant {actual}",
        sv="kräver en godkänd intervjuguide, hittade {actual}",
    ),
    _criterion(
        "core_team",
        _core_team,
        {"min_persons": 3, "min_helices": 2},
        "the core team has at least min_persons persons from at least min_helices helices",
        en="expects a core team of ≥ {min_persons} persons from ≥ {min_helices} helices, "
        "found {persons} persons from {helices} helices",
        nb="forventer et kjerneteam på ≥ {min_persons} personer fra ≥ {min_helices} "
        "helikser, fant {persons} personer fra {helices} helikser",
        sv="kräver ett kärnteam på ≥ {min_persons} personer från ≥ {min_helices} "
        "helixar, hittade {persons} personer från {helices} helixar",
    ),
    _criterion(
        "consent_recorded",
        _consent_recorded,
        {},
        "every person with stored data has a consent to storage that holds",
        fast=_consent_recorded_fast,
        en="expects consent from every person with stored data, found {actual} without "
        "(missing: {who})",
        nb="forventer samtykke fra hver person med lagrede data, fant {actual} uten "
        "(mangler: {who})",
        sv="kräver samtycke från varje person med lagrade uppgifter, hittade {actual} "
        "utan (saknas: {who})",
    ),
    _criterion(
        "members_interviewed",
        _members_interviewed,
        {},
        "every active member has been interviewed",
        en="expects every active member interviewed ({expected}), found {actual} (not yet: {who})",
        nb="forventer at hvert aktivt medlem er intervjuet ({expected}), fant {actual} "
        "(ikke ennå: {who})",
        sv="kräver att varje aktiv medlem är intervjuad ({expected}), hittade {actual} "
        "(inte ännu: {who})",
    ),
    _criterion(
        "external_interviews",
        _external_interviews,
        {"min": 3, "min_from_absent_helix": 1},
        "enough interviews with non-members, some from a helix absent in the team",
        fast=_external_interviews_fast,
        en="expects ≥ {min} interviews with non-members, ≥ {min_from_absent_helix} of them "
        "from a helix absent in the team, found {external} and {absent}",
        nb="forventer ≥ {min} intervjuer med ikke-medlemmer, ≥ {min_from_absent_helix} av "
        "dem fra en heliks som mangler i teamet, fant {external} og {absent}",
        sv="kräver ≥ {min} intervjuer med icke-medlemmar, ≥ {min_from_absent_helix} av "
        "dem från en helix som saknas i teamet, hittade {external} och {absent}",
    ),
    _criterion(
        "themes_backed",
        _themes_backed,
        {"min_themes": 3, "min_stories": 2},
        "enough themes, each backed by enough stories",
        en="expects ≥ {min_themes} themes with ≥ {min_stories} stories, found {actual}",
        nb="forventer ≥ {min_themes} temaer med ≥ {min_stories} historier, fant {actual}",
        sv="kräver ≥ {min_themes} teman med ≥ {min_stories} berättelser, hittade {actual}",
    ),
    _criterion(
        "positive_core_mapped",
        _positive_core_mapped,
        {},
        "the positive core has been mapped",
        en="expects a map of the positive core, found {actual}",
        nb="forventer et kart over den positive kjernen, fant {actual}",
        sv="kräver en karta över den positiva kärnan, hittade {actual}",
    ),
    _criterion(
        "dreams_endorsed",
        _dreams_endorsed,
        {"min_per_topic": 1, "min_share": 0.6667},
        "every topic has dream statements endorsed by a large share of active members "
        "(shares are compared to four decimals: 0.6667 means two thirds)",
        fast=_dreams_endorsed_fast,
        en="expects ≥ {min_per_topic} dream statement per topic endorsed by ≥ {share} of "
        "active members, found {actual} of {expected} topics",
        nb="forventer ≥ {min_per_topic} drømmeerklæring per tema støttet av ≥ {share} av "
        "aktive medlemmer, fant {actual} av {expected} temaer",
        sv="kräver ≥ {min_per_topic} drömformulering per ämne som ≥ {share} av aktiva "
        "medlemmar ställer sig bakom, hittade {actual} av {expected} ämnen",
    ),
    _criterion(
        "propositions_grounded",
        _propositions_grounded,
        {"min_per_topic": 1, "min_stories": 1},
        "every topic has provocative propositions that pass the checklist and rest on stories",
        en="expects ≥ {min_per_topic} proposition per topic passing the checklist and "
        "grounded in ≥ {min_stories} stories, found {actual} of {expected} topics",
        nb="forventer ≥ {min_per_topic} utfordrende påstand per tema som består sjekklisten "
        "og bygger på ≥ {min_stories} historier, fant {actual} av {expected} temaer",
        sv="kräver ≥ {min_per_topic} provokativt påstående per ämne som klarar "
        "checklistan och vilar på ≥ {min_stories} berättelser, hittade {actual} av "
        "{expected} ämnen",
    ),
    _criterion(
        "measurable_targets",
        _measurable_targets,
        {"min": 1},
        "enough measurable targets have been set",
        en="expects ≥ {min} measurable targets, found {actual}",
        nb="forventer ≥ {min} målbare mål, fant {actual}",
        sv="kräver ≥ {min} mätbara mål, hittade {actual}",
    ),
    _criterion(
        "actions_owned",
        _actions_owned,
        {"min": 1},
        "enough actions (not dropped) with an owner and a due date",
        en="expects ≥ {min} actions with an owner and a due date, found {actual}",
        nb="forventer ≥ {min} tiltak med eier og frist, fant {actual}",
        sv="kräver ≥ {min} åtgärder med ägare och slutdatum, hittade {actual}",
    ),
    _criterion(
        "action_teams",
        _action_teams,
        {"min_teams": 1, "min_persons": 2},
        "enough action teams with enough persons",
        en="expects ≥ {min_teams} action teams of ≥ {min_persons} persons, found {actual}",
        nb="forventer ≥ {min_teams} tiltaksteam med ≥ {min_persons} personer, fant {actual}",
        sv="kräver ≥ {min_teams} åtgärdsteam med ≥ {min_persons} personer, hittade {actual}",
    ),
    _criterion(
        "review_recorded",
        _review_recorded,
        {},
        "a review record exists",
        en="expects a review record, found {actual}",
        nb="forventer en evaluering, fant {actual}",
        sv="kräver en utvärdering, hittade {actual}",
    ),
)

#: The named exit criteria, by name.
CRITERIA: Final[Mapping[str, Criterion]] = MappingProxyType({c.name: c for c in _ALL})


def judgement_day(cycle: Cycle, at: datetime | date | None = None) -> date | None:
    """The day exit criteria of *cycle* judge consent on.

    That is *at* (a datetime's own calendar day, as for the ``at`` of an event), or without
    *at* the day of the latest moment the cycle's history records (the last phase entered or
    left), so that a report on a replayed arena is the same whenever it is made. ``None`` only
    for a cycle without history.

    Examples
    --------
    >>> from datetime import timezone
    >>> from smice.domain import CycleVariant, PhaseVisit
    >>> cycle = Cycle(id="c1", team="t1", variant=CycleVariant.FIVE_D, history=(
    ...     PhaseVisit(phase="define", entered_at=datetime(2019, 1, 1, tzinfo=timezone.utc),
    ...                left_at=datetime(2019, 2, 1, tzinfo=timezone.utc)),
    ...     PhaseVisit(phase="discover", entered_at=datetime(2019, 2, 1, tzinfo=timezone.utc))))
    >>> judgement_day(cycle)
    datetime.date(2019, 2, 1)
    >>> judgement_day(cycle, date(2019, 3, 5))
    datetime.date(2019, 3, 5)

    .. versionadded:: 0.1.0
    """
    if at is not None:
        return at.date() if isinstance(at, datetime) else at
    moments = [v.entered_at for v in cycle.history]
    moments += [v.left_at for v in cycle.history if v.left_at is not None]
    return max(moments).date() if moments else None


def evaluate(
    spec: CriterionSpec,
    arena: ArenaView,
    cycle: Cycle,
    *,
    language: str = "en",
    on: date | None = None,
) -> CriterionResult:
    """Check the criterion *spec* names, with its parameters, for *cycle* of *arena*.

    Parameters the spec leaves out take the criterion's defaults.

    Parameters
    ----------
    spec : CriterionSpec
        The criterion's name and the parameters that override its defaults.
    arena : ArenaView
        Where stakeholders and teams are looked up (an :class:`~smice.domain.Arena`).
    cycle : Cycle
    language : {"en", "nb", "sv"}
        The language of the message (others fall back to English).
    on : date, optional
        The day consent is judged on (``consent_recorded``): a consent holds when it was
        given on or before *on*, not withdrawn on or before *on* and expires after *on*. The
        phase machine passes the day of the ``phase_advanced`` event, and
        :func:`~smice.process.exit_report` the day it reports on. Without *on*, consent is
        judged on today (as :meth:`~smice.domain.Consent.allows` without a day).

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> from smice.domain import Arena, CycleVariant, PhaseVisit, Topic
    >>> cycle = Cycle(id="c1", team="t1", variant=CycleVariant.FIVE_D,
    ...               history=(PhaseVisit(phase="define",
    ...                        entered_at=datetime(2019, 1, 1, tzinfo=timezone.utc)),),
    ...               topics=(Topic(id="t-1", title="Wood"),))
    >>> arena = Arena(id="a", name="A", template="smice/base",
    ...               created_on=datetime(2019, 1, 1).date())
    >>> result = evaluate(CriterionSpec(name="topics_count"), arena, cycle)
    >>> result.passed, result.expected, result.actual
    (True, '1–5', 1)
    >>> print(evaluate(CriterionSpec(name="review_recorded"), arena, cycle,
    ...                language="nb").message)
    kriteriet 'review_recorded' forventer en evaluering, fant 0

    .. versionadded:: 0.1.0
    """
    criterion = CRITERIA[spec.name]
    params = {**criterion.params, **spec.params}
    outcome = criterion.check(arena, cycle, params, on)
    lang = language if language in criterion.messages else "en"
    text = criterion.messages[lang].format(
        expected=outcome.expected, actual=outcome.actual, **params, **outcome.values
    )
    message = _PREFIX[lang].format(name=spec.name) + text
    return CriterionResult(
        criterion=spec.name,
        passed=outcome.passed,
        expected=outcome.expected,
        actual=outcome.actual,
        message=message,
    )
