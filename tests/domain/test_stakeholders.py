"""Stakeholders and consent: who is a person, and what their consent allows when."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smice.domain import (
    Consent,
    ConsentScope,
    Country,
    Helix,
    SizeClass,
    Stakeholder,
    StakeholderKind,
)
from strategies import consents, dates, organisations, persons

GIVEN = date(2019, 3, 1)
WITHDRAWN = date(2020, 1, 1)
EXPIRES = date(2021, 1, 1)


def _consent(**changes: object) -> Consent:
    fields: dict[str, object] = {
        "scopes": frozenset({ConsentScope.STORAGE, ConsentScope.NETWORK_ANALYSIS}),
        "given_on": GIVEN,
    }
    fields.update(changes)
    return Consent(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("consent", "on", "allowed"),
    [
        pytest.param(_consent(), GIVEN - timedelta(days=1), False, id="day before given"),
        pytest.param(_consent(), GIVEN, True, id="day given (inclusive)"),
        pytest.param(_consent(), date(2030, 1, 1), True, id="open-ended"),
        pytest.param(_consent(withdrawn_on=WITHDRAWN), WITHDRAWN - timedelta(1), True, id="eve"),
        pytest.param(_consent(withdrawn_on=WITHDRAWN), WITHDRAWN, False, id="withdrawal day"),
        pytest.param(_consent(expires_on=EXPIRES), EXPIRES - timedelta(1), True, id="last day"),
        pytest.param(_consent(expires_on=EXPIRES), EXPIRES, False, id="expiry day"),
        pytest.param(
            _consent(withdrawn_on=EXPIRES, expires_on=WITHDRAWN), WITHDRAWN, False, id="earliest"
        ),
    ],
)
def test_consent_holds_from_given_until_withdrawn_or_expired(
    consent: Consent, on: date, allowed: bool
) -> None:
    """A consent holds from ``given_on`` (inclusive) until the earlier of ``withdrawn_on`` and
    ``expires_on`` (both exclusive)."""
    assert consent.allows(ConsentScope.STORAGE, at=on) is allowed


def test_consent_covers_only_its_scopes() -> None:
    """A scope the person did not consent to is never allowed."""
    consent = _consent()
    assert consent.allows(ConsentScope.NETWORK_ANALYSIS, at=GIVEN)
    assert not consent.allows(ConsentScope.EXPORT, at=GIVEN)
    assert not consent.allows(ConsentScope.EXPORT)


def test_consent_without_a_day_is_judged_today() -> None:
    """Without ``at``, a consent is judged on today: withdrawn or expired before today it does
    not hold, withdrawn or expiring after today it still does."""
    today = date.today()
    assert _consent().allows(ConsentScope.STORAGE)
    assert not _consent(withdrawn_on=WITHDRAWN).allows(ConsentScope.STORAGE)
    assert _consent(expires_on=today + timedelta(days=1)).allows(ConsentScope.STORAGE)
    assert not _consent(expires_on=today).allows(ConsentScope.STORAGE)


@given(consents(), st.sampled_from(ConsentScope), dates(), dates())
def test_consent_holds_on_an_interval(
    consent: Consent, scope: ConsentScope, first: date, second: date
) -> None:
    """The days a consent allows form one interval: if it allows two days it allows every day
    between them, and nothing before ``given_on``."""
    early, late = sorted((first, second))
    if consent.allows(scope, at=early) and consent.allows(scope, at=late):
        middle = early + (late - early) / 2
        assert consent.allows(scope, at=middle)
    if early < consent.given_on:
        assert not consent.allows(scope, at=early)


@given(consents(), st.sampled_from(ConsentScope), dates())
def test_consent_never_holds_outside_its_scopes(
    consent: Consent, scope: ConsentScope, on: date
) -> None:
    """No day makes a scope allowed that the consent does not list."""
    assume(scope not in consent.scopes)
    assert not consent.allows(scope, at=on)
    assert not consent.allows(scope)


@given(organisations(), st.sampled_from(ConsentScope), dates())
def test_organisations_always_consent(org: Stakeholder, scope: ConsentScope, on: date) -> None:
    """Organisations' data are not personal: processing is always allowed."""
    assert not org.is_person
    assert org.consents_to(scope, at=on)


@given(persons(), st.sampled_from(ConsentScope), dates())
def test_persons_consent_only_through_their_consent_record(
    person: Stakeholder, scope: ConsentScope, on: date
) -> None:
    """A person consents exactly as their consent record allows, and not at all without
    one."""
    assert person.is_person
    expected = person.consent is not None and person.consent.allows(scope, at=on)
    assert person.consents_to(scope, at=on) is expected


def _org(kinds: set[StakeholderKind], **changes: object) -> Stakeholder:
    return Stakeholder(
        id="x",
        name="X",
        helix=Helix.INDUSTRY,
        kinds=frozenset(kinds),
        country=Country.NO,
        **changes,  # type: ignore[arg-type]
    )


def test_who_is_an_sme() -> None:
    """SME and micro-firm kinds are SMEs, and so is any industry organisation of micro, small
    or medium size; large firms and persons are not."""
    assert _org({StakeholderKind.SME}).is_sme
    assert _org({StakeholderKind.MICRO_FIRM}).is_sme
    assert _org({StakeholderKind.COOPERATIVE}, size_class=SizeClass.MEDIUM).is_sme
    assert not _org({StakeholderKind.COOPERATIVE}, size_class=SizeClass.LARGE).is_sme
    assert not _org({StakeholderKind.LARGE_FIRM}).is_sme
    assert not _org({StakeholderKind.PRIVATE_PERSON}, size_class=SizeClass.SMALL).is_sme


def test_who_is_rnd() -> None:
    """Universities and research institutes are R&D, as is anyone with ``rnd_capacity``."""
    assert _org({StakeholderKind.UNIVERSITY}).is_rnd
    assert _org({StakeholderKind.RESEARCH_INSTITUTE}).is_rnd
    assert _org({StakeholderKind.SME}, rnd_capacity=True).is_rnd
    assert not _org({StakeholderKind.SME}).is_rnd


def test_active_between_joining_and_leaving() -> None:
    """A stakeholder is active from ``joined_on`` (inclusive) until ``left_on`` (exclusive)."""
    s = _org({StakeholderKind.SME}, joined_on=date(2019, 1, 1), left_on=date(2020, 1, 1))
    assert not s.active_on(date(2018, 12, 31))
    assert s.active_on(date(2019, 1, 1))
    assert s.active_on(date(2019, 12, 31))
    assert not s.active_on(date(2020, 1, 1))
    assert _org({StakeholderKind.SME}).active_on(date(1900, 1, 1))
