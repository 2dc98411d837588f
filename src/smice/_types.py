"""Identifier types shared by every layer.

Identifiers are plain strings at run time and distinct types for the type checker. Every id
matches :data:`ID_PATTERN`: a letter or digit, then up to 127 letters, digits or ``_ . : -``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from typing import Final, NewType

__all__ = [
    "ID_PATTERN",
    "ArenaId",
    "ArtefactId",
    "CycleId",
    "FlowId",
    "InitiativeId",
    "PlatformId",
    "RegionId",
    "StakeholderId",
    "TeamId",
    "TieId",
    "is_valid_id",
]

ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"
_ID_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")

ArenaId = NewType("ArenaId", str)
ArtefactId = NewType("ArtefactId", str)
CycleId = NewType("CycleId", str)
FlowId = NewType("FlowId", str)
InitiativeId = NewType("InitiativeId", str)
PlatformId = NewType("PlatformId", str)
RegionId = NewType("RegionId", str)
StakeholderId = NewType("StakeholderId", str)
TeamId = NewType("TeamId", str)
TieId = NewType("TieId", str)


def is_valid_id(value: object) -> bool:
    """Tell whether *value* is a string that matches :data:`ID_PATTERN`.

    Examples
    --------
    >>> is_valid_id("sme-042"), is_valid_id("-bad"), is_valid_id(42)
    (True, False, False)
    """
    return isinstance(value, str) and _ID_RE.fullmatch(value) is not None
