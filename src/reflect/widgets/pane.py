"""The section pane: one section's heading and body, rendered lazily in chunks.

Only the current section has widgets, and only as much of it as the reader
has scrolled near: the body is cut at block boundaries into chunks (a chunk
is parsed and laid out when the reader comes within a few screens of its
start), so a 5 MB single section opens as fast as a short one and scrolling
never waits on parsing text far below.  Each chunk is a single
:class:`Prose` widget, however many paragraphs, list items and tables it has.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from reflect.article import Section
from reflect.sections import block_parser
from reflect.ui_text import line
from reflect.widgets.prose import Prose
from reflect.widgets.render import Rendered, render_markdown

FIRST_CHUNK = 8 * 1024
"""Characters of Markdown shown at once: a few screens, parsed in a few ms."""
CHUNK = 32 * 1024
"""Characters per later chunk, cut at the block boundary after this size."""
AHEAD = 3
"""Screens of text kept laid out below the visible part."""


def next_cut(body: str, start: int, size: int, stop: int | None = None) -> int:
    """Where the chunk from ``start`` ends: a top-level block boundary after ``size`` chars.

    Only a window of the text is parsed (block rules only), so finding a cut
    costs the chunk, not the section.  A single block bigger than the window
    widens it; one bigger than 1 MB is cut at a line end regardless.  ``stop``
    ends the text (a section's end in the article's one string: no copy).
    """
    stop = len(body) if stop is None else stop
    if stop - start <= size * 1.5:
        return stop
    window = size
    while True:
        end = body.find("\n", start + window, stop)
        if end < 0:
            return stop
        chunk = body[start : end + 1]
        tokens = block_parser().parse(chunk)
        starts = [t.map[0] for t in tokens if t.level == 0 and t.nesting >= 0 and t.map]
        last = max((line for line in starts if line > 0), default=None)
        if last is not None:
            return start + _offset_of_line(chunk, last)
        if window > 1024 * 1024:
            return end + 1
        window *= 2


def _offset_of_line(text: str, line_no: int) -> int:
    pos = 0
    for _ in range(line_no):
        pos = text.index("\n", pos) + 1
    return pos


class SectionPane(VerticalScroll):
    """The scrollable pane showing the current section (id ``pane``)."""

    DEFAULT_CSS = """
    SectionPane {
        height: 1fr;
        align-horizontal: center;
        & > #column {
            height: auto;
            max-width: 80;
        }
    }
    """

    @dataclass
    class Shown(Message):
        """A section's first screen of text is mounted."""

        index: int

    def __init__(self) -> None:
        super().__init__(id="pane")
        self.section: Section | None = None
        """The section shown, or None before the first."""
        self._text = ""
        self._stop = 0
        self._base = 0
        self._cut = 0
        self._loading = False
        self._query = ""

    def compose(self) -> ComposeResult:
        # Made empty up front, so showing the first section mounts nothing.
        with Vertical(id="column"):
            yield Static("", classes="heading")
            yield Prose([], [], first=True)

    @property
    def complete(self) -> bool:
        """Whether the whole section has been laid out."""
        return self._cut >= self._stop

    @property
    def at_end(self) -> bool:
        """Scrolled to the bottom of a fully laid-out section."""
        return self.complete and self.scroll_y >= self.max_scroll_y

    async def show(self, section: Section, query: str = "") -> None:
        """Replace the pane's content with ``section``'s heading and its first chunk.

        The heading and first chunk widgets are reused (new text, same widgets):
        mounting and removing widgets costs more than laying out a screen of text.
        """
        self.section = section
        # The article's one string (never copied), or this section's own text
        # decoded once: the pane holds no other section's text.
        self._text = section.markdown
        self._base = self._cut = section.body_start
        self._stop = section.end
        self._query = query.lower()
        column = self.query_one("#column", Vertical)
        headings = column.query_children(".heading")
        if headings:
            heading = headings.first(Static)
            heading.update(line(section.heading))
            heading.set_classes(f"heading level-{section.level}")
        else:
            await column.mount(
                Static(line(section.heading), classes=f"heading level-{section.level}")
            )
        chunks = list(column.query_children(Prose))
        if len(chunks) > 1:
            await column.remove_children(chunks[1:])
        rendered = self._next_rendered(first=True)
        if chunks:
            chunks[0].replace(rendered.items, rendered.links)
            chunks[0].query_text = self._query
            chunks[0].current_line = None
        else:
            prose = Prose(rendered.items, rendered.links, first=True)
            prose.query_text = self._query
            await column.mount(prose)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.call_after_refresh(self._fill)
        self.post_message(self.Shown(section.index))

    def _next_rendered(self, first: bool = False) -> Rendered:
        if self._cut >= self._stop:
            return Rendered([], [])
        start = self._cut
        self._cut = next_cut(self._text, start, FIRST_CHUNK if first else CHUNK, self._stop)
        return render_markdown(self._text[start : self._cut])

    def extend(self, section: Section) -> None:
        """Swap in the full version of the section shown (the preview may have cut it short).

        What is already laid out stays: the full text starts with the same words.
        """
        if self.section is None or section.anchor != self.section.anchor:
            return
        base, cut = section.body_start, self._cut - self._base + section.body_start
        if section.end - base == self._stop - self._base:
            return  # as long as what is shown: nothing to add (and nothing to decode)
        text = section.markdown  # decoded once, kept only if it is swapped in
        if text[base:cut] == self._text[self._base : self._cut]:
            self.section = section
            self._text = text
            self._cut = cut
            self._base = base
            self._stop = section.end
            self.call_after_refresh(self._fill)

    def _next_chunk(self, first: bool = False) -> Prose | None:
        if self._cut >= self._stop:
            return None
        rendered = self._next_rendered(first)
        prose = Prose(rendered.items, rendered.links, first=first)
        prose.query_text = self._query
        return prose

    async def load_more(self) -> bool:
        """Lay out the next chunk; False when the section is complete."""
        chunk = self._next_chunk()
        if chunk is None:
            return False
        await self.query_one("#column", Vertical).mount(chunk)
        return True

    async def _fill(self) -> None:
        """Keep ``AHEAD`` screens of text laid out below what is visible, a chunk per refresh."""
        if self._loading or self.complete or self._ahead_enough():
            return
        self._loading = True
        try:
            await self.load_more()
        finally:
            self._loading = False
        self.call_after_refresh(self._fill)

    def _ahead_enough(self) -> bool:
        below = self.virtual_size.height - self.scroll_y - self.size.height
        return below >= self.size.height * AHEAD

    async def find(self, query: str, nth: int, offset: int = -1) -> None:
        """Highlight ``query`` and bring its ``nth`` occurrence in this section into view.

        The count starts with the heading, as :func:`reflect.reading.find_all`
        does.  Chunks are laid out as far as needed to reach ``offset`` (the
        hit's place in the body) in one go, then one layout pass.
        """
        self._query = query.lower()
        offset += self._base
        if offset >= self._cut:
            column = self.query_one("#column", Vertical)
            chunks = []
            while offset >= self._cut and (chunk := self._next_chunk()) is not None:
                chunks.append(chunk)
            await column.mount_all(chunks)
            await self._settled()
        heading = self.query_one(".heading", Static)
        if self.section is not None:
            hits = self.section.heading.lower().count(self._query) if self._query else 0
            heading.set_class(bool(hits), "-match")
            if nth < hits:
                self.scroll_to(y=0, animate=False)
                nth = -1
            else:
                nth -= hits
        seen = 0
        index = 0
        while True:
            chunks = list(self.query(Prose))
            for prose in chunks[index:]:
                prose.set_query(query)
            for prose in chunks[index:]:
                ys = prose.match_lines() if nth >= 0 else []
                if 0 <= nth - seen < len(ys):
                    y = ys[nth - seen]
                    prose.set_query(query, current=y)
                    column = self.query_one("#column")
                    top = column.virtual_region.y + prose.virtual_region.y + y
                    self.scroll_to(y=max(0, top - self.size.height // 3), animate=False)
                    nth = -1
                seen += len(ys)
            index = len(chunks)
            if nth < 0 or not await self.load_more():
                return
            await self._settled()

    async def _settled(self) -> None:
        """Wait for the layout of what was just mounted."""
        done = asyncio.Event()
        self.call_after_refresh(done.set)
        await done.wait()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self.complete and not self._loading:
            self.call_after_refresh(self._fill)

    def on_resize(self, event: events.Resize) -> None:
        if not self.complete:
            self.call_after_refresh(self._fill)
