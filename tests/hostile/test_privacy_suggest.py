"""Hostile review, issue 11 finding 2: contact suggestions honour consent as exports do.

``smice network --persons --suggest`` used to print "Karin Lind" as a shared contact although
she never consented to ``export`` or ``contact``, and suggested persons without consent to
export as contacts.
"""

from __future__ import annotations

import argparse
import re
from datetime import date

import attrs
import pytest
from hypothesis import given, settings

from smice.cli import network
from smice.domain import Arena, Consent, ConsentScope
from smice.io import load_arena
from smice.network import suggest_contacts, to_graph
from strategies import arenas

TUTORIAL = "examples/arenas/tutorial.json"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    parser = argparse.ArgumentParser(prog="smice")
    network.register(parser.add_subparsers())
    args = parser.parse_args(["network", *argv])
    assert args.run(args) == 0
    return capsys.readouterr().out


def _with_scopes(arena: Arena, scopes: frozenset[ConsentScope]) -> Arena:
    consent = Consent(scopes=scopes, given_on=date(1900, 1, 1))
    people = tuple(
        attrs.evolve(s, consent=consent) if s.is_person else s for s in arena.stakeholders
    )
    return attrs.evolve(arena, stakeholders=people)


def test_the_cli_names_no_person_without_consent(capsys: pytest.CaptureFixture[str]) -> None:
    """In the tutorial arena no person consented to export: none may be named or suggested."""
    arena = load_arena(TUTORIAL)
    out = _run(capsys, TUTORIAL, "--persons", "--suggest", "50")
    assert out.strip()
    for person in (s for s in arena.stakeholders if s.is_person):
        assert not person.consents_to(ConsentScope.EXPORT)
        assert person.name not in out
        assert not re.search(rf"(?<![\w-]){re.escape(person.id)}(?![\w-])", out), person.id


@pytest.mark.parametrize(
    ("scopes", "named"),
    [
        pytest.param({ConsentScope.NETWORK_ANALYSIS}, False, id="analysis only"),
        pytest.param({ConsentScope.NETWORK_ANALYSIS, ConsentScope.CONTACT}, False, id="contact"),
        pytest.param({ConsentScope.NETWORK_ANALYSIS, ConsentScope.EXPORT}, True, id="export"),
        pytest.param(
            {ConsentScope.NETWORK_ANALYSIS, ConsentScope.EXPORT, ConsentScope.CONTACT},
            True,
            id="export and contact",
        ),
    ],
)
def test_persons_appear_only_with_consent_to_export(
    scopes: set[ConsentScope], named: bool
) -> None:
    arena = _with_scopes(load_arena(TUTORIAL), frozenset(scopes))
    G = to_graph(arena)
    persons = {n for n, d in G.nodes(data=True) if d.get("is_person")}
    assert persons
    seen: set[object] = set()
    for item in suggest_contacts(G, k=100):
        seen |= {item.source, item.target, *item.shared}
        if not named:
            for person in arena.stakeholders:
                if person.is_person:
                    assert all(person.name not in reason for reason in item.reasons)
        # A person is suggested as a contact only with consent to contact as well.
        for end in (item.source, item.target):
            assert end not in persons or ConsentScope.CONTACT in scopes
    if not named:
        assert not seen & persons
    if ConsentScope.CONTACT in scopes and named:
        assert seen & persons  # the check above is not vacuous


@settings(max_examples=40, deadline=None)
@given(arenas(min_stakeholders=2, max_stakeholders=8))
def test_no_suggestion_involves_a_person_without_consent_to_export(arena: Arena) -> None:
    G = to_graph(arena)
    exported = {
        n
        for n, d in G.nodes(data=True)
        if not d.get("is_person") or "export" in d.get("consent", ())
    }
    for item in suggest_contacts(G, k=100):
        assert {item.source, item.target, *item.shared} <= exported
