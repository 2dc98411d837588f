"""Why an event was refused: a :class:`Refusal` is data, with a code, a place and a message.

``code`` comes from the closed vocabulary :class:`RefusalCode`; ``pointer`` is an RFC 6901
JSON pointer into the event document (``/payload/members/3``; ``""`` for the event as a
whole), the syntax of :class:`~smice.errors.DocumentError`; ``message`` says what was
expected and what was got, for people. Programs (and tests) read the code and the pointer.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import attrs

__all__ = ["Refusal", "RefusalCode"]


class RefusalCode(StrEnum):
    """Why an event does not fit its arena (a failing exit criterion is reported as its
    :class:`~smice.process.CriterionResult` instead).

    .. versionadded:: 0.2.0
    """

    #: The registry knows no such event type.
    UNKNOWN_TYPE = "unknown_type"
    #: There is no arena yet (the first event must make it).
    NO_ARENA = "no_arena"
    #: The arena's template (or the cycle variant's plan) cannot be found.
    TEMPLATE = "template"
    #: The id is taken (an arena, an element, an artefact, an event id, an endorsement).
    DUPLICATE = "duplicate"
    #: A reference names nothing of its kind in the arena or cycle.
    UNKNOWN_ID = "unknown_id"
    #: A required value is missing.
    MISSING = "missing"
    #: A person was expected, and an organisation was named.
    NOT_A_PERSON = "not_a_person"
    #: The person is not a member of the team (or core team) concerned.
    NOT_A_MEMBER = "not_a_member"
    #: The person has no consent to the scope needed, on the event's day.
    NO_CONSENT = "no_consent"
    #: A field the value's kind does not have (direction of a non-knowledge tie, ...).
    KIND = "kind"
    #: Something refers to itself (a tie, an interview).
    LOOP = "loop"
    #: Dates out of order (leaving before joining, an artefact before its cycle, ...).
    ORDER = "order"
    #: Not exactly one owner (team or platform) for a cycle.
    OWNER = "owner"
    #: The element is not in a state that allows the change (ended, graduated, paused...).
    STATE = "state"
    #: The cycle's current phase does not allow the event.
    WRONG_PHASE = "wrong_phase"
    #: The phase plan has no transition for the event from the current phase.
    NO_TRANSITION = "no_transition"
    #: The event happens before the cycle entered its current phase.
    TIME_BACKWARDS = "time_backwards"


def _pointer(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if value and not value.startswith("/"):
        raise ValueError(
            f"{attribute.name!r} must be an RFC 6901 pointer ('' or '/...'), got {value!r}"
        )


@attrs.frozen(kw_only=True)
class Refusal:
    """Why an event was refused, other than a failing exit criterion.

    Attributes
    ----------
    code : smice.process.refusals.RefusalCode
        What kind of check failed (a plain string is converted).
    pointer : str
        Where, as an RFC 6901 pointer into the event document (``""``: the event).
    message : str
        What was expected and what was got.

    Examples
    --------
    >>> refusal = Refusal(code="unknown_id", pointer="/payload/members/3",
    ...                   message="expected the id of a stakeholder of this arena, got 'p9'")
    >>> refusal.code is RefusalCode.UNKNOWN_ID, refusal.pointer
    (True, '/payload/members/3')
    >>> str(refusal)
    "/payload/members/3: expected the id of a stakeholder of this arena, got 'p9'"

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``code`` is a :class:`~smice.process.refusals.RefusalCode`; ``pointer`` is new.
    """

    code: RefusalCode = attrs.field(converter=RefusalCode)
    pointer: str = attrs.field(default="", validator=_pointer)
    message: str

    def __str__(self) -> str:
        return f"{self.pointer}: {self.message}" if self.pointer else self.message
