"""The library's table: one row per article, drawn line by line.

A library may hold thousands of articles, and the list is re-filtered on every
key and re-sorted on demand.  ``DataTable`` measures and stores every cell of
every row as it is added (a quarter of a millisecond a row), so 5,000 rows
would block the UI for over a second each time.  This widget keeps a plain
list of entries and renders only the lines on screen (Textual's Line API), so
showing, filtering and sorting cost a list operation.

Every cell is a Rich ``Text`` built from sanitized text, never markup: titles
come from untrusted files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from reflect.library import LibraryEntry, when_label
from reflect.sanitize import clean_line

# (key, label, width, justify): the title takes whatever width is left.
COLUMNS: tuple[tuple[str, str, int, str], ...] = (
    ("title", "Title", 0, "left"),
    ("words", "Words", 7, "right"),
    ("time", "Time", 7, "right"),
    ("reflected", "Reflected", 10, "right"),
    ("opened", "Opened", 12, "left"),
)
GAP = 2
MIN_TITLE = 16
SCROLLBAR = 1


def title_width(width: int) -> int:
    """What is left for the title in a line ``width`` cells wide."""
    others = sum(w + GAP for _, _, w, _ in COLUMNS[1:])
    return max(MIN_TITLE, width - others - SCROLLBAR - 2)


def _cells(parts: Sequence[Text], width: int) -> Text:
    """The cells laid out in their columns: one line, exactly ``width`` wide."""
    line = Text(" ", no_wrap=True, end="")
    for (key, _, fixed, justify), cell in zip(COLUMNS, parts, strict=True):
        size = title_width(width) if key == "title" else fixed
        cell = cell.copy()
        cell.truncate(size, overflow="ellipsis")
        cell.align(justify, size)  # type: ignore[arg-type]
        line.append_text(cell)
        line.append(" " * GAP)
    line.truncate(width, pad=True)
    return line


def header_line(width: int) -> Text:
    """The column labels, laid out like the rows."""
    return _cells([Text(label) for _, label, _, _ in COLUMNS], width)


def row_line(entry: LibraryEntry, today: date | None, width: int) -> Text:
    """One entry as a line ``width`` wide; an unreadable file's reason spans the row."""
    if not entry.unreadable:
        return _cells(row_cells(entry, today), width)
    name = clean_line(entry.path.name)
    reason = clean_line(entry.info.error or "")
    line = Text.assemble(" ", (name, "dim"), "  ", (reason, "dim italic"), no_wrap=True, end="")
    line.truncate(width - SCROLLBAR - 1, overflow="ellipsis")
    line.truncate(width, pad=True)
    return line


def row_cells(entry: LibraryEntry, today: date | None) -> list[Text]:
    """A readable entry's cells, as plain text objects."""
    title = Text(clean_line(entry.title))
    if entry.notes_problem:
        title.append("  notes read-only", style="italic dim")
    total = entry.info.section_count
    return [
        title,
        Text(f"{entry.info.words:,}", style="dim"),
        Text(f"{entry.minutes} min", style="dim"),
        Text(f"{entry.reflected} / {total}", style="" if entry.reflected else "dim"),
        Text(when_label(entry.opened, today), style="" if entry.opened else "dim"),
    ]


class LibraryHeader(Widget):
    """The column labels above the rows."""

    DEFAULT_CSS = """
    LibraryHeader {
        height: 1;
        color: $text-muted;
        text-style: bold;
    }
    """

    def render(self) -> Text:
        return header_line(self.size.width)


@dataclass
class ArticleChosen(Message):
    """The reader chose an article (``enter`` or a click on the highlighted row)."""

    path: Path


class LibraryTable(ScrollView, can_focus=True):
    """Library entries as rows, with a cursor; renders only what is visible."""

    ALLOW_MAXIMIZE = False
    BINDINGS = [
        Binding("enter", "choose", "Open", id="library.open"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "to(0)", "First", show=False),
        Binding("end", "to(-1)", "Last", show=False),
    ]
    COMPONENT_CLASSES = {"library-table--cursor"}
    DEFAULT_CSS = """
    LibraryTable {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .library-table--cursor {
            background: $block-cursor-blurred-background;
        }
        &:focus > .library-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    cursor: reactive[int] = reactive(0, init=False)
    """The highlighted row."""

    ArticleChosen = ArticleChosen

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[LibraryEntry] = []
        """The rows, in the order shown."""
        self.today: date | None = None
        """The date "last opened" is told relative to (tests fix it)."""

    @property
    def row_count(self) -> int:
        return len(self.entries)

    @property
    def current_path(self) -> Path | None:
        """The article under the cursor, if any."""
        if 0 <= self.cursor < len(self.entries):
            return self.entries[self.cursor].path
        return None

    def row_text(self, index: int) -> Text:
        """Row ``index`` as one line of text, laid out like the header."""
        return row_line(self.entries[index], self.today, self.size.width)

    # --- changing the rows -------------------------------------------------

    def show(self, entries: Sequence[LibraryEntry]) -> None:
        """Replace the rows, keeping the cursor on the same article when it is still shown."""
        keep = self.current_path
        self.entries = list(entries)
        index = 0
        if keep is not None:
            for i, entry in enumerate(self.entries):
                if entry.path == keep:
                    index = i
                    break
        self._resized()
        self.set_reactive(LibraryTable.cursor, index)
        self._scroll_to_cursor(animate=False)
        self.refresh()

    def append(self, entries: Sequence[LibraryEntry]) -> None:
        """Add rows at the end (while the library is still being read)."""
        if not entries:
            return
        self.entries.extend(entries)
        self._resized()
        self.refresh()

    def move_to(self, path: Path) -> None:
        """Put the cursor on ``path``'s row, if shown."""
        for i, entry in enumerate(self.entries):
            if entry.path == path:
                self.cursor = i
                return

    def _resized(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.entries))

    def on_resize(self) -> None:
        self._resized()

    # --- cursor ------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.entries) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()

    def _refresh_row(self, index: int) -> None:
        y = index - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_to_cursor(self, animate: bool = False) -> None:
        self.scroll_to_region(
            Region(0, self.cursor, 1, 1), animate=animate, force=True, immediate=True
        )

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 1)

    def action_to(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.entries) - 1

    def action_choose(self) -> None:
        path = self.current_path
        if path is not None:
            self.post_message(ArticleChosen(path))

    def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if not 0 <= index < len(self.entries):
            return
        if index == self.cursor:  # a second click (or a double click) opens
            self.cursor = index
            self.action_choose()
        else:
            self.cursor = index

    # --- rendering ---------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not 0 <= index < len(self.entries):
            return Strip.blank(width, base)
        text = self.row_text(index)
        text.truncate(width)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("library-table--cursor")
        segments = list(Segment.apply_style(text.render(self.app.console), style))
        return Strip(segments, width).crop_extend(0, width, base)
