"""The outline of a big article, found in a child process.

Splitting a book into sections is pure-Python parsing; in a thread it would
share one interpreter lock with the reader's UI, and both would slow down.  In
its own process it runs on another core while the reader starts, so the
complete outline of a 5 MB book arrives about as soon as a bare parse of it
would.

Beyond its preview (the first pane), the reader never reads a big file
itself: each section's own text comes from here.  Given a spool file
(``--spool FD``, an unlinked file the reader made, :mod:`reflect.spool`),
the child writes each section's UTF-8 text there and the reader reads it back
only when it shows or searches that section; without one (or once writing
to it fails), the text follows its line on the pipe and the reader keeps
those bytes.  The child writes, one JSON line each:

* ``{"title": ...}``;
* for each section ``[index, level, anchor, heading, words, prompt, start,
  body_start, end, nbytes, at]``: the section's own text (its heading line
  and body) is ``nbytes`` bytes of UTF-8, at byte ``at`` of the spool file,
  or (``at`` is null) the ``nbytes`` bytes after this line.  Offsets are in
  characters of that text: ``start`` is 0, ``body_start`` the heading's
  length, ``end`` the text's length;
* ``{"done": true, "digest": "sha256:..."}`` (the digest of the whole Markdown,
  as :func:`reflect.article.digest_of` gives it), or ``{"error": "one sentence"}``.

Plain-text articles are converted here: the sections are of the Markdown.

Run as ``python -m reflect.outline_worker PATH [--spool FD]``; it never
imports Textual.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO


def write_outline(path: Path, out: BinaryIO, spool: int | None = None) -> None:
    """Write the outline protocol for ``path`` to ``out``, the sections' text to
    the file open as ``spool`` (when given and while writing to it works)."""
    from reflect.article import Section, digest_of, iter_sections
    from reflect.errors import ReflectError
    from reflect.source import display_name, fallback_title, kind_of, read_text, to_markdown

    def line(value: object) -> None:
        out.write(json.dumps(value, ensure_ascii=False).encode("utf-8") + b"\n")

    if kind_of(path) == "markdown":
        from reflect.streamed_outline import streamable

        if streamable(path):
            try:
                _write_streamed(path, line, out, spool)
            except OSError as error:  # the file changed or vanished while read
                name = display_name(path)
                line({"error": f"{name}: cannot be read ({error.strerror or error})."})
            return
    try:
        markdown = to_markdown(read_text(path), kind_of(path), path)
    except ReflectError as error:
        line({"error": str(error)})
        return
    items = iter_sections(markdown, fallback=fallback_title(path))
    line({"title": next(items)})
    out.flush()
    for section in items:
        assert isinstance(section, Section)
        data = markdown[section.start : section.end].encode("utf-8")
        at = None
        if spool is not None:
            try:
                at = _append(spool, data)
            except OSError:  # a full disk, say: the rest go by pipe
                spool = None
        line(
            [
                section.index,
                section.level,
                section.anchor,
                section.heading,
                section.words,
                section.prompt,
                0,
                section.body_start - section.start,
                section.end - section.start,
                len(data),
                at,
            ]
        )
        if at is None:
            out.write(data)
        else:
            # Only this short line goes down the pipe: sent now, not when 8 KB
            # of lines have piled up in the buffer (the reader would see a book
            # of a few long sections all at once, at the end).
            out.flush()
        del data
    line({"done": True, "digest": digest_of(markdown)})
    out.flush()


def _write_streamed(
    path: Path, line: Callable[[object], None], out: BinaryIO, spool: int | None
) -> None:
    """The same protocol, for a Markdown book read a block at a time
    (:mod:`reflect.streamed_outline`): each section's text goes to the spool
    piece by piece as it is found, so the child never holds the book."""
    import hashlib

    from reflect.source import fallback_title
    from reflect.streamed_outline import Dropped, Piece, stream_sections, text_blocks

    digest = hashlib.sha256()

    def hashed(blocks: Iterator[str]) -> Iterator[str]:
        for block in blocks:
            digest.update(block.encode("utf-8"))
            yield block

    held: list[bytes] = []  # the open section's text, when it goes by pipe
    at: int | None = None  # where the open section's text starts in the spool
    size = 0
    for event in stream_sections(hashed(text_blocks(path)), fallback=fallback_title(path)):
        if isinstance(event, Piece):
            data = event.text.encode("utf-8")
            if spool is not None:
                try:
                    where = _append(spool, data)
                except OSError:  # a full disk, say: this section and the rest go by pipe
                    if at is not None:
                        held = [os.pread(spool, size, at)]
                    at, spool = None, None
                else:
                    at = where if at is None else at
            if spool is None:
                held.append(data)
            size += len(data)
            del data
        elif isinstance(event, str):
            line({"title": event})
            out.flush()
        elif isinstance(event, Dropped):
            held, at, size = [], None, 0
        else:
            fields = [event.index, event.level, event.anchor, event.heading, event.words]
            line([*fields, event.prompt, 0, event.body_start, event.end, size, at])
            if at is None:
                for data in held:
                    out.write(data)
            out.flush()
            held, at, size = [], None, 0
    line({"done": True, "digest": "sha256:" + digest.hexdigest()})
    out.flush()


def _append(fd: int, data: bytes) -> int:
    """Write ``data`` at the end of the file open as ``fd``; where it starts."""
    at = os.lseek(fd, 0, os.SEEK_END)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    return at


def main(argv: list[str]) -> int:
    """Entry point of the child process."""
    spool = None
    if len(argv) == 3 and argv[1] == "--spool" and argv[2].isdigit():
        spool = int(argv[2])
        argv = argv[:1]
    if len(argv) != 1:
        sys.stderr.write("usage: python -m reflect.outline_worker PATH [--spool FD]\n")
        return 2
    # A short-lived process whose objects die chunk by chunk, by reference
    # counting: the cycle collector would only walk them again and again
    # (about a tenth of the parse of a big book).
    gc.disable()
    try:
        write_outline(Path(argv[0]), sys.stdout.buffer, spool)
    except BrokenPipeError:  # the reader closed the article before the outline was done
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
