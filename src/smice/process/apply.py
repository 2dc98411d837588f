"""Applying events to an arena: the pure core of the AI cycle.

:func:`apply` checks one event against an arena and returns the new arena; :func:`replay`
folds a sequence of events, starting from ``arena_created``. An event that does not fit raises
:class:`~smice.errors.EventRefused` whose ``reasons`` say exactly what failed; the arena is
never changed (values are immutable).

Both work on a private *working copy* that turns only the collections an event touches into
dictionaries; a replay builds the frozen arena once at the end, so folding many events costs
little more than a hand-written reducer.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, NoReturn, TypeVar

import attrs

from smice._types import ArenaId, ArtefactId, CycleId, StakeholderId, TeamId
from smice.domain import (
    ALLOWED_MOVES,
    Arena,
    ArenaTemplate,
    ConsentScope,
    Cycle,
    CycleVariant,
    Initiative,
    Membership,
    PhaseVisit,
    Platform,
    ProgressTeam,
    RecommendationRecord,
    ResourceFlow,
    Stakeholder,
    TeamStatus,
    Tie,
    TieKind,
    Topic,
)
from smice.errors import EventRefused, NotFound, UnknownId
from smice.process.criteria import Refusal
from smice.process.events import (
    CYCLE_EVENTS,
    ArenaCreated,
    ConsentRecorded,
    ConsentWithdrawn,
    Event,
    MemberJoined,
    MemberLeft,
    RecommendationIssued,
    RecommendationStatusChanged,
    StakeholderLeft,
    TeamGraduated,
    TieEnded,
)
from smice.process.machine import Machine, compile_plan, resolve_template

if TYPE_CHECKING:
    from smice.process._cycle import Draft

__all__ = ["apply", "replay"]

_LOOKUP: Final = {
    "stakeholders": ("stakeholder", "stakeholder"),
    "ties": ("tie", "tie"),
    "platforms": ("platform", "platform"),
    "teams": ("team", "team"),
    "cycles": ("cycle", "cycle"),
    "initiatives": ("initiative", "initiative"),
    "flows": ("flow", "resource flow"),
    "regions": ("region", "region"),
    "recommendations": ("recommendation", "recommendation"),
}


def refuse(event: Event, *reasons: Refusal) -> NoReturn:
    """Raise :class:`~smice.errors.EventRefused` for *event* with *reasons*."""
    raise EventRefused(event.type, reasons)


_T = TypeVar("_T")
_SETTERS: dict[type, tuple[Any, tuple[Any, ...]] | None] = {}
_set = object.__setattr__


def _setters(cls: type) -> tuple[Any, tuple[Any, ...]] | None:
    # How to copy a frozen slotted attrs value field by field, or None to use attrs.evolve.
    fields = attrs.fields(cls)
    names = tuple(f.name for f in fields)
    slots = set(getattr(cls, "__slots__", ())) - {"__weakref__"}
    fast = (
        len(names) > 1
        and slots == set(names)
        and all(f.init and f.alias == f.name and f.converter is None for f in fields)
        and getattr(cls, "__attrs_post_init__", None) is None
    )
    found = _SETTERS[cls] = (
        (operator.attrgetter(*names), tuple(getattr(cls, n).__set__ for n in names))
        if fast
        else None
    )
    return found


def replace(value: _T, **changes: Any) -> _T:
    """*value* with the fields *changes* names set, without re-running the validators of the
    fields it keeps (they passed when *value* was built). The new values must already be
    valid for their fields: the callers pass checked values (event times, payload values,
    copies). Private to the process layer: equal to ``attrs.evolve(value, **changes)`` for
    valid changes, at about half its cost (a third for a stakeholder). Classes it cannot copy
    this way (not slotted, converters, private names, a post-init hook) go to ``evolve``.
    """
    cls = type(value)
    how = _SETTERS[cls] if cls in _SETTERS else _setters(cls)
    if how is None:
        return attrs.evolve(value, **changes)  # type: ignore[misc]
    copy: _T = object.__new__(cls)
    for setter, kept in zip(how[1], how[0](value), strict=True):
        setter(copy, kept)
    for name, new in changes.items():
        _set(copy, name, new)
    return copy


class Working:
    """A mutable working copy of an arena, for folding events (private to the process layer).

    Lookups read the base arena until a collection is first written; then that collection
    lives in a dict (id → value, in the arena's order) until :meth:`arena` freezes it again.
    """

    __slots__ = ("_machines", "_template", "base", "criteria", "drafts", "given", "maps")

    def __init__(self, arena: Arena | None, template: ArenaTemplate | None) -> None:
        self.base = arena
        self.given = template
        self.maps: dict[str, dict[str, Any]] = {}
        self._template: ArenaTemplate | None = None
        self._machines: dict[CycleVariant, Machine] = {}
        #: The cycles touched so far, as mutable drafts (see :mod:`smice.process._cycle`).
        self.drafts: dict[str | None, Draft] = {}
        #: The fast checks of a phase's exit criteria with their merged parameters, by
        #: ``id`` of the phase's tuple of criterion specs (kept, so the id stays its own).
        self.criteria: dict[int, tuple[Any, Any]] = {}

    # -- reading -------------------------------------------------------------------------
    def get(self, collection: str, key: str | None) -> Any:
        """The value with id *key* in *collection*, or ``None``."""
        if key is None:
            return None
        if collection == "cycles" and self.drafts:
            draft = self.drafts.get(key)
            if draft is not None:
                return draft.freeze()
        found = self.maps.get(collection)
        if found is not None:
            return found.get(key)
        if self.base is None:
            return None
        try:
            return getattr(self.base, _LOOKUP[collection][0])(key)
        except UnknownId:
            return None

    def has(self, collection: str, key: str) -> bool:
        """Whether *collection* holds *key* (a drafted cycle is not frozen to tell)."""
        if collection == "cycles" and key in self.drafts:
            return True
        found = self.maps.get(collection)
        if found is not None:
            return key in found
        return self.get(collection, key) is not None

    def stakeholder(self, sid: str, /) -> Stakeholder:
        """The stakeholder *sid* (raises :class:`UnknownId`); criteria read through this."""
        found = self.maps.get("stakeholders")
        s: Stakeholder | None = (
            found.get(sid) if found is not None else self.get("stakeholders", sid)
        )
        if s is None:
            raise UnknownId("stakeholder", sid)
        return s

    def team(self, tid: str, /) -> ProgressTeam:
        """The team *tid* (raises :class:`UnknownId`)."""
        found = self.maps.get("teams")
        t: ProgressTeam | None = found.get(tid) if found is not None else self.get("teams", tid)
        if t is None:
            raise UnknownId("team", tid)
        return t

    def template(self) -> ArenaTemplate:
        """The arena's template, resolved once."""
        if self._template is None:
            assert self.base is not None
            self._template = resolve_template(self.base, self.given)
        return self._template

    def machine(self, variant: CycleVariant) -> Machine:
        """The compiled phase plan for *variant*."""
        found = self._machines.get(variant)
        if found is None:
            found = self._machines[variant] = compile_plan(self.template().phase_plan(variant))
        return found

    # -- writing -------------------------------------------------------------------------
    def put(self, collection: str, value: Any) -> None:
        """Add *value* to *collection*, or replace the value with its id in place."""
        found = self.maps.get(collection)
        if found is None:
            items = getattr(self.base, collection) if self.base is not None else ()
            found = self.maps[collection] = {item.id: item for item in items}
        found[value.id] = value

    def arena(self) -> Arena:
        """The frozen arena with every change so far."""
        assert self.base is not None
        drafts, self.drafts = self.drafts, {}
        for draft in drafts.values():
            self.put("cycles", draft.freeze())
        if not self.maps:
            return self.base
        changes: dict[str, Any] = {
            name: tuple(values.values()) for name, values in self.maps.items()
        }
        self.base = attrs.evolve(self.base, **changes)
        self.maps = {}
        return self.base

    # -- helpers for handlers -------------------------------------------------------------
    def need(self, event: Event, collection: str, key: str | None, field: str) -> Any:
        """The value *key* names, or refuse *event* naming the *field* that holds it
        (``None`` when *key* is ``None``: an optional reference left out)."""
        found = self.maps.get(collection)
        if found is not None and collection != "cycles":
            value = found.get(key) if key is not None else None
        else:
            value = self.get(collection, key)
        if value is None and key is not None:
            what = _LOOKUP[collection][1]
            refuse(
                event,
                Refusal(
                    code="unknown_id",
                    message=f"{field}: expected the id of a {what} of this arena, got {key!r}",
                ),
            )
        return value

    def need_id(self, event: Event, collection: str, key: str | None, field: str) -> None:
        """Like :meth:`need` when only the existence of *key* matters."""
        if key is not None and not self.has(collection, key):
            self.need(event, collection, key, field)

    def need_new(self, event: Event, collection: str, key: str) -> None:
        """Refuse *event* if *collection* already holds *key*."""
        if self.has(collection, key):
            what = _LOOKUP[collection][1]
            refuse(
                event,
                Refusal(code="duplicate", message=f"a {what} with id {key!r} already exists"),
            )

    def need_person(self, event: Event, sid: str, field: str) -> Stakeholder:
        """The person *sid*, or refuse (unknown, or an organisation)."""
        found: Stakeholder = self.need(event, "stakeholders", sid, field)
        if not found.is_person:
            refuse(
                event,
                Refusal(
                    code="not_a_person",
                    message=f"{field}: expected a person, got {sid!r} that is an organisation",
                ),
            )
        return found

    def need_consent(
        self,
        event: Event,
        sid: str,
        field: str,
        scope: ConsentScope = ConsentScope.STORAGE,
        found: Stakeholder | None = None,
    ) -> None:
        """Refuse *event* unless *sid* (if a person) consents to *scope* on the event's day
        (*found*: the stakeholder *sid*, when the caller has it already)."""
        if found is None:
            found = self.need(event, "stakeholders", sid, field)
        if not found.consents_to(scope, at=event.at.date()):
            refuse(
                event,
                Refusal(
                    code="no_consent",
                    message=f"{field}: person {sid!r} has no consent to {str(scope)!r} on "
                    f"{event.at.date().isoformat()}",
                ),
            )


def _no_arena(event: Event) -> NoReturn:
    refuse(
        event,
        Refusal(code="no_arena", message="expected 'arena_created' first: there is no arena yet"),
    )


def _order(event: Event, field: str, later: Any, earlier: Any, what: str) -> None:
    if later is not None and earlier is not None and later < earlier:
        refuse(
            event,
            Refusal(
                code="order",
                message=f"{field}: {what} ({later.isoformat()} is before {earlier.isoformat()})",
            ),
        )


# -- arena-level events ------------------------------------------------------------------


_PERSONAL_FIELDS: Final = ("role", "employer", "gender", "age_band", "consent")
_PERSONAL: Final = operator.attrgetter(*_PERSONAL_FIELDS)
_NO_PERSONAL: Final = (None,) * len(_PERSONAL_FIELDS)


def _stakeholder(w: Working, e: Event, s: Stakeholder, *, new: bool) -> None:
    if new:
        w.need_new(e, "stakeholders", s.id)
    else:
        w.need(e, "stakeholders", s.id, "payload/id")
    if not s.is_person:
        if _PERSONAL(s) != _NO_PERSONAL:
            for name in _PERSONAL_FIELDS:
                if getattr(s, name) is not None:
                    refuse(
                        e, Refusal(code="kind", message=f"payload/{name}: only persons have one")
                    )
    elif s.employer is not None:
        employer: Stakeholder = w.need(e, "stakeholders", s.employer, "payload/employer")
        if employer.is_person:
            refuse(
                e,
                Refusal(
                    code="kind",
                    message=f"payload/employer: expected an organisation, got {s.employer!r}",
                ),
            )
    if s.left_on is not None:
        _order(e, "payload/left_on", s.left_on, s.joined_on, "cannot leave before joining")
    w.put("stakeholders", s)


def _stakeholder_joined(w: Working, e: Event, s: Stakeholder) -> None:
    _stakeholder(w, e, s, new=True)


def _stakeholder_updated(w: Working, e: Event, s: Stakeholder) -> None:
    _stakeholder(w, e, s, new=False)


def _stakeholder_left(w: Working, e: Event, p: StakeholderLeft) -> None:
    s: Stakeholder = w.need(e, "stakeholders", p.stakeholder, "payload/stakeholder")
    if s.left_on is not None:
        refuse(e, Refusal(code="state", message=f"{p.stakeholder!r} has already left"))
    _order(e, "payload/on", p.on, s.joined_on, "cannot leave before joining")
    w.put("stakeholders", replace(s, left_on=p.on))


def _consent_recorded(w: Working, e: Event, p: ConsentRecorded) -> None:
    s = w.need_person(e, p.stakeholder, "payload/stakeholder")
    c = p.consent
    if c.withdrawn_on is None and c.expires_on is None:
        w.put("stakeholders", replace(s, consent=c))
        return
    _order(
        e,
        "payload/consent/withdrawn_on",
        p.consent.withdrawn_on,
        p.consent.given_on,
        "consent cannot be withdrawn before it is given",
    )
    _order(
        e,
        "payload/consent/expires_on",
        p.consent.expires_on,
        p.consent.given_on,
        "consent cannot expire before it is given",
    )
    w.put("stakeholders", replace(s, consent=p.consent))


def _consent_withdrawn(w: Working, e: Event, p: ConsentWithdrawn) -> None:
    s = w.need_person(e, p.stakeholder, "payload/stakeholder")
    if s.consent is None or s.consent.withdrawn_on is not None:
        refuse(e, Refusal(code="state", message=f"{p.stakeholder!r} has no consent to withdraw"))
    _order(e, "payload/on", p.on, s.consent.given_on, "cannot withdraw before giving consent")
    w.put("stakeholders", replace(s, consent=replace(s.consent, withdrawn_on=p.on)))


def _tie(w: Working, e: Event, t: Tie) -> None:
    w.need_new(e, "ties", t.id)
    w.need(e, "stakeholders", t.source, "payload/source")
    w.need(e, "stakeholders", t.target, "payload/target")
    if t.source == t.target:
        refuse(e, Refusal(code="loop", message=f"a tie cannot join {t.source!r} to itself"))
    if t.cycle is not None:
        w.need_id(e, "cycles", t.cycle, "payload/cycle")
    if t.direction is not None and t.kind is not TieKind.KNOWLEDGE_FLOW:
        refuse(e, Refusal(code="kind", message="only knowledge_flow ties have a direction"))
    if t.resource is not None and t.kind is not TieKind.EXCHANGES_RESOURCE:
        refuse(e, Refusal(code="kind", message="only exchanges_resource ties carry a resource"))
    _order(e, "payload/until", t.until, t.since, "a tie cannot end before it starts")
    w.put("ties", t)


def _tie_ended(w: Working, e: Event, p: TieEnded) -> None:
    t: Tie = w.need(e, "ties", p.tie, "payload/tie")
    if t.until is not None:
        refuse(e, Refusal(code="state", message=f"tie {p.tie!r} has already ended"))
    _order(e, "payload/on", p.on, t.since, "a tie cannot end before it starts")
    w.put("ties", replace(t, until=p.on))


def _platform(w: Working, e: Event, p: Platform) -> None:
    w.need_new(e, "platforms", p.id)
    w.need(e, "stakeholders", p.host, "payload/host")
    w.need(e, "regions", p.region, "payload/region")
    _order(e, "payload/closed_on", p.closed_on, p.opened_on, "cannot close before opening")
    w.put("platforms", p)


def _team(w: Working, e: Event, t: ProgressTeam) -> None:
    w.need_new(e, "teams", t.id)
    w.need(e, "platforms", t.platform, "payload/platform")
    for j, m in enumerate(t.memberships):
        w.need_person(e, m.person, f"payload/memberships/{j}/person")
        _order(
            e,
            f"payload/memberships/{j}/joined_on",
            m.joined_on,
            t.formed_on,
            "a member cannot join before the team is formed",
        )
        _order(
            e,
            f"payload/memberships/{j}/left_on",
            m.left_on,
            m.joined_on,
            "a member cannot leave before joining",
        )
    for j, f in enumerate(t.facilitators):
        w.need_person(e, f, f"payload/facilitators/{j}")
    if t.graduation is not None or t.status is TeamStatus.GRADUATED:
        refuse(e, Refusal(code="state", message="a team graduates through 'team_graduated'"))
    w.put("teams", t)


def _open_team(w: Working, e: Event, tid: str) -> ProgressTeam:
    team: ProgressTeam = w.need(e, "teams", tid, "payload/team")
    if team.status in (TeamStatus.GRADUATED, TeamStatus.CLOSED):
        refuse(e, Refusal(code="state", message=f"team {tid!r} is {team.status}"))
    return team


def _member_joined(w: Working, e: Event, p: MemberJoined) -> None:
    team = _open_team(w, e, p.team)
    w.need_person(e, p.person, "payload/person")
    if p.person in team.current_members:
        refuse(e, Refusal(code="state", message=f"{p.person!r} is already in {p.team!r}"))
    _order(e, "payload/on", p.on, team.formed_on, "cannot join before the team is formed")
    membership = Membership(person=p.person, joined_on=p.on)
    w.put("teams", replace(team, memberships=(*team.memberships, membership)))


def _member_left(w: Working, e: Event, p: MemberLeft) -> None:
    team: ProgressTeam = w.need(e, "teams", p.team, "payload/team")
    for j in range(len(team.memberships) - 1, -1, -1):
        m = team.memberships[j]
        if m.person == p.person and m.left_on is None:
            _order(e, "payload/on", p.on, m.joined_on, "cannot leave before joining")
            changed = (
                *team.memberships[:j],
                replace(m, left_on=p.on),
                *team.memberships[j + 1 :],
            )
            w.put("teams", replace(team, memberships=changed))
            return
    refuse(
        e, Refusal(code="not_a_member", message=f"{p.person!r} is not a member of team {p.team!r}")
    )


def _team_graduated(w: Working, e: Event, p: TeamGraduated) -> None:
    team = _open_team(w, e, p.team)
    w.need(e, "stakeholders", p.graduation.successor, "payload/graduation/successor")
    _order(
        e,
        "payload/graduation/on",
        p.graduation.on,
        team.formed_on,
        "a team cannot graduate before it is formed",
    )
    w.put("teams", replace(team, status=TeamStatus.GRADUATED, graduation=p.graduation))


def _initiative(w: Working, e: Event, i: Initiative, *, new: bool) -> None:
    if new:
        w.need_new(e, "initiatives", i.id)
    else:
        w.need(e, "initiatives", i.id, "payload/id")
    for j, sid in enumerate(i.participants):
        w.need(e, "stakeholders", sid, f"payload/participants/{j}")
    w.need_id(e, "cycles", i.cycle, "payload/cycle")
    w.need(e, "teams", i.team, "payload/team")
    w.put("initiatives", i)


def _initiative_launched(w: Working, e: Event, i: Initiative) -> None:
    _initiative(w, e, i, new=True)


def _initiative_updated(w: Working, e: Event, i: Initiative) -> None:
    _initiative(w, e, i, new=False)


def _flow(w: Working, e: Event, f: ResourceFlow) -> None:
    for field in ("owner", "source", "target"):
        w.need(e, "stakeholders", getattr(f, field), f"payload/{field}")
    _order(e, "payload/until", f.until, f.since, "a flow cannot end before it starts")
    w.put("flows", f)


def _recommendation_issued(w: Working, e: Event, p: RecommendationIssued) -> None:
    w.need_new(e, "recommendations", p.id)
    fields = attrs.asdict(p, recurse=False)
    w.put(
        "recommendations",
        RecommendationRecord(**fields, issued_at=e.at, issued_by=e.recorded_by),
    )


def _recommendation_status(w: Working, e: Event, p: RecommendationStatusChanged) -> None:
    r: RecommendationRecord = w.need(
        e, "recommendations", p.recommendation, "payload/recommendation"
    )
    if not r.can_move_to(p.status):
        allowed = " or ".join(repr(str(s)) for s in sorted(ALLOWED_MOVES[r.status]))
        refuse(
            e,
            Refusal(
                code="state",
                message=f"payload/status: recommendation {r.id!r} is {str(r.status)!r} and can "
                f"become {allowed or 'nothing (it is final)'}, not {str(p.status)!r}",
            ),
        )
    _order(e, "at", e.at, r.changed_at, "a status cannot change before its last change")
    by = p.by if p.by is not None else e.recorded_by
    w.put("recommendations", r.with_status(p.status, at=e.at, by=by, note=p.note))


_ARENA_EVENTS: Final[dict[str, Callable[[Working, Event, Any], None]]] = {
    "stakeholder_joined": _stakeholder_joined,
    "stakeholder_updated": _stakeholder_updated,
    "stakeholder_left": _stakeholder_left,
    "consent_recorded": _consent_recorded,
    "consent_withdrawn": _consent_withdrawn,
    "tie_observed": _tie,
    "tie_ended": _tie_ended,
    "platform_opened": _platform,
    "team_formed": _team,
    "member_joined": _member_joined,
    "member_left": _member_left,
    "team_graduated": _team_graduated,
    "initiative_launched": _initiative_launched,
    "initiative_updated": _initiative_updated,
    "resource_flow_changed": _flow,
    "recommendation_issued": _recommendation_issued,
    "recommendation_status_changed": _recommendation_status,
}


def _created(w: Working, e: Event) -> None:
    if w.base is not None:
        refuse(e, Refusal(code="duplicate", message=f"the arena {w.base.id!r} already exists"))
    p = e.payload
    assert isinstance(p, ArenaCreated)
    w.base = Arena(
        id=p.id,
        name=p.name,
        template=p.template,
        created_on=p.created_on,
        languages=p.languages,
        levels=p.levels,
        regions=p.regions,
        extensions=p.extensions,
    )
    try:
        w.template()
    except NotFound as missing:
        w.base = None
        refuse(e, Refusal(code="template", message=str(missing)))


def step(w: Working, e: Event) -> None:
    """Apply *e* to the working copy *w* (checks first; writes only when all pass)."""
    if e.type == "arena_created":
        _created(w, e)
    elif w.base is None:
        _no_arena(e)
    elif e.type in CYCLE_EVENTS:
        cycle_event(w, e)
    else:
        _ARENA_EVENTS[e.type](w, e, e.payload)


def apply(arena: Arena | None, event: Event, *, template: ArenaTemplate | None = None) -> Arena:
    """The arena after *event*; *arena* itself is never changed.

    Parameters
    ----------
    arena : Arena or None
        The arena before the event (``None`` only before ``arena_created``).
    event : Event
    template : ArenaTemplate, optional
        The arena's template (default: the bundled template ``arena.template`` names).

    Raises
    ------
    smice.errors.EventRefused
        When the event does not fit the arena; ``reasons`` say what failed (failing
        :class:`~smice.process.CriterionResult` s for a refused ``phase_advanced``,
        :class:`~smice.process.Refusal` s otherwise).

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> arena = _example_arena()
    >>> event = Event(type="phase_advanced", id="e-9", cycle="c1", recorded_by="fac",
    ...               at=datetime(2019, 2, 1, tzinfo=timezone.utc))
    >>> apply(arena, event)
    Traceback (most recent call last):
    ...
    smice.errors.EventRefused: event 'phase_advanced' refused: criterion 'protocol_approved' ...
    >>> arena.cycle("c1").phase
    'define'

    .. versionadded:: 0.1.0
    """
    working = Working(arena, template)
    step(working, event)
    return working.arena()


def replay(
    events: Iterable[Event],
    *,
    template: ArenaTemplate | None = None,
    arena: Arena | None = None,
) -> Arena:
    """Fold *events* into an arena, from ``arena_created`` (or onto *arena*).

    Equal to applying the events one by one with :func:`apply`, but faster.

    Raises
    ------
    smice.errors.EventRefused
        At the first event that does not fit (nothing is returned).

    Examples
    --------
    >>> from datetime import date, datetime, timezone
    >>> from smice.process.events import ArenaCreated
    >>> at = datetime(2018, 5, 1, tzinfo=timezone.utc)
    >>> created = Event(type="arena_created", id="e-1", at=at, recorded_by="fac",
    ...                 payload=ArenaCreated(id="jh", name="Jämtland", template="smice/base",
    ...                                      created_on=date(2018, 5, 1)))
    >>> replay([created]).name
    'Jämtland'

    .. versionadded:: 0.1.0
    """
    working = Working(arena, template)
    handlers = _ARENA_EVENTS
    for event in events:
        # step(), unrolled: the common events go straight to their handler.
        t = event.type
        if working.base is None or t == "arena_created":
            step(working, event)
        elif t in CYCLE_EVENTS:
            cycle_event(working, event)
        else:
            handlers[t](working, event, event.payload)
    if working.base is None:
        raise EventRefused("replay", [Refusal(code="no_arena", message="no events to replay")])
    return working.arena()


def _example_arena() -> Arena:
    """A small arena for examples: team ``t1`` of two persons, cycle ``c1`` in Define."""
    from datetime import date  # noqa: PLC0415

    from smice.domain import Consent, Country, Helix, StakeholderKind  # noqa: PLC0415

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


# Last: the cycle handlers import this module (Working, refuse).
from smice.process._cycle import cycle_event  # noqa: E402
