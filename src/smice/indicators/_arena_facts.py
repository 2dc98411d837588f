"""The A family: the arena, its people and its Appreciative Inquiry process."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from typing import Final

from smice.domain import (
    ActionStatus,
    CommunityCapital,
    CycleStatus,
    Gender,
    Helix,
    InitiativeMaturity,
    PersonRole,
    StakeholderKind,
    TeamStatus,
)
from smice.errors import SmiceError
from smice.indicators import _extensions as ext
from smice.indicators._context import Context, FromPersons, Missing, Values, guarded, share
from smice.indicators.timeline import whole_months
from smice.process import external_voice_share, is_stalled, uptake
from smice.process.signals import stall_limit

_SUPPORT_KINDS: Final = frozenset(
    {StakeholderKind.INTERMEDIARY, StakeholderKind.FUNDER, StakeholderKind.STATE_AGENCY}
)
_NON_MANAGERS: Final = frozenset({PersonRole.EMPLOYEE, PersonRole.UNION_REPRESENTATIVE})
_ADVANCED: Final = frozenset(
    {
        InitiativeMaturity.PILOT,
        InitiativeMaturity.MARKET_ENTRY,
        InitiativeMaturity.MARKET_MATURITY,
    }
)
_CLOSED: Final = frozenset({CycleStatus.COMPLETED, CycleStatus.ABANDONED})


def _stakeholder_facts(ctx: Context, out: Values) -> None:
    everyone = list(ctx.stakeholders.values())
    persons = [s for s in everyone if s.is_person]
    organisations = [s for s in everyone if not s.is_person]
    out["A.n_stakeholders"] = len(everyone)
    out["A.n_smes"] = sum(1 for s in everyone if s.is_sme)
    out["A.n_firms"] = len(ctx.firms)
    gendered = [p for p in ctx.counted_persons.values() if p.gender is not None]
    out["A.n_persons_with_gender"] = FromPersons(len(gendered), len(gendered))
    out["A.female_share"] = FromPersons(
        share(
            sum(1 for p in gendered if p.gender is Gender.FEMALE),
            len(gendered),
            "no person has a recorded gender",
        ),
        len(gendered),
    )
    out["A.private_person_share"] = share(len(persons), len(everyone), "no stakeholders")
    helices = Counter(s.helix for s in organisations)
    for helix in Helix:
        out[f"A.{helix.value}_share"] = share(
            helices[helix], len(organisations), "no organisations"
        )
    out["A.min_helix_share"] = (
        min(helices[h] for h in Helix) / len(organisations)
        if organisations
        else Missing("no organisations")
    )


def _support_facts(ctx: Context, out: Values) -> None:
    contacts: dict[str, set[str]] = {sid: set() for sid in ctx.firms}
    support = {
        sid for sid, s in ctx.stakeholders.items() if s.kinds & _SUPPORT_KINDS and not s.is_person
    }
    G = ctx.organisation_graph
    for u, v in G.edges():
        if u in contacts and v in support and u != v:
            contacts[u].add(v)
        if v in contacts and u in support and u != v:
            contacts[v].add(u)
    out["A.median_support_contacts"] = (
        float(statistics.median(len(c) for c in contacts.values()))
        if contacts
        else Missing("no firms")
    )
    advanced: set[str] = set()
    for initiative in ctx.arena.initiatives:
        if initiative.maturity in _ADVANCED:
            advanced.update(initiative.participants)
    out["A.firm_progress_share"] = share(
        sum(1 for sid in ctx.firms if sid in advanced), len(ctx.firms), "no firms"
    )


def _cycle_facts(ctx: Context, out: Values) -> None:
    arena = ctx.arena
    end_of_day = datetime.combine(ctx.at + timedelta(days=1), time(), tzinfo=UTC)
    active = [c for c in arena.cycles if c.status is CycleStatus.ACTIVE]
    out["A.n_active_cycles"] = len(active)
    stalled = 0
    for cycle in active:
        try:
            limit = stall_limit(ctx.template, cycle.phase)
            stalled += is_stalled(arena, cycle.id, at=end_of_day, stall_days=limit)
        except SmiceError:  # pragma: no cover - active cycles always have a phase
            continue
    out["A.stalled_cycle_share"] = share(stalled, len(active), "no active cycles")

    closed = [c for c in arena.cycles if c.status in _CLOSED]
    reviews = sum(len(c.reviews) for c in closed)
    out["A.n_closed_cycles"] = len(closed)
    out["A.n_closed_cycles_reviewed"] = reviews
    out["A.reviews_per_closed_cycle"] = share(reviews, len(closed), "no closed cycles")

    interviews = 0
    external = 0.0
    for cycle in arena.cycles:
        if cycle.interviews:
            voice = external_voice_share(arena, cycle.id)
            interviews += len(cycle.interviews)
            external += (voice or 0.0) * len(cycle.interviews)
    out["A.n_discover_interviews"] = interviews
    out["A.external_interview_share"] = (
        min(1.0, external / interviews) if interviews else Missing("no interviews")
    )

    due = []
    tagged: Counter[CommunityCapital] = Counter()
    n_tagged = 0
    for cycle in arena.cycles:
        for action in cycle.actions:
            if whole_months(action.committed_on, ctx.at) >= 6:
                due.append(action)
            if action.community_capitals:
                n_tagged += 1
                tagged.update(action.community_capitals)
    started = sum(
        1
        for a in due
        if (a.started_on is not None and a.started_on <= ctx.at)
        or (a.started_on is None and a.status in (ActionStatus.STARTED, ActionStatus.DONE))
    )
    out["A.n_actions_due"] = len(due)
    out["A.action_start_share"] = share(
        started, len(due), "no actions committed 6 months or more ago"
    )
    out["A.n_actions"] = n_tagged
    out["A.action_capital_gini"] = (
        gini([tagged[c] for c in CommunityCapital])
        if n_tagged
        else Missing("no actions tagged with a community capital")
    )
    out["A.action_capital_top"] = (
        max(CommunityCapital, key=lambda c: (tagged[c], -list(CommunityCapital).index(c))).value
        if n_tagged
        else Missing("no actions tagged with a community capital")
    )


def gini(values: list[int]) -> float:
    """The Gini coefficient ``sum |x_i - x_j| / (2 n^2 mean)`` of *values* (not all 0)."""
    n = len(values)
    total = sum(values)
    differences = sum(abs(a - b) for a in values for b in values)
    return differences / (2 * n * total)


def _team_facts(ctx: Context, out: Values) -> None:
    mature = [t for t in ctx.arena.teams if whole_months(t.formed_on, ctx.at) >= 24]
    graduated = sum(
        1 for t in mature if t.graduation is not None or t.status is TeamStatus.GRADUATED
    )
    out["A.n_mature_teams"] = len(mature)
    out["A.mature_team_graduation_share"] = share(
        graduated, len(mature), "no teams formed 24 months or more ago"
    )
    people = ctx.stakeholders
    # Owner-managers of firms with no recorded employee (sole traders) have nobody to
    # involve: they are left out of the share of non-managers.
    employing = {p.employer for p in people.values() if p.role in _NON_MANAGERS and p.employer}
    in_firm_teams: set[str] = set()
    for team in ctx.arena.teams:
        members = [people[m] for m in team.current_members if m in people]
        has_firm = any(
            m.id in ctx.firms or (m.employer is not None and m.employer in ctx.firms)
            for m in members
        )
        if has_firm:
            in_firm_teams.update(
                m.id
                for m in members
                if m.id in ctx.counted_persons
                and m.role is not None
                and m.employer in ctx.firms
                and not (m.role is PersonRole.OWNER_MANAGER and m.employer not in employing)
            )
    n = len(in_firm_teams)
    out["A.n_firm_team_members"] = FromPersons(n, n)
    out["A.non_manager_share"] = FromPersons(
        share(
            sum(1 for sid in in_firm_teams if people[sid].role in _NON_MANAGERS),
            n,
            "no firm employee or owner-manager in a team with firm members (owner-managers "
            "of firms without a recorded employee left out)",
        ),
        n,
    )


def _funding_facts(ctx: Context, out: Values) -> None:
    grants = guarded(lambda: ext.funding(ctx.arena))
    if grants is None or isinstance(grants, Missing):
        absent = grants or Missing('the arena records no extensions["funding"]')
        out["A.core_funding_share"] = absent
        out["A.months_of_funding_left"] = absent
        return
    running = [g for g in grants if g.runs_on(ctx.at)]
    total = sum(g.amount for g in running)
    out["A.core_funding_share"] = share(
        sum(g.amount for g in running if g.kind == "core"), total, "no funding runs on the day"
    )
    projects = [g for g in running if g.kind == "project"]
    if not projects:
        out["A.months_of_funding_left"] = Missing("no project funding runs on the day")
    elif any(g.end is None for g in projects):
        out["A.months_of_funding_left"] = Missing("running project funding has no end date")
    else:
        out["A.months_of_funding_left"] = whole_months(
            ctx.at, max(g.end for g in projects if g.end is not None)
        )


def _recommendation_facts(ctx: Context, out: Values) -> None:
    """Recommendations issued by the day and how many were taken up (accepted or implemented)
    on it: the records that ``recommendation_issued`` / ``recommendation_status_changed``
    events keep (:func:`smice.process.uptake`), and the older ``extensions["recommendations"]``
    list, if any."""
    issued = guarded(lambda: ext.recommendations(ctx.arena))
    if isinstance(issued, Missing):
        for key in (
            "A.n_recommendations",
            "A.n_recommendations_taken_up",
            "A.months_since_first_recommendation",
        ):
            out[key] = issued
        return
    end_of_day = datetime.combine(ctx.at + timedelta(days=1), time(), tzinfo=UTC)
    records = uptake(ctx.arena, at=end_of_day - timedelta(microseconds=1))
    listed = [r for r in issued or () if r.issued_on <= ctx.at]
    if issued is None and not ctx.arena.recommendations:
        absent = Missing("the arena records no recommendations")
        for key in (
            "A.n_recommendations",
            "A.n_recommendations_taken_up",
            "A.months_since_first_recommendation",
        ):
            out[key] = absent
        return
    out["A.n_recommendations"] = records.issued + len(listed)
    out["A.n_recommendations_taken_up"] = records.taken_up + sum(
        1 for r in listed if r.taken_up_on is not None and r.taken_up_on <= ctx.at
    )
    firsts = [r.issued_on for r in listed]
    if records.first_issued_at is not None:
        firsts.append(records.first_issued_at.astimezone(UTC).date())
    out["A.months_since_first_recommendation"] = (
        whole_months(min(firsts), ctx.at)
        if firsts
        else Missing("no recommendation issued by the day")
    )


def arena_facts(ctx: Context) -> Values:
    """Every A fact."""
    out: Values = {"A.months_observed": whole_months(ctx.start, ctx.at)}
    out["A.n_initiatives"] = len(ctx.arena.initiatives)
    _stakeholder_facts(ctx, out)
    _support_facts(ctx, out)
    _cycle_facts(ctx, out)
    _team_facts(ctx, out)
    _funding_facts(ctx, out)
    _recommendation_facts(ctx, out)
    return out
