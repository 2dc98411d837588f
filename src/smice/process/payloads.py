"""The payloads of events: the small values that events carry beside whole domain objects.

Payloads that add or replace a whole domain object *are* that object (``stakeholder_joined``
carries a :class:`~smice.domain.Stakeholder`); the others are the values of this module. The
registry (:mod:`smice.process.registry`) names the payload class of every event type.

.. versionadded:: 0.2.0
   The payload classes moved here from :mod:`smice.process.events`, which re-exports them.
"""

from __future__ import annotations

from datetime import date
from typing import Final, TypeAlias

import attrs

from smice._types import ArenaId, ArtefactId, CycleId, PlatformId, StakeholderId, TeamId, TieId
from smice.domain import (
    NO_EXTENSIONS,
    Action,
    ActionStatus,
    ActionTeam,
    Consent,
    CycleVariant,
    DestinyMode,
    DreamStatement,
    Endorsement,
    EvidenceValue,
    Extensions,
    FrozenMap,
    GovernmentLevel,
    Graduation,
    Initiative,
    InstrumentType,
    Interview,
    InterviewProtocol,
    Language,
    Level,
    Platform,
    PositiveCoreMap,
    ProgressTeam,
    Proposition,
    RecommendationId,
    RecommendationRecord,
    RecommendationStatus,
    Region,
    ResourceFlow,
    Review,
    Stakeholder,
    Story,
    Target,
    Theme,
    Tie,
    Topic,
)
from smice.domain.templates import Labels
from smice.domain.validators import (
    distinct,
    ident,
    idents,
    non_empty,
    optional,
    text,
    texts,
)

__all__ = [
    "ArenaCreated",
    "ConsentRecorded",
    "ConsentWithdrawn",
    "CoreTeamSet",
    "CycleAbandoned",
    "CyclePaused",
    "CycleStarted",
    "DestinyModeChosen",
    "MemberJoined",
    "MemberLeft",
    "Payload",
    "PhaseRevisited",
    "ProtocolDrafted",
    "RecommendationIssued",
    "RecommendationStatusChanged",
    "StakeholderLeft",
    "StatusChanged",
    "SubcycleSpawned",
    "TeamGraduated",
    "TieEnded",
]


@attrs.frozen(kw_only=True)
class ArenaCreated:
    """The payload of ``arena_created``: the arena's identity, its template and regions."""

    id: ArenaId = attrs.field(validator=ident)
    name: str = attrs.field(validator=text(300))
    template: str = attrs.field(validator=text(200))
    created_on: date
    languages: tuple[Language, ...] = (Language.EN,)
    levels: tuple[Level, ...] = (Level.REGION, Level.LOCAL_COMMUNITY, Level.COMPANY_CLUSTER)
    regions: tuple[Region, ...] = ()
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class StakeholderLeft:
    """The payload of ``stakeholder_left``: who left the arena, and when."""

    stakeholder: StakeholderId = attrs.field(validator=ident)
    on: date


@attrs.frozen(kw_only=True)
class ConsentRecorded:
    """The payload of ``consent_recorded``: a person's consent (replacing any earlier one)."""

    stakeholder: StakeholderId = attrs.field(validator=ident)
    consent: Consent


@attrs.frozen(kw_only=True)
class ConsentWithdrawn:
    """The payload of ``consent_withdrawn``: the person, and the day consent ends."""

    stakeholder: StakeholderId = attrs.field(validator=ident)
    on: date


@attrs.frozen(kw_only=True)
class TieEnded:
    """The payload of ``tie_ended``: the tie, and the first day it no longer holds."""

    tie: TieId = attrs.field(validator=ident)
    on: date


@attrs.frozen(kw_only=True)
class MemberJoined:
    """The payload of ``member_joined``: a person joins a progress team."""

    team: TeamId = attrs.field(validator=ident)
    person: StakeholderId = attrs.field(validator=ident)
    on: date


@attrs.frozen(kw_only=True)
class MemberLeft:
    """The payload of ``member_left``: a person leaves a progress team."""

    team: TeamId = attrs.field(validator=ident)
    person: StakeholderId = attrs.field(validator=ident)
    on: date


@attrs.frozen(kw_only=True)
class CycleStarted:
    """The payload of ``cycle_started`` (the event's ``cycle`` is the new cycle's id).

    Exactly one of ``team`` and ``platform`` owns the cycle.
    """

    variant: CycleVariant
    team: TeamId | None = attrs.field(default=None, validator=optional(ident))
    platform: PlatformId | None = attrs.field(default=None, validator=optional(ident))
    core_team: tuple[StakeholderId, ...] = attrs.field(default=(), validator=idents)


@attrs.frozen(kw_only=True)
class CoreTeamSet:
    """The payload of ``core_team_set``: the cycle's core team (Define), replacing any before."""

    members: tuple[StakeholderId, ...] = attrs.field(validator=idents)


@attrs.frozen(kw_only=True)
class ProtocolDrafted:
    """The payload of ``protocol_drafted``: an interview protocol not yet approved (Define).

    The draft becomes the cycle's ``protocol`` (without ``approved_on``), replacing an earlier
    draft; ``protocol_approved`` approves it later (and may revise its questions).

    Examples
    --------
    >>> ProtocolDrafted(id="proto-1", questions=("Tell me about a high point.",)).id
    'proto-1'

    .. versionadded:: 0.1.0
    """

    id: ArtefactId = attrs.field(validator=ident)
    questions: tuple[str, ...] = attrs.field(validator=[non_empty, texts(2000)])
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class StatusChanged:
    """The payload of ``action_status_changed``: an action's new status and since when."""

    action: ArtefactId = attrs.field(validator=ident)
    status: ActionStatus
    on: date


@attrs.frozen(kw_only=True)
class DestinyModeChosen:
    """The payload of ``destiny_mode_chosen``: improvisational or implementation-led Destiny
    (Bushe & Kassam 2005)."""

    mode: DestinyMode


@attrs.frozen(kw_only=True)
class PhaseRevisited:
    """The payload of ``phase_revisited``: the earlier phase to go back to, and why."""

    phase: str = attrs.field(validator=ident)
    reason: str = attrs.field(validator=text(2000))


@attrs.frozen(kw_only=True)
class CyclePaused:
    """The payload of ``cycle_paused``; the reason is optional."""

    reason: str | None = attrs.field(default=None, validator=optional(text(2000)))


@attrs.frozen(kw_only=True)
class CycleAbandoned:
    """The payload of ``cycle_abandoned``: why the cycle was given up (required)."""

    reason: str = attrs.field(validator=text(2000))


@attrs.frozen(kw_only=True)
class TeamGraduated:
    """The payload of ``team_graduated``: the team and its graduation record with evidence."""

    team: TeamId = attrs.field(validator=ident)
    graduation: Graduation


@attrs.frozen(kw_only=True)
class SubcycleSpawned:
    """The payload of ``subcycle_spawned`` (the event's ``cycle`` is the parent).

    The sub-cycle belongs to ``team`` (or ``platform``), by default the parent's owner.
    """

    subcycle: CycleId = attrs.field(validator=ident)
    variant: CycleVariant
    team: TeamId | None = attrs.field(default=None, validator=optional(ident))
    platform: PlatformId | None = attrs.field(default=None, validator=optional(ident))
    core_team: tuple[StakeholderId, ...] = attrs.field(default=(), validator=idents)


# The fields a recommendation record shares with the payload that issues it: one check each.
_RECORD: Final = attrs.fields(RecommendationRecord)


@attrs.frozen(kw_only=True)
class RecommendationIssued:
    """The payload of ``recommendation_issued``: a fired rule's recommendation, recorded.

    The new :class:`~smice.domain.RecommendationRecord` is issued at the event's ``at`` by its
    ``recorded_by``, with status ``proposed``.

    .. versionadded:: 0.1.0
    """

    id: RecommendationId = attrs.field(validator=ident)
    rule_id: str = attrs.field(validator=ident)
    ruleset: str = attrs.field(validator=_RECORD.ruleset.validator)
    ruleset_version: str = attrs.field(validator=_RECORD.ruleset_version.validator)
    instrument: tuple[InstrumentType, ...] = attrs.field(default=(), validator=distinct)
    level: tuple[GovernmentLevel, ...] = attrs.field(default=(), validator=distinct)
    evidence: FrozenMap[str, EvidenceValue] = attrs.field(
        default=FrozenMap(), validator=_RECORD.evidence.validator
    )
    title: Labels = attrs.field(default=FrozenMap(), validator=_RECORD.title.validator)


@attrs.frozen(kw_only=True)
class RecommendationStatusChanged:
    """The payload of ``recommendation_status_changed``: a recommendation's new status.

    The change happens at the event's ``at``; ``by`` is who decided (default: the event's
    ``recorded_by``). Allowed moves: ``proposed`` → ``accepted`` | ``rejected``, ``accepted``
    → ``implemented`` | ``rejected``.

    .. versionadded:: 0.1.0
    """

    recommendation: RecommendationId = attrs.field(validator=ident)
    status: RecommendationStatus
    by: str | None = attrs.field(default=None, validator=optional(ident))
    note: str | None = attrs.field(default=None, validator=optional(text(2000)))


#: Every payload type.
Payload: TypeAlias = (
    ArenaCreated
    | Stakeholder
    | StakeholderLeft
    | ConsentRecorded
    | ConsentWithdrawn
    | Tie
    | TieEnded
    | Platform
    | ProgressTeam
    | MemberJoined
    | MemberLeft
    | CycleStarted
    | CoreTeamSet
    | Topic
    | ProtocolDrafted
    | InterviewProtocol
    | Interview
    | Story
    | Theme
    | PositiveCoreMap
    | DreamStatement
    | Endorsement
    | Proposition
    | Target
    | Action
    | ActionTeam
    | StatusChanged
    | DestinyModeChosen
    | PhaseRevisited
    | CyclePaused
    | CycleAbandoned
    | Review
    | TeamGraduated
    | SubcycleSpawned
    | Initiative
    | ResourceFlow
    | RecommendationIssued
    | RecommendationStatusChanged
    | None
)
