"""The fast validation path (jsonschema-rs) gives jsonschema's verdict on every document.

:func:`smice.validate` asks jsonschema-rs whether a document is valid and asks jsonschema for
the located errors only when it is not; so the two must agree on every document, or an invalid
document would pass (or a valid one be refused with no errors to show). These tests compare
the two verdicts on the corpus of bad documents, on the bundled and example documents, on
random mutations of all of them and of generated arenas, and on strings near the formats and
patterns the schemas use. They also pin the pure-Python fallback used where jsonschema-rs has
no wheel.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smice
from smice.io import dump_arena, schemas
from smice.io._guard import plain_json
from strategies import arenas, format_strings, mutated_documents

pytest.importorskip("jsonschema_rs")

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases" / "bad"


def _verdicts(document: Any, kind: str, partial: bool = False) -> tuple[bool, bool]:
    fast = schemas._fast(kind, partial)
    assert fast is not None
    plain = plain_json(document, kind)
    return bool(fast.is_valid(plain)), not schemas._raw_errors(plain, kind, partial)


def _assert_agree(document: Any, kind: str, partial: bool = False) -> None:
    fast, slow = _verdicts(document, kind, partial)
    assert slow == fast, f"jsonschema says valid={slow}, jsonschema-rs says valid={fast}"


def _corpus() -> Iterator[tuple[str, str, Any]]:
    for path in sorted(CASES.glob("*.json")):
        case = json.loads(path.read_text("utf-8"))
        if "document" in case:
            yield path.stem, case["kind"], case["document"]


def _examples() -> Iterator[tuple[str, str, Any]]:
    package = resources.files("smice")
    for kind, folder in (("template", "templates"), ("ruleset", "rulesets")):
        for entry in sorted(package.joinpath(folder).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".json"):
                yield entry.name, kind, json.loads(entry.read_text("utf-8"))
    for path in sorted((ROOT / "examples" / "arenas").glob("*.json")):
        yield path.name, "arena", json.loads(path.read_text("utf-8"))
    for path in sorted((ROOT / "examples" / "experiments").glob("*.json")):
        yield path.name, "experiment", json.loads(path.read_text("utf-8"))
    for path in sorted((ROOT / "examples" / "journals").glob("*.jsonl")):
        lines = path.read_text("utf-8").splitlines()
        for number in (0, 1, len(lines) // 2, len(lines) - 1):
            yield f"{path.name}:{number + 1}", "event", json.loads(lines[number])


CORPUS = list(_corpus())
EXAMPLES = list(_examples())


@pytest.mark.parametrize(
    ("kind", "document"), [(k, d) for _, k, d in CORPUS], ids=[n for n, _, _ in CORPUS]
)
def test_both_validators_agree_on_the_corpus_of_bad_documents(kind: str, document: Any) -> None:
    try:
        plain_json(document, kind)
    except smice.DocumentInvalid:
        pytest.skip("refused before any schema sees it")
    _assert_agree(document, kind)


@pytest.mark.parametrize(
    ("kind", "document"), [(k, d) for _, k, d in EXAMPLES], ids=[n for n, _, _ in EXAMPLES]
)
def test_both_validators_accept_the_bundled_and_example_documents(
    kind: str, document: Any
) -> None:
    assert _verdicts(document, kind, partial="extends" in document) == (True, True)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_both_validators_agree_on_mutations_of_the_corpus_and_the_examples(
    data: st.DataObject,
) -> None:
    _, kind, document = data.draw(st.sampled_from(CORPUS + EXAMPLES))
    mutated = data.draw(mutated_documents(document))
    _assert_agree(
        mutated, kind, partial=kind in ("template", "ruleset") and data.draw(st.booleans())
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(arena=arenas(max_stakeholders=4), data=st.data())
def test_both_validators_agree_on_generated_arenas_and_their_mutations(
    arena: smice.Arena, data: st.DataObject
) -> None:
    document = dump_arena(arena)
    assert _verdicts(document, "arena") == (True, True)
    _assert_agree(data.draw(mutated_documents(document)), "arena")


_ARENA: Any = {
    "smice": "arena/1",
    "id": "a",
    "name": "A",
    "template": "smice/base",
    "created_on": "2021-02-01",
}
_EVENT: Any = {
    "type": "phase_advanced",
    "id": "e-7",
    "cycle": "c1",
    "at": "2019-03-01T10:00:00+01:00",
    "recorded_by": "fac-1",
}


@settings(max_examples=150)
@given(text=format_strings(), member=st.sampled_from(["created_on", "name", "id", "template"]))
def test_both_validators_agree_on_strings_near_formats_and_patterns(
    text: str, member: str
) -> None:
    _assert_agree({**_ARENA, member: text}, "arena")


@settings(max_examples=150)
@given(text=format_strings(), member=st.sampled_from(["at", "id", "recorded_by"]))
def test_both_validators_agree_on_event_strings(text: str, member: str) -> None:
    _assert_agree({**_EVENT, member: text}, "event")


@pytest.mark.parametrize(
    ("member", "text", "valid"),
    [
        # RFC 3339 section 5.6: full-date is a real date; date-time needs time-offset.
        ("created_on", "2021-02-30", False),
        ("created_on", "yesterday", False),
        ("created_on", "2020-02-29", True),  # 2020 is a leap year
        ("created_on", "2021-02-29", False),
        ("created_on", "0000-01-01", False),  # RFC 3339 allows it; a Python date cannot be
        ("created_on", "2021-02-01\n", False),
        ("created_on", "٢٠٢١-02-01", False),  # ARABIC-INDIC digits are not DIGIT (RFC 5234)
        # ECMA-262 section 22.2.2.9: \S excludes U+FEFF; U+001C and U+0085 are not spaces.
        ("name", "\ufeff", False),
        ("name", "\u00a0", False),
        ("name", "\x1c", True),
        ("name", "\x85", True),
    ],
)
def test_formats_and_patterns_follow_rfc_3339_and_ecma_262(
    member: str, text: str, valid: bool
) -> None:
    assert _verdicts({**_ARENA, member: text}, "arena") == (valid, valid)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2019-03-01T10:00:00+01:00", True),
        ("2019-03-01t10:00:00z", True),  # RFC 3339 section 5.6, NOTE: "T" and "Z" may be lower
        ("yesterday", False),
        ("2021-02-30T10:00:00Z", False),
        ("2019-03-01T10:00:00", False),  # no offset
        ("2019-03-01T24:00:00Z", False),
        ("2016-12-31T23:59:60Z", False),  # a real leap second, which a datetime cannot hold
        ("0000-01-01T10:00:00Z", False),
        ("2019-03-01T10:00:00Z\n", False),
    ],
)
def test_date_times_follow_rfc_3339(text: str, valid: bool) -> None:
    assert _verdicts({**_EVENT, "at": text}, "event") == (valid, valid)


def test_every_format_the_schemas_use_has_one_check_for_both_validators() -> None:
    """A format that jsonschema-rs knows but the pure-Python checker lacks would split them."""
    used: set[str] = set()
    stack: list[Any] = [schemas.schema(kind) for kind in schemas.KINDS]
    stack.append(json.loads(resources.files("smice").joinpath("schemas/common.json").read_text()))
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("format"), str):
                used.add(node["format"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)

    assert used <= set(schemas._FORMAT_CHECKS)


@pytest.fixture
def without_fast_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(schemas, "_fast_module", lambda: None)
    schemas._fast.cache_clear()
    yield
    schemas._fast.cache_clear()


@pytest.mark.usefixtures("without_fast_path")
@pytest.mark.parametrize(
    ("pointer", "document", "kind"),
    [
        ("/created_on", {**_ARENA, "created_on": "2021-02-30"}, "arena"),
        ("/created_on", {**_ARENA, "created_on": "yesterday"}, "arena"),
        ("/at", {**_EVENT, "at": "yesterday"}, "event"),
        ("/at", {**_EVENT, "at": "2021-02-30T10:00:00+01:00"}, "event"),
    ],
)
def test_without_jsonschema_rs_a_bad_date_is_still_refused(
    pointer: str, document: Any, kind: str
) -> None:
    assert schemas._fast(kind) is None

    with pytest.raises(smice.DocumentInvalid) as caught:
        smice.validate(document, kind)

    assert {pointer} == {e.pointer for e in caught.value.errors}
    smice.validate(
        {**document, pointer[1:]: _ARENA["created_on"] if kind == "arena" else _EVENT["at"]}, kind
    )


@pytest.mark.parametrize(
    ("pointer", "document", "kind"),
    [
        ("/created_on", {**_ARENA, "created_on": "2021-02-30"}, "arena"),
        ("/created_on", {**_ARENA, "created_on": "yesterday"}, "arena"),
        ("/at", {**_EVENT, "at": "yesterday"}, "event"),
    ],
)
def test_with_jsonschema_rs_a_bad_date_is_refused_with_its_pointer(
    pointer: str, document: Any, kind: str
) -> None:
    assert schemas._fast(kind) is not None

    with pytest.raises(smice.DocumentInvalid) as caught:
        smice.validate(document, kind)

    assert {pointer} == {e.pointer for e in caught.value.errors}
