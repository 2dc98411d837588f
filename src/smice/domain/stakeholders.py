"""Stakeholders: organisations and persons, and the consent a person gives.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

import attrs

from smice._types import StakeholderId
from smice.domain._frozen import FrozenMap, JsonValue
from smice.domain.validators import ident, non_empty, optional, text
from smice.domain.vocabulary import (
    AgeBand,
    ConsentScope,
    Country,
    Gender,
    Helix,
    PersonRole,
    SizeClass,
    StakeholderKind,
)

__all__ = ["NO_EXTENSIONS", "Consent", "Extensions", "Stakeholder"]

#: Tool-specific data that smice keeps but does not interpret.
Extensions = FrozenMap[str, JsonValue]
#: The empty :data:`Extensions`.
NO_EXTENSIONS: Extensions = FrozenMap()


@attrs.frozen(kw_only=True)
class Consent:
    """A person's consent to the processing of their data, by scope.

    Examples
    --------
    >>> consent = Consent(
    ...     scopes=frozenset({ConsentScope.STORAGE, ConsentScope.NETWORK_ANALYSIS}),
    ...     given_on=date(2019, 3, 1),
    ...     withdrawn_on=date(2020, 1, 1),
    ... )
    >>> consent.allows(ConsentScope.STORAGE, at=date(2019, 6, 1))
    True
    >>> consent.allows(ConsentScope.STORAGE, at=date(2020, 6, 1))
    False
    >>> consent.allows(ConsentScope.EXPORT, at=date(2019, 6, 1))
    False

    A consent is judged on the day of the use: without *at*, that is today, so a consent
    dated in the future does not count yet.

    >>> promised = Consent(scopes=frozenset({ConsentScope.EXPORT}), given_on=date(9999, 1, 1))
    >>> promised.allows(ConsentScope.EXPORT), promised.allows(ConsentScope.EXPORT,
    ...                                                        at=date(9999, 1, 1))
    (False, True)

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``allows(scope, at=...)`` replaces ``on=``; without a day it judges today.
    """

    scopes: frozenset[ConsentScope]
    given_on: date
    withdrawn_on: date | None = None
    expires_on: date | None = None
    extensions: Extensions = NO_EXTENSIONS

    def allows(self, scope: ConsentScope, *, at: date | None = None) -> bool:
        """Whether this consent covers *scope* on day *at* (today when ``None``).

        A consent holds on a day when it covers the scope, was given on or before that day,
        and was neither withdrawn nor expired by then (``withdrawn_on`` and ``expires_on``
        are the first days it no longer holds).

        Parameters
        ----------
        scope : ConsentScope
            The use: ``storage``, ``network_analysis``, ``export``...
        at : datetime.date, optional
            The day of the use; by default today (the clock is read here and nowhere else).

        Examples
        --------
        >>> consent = Consent(scopes=frozenset({ConsentScope.CONTACT}),
        ...                   given_on=date(2019, 3, 1), expires_on=date(2019, 4, 1))
        >>> [consent.allows(ConsentScope.CONTACT, at=date(2019, 3, day)) for day in (1, 31)]
        [True, True]
        >>> consent.allows(ConsentScope.CONTACT, at=date(2019, 4, 1))
        False
        """
        if scope not in self.scopes:
            return False
        day = date.today() if at is None else at
        if day < self.given_on:
            return False
        if self.withdrawn_on is not None and day >= self.withdrawn_on:
            return False
        return self.expires_on is None or day < self.expires_on


@attrs.frozen(kw_only=True)
class Stakeholder:
    """An organisation or a person taking part in an arena.

    A stakeholder is a *person* when its kinds include
    :attr:`~smice.domain.vocabulary.StakeholderKind.PRIVATE_PERSON`; persons may carry an
    organisational ``role``, an ``employer``, self-declared ``gender`` and ``age_band``, and a
    ``consent`` record. Everything about a person is personal data.

    Examples
    --------
    >>> firm = Stakeholder(
    ...     id=StakeholderId("sme-1"),
    ...     name="Bergs Sågverk AB",
    ...     helix=Helix.INDUSTRY,
    ...     kinds=frozenset({StakeholderKind.SME}),
    ...     country=Country.SE,
    ...     size_class=SizeClass.SMALL,
    ...     bio_based=True,
    ... )
    >>> firm.is_person, firm.is_sme
    (False, True)

    .. versionadded:: 0.1.0
    """

    id: StakeholderId = attrs.field(validator=ident)
    name: str = attrs.field(validator=text(200))
    helix: Helix
    kinds: frozenset[StakeholderKind] = attrs.field(
        validator=non_empty,
    )
    country: Country
    municipality: str | None = attrs.field(default=None, validator=optional(text(100)))
    size_class: SizeClass | None = None
    bio_based: bool = False
    rnd_capacity: bool = False
    role: PersonRole | None = None
    employer: StakeholderId | None = attrs.field(default=None, validator=optional(ident))
    gender: Gender | None = None
    age_band: AgeBand | None = None
    consent: Consent | None = None
    joined_on: date | None = None
    left_on: date | None = None
    extensions: Extensions = NO_EXTENSIONS

    @property
    def is_person(self) -> bool:
        """Whether this stakeholder is a private person (whose data are personal data)."""
        return StakeholderKind.PRIVATE_PERSON in self.kinds

    @property
    def is_sme(self) -> bool:
        """Whether this is a small or medium-sized enterprise (micro firms included)."""
        return bool(self.kinds & {StakeholderKind.SME, StakeholderKind.MICRO_FIRM}) or (
            self.helix is Helix.INDUSTRY
            and not self.is_person
            and self.size_class in {SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM}
        )

    @property
    def is_rnd(self) -> bool:
        """Whether this is an R&D stakeholder (university, research institute, or R&D flag)."""
        return self.rnd_capacity or bool(
            self.kinds & {StakeholderKind.UNIVERSITY, StakeholderKind.RESEARCH_INSTITUTE}
        )

    def consents_to(self, scope: ConsentScope, *, at: date | None = None) -> bool:
        """Whether processing for *scope* is allowed on day *at* (today when ``None``):
        always for organisations, by :meth:`Consent.allows` for persons.

        Examples
        --------
        >>> person = Stakeholder(id=StakeholderId("ola"), name="Ola", helix=Helix.CIVIL_SOCIETY,
        ...                      kinds=frozenset({StakeholderKind.PRIVATE_PERSON}),
        ...                      country=Country.NO)
        >>> person.consents_to(ConsentScope.STORAGE, at=date(2019, 1, 1))
        False

        .. versionchanged:: 0.2.0
           ``at=`` replaces ``on=``; without a day it judges today.
        """
        if not self.is_person:
            return True
        return self.consent is not None and self.consent.allows(scope, at=at)

    def active_on(self, day: date) -> bool:
        """Whether the stakeholder takes part in the arena on *day*."""
        if self.joined_on is not None and day < self.joined_on:
            return False
        return self.left_on is None or day < self.left_on
