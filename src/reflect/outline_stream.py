"""An article's complete outline, streamed: title first, then each section.

Small articles are split in this process (it takes milliseconds).  Big ones
are split by a child process (:mod:`reflect.outline_worker`) on another core,
so the reader's UI never competes with the parser for the interpreter lock;
this process only reads the file (cheap) and builds the sections the child
describes.  Should the child fail in any way, the work is done here instead:
the outline is the same either way, only slower.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from reflect.errors import ReflectError

if TYPE_CHECKING:
    from reflect.article import Section

# The article modules (and markdown-it-py) are imported where they are used:
# ``reflect PATH`` starts the child for a big book before its own imports, so
# that the child parses on another core while this process imports Textual.

CHILD_FROM_BYTES = 512 * 1024


class OutlineStream:
    """Iterate for the title (a ``str``) and then every :class:`Section`, in
    reading order; :attr:`digest` and :attr:`markdown` are set once done.

    Raises :class:`ReflectError` (one sentence) when the file cannot be read.
    """

    def __init__(self, path: Path, *, child_from: int = CHILD_FROM_BYTES) -> None:
        self.path = path
        self.child_from = child_from
        self.markdown = ""
        """The article's Markdown, which the sections' offsets refer to."""
        self.digest = ""
        """The digest of :attr:`markdown`, as the notes file records it."""
        self.used_child = False
        """Whether a child process found the outline (for tests and benchmarks)."""
        self._child: subprocess.Popen[bytes] | None = None
        self._out: _Drained | None = None
        self._spawned = False

    def start(self) -> OutlineStream:
        """Start the child now (for a big file), so it parses while the app starts.

        Iterating later reads what it has found meanwhile; :meth:`close` ends a
        child that is never read.
        """
        if not self._spawned and _size(self.path) >= self.child_from:
            self._spawned = True
            self._child = _spawn(self.path)
            if self._child is not None:
                assert self._child.stdout is not None
                self._out = _Drained(self._child.stdout)
        return self

    def close(self) -> None:
        """End the child if it is still running (the article was closed early)."""
        child, self._child = self._child, None
        if child is not None:
            _end(child)

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
        self.markdown = markdown
        self.digest = digest_of(markdown)

    def _from_child(self, child: subprocess.Popen[bytes], out: _Drained) -> Iterator[str | Section]:
        """Sections as the child finds them; returns False when it could not even
        start (the caller then does all the work here); after a later failure it
        carries on here from the first section not yet sent."""
        from reflect.article import digest_of
        from reflect.source import read_text

        sent = 0
        title_sent = False
        try:
            header = json.loads(out.readline() or b"null")
            if not isinstance(header, dict):
                return False
            if "error" in header:
                raise ReflectError(header["error"])
            length = int(header.get("markdown_bytes", 0))
            markdown = out.read(length).decode("utf-8") if length else read_text(self.path)
            if len(markdown) != header["length"]:
                return False  # the file changed between the two readings
            self.used_child = True
            yield str(header["title"])
            title_sent = True
            for raw in out:
                item = json.loads(raw)
                if isinstance(item, dict):
                    if item.get("done"):
                        self.markdown = markdown
                        self.digest = digest_of(markdown)
                        return True
                    break
                yield _section(markdown, item)
                sent += 1
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            pass  # a garbled line: finish the work here
        finally:
            _end(child)
        yield from self._here(skip=sent, title_sent=title_sent)
        return True


def _section(markdown: str, item: list[object]) -> Section:
    """A section as the child described it; ValueError for anything malformed."""
    index, level, anchor, heading, words, prompt, start, body_start, end = item
    if not (
        isinstance(index, int)
        and isinstance(level, int)
        and isinstance(anchor, str)
        and isinstance(heading, str)
        and isinstance(words, int)
        and (prompt is None or isinstance(prompt, str))
        and isinstance(start, int)
        and isinstance(body_start, int)
        and isinstance(end, int)
        and 0 <= start <= body_start <= end <= len(markdown)
    ):
        raise ValueError("malformed section from the outline child")
    from reflect.article import Section

    return Section(
        index=index,
        level=level,
        anchor=anchor,
        heading=heading,
        words=words,
        prompt=prompt,
        start=start,
        end=end,
        markdown=markdown,
        body_start=body_start,
    )


class _Drained:
    """A child's output, read by a thread as fast as it comes.

    A pipe holds 64 KB: a child that finds sections before the reader's
    worker starts listening would stop at a full pipe and wait.  Draining it
    into memory at once lets the child parse at full speed from the start.
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
            while chunk := self._stream.read1(1 << 16):  # type: ignore[attr-defined]
                with self._cond:
                    self._data += chunk
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

    def read(self, n: int) -> bytes:
        """Exactly ``n`` bytes, or fewer at the end."""
        with self._cond:
            while len(self._data) - self._pos < n and not self._eof:
                self._cond.wait()
            return self._take(min(len(self._data), self._pos + n))

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line

    def _take(self, stop: int) -> bytes:
        piece = bytes(self._data[self._pos : stop])
        self._pos = stop
        if self._pos > 1 << 20:  # drop what was read, now and then
            del self._data[: self._pos]
            self._pos = 0
        return piece


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # reading it here gives the right one-sentence error


def _spawn(path: Path) -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "reflect.outline_worker", str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None


def _end(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        child.kill()
    if child.stdout is not None:
        child.stdout.close()
    child.wait()
