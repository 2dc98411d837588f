"""What the command line writes: files (checked first, written atomically) and terminal text
with control characters made visible.

A name in an arena may hold any character; printed raw, ``ESC ]0;…`` retitles the terminal and
``ESC [2J`` clears it. Everything the command line prints about an arena goes through
:func:`visible`, and every error line through :func:`one_line`.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path
from typing import Any, Final, TextIO

__all__ = ["VisibleStream", "check_out", "one_line", "visible", "write_output"]

# C0 and C1 controls, DEL, and the invisible format characters that reorder or hide text
# (bidirectional overrides and isolates, zero-width and line/paragraph separators, BOM).
_CONTROL: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
_CONTROL_OR_NEWLINE: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def _escape(match: re.Match[str]) -> str:
    # \xNN for C0 controls (as the issue tracker and Python show them), \uNNNN for the rest,
    # which is also a valid escape inside a JSON string: JSON output stays JSON.
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def visible(text: str) -> str:
    r"""*text* with every control character (except newline and tab) written as an escape.

    Examples
    --------
    >>> print(visible("Bergs\x1b]0;pwned\x07 Sågverk\x00 \u202e"))
    Bergs\x1b]0;pwned\x07 Sågverk\x00 \u202e
    >>> visible("two\nlines")
    'two\nlines'
    """
    return _CONTROL.sub(_escape, text)


def one_line(text: str) -> str:
    r"""*text* on one line: control characters, newlines and tabs included, escaped.

    Examples
    --------
    >>> print(one_line("a\nb\x1b[2J"))
    a\x0ab\x1b[2J
    """
    return _CONTROL_OR_NEWLINE.sub(_escape, text)


class VisibleStream:
    """A text stream that writes to *stream* with :func:`visible` applied."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def check_out(out: str | os.PathLike[str]) -> Path:
    """Refuse an output path before any work is done (see
    :func:`smice.io._files.check_writable`)."""
    from smice.io._files import check_writable  # noqa: PLC0415  (keeps `smice --help` light)

    return check_writable(out)


def write_output(
    text: str, out: str | os.PathLike[str] | None, *, make_folder: bool = False
) -> None:
    """Write *text* to the file *out* atomically, or to stdout.

    The file's folder must exist, unless *make_folder* (for a default output path); a
    directory, a special file or a full disk is a :class:`~smice.errors.StorageError` and
    leaves *out* as it was.
    """
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from smice.io._files import atomic_write_text, check_writable  # noqa: PLC0415

    target = Path(out)
    if make_folder and not target.parent.exists():
        with contextlib.suppress(OSError):  # check_writable says what is wrong
            target.parent.mkdir(parents=True, exist_ok=True)
    check_writable(target)
    atomic_write_text(target, text)
    print(f"wrote {target}", file=sys.stderr)
