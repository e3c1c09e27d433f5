"""The find bar: a query box docked under the pane, with a match counter."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from reflect.ui_text import line


class FindBar(Horizontal):
    """Type to find across the article; ``enter``/``down`` next, ``shift+enter``/``up`` back."""

    BINDINGS = [
        Binding("enter,down", "step(1)", "Next match", id="find.next", priority=True),
        Binding("shift+enter,up", "step(-1)", "Previous match", id="find.previous", priority=True),
        Binding("escape", "close", "Close find", id="find.close", priority=True),
    ]

    @dataclass
    class Changed(Message):
        """The query changed."""

        query: str

    @dataclass
    class Step(Message):
        """Go to the next (``1``) or previous (``-1``) match."""

        direction: int

    class Closed(Message):
        """The bar was closed."""

    def __init__(self) -> None:
        super().__init__(id="findbar")

    def compose(self) -> ComposeResult:
        yield Static("Find", id="find-label")
        # Not Input's select-on-focus: its focus event comes after what was typed
        # on the heels of "/" is put in, and selected it for the next key to replace.
        yield Input(
            placeholder="words to find", id="find-input", compact=True, select_on_focus=False
        )
        yield Static("", id="find-count")

    def open(self, *, again: bool) -> None:
        """Show the bar and put the cursor in the query.

        ``again``: the bar was open before and keeps its last query, selected
        so that typing replaces it.  Made just now, it is empty, or holds what
        was typed while it was being made, which must not be selected: the
        next key would replace it ("/nights and" became "and").
        """
        self.display = True
        field = self.query_one(Input)
        # At once, not by ``focus()``, which queues it behind keys already typed
        # (reflect.widgets.type_ahead).
        self.screen.set_focus(field)
        if again:
            field.select_all()
        type_ahead = getattr(self.app, "type_ahead", None)
        if type_ahead is not None:  # words typed on the heels of "/"
            type_ahead.hand_to(field)

    def set_count(self, current: int | None, total: int, searching: bool = False) -> None:
        """Show "2 / 14", "no matches" or "…"."""
        if searching:
            words = "…"
        elif not self.query_one(Input).value.strip():
            words = ""
        elif total == 0:
            words = "no matches"
        else:
            words = f"{(current or 0) + 1} / {total}"
        self.query_one("#find-count", Static).update(line(words))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    def action_step(self, direction: int) -> None:
        """Move to another match."""
        self.post_message(self.Step(direction))

    def action_close(self) -> None:
        """Hide the bar; the reader stays where the last match was."""
        self.display = False
        self.post_message(self.Closed())
