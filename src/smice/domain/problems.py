"""Cross-object checks of an arena: dangling ids, duplicates, dates out of order, and more.

Each attrs value checks its own fields; what involves several objects is checked here.
:func:`iter_problems` yields every problem with the JSON pointer of the offending value in the
arena's document form (whose keys are the attribute names); :func:`check_arena` raises them.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Final

from smice.domain.arena import Arena
from smice.domain.cycles import Cycle
from smice.domain.recommendations import ALLOWED_MOVES, RecommendationRecord
from smice.domain.stakeholders import Stakeholder
from smice.domain.templates import ArenaTemplate
from smice.domain.vocabulary import RecommendationStatus, TeamStatus, TieKind
from smice.errors import DocumentError, DocumentInvalid, NotFound, pointer_from_path

__all__ = ["check_arena", "iter_problems"]

Path = tuple[str | int, ...]

_PERSONAL_FIELDS: Final = ("role", "employer", "gender", "age_band", "consent")


def _problem(path: Path, message: str, keyword: str) -> DocumentError:
    return DocumentError(pointer_from_path(path), message, keyword)


def _duplicates(collection: str, items: Sequence[object]) -> Iterator[DocumentError]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        item_id: str = getattr(item, "id")  # noqa: B009 - every element has an id
        if item_id in seen:
            yield _problem(
                (collection, index, "id"),
                f"duplicate id {item_id!r} (first used at /{collection}/{seen[item_id]})",
                "duplicate",
            )
        else:
            seen[item_id] = index


def _before(
    path: Path, later: date | None, earlier: date | None, what: str
) -> Iterator[DocumentError]:
    if later is not None and earlier is not None and later < earlier:
        yield _problem(
            path, f"{what}: {later.isoformat()} is before {earlier.isoformat()}", "order"
        )


class _CycleRefs:
    """The artefact ids of one cycle, to check references between its artefacts."""

    def __init__(self, cycle: Cycle) -> None:
        self.cycle = cycle.id
        self.start = cycle.started_at.date()
        self.ids: dict[str, set[str]] = {
            "topic": {t.id for t in cycle.topics},
            "interview": {i.id for i in cycle.interviews},
            "story": {s.id for s in cycle.stories},
            "theme": {t.id for t in cycle.themes},
            "dream statement": {d.id for d in cycle.dreams},
            "proposition": {p.id for p in cycle.propositions},
            "action": {a.id for a in cycle.actions},
        }

    def known(self, path: Path, value: str | None, what: str) -> Iterator[DocumentError]:
        if value is not None and value not in self.ids[what]:
            yield _problem(path, f"unknown {what} {value!r} in cycle {self.cycle!r}", "dangling")

    def many(self, path: Path, values: Iterable[str], what: str) -> Iterator[DocumentError]:
        for j, value in enumerate(values):
            yield from self.known((*path, j), value, what)

    def dated(self, path: Path, day: date | None) -> Iterator[DocumentError]:
        yield from _before(path, day, self.start, "an artefact cannot predate its cycle")


class _Checker:
    """Holds the arena's id sets so each reference is checked in constant time."""

    def __init__(self, arena: Arena, template: ArenaTemplate | None) -> None:
        self.arena = arena
        self.template = template
        self.stakeholders: dict[str, Stakeholder] = {s.id: s for s in reversed(arena.stakeholders)}
        self.platforms = {p.id for p in arena.platforms}
        self.teams = {t.id for t in arena.teams}
        self.cycles: dict[str, Cycle] = {c.id: c for c in reversed(arena.cycles)}
        self.regions = {r.id for r in arena.regions}

    def ref(
        self, path: Path, value: str | None, known: Iterable[str], what: str
    ) -> Iterator[DocumentError]:
        if value is not None and value not in known:
            yield _problem(
                path,
                f"unknown {what} {value!r} (expected the id of a {what} of this arena)",
                "dangling",
            )

    def stakeholder(self, path: Path, sid: str | None) -> Iterator[DocumentError]:
        yield from self.ref(path, sid, self.stakeholders, "stakeholder")

    def person(self, path: Path, sid: str | None) -> Iterator[DocumentError]:
        if sid is None:
            return
        found = self.stakeholders.get(sid)
        if found is None:
            yield from self.stakeholder(path, sid)
        elif not found.is_person:
            yield _problem(path, f"expected a person, got {sid!r} that is an organisation", "kind")

    def all(self) -> Iterator[DocumentError]:
        arena = self.arena
        for name in (
            "regions",
            "stakeholders",
            "ties",
            "platforms",
            "teams",
            "cycles",
            "initiatives",
            "flows",
            "recommendations",
        ):
            yield from _duplicates(name, getattr(arena, name))
        for i, s in enumerate(arena.stakeholders):
            yield from self.check_stakeholder(("stakeholders", i), s)
        for i in range(len(arena.ties)):
            yield from self.check_tie(i)
        for i, platform in enumerate(arena.platforms):
            path: Path = ("platforms", i)
            yield from self.stakeholder((*path, "host"), platform.host)
            yield from self.ref((*path, "region"), platform.region, self.regions, "region")
            yield from _before(
                (*path, "closed_on"),
                platform.closed_on,
                platform.opened_on,
                "a platform cannot close before it opens",
            )
        for i in range(len(arena.teams)):
            yield from self.check_team(i)
        for i, cycle in enumerate(arena.cycles):
            yield from self.check_cycle(("cycles", i), cycle)
        for i in range(len(arena.initiatives)):
            yield from self.check_initiative(i)
        for i, flow in enumerate(arena.flows):
            path = ("flows", i)
            yield from self.stakeholder((*path, "owner"), flow.owner)
            yield from self.stakeholder((*path, "source"), flow.source)
            yield from self.stakeholder((*path, "target"), flow.target)
            yield from _before(
                (*path, "until"), flow.until, flow.since, "a flow cannot end before it starts"
            )
        for i, recommendation in enumerate(arena.recommendations):
            yield from _check_recommendation(("recommendations", i), recommendation)

    def check_stakeholder(self, path: Path, s: Stakeholder) -> Iterator[DocumentError]:
        if not s.is_person:
            for name in _PERSONAL_FIELDS:
                if getattr(s, name) is not None:
                    yield _problem((*path, name), f"only persons have a {name!r}", "kind")
        elif s.employer is not None:
            employer = self.stakeholders.get(s.employer)
            if employer is None:
                yield from self.stakeholder((*path, "employer"), s.employer)
            elif employer.is_person:
                yield _problem(
                    (*path, "employer"),
                    f"expected an organisation, got {s.employer!r} that is a person",
                    "kind",
                )
        yield from _before(
            (*path, "left_on"), s.left_on, s.joined_on, "a stakeholder cannot leave before joining"
        )
        if s.consent is not None:
            consent: Path = (*path, "consent")
            yield from _before(
                (*consent, "withdrawn_on"),
                s.consent.withdrawn_on,
                s.consent.given_on,
                "consent cannot be withdrawn before given",
            )
            yield from _before(
                (*consent, "expires_on"),
                s.consent.expires_on,
                s.consent.given_on,
                "consent cannot expire before given",
            )

    def check_tie(self, i: int) -> Iterator[DocumentError]:
        tie = self.arena.ties[i]
        path: Path = ("ties", i)
        yield from self.stakeholder((*path, "source"), tie.source)
        yield from self.stakeholder((*path, "target"), tie.target)
        if tie.source == tie.target:
            yield _problem(
                (*path, "target"), f"a tie cannot join {tie.source!r} to itself", "loop"
            )
        yield from _before(
            (*path, "until"), tie.until, tie.since, "a tie cannot end before it starts"
        )
        yield from self.ref((*path, "cycle"), tie.cycle, self.cycles, "cycle")
        if tie.direction is not None and tie.kind is not TieKind.KNOWLEDGE_FLOW:
            yield _problem(
                (*path, "direction"),
                f"only knowledge_flow ties have a direction, this is {tie.kind}",
                "kind",
            )
        if tie.resource is not None and tie.kind is not TieKind.EXCHANGES_RESOURCE:
            yield _problem(
                (*path, "resource"),
                f"only exchanges_resource ties carry a resource, this is {tie.kind}",
                "kind",
            )

    def check_team(self, i: int) -> Iterator[DocumentError]:
        team = self.arena.teams[i]
        path: Path = ("teams", i)
        yield from self.ref((*path, "platform"), team.platform, self.platforms, "platform")
        for j, membership in enumerate(team.memberships):
            m_path: Path = (*path, "memberships", j)
            yield from self.person((*m_path, "person"), membership.person)
            yield from _before(
                (*m_path, "left_on"),
                membership.left_on,
                membership.joined_on,
                "a member cannot leave before joining",
            )
            yield from _before(
                (*m_path, "joined_on"),
                membership.joined_on,
                team.formed_on,
                "a member cannot join before the team is formed",
            )
        for j, facilitator in enumerate(team.facilitators):
            yield from self.person((*path, "facilitators", j), facilitator)
        if team.graduation is not None:
            graduation: Path = (*path, "graduation")
            yield from self.stakeholder((*graduation, "successor"), team.graduation.successor)
            yield from _before(
                (*graduation, "on"),
                team.graduation.on,
                team.formed_on,
                "a team cannot graduate before it is formed",
            )
            if team.status is not TeamStatus.GRADUATED:
                yield _problem(
                    (*path, "status"),
                    "a team with a graduation record must have status 'graduated', "
                    f"got {str(team.status)!r}",
                    "state",
                )
        elif team.status is TeamStatus.GRADUATED:
            yield _problem(
                (*path, "status"),
                "a graduated team needs a graduation record with evidence",
                "state",
            )

    def check_cycle(self, path: Path, cycle: Cycle) -> Iterator[DocumentError]:
        if (cycle.team is None) == (cycle.platform is None):
            yield _problem(path, "a cycle belongs to exactly one team or one platform", "owner")
        yield from self.ref((*path, "team"), cycle.team, self.teams, "team")
        yield from self.ref((*path, "platform"), cycle.platform, self.platforms, "platform")
        yield from self.check_parent(path, cycle)
        yield from self.check_history(path, cycle)
        for j, person in enumerate(cycle.core_team):
            yield from self.person((*path, "core_team", j), person)
        yield from self.check_artefacts(path, cycle)

    def check_parent(self, path: Path, cycle: Cycle) -> Iterator[DocumentError]:
        if cycle.parent is None:
            return
        if cycle.parent not in self.cycles:
            yield from self.ref((*path, "parent"), cycle.parent, self.cycles, "cycle")
            return
        seen: set[str] = {cycle.id}
        current: str | None = cycle.parent
        while current is not None and current in self.cycles:
            if current in seen:
                yield _problem(
                    (*path, "parent"),
                    f"cycle {cycle.id!r} is its own ancestor through {current!r}",
                    "loop",
                )
                return
            seen.add(current)
            current = self.cycles[current].parent

    def check_history(self, path: Path, cycle: Cycle) -> Iterator[DocumentError]:
        phases: tuple[str, ...] | None = None
        if self.template is not None:
            try:
                phases = self.template.phase_plan(cycle.variant).phase_ids
            except NotFound:
                yield _problem(
                    (*path, "variant"),
                    f"template {self.template.id!r} has no phase plan for variant "
                    f"{str(cycle.variant)!r}",
                    "template",
                )
        last = len(cycle.history) - 1
        for k, visit in enumerate(cycle.history):
            v_path: Path = (*path, "history", k)
            if phases is not None and visit.phase not in phases:
                yield _problem(
                    (*v_path, "phase"),
                    f"expected a phase of the {cycle.variant} plan "
                    f"({', '.join(phases)}), got {visit.phase!r}",
                    "template",
                )
            if visit.left_at is not None and visit.left_at < visit.entered_at:
                yield _problem(
                    (*v_path, "left_at"), "a phase cannot be left before it is entered", "order"
                )
            if k < last:
                following = cycle.history[k + 1]
                if visit.left_at is None:
                    yield _problem(
                        (*v_path, "left_at"),
                        "every phase visit but the last needs 'left_at'",
                        "order",
                    )
                if following.entered_at < (visit.left_at or visit.entered_at):
                    yield _problem(
                        (*path, "history", k + 1, "entered_at"),
                        "phase visits must follow each other in time",
                        "order",
                    )

    def check_artefacts(self, path: Path, cycle: Cycle) -> Iterator[DocumentError]:
        seen: dict[str, str] = {}
        for name, index, artefact in cycle.artefacts():
            a_path: Path = (*path, name) if index is None else (*path, name, index)
            if artefact.id in seen:
                yield _problem(
                    (*a_path, "id"),
                    f"duplicate artefact id {artefact.id!r} in this cycle "
                    f"(first used at {seen[artefact.id]})",
                    "duplicate",
                )
            else:
                seen[artefact.id] = pointer_from_path(a_path)
        refs = _CycleRefs(cycle)
        yield from self.check_discover(path, cycle, refs)
        yield from self.check_design_destiny(path, cycle, refs)

    def check_discover(
        self, path: Path, cycle: Cycle, refs: _CycleRefs
    ) -> Iterator[DocumentError]:
        if cycle.protocol is not None:
            yield from self.people((*path, "protocol", "approved_by"), cycle.protocol.approved_by)
        for j, interview in enumerate(cycle.interviews):
            i_path: Path = (*path, "interviews", j)
            yield from self.stakeholder((*i_path, "interviewer"), interview.interviewer)
            yield from self.stakeholder((*i_path, "interviewee"), interview.interviewee)
            yield from refs.many((*i_path, "topics"), interview.topics, "topic")
            yield from refs.dated((*i_path, "on"), interview.on)
        for j, story in enumerate(cycle.stories):
            s_path: Path = (*path, "stories", j)
            yield from refs.known((*s_path, "interview"), story.interview, "interview")
            yield from refs.many((*s_path, "topics"), story.topics, "topic")
        for j, theme in enumerate(cycle.themes):
            yield from refs.many((*path, "themes", j, "stories"), theme.stories, "story")
        if cycle.positive_core is not None:
            core_path: Path = (*path, "positive_core")
            yield from refs.many((*core_path, "themes"), cycle.positive_core.themes, "theme")
            yield from refs.dated((*core_path, "on"), cycle.positive_core.on)
        for j, dream in enumerate(cycle.dreams):
            yield from refs.known((*path, "dreams", j, "topic"), dream.topic, "topic")
            yield from refs.dated((*path, "dreams", j, "on"), dream.on)
        for j, endorsement in enumerate(cycle.endorsements):
            e_path: Path = (*path, "endorsements", j)
            yield from refs.known((*e_path, "dream"), endorsement.dream, "dream statement")
            yield from self.person((*e_path, "person"), endorsement.person)

    def check_design_destiny(
        self, path: Path, cycle: Cycle, refs: _CycleRefs
    ) -> Iterator[DocumentError]:
        for j, proposition in enumerate(cycle.propositions):
            pr_path: Path = (*path, "propositions", j)
            yield from refs.known((*pr_path, "topic"), proposition.topic, "topic")
            yield from refs.many((*pr_path, "stories"), proposition.stories, "story")
            yield from refs.dated((*pr_path, "on"), proposition.on)
        for j, target in enumerate(cycle.targets):
            yield from refs.known(
                (*path, "targets", j, "proposition"), target.proposition, "proposition"
            )
        for j, action in enumerate(cycle.actions):
            ac_path: Path = (*path, "actions", j)
            yield from self.stakeholder((*ac_path, "owner"), action.owner)
            yield from refs.known((*ac_path, "proposition"), action.proposition, "proposition")
            yield from refs.dated((*ac_path, "committed_on"), action.committed_on)
            yield from _before(
                (*ac_path, "due"),
                action.due,
                action.committed_on,
                "an action cannot be due before it is committed",
            )
            yield from _before(
                (*ac_path, "started_on"),
                action.started_on,
                action.committed_on,
                "an action cannot start before it is committed",
            )
        for j, team in enumerate(cycle.action_teams):
            t_path: Path = (*path, "action_teams", j)
            yield from self.people((*t_path, "members"), team.members)
            yield from refs.many((*t_path, "actions"), team.actions, "action")
        for j, review in enumerate(cycle.reviews):
            yield from refs.dated((*path, "reviews", j, "on"), review.on)

    def people(self, path: Path, sids: Iterable[str]) -> Iterator[DocumentError]:
        for j, sid in enumerate(sids):
            yield from self.person((*path, j), sid)

    def check_initiative(self, i: int) -> Iterator[DocumentError]:
        initiative = self.arena.initiatives[i]
        path: Path = ("initiatives", i)
        for j, sid in enumerate(initiative.participants):
            yield from self.stakeholder((*path, "participants", j), sid)
        yield from self.ref((*path, "cycle"), initiative.cycle, self.cycles, "cycle")
        yield from self.ref((*path, "team"), initiative.team, self.teams, "team")
        for j, barrier in enumerate(initiative.barriers):
            yield from _before(
                (*path, "barriers", j, "resolved_on"),
                barrier.resolved_on,
                barrier.since,
                "a barrier cannot be resolved before it arises",
            )


def _check_recommendation(path: Path, record: RecommendationRecord) -> Iterator[DocumentError]:
    """Status changes follow each other in time, from the issue on, by allowed moves only."""
    status, since = RecommendationStatus.PROPOSED, record.issued_at
    for k, change in enumerate(record.history):
        c_path: Path = (*path, "history", k)
        if change.status not in ALLOWED_MOVES[status]:
            allowed = sorted(ALLOWED_MOVES[status])
            expected = " or ".join(repr(str(s)) for s in allowed) or "nothing (it is final)"
            yield _problem(
                (*c_path, "status"),
                f"a {str(status)!r} recommendation can become {expected}, "
                f"not {str(change.status)!r}",
                "status",
            )
        if change.at < since:
            what = "the issue" if k == 0 else "the previous change"
            yield _problem(
                (*c_path, "at"),
                f"status changes follow each other in time: {change.at.isoformat()} is before "
                f"{since.isoformat()} ({what})",
                "order",
            )
        status, since = change.status, change.at


def iter_problems(arena: Arena, template: ArenaTemplate | None = None) -> Iterator[DocumentError]:
    """Yield every cross-object problem of *arena*, in document order.

    With a *template*, cycle variants and phases are also checked against its phase plans.

    Examples
    --------
    >>> from datetime import date
    >>> from smice.domain import Arena, Country, Helix, StakeholderKind, Stakeholder, Tie
    >>> from smice.domain import TieKind
    >>> uni = Stakeholder(id="uni", name="University", helix=Helix.ACADEMIA,
    ...                   kinds=frozenset({StakeholderKind.UNIVERSITY}), country=Country.NO)
    >>> arena = Arena(id="a", name="A", template="smice/base", created_on=date(2018, 1, 1),
    ...               stakeholders=(uni,),
    ...               ties=(Tie(id="t1", kind=TieKind.FUNDS, source="uni", target="sme-9"),))
    >>> for problem in iter_problems(arena):
    ...     print(problem)
    /ties/0/target: unknown stakeholder 'sme-9' (expected the id of a stakeholder of this arena)

    .. versionadded:: 0.1.0
    """
    return _Checker(arena, template).all()


def check_arena(arena: Arena, template: ArenaTemplate | None = None) -> Arena:
    """Return *arena* unchanged if it has no problems; raise them all otherwise.

    Raises
    ------
    smice.errors.DocumentInvalid
        With every problem :func:`iter_problems` finds.

    .. versionadded:: 0.1.0
    """
    problems = list(iter_problems(arena, template))
    if problems:
        raise DocumentInvalid("arena", problems)
    return arena
