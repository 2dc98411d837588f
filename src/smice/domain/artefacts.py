"""The artefacts an Appreciative Inquiry cycle produces, phase by phase.

Define: :class:`Topic`, :class:`InterviewProtocol` (and the cycle's core team).
Discover: :class:`Interview`, :class:`Story`, :class:`Theme`, :class:`PositiveCoreMap`.
Dream: :class:`DreamStatement`, :class:`Endorsement`.
Design: :class:`Proposition` with its :class:`PropositionChecklist`, :class:`Target`.
Destiny: :class:`Action`, :class:`ActionTeam`. Review: :class:`Review`.

Artefacts that researchers score for generativity (Bushe & Kassam 2005) carry an optional
``generativity`` in [0, 1].

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

import attrs

from smice._types import ArtefactId, StakeholderId
from smice.domain.stakeholders import NO_EXTENSIONS, Extensions
from smice.domain.validators import ident, idents, non_empty, non_negative, optional, score, texts
from smice.domain.validators import text as bounded_text
from smice.domain.vocabulary import (
    ActionStatus,
    CommunityCapital,
    DestinyMode,
    ReviewDecision,
    RStrategy,
)

__all__ = [
    "Action",
    "ActionTeam",
    "DreamStatement",
    "Endorsement",
    "Interview",
    "InterviewProtocol",
    "PositiveCoreMap",
    "Proposition",
    "PropositionChecklist",
    "Review",
    "Story",
    "Target",
    "Theme",
    "Topic",
]

_TEXT = 20_000


@attrs.frozen(kw_only=True)
class Topic:
    """An affirmative topic chosen in Define."""

    id: ArtefactId = attrs.field(validator=ident)
    title: str = attrs.field(validator=bounded_text(300))
    description: str | None = attrs.field(default=None, validator=optional(bounded_text(_TEXT)))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class InterviewProtocol:
    """The appreciative interview questions, and when and by whom they were approved."""

    id: ArtefactId = attrs.field(validator=ident)
    questions: tuple[str, ...] = attrs.field(validator=[non_empty, texts(2000)])
    approved_on: date | None = None
    approved_by: tuple[StakeholderId, ...] = attrs.field(default=(), validator=idents)
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class Interview:
    """An appreciative interview (Discover). Its ``summary`` is personal data."""

    id: ArtefactId = attrs.field(validator=ident)
    interviewer: StakeholderId = attrs.field(validator=ident)
    interviewee: StakeholderId = attrs.field(validator=ident)
    on: date
    topics: tuple[ArtefactId, ...] = attrs.field(default=(), validator=idents)
    unlikely_pair: bool = False
    summary: str | None = attrs.field(default=None, validator=optional(bounded_text(_TEXT)))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class Story:
    """A story told in an interview; its ``text`` is personal data."""

    id: ArtefactId = attrs.field(validator=ident)
    title: str = attrs.field(validator=bounded_text(300))
    interview: ArtefactId | None = attrs.field(default=None, validator=optional(ident))
    topics: tuple[ArtefactId, ...] = attrs.field(default=(), validator=idents)
    text: str | None = attrs.field(default=None, validator=optional(bounded_text(_TEXT)))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class Theme:
    """A theme (life-giving force) found across stories."""

    id: ArtefactId = attrs.field(validator=ident)
    name: str = attrs.field(validator=bounded_text(300))
    stories: tuple[ArtefactId, ...] = attrs.field(default=(), validator=idents)
    generativity: float | None = attrs.field(default=None, validator=optional(score))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class PositiveCoreMap:
    """The map of the positive core: its elements and the themes they rest on."""

    id: ArtefactId = attrs.field(validator=ident)
    on: date
    elements: tuple[str, ...] = attrs.field(validator=[non_empty, texts(2000)])
    themes: tuple[ArtefactId, ...] = attrs.field(default=(), validator=idents)
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class DreamStatement:
    """A vision for a topic (Dream), possibly enacted."""

    id: ArtefactId = attrs.field(validator=ident)
    topic: ArtefactId = attrs.field(validator=ident)
    text: str = attrs.field(validator=bounded_text(_TEXT))
    on: date
    enactment: str | None = attrs.field(default=None, validator=optional(bounded_text(_TEXT)))
    generativity: float | None = attrs.field(default=None, validator=optional(score))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class Endorsement:
    """A person endorsing a dream statement."""

    id: ArtefactId = attrs.field(validator=ident)
    dream: ArtefactId = attrs.field(validator=ident)
    person: StakeholderId = attrs.field(validator=ident)
    on: date
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class PropositionChecklist:
    """The provocative-proposition checklist of Cooperrider & Whitney.

    Examples
    --------
    >>> PropositionChecklist(affirmative=True, present_tense=True, stretching=True,
    ...                      vivid=True, grounded=True).passed
    True
    >>> PropositionChecklist(affirmative=True).passed
    False
    """

    affirmative: bool = False
    present_tense: bool = False
    stretching: bool = False
    vivid: bool = False
    grounded: bool = False
    extensions: Extensions = NO_EXTENSIONS

    @property
    def passed(self) -> bool:
        """Whether every item of the checklist is met."""
        return (
            self.affirmative
            and self.present_tense
            and self.stretching
            and self.vivid
            and self.grounded
        )


@attrs.frozen(kw_only=True)
class Proposition:
    """A provocative proposition (Design), grounded in Discover stories."""

    id: ArtefactId = attrs.field(validator=ident)
    topic: ArtefactId = attrs.field(validator=ident)
    text: str = attrs.field(validator=bounded_text(_TEXT))
    on: date
    stories: tuple[ArtefactId, ...] = attrs.field(default=(), validator=idents)
    checklist: PropositionChecklist = PropositionChecklist()
    generativity: float | None = attrs.field(default=None, validator=optional(score))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class Target:
    """A measurable target (SOAR's results): a value to reach in a unit by a date."""

    id: ArtefactId = attrs.field(validator=ident)
    description: str = attrs.field(validator=bounded_text(2000))
    value: float = attrs.field(validator=non_negative)
    unit: str = attrs.field(validator=bounded_text(50))
    proposition: ArtefactId | None = attrs.field(default=None, validator=optional(ident))
    indicator: str | None = attrs.field(default=None, validator=optional(bounded_text(200)))
    due: date | None = None
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class Action:
    """An inspired action (Destiny) with an owner and a due date."""

    id: ArtefactId = attrs.field(validator=ident)
    title: str = attrs.field(validator=bounded_text(300))
    owner: StakeholderId = attrs.field(validator=ident)
    committed_on: date
    due: date
    proposition: ArtefactId | None = attrs.field(default=None, validator=optional(ident))
    status: ActionStatus = ActionStatus.COMMITTED
    started_on: date | None = None
    mode: DestinyMode | None = None
    r_strategies: frozenset[RStrategy] = frozenset()
    community_capitals: frozenset[CommunityCapital] = frozenset()
    generativity: float | None = attrs.field(default=None, validator=optional(score))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class ActionTeam:
    """A team formed in Destiny around one or more actions."""

    id: ArtefactId = attrs.field(validator=ident)
    name: str = attrs.field(validator=bounded_text(300))
    members: tuple[StakeholderId, ...] = attrs.field(default=(), validator=idents)
    actions: tuple[ArtefactId, ...] = attrs.field(default=(), validator=idents)
    self_organised: bool = False
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class Review:
    """The review of a cycle: outcomes, lessons and the decision taken."""

    id: ArtefactId = attrs.field(validator=ident)
    on: date
    decision: ReviewDecision
    outcomes: tuple[str, ...] = attrs.field(default=(), validator=texts(2000))
    lessons: tuple[str, ...] = attrs.field(default=(), validator=texts(2000))
    extensions: Extensions = NO_EXTENSIONS
