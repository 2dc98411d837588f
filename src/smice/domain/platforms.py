"""Regions and the open local innovation platforms within them.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

import attrs

from smice._types import PlatformId, RegionId, StakeholderId
from smice.domain.stakeholders import NO_EXTENSIONS, Extensions
from smice.domain.validators import ident, optional, text, texts
from smice.domain.vocabulary import Country, Level

__all__ = ["Platform", "Region"]


@attrs.frozen(kw_only=True)
class Region:
    """A region an arena covers (e.g. Jämtland Härjedalen), with its municipalities.

    .. versionadded:: 0.1.0
    """

    id: RegionId = attrs.field(validator=ident)
    name: str = attrs.field(validator=text(200))
    country: Country
    municipalities: tuple[str, ...] = attrs.field(default=(), validator=texts(100))
    extensions: Extensions = NO_EXTENSIONS


@attrs.frozen(kw_only=True)
class Platform:
    """An open local innovation platform, hosted by a stakeholder.

    .. versionadded:: 0.1.0
    """

    id: PlatformId = attrs.field(validator=ident)
    name: str = attrs.field(validator=text(200))
    country: Country
    region: RegionId | None = attrs.field(default=None, validator=optional(ident))
    municipality: str | None = attrs.field(default=None, validator=optional(text(100)))
    host: StakeholderId | None = attrs.field(default=None, validator=optional(ident))
    level: Level = Level.LOCAL_COMMUNITY
    opened_on: date | None = None
    closed_on: date | None = None
    extensions: Extensions = NO_EXTENSIONS
