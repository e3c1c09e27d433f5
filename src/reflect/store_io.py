"""Bytes on disk for the reflections store: read, serialise, write safely, lock.

Why each piece is the way it is (each of these was a real trap):

* **Only rename-into-place is safe.**  A truncated TOML file often still
  parses (one cut mid-write parsed with 946 of 400,000 entries), so a file is
  never written in place: the new bytes go to a temp file in the same folder,
  which is fsynced, renamed over the old one, and the folder fsynced.
* **Lock a separate file.**  An ``flock`` on the notes file stops excluding
  anyone once ``os.replace`` swaps its inode, so writers lock
  ``.<id>.toml.lock`` beside it (via ``filelock``).
* **Hand edits.**  Some editors add a UTF-8 BOM or CRLF line ends; tomllib
  rejects the BOM, so it is dropped before parsing.
* **Kills.**  A temp file orphaned by a kill is removed by the next writer of
  that article (it holds the lock, so no live writer owns the temp file) or by
  :func:`sweep_all`, which only touches articles whose lock it can take.
* **Array of tables.**  tomli-w writes a list of short tables inline; the
  ``[[reflections]]`` layout of DESIGN.md is kept by writing each entry as its
  own table (with tomli-w) one after another.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import tomli_w

from reflect import atomic
from reflect.errors import ReflectError
from reflect.store_model import Notes, NotesFileError
from reflect.store_toml import from_doc

LOCK_TIMEOUT = 30.0
TEMP_SUFFIX = atomic.TEMP_SUFFIX
_BOM = b"\xef\xbb\xbf"
_LINE = re.compile(r"at line (\d+)")
_WHERE = re.compile(r"\s*\(at [^)]*\)")

StatKey = tuple[int, int, int, int]
T = TypeVar("T")


def stat_key(st: os.stat_result) -> StatKey:
    """What identifies one version of a file well enough to skip re-reading it."""
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def read_file(path: Path) -> tuple[bytes, StatKey] | None:
    """The file's bytes and the stat of exactly those bytes; ``None`` if missing."""
    try:
        # Non-blocking open: a pipe or device where a notes file should be is
        # refused at once, never waited on (nor read for ever).
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise NotesFileError(path, "is a folder, not a notes file")
            if not stat.S_ISREG(st.st_mode):
                raise NotesFileError(path, "is not a regular file")
            f = open(fd, "rb")  # noqa: SIM115  (it owns fd from here: closed by the with)
        except BaseException:
            os.close(fd)
            raise
        with f:
            return f.read(), stat_key(st)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise NotesFileError(path, "is a folder, not a notes file") from None
    except OSError as error:
        raise NotesFileError(path, f"cannot be read ({error.strerror})") from None


def load_notes(
    path: Path, article_id: str, *, newer_ok: bool = False
) -> tuple[Notes, StatKey | None]:
    """The notes in ``path`` and the stat of the bytes read (``None``: no file).

    ``newer_ok`` reads a newer schema as far as this version can, to show only.
    """
    found = read_file(path)
    if found is None:
        return Notes(path=path, article_id=article_id), None
    doc, text = parse(found[0], path)
    try:
        return from_doc(doc, path, article_id, text, newer_ok=newer_ok), found[1]
    except OverflowError:  # a date-time at the edge of the calendar, moved to UTC
        raise NotesFileError(path, "holds a date-time out of range") from None


def parse(data: bytes, path: Path) -> tuple[dict[str, Any], str]:
    """Parse a notes file's bytes, tolerating a BOM and CRLF; returns (doc, text)."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise NotesFileError(path, "is not UTF-8 text", line) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        found = _LINE.search(str(error))
        problem = _WHERE.sub("", str(error)).strip().rstrip(".")
        raise NotesFileError(
            path,
            f"is not valid TOML ({problem[:1].lower()}{problem[1:]})",
            int(found.group(1)) if found else None,
        ) from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise NotesFileError(path, "is nested too deeply to read") from None
    except ValueError:  # an integer of thousands of digits
        raise NotesFileError(path, "holds a number too long to read") from None


def dumps(head: Mapping[str, Any], entries: Sequence[Mapping[str, Any]]) -> str:
    """The whole file: ``head`` (schema, [article], other keys) then one
    ``[[reflections]]`` table per entry, all formatted by tomli-w."""
    return join(head, [entry_chunk(entry) for entry in entries])


def join(head: Mapping[str, Any], chunks: Sequence[str]) -> str:
    """The whole file from ``head`` and already formatted entries (see :func:`entry_chunk`)."""
    return tomli_w.dumps(head) + "".join(chunks)


def entry_chunk(entry: Mapping[str, Any]) -> str:
    """One ``[[reflections]]`` table as text, with the blank line before it."""
    if all(_is_literal(v) for v in entry.values()):
        return "\n[[reflections]]\n" + tomli_w.dumps(entry)
    # Nested tables in a hand-edited entry: let tomli-w lay the entry out as
    # the array-of-tables member it is.
    from tomli_w._writer import Context, gen_table_chunks

    chunks = gen_table_chunks(entry, Context(False, 4), name="reflections", inside_aot=True)
    return "\n" + "".join(chunks)


class ChunkCache:
    """Formatted ``[[reflections]]`` tables of the entries last saved, per article,
    so a save formats only what changed (entries are immutable, so the same
    object always formats the same)."""

    def __init__(self) -> None:
        self._last: dict[str, dict[int, tuple[object, str]]] = {}

    def format(
        self,
        article_id: str,
        entries: Sequence[T],
        table: Callable[[T], Mapping[str, Any]],
    ) -> list[str]:
        """Each entry's chunk, reusing the last save's for the same objects."""
        before = self._last.get(article_id, {})
        after: dict[int, tuple[object, str]] = {}
        chunks: list[str] = []
        for entry in entries:
            hit = before.get(id(entry))
            chunk = hit[1] if hit is not None and hit[0] is entry else entry_chunk(table(entry))
            after[id(entry)] = (entry, chunk)  # holding entry keeps its id unique
            chunks.append(chunk)
        self._last[article_id] = after
        return chunks


def _is_literal(value: Any) -> bool:
    if isinstance(value, Mapping):
        return False
    return not (
        isinstance(value, list | tuple) and value and all(isinstance(v, Mapping) for v in value)
    )


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) with mode 0700; an existing notes
    folder that others could read is made private too (it holds only notes)."""
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        if st.st_mode & 0o077 and st.st_uid == os.getuid():
            os.chmod(folder, 0o700)
        return
    missing: list[Path] = []
    here = folder
    while not here.exists():
        missing.append(here)
        here = here.parent
    for part in reversed(missing):
        with contextlib.suppress(FileExistsError):
            part.mkdir(mode=0o700)
            os.chmod(part, 0o700)
    if not folder.is_dir():
        raise ReflectError(f"{folder}: is not a folder, so notes cannot be kept there.")


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> StatKey:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new
    file, never a torn one; returns the stat of the new file."""
    atomic.write_atomic(path, data, mode=mode)
    return stat_key(os.stat(path))


def lock_path(path: Path) -> Path:
    """The lock file for a notes file: beside it, never the file itself."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the writers' lock for ``path`` (another process waits up to ``timeout``)."""
    from filelock import FileLock, Timeout  # only writers pay for importing it

    lock = FileLock(
        lock_path(path), timeout=timeout, mode=0o600, thread_local=False, preserve_lock_file=True
    )
    try:
        lock.acquire()
    except Timeout:
        raise ReflectError(
            f"{path}: another reflect has been saving to it for {timeout:.0f} s; "
            "try again when it is done."
        ) from None
    try:
        yield
    finally:
        lock.release()


def sweep_temps(path: Path) -> int:
    """Remove temp files a killed writer left for ``path``; call with its lock held."""
    removed = 0
    prefix = atomic.temp_prefix(path)
    with os.scandir(path.parent) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(prefix) and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def sweep_all(folder: Path) -> int:
    """At start-up: remove orphaned temp files of every article not being saved now."""
    owners: set[str] = set()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith(".") and name.endswith(TEMP_SUFFIX) and ".toml." in name:
                    owners.add(name[1 : name.index(".toml.") + len(".toml")])
    except OSError:
        return 0
    from filelock import FileLock, Timeout

    removed = 0
    for owner in sorted(owners):
        target = folder / owner
        lock = FileLock(
            lock_path(target), timeout=0, mode=0o600, thread_local=False, preserve_lock_file=True
        )
        try:
            lock.acquire()
        except (Timeout, OSError):
            continue
        try:
            removed += sweep_temps(target)
        finally:
            lock.release()
    return removed


def is_regular(path: Path) -> bool:
    """Whether ``path`` is an ordinary file (not a folder, socket, ...)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
