"""Prose: a chunk of Markdown laid out as lines, drawn line by line.

One widget per chunk (however many paragraphs, list items, quotes and tables
it holds), laid out from :mod:`reflect.widgets.render` items with hanging
indents, and drawn through the line API: only lines on screen are turned into
strips, so a long chunk costs its visible part.  Find matches are marked as
lines are drawn, without laying the text out again.

Find hits are counted per item, in its unwrapped text (as
:func:`reflect.reading.find_all` counts them, from the same items), then
placed on the laid-out lines: a phrase the wrap cuts in two is one hit,
highlighted on both lines.  Where a hit lies never depends on the width,
only where it is drawn.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from textual.content import Content, Span
from textual.message import Message
from textual.strip import Strip
from textual.visual import RenderOptions
from textual.widget import Widget

from reflect.find_text import hit_spans
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
        self.pattern: re.Pattern[str] | None = None
        """The find query to highlight (:func:`reflect.find_text.query_pattern`), or None."""
        self.current_hit: int | None = None
        """Which of this chunk's hits is the current one, drawn stronger."""
        self._cache: dict[int, list[Content]] = {}
        self._places: dict[int, list[_Place]] = {}
        self._hits: tuple[object, _Hits] | None = None
        self._strips: dict[int, Strip] = {}
        self._strips_key: object = None

    def lines(self, width: int) -> list[Content]:
        """The laid-out lines at ``width`` cells (cached until width or query change)."""
        width = max(width, 8)
        cached = self._cache.get(width)
        if cached is not None:
            return cached
        out: list[Content] = []
        places: list[_Place] = []
        previous: Item | None = None
        for n, item in enumerate(self.items):
            if n or not self.first:
                gap = _gap_line(previous, item)
                out.extend(gap for _ in range(item.gap))
            laid = _layout(item, width)
            places.append(_Place(len(out), [indent for _, indent in laid]))
            out.extend(text for text, _ in laid)
            previous = item
        if len(self._cache) > 4:
            self._cache.clear()
            self._places.clear()
        self._cache[width] = out
        self._places[width] = places
        return out

    def replace(self, items: list[Item], links: list[str]) -> None:
        """Show other text in this same widget (moving between panes reuses it)."""
        self.items = items
        self.links = links
        self._cache.clear()
        self._places.clear()
        self._hits = None
        self._strips = {}
        self._strips_key = None
        self.refresh(layout=True)

    def match_lines(self) -> list[int]:
        """Where each find hit starts (a line, at the current width), one entry per hit."""
        return self.hits(self.content_size.width).lines

    def hits(self, width: int) -> _Hits:
        """This chunk's find hits at ``width``: counted per item, placed on lines."""
        width = max(width, 8)
        key = (width, self.pattern)
        if self._hits is not None and self._hits[0] == key:
            return self._hits[1]
        found = _Hits()
        lines = self.lines(width)
        if self.pattern is not None:
            for item, place in zip(self.items, self._places[width], strict=True):
                _place_hits(self.pattern, item, place, lines, found)
        self._hits = (key, found)
        return found

    def set_query(self, pattern: re.Pattern[str] | None, current: int | None = None) -> None:
        """Highlight ``pattern``'s hits; ``current`` is the index of the current one here."""
        if pattern != self.pattern or current != self.current_hit:
            self.pattern = pattern
            self.current_hit = current
            self.refresh()

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        """One line, rendered only when it is on screen (a long chunk costs its visible part)."""
        width = self.size.width
        key = (width, self.pattern, self.current_hit, self.visual_style)
        if key != self._strips_key:
            self._strips_key = key
            self._strips = {}
        strip = self._strips.get(y)
        if strip is None:
            lines = self.lines(width)
            if y >= len(lines):
                return Strip.blank(width, self.visual_style.rich_style)
            text = lines[y]
            marks = self.hits(width).spans.get(y) if self.pattern is not None else None
            if marks:
                current = self.current_hit
                text = text.add_spans(
                    [
                        Span(start, end, CURRENT_MATCH_STYLE if hit == current else MATCH_STYLE)
                        for start, end, hit in marks
                    ]
                )
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


def _layout(item: Item, width: int) -> list[tuple[Content, int]]:
    """The item's lines, each with how many characters precede its piece of the body."""
    room = max(width - max(item.first.cell_length, item.rest.cell_length), 4)
    if item.rule:
        pad = max(0, (width - item.body.cell_length) // 2)
        return [(Content(" " * pad) + item.body, pad)]
    if item.verbatim:
        body = [piece for text in item.body.split("\n") for piece in text.fold(room)]
    else:
        body = item.body.wrap(room) or [Content("")]
    lines = []
    for n, text in enumerate(body):
        prefix = item.first if n == 0 else item.rest
        text = prefix + text
        if item.fill:
            text = text.pad_right(width - text.cell_length).stylize(item.fill)
        lines.append((text, len(prefix.plain)))
    return lines


@dataclass(slots=True)
class _Place:
    """Where an item was laid out: its first line, and each line's indent (in characters)."""

    y: int
    indents: list[int]


@dataclass(slots=True)
class _Hits:
    """A chunk's find hits at one width."""

    lines: list[int] = field(default_factory=list)
    """The line each hit starts on, in order (one entry per hit)."""
    spans: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)
    """Per line: ``(start, end, hit)`` character ranges to highlight."""


def _place_hits(
    pattern: re.Pattern[str], item: Item, place: _Place, lines: list[Content], found: _Hits
) -> None:
    """Count ``item``'s hits in its unwrapped text and mark them on its lines."""
    body = item.body.plain
    hits = hit_spans(pattern, body)
    if not hits:
        return
    pieces = [lines[place.y + k].plain[indent:] for k, indent in enumerate(place.indents)]
    columns = _align(body, pieces)
    for start, end in hits:
        hit = len(found.lines)
        first: int | None = None
        for k, cols in enumerate(columns):
            a, b = bisect_left(cols, start), bisect_left(cols, end)
            if a < b:
                y = place.y + k
                indent = place.indents[k]
                found.spans.setdefault(y, []).append((indent + a, indent + b, hit))
                first = y if first is None else first
        # Counted even where the layout could not be followed (never seen so
        # far): the count is the items', whatever the width.
        found.lines.append(place.y if first is None else first)


def _align(body: str, pieces: list[str]) -> list[list[int]]:
    """For each laid-out piece of ``body``, the body offset of each of its characters.

    Wrapping drops the spaces at a break and a hard break's newline, expands
    tabs and pads; letters are kept in order.  So a run of spaces in a piece
    stands for the body's run of whitespace there (or for nothing, at the
    end), and whitespace the pieces dropped is skipped.  Offsets never
    decrease; should a piece not follow the body, the rest map past its end
    (not highlighted, still counted).
    """
    n = len(body)
    beyond = n + 1
    p = 0
    out: list[list[int]] = []
    lost = False
    for piece in pieces:
        cols: list[int] = []
        j = 0
        while j < len(piece):
            c = piece[j]
            if lost:
                cols.append(beyond)
                j += 1
            elif c.isspace():
                here = p
                while p < n and body[p].isspace():
                    p += 1
                while j < len(piece) and piece[j].isspace():
                    cols.append(here)
                    j += 1
            else:
                if p < n and body[p] != c:
                    while p < n and body[p].isspace():
                        p += 1
                if p < n and body[p] == c:
                    cols.append(p)
                    p += 1
                else:
                    lost = True
                    cols.append(beyond)
                j += 1
        out.append(cols)
    return out
