"""Named exit criteria: pure functions of an arena and a cycle, with their parameters.

Each criterion of :data:`CRITERIA` is a :class:`Criterion`: a name, the parameters it takes
(with defaults: the heuristics of the SMICE method, which a template overrides), a check and
its message in English, Norwegian Bokmål and Swedish. A template's phase names criteria in its
``criteria`` list; :func:`evaluate` checks one of them and returns a :class:`CriterionResult`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Final, Protocol, TypeAlias

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
)
from smice.errors import UnknownId

__all__ = [
    "CRITERIA",
    "ArenaView",
    "Criterion",
    "CriterionResult",
    "Refusal",
    "active_members",
    "evaluate",
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


@attrs.frozen(kw_only=True)
class Refusal:
    """Why an event was refused, other than a failing exit criterion.

    ``code`` names the check (``"unknown_id"``, ``"wrong_phase"``, ``"not_a_member"``,
    ``"no_consent"``, ``"time_backwards"``, ...); ``message`` says what was expected and got.

    Examples
    --------
    >>> Refusal(code="unknown_id", message="no stakeholder with id 'p9'").message
    "no stakeholder with id 'p9'"

    .. versionadded:: 0.1.0
    """

    code: str
    message: str


@attrs.frozen(kw_only=True)
class _Outcome:
    passed: bool
    expected: Scalar
    actual: Scalar
    values: Mapping[str, object] = MappingProxyType({})


Check: TypeAlias = Callable[[ArenaView, Cycle, Params], _Outcome]


@attrs.frozen(kw_only=True)
class Criterion:
    """A named exit criterion: its parameters with defaults, its check and its messages.

    ``messages`` holds one format string per language; it may use the parameters and the
    values the check reports (``{actual}``, ``{expected}`` and named counts).

    .. versionadded:: 0.1.0
    """

    name: str
    check: Check
    params: Mapping[str, Scalar]
    messages: Mapping[str, str]
    description: str


_PREFIX: Final = {
    "en": "criterion {name!r} ",
    "nb": "kriteriet {name!r} ",
    "sv": "kriteriet {name!r} ",
}


def _lookup(arena: ArenaView, sid: str) -> object | None:
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


def persons_with_data(arena: ArenaView, cycle: Cycle) -> tuple[StakeholderId, ...]:
    """Every person about whom the cycle stores data: core team, active members, protocol
    approvers, interview partners, endorsers and action-team members (no repeats, in order).

    .. versionadded:: 0.1.0
    """
    seen: dict[StakeholderId, None] = {}

    def add(ids: Iterable[StakeholderId]) -> None:
        for sid in ids:
            found = _lookup(arena, sid)
            if found is not None and getattr(found, "is_person", False):
                seen[sid] = None

    add(cycle.core_team)
    add(active_members(arena, cycle))
    if cycle.protocol is not None:
        add(cycle.protocol.approved_by)
    for interview in cycle.interviews:
        add((interview.interviewer, interview.interviewee))
    add(e.person for e in cycle.endorsements)
    for team in cycle.action_teams:
        add(team.members)
    return tuple(seen)


def _int(params: Params, key: str) -> int:
    value = params[key]
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _helix(arena: ArenaView, sid: str) -> Helix | None:
    found = _lookup(arena, sid)
    return getattr(found, "helix", None)


def _topics_count(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    n = len(cycle.topics)
    low, high = _int(p, "min"), _int(p, "max")
    return _Outcome(passed=low <= n <= high, expected=f"{low}–{high}", actual=n)


def _protocol_approved(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    ok = cycle.protocol is not None and cycle.protocol.approved_on is not None
    return _Outcome(passed=ok, expected=1, actual=int(ok))


def _core_team(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    persons = [sid for sid in dict.fromkeys(cycle.core_team) if _is_person(arena, sid)]
    helices = {_helix(arena, sid) for sid in persons} - {None}
    need_p, need_h = _int(p, "min_persons"), _int(p, "min_helices")
    return _Outcome(
        passed=len(persons) >= need_p and len(helices) >= need_h,
        expected=f"{need_p} persons, {need_h} helices",
        actual=f"{len(persons)} persons, {len(helices)} helices",
        values={"persons": len(persons), "helices": len(helices)},
    )


def _is_person(arena: ArenaView, sid: str) -> bool:
    found = _lookup(arena, sid)
    return bool(getattr(found, "is_person", False))


def _consent_recorded(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    missing = [
        sid
        for sid in persons_with_data(arena, cycle)
        if not arena.stakeholder(sid).consents_to(ConsentScope.STORAGE)
    ]
    return _Outcome(
        passed=not missing,
        expected=0,
        actual=len(missing),
        values={"who": ", ".join(missing) or "-"},
    )


def _members_interviewed(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    members = active_members(arena, cycle)
    interviewed = {i.interviewee for i in cycle.interviews}
    missing = [m for m in members if m not in interviewed]
    return _Outcome(
        passed=bool(members) and not missing,
        expected=len(members),
        actual=len(members) - len(missing),
        values={"who": ", ".join(missing) or "-"},
    )


def _external_interviews(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    members = set(active_members(arena, cycle))
    team_helices = {_helix(arena, m) for m in members}
    external = [i for i in cycle.interviews if i.interviewee not in members]
    absent = [i for i in external if _helix(arena, i.interviewee) not in team_helices]
    need, need_absent = _int(p, "min"), _int(p, "min_from_absent_helix")
    return _Outcome(
        passed=len(external) >= need and len(absent) >= need_absent,
        expected=f"{need}, {need_absent} from an absent helix",
        actual=f"{len(external)}, {len(absent)} from an absent helix",
        values={"external": len(external), "absent": len(absent)},
    )


def _themes_backed(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    stories = {s.id for s in cycle.stories}
    need_stories = _int(p, "min_stories")
    backed = sum(
        1 for t in cycle.themes if len({s for s in t.stories if s in stories}) >= need_stories
    )
    need = _int(p, "min_themes")
    return _Outcome(passed=backed >= need, expected=need, actual=backed)


def _positive_core_mapped(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    ok = cycle.positive_core is not None
    return _Outcome(passed=ok, expected=1, actual=int(ok))


def _share(params: Params) -> float:
    value = params["min_share"]
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 1.0


def _dreams_endorsed(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    members = set(active_members(arena, cycle))
    share, per_topic = _share(p), _int(p, "min_per_topic")
    endorsers: dict[str, set[str]] = {}
    for e in cycle.endorsements:
        if e.person in members:
            endorsers.setdefault(e.dream, set()).add(e.person)
    met = 0
    for topic in cycle.topics:
        endorsed = sum(
            1
            for d in cycle.dreams
            if d.topic == topic.id
            and members
            and round(len(endorsers.get(d.id, ())) / len(members), 4) >= share
        )
        met += endorsed >= per_topic
    topics = len(cycle.topics)
    return _Outcome(
        passed=topics > 0 and met == topics,
        expected=topics,
        actual=met,
        values={"share": f"{share:.0%}"},
    )


def _propositions_grounded(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    stories = {s.id for s in cycle.stories}
    per_topic, need_stories = _int(p, "min_per_topic"), _int(p, "min_stories")
    met = 0
    for topic in cycle.topics:
        good = sum(
            1
            for prop in cycle.propositions
            if prop.topic == topic.id
            and prop.checklist.passed
            and len({s for s in prop.stories if s in stories}) >= need_stories
        )
        met += good >= per_topic
    topics = len(cycle.topics)
    return _Outcome(passed=topics > 0 and met == topics, expected=topics, actual=met)


def _measurable_targets(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    need = _int(p, "min")
    return _Outcome(passed=len(cycle.targets) >= need, expected=need, actual=len(cycle.targets))


def _actions_owned(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    owned = sum(1 for a in cycle.actions if a.status is not ActionStatus.DROPPED)
    need = _int(p, "min")
    return _Outcome(passed=owned >= need, expected=need, actual=owned)


def _action_teams(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    need_persons = _int(p, "min_persons")
    teams = sum(
        1
        for t in cycle.action_teams
        if sum(1 for m in dict.fromkeys(t.members) if _is_person(arena, m)) >= need_persons
    )
    need = _int(p, "min_teams")
    return _Outcome(passed=teams >= need, expected=need, actual=teams)


def _review_recorded(arena: ArenaView, cycle: Cycle, p: Params) -> _Outcome:
    n = len(cycle.reviews)
    return _Outcome(passed=n >= 1, expected=1, actual=n)


def _criterion(
    name: str, check: Check, params: Mapping[str, Scalar], description: str, **messages: str
) -> Criterion:
    return Criterion(
        name=name,
        check=check,
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
        sv="förväntar {min}–{max} uppskattande ämnen, hittade {actual}",
    ),
    _criterion(
        "protocol_approved",
        _protocol_approved,
        {},
        "an interview protocol has been approved",
        en="expects an approved interview protocol, found {actual}",
        nb="forventer en godkjent intervjuguide, fant {actual}",
        sv="förväntar en godkänd intervjuguide, hittade {actual}",
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
        sv="förväntar ett kärnteam på ≥ {min_persons} personer från ≥ {min_helices} "
        "helixar, hittade {persons} personer från {helices} helixar",
    ),
    _criterion(
        "consent_recorded",
        _consent_recorded,
        {},
        "every person with stored data has a consent to storage that holds",
        en="expects consent from every person with stored data, found {actual} without "
        "(missing: {who})",
        nb="forventer samtykke fra hver person med lagrede data, fant {actual} uten "
        "(mangler: {who})",
        sv="förväntar samtycke från varje person med lagrade uppgifter, hittade {actual} "
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
        sv="förväntar att varje aktiv medlem är intervjuad ({expected}), hittade {actual} "
        "(inte ännu: {who})",
    ),
    _criterion(
        "external_interviews",
        _external_interviews,
        {"min": 3, "min_from_absent_helix": 1},
        "enough interviews with non-members, some from a helix absent in the team",
        en="expects ≥ {min} interviews with non-members, ≥ {min_from_absent_helix} of them "
        "from a helix absent in the team, found {external} and {absent}",
        nb="forventer ≥ {min} intervjuer med ikke-medlemmer, ≥ {min_from_absent_helix} av "
        "dem fra en heliks som mangler i teamet, fant {external} og {absent}",
        sv="förväntar ≥ {min} intervjuer med icke-medlemmar, ≥ {min_from_absent_helix} av "
        "dem från en helix som saknas i teamet, hittade {external} och {absent}",
    ),
    _criterion(
        "themes_backed",
        _themes_backed,
        {"min_themes": 3, "min_stories": 2},
        "enough themes, each backed by enough stories",
        en="expects ≥ {min_themes} themes with ≥ {min_stories} stories, found {actual}",
        nb="forventer ≥ {min_themes} temaer med ≥ {min_stories} historier, fant {actual}",
        sv="förväntar ≥ {min_themes} teman med ≥ {min_stories} berättelser, hittade {actual}",
    ),
    _criterion(
        "positive_core_mapped",
        _positive_core_mapped,
        {},
        "the positive core has been mapped",
        en="expects a map of the positive core, found {actual}",
        nb="forventer et kart over den positive kjernen, fant {actual}",
        sv="förväntar en karta över den positiva kärnan, hittade {actual}",
    ),
    _criterion(
        "dreams_endorsed",
        _dreams_endorsed,
        {"min_per_topic": 1, "min_share": 0.6667},
        "every topic has dream statements endorsed by a large share of active members "
        "(shares are compared to four decimals: 0.6667 means two thirds)",
        en="expects ≥ {min_per_topic} dream statement per topic endorsed by ≥ {share} of "
        "active members, found {actual} of {expected} topics",
        nb="forventer ≥ {min_per_topic} drømmeerklæring per tema støttet av ≥ {share} av "
        "aktive medlemmer, fant {actual} av {expected} temaer",
        sv="förväntar ≥ {min_per_topic} drömformulering per ämne som ≥ {share} av aktiva "
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
        sv="förväntar ≥ {min_per_topic} provokativt påstående per ämne som klarar "
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
        sv="förväntar ≥ {min} mätbara mål, hittade {actual}",
    ),
    _criterion(
        "actions_owned",
        _actions_owned,
        {"min": 1},
        "enough actions (not dropped) with an owner and a due date",
        en="expects ≥ {min} actions with an owner and a due date, found {actual}",
        nb="forventer ≥ {min} tiltak med eier og frist, fant {actual}",
        sv="förväntar ≥ {min} åtgärder med ägare och förfallodag, hittade {actual}",
    ),
    _criterion(
        "action_teams",
        _action_teams,
        {"min_teams": 1, "min_persons": 2},
        "enough action teams with enough persons",
        en="expects ≥ {min_teams} action teams of ≥ {min_persons} persons, found {actual}",
        nb="forventer ≥ {min_teams} tiltaksteam med ≥ {min_persons} personer, fant {actual}",
        sv="förväntar ≥ {min_teams} åtgärdsteam med ≥ {min_persons} personer, hittade {actual}",
    ),
    _criterion(
        "review_recorded",
        _review_recorded,
        {},
        "a review record exists",
        en="expects a review record, found {actual}",
        nb="forventer en evaluering, fant {actual}",
        sv="förväntar en utvärdering, hittade {actual}",
    ),
)

#: The named exit criteria, by name.
CRITERIA: Final[Mapping[str, Criterion]] = MappingProxyType({c.name: c for c in _ALL})


def evaluate(
    spec: CriterionSpec, arena: ArenaView, cycle: Cycle, *, language: str = "en"
) -> CriterionResult:
    """Check the criterion *spec* names, with its parameters, for *cycle* of *arena*.

    Parameters the spec leaves out take the criterion's defaults.

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
    outcome = criterion.check(arena, cycle, params)
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
