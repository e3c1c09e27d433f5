"""Finding where sections begin in Markdown, chunk by chunk.

A section starts at every top-level heading (not one inside a list, quote or
code block), exactly as markdown-it-py's CommonMark parser sees it.  Parsing a
whole book before showing its first pane would make opening grow with the
article, so the text is parsed in chunks: a chunk's block structure is final up
to the start of its last top-level block (every container is closed there), so
parsing resumes from that line.  The first section is known after the first
chunk, and the total work stays close to one block-level parse of the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from functools import partial as bind

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reflect.sanitize import clean_line

CHUNK = 128 * 1024


@cache
def block_parser() -> MarkdownIt:
    """CommonMark + tables, block rules only: inline text is parsed per pane."""
    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


@cache
def _inline_parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


@dataclass(frozen=True, slots=True)
class HeadingAt:
    """A top-level heading found in the text: where it starts and its body starts."""

    start: int
    body_start: int
    level: int
    text: str


def heading_text(source: str) -> str:
    """A heading's inline Markdown as the plain text a reader sees."""
    tokens = _inline_parser().parseInline(source)
    parts: list[str] = []
    for token in tokens[0].children or ():
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(token.content)
    return " ".join(clean_line("".join(parts)).split())


def _line_starts(chunk: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", chunk))]


def iter_headings(
    text: str, start: int = 0, chunk_size: int = CHUNK, *, partial: bool = False
) -> Iterator[HeadingAt]:
    """Every top-level heading in ``text[start:]``, in order, found chunk by chunk.

    With ``partial``, ``text`` is only the start of a longer document: its last
    top-level block is left undecided (unless it is a heading, which nothing
    after it can change), and a final marker with ``level`` 0 says where
    certainty ends.
    """
    md = block_parser()
    pos = start
    size = chunk_size
    n = len(text)
    while pos < n:
        end = min(n, pos + size)
        if end < n:
            newline = text.find("\n", end)
            end = n if newline < 0 else newline + 1
        final = end >= n
        chunk = text[pos:end]
        tokens = md.parse(chunk)
        top = [i for i, t in enumerate(tokens) if t.level == 0 and t.nesting >= 0 and t.map]
        if not final and len(top) <= 1:
            size *= 2  # one block fills the chunk: look further before deciding
            continue
        # What follows a chunk can change its last block (a paragraph may turn out
        # to be a setext heading, a fence may close later), but nothing before it.
        decided = len(top) if final and not partial else len(top) - 1
        starts = _line_starts(chunk)

        at = bind(_offset, pos, starts, len(chunk))

        for i in top[:decided]:
            if tokens[i].type == "heading_open":
                yield _heading(tokens, i, at)
        if final and not partial:
            return
        if final:
            certain = at(tokens[top[decided]].map[0]) if top else n  # type: ignore[index]
            if top and tokens[top[decided]].type == "heading_open":
                heading = _heading(tokens, top[decided], at)
                yield heading
                certain = heading.body_start
            yield HeadingAt(certain, certain, 0, "")
            return
        pos = at(tokens[top[decided]].map[0])  # type: ignore[index]
        size = chunk_size


def _offset(pos: int, starts: list[int], length: int, line: int) -> int:
    """Where line ``line`` of a chunk starting at ``pos`` starts in the whole text."""
    return pos + (starts[line] if line < len(starts) else length)


def _heading(tokens: list[Token], i: int, at: Callable[[int], int]) -> HeadingAt:
    line, after = tokens[i].map  # type: ignore[misc]
    return HeadingAt(
        start=at(line),
        body_start=at(after),
        level=int(tokens[i].tag[1]),
        text=heading_text(tokens[i + 1].content),
    )
