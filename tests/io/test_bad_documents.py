"""The corpus of bad documents: each is refused with exactly the errors it should have.

Every file in ``tests/cases/bad/*.json`` is one case::

    {"kind": "arena" | "template" | "event" | "ruleset" | "experiment",
     "stage": "syntax" | "schema" | "domain",
     "description": "what is wrong, in a sentence",
     "document": <the document>          (or "text": "<raw JSON text>" for syntax cases),
     "expected_pointers": ["/stakeholders/0/helix", ...]}

A case passes when loading the document raises :class:`smice.DocumentInvalid` (and nothing
else) whose errors point at exactly ``expected_pointers`` (as a set), each with a message.
``stage`` says which line of defence must catch it: the JSON reader (``syntax``), the JSON
Schema (``schema``, so :func:`smice.iter_errors` finds the same pointers) or the cross-object
checks of the domain (``domain``, so the schema accepts the document).

Template documents that are well formed but make no sense are a different error,
:class:`smice.InvalidDefinition`; they live in ``tests/cases/bad/definitions/``.

Pointer conventions (RFC 6901) pinned here: a wrong value is pointed at itself; an unknown or
a missing key at the object holding it; a reference to something that does not exist at the
reference; a syntax error in JSON text at the whole document (``""``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

import smice
from smice import DocumentInvalid, InvalidDefinition

CASES = Path(__file__).resolve().parents[1] / "cases" / "bad"
KINDS = ("arena", "template", "event", "ruleset", "experiment")
STAGES = ("syntax", "schema", "domain")
CASE_KEYS = {"kind", "stage", "description", "document", "text", "expected_pointers"}


def _read(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return case


def _load(kind: str, source: object) -> None:
    """Load *source* the way a user would for a document of *kind*."""
    if kind == "arena":
        smice.load_arena(source)  # type: ignore[arg-type]
    elif kind == "template":
        smice.load_template(source)  # type: ignore[arg-type]
    else:
        smice.validate(source, kind)


def _source(case: Mapping[str, Any], folder: Path) -> object:
    if "text" in case:
        path = folder / "document.json"
        path.write_text(case["text"], encoding="utf-8")
        return path
    return case["document"]


BAD = sorted(CASES.glob("*.json"))
DEFINITIONS = sorted((CASES / "definitions").glob("*.json"))


def test_the_corpus_is_large_and_covers_every_kind_and_stage() -> None:
    cases = [_read(path) for path in BAD]
    assert len(cases) >= 45
    assert {case["kind"] for case in cases} == set(KINDS)
    assert {case["stage"] for case in cases} == set(STAGES)


@pytest.mark.parametrize("path", BAD, ids=[path.stem for path in BAD])
def test_case_file_is_well_formed(path: Path) -> None:
    """A case file that is itself malformed would make its test pass or fail for nothing."""
    case = _read(path)
    assert set(case) <= CASE_KEYS
    assert ("document" in case) != ("text" in case)
    assert case["kind"] in KINDS
    assert case["stage"] in STAGES
    assert (case["stage"] == "syntax") <= ("text" in case)
    assert "text" not in case or case["kind"] in {"arena", "template"}
    assert isinstance(case["description"], str)
    assert case["description"].strip()
    pointers = case["expected_pointers"]
    assert pointers
    assert all(isinstance(p, str) and (p == "" or p.startswith("/")) for p in pointers)


@pytest.mark.parametrize("path", BAD, ids=[path.stem for path in BAD])
def test_bad_document_is_refused_with_exactly_its_errors(path: Path, tmp_path: Path) -> None:
    case = _read(path)
    kind = case["kind"]
    source = _source(case, tmp_path)

    with pytest.raises(DocumentInvalid) as caught:
        _load(kind, source)

    invalid = caught.value
    assert type(invalid) is DocumentInvalid
    assert invalid.kind == kind
    assert set(case["expected_pointers"]) == {error.pointer for error in invalid.errors}
    for error in invalid.errors:
        assert error.message.strip(), error
        assert error.keyword, error
    if isinstance(source, Path):
        assert str(source) == invalid.source
        assert str(source) in str(invalid)


@pytest.mark.parametrize(
    "path",
    [p for p in BAD if _read(p)["stage"] != "syntax" and "document" in _read(p)],
    ids=lambda p: p.stem,
)
def test_schema_finds_schema_errors_and_accepts_domain_ones(path: Path) -> None:
    """``iter_errors`` reports what the schema catches, and only that."""
    case = _read(path)
    document, kind = case["document"], case["kind"]
    found = {error.pointer for error in smice.iter_errors(document, kind)}
    if case["stage"] == "domain":
        assert set() == found
        smice.validate(document, kind)
    elif not (isinstance(document, dict) and "extends" in document):
        # A template that extends another is checked leniently by load_template (it may
        # leave out what it inherits), so the strict schema finds more in it.
        assert set(case["expected_pointers"]) == found


def test_extensions_are_accepted_at_every_level() -> None:
    """The document of the 'extensions anywhere' case loads once its one unknown key goes."""
    case = _read(CASES / "arena-extensions-anywhere-unknown-key-once.json")
    document = case["document"]
    del document["flows"][0]["note"]

    arena = smice.load_arena(document)

    assert document == smice.dump_arena(arena)  # kept, every one of them


@pytest.mark.parametrize("path", DEFINITIONS, ids=[path.stem for path in DEFINITIONS])
def test_senseless_template_is_an_invalid_definition(path: Path) -> None:
    """A schema-valid template whose plan does not hold together is InvalidDefinition.

    ``expected_problems`` lists, for each problem, words its sentence must contain.
    """
    case = _read(path)
    assert case["description"].strip()
    smice.validate(case["document"], "template")  # well formed: not a DocumentInvalid

    with pytest.raises(InvalidDefinition) as caught:
        smice.load_template(case["document"], library=case.get("library"))

    problems = caught.value.problems
    assert len(case["expected_problems"]) == len(problems)
    for fragments in case["expected_problems"]:
        assert any(all(f in problem for f in fragments) for problem in problems), (
            fragments,
            problems,
        )
    assert str(case["document"]["id"]) in caught.value.what


def test_definition_corpus_is_not_empty() -> None:
    assert len(DEFINITIONS) >= 5


def test_each_missing_key_has_its_own_error() -> None:
    case = _read(CASES / "arena-missing-two-keys-of-a-visit.json")

    with pytest.raises(DocumentInvalid) as caught:
        smice.load_arena(case["document"])

    messages = sorted(error.message for error in caught.value.errors)
    assert len(messages) == 2
    assert "'entered_at'" in messages[0]
    assert "'phase'" in messages[1]


@pytest.mark.parametrize("document", [[], None], ids=["list", "null"])
def test_non_object_arena_document_in_memory_is_invalid(document: object) -> None:
    with pytest.raises(DocumentInvalid):
        smice.load_arena(document)  # type: ignore[arg-type]


def test_valid_arena_given_as_any_mapping_loads(
    arena_document: Callable[..., dict[str, Any]],
) -> None:
    arena = smice.load_arena(MappingProxyType(arena_document()))

    assert arena.id == "a1"
