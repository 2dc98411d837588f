"""An agent-based model of an arena over time: :func:`simulate`.

Each step (a month by default) stakeholders decide whether to take part, platforms form
progress teams, teams run Appreciative Inquiry cycles through the phase machine, interviews and
collaborations create ties, and Destiny actions start and launch initiatives. Every change is an
:class:`~smice.process.Event` applied with :func:`smice.process.apply`, so a run's
``events`` are a valid journal whose replay is the run's final arena. After each step the
indicators are computed (the per-step series) and, given a rule set, evaluated.

The assumptions, each parameter's meaning and what the model leaves out are described in
``docs/explanation/simulation-model.md``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Final

import attrs

from smice._types import ArtefactId, CycleId, InitiativeId, StakeholderId, TeamId, TieId
from smice.domain import (
    Action,
    ActionStatus,
    ActionTeam,
    Arena,
    CycleStatus,
    CycleVariant,
    DestinyMode,
    DreamStatement,
    Endorsement,
    FrozenMap,
    Graduation,
    GraduationEvidence,
    Helix,
    Initiative,
    InitiativeMaturity,
    Interview,
    InterviewProtocol,
    PersonRole,
    PositiveCoreMap,
    ProgressTeam,
    Proposition,
    PropositionChecklist,
    Review,
    ReviewDecision,
    RStrategy,
    Stakeholder,
    StakeholderKind,
    Story,
    Target,
    Theme,
    Tie,
    TieKind,
    Topic,
)
from smice.domain.display import card, short_repr, table
from smice.errors import EventRefused
from smice.experiments.params import SimulationParams
from smice.experiments.synthetic import Population, creation_events, moment, population
from smice.indicators import compute
from smice.policy import FactValue, RuleSet, evaluate
from smice.process import Event, apply
from smice.process.events import (
    CoreTeamSet,
    CycleAbandoned,
    CycleStarted,
    DestinyModeChosen,
    MemberJoined,
    StatusChanged,
    TeamGraduated,
)

__all__ = ["SimulationResult", "simulate"]

_BY: Final = "smice-simulator"
_CHECKLIST: Final = PropositionChecklist(
    affirmative=True, present_tense=True, stretching=True, vivid=True, grounded=True
)
_THEMES: Final = ("Pride in craft", "Neighbours who help", "Nothing is waste", "Open doors")


@attrs.frozen(kw_only=True)
class SimulationResult:
    """The outcome of one simulated run.

    Attributes
    ----------
    arena : Arena
        The final arena (equal to ``smice.process.replay(events)``).
    events : tuple of Event
        The run's journal.
    days : tuple of date
        The last day of every step.
    series : FrozenMap of str to tuple
        Fact id → its value after every step (``None`` where missing).
    recommendations : tuple of tuple of str
        The ids of the rules fired after every step (empty without a rule set).

    .. versionadded:: 0.1.0
    """

    arena: Arena
    events: tuple[Event, ...]
    days: tuple[date, ...]
    series: FrozenMap[str, tuple[FactValue, ...]]
    recommendations: tuple[tuple[str, ...], ...]

    def __repr__(self) -> str:
        span = f"{self.days[0].isoformat()} to {self.days[-1].isoformat()}" if self.days else ""
        return short_repr(
            "SimulationResult",
            self.arena.id,
            details=f"{len(self.days)} steps {span}, {len(self.events)} events, "
            f"{len(self.series)} series",
        )

    def _repr_html_(self) -> str:
        rows = [
            (fact, values[0] if values else None, self.final(fact))
            for fact, values in sorted(self.series.items())
        ]
        return card(
            f"Simulation of {self.arena.name}",
            f"{len(self.days)} steps · {len(self.events)} events",
            [table(["fact", "first step", "last step"], rows, limit=80)],
        )

    def final(self, fact_id: str) -> FactValue:
        """The value of *fact_id* after the last step (``None`` when missing)."""
        values = self.series.get(fact_id)
        return values[-1] if values else None


class _Run:
    """The mutable state of one run: the arena, the journal and the random generator."""

    def __init__(self, params: SimulationParams, seed: int) -> None:
        self.params = params
        self.rng = random.Random(seed)  # noqa: S311  (a simulation, not cryptography)
        self.people: Population = population(
            params.n_stakeholders,
            seed=self.rng.getrandbits(63),
            start=params.start,
            person_share=params.person_share,
            mean_ties=params.mean_ties,
            bridge_share=params.bridge_share,
        )
        self.events: list[Event] = []
        self.arena: Arena | None = None
        self.day = params.start
        self.minute = 0
        self.taking_part: set[str] = set()
        self.ties_by_end: dict[str, list[Tie]] = {}
        for tie in self.people.ties:
            self.ties_by_end.setdefault(tie.source, []).append(tie)
            self.ties_by_end.setdefault(tie.target, []).append(tie)
        self.staff: dict[str, list[Stakeholder]] = {}
        for s in self.people.stakeholders:
            if s.employer is not None:
                self.staff.setdefault(s.employer, []).append(s)
        self.progress_step: dict[str, int] = {}
        self.counter = 0
        for event in creation_events(self.people):
            self._apply(event)

    # -- events ----------------------------------------------------------------------------
    def _apply(self, event: Event) -> None:
        self.arena = apply(self.arena, event)
        self.events.append(event)

    def emit(self, kind: str, payload: Any = None, cycle: str | None = None) -> None:
        self.minute += 1
        event = Event(
            type=kind,
            id=f"e-{len(self.events) + 1:06d}",
            at=moment(self.day, self.minute),
            recorded_by=_BY,
            payload=payload,
            cycle=CycleId(cycle) if cycle is not None else None,
        )
        self._apply(event)

    def new_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter:05d}"

    @property
    def now(self) -> Arena:
        assert self.arena is not None
        return self.arena

    # -- taking part -------------------------------------------------------------------------
    def join(self, org: Stakeholder) -> None:
        for who in (org, *self.staff.get(org.id, ())):
            if who.id in self.taking_part:
                continue
            self.emit("stakeholder_joined", attrs.evolve(who, joined_on=self.day))
            self.taking_part.add(who.id)
            for tie in self.ties_by_end.get(who.id, ()):
                if tie.source in self.taking_part and tie.target in self.taking_part:
                    self.emit("tie_observed", attrs.evolve(tie, since=self.day))

    def propensity(self, org: Stakeholder, step: int) -> float:
        p = self.params
        base = {
            Helix.INDUSTRY: p.join_industry,
            Helix.ACADEMIA: p.join_academia,
            Helix.GOVERNMENT: p.join_government,
            Helix.CIVIL_SOCIETY: p.join_civil_society,
        }[org.helix]
        if org.kinds & {StakeholderKind.SME, StakeholderKind.MICRO_FIRM}:
            base *= p.sme_join_factor
        return min(1.0, base * p.factor("mobilisation", step))

    def start(self) -> None:
        hosts = {pf.host for pf in self.people.platforms}
        orgs = [s for s in self.people.stakeholders if not s.is_person]
        for org in orgs:
            if org.id in hosts or self.rng.random() < self.params.initial_share:
                self.join(org)
        for citizen in self.people.stakeholders:
            independent = citizen.is_person and citizen.employer is None
            if independent and self.rng.random() < self.params.initial_share:
                self.join(citizen)
        for platform in self.people.platforms:
            self.emit("platform_opened", platform)

    def mobilise(self, step: int) -> None:
        for s in self.people.stakeholders:
            if s.id in self.taking_part or (s.is_person and s.employer is not None):
                continue
            if self.rng.random() < self.propensity(s, step):
                self.join(s)

    # -- ties --------------------------------------------------------------------------------
    def tie(self, a: str, b: str, kind: TieKind = TieKind.COLLABORATES_WITH) -> None:
        if a == b:
            return
        self.emit(
            "tie_observed",
            Tie(
                id=TieId(self.new_id("tie-sim")),
                kind=kind,
                source=StakeholderId(a),
                target=StakeholderId(b),
                since=self.day,
            ),
        )

    def form_ties(self, step: int) -> None:
        p = self.params
        orgs = [
            s for s in self.people.stakeholders if not s.is_person and s.id in self.taking_part
        ]
        rnd = [s for s in orgs if s.is_rnd]
        vouchers = p.factor("vouchers", step)
        trips = p.factor("study_trips", step)
        for org in orgs:
            if org.is_sme and rnd and self.rng.random() < min(1.0, p.sme_rnd_rate * vouchers):
                self.tie(org.id, self.rng.choice(rnd).id)
            if self.rng.random() < p.tie_rate:
                near = [o for o in orgs if o.municipality == org.municipality and o.id != org.id]
                if near:
                    self.tie(org.id, self.rng.choice(near).id)
            if self.rng.random() < min(1.0, p.cross_border_rate * trips):
                far = [o for o in orgs if o.country != org.country]
                if far:
                    self.tie(org.id, self.rng.choice(far).id)

    # -- teams and cycles ----------------------------------------------------------------------
    def persons(self) -> list[Stakeholder]:
        return [s for s in self.people.stakeholders if s.is_person and s.id in self.taking_part]

    def form_teams(self, step: int) -> None:
        p = self.params
        for platform in self.people.platforms:
            active = [
                t
                for t in self.now.teams
                if t.platform == platform.id and t.id in self._teams_with_active_cycles()
            ]
            if len(active) >= p.max_teams_per_platform or self.rng.random() >= p.team_rate:
                continue
            pool = [s for s in self.persons() if s.role is not PersonRole.FACILITATOR]
            local = [s for s in pool if s.country is platform.country] or pool
            size = self.rng.randint(3, 5)
            if len(local) < size or len({s.helix for s in local}) < 2:
                continue
            members = self.rng.sample(local, size)
            while len({s.helix for s in members}) < 2:
                members = self.rng.sample(local, size)
            facilitators = [
                s for s in self.persons()
                if s.role is PersonRole.FACILITATOR and s.country is platform.country
            ]  # fmt: skip
            team_id = TeamId(self.new_id("team"))
            self.emit(
                "team_formed",
                ProgressTeam(
                    id=team_id,
                    name=f"Progress team {team_id}",
                    formed_on=self.day,
                    platform=platform.id,
                    topic="Circular use of local resources",
                    facilitators=tuple(f.id for f in facilitators[:1]),
                ),
            )
            for member in members:
                self.emit(
                    "member_joined", MemberJoined(team=team_id, person=member.id, on=self.day)
                )
            self.start_cycle(team_id, step)

    def _teams_with_active_cycles(self) -> set[str]:
        return {
            c.team
            for c in self.now.cycles
            if c.status in (CycleStatus.ACTIVE, CycleStatus.PAUSED) and c.team is not None
        }

    def start_cycle(self, team_id: str, step: int) -> None:
        team = self.now.team(team_id)
        members = team.members_on(self.day)
        cycle = self.new_id("cycle")
        self.emit("cycle_started", CycleStarted(variant=CycleVariant.FIVE_D, team=team.id), cycle)
        self.emit("core_team_set", CoreTeamSet(members=members), cycle)
        self.progress_step[cycle] = step

    def advance_cycles(self, step: int) -> None:
        p = self.params
        active = [c for c in self.now.cycles if c.status is CycleStatus.ACTIVE]
        facilitators = {f for t in self.now.teams for f in t.facilitators}
        capacity = len(facilitators) * p.facilitator_capacity + int(p.factor("facilitators", step))
        for rank, cycle in enumerate(active):
            rate = p.progress_rate * (1.0 if rank < capacity else p.unfacilitated_factor)
            if self.rng.random() < rate:
                try:
                    if self.work(cycle.id, cycle.phase, step):
                        self.progress_step[cycle.id] = step
                        continue
                except EventRefused:  # a phase's work did not meet its criteria yet
                    pass
            stuck = step - self.progress_step.get(cycle.id, step)
            if stuck >= p.abandon_after and self.rng.random() < p.abandon_rate:
                self.emit(
                    "cycle_abandoned",
                    CycleAbandoned(reason=f"no progress for {stuck} steps"),
                    cycle.id,
                )

    def work(self, cid: str, phase: str, step: int) -> bool:
        handler = {
            "define": self.define,
            "discover": self.discover,
            "dream": self.dream,
            "design": self.design,
            "destiny": self.destiny,
            "review": self.review,
        }.get(phase)
        return handler(cid, step) if handler is not None else False

    def _members(self, cid: str) -> tuple[StakeholderId, ...]:
        cycle = self.now.cycle(cid)
        assert cycle.team is not None
        return self.now.team(cycle.team).members_on(self.day)

    def define(self, cid: str, step: int) -> bool:
        members = self._members(cid)
        for n in range(self.rng.randint(1, 3)):
            self.emit(
                "topic_added", Topic(id=ArtefactId(f"{cid}-topic-{n}"), title=f"Topic {n}"), cid
            )
        self.emit(
            "protocol_approved",
            InterviewProtocol(
                id=ArtefactId(f"{cid}-protocol"),
                questions=("Tell me about a time when working together here went well.",),
                approved_on=self.day,
                approved_by=members,
            ),
            cid,
        )
        self.emit("phase_advanced", None, cid)
        return True

    def discover(self, cid: str, step: int) -> bool:
        members = self._members(cid)
        team_helices = {self.now.stakeholder(m).helix for m in members}
        outsiders = [s for s in self.persons() if s.id not in members]
        absent = [s for s in outsiders if s.helix not in team_helices]
        if len(outsiders) < 3 or not absent:
            return False
        externals = [self.rng.choice(absent)]
        rest = [s for s in outsiders if s.id != externals[0].id]
        externals += self.rng.sample(rest, min(len(rest), self.rng.randint(2, 4)))
        cycle = self.now.cycle(cid)
        topics = tuple(t.id for t in cycle.topics)
        pairs = [(members[i - 1], members[i]) for i in range(len(members))]
        pairs += [(self.rng.choice(members), e.id) for e in externals]
        stories = []
        for n, (who, whom) in enumerate(pairs):
            interview = ArtefactId(f"{cid}-int-{n}")
            self.emit(
                "interview_recorded",
                Interview(
                    id=interview, interviewer=who, interviewee=whom, on=self.day,
                    topics=topics[:1], unlikely_pair=whom not in members,
                ),
                cid,
            )  # fmt: skip
            story = ArtefactId(f"{cid}-story-{n}")
            self.emit("story_added", Story(id=story, title=f"Story {n}", interview=interview), cid)
            stories.append(story)
            self.interview_tie(who, whom, step)
        themes = []
        for n, name in enumerate(_THEMES[:3]):
            theme = ArtefactId(f"{cid}-theme-{n}")
            backing = (stories[(2 * n) % len(stories)], stories[(2 * n + 1) % len(stories)])
            self.emit("theme_identified", Theme(id=theme, name=name, stories=backing), cid)
            themes.append(theme)
        self.emit(
            "positive_core_mapped",
            PositiveCoreMap(
                id=ArtefactId(f"{cid}-core"),
                on=self.day,
                elements=("craft", "neighbourliness"),
                themes=tuple(themes),
            ),
            cid,
        )
        self.emit("phase_advanced", None, cid)
        return True

    def interview_tie(self, who: str, whom: str, step: int) -> None:
        self.tie(who, whom, TieKind.INTERVIEWED)
        a = self.now.stakeholder(who).employer
        b = self.now.stakeholder(whom).employer
        if a is None or b is None or a == b:
            return
        org_a, org_b = self.now.stakeholder(a), self.now.stakeholder(b)
        rate = self.params.collaboration_rate
        if (org_a.is_sme and org_b.is_rnd) or (org_b.is_sme and org_a.is_rnd):
            rate *= self.params.factor("vouchers", step)
        if self.rng.random() < min(1.0, rate):
            self.tie(a, b)

    def dream(self, cid: str, step: int) -> bool:
        members = self._members(cid)
        for topic in self.now.cycle(cid).topics:
            dream = ArtefactId(f"{topic.id}-dream")
            self.emit(
                "dream_statement_added",
                DreamStatement(id=dream, topic=topic.id, text="We thrive together.", on=self.day),
                cid,
            )
            for n, person in enumerate(members):
                self.emit(
                    "endorsement_recorded",
                    Endorsement(id=ArtefactId(f"{dream}-e{n}"), dream=dream, person=person,
                                on=self.day),
                    cid,
                )  # fmt: skip
        self.emit("phase_advanced", None, cid)
        return True

    def design(self, cid: str, step: int) -> bool:
        cycle = self.now.cycle(cid)
        stories = tuple(s.id for s in cycle.stories)
        for topic in cycle.topics:
            self.emit(
                "proposition_drafted",
                Proposition(
                    id=ArtefactId(f"{topic.id}-prop"), topic=topic.id, on=self.day,
                    text="Our side-streams feed our neighbours.", stories=stories[:1],
                    checklist=_CHECKLIST,
                ),
                cid,
            )  # fmt: skip
        self.emit(
            "target_set",
            Target(
                id=ArtefactId(f"{cid}-target"),
                description="Side-streams used locally",
                value=float(self.rng.randint(10, 500)),
                unit="t",
                due=self.day + timedelta(days=365),
            ),
            cid,
        )
        self.emit("phase_advanced", None, cid)
        return True

    def destiny(self, cid: str, step: int) -> bool:
        cycle = self.now.cycle(cid)
        members = self._members(cid)
        if not cycle.actions:
            mode = self.rng.choice((DestinyMode.IMPROVISATIONAL, DestinyMode.IMPLEMENTATION))
            self.emit("destiny_mode_chosen", DestinyModeChosen(mode=mode), cid)
            actions = []
            for n in range(self.rng.randint(1, 3)):
                action = ArtefactId(f"{cid}-act-{n}")
                strategy = self.rng.choice(tuple(RStrategy))
                self.emit(
                    "action_committed",
                    Action(
                        id=action, title=f"Action {n}", owner=self.rng.choice(members),
                        committed_on=self.day, due=self.day + timedelta(days=180),
                        r_strategies=frozenset({strategy}),
                    ),
                    cid,
                )  # fmt: skip
                actions.append(action)
                if self.rng.random() < self.params.initiative_rate:
                    self.launch(cid, strategy, members)
            self.emit(
                "action_team_formed",
                ActionTeam(
                    id=ArtefactId(f"{cid}-at"), name="Action team",
                    members=tuple(self.rng.sample(members, 2)), actions=tuple(actions),
                    self_organised=mode is DestinyMode.IMPROVISATIONAL,
                ),
                cid,
            )  # fmt: skip
            return True
        self.emit("phase_advanced", None, cid)
        return True

    def launch(self, cid: str, strategy: RStrategy, members: Sequence[StakeholderId]) -> None:
        employers = sorted(
            {e for m in members if (e := self.now.stakeholder(m).employer) is not None}
        )
        cycle = self.now.cycle(cid)
        self.emit(
            "initiative_launched",
            Initiative(
                id=InitiativeId(self.new_id("ini")),
                name=f"Initiative of {cid}",
                launched_on=self.day,
                maturity=self.rng.choice((InitiativeMaturity.IDEA, InitiativeMaturity.PILOT)),
                r_strategies=frozenset({strategy}),
                participants=tuple(StakeholderId(e) for e in employers),
                cycle=cycle.id,
                team=cycle.team,
            ),
        )

    def review(self, cid: str, step: int) -> bool:
        cycle = self.now.cycle(cid)
        draw = self.rng.random()
        if draw < self.params.graduation_rate:
            decision = ReviewDecision.GRADUATE
        elif draw < self.params.graduation_rate + self.params.renewal_rate:
            decision = ReviewDecision.RENEW
        else:
            decision = ReviewDecision.CLOSE
        self.emit(
            "review_recorded",
            Review(id=ArtefactId(f"{cid}-review"), on=self.day, decision=decision,
                   outcomes=("actions under way",)),
            cid,
        )  # fmt: skip
        assert cycle.team is not None
        if decision is ReviewDecision.GRADUATE:
            graduation = Graduation(
                on=self.day,
                evidence=GraduationEvidence.FUNDED_PROJECT,
                description="The team continues as a funded project.",
            )
            self.emit("team_graduated", TeamGraduated(team=cycle.team, graduation=graduation))
        elif decision is ReviewDecision.RENEW:
            self.start_cycle(cycle.team, step)
        return True

    def start_actions(self) -> None:
        for cycle in self.now.cycles:
            for action in cycle.actions:
                if action.status is ActionStatus.COMMITTED and (
                    self.rng.random() < self.params.action_start_rate
                ):
                    self.emit(
                        "action_status_changed",
                        StatusChanged(action=action.id, status=ActionStatus.STARTED, on=self.day),
                        cycle.id,
                    )


def simulate(
    params: SimulationParams | Mapping[str, Any],
    *,
    seed: int,
    ruleset: RuleSet | None = None,
    outcomes: Iterable[str] | None = None,
) -> SimulationResult:
    """Simulate an arena over ``params.steps`` time steps.

    Parameters
    ----------
    params : SimulationParams or mapping
        The model's parameters (a mapping goes through
        :meth:`~smice.experiments.params.SimulationParams.from_mapping`).
    seed : int
        Seed of the run's one :class:`random.Random`; the same parameters and seed give the
        same result.
    ruleset : RuleSet, optional
        Evaluated on the facts after every step (``smice.io.load_ruleset("smice/default")``
        gives the default rules); without one, ``recommendations`` are empty.
    outcomes : iterable of str, optional
        Fact ids to keep in ``series`` (default: every fact computed).

    Returns
    -------
    SimulationResult

    Examples
    --------
    >>> from smice.process import replay
    >>> result = simulate({"n_stakeholders": 30, "steps": 3}, seed=1)
    >>> len(result.days), replay(result.events) == result.arena
    (3, True)

    .. versionadded:: 0.1.0
    """
    if not isinstance(params, SimulationParams):
        params = SimulationParams.from_mapping(params)
    run = _Run(params, seed)
    run.start()
    wanted = None if outcomes is None else tuple(outcomes)
    series: dict[str, list[FactValue]] = {k: [] for k in wanted or ()}
    fired: list[tuple[str, ...]] = []
    days: list[date] = []
    for step in range(params.steps):
        run.day = params.start + timedelta(days=step * params.step_days)
        run.minute = 0
        run.mobilise(step)
        run.form_ties(step)
        run.form_teams(step)
        run.advance_cycles(step)
        run.start_actions()
        end = params.start + timedelta(days=(step + 1) * params.step_days - 1)
        facts = compute(run.now, at=end)
        for key in wanted if wanted is not None else facts:
            series.setdefault(key, [None] * step).append(facts.value(key))
        for values in series.values():
            if len(values) == step:  # a fact missing from this step's facts
                values.append(None)
        fired.append(
            tuple(r.rule_id for r in evaluate(ruleset, facts).recommendations)
            if ruleset is not None
            else ()
        )
        days.append(end)
    return SimulationResult(
        arena=run.now,
        events=tuple(run.events),
        days=tuple(days),
        series=FrozenMap({k: tuple(v) for k, v in series.items()}),
        recommendations=tuple(fired),
    )
