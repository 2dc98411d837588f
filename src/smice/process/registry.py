"""The registry of event types: every type's name, payload, scope, handler and place.

This is the one place an event type is declared. :class:`EventType` names every type;
:data:`REGISTRY` holds one :class:`~smice.process.specs.EventSpec` per type, in the order of
the journal's vocabulary (the order :func:`~smice.process.allowed_events` answers in). Every
other table (payload classes, the events that name a cycle, the events a phase plan's artefacts
allow, the ranks of a decomposition) is derived from it. Adding an event type takes a member
of :class:`EventType`, a spec here, its handler (in the engine) and a branch of the event
schema; see :doc:`/explanation/event-types`.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from smice.domain import (
    Action,
    ActionTeam,
    CycleStatus,
    DreamStatement,
    Endorsement,
    Initiative,
    Interview,
    InterviewProtocol,
    Platform,
    PositiveCoreMap,
    ProgressTeam,
    Proposition,
    ResourceFlow,
    Review,
    Stakeholder,
    Story,
    Target,
    Theme,
    Tie,
    Topic,
)
from smice.process import _arena, _cycle
from smice.process.payloads import (
    ArenaCreated,
    ConsentRecorded,
    ConsentWithdrawn,
    CoreTeamSet,
    CycleAbandoned,
    CyclePaused,
    CycleStarted,
    DestinyModeChosen,
    MemberJoined,
    MemberLeft,
    PhaseRevisited,
    ProtocolDrafted,
    RecommendationIssued,
    RecommendationStatusChanged,
    StakeholderLeft,
    StatusChanged,
    SubcycleSpawned,
    TeamGraduated,
    TieEnded,
)
from smice.process.specs import ANY_STATUS, EventRegistry, EventSpec, Handler, Scope

__all__ = ["REGISTRY", "EventType"]


class EventType(StrEnum):
    """Every event type (a closed vocabulary; members are plain strings).

    .. versionadded:: 0.2.0
    """

    ARENA_CREATED = "arena_created"
    STAKEHOLDER_JOINED = "stakeholder_joined"
    STAKEHOLDER_UPDATED = "stakeholder_updated"
    STAKEHOLDER_LEFT = "stakeholder_left"
    CONSENT_RECORDED = "consent_recorded"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    TIE_OBSERVED = "tie_observed"
    TIE_ENDED = "tie_ended"
    PLATFORM_OPENED = "platform_opened"
    TEAM_FORMED = "team_formed"
    MEMBER_JOINED = "member_joined"
    MEMBER_LEFT = "member_left"
    TEAM_GRADUATED = "team_graduated"
    INITIATIVE_LAUNCHED = "initiative_launched"
    INITIATIVE_UPDATED = "initiative_updated"
    RESOURCE_FLOW_CHANGED = "resource_flow_changed"
    RECOMMENDATION_ISSUED = "recommendation_issued"
    RECOMMENDATION_STATUS_CHANGED = "recommendation_status_changed"
    CYCLE_STARTED = "cycle_started"
    CORE_TEAM_SET = "core_team_set"
    TOPIC_ADDED = "topic_added"
    PROTOCOL_DRAFTED = "protocol_drafted"
    PROTOCOL_APPROVED = "protocol_approved"
    INTERVIEW_RECORDED = "interview_recorded"
    STORY_ADDED = "story_added"
    THEME_IDENTIFIED = "theme_identified"
    POSITIVE_CORE_MAPPED = "positive_core_mapped"
    DREAM_STATEMENT_ADDED = "dream_statement_added"
    ENDORSEMENT_RECORDED = "endorsement_recorded"
    PROPOSITION_DRAFTED = "proposition_drafted"
    TARGET_SET = "target_set"
    ACTION_COMMITTED = "action_committed"
    ACTION_TEAM_FORMED = "action_team_formed"
    ACTION_STATUS_CHANGED = "action_status_changed"
    DESTINY_MODE_CHOSEN = "destiny_mode_chosen"
    REVIEW_RECORDED = "review_recorded"
    PHASE_ADVANCED = "phase_advanced"
    PHASE_REVISITED = "phase_revisited"
    CYCLE_PAUSED = "cycle_paused"
    CYCLE_RESUMED = "cycle_resumed"
    CYCLE_ABANDONED = "cycle_abandoned"
    SUBCYCLE_SPAWNED = "subcycle_spawned"


T = EventType
_ARENA: Final = Scope.ARENA
_CYCLE: Final = Scope.CYCLE
#: The rank (order among events at one instant of a decomposed arena) of every cycle event.
_CYCLES: Final = 8


def _on_arena(kind: EventType, payload: type, handler: Handler, rank: int) -> EventSpec:
    return EventSpec(type=kind, payload=payload, scope=_ARENA, handler=handler, rank=rank)


def _makes(
    kind: EventType,
    payload: type,
    handler: Handler,
    artefact: str,
    *,
    replaces: str | None = None,
    makes: bool = True,
) -> EventSpec:
    return EventSpec(
        type=kind,
        payload=payload,
        scope=_CYCLE,
        handler=handler,
        artefact=artefact,
        replaces=replaces,
        makes=makes,
        rank=_CYCLES,
    )


def _on_cycle(
    kind: EventType,
    payload: type | None,
    handler: Handler,
    statuses: frozenset[CycleStatus] = frozenset({CycleStatus.ACTIVE}),
) -> EventSpec:
    return EventSpec(
        type=kind,
        payload=payload,
        scope=_CYCLE,
        handler=handler,
        statuses=statuses,
        rank=_CYCLES,
    )


#: The spec of every event type, in the order of the vocabulary.
REGISTRY: Final = EventRegistry(
    (
        EventSpec(
            type=T.ARENA_CREATED,
            payload=ArenaCreated,
            scope=Scope.NEW_ARENA,
            handler=_arena._created,
            rank=0,
        ),
        # Organisations join at rank 1, before persons at the same instant.
        _on_arena(T.STAKEHOLDER_JOINED, Stakeholder, _arena._stakeholder_joined, 2),
        _on_arena(T.STAKEHOLDER_UPDATED, Stakeholder, _arena._stakeholder_updated, 2),
        _on_arena(T.STAKEHOLDER_LEFT, StakeholderLeft, _arena._stakeholder_left, 15),
        _on_arena(T.CONSENT_RECORDED, ConsentRecorded, _arena._consent_recorded, 3),
        _on_arena(T.CONSENT_WITHDRAWN, ConsentWithdrawn, _arena._consent_withdrawn, 14),
        _on_arena(T.TIE_OBSERVED, Tie, _arena._tie, 10),
        _on_arena(T.TIE_ENDED, TieEnded, _arena._tie_ended, 13),
        _on_arena(T.PLATFORM_OPENED, Platform, _arena._platform, 4),
        _on_arena(T.TEAM_FORMED, ProgressTeam, _arena._team, 5),
        _on_arena(T.MEMBER_JOINED, MemberJoined, _arena._member_joined, 6),
        _on_arena(T.MEMBER_LEFT, MemberLeft, _arena._member_left, 7),
        _on_arena(T.TEAM_GRADUATED, TeamGraduated, _arena._team_graduated, 9),
        _on_arena(T.INITIATIVE_LAUNCHED, Initiative, _arena._initiative_launched, 11),
        _on_arena(T.INITIATIVE_UPDATED, Initiative, _arena._initiative_updated, 11),
        _on_arena(T.RESOURCE_FLOW_CHANGED, ResourceFlow, _arena._flow, 12),
        _on_arena(
            T.RECOMMENDATION_ISSUED, RecommendationIssued, _arena._recommendation_issued, 16
        ),
        _on_arena(
            T.RECOMMENDATION_STATUS_CHANGED,
            RecommendationStatusChanged,
            _arena._recommendation_status,
            17,
        ),
        EventSpec(
            type=T.CYCLE_STARTED,
            payload=CycleStarted,
            scope=Scope.NEW_CYCLE,
            handler=_cycle._started,
            rank=_CYCLES,
        ),
        _makes(T.CORE_TEAM_SET, CoreTeamSet, _cycle._core, "core_team"),
        _makes(T.TOPIC_ADDED, Topic, _cycle._topic, "topics"),
        _makes(
            T.PROTOCOL_DRAFTED,
            ProtocolDrafted,
            _cycle._drafted,
            "protocol",
            replaces="protocol",
            makes=False,
        ),
        _makes(
            T.PROTOCOL_APPROVED,
            InterviewProtocol,
            _cycle._protocol,
            "protocol",
            replaces="protocol",
        ),
        _makes(T.INTERVIEW_RECORDED, Interview, _cycle._interview, "interviews"),
        _makes(T.STORY_ADDED, Story, _cycle._story, "stories"),
        _makes(T.THEME_IDENTIFIED, Theme, _cycle._theme, "themes"),
        _makes(
            T.POSITIVE_CORE_MAPPED,
            PositiveCoreMap,
            _cycle._positive_core,
            "positive_core",
            replaces="positive_core",
        ),
        _makes(T.DREAM_STATEMENT_ADDED, DreamStatement, _cycle._dream, "dreams"),
        _makes(T.ENDORSEMENT_RECORDED, Endorsement, _cycle._endorsement, "endorsements"),
        _makes(T.PROPOSITION_DRAFTED, Proposition, _cycle._proposition, "propositions"),
        _makes(T.TARGET_SET, Target, _cycle._target, "targets"),
        _makes(T.ACTION_COMMITTED, Action, _cycle._action, "actions"),
        _makes(T.ACTION_TEAM_FORMED, ActionTeam, _cycle._action_team, "action_teams"),
        # An action's status moves on whatever its cycle's status.
        _on_cycle(T.ACTION_STATUS_CHANGED, StatusChanged, _cycle._status_change, ANY_STATUS),
        _on_cycle(T.DESTINY_MODE_CHOSEN, DestinyModeChosen, _cycle._mode),
        _makes(T.REVIEW_RECORDED, Review, _cycle._review, "reviews"),
        _on_cycle(T.PHASE_ADVANCED, None, _cycle._advanced),
        _on_cycle(T.PHASE_REVISITED, PhaseRevisited, _cycle._revisit),
        _on_cycle(T.CYCLE_PAUSED, CyclePaused, _cycle._paused),
        _on_cycle(T.CYCLE_RESUMED, None, _cycle._resumed, frozenset({CycleStatus.PAUSED})),
        _on_cycle(
            T.CYCLE_ABANDONED,
            CycleAbandoned,
            _cycle._abandoned,
            frozenset({CycleStatus.ACTIVE, CycleStatus.PAUSED}),
        ),
        _on_cycle(T.SUBCYCLE_SPAWNED, SubcycleSpawned, _cycle._spawn),
    )
)
