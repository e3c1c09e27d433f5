"""Writing a file so that a crash or kill leaves the old file or the new one,
never a torn one: the bytes go to a temp file in the same folder, are fsynced,
then renamed (or linked) into place, and the folder is fsynced.

Every file reflect writes goes through here: notes (via the store, which adds
its lock and merge), the library's cache, preferences and imported articles.
Temp files are named ``.<name>.<random>.tmp`` so the store can find and sweep
the ones a killed writer left behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    """The name every temp file for ``path`` starts with."""
    return f".{path.name}."


def write_atomic(path: Path, data: bytes, *, mode: int = 0o600, replace: bool = True) -> None:
    """Put ``data`` at ``path`` durably and atomically.

    With ``replace`` false an existing file is never touched: the new file is
    linked into place and :class:`FileExistsError` says someone was first.
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=TEMP_SUFFIX)
    linked = False
    try:
        with open(fd, "wb", closefd=True) as handle:
            handle.write(data)
            handle.flush()
            if mode != 0o600:  # mkstemp made it 0600
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        if replace:
            os.replace(temp, path)
        else:
            os.link(temp, path)
            linked = True
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if linked:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
