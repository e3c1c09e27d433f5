"""The table of contents: every heading known so far; choosing one jumps there."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reflect.article import Section
from reflect.screens.dialog import ReaderDialog
from reflect.ui_text import join, line

MAX_INDENT = 4


class ContentsScreen(ReaderDialog[int | None]):
    """Dismisses with the chosen section's index, or ``None``."""

    DEFAULT_CSS = """
    ContentsScreen {
        #toc-title {
            text-style: bold;
            color: $text-primary;
            margin: 0 0 1 0;
        }
        #toc-list {
            height: auto;
            max-height: 20;
            border: none;
            background: $surface;
        }
    }
    """

    BINDINGS = [
        Binding("escape,t,q", "close", "Close", id="toc.close"),
    ]

    def __init__(self, sections: Sequence[Section], current: int, complete: bool) -> None:
        super().__init__()
        self.sections = list(sections)
        """The outline as known when the contents were opened."""
        self.current = current
        """The section being read: highlighted on open."""
        self.complete = complete
        """False while the outline is still being found (said in the title)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="toc-dialog", classes="dialog"):
            more = "" if self.complete else " (still finding the rest…)"
            yield Static(line(f"Contents{more}"), id="toc-title")
            top = min((s.level for s in self.sections), default=1)
            options = [
                Option(
                    join(
                        [
                            "  " * min(section.level - top, MAX_INDENT),
                            line(section.heading, "bold" if section.index == self.current else ""),
                        ]
                    ),
                    id=str(section.index),
                )
                for section in self.sections
            ]
            yield OptionList(*options, id="toc-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = min(self.current, max(len(self.sections) - 1, 0))
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_close(self) -> None:
        """Back to reading, where you were."""
        self.dismiss(None)
