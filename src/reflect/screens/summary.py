"""The end of an article: a short summary, and a way out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from reflect.screens.dialog import ReaderDialog
from reflect.ui_text import join, line


class SummaryScreen(ReaderDialog[bool]):
    """Sections reflected and time read; dismisses True to leave the article."""

    DEFAULT_CSS = """
    SummaryScreen {
        #summary-kicker {
            color: $text-muted;
            text-style: italic;
        }
        #summary-title {
            color: $text-primary;
            text-style: bold;
            margin: 0 0 1 0;
        }
        #summary-keys {
            margin: 1 0 0 0;
            color: $text-muted;
        }
    }
    """

    BINDINGS = [
        Binding("enter,q", "answer(True)", "Leave", id="summary.leave"),
        Binding("escape,p,left", "answer(False)", "Back to the article", id="summary.back"),
    ]

    def __init__(
        self,
        *,
        title: str,
        reflected: int,
        this_visit: int,
        total: int,
        minutes: int,
        leave_label: str,
    ) -> None:
        super().__init__()
        self.article_title = title
        """The article's title (shown as text, never markup)."""
        self.reflected = reflected
        """Sections with at least one reflection, ever."""
        self.this_visit = this_visit
        """Sections reflected on since the article was opened."""
        self.total = total
        """Sections in the article."""
        self.minutes = minutes
        """Minutes since the article was opened."""
        self.leave_label = leave_label
        """What enter does: back to the library, or quit."""

    def compose(self) -> ComposeResult:
        minutes = (
            "under a minute"
            if self.minutes < 1
            else "about a minute"
            if self.minutes == 1
            else f"{self.minutes} minutes"
        )
        visit = f" ({self.this_visit} this time)" if self.this_visit else ""
        with Vertical(id="summary-dialog", classes="dialog"):
            yield Static(line("The end"), id="summary-kicker")
            yield Static(line(self.article_title), id="summary-title")
            yield Static(
                join(
                    [
                        (f"{self.reflected} of {self.total}", "bold"),
                        f" sections reflected{visit}\n",
                        (minutes, "bold"),
                        " of reading",
                    ]
                ),
                id="summary-body",
            )
            yield Static(
                join(
                    [
                        ("enter", "bold"),
                        f" {self.leave_label.lower()}    ",
                        ("escape", "bold"),
                        " back to the article",
                    ]
                ),
                id="summary-keys",
            )

    def action_answer(self, leave: bool) -> None:
        """Leave the article (True) or go back to its last section."""
        self.dismiss(leave)
