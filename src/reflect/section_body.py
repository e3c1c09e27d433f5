"""A section's body as the reader's pane takes it: a piece at a time.

The pane lays a long section out chunk by chunk, each cut at a top-level
block boundary (:meth:`SectionBody.next_cut`), and needs no more of the text
than the chunks it lays out.  So the body is read where it lies, in units of
its own text: characters of the article's string when it was split in this
process, bytes of UTF-8 when a child split it (its spool file on disk, or
the bytes it sent).  Every cut falls after a line end, where no UTF-8
character can be split, so each piece decodes on its own, and a 5 MB
section is never decoded whole (at four bytes a character once it holds one
emoji, that would be 20 MB).

No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterator

from reflect.article import Section
from reflect.sections import block_parser
from reflect.spool import Spooled

FIRST_CHUNK = 8 * 1024
"""Characters (or bytes) of Markdown the pane shows at once: a few screens, parsed in a few ms."""
CHUNK = 32 * 1024
"""Characters (or bytes) per later chunk, cut at the block boundary after this size."""
NEWLINE_BLOCK = 64 * 1024
"""Bytes read at a time while looking for a line end in a spooled body."""
WIDEST = 1024 * 1024
"""A single block longer than this is cut at a line end regardless."""


class SectionBody:
    """The body of one section: :attr:`start` to :attr:`stop` of its text, in its units."""

    def __init__(self, section: Section) -> None:
        text = section.text
        self._text = text
        if isinstance(text, str):
            self.start = section.body_start
            self.stop = section.end
        else:
            # A child's section is its own text: from its start (0) to its end.
            self.start = len(self._read_chars(section.body_start).encode("utf-8"))
            self.stop = text.size if isinstance(text, Spooled) else len(text)

    def _read_chars(self, count: int) -> str:
        """The first ``count`` characters of a child's section (at most 4 bytes each)."""
        raw = self._raw(0, 4 * count)
        return raw.decode("utf-8", "ignore")[:count]

    def _raw(self, start: int, stop: int) -> bytes:
        text = self._text
        assert not isinstance(text, str)
        return text.read(start, stop) if isinstance(text, Spooled) else text[start:stop]

    def piece(self, start: int, stop: int) -> str:
        """The text from ``start`` to ``stop`` (both at line ends, or the body's ends)."""
        text = self._text
        if isinstance(text, str):
            return text[start:stop]
        return self._raw(start, stop).decode("utf-8", "replace")

    def units(self, piece: str) -> int:
        """How long ``piece`` is in this body's units."""
        return len(piece) if isinstance(self._text, str) else len(piece.encode("utf-8"))

    def find_newline(self, start: int, stop: int) -> int:
        """Where the first line end at or after ``start`` (before ``stop``) is; -1 if none."""
        text = self._text
        if isinstance(text, str):
            return text.find("\n", start, stop)
        if isinstance(text, bytes):
            return text.find(b"\n", start, stop)
        while start < stop:
            block = text.read(start, min(stop, start + NEWLINE_BLOCK))
            found = block.find(b"\n")
            if found >= 0:
                return start + found
            start += len(block)
        return -1

    def chunk_end(self, start: int) -> int:
        """Where the pane's chunk from ``start`` ends (the first is smaller, to show it sooner)."""
        return self.next_cut(start, FIRST_CHUNK if start == self.start else CHUNK)

    def chunks(self) -> Iterator[tuple[int, str]]:
        """The pane's chunks in order, as ``(characters of the body before it, text)``.

        Find renders these same pieces, so the blocks it counts hits in are the
        blocks the pane shows (a cut falls between two blocks only).  One
        chunk is read and decoded at a time.
        """
        start, chars = self.start, 0
        while start < self.stop:
            end = self.chunk_end(start)
            text = self.piece(start, end)
            yield chars, text
            chars += len(text)
            start = end

    def next_cut(self, start: int, size: int) -> int:
        """Where the chunk from ``start`` ends: a top-level block boundary after
        ``size`` units, or the body's end.

        Only a window of the text is parsed (block rules only), so finding a
        cut costs the chunk, not the section.  A single block bigger than the
        window widens it; one bigger than :data:`WIDEST` is cut at a line end
        regardless.
        """
        stop = self.stop
        if stop - start <= size * 1.5:
            return stop
        window = size
        while True:
            end = self.find_newline(start + window, stop)
            if end < 0:
                return stop
            chunk = self.piece(start, end + 1)
            tokens = block_parser().parse(chunk)
            starts = [t.map[0] for t in tokens if t.level == 0 and t.nesting >= 0 and t.map]
            last = max((line for line in starts if line > 0), default=None)
            if last is not None:
                return start + self.units(chunk[: _offset_of_line(chunk, last)])
            if window > WIDEST:
                return end + 1
            window *= 2


def _offset_of_line(text: str, line_no: int) -> int:
    pos = 0
    for _ in range(line_no):
        pos = text.index("\n", pos) + 1
    return pos
