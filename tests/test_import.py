"""``import smice`` stays cheap: the heavy dependencies load only when first used.

Issue 10: ``import smice`` (and so every command, even ``smice --help``) took 6-8 s, 4 s of it
in ``rfc3987_syntax`` pulled in by ``jsonschema[format-nongpl]``. The names of the top-level
package are loaded lazily (PEP 562); these tests refuse a regression in a fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata

import pytest

import smice

HEAVY = ("jsonschema", "jsonschema_rs", "referencing", "rfc3987_syntax", "scipy", "networkx")


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.slow  # a fresh interpreter
def test_import_smice_loads_none_of_the_heavy_dependencies() -> None:
    loaded = _modules_after("import smice")

    assert set() == {name for name in HEAVY if name in loaded}


def test_smice_depends_on_its_format_checker_not_on_the_format_extras() -> None:
    """``jsonschema[format-nongpl]`` would bring ``rfc3987-syntax`` (4 s at import)."""
    requires = metadata.requires("smice") or []
    core = [r for r in requires if "extra ==" not in r]

    assert any(r.startswith("rfc3339-validator") for r in core)
    assert not any(r.startswith("jsonschema[") for r in core)


@pytest.mark.slow  # a fresh interpreter
def test_validating_loads_jsonschema_only_for_the_errors_and_never_a_lark_grammar() -> None:
    pytest.importorskip("jsonschema_rs")
    document = (
        "{'smice': 'arena/1', 'id': 'a', 'name': 'A', 'template': 'smice/base', "
        "'created_on': '2021-02-01'}"
    )
    valid = _modules_after(f"import smice\nsmice.validate({document}, 'arena')")
    invalid = _modules_after(
        f"import smice\nlist(smice.iter_errors({{**{document}, 'id': 1}}, 'arena'))"
    )

    assert "jsonschema_rs" in valid
    assert {"scipy", "jsonschema", "lark"}.isdisjoint(valid)
    assert "jsonschema" in invalid
    assert {"scipy", "lark"}.isdisjoint(invalid)


def test_every_public_name_resolves_and_is_listed() -> None:
    for name in smice.__all__:
        assert getattr(smice, name) is not None, name
    assert set(smice.__all__) <= set(dir(smice))
    assert smice.load_arena is smice.io.load_arena
    assert smice.network.__name__ == "smice.network"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        smice.no_such_thing  # noqa: B018
