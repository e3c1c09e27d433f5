"""The article model: a title, a digest, and sections in reading order.

No Textual here: the CLI, the store and the tests use it without the UI.
A section keeps offsets into a Markdown string instead of a copy of its
body: the article's one string when it was split here, or the section's own
text when a child process split a big book (:mod:`reflect.outline_stream`),
kept on disk in the child's spool file (:mod:`reflect.spool`) and read only
when used, so a 20 MB book is not held in memory at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reflect.frontmatter import FrontMatter, read_front_matter
from reflect.sections import CHUNK, iter_headings
from reflect.slugs import AnchorMaker, article_id
from reflect.source import Kind, fallback_title, kind_of, read_prefix, read_text, to_markdown
from reflect.spool import Spooled

_CONTENT = re.compile(r"\w")


def has_content(text: str) -> bool:
    """Whether text holds anything to read (a lone rule or blank lines do not)."""
    return _CONTENT.search(text) is not None


_COUNT_CHUNK = 1 << 20


def count_words(text: str) -> int:
    """Whitespace-separated words, as DESIGN.md defines ``words`` (and reading time).

    Long texts are counted a megabyte at a time (cut at whitespace), so a 5 MB
    section never becomes a list of a million strings at once.
    """
    if len(text) <= _COUNT_CHUNK:
        return len(text.split())
    total = 0
    start = 0
    while start < len(text):
        end = start + _COUNT_CHUNK
        while end < len(text) and not text[end].isspace():
            end += 1
        total += len(text[start:end].split())
        start = end
    return total


@dataclass(frozen=True, slots=True)
class Section:
    """One section: what the reader shows as a pane and notes are filed under."""

    index: int
    level: int
    anchor: str
    heading: str
    words: int
    prompt: str | None
    start: int = field(repr=False)
    end: int = field(repr=False)
    text: str | bytes | Spooled = field(repr=False, compare=False)
    """What the offsets (in characters) refer to: the article's one string when
    it was split here, or the section's own text when a child split a big
    book: in the child's spool file on disk (:mod:`reflect.spool`), or as the
    UTF-8 bytes it sent when there is no spool (a byte for each ASCII
    character, where a ``str`` would take two or four for all of them after
    a curly quote or an emoji)."""
    body_start: int = field(repr=False, default=-1)

    @property
    def markdown(self) -> str:
        """:attr:`text` as a string: the article's own, never copied, or a
        child's section read and decoded anew on each call.  Keep what you need
        of it while you need it, not every section's decoded text at once."""
        text = self.text
        if isinstance(text, str):
            return text
        if isinstance(text, Spooled):
            return text.decoded()
        return text.decode("utf-8")

    @property
    def body(self) -> str:
        """The section's Markdown source, without its heading line."""
        return self.markdown[self.body_start : self.end]

    @property
    def size(self) -> int:
        """Characters of Markdown in the body (long ones are rendered in chunks)."""
        return self.end - self.body_start


@dataclass(slots=True)
class Article:
    """A whole article, read and split into sections."""

    path: Path
    id: str
    title: str
    digest: str
    kind: Kind
    markdown: str = field(repr=False)
    sections: list[Section]


def digest_of(markdown: str) -> str:
    """The digest the notes file records, to notice when an article changed."""
    import hashlib  # not on the way to the first pane

    return "sha256:" + hashlib.sha256(markdown.encode("utf-8")).hexdigest()


class SectionBuilder:
    """Turns headings found in reading order into sections, one at a time,
    so a streamed outline and a complete one are the same."""

    def __init__(self, markdown: str, front: FrontMatter, title: str) -> None:
        self.markdown = markdown
        self.front = front
        self.title = title
        self._anchors = AnchorMaker()
        self._index = 0

    def make(self, heading: str, level: int, start: int, body_start: int, end: int) -> Section:
        """The next section in reading order."""
        anchor = self._anchors.make(heading)
        body = self.markdown[body_start:end]
        section = Section(
            index=self._index,
            level=level,
            anchor=anchor,
            heading=heading,
            words=count_words(heading) + count_words(body),
            prompt=self.front.prompts.get(heading) or self.front.prompts.get(anchor),
            start=start,
            end=end,
            text=self.markdown,
            body_start=body_start,
        )
        self._index += 1
        return section


def title_of(
    markdown: str, front: FrontMatter, first_heading: tuple[int, int, str] | None, fallback: str
) -> str:
    """Front matter ``title``, else a level-1 heading that opens the file, else ``fallback``."""
    if front.title:
        return front.title
    if first_heading is not None:
        start, level, text = first_heading
        if level == 1 and not has_content(markdown[front.end : start]) and text:
            return text
    return fallback


def iter_sections(
    markdown: str, *, fallback: str, partial: bool = False, chunk_size: int = CHUNK
) -> Iterator[Section | str]:
    """The title (first), then every section in reading order.

    With ``partial``, ``markdown`` is only the start of the article: the last
    section yielded ends where certainty ends, which may be before its real
    end (the reader shows it at once and completes it later).
    """
    front = read_front_matter(markdown)
    headings = iter_headings(markdown, front.end, chunk_size, partial=partial)
    first = next(headings, None)
    limit = len(markdown)
    if first is not None and first.level == 0:  # certainty ends before any heading
        limit, first = first.start, None
    title = title_of(
        markdown, front, None if first is None else (first.start, first.level, first.text), fallback
    )
    yield title
    builder = SectionBuilder(markdown, front, title)
    intro_end = limit if first is None else first.start
    if has_content(markdown[front.end : intro_end]):
        yield builder.make(title, 1, front.end, front.end, intro_end)
    current = first
    for heading in headings:
        assert current is not None
        if heading.level == 0:
            limit = heading.start
            break
        yield builder.make(
            current.text, current.level, current.start, current.body_start, heading.start
        )
        current = heading
    if current is not None:
        yield builder.make(
            current.text,
            current.level,
            current.start,
            current.body_start,
            max(limit, current.body_start),
        )


def read_article(path: str | Path) -> Article:
    """Read, clean and split an article file; raises ReflectError for bad input."""
    path = Path(path)
    kind = kind_of(path)
    markdown = to_markdown(read_text(path), kind, path)
    items = iter_sections(markdown, fallback=fallback_title(path))
    title = next(items)
    assert isinstance(title, str)
    sections = [s for s in items if isinstance(s, Section)]
    return Article(
        path=path,
        id=article_id(path.name),
        title=title,
        digest=digest_of(markdown),
        kind=kind,
        markdown=markdown,
        sections=sections,
    )


@dataclass(frozen=True, slots=True)
class Preview:
    """The start of an article, enough to show its first pane at once."""

    title: str
    first: Section | None
    complete: bool


PREVIEW_BYTES = 96 * 1024
"""Read for the first pane: room for long front matter and, in plain text, the
window that decides the house style (:data:`reflect.plaintext.STYLE_WINDOW`)."""
FIRST_PANE_CHARS = 32 * 1024
"""Of that, parsed at most: many screens of text, the rest comes with the outline."""
PREVIEW_CHUNK = 8 * 1024


def _front_matter_cut(prefix: str) -> bool:
    """Whether front matter opens ``prefix`` but does not close inside it."""
    return prefix[:4] in ("---\n", "+++\n") and read_front_matter(prefix).end == 0


def preview_article(path: str | Path, limit: int = PREVIEW_BYTES) -> Preview:
    """Title and first section from the first ``limit`` bytes, however big the file."""
    path = Path(path)
    kind = kind_of(path)
    text, complete = read_prefix(path, limit)
    if not complete and kind == "markdown" and _front_matter_cut(text):
        text, complete = read_text(path), True  # rare: front matter longer than the prefix
    if not complete:
        cut = text.rfind("\n\n")
        text = text[: cut + 1] if cut > 0 else text
    markdown = to_markdown(text, kind, path)
    # The first pane shows the start of a long first section; the rest comes
    # with the outline.  So parse no further than the first section, or than
    # FIRST_PANE_CHARS into it, a few small chunks at a time.
    start = read_front_matter(markdown).end
    if len(markdown) > start + FIRST_PANE_CHARS:
        cut = markdown.rfind("\n\n", start, start + FIRST_PANE_CHARS)
        if cut > start:
            markdown, complete = markdown[: cut + 1], False
    items = iter_sections(
        markdown, fallback=fallback_title(path), partial=not complete, chunk_size=PREVIEW_CHUNK
    )
    title = next(items)
    assert isinstance(title, str)
    first = next(items, None)
    return Preview(
        title=title, first=first if isinstance(first, Section) else None, complete=complete
    )
