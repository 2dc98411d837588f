"""The check-only walk of documents agrees with plain_json: what it lets through is plain,
bounded JSON that plain_json would return unchanged; everything plain_json refuses, it does
not let through (plain_json then reports it)."""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smice import DocumentInvalid
from smice.io._guard import (
    MAX_DEPTH,
    MAX_INTEGER,
    MAX_KEY,
    MAX_STRING,
    _is_plain_and_bounded,
    checked_json,
    plain_json,
)
from strategies import json_values


def _nested(levels: int) -> Any:
    """Arrays and objects nested *levels* deep (the outermost is level 1)."""
    document: Any = []
    for level in range(levels - 1):
        document = {"a": document} if level % 2 else [document]
    return document


BAD: list[Any] = [
    {"a": math.nan},
    {"a": [math.inf]},
    {"a": -math.inf},
    {"a": MAX_INTEGER + 1},
    [-MAX_INTEGER - 1],
    {"a": "x" * (MAX_STRING + 1)},
    {"k" * (MAX_KEY + 1): 1},
    {"a": "\ud800"},
    {"\udfff": 1},
    {1: "a"},
    {"a": (1, 2)},
    {"a": OrderedDict(b=1)},
    {"a": {1, 2}},
    {"a": object()},
    _nested(MAX_DEPTH + 1),
]


@pytest.mark.parametrize("document", BAD, ids=range(len(BAD)))
def test_what_plain_json_refuses_or_copies_is_not_let_through(document: Any) -> None:
    assert not _is_plain_and_bounded(document)
    try:
        copy = plain_json(document, "arena")
    except DocumentInvalid:
        return
    assert copy is not document  # a Mapping or a tuple: plain_json made it plain


@given(
    document=st.one_of(
        json_values(), st.lists(json_values()), st.dictionaries(st.text(), json_values())
    )
)
def test_plain_bounded_documents_are_let_through_unchanged(document: Any) -> None:
    if not isinstance(document, dict | list):
        return
    expected = plain_json(document, "arena")

    assert _is_plain_and_bounded(document)
    assert checked_json(document, "arena") is document
    assert expected == document


def test_large_finite_floats_and_the_integer_bounds_are_fine() -> None:
    assert _is_plain_and_bounded([1e300, -1e300, MAX_INTEGER, -MAX_INTEGER, True, None])
    assert _is_plain_and_bounded(_nested(MAX_DEPTH))
    assert _nested(MAX_DEPTH) == plain_json(_nested(MAX_DEPTH), "arena")
