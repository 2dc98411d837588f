"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from smice.errors import StorageError

__all__ = ["atomic_write_text", "check_writable", "storage_error"]

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EFBIG: "the file would be larger than allowed",
    errno.EROFS: "the file system is read-only",
}


def storage_error(action: str, path: str | os.PathLike[str], error: OSError) -> StorageError:
    """The :class:`~smice.errors.StorageError` for *error*, raised while trying to *action*
    *path*; a full disk says so in plain words."""
    if isinstance(error, StorageError):
        return error
    plain = _REASONS.get(error.errno or 0)
    detail = error.strerror or str(error)
    reason = f"{plain} ({detail})" if plain else detail
    return StorageError(action, os.fspath(path), reason)


def check_writable(path: str | os.PathLike[str]) -> Path:
    """*path* as a :class:`~pathlib.Path` if a file can be written there: not a directory or
    a special file, in a folder that exists. Checks only; creates nothing.

    Raises
    ------
    smice.errors.StorageError
        Naming the path and what is wrong with it.
    """
    target = Path(path)
    where = os.fspath(path)
    if "\x00" in where:
        raise StorageError("write", repr(where), "the path has a NUL character")
    if where.endswith(os.sep) or target.is_dir():
        raise StorageError("write", where, "it is a directory")
    if target.exists() and not target.is_file():
        raise StorageError("write", where, "it is not a regular file")
    folder = target.parent
    if not folder.is_dir():
        raise StorageError("write", where, f"the folder {str(folder)!r} does not exist")
    return target


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* to *path* through a temporary file, fsync and rename.

    On any failure the temporary file is removed and *path* is left as it was.

    Raises
    ------
    smice.errors.StorageError
        When the file cannot be written (a full disk says so).
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise storage_error("write", path, error) from None
    try:
        # mkstemp makes owner-only files; keep the old file's mode, or honour the umask.
        os.fchmod(handle, _mode_for(target))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise storage_error("write", path, error) from None
        raise
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
