"""The outline of a big article, found in a child process.

Splitting a book into sections is pure-Python parsing; in a thread it would
share one interpreter lock with the reader's UI, and both would slow down.  In
its own process it runs on another core while the reader starts, so the
complete outline of a 5 MB book arrives about as soon as a bare parse of it
would.  The child writes, one JSON line each:

* ``{"title": ..., "markdown_bytes": N, "length": L}`` then, when the article
  is plain text, the N bytes of the Markdown it was converted to (the parent
  never converts); L is the Markdown's length in characters, so the parent
  can tell its own reading of the file is the same text;
* ``[index, level, anchor, heading, words, prompt, start, body_start, end]`` for
  each section, offsets in characters of the Markdown;
* ``{"done": true, "length": characters}``, or ``{"error": "one sentence"}``.

Run as ``python -m reflect.outline_worker PATH``; it never imports Textual.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from typing import BinaryIO


def write_outline(path: Path, out: BinaryIO) -> None:
    """Write the outline protocol for ``path`` to ``out``."""
    from reflect.article import Section, iter_sections
    from reflect.errors import ReflectError
    from reflect.source import fallback_title, kind_of, read_text, to_markdown

    def line(value: object) -> None:
        out.write(json.dumps(value, ensure_ascii=False).encode("utf-8") + b"\n")

    try:
        kind = kind_of(path)
        markdown = to_markdown(read_text(path), kind, path)
    except ReflectError as error:
        line({"error": str(error)})
        return
    items = iter_sections(markdown, fallback=fallback_title(path))
    title = next(items)
    if kind == "markdown":
        line({"title": title, "markdown_bytes": 0, "length": len(markdown)})
    else:
        data = markdown.encode("utf-8")
        line({"title": title, "markdown_bytes": len(data), "length": len(markdown)})
        out.write(data)
        del data
    out.flush()
    for section in items:
        assert isinstance(section, Section)
        line(
            [
                section.index,
                section.level,
                section.anchor,
                section.heading,
                section.words,
                section.prompt,
                section.start,
                section.body_start,
                section.end,
            ]
        )
    line({"done": True, "length": len(markdown)})
    out.flush()


def main(argv: list[str]) -> int:
    """Entry point of the child process."""
    if len(argv) != 1:
        sys.stderr.write("usage: python -m reflect.outline_worker PATH\n")
        return 2
    # A short-lived process whose objects die chunk by chunk, by reference
    # counting: the cycle collector would only walk them again and again
    # (about a tenth of the parse of a big book).
    gc.disable()
    try:
        write_outline(Path(argv[0]), sys.stdout.buffer)
    except BrokenPipeError:  # the reader closed the article before the outline was done
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
