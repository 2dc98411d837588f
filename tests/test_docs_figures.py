"""Every figure a docs page shows is drawn at build time by the code it documents."""

from __future__ import annotations

import re
import types
import xml.etree.ElementTree as ET
from pathlib import Path

from docs import conf

DOCS = Path(__file__).resolve().parent.parent / "docs"
_FIGURE = re.compile(r"_generated/([\w.-]+\.svg)")


def test_every_figure_shown_is_written_by_the_build(tmp_path: Path) -> None:
    shown = {
        name for page in DOCS.rglob("*.md") for name in _FIGURE.findall(page.read_text("utf-8"))
    }
    assert {"phase-machine-5-D.svg", "network-jamtland-trondelag.svg"} <= shown
    conf._write_figures(types.SimpleNamespace(srcdir=str(tmp_path)))  # type: ignore[arg-type]
    written = {path.name for path in (tmp_path / "_generated").glob("*.svg")}
    assert shown <= written, sorted(shown - written)
    for name in written:
        root = ET.fromstring((tmp_path / "_generated" / name).read_text("utf-8"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
