"""Hostile review, issue 11 finding 4: consent is judged on the day of the use.

A consent dated in the future used to count as given when no day was named
(``Consent.allows(on=None)`` ignored ``given_on``), so a person who had only *promised*
consent was analysed, exported and suggested as a contact today.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from network.arenas import small_arena
from smice.domain import Arena, Consent, ConsentScope, Stakeholder
from smice.network import pseudonymise, suggest_contacts, to_graph
from smice.report._drawing import reportable_persons
from strategies import consents

TOMORROW = date.today() + timedelta(days=1)
ALL_SCOPES = frozenset(ConsentScope)
KEY = b"a-key-of-at-least-16-bytes"


def _promised(arena: Arena, given_on: date = TOMORROW) -> Arena:
    """*arena* where every person's consent covers everything but starts on *given_on*."""
    promise = Consent(scopes=ALL_SCOPES, given_on=given_on)
    people = tuple(
        attrs.evolve(s, consent=promise) if s.is_person else s for s in arena.stakeholders
    )
    return attrs.evolve(arena, stakeholders=people)


def test_a_consent_given_tomorrow_does_not_hold_today() -> None:
    consent = Consent(scopes=ALL_SCOPES, given_on=TOMORROW)
    for scope in ConsentScope:
        assert not consent.allows(scope)
        assert consent.allows(scope, at=TOMORROW)


@given(consents(), st.sampled_from(ConsentScope))
def test_no_day_means_today(consent: Consent, scope: ConsentScope) -> None:
    """Without a day, the answer is exactly the answer for today."""
    assert consent.allows(scope) is consent.allows(scope, at=date.today())


def test_persons_with_a_future_consent_are_not_analysed_today() -> None:
    G = to_graph(_promised(small_arena()))
    assert not [n for n, d in G.nodes(data=True) if d.get("is_person")]


def test_export_and_contact_are_judged_on_the_day_they_happen() -> None:
    """A graph of a future day still exports and suggests only persons whose consent to
    export or contact holds today: writing a file and suggesting a contact happen now."""
    G = to_graph(_promised(small_arena()), at=TOMORROW + timedelta(days=1))
    persons = [n for n, d in G.nodes(data=True) if d.get("is_person")]
    assert persons  # analysed for that day...
    for node in persons:
        assert "export" not in G.nodes[node]["consent"]
        assert "contact" not in G.nodes[node]["consent"]
    H = pseudonymise(G, KEY)
    assert not [n for n, d in H.nodes(data=True) if d.get("is_person")]  # ...never exported
    for item in suggest_contacts(G, k=50):
        for node in (item.source, item.target):
            assert not G.nodes[node].get("is_person")


def test_reports_show_no_person_whose_consent_starts_tomorrow() -> None:
    arena = _promised(small_arena())
    assert reportable_persons(arena, None) == frozenset()
    assert reportable_persons(arena, TOMORROW) == frozenset()


def test_a_person_whose_consent_was_withdrawn_yesterday_is_not_exported_today() -> None:
    yesterday = date.today() - timedelta(days=1)
    arena = small_arena()
    withdrawn = tuple(
        attrs.evolve(
            s,
            consent=Consent(scopes=ALL_SCOPES, given_on=date(2018, 1, 1), withdrawn_on=yesterday),
        )
        if s.is_person
        else s
        for s in arena.stakeholders
    )
    G = to_graph(attrs.evolve(arena, stakeholders=withdrawn), at=date(2019, 6, 1))
    persons: list[Stakeholder] = [s for s in withdrawn if s.is_person]
    assert all(p.id in G for p in persons)  # analysed for 2019, when they consented
    H = pseudonymise(G, KEY)
    assert not [n for n, d in H.nodes(data=True) if d.get("is_person")]
