"""The fast builders of domain values agree with cattrs on every document they accept.

:func:`smice.io._convert.structure` builds schema-valid documents with one small builder per
attrs class and falls back to the cattrs converter on any surprise; these tests pin the fast
builders to cattrs (the plain path) on generated values of every domain type and on arenas.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smice import DocumentInvalid
from smice.domain import Arena, Stakeholder
from smice.io._convert import _builder, _converter, structure, unstructure
from smice.process.events import PAYLOADS
from strategies import BY_TYPE, arenas

CLASSES = sorted(
    {cls for cls in BY_TYPE if attrs.has(cls)}
    | {cls for cls in PAYLOADS.values() if cls is not None and cls in BY_TYPE},
    key=lambda cls: cls.__name__,
)


@pytest.mark.parametrize("cls", CLASSES, ids=[cls.__name__ for cls in CLASSES])
@settings(max_examples=15)
@given(data=st.data())
def test_the_fast_builder_and_cattrs_build_the_same_value(cls: type, data: st.DataObject) -> None:
    value = data.draw(BY_TYPE[cls])
    document = unstructure(value)

    fast = _builder(cls)(document)

    assert _converter().structure(document, cls) == fast
    assert value == fast


@settings(max_examples=20)
@given(arena=arenas(max_stakeholders=8))
def test_the_fast_builder_rebuilds_whole_arenas(arena: Arena) -> None:
    assert arena == _builder(Arena)(unstructure(arena))


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"helix": "nobody"}, "/helix"),  # not a member of the vocabulary
        ({"colour": "red"}, ""),  # an unknown key
        ({"id": "has space"}, "/id"),  # a field invariant
    ],
)
def test_a_document_the_fast_builder_refuses_gets_the_errors_of_cattrs(
    change: dict[str, Any], pointer: str
) -> None:
    document = {
        "id": "s1",
        "name": "Sawmill",
        "helix": "industry",
        "kinds": ["sme"],
        "country": "NO",
        **change,
    }

    with pytest.raises(DocumentInvalid) as caught:
        structure(document, Stakeholder, "arena")

    assert [pointer] == [e.pointer for e in caught.value.errors]
