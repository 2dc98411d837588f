"""The wheel works on its own: built, installed in a fresh virtual environment and used away
from the repository, it finds its bundled templates and schemas with importlib.resources.

Building needs ``hatchling`` and installing needs smice's dependencies: both come from the
configured package index (pip's own configuration), nothing from this checkout but the source.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import venv
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# One wheel per run: the module's tests share one worker under pytest-xdist (--dist loadfile,
# or loadgroup through the xdist_group mark).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = {
    "smice/py.typed",
    *(f"smice/schemas/{p.name}" for p in (ROOT / "src/smice/schemas").glob("*.json")),
    *(f"smice/templates/{p.name}" for p in (ROOT / "src/smice/templates").glob("*.json")),
}

#: What the arena document of the check changes in the shared small arena.
ARENA = {
    "id": "wheel-test",
    "name": "Arena in a fresh environment",
    "template": "smice/rural-community",
}

CHECK = textwrap.dedent(
    """
    import json, sys
    from importlib import resources
    from pathlib import Path

    import smice
    from smice.io import KINDS, schema

    here = Path.cwd().resolve()
    assert Path(smice.__file__).resolve().is_relative_to(Path(sys.prefix).resolve()), (
        smice.__file__
    )

    base = smice.load_template("smice/base")
    rural = smice.load_template("smice/rural-community")
    assert base.phase_plan().phase_ids[0] == "define", base.phase_plan().phase_ids
    assert rural.extends == "smice/base"

    arena = smice.load_arena("arena.json")
    assert arena.id == "wheel-test" and len(arena.stakeholders) == 2
    smice.validate(json.loads(Path("arena.json").read_text("utf-8")), "arena")
    try:
        smice.load_arena({**json.loads(Path("arena.json").read_text("utf-8")), "x": 1})
    except smice.DocumentInvalid as invalid:
        assert invalid.errors[0].pointer == ""
    else:
        raise AssertionError("an unknown key was accepted")

    folder = resources.files("smice") / "schemas"
    names = {entry.name for entry in folder.iterdir()}
    assert {f"{kind}.json" for kind in (*KINDS, "common")} <= names, names
    for kind in KINDS:
        assert schema(kind)["$id"] == f"https://smice.invalid/schemas/{kind}.json"
    print("ok", smice.__version__)
    """
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [built] = dist.glob("smice-*.whl")
    return built


def test_wheel_holds_the_package_data_and_nothing_else(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())

    assert names >= PACKAGE_DATA
    assert "smice/__init__.py" in names
    assert not [n for n in names if n.startswith(("tests/", "docs/", "examples/", "src/"))]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_installed_wheel_works_away_from_the_repository(
    wheel: Path,
    tmp_path_factory: pytest.TempPathFactory,
    arena_document: Callable[..., dict[str, Any]],
) -> None:
    work = tmp_path_factory.mktemp("elsewhere")
    environment = work / "venv"
    venv.create(environment, with_pip=False, symlinks=os.name != "nt")
    python = environment / ("Scripts" if os.name == "nt" else "bin") / "python"
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
        env=env,
    )
    (work / "arena.json").write_text(
        json.dumps(arena_document(**ARENA), ensure_ascii=False), encoding="utf-8"
    )
    (work / "check.py").write_text(CHECK, encoding="utf-8")

    checked = subprocess.run(
        [str(python), "-I", "check.py"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok ")

    command = environment / ("Scripts" if os.name == "nt" else "bin") / "smice"
    validated = subprocess.run(
        [str(command), "validate", "arena.json"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert (validated.returncode, validated.stderr) == (0, "")
    assert "arena.json" in validated.stdout
