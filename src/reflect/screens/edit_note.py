"""Editing an earlier reflection from the journal.

A modal that returns the new text (or ``None`` for no change); the journal
saves it.  Typed text is never thrown away silently: ``escape`` with changes
returns them too, exactly as ``ctrl+s`` does.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TextArea

from reflect.sanitize import clean, clean_line
from reflect.screens.dialog import Dialog
from reflect.widgets.released import NoteEditor


class EditNoteScreen(Dialog[str | None]):
    """A multi-line editor holding one reflection's text."""

    DEFAULT_CSS = """
    EditNoteScreen {
        #edit-heading {
            margin: 0 0 1 0;
        }
        #edit-problem {
            color: $text-error;
            margin: 0 0 1 0;
        }
        #edit-text {
            height: 12;
        }
        #edit-keys {
            color: $text-muted;
            margin: 1 0 0 0;
        }
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="edit.save"),
        Binding("escape", "close", "Close (keeps changes)", id="edit.close"),
    ]

    def __init__(
        self,
        heading: str,
        text: str,
        *,
        original: str | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__()
        self.heading = heading
        """The section the reflection is about (untrusted: shown as plain text)."""
        self.text = text
        """The text the editor opens with (after a failed save: what was typed)."""
        self.original = text if original is None else original
        """The text as saved, to tell whether anything changed."""
        self.problem = problem
        """Why the last save failed, shown above the editor when set."""

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-dialog", classes="dialog"):
            yield Static(Content.styled(clean_line(self.heading), "bold"), id="edit-heading")
            if self.problem:
                yield Static(Content(clean_line(self.problem)), id="edit-problem")
            # A note may hold escape sequences (it round-trips exactly): never to the terminal.
            yield NoteEditor(
                clean(self.text), id="edit-text", soft_wrap=True, show_line_numbers=False
            )
            yield Static(
                Content.styled("ctrl+s save · escape close (changes are kept)", "dim"),
                id="edit-keys",
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def typed(self) -> str | None:
        """The text as it stands, or None when unchanged (read when the app quits)."""
        return self._result()

    def _result(self) -> str | None:
        text = self.query_one(TextArea).text
        return None if text == clean(self.original) else text

    def action_save(self) -> None:
        """Save the text and close."""
        self.dismiss(self._result())

    def action_close(self) -> None:
        """Close; changed text is saved all the same."""
        self.dismiss(self._result())
