"""A big book's text kept on disk, not in the reader's memory.

The outline child (:mod:`reflect.outline_worker`) writes each section's UTF-8
text into one temporary file as it finds it, and tells the reader where; the
reader reads a section back only to show or search it, a piece at a time.
So opening a 20 MB book costs its outline, not its text, and a 5 MB section
is never held whole.

The file is made in the user's cache folder (on disk, not a RAM-backed
``/tmp``) and unlinked at once (``O_TMPFILE`` where the file system has
it): nothing is left behind, whatever ends the process, and nothing else can
open it.  (On NFS,
which keeps an open unlinked file as a hidden ``.nfs…`` file until it is
closed, a process killed outright can leave one there, as every program
that uses temporary files can.)  It is closed when the last section that
refers to it is gone.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol


class SupportsFileno(Protocol):
    def fileno(self) -> int: ...


class SpoolFile:
    """The spool's open file: closed when the last section that refers to it
    is gone (by whoever holds it last, the reader's UI or its worker)."""

    __slots__ = ("_fd",)

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def fileno(self) -> int:
        return self._fd

    def __del__(self) -> None:
        os.close(self._fd)


def open_spool(folder: Path) -> SpoolFile | None:
    """A new unlinked file in ``folder`` (made private if missing), or None
    when one cannot be made there or handed to a child (the text then
    travels by pipe and is kept in memory)."""
    if os.name != "posix":  # a child inherits it by ``pass_fds``, POSIX only
        return None
    import fcntl

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = _unlinked_file(folder)
        try:
            # Not 0, 1 or 2, should the app have started without them: the
            # child's own stdin, stdout and stderr would take its place there.
            return SpoolFile(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 3))
        finally:
            os.close(fd)
    except OSError:
        return None


def _unlinked_file(folder: Path) -> int:
    """A private file in ``folder`` that no name leads to (``tempfile``'s way,
    without importing it before the first pane: it costs 5 ms there)."""
    flags = os.O_RDWR | os.O_CLOEXEC
    if hasattr(os, "O_TMPFILE"):
        try:
            return os.open(folder, flags | os.O_TMPFILE | os.O_EXCL, 0o600)
        except OSError:
            pass  # a file system without it: make one, then unlink it
    for _ in range(100):
        path = folder / f".reflect-spool-{os.urandom(8).hex()}"
        try:
            fd = os.open(path, flags | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            continue
        os.unlink(path)
        return fd
    raise FileExistsError(f"{folder}: no free name for a spool file")


class Spooled:
    """One section's UTF-8 text: ``size`` bytes at ``at`` in a spool file."""

    __slots__ = ("_file", "at", "size")

    def __init__(self, file: SupportsFileno, at: int, size: int) -> None:
        self._file = file  # kept open for as long as a section refers to it
        self.at = at
        self.size = size

    def read(self, start: int = 0, stop: int | None = None) -> bytes:
        """Bytes ``start:stop`` of the section's text (clipped to it, as a slice is)."""
        stop = self.size if stop is None else max(0, min(stop, self.size))
        start = max(0, start)
        parts: list[bytes] = []
        fd = self._file.fileno()
        while start < stop:
            part = os.pread(fd, stop - start, self.at + start)
            if not part:
                raise OSError(f"the reader's spool file ends early (at byte {self.at + start})")
            parts.append(part)
            start += len(part)
        return b"".join(parts)

    def fileno(self) -> int:
        """The spool file's descriptor (shared by every section in it)."""
        return self._file.fileno()

    def decoded(self) -> str:
        """The whole text as a string (for a short section: a long one is read a
        chunk at a time, :class:`reflect.section_body.SectionBody`)."""
        return self.read().decode("utf-8", "replace")

    def __repr__(self) -> str:
        return f"Spooled(at={self.at}, size={self.size})"
