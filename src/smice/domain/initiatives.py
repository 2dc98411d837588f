"""Initiatives (innovation cases that outlive a cycle) and resource flows.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

import attrs

from smice._types import CycleId, FlowId, InitiativeId, StakeholderId, TeamId
from smice.domain.stakeholders import NO_EXTENSIONS, Extensions
from smice.domain.validators import ident, idents, non_negative, optional, text
from smice.domain.vocabulary import (
    BarrierKind,
    BusinessModelPattern,
    FlowStatus,
    FlowType,
    InitiativeMaturity,
    LoopStrategy,
    RStrategy,
)

__all__ = ["Barrier", "Initiative", "ResourceFlow"]


@attrs.frozen(kw_only=True)
class Barrier:
    """Something that blocks an initiative (e.g. the by-product status of a side-stream)."""

    kind: BarrierKind
    description: str = attrs.field(validator=text(2000))
    since: date | None = None
    resolved_on: date | None = None
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class Initiative:
    """An innovation case, tagged with R-strategies and business-model patterns.

    .. versionadded:: 0.1.0
    """

    id: InitiativeId = attrs.field(validator=ident)
    name: str = attrs.field(validator=text(300))
    launched_on: date
    maturity: InitiativeMaturity = InitiativeMaturity.IDEA
    description: str | None = attrs.field(default=None, validator=optional(text(20_000)))
    domain: str | None = attrs.field(default=None, validator=optional(text(200)))
    r_strategies: frozenset[RStrategy] = frozenset()
    patterns: frozenset[BusinessModelPattern] = frozenset()
    loops: frozenset[LoopStrategy] = frozenset()
    barriers: tuple[Barrier, ...] = ()
    participants: tuple[StakeholderId, ...] = attrs.field(default=(), validator=idents)
    cycle: CycleId | None = attrs.field(default=None, validator=optional(ident))
    team: TeamId | None = attrs.field(default=None, validator=optional(ident))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class ResourceFlow:
    """A flow of material, by-product, energy, water or shared infrastructure.

    ``source`` gives, ``target`` receives (unknown for a potential flow nobody takes yet);
    ``owner`` is the stakeholder responsible for the flow. ``fate`` is the R-strategy the
    receiver applies (R9 for energy recovery).

    .. versionadded:: 0.1.0
    """

    id: FlowId = attrs.field(validator=ident)
    owner: StakeholderId = attrs.field(validator=ident)
    source: StakeholderId = attrs.field(validator=ident)
    flow_type: FlowType
    resource: str = attrs.field(validator=text(200))
    status: FlowStatus = FlowStatus.POTENTIAL
    target: StakeholderId | None = attrs.field(default=None, validator=optional(ident))
    quantity: float | None = attrs.field(default=None, validator=optional(non_negative))
    unit: str | None = attrs.field(default=None, validator=optional(text(50)))
    bio_based: bool = False
    fate: RStrategy | None = None
    since: date | None = None
    until: date | None = None
    extensions: Extensions = NO_EXTENSIONS
