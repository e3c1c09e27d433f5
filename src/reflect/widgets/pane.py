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
import re
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from reflect.article import Section
from reflect.find_text import query_pattern
from reflect.section_body import SectionBody
from reflect.ui_text import line
from reflect.widgets.prose import Prose
from reflect.widgets.render import Rendered, render_markdown

AHEAD = 3
"""Screens of text kept laid out below the visible part."""


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
        self._body: SectionBody | None = None
        self._stop = 0
        self._base = 0
        self._cut = 0
        self._shown_chars = 0
        """Characters of the body laid out (``_base`` to ``_cut``, in its units)."""
        self._unreadable: OSError | None = None
        self._loading = False
        self._pattern: re.Pattern[str] | None = None

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
        self._unreadable = None
        # Read a chunk at a time where it lies: the pane holds no more text than
        # it has laid out.
        try:
            self._body = body = SectionBody(section)
            self._base = self._cut = body.start
            self._stop = body.stop
        except OSError as error:  # a big book's text is read back from its spool file
            self._body, self._base, self._cut, self._stop = None, 0, 0, 0
            self._unreadable = error
        self._shown_chars = 0
        self._pattern = query_pattern(query)
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
            chunks[0].pattern = self._pattern
            chunks[0].current_hit = None
        else:
            prose = Prose(rendered.items, rendered.links, first=True)
            prose.pattern = self._pattern
            await column.mount(prose)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.call_after_refresh(self._fill)
        self.post_message(self.Shown(section.index))

    def _next_rendered(self, first: bool = False) -> Rendered:
        body = self._body
        if body is None or self._cut >= self._stop:
            return _unreadable(self._unreadable) if first and body is None else Rendered([], [])
        start = self._cut
        try:
            self._cut = body.chunk_end(start)
            text = body.piece(start, self._cut)
        except OSError as error:  # shown in place of the rest; nothing more is tried
            self._cut = self._stop
            return _unreadable(error)
        self._shown_chars += len(text)
        return render_markdown(text)

    def extend(self, section: Section) -> None:
        """Swap in the full version of the section shown (the preview may have cut it short).

        What is already laid out stays: the full text starts with the same words.
        """
        shown_section, old = self.section, self._body
        if shown_section is None or old is None or section.anchor != shown_section.anchor:
            return
        if section.size == shown_section.size:
            return  # as long as what is shown: nothing to add (and nothing to read)
        try:
            shown = old.piece(self._base, self._cut)
            new = SectionBody(section)
            cut = new.start + new.units(shown)
            same = cut <= new.stop and new.piece(new.start, cut) == shown
        except OSError:
            return  # what is shown stays; the pane says so if a later chunk fails too
        if same:
            self.section = section
            self._body = new
            self._base, self._cut, self._stop = new.start, cut, new.stop
            self.call_after_refresh(self._fill)

    def _next_chunk(self, first: bool = False) -> Prose | None:
        if self._cut >= self._stop:
            return None
        rendered = self._next_rendered(first)
        prose = Prose(rendered.items, rendered.links, first=first)
        prose.pattern = self._pattern
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

        The count starts with the heading, then goes chunk by chunk and item
        by item through what is shown, as :func:`reflect.reading.find_all`
        does (with the same rules, :mod:`reflect.find_text`).  Chunks are laid
        out as far as needed to reach ``offset`` (where the hit's chunk starts
        in the body) in one go, then one layout pass.
        """
        self._pattern = pattern = query_pattern(query)
        if offset >= self._shown_chars:
            column = self.query_one("#column", Vertical)
            chunks = []
            while offset >= self._shown_chars and (chunk := self._next_chunk()) is not None:
                chunks.append(chunk)
            await column.mount_all(chunks)
            await self._settled()
        heading = self.query_one(".heading", Static)
        if self.section is not None:
            hits = len(pattern.findall(self.section.heading)) if pattern is not None else 0
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
                prose.set_query(pattern)
            for prose in chunks[index:]:
                ys = prose.match_lines() if nth >= 0 else []
                if 0 <= nth - seen < len(ys):
                    y = ys[nth - seen]
                    prose.set_query(pattern, current=nth - seen)
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


def _unreadable(error: OSError | None) -> Rendered:
    """What the pane shows where text could not be read back (its spool file failed)."""
    reason = (error.strerror if error is not None else None) or "a read error"
    return render_markdown(f"*This part of the section could not be read back: {reason}.*")
