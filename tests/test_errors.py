"""The exception tree: fields, messages built from them, and pickling."""

from __future__ import annotations

import importlib
import pickle
import pkgutil

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import smice
import smice.errors
from smice.errors import (
    ArenaNotReplayable,
    DocumentError,
    DocumentInvalid,
    EventRefused,
    InvalidDefinition,
    InvalidValue,
    JournalConflict,
    MissingExtra,
    NotFound,
    RuleSyntaxError,
    SmiceError,
    StorageError,
    UnknownId,
    pointer_from_path,
)


@attrs.frozen
class Reason:
    """A picklable stand-in for a criterion result: anything with a ``message``."""

    message: str


@attrs.frozen
class Located:
    """A stand-in for a refusal: a message and a pointer into the event document."""

    message: str
    pointer: str


BAD_HELIX = DocumentError("/stakeholders/3/helix", "expected one of 'industry'", "enum")
NO_ID = DocumentError("/ties/0", "expected the key 'id', got an object without it", "required")


def test_every_error_is_a_smice_error_and_a_fitting_builtin() -> None:
    """Every error derives from SmiceError and, where the meaning fits, from a builtin, so
    ``except ValueError`` / ``except KeyError`` keep working."""
    expected = {
        DocumentInvalid: ValueError,
        InvalidDefinition: ValueError,
        InvalidValue: ValueError,
        NotFound: LookupError,
        UnknownId: KeyError,
        EventRefused: Exception,
        JournalConflict: Exception,
        StorageError: OSError,
        RuleSyntaxError: ValueError,
        ArenaNotReplayable: ValueError,
    }
    for error, builtin in expected.items():
        assert issubclass(error, SmiceError)
        assert issubclass(error, builtin)
    assert smice.SmiceError is SmiceError
    assert smice.DocumentInvalid is DocumentInvalid


def _error_classes() -> set[type[SmiceError]]:
    return {
        cls
        for name in smice.errors.__all__
        if isinstance(cls := getattr(smice.errors, name), type) and issubclass(cls, SmiceError)
    }


def test_every_error_is_an_attrs_class_in_smice_errors_and_at_the_root() -> None:
    """One home for the exception tree: each error is an attrs class (fields are data) defined
    in ``smice.errors`` and re-exported by ``smice``."""
    for cls in _error_classes() - {SmiceError}:
        assert attrs.has(cls), cls
        assert cls.__module__ == "smice.errors"
        assert getattr(smice, cls.__name__) is cls
        assert cls.__name__ in smice.__all__


def test_no_public_error_class_is_defined_outside_smice_errors() -> None:
    """A SmiceError subclass defined in another module would be a second home."""
    strays = set()
    for module in pkgutil.walk_packages(smice.__path__, prefix="smice."):
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            stray = isinstance(value, type) and issubclass(value, SmiceError)
            if stray and value.__module__ != "smice.errors":
                strays.add(f"{value.__module__}.{value.__qualname__}")
    assert strays == set()


def test_document_error_fields_and_text() -> None:
    """A DocumentError is pointer, message and keyword; ``str`` shows pointer then message
    (``/`` for the whole document); equality and hashing use all three."""
    assert (BAD_HELIX.pointer, BAD_HELIX.message, BAD_HELIX.keyword) == (
        "/stakeholders/3/helix",
        "expected one of 'industry'",
        "enum",
    )
    assert str(BAD_HELIX) == "/stakeholders/3/helix: expected one of 'industry'"
    assert str(DocumentError("", "expected JSON")) == "/: expected JSON"
    assert DocumentError("", "m").keyword == ""
    twin = DocumentError("/stakeholders/3/helix", "expected one of 'industry'", "enum")
    assert twin == BAD_HELIX
    assert hash(twin) == hash(BAD_HELIX)
    assert DocumentError("/a", "m", "x") != DocumentError("/a", "m", "y")
    assert BAD_HELIX != "not an error"
    assert repr(NO_ID).startswith("DocumentError(pointer='/ties/0'")


def test_document_invalid_shows_the_first_error_and_counts_the_rest() -> None:
    """DocumentInvalid keeps kind, errors (as a tuple) and source; its text names the kind,
    the source, the first error and how many more there are."""
    one = DocumentInvalid("arena", [BAD_HELIX])
    assert (one.kind, one.errors, one.source) == ("arena", (BAD_HELIX,), None)
    assert str(one) == "invalid arena document: /stakeholders/3/helix: expected one of 'industry'"
    two = DocumentInvalid("arena", [BAD_HELIX, NO_ID], "jh.json")
    assert str(two).startswith("invalid arena document (jh.json): /stakeholders/3/helix")
    assert str(two).endswith("(and 1 more error)")
    three = DocumentInvalid("template", [BAD_HELIX, NO_ID, NO_ID])
    assert str(three).endswith("(and 2 more errors)")


def test_errors_without_content_are_refused() -> None:
    """An error that would say nothing cannot be built."""
    with pytest.raises(ValueError, match="at least one error"):
        DocumentInvalid("arena", [])
    with pytest.raises(ValueError, match="at least one problem"):
        InvalidDefinition("template 'x/y'", [])
    with pytest.raises(ValueError, match="at least one reason"):
        EventRefused("phase_advanced", [])


def test_invalid_definition_lists_every_problem() -> None:
    """InvalidDefinition names the definition and joins its problems."""
    error = InvalidDefinition("template 'x/y'", ["a", "b"])
    assert (error.what, error.problems) == ("template 'x/y'", ("a", "b"))
    assert str(error) == "invalid template 'x/y': a; b"


def test_event_refused_gives_every_reason() -> None:
    """EventRefused names the event type and each reason's message."""
    error = EventRefused("phase_advanced", [Reason("needs 3 themes"), Reason("no core map")])
    assert error.event_type == "phase_advanced"
    assert error.reasons == (Reason("needs 3 themes"), Reason("no core map"))
    assert str(error) == "event 'phase_advanced' refused: needs 3 themes; no core map"


def test_event_refused_in_a_batch_says_where_and_which() -> None:
    """In a batch, EventRefused keeps the event's index and id, points at ``/events/<index>``
    and says so; a reason with a pointer shows it before its message."""
    error = EventRefused("phase_advanced", [Reason("needs 3 themes")], event_id="e-17", index=4)
    assert (error.event_id, error.index, error.pointer) == ("e-17", 4, "/events/4")
    assert str(error) == "event 'phase_advanced' refused at /events/4 (id 'e-17'): needs 3 themes"
    single = EventRefused("phase_advanced", [Reason("needs 3 themes")])
    assert (single.event_id, single.index, single.pointer) == (None, None, "")
    located = EventRefused("tie_added", [Located("no stakeholder 'x'", "/payload/source")])
    assert str(located) == "event 'tie_added' refused: /payload/source: no stakeholder 'x'"


def test_journal_conflict_says_what_was_expected_and_found() -> None:
    """JournalConflict carries both versions."""
    error = JournalConflict(3, 5)
    assert (error.expected, error.actual) == (3, 5)
    assert str(error) == "journal conflict: expected version 3, found 5"


def test_invalid_value_says_expected_and_got_with_its_type() -> None:
    """InvalidValue reads "'name' must be <expected> (got <repr> that is a <type>)", and
    shortens long values to 80 characters."""
    error = InvalidValue("weight", "a non-negative number", -1.0)
    assert (error.name, error.expected, error.got) == ("weight", "a non-negative number", -1.0)
    assert str(error) == "'weight' must be a non-negative number (got -1.0 that is a <float>)"
    long = InvalidValue("name", "a string of at most 200 characters", "x" * 300)
    shown = str(long).split("(got ", 1)[1].split(" that is", 1)[0]
    assert len(shown) == 80
    assert shown.endswith("...")


def test_storage_error_says_what_could_not_be_done_where() -> None:
    """StorageError (an OSError) names the action, the path and the reason."""
    error = StorageError("write", "out/arena.json", "No such file or directory")
    assert (error.action, error.path, error.reason) == (
        "write",
        "out/arena.json",
        "No such file or directory",
    )
    assert str(error) == "cannot write out/arena.json: No such file or directory"


def test_not_found_lists_what_is_known() -> None:
    """NotFound names what was looked for and, when known, the alternatives."""
    error = NotFound("template", "smice/nope", ["smice/base", "smice/rural-community"])
    assert (error.what, error.name) == ("template", "smice/nope")
    assert error.available == ("smice/base", "smice/rural-community")
    assert str(error) == "no template 'smice/nope' (known: smice/base, smice/rural-community)"
    assert str(NotFound("file", "x.json")) == "no file 'x.json'"


def test_rule_syntax_error_keeps_its_place_and_cuts_long_text() -> None:
    """RuleSyntaxError carries message, column, text, pointer and source; ``located`` places a
    copy in a document; a long expression is kept to 240 characters."""
    error = RuleSyntaxError("unexpected ')'", 3, "x )")
    assert (error.message, error.column, error.text, error.pointer, error.source) == (
        "unexpected ')'",
        3,
        "x )",
        "",
        None,
    )
    assert str(error) == "column 3: unexpected ')'"
    placed = error.located("/rules/0/when", "rules.json")
    assert (placed.pointer, placed.source, placed.column) == ("/rules/0/when", "rules.json", 3)
    assert str(placed) == "rules.json: /rules/0/when, column 3: unexpected ')'"
    assert error.pointer == ""  # the original is unchanged
    assert len(RuleSyntaxError("m", 1, "x" * 1000).text) == 240


def test_arena_not_replayable_points_into_the_arena_document() -> None:
    """ArenaNotReplayable names the place (an RFC 6901 pointer) and the reason."""
    error = ArenaNotReplayable("/cycles/0/end_reason", "only an abandoned cycle has one")
    assert (error.pointer, error.reason) == (
        "/cycles/0/end_reason",
        "only an abandoned cycle has one",
    )
    assert str(error) == (
        "cannot decompose the arena at /cycles/0/end_reason: only an abandoned cycle has one"
    )
    assert str(ArenaNotReplayable("", "r")) == "cannot decompose the arena at /: r"


def test_errors_take_notes() -> None:
    """Errors are not frozen: Python (and Hypothesis, pytest) may add notes to them."""
    error = JournalConflict(3, 5)
    error.add_note("while appending batch 2")
    assert error.__notes__ == ["while appending batch 2"]


def test_unknown_id_reads_as_a_sentence_not_a_key_repr() -> None:
    """UnknownId is a KeyError whose text is a sentence (KeyError would show a repr)."""
    error = UnknownId("stakeholder", "s-404")
    assert (error.what, error.id) == ("stakeholder", "s-404")
    assert str(error) == "no stakeholder with id 's-404'"
    with pytest.raises(KeyError):
        raise error


PICKLABLE = [
    DocumentInvalid("arena", [BAD_HELIX, NO_ID], "jh.json"),
    DocumentInvalid("template", [NO_ID]),
    InvalidDefinition("template 'x/y'", ["a", "b"]),
    JournalConflict(3, 5),
    InvalidValue("weight", "a number", float("inf")),
    NotFound("template", "smice/nope", ["smice/base"]),
    UnknownId("cycle", "c9"),
    EventRefused("phase_advanced", [Reason("needs 3 themes"), Reason("no core map")]),
    EventRefused("tie_added", [Located("no 'x'", "/payload/source")], event_id="e-1", index=2),
    StorageError("write", "out/arena.json", "No such file or directory"),
    RuleSyntaxError("unexpected ')'", 3, "x )", pointer="/rules/0/when", source="r.json"),
    ArenaNotReplayable("/cycles/0/end_reason", "only an abandoned cycle has one"),
    MissingExtra("pandas", "facts_frame()"),
    SmiceError("plain"),
]


def _fields(error: BaseException) -> dict[str, object]:
    names = (
        "kind",
        "errors",
        "source",
        "what",
        "problems",
        "expected",
        "actual",
        "name",
        "got",
        "available",
        "id",
        "event_type",
        "reasons",
        "event_id",
        "index",
        "action",
        "path",
        "reason",
        "message",
        "column",
        "text",
        "pointer",
    )
    return {n: getattr(error, n) for n in names if hasattr(error, n)}


@pytest.mark.parametrize("error", PICKLABLE, ids=lambda e: type(e).__name__)
def test_errors_survive_pickling(error: SmiceError) -> None:
    """Errors cross process boundaries (multiprocessing, dask) with their type, fields and
    text intact."""
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert _fields(copy) == _fields(error)
    assert str(copy) == str(error)


def test_document_error_survives_pickling() -> None:
    """DocumentError (a frozen attrs value) pickles with its three fields."""
    assert pickle.loads(pickle.dumps(BAD_HELIX)) == BAD_HELIX


def test_every_error_class_has_a_pickling_case() -> None:
    """Each error class of ``smice.errors`` is in the pickling cases above (so a new error
    cannot skip them)."""
    assert _error_classes() == {type(error) for error in PICKLABLE}


@given(st.lists(st.one_of(st.text(max_size=6), st.integers(0, 99)), max_size=5))
def test_pointer_from_path_escapes_per_rfc_6901(path: list[str | int]) -> None:
    """Each token becomes ``/token`` with ``~`` written ``~0`` and ``/`` written ``~1``
    (RFC 6901 §3), so the pointer splits back into the path."""
    pointer = pointer_from_path(path)
    assert pointer == "" if not path else pointer.startswith("/")
    tokens = pointer.split("/")[1:]
    assert [t.replace("~1", "/").replace("~0", "~") for t in tokens] == [str(p) for p in path]


def test_pointer_from_path_examples() -> None:
    """Examples from RFC 6901 §5: ``a/b`` is ``/a~1b`` and ``m~n`` is ``/m~0n``."""
    assert pointer_from_path(["a/b"]) == "/a~1b"
    assert pointer_from_path(["m~n"]) == "/m~0n"
    assert pointer_from_path(["~1"]) == "/~01"
    assert pointer_from_path(["stakeholders", 3, "helix"]) == "/stakeholders/3/helix"
