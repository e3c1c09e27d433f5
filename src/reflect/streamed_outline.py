"""A big Markdown book split into sections while it is read, a block at a time.

The outline child (:mod:`reflect.outline_worker`) used to read the whole file,
decode it and split it.  A Python string of a 20 MB book with one emoji in it
takes four bytes a character: with the file's bytes and the parser's line
tables, the child peaked at 126 MB for a 20 MB book, beside the reader.  Here
the book is read a block at a time and each section's text is handed on
piece by piece as soon as it is certain, so the child holds about one block
and one parser chunk, whatever the size of the book.

The sections are exactly those :func:`reflect.article.iter_sections` finds in
the whole text (the same headings, anchors, words and text): the parser
resumes at the start of the last top-level block of what it has seen, which
is where :func:`reflect.sections.iter_headings` already resumes chunk by chunk.

Only files that read the same a block at a time as whole are streamed
(:func:`streamable`): UTF-8, with line ends, no escape *strings* (which alone
can span lines, and so blocks, in :func:`reflect.sanitize.clean`).  The rest,
and plain text (whose conversion looks at the whole post), are read whole.
"""

from __future__ import annotations

import codecs
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reflect.article import count_words, has_content
from reflect.frontmatter import read_front_matter
from reflect.sanitize import clean
from reflect.sections import CHUNK, iter_headings
from reflect.slugs import AnchorMaker
from reflect.source import MAX_BYTES

BLOCK = 256 * 1024
"""Bytes read at a time (then cut after the last line end in them)."""
FIRST = 256 * 1024
"""Characters read before anything is decided."""
FRONT_MATTER = 72 * 1024
"""Characters that hold any front matter :func:`read_front_matter` would find."""

# OSC, DCS, SOS, PM and APC strings run to a terminator, across line ends:
# their openings as UTF-8 bytes (the C1 ones are two bytes, 0xC2 then the code).
_ESCAPE_STRING = re.compile(rb"\x1b[\]PX^_]|\xc2[\x90\x98\x9d\x9e\x9f]")
_OTHER_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True, slots=True)
class Piece:
    """The next stretch of the current section's text (heading line included)."""

    text: str


@dataclass(frozen=True, slots=True)
class Found:
    """A section whose text was the pieces since the previous :class:`Found`
    (or :class:`Dropped`).  Offsets are in characters of that text."""

    index: int
    level: int
    anchor: str
    heading: str
    words: int
    prompt: str | None
    body_start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dropped:
    """The pieces since the last section belong to none (blank lines before the
    first heading): forget them."""


Event = str | Piece | Found | Dropped


def _raw_blocks(path: Path, size: int = BLOCK) -> Iterator[bytes]:
    """The file's bytes, each block cut just after a line end (the last may not end so)."""
    with open(path, "rb") as handle:
        rest = b""
        while True:
            data = handle.read(size)
            if not data:
                if rest:
                    yield rest
                return
            data = rest + data
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                if len(data) > 4 * size:
                    raise ValueError("no line ends")  # (the caller reads such a file whole)
                rest = data
                continue
            rest = data[cut:]
            yield data[:cut]


def streamable(path: Path) -> bool:
    """Whether ``path`` reads block by block exactly as :func:`reflect.source.read_text`
    reads it whole.  One quick pass over the file; anything unusual says no
    (and the whole-file path then reads it, or explains why it cannot)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return False
        first = True
        for data in _raw_blocks(path):
            if first:
                first = False
                if data.startswith(_OTHER_BOMS) or b"\x00" in data[:65536]:
                    return False
                if data.startswith(codecs.BOM_UTF8):
                    data = data[len(codecs.BOM_UTF8) :]
            data.decode("utf-8")  # valid UTF-8, or the whole-file path detects the encoding
            if (b"\x1b" in data or b"\xc2" in data) and _ESCAPE_STRING.search(data):
                return False
    except (OSError, ValueError):  # (UnicodeDecodeError is a ValueError)
        return False
    return True


def text_blocks(path: Path) -> Iterator[str]:
    """The file's clean text a block at a time, each cut after a line end
    (for a file :func:`streamable` accepted)."""
    first = True
    for data in _raw_blocks(path):
        if first and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        first = False
        yield clean(data.decode("utf-8"))


def stream_sections(
    blocks: Iterable[str],
    *,
    fallback: str,
    chunk_size: int = CHUNK,
    first: int = FIRST,
    block: int = BLOCK,
) -> Iterator[Event]:
    """The title (a ``str``, first), then each section's text as :class:`Piece`\\ s
    closed by its :class:`Found`, in reading order, from ``blocks`` of the
    article's clean Markdown (each cut after a line end).

    ``first`` characters are read before anything is decided, then about
    ``block`` more at a time (tests make all three small to exercise every cut).
    """
    source = iter(blocks)
    window = ""  # undecided text, from ``base`` (characters into the article) on
    base = 0
    ended = False

    def read(at_least: int) -> None:
        nonlocal window, ended
        parts, have = [window], len(window)
        while have < at_least and not ended:
            block = next(source, None)
            if block is None:
                ended = True
            else:
                parts.append(block)
                have += len(block)
        window = "".join(parts)

    read(first)
    if window.startswith(("---\n", "+++\n")):
        read(FRONT_MATTER)  # it is looked for in this much text, whole
    front = read_front_matter(window)
    anchors = AnchorMaker()
    index = 0
    title: str | None = None
    # The open section: heading, level, start, body start (characters into the
    # article); ``None`` while in the text before the first heading.
    current: tuple[str, int, int, int] | None = None
    written = front.end  # text before this went to a section (or was skipped)
    sent = 0  # characters of the open section's text sent as pieces
    words = 0
    intro_content = False
    pos = front.end  # where parsing resumes

    def send(stop: int) -> Iterator[Piece]:
        """The open section's text up to ``stop``, as a piece."""
        nonlocal written, sent, words, intro_content
        if stop <= written:
            return
        piece = window[written - base : stop - base]
        body_from = 0 if current is None else max(0, current[3] - written)
        words += count_words(piece[body_from:])
        if current is None and not intro_content:
            intro_content = has_content(piece)
        written = stop
        sent += len(piece)
        yield Piece(piece)

    def found(heading: str, level: int, heading_words: int, body_start: int) -> Found:
        nonlocal index
        anchor = anchors.make(heading)
        index += 1
        return Found(
            index=index - 1,
            level=level,
            anchor=anchor,
            heading=heading,
            words=heading_words + words,
            prompt=front.prompts.get(heading) or front.prompts.get(anchor),
            body_start=body_start,
            end=sent,
        )

    def close() -> Iterator[Event]:
        """End the open section (or the text before the first heading) at ``written``."""
        nonlocal words, sent, title
        if current is None:
            if title is None:
                title = front.title or fallback
                yield title
            yield found(title, 1, count_words(title), 0) if intro_content else Dropped()
        else:
            heading, level, start, body_start = current
            yield found(heading, level, count_words(heading), body_start - start)
        words = sent = 0

    while True:
        final = ended
        certain: int | None = None
        for heading in iter_headings(window, pos - base, chunk_size, partial=not final):
            if heading.level == 0:
                certain = base + heading.start
                break
            start = base + heading.start
            yield from send(start)
            if current is None and title is None:
                opens = heading.level == 1 and not intro_content and heading.text
                title = front.title or (heading.text if opens else fallback)
                yield title
            yield from close()
            current = (heading.text, heading.level, start, base + heading.body_start)
        if final:
            yield from send(base + len(window))
            yield from close()
            return
        if certain is None:
            certain = pos
        yield from send(certain)
        progressed = certain > pos
        pos = certain
        window, base = window[written - base :], written
        # Nothing decided (one block longer than what was read): read twice as far.
        read(len(window) + (block if progressed else max(block, len(window))))
