"""The library's table: one row per article, filtered and sorted by the screen.

Every cell is a Rich ``Text`` built from sanitized text, never a string:
DataTable reads ``str`` cells as markup, and titles come from untrusted files.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable

from reflect.library import LibraryEntry, when_label
from reflect.sanitize import clean_line

# (key, label, width): the title takes whatever width is left.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("title", "Title", 0),
    ("words", "Words", 7),
    ("time", "Time", 7),
    ("reflected", "Reflected", 9),
    ("opened", "Opened", 11),
)
MIN_TITLE = 20


class LibraryTable(DataTable[Text]):
    """A table of library entries whose title column fits the width it is given."""

    DEFAULT_CSS = """
    LibraryTable {
        height: 1fr;
        max-height: 100%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, cell_padding=1)
        self._entries: list[LibraryEntry] = []
        self._title_width = 0
        self.today: date | None = None
        """The date "last opened" is told relative to (tests fix it)."""

    def _fit_title(self) -> int:
        others = sum(width + 2 for _, _, width in COLUMNS[1:])
        scrollbar = 1
        return max(MIN_TITLE, self.size.width - others - scrollbar)

    def on_resize(self) -> None:
        if self._fit_title() != self._title_width:
            self.show(self._entries)

    def show(self, entries: Sequence[LibraryEntry]) -> None:
        """Replace the rows with ``entries`` in their order, keeping the cursor's article."""
        current = self.current_path
        self._entries = list(entries)
        width = self._fit_title()
        if width != self._title_width or not self.columns:
            self._title_width = width
            self.clear(columns=True)
            for key, label, fixed in COLUMNS:
                justify = "left" if key in ("title", "opened") else "right"
                self.add_column(
                    Text(label, justify=justify), key=key, width=width if key == "title" else fixed
                )
        else:
            self.clear()
        self.add_rows_with_keys(self._entries)
        if current is not None:
            try:
                self.move_cursor(row=self.get_row_index(str(current)), animate=False)
            except Exception:  # the article was filtered out: stay at the top
                self.move_cursor(row=0, animate=False)

    def add_rows_with_keys(self, entries: Sequence[LibraryEntry]) -> None:
        for entry in entries:
            self.add_row(*self.cells(entry), key=str(entry.path))

    @property
    def current_path(self) -> Path | None:
        """The article under the cursor, if any."""
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:
            return None
        return Path(key.value) if key.value else None

    def cells(self, entry: LibraryEntry) -> list[Text]:
        """The row for one entry, as plain text objects."""
        if entry.unreadable:
            name = clean_line(entry.path.name)
            reason = clean_line(entry.info.error or "")
            title = Text.assemble((name, "dim"), ("  ", ""), (reason, "dim italic"))
            title.no_wrap, title.overflow = True, "ellipsis"
            blank = Text("", style="dim")
            return [title, blank, blank, blank, blank]
        title = Text(clean_line(entry.title), no_wrap=True, overflow="ellipsis")
        if entry.notes_problem:
            title.append("  notes read-only", style="italic dim")
        total = len(entry.info.sections)
        reflected = Text(
            f"{entry.reflected} / {total}",
            justify="right",
            style="" if entry.reflected else "dim",
        )
        return [
            title,
            Text(f"{entry.info.words:,}", justify="right", style="dim"),
            Text(f"{entry.minutes} min", justify="right", style="dim"),
            reflected,
            Text(when_label(entry.opened, self.today), style="" if entry.opened else "dim"),
        ]
