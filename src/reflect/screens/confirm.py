"""A yes/no question that must be answered before something is undone for good."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from reflect.screens.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Asks ``question``; dismisses with ``True`` only for an explicit yes.

    ``detail`` is shown as plain text (it may quote what the reader wrote).
    The safe answer has the focus, so a stray ``enter`` never deletes.
    """

    DEFAULT_CSS = """
    ConfirmScreen {
        #confirm-question {
            margin: 0 0 1 0;
        }
        #confirm-detail {
            color: $text-muted;
            max-height: 8;
            margin: 0 0 1 0;
        }
        #confirm-buttons {
            height: auto;
            align-horizontal: right;
            Button {
                margin: 0 0 0 2;
            }
        }
    }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "", *, yes: str = "Delete") -> None:
        super().__init__()
        self.question = question
        """The question, one line."""
        self.detail = detail
        """What the question is about, shown below it."""
        self.yes = yes
        """The label of the button that says yes."""

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(Content.styled(self.question, "bold"), id="confirm-question")
            if self.detail:
                yield Static(Content(self.detail), id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="error")
                yield Button("Keep (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        """Close with ``answer``."""
        self.dismiss(answer)
