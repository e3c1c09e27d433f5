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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt

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
    top-level block is left undecided, since what follows could change it.
    """
    md = block_parser()
    pos = start
    size = chunk_size
    n = len(text)
    while pos < n:
        end = pos + size
        final = end >= n
        if final:
            end = n
        else:
            newline = text.find("\n", end)
            end = n if newline < 0 else newline + 1
            final = end >= n
        chunk = text[pos:end]
        tokens = md.parse(chunk)
        starts = None
        top = [i for i, t in enumerate(tokens) if t.level == 0 and t.nesting >= 0 and t.map]
        if final and not partial:
            resume_line = None
        else:
            # Resume at the last top-level block that does not open the chunk.
            last = next((i for i in reversed(top) if tokens[i].map[0] > 0), None)  # type: ignore[index]
            if last is None:
                if final:
                    return  # a prefix holding one undecided block: nothing certain
                size *= 2  # one block fills the chunk: look further before deciding
                continue
            resume_line = tokens[last].map[0]  # type: ignore[index]
        for i in top:
            token = tokens[i]
            line, after = token.map  # type: ignore[misc]
            if resume_line is not None and line >= resume_line:
                break
            if token.type != "heading_open":
                continue
            if starts is None:
                starts = _line_starts(chunk)
            inline = tokens[i + 1]
            yield HeadingAt(
                start=pos + starts[line],
                body_start=pos + (starts[after] if after < len(starts) else len(chunk)),
                level=int(token.tag[1]),
                text=heading_text(inline.content),
            )
        if resume_line is None:
            return
        if final and partial:
            return
        if starts is None:
            starts = _line_starts(chunk)
        pos += starts[resume_line]
        size = chunk_size
