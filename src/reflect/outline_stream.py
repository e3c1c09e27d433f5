"""An article's complete outline, streamed: title first, then each section.

Small articles are split in this process (it takes milliseconds).  Big ones
are split by a child process (:mod:`reflect.outline_worker`) on another core,
so the reader's UI never competes with the parser for the interpreter lock.
The child also hands over each section's own text, so this process reads no
more of the file than its preview and never holds a big book as one string:
given a folder for it, the child writes the text to a spool file there
(:mod:`reflect.spool`) and each section is read back from disk only when it
is shown or searched; without one, each section keeps the UTF-8 the child
sent (a byte for each ASCII character, however many curly quotes or emoji it
has), checked but decoded only when used
(:attr:`reflect.article.Section.markdown`).  Should the child fail in any way,
the work is done here instead, from the first section it did not send: the
outline is the same either way, only slower.
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import threading
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeGuard

from reflect.errors import ReflectError

if TYPE_CHECKING:
    from reflect.article import Section
    from reflect.spool import SpoolFile

# The article modules (and markdown-it-py) are imported where they are used:
# ``reflect PATH`` starts the child for a big book before its own imports, so
# that the child parses on another core while this process imports Textual.

CHILD_FROM_BYTES = 512 * 1024


class OutlineStream:
    """Iterate for the title (a ``str``) and then every :class:`Section`, in
    reading order; :attr:`digest` is set once done.

    Each section's offsets refer to its own ``text``: the whole article's
    string when split here, the section's own text when a child split it.

    Raises :class:`ReflectError` (one sentence) when the file cannot be read.
    """

    def __init__(
        self, path: Path, *, child_from: int = CHILD_FROM_BYTES, spool_dir: Path | None = None
    ) -> None:
        self.path = path
        self.child_from = child_from
        self.spool_dir = spool_dir
        """Where a child may keep the sections' text on disk (None: it sends them)."""
        self.digest = ""
        """The digest of the article's Markdown, as the notes file records it."""
        self.used_child = False
        """Whether a child process found the outline (for tests and benchmarks)."""
        self._child: subprocess.Popen[bytes] | None = None
        self._out: _Drained | None = None
        self._spool: SpoolFile | None = None
        self._spawned = False

    def start(self) -> OutlineStream:
        """Start the child now (for a big file), so it parses while the app starts.

        Iterating later reads what it has found meanwhile; :meth:`close` ends a
        child that is never read.
        """
        if not self._spawned and _size(self.path) >= self.child_from:
            self._spawned = True
            if self.spool_dir is not None:
                from reflect.spool import open_spool

                self._spool = open_spool(self.spool_dir)
            self._child = _spawn(self.path, self._spool)
            if self._child is not None:
                assert self._child.stdout is not None
                self._out = _Drained(self._child.stdout)
        return self

    def close(self) -> None:
        """End the child if it is still running (the article was closed early)."""
        child, self._child = self._child, None
        if child is not None:
            _end(child)
        self._spool = None  # closed by the last section that refers to it

    def __iter__(self) -> Iterator[str | Section]:
        self.start()
        child, self._child = self._child, None
        if child is not None and self._out is not None:
            done = yield from self._from_child(child, self._out)
            if done:
                return
        yield from self._here(skip=0, title_sent=False)

    def _here(self, *, skip: int, title_sent: bool) -> Iterator[str | Section]:
        from reflect.article import Section, digest_of, iter_sections
        from reflect.source import fallback_title, kind_of, read_text, to_markdown

        markdown = to_markdown(read_text(self.path), kind_of(self.path), self.path)
        items = iter_sections(markdown, fallback=fallback_title(self.path))
        title = next(items)
        if not title_sent:
            yield title
        for item in items:
            assert isinstance(item, Section)
            if item.index >= skip:
                yield item
        self.digest = digest_of(markdown)

    def _from_child(
        self, child: subprocess.Popen[bytes], out: _Drained
    ) -> Generator[str | Section, None, bool]:
        """Sections as the child finds them; returns False when it could not even
        start (the caller then does all the work here); after a later failure it
        carries on here from the first section not yet sent."""
        import json  # read from the frame after the first pane on: imported then

        sent = 0
        title_sent = False
        try:
            header = json.loads(out.readline() or b"null")
            if not isinstance(header, dict):
                return False
            if "error" in header:
                raise ReflectError(header["error"])
            title = header["title"]
            if not isinstance(title, str):
                return False
            self.used_child = True
            yield title
            title_sent = True
            while True:
                item = json.loads(out.readline() or b"null")
                if isinstance(item, dict):
                    digest = item.get("digest")
                    if item.get("done") is True and _is_digest(digest):
                        self.digest = digest
                        return True
                    break
                yield _section(item, sent, out, self._spool)
                sent += 1
        except (ValueError, KeyError, TypeError):
            pass  # garbled or cut short: finish the work here (UnicodeDecodeError is a ValueError)
        finally:
            _end(child)
            self._spool = None  # closed by the last section that refers to it
        yield from self._here(skip=sent, title_sent=title_sent)
        return True


def _is_digest(value: object) -> TypeGuard[str]:
    return (
        isinstance(value, str)
        and value.startswith("sha256:")
        and len(value) == 71
        and all(c in "0123456789abcdef" for c in value[7:])
    )


def _section(item: object, index: int, out: _Drained, spool: SpoolFile | None) -> Section:
    """Section ``index`` as the child described it, its text in ``spool`` or
    read from ``out``; ValueError (or TypeError) for anything malformed."""
    if not isinstance(item, list):
        raise ValueError("malformed section from the outline child")
    number, level, anchor, heading, words, prompt, start, body_start, end, nbytes, at = item
    if not (
        number == index
        and isinstance(number, int)
        and isinstance(level, int)
        and isinstance(anchor, str)
        and isinstance(heading, str)
        and isinstance(words, int)
        and (prompt is None or isinstance(prompt, str))
        and start == 0
        and isinstance(start, int)
        and isinstance(body_start, int)
        and isinstance(end, int)
        and isinstance(nbytes, int)
        and 0 <= body_start <= end <= nbytes
        and (at is None or isinstance(at, int))
    ):
        raise ValueError("malformed section from the outline child")
    from reflect.article import Section
    from reflect.spool import Spooled

    text: bytes | Spooled
    if at is None:
        text = out.read_utf8(nbytes, end)
    elif spool is not None and at >= 0 and at + nbytes <= os.fstat(spool.fileno()).st_size:
        # Written and complete before its line was sent; read back when used.
        text = Spooled(spool, at, nbytes)
    else:
        raise ValueError("a section the outline child spooled is not in the spool")

    return Section(
        index=index,
        level=level,
        anchor=anchor,
        heading=heading,
        words=words,
        prompt=prompt,
        start=0,
        end=end,
        text=text,
        body_start=body_start,
    )


class _Drained:
    """A child's output, read by a thread as fast as it comes.

    A pipe holds 64 KB: a child that finds sections before the reader's
    worker starts listening would stop at a full pipe and wait.  Draining it
    into memory at once lets the child parse at full speed from the start.
    Only what was not read yet is kept (at most the book's size in UTF-8,
    when the reader starts listening late), never what was.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._data = bytearray()
        self._pos = 0
        self._eof = False
        self._cond = threading.Condition()
        threading.Thread(target=self._run, name="outline-drain", daemon=True).start()

    def _run(self) -> None:
        try:
            # One buffer read into again and again: a new bytes object for each
            # read, made and freed on this thread, left its own malloc arena
            # fragmented by megabytes after a 20 MB book.
            buffer = memoryview(bytearray(1 << 16))
            while n := self._stream.readinto1(buffer):  # type: ignore[attr-defined]
                with self._cond:
                    self._data += buffer[:n]
                    self._cond.notify_all()
        except (OSError, ValueError):
            pass  # the pipe was closed: the reader left the article
        finally:
            with self._cond:
                self._eof = True
                self._cond.notify_all()

    def readline(self) -> bytes:
        """The next line with its newline; b"" at the end."""
        with self._cond:
            while (end := self._data.find(b"\n", self._pos)) < 0 and not self._eof:
                self._cond.wait()
            stop = len(self._data) if end < 0 else end + 1
            return self._take(stop)

    def read_utf8(self, n: int, chars: int) -> bytes:
        """The next ``n`` bytes, checked to be UTF-8 text of ``chars``
        characters (:func:`_checked_utf8`) but not kept decoded.

        ValueError when the output ends sooner or is not UTF-8 of that many
        characters (UnicodeDecodeError is a ValueError too); a failed read
        takes nothing.
        """
        with self._cond:
            while len(self._data) - self._pos < n and not self._eof:
                self._cond.wait()
            stop = self._pos + n
            if len(self._data) < stop:
                raise ValueError("the outline child's output ended inside a section")
            with memoryview(self._data) as view, view[self._pos : stop] as piece:
                data = _checked_utf8(piece, chars)
            self._consumed(stop)
            return data

    def _take(self, stop: int) -> bytes:
        with memoryview(self._data) as view:
            piece = bytes(view[self._pos : stop])
        self._consumed(stop)
        return piece

    def _consumed(self, stop: int) -> None:
        """Forget what was read: every byte once all is read, else a megabyte at a time."""
        self._pos = stop
        if self._pos == len(self._data):
            self._data = bytearray()  # frees the buffer, however big it grew
            self._pos = 0
        elif self._pos > 1 << 20:
            del self._data[: self._pos]
            self._pos = 0


_CHECK_CHUNK = 1 << 20


def _checked_utf8(data: memoryview, chars: int) -> bytes:
    """A copy of ``data``, checked to be UTF-8 of ``chars`` characters.

    The copy is made first and the check's decoded text only after it, then
    dropped: freed, it leaves no hole among the sections kept.  A big section
    is decoded a megabyte at a time, so a 5 MB section with an emoji is never
    20 MB of characters at once.  ValueError for anything else.
    """
    copy = bytes(data)
    if copy.isascii():
        length = len(copy)  # ASCII is UTF-8, a byte a character
    elif len(copy) <= _CHECK_CHUNK:
        length = len(copy.decode("utf-8"))
    else:
        decoder = codecs.getincrementaldecoder("utf-8")()
        length = 0
        for pos in range(0, len(data), _CHECK_CHUNK):
            length += len(decoder.decode(data[pos : pos + _CHECK_CHUNK]))
        length += len(decoder.decode(b"", final=True))
    if length != chars:
        raise ValueError("a section's text is not as long as the outline child said")
    return copy


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # reading it here gives the right one-sentence error


def _spawn(path: Path, spool: SpoolFile | None) -> subprocess.Popen[bytes] | None:
    command = [sys.executable, "-m", "reflect.outline_worker", str(path)]
    if spool is not None:
        command += ["--spool", str(spool.fileno())]
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            pass_fds=() if spool is None else (spool.fileno(),),
        )
    except OSError:
        return None


def _end(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        child.kill()
    if child.stdout is not None:
        child.stdout.close()
    child.wait()
