"""Prose: a chunk of Markdown laid out as lines, drawn line by line.

One widget per chunk (however many paragraphs, list items, quotes and tables
it holds), laid out from :mod:`reflect.widgets.render` items with hanging
indents, and drawn through the line API: only lines on screen are turned into
strips, so a long chunk costs its visible part.  Find matches are marked as
lines are drawn, without laying the text out again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.content import Content, Span
from textual.message import Message
from textual.strip import Strip
from textual.visual import RenderOptions
from textual.widget import Widget

from reflect.widgets.render import Item

MATCH_STYLE = "reverse $text-warning"
CURRENT_MATCH_STYLE = "reverse bold $text-accent"


class Prose(Widget):
    """A chunk of a section, laid out as lines with hanging indents for lists and quotes."""

    DEFAULT_CSS = """
    Prose {
        height: auto;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    @dataclass
    class LinkClicked(Message):
        """A link in the pane was clicked: ``href`` as written in the article."""

        href: str

    def __init__(
        self, items: list[Item], links: list[str], *, first: bool, classes: str | None = None
    ) -> None:
        super().__init__(classes=classes)
        self.items = items
        """What to lay out, in order."""
        self.links = links
        """Link addresses, by the number their click action carries."""
        self.first = first
        """Whether this chunk opens the pane (its first item has no gap above)."""
        self.query_text = ""
        """The find query to highlight, lower-cased; empty for none."""
        self.current_line: int | None = None
        """The line holding the current find match, drawn stronger."""
        self._cache: dict[int, list[Content]] = {}
        self._strips: dict[int, Strip] = {}
        self._strips_key: object = None

    def lines(self, width: int) -> list[Content]:
        """The laid-out lines at ``width`` cells (cached until width or query change)."""
        width = max(width, 8)
        cached = self._cache.get(width)
        if cached is not None:
            return cached
        out: list[Content] = []
        previous: Item | None = None
        for n, item in enumerate(self.items):
            if n or not self.first:
                gap = _gap_line(previous, item)
                out.extend(gap for _ in range(item.gap))
            out.extend(_layout(item, width))
            previous = item
        if len(self._cache) > 4:
            self._cache.clear()
        self._cache[width] = out
        return out

    def replace(self, items: list[Item], links: list[str]) -> None:
        """Show other text in this same widget (moving between panes reuses it)."""
        self.items = items
        self.links = links
        self._cache.clear()
        self._strips = {}
        self._strips_key = None
        self.refresh(layout=True)

    def match_lines(self) -> list[int]:
        """Lines (at the current width) holding find matches, one entry per match."""
        if not self.query_text:
            return []
        found = []
        for y, text in enumerate(self.lines(self.content_size.width)):
            found.extend([y] * text.plain.lower().count(self.query_text))
        return found

    def set_query(self, query: str, current: int | None = None) -> None:
        """Highlight ``query`` (case-insensitive); ``current`` is the line of the current hit."""
        query = query.lower()
        if query != self.query_text or current != self.current_line:
            self.query_text = query
            self.current_line = current
            self.refresh()

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        """One line, rendered only when it is on screen (a long chunk costs its visible part)."""
        width = self.size.width
        key = (width, self.query_text, self.current_line, self.visual_style)
        if key != self._strips_key:
            self._strips_key = key
            self._strips = {}
        strip = self._strips.get(y)
        if strip is None:
            lines = self.lines(width)
            if y >= len(lines):
                return Strip.blank(width, self.visual_style.rich_style)
            text = _mark(lines[y], self.query_text, MATCH_STYLE)
            if y == self.current_line:
                text = _mark(text, self.query_text, CURRENT_MATCH_STYLE)
            options = RenderOptions(self._get_style, self.styles, None, None)
            rendered = text.render_strips(width, 1, self.visual_style, options)
            strip = rendered[0] if rendered else Strip.blank(width)
            strip = strip.extend_cell_length(width, self.visual_style.rich_style)
            self._strips[y] = strip
        return strip

    def action_link(self, number: int) -> None:
        """Clicked link ``number``: the reader screen decides what (if anything) opens."""
        if isinstance(number, int) and 0 <= number < len(self.links):
            self.post_message(self.LinkClicked(self.links[number]))


def _gap_line(previous: Item | None, item: Item) -> Content:
    """A blank line between two items, keeping the quote bars they share."""
    if previous is None:
        return Content("")
    a, b = previous.rest.plain, item.rest.plain
    shared = 0
    while shared < min(len(a), len(b)) and a[shared] == b[shared]:
        shared += 1
    return item.rest[:shared].rstrip()


def _layout(item: Item, width: int) -> list[Content]:
    room = max(width - max(item.first.cell_length, item.rest.cell_length), 4)
    if item.rule:
        return [Content(" " * max(0, (width - item.body.cell_length) // 2)) + item.body]
    if item.verbatim:
        body = [piece for text in item.body.split("\n") for piece in text.fold(room)]
    else:
        body = item.body.wrap(room) or [Content("")]
    lines = []
    for n, text in enumerate(body):
        text = (item.first if n == 0 else item.rest) + text
        if item.fill:
            text = text.pad_right(width - text.cell_length).stylize(item.fill)
        lines.append(text)
    return lines


def _mark(text: Content, query: str, style: str) -> Content:
    if not query:
        return text
    plain = text.plain.lower()
    spans = [Span(m.start(), m.end(), style) for m in re.finditer(re.escape(query), plain)]
    return text.add_spans(spans) if spans else text
