"""The pause: a modal note editor that hands back what was typed, nothing else.

It shows the section's heading, a gentle prompt, the reader's earlier entries
for this section (dated, oldest first) and a multi-line editor.  It never
touches the store: :class:`PauseScreen` dismisses with the text (or ``None``
when nothing was typed) and the reader screen saves it, so a failed save can
reopen the editor with the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static, TextArea

from reflect.sanitize import clean
from reflect.screens.dialog import ReaderDialog
from reflect.ui_text import join, line, text
from reflect.widgets.released import NoteEditor


@dataclass(frozen=True, slots=True)
class Earlier:
    """An earlier entry shown above the editor."""

    written: datetime
    text: str
    edited: datetime | None = None


def when(moment: datetime) -> str:
    """A date as a reader says it, on their own calendar: ``27 Nov 2026``.

    Notes are stored in UTC; a note written late in the evening west of
    Greenwich belongs to that evening, as the journal and library show it.
    """
    day = moment.astimezone().date()  # (as reflect.library.local_date: in range, store_toml)
    return f"{day.day} {day:%b %Y}"


class PauseScreen(ReaderDialog[str | None]):
    """The reflection editor, at a pause or on ``r``.

    Dismisses with the typed text (trailing blank space trimmed) or ``None``
    when there is none.  ``ctrl+s`` and ``escape`` both keep typed text:
    nothing typed is thrown away silently.
    """

    DEFAULT_CSS = """
    /* The pause covers the page: a moment of its own (and no blending of the text below). */
    PauseScreen, PauseScreen:ansi {
        background: $background;
    }

    PauseScreen {
        #pause-heading {
            color: $text-primary;
            text-style: bold;
        }
        #pause-prompt {
            color: $text-secondary;
            text-style: italic;
            margin: 0 0 1 0;
        }
        #earlier {
            height: auto;
            max-height: 8;
            margin: 0 0 1 0;
            scrollbar-size-vertical: 1;
            & > .entry {
                padding: 0 0 0 1;
                margin: 0 0 1 0;
                border-left: outer $secondary 50%;
                &:last-child {
                    margin: 0;
                }
            }
        }
        /* The borders are !important to beat TextArea's own for a compact
           editor (border: none !important). */
        #editor {
            height: 7;
            min-height: 3;
            padding: 0 1;
            background: $background;
            border: round $primary 30% !important;
            &:focus {
                border: round $primary 70% !important;
            }
        }
        #pause-keys {
            margin: 1 0 0 0;
            color: $text-muted;
        }
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="pause.save"),
        Binding("escape", "leave", "Continue", id="pause.leave"),
    ]

    def __init__(
        self,
        heading: str,
        prompt: str,
        earlier: Sequence[Earlier] = (),
        *,
        initial: str = "",
        on_pause: bool = True,
    ) -> None:
        super().__init__()
        self.heading = heading
        """The heading of the section the note is for."""
        self.prompt = prompt
        """The question asked: the article's own for this heading, or the default."""
        self.earlier = list(earlier)
        """Earlier entries for this section, oldest first."""
        self.initial = initial
        """Text to start from (a note being edited, or one whose save failed)."""
        self.on_pause = on_pause
        """True at a pause (the reader goes on after); False for ``r`` (it stays)."""

    @property
    def typed(self) -> str:
        """What is in the editor now, trailing blank space trimmed."""
        return self.query_one("#editor", TextArea).text.rstrip()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(line(self.heading), id="pause-heading")
            yield Static(line(self.prompt), id="pause-prompt")
            if self.earlier:
                with VerticalScroll(id="earlier"):
                    for entry in self.earlier:
                        dated = when(entry.written)
                        if entry.edited:
                            dated += f" · edited {when(entry.edited)}"
                        yield Static(
                            join([(dated, "$foreground-muted"), "\n", text(entry.text)]),
                            classes="entry",
                        )
            editor = NoteEditor(
                clean(self.initial),  # a note may hold escape sequences: never to the terminal
                id="editor",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
                compact=True,
            )
            editor.cursor_blink = False
            yield editor
            go = "continue" if self.on_pause else "close"
            yield Static(
                join(
                    [
                        ("ctrl+s", "bold"),
                        f" save and {go}   ",
                        ("escape", "bold"),
                        f" {go} (typed text is kept)",
                    ]
                ),
                id="pause-keys",
            )

    def on_mount(self) -> None:
        editor = self.query_one("#editor", TextArea)
        # At once (``focus()`` would queue it behind keys already typed), then
        # the words typed while this was opening (reflect.widgets.type_ahead).
        self.set_focus(editor)
        editor.move_cursor(editor.document.end)
        type_ahead = getattr(self.app, "type_ahead", None)
        if type_ahead is not None:
            type_ahead.hand_to(editor)
        if self.earlier:
            self.query_one("#earlier").scroll_end(animate=False)

    def action_save(self) -> None:
        """Save and go on (the caller saves; empty text is a skip)."""
        self.dismiss(self.typed or None)

    def action_leave(self) -> None:
        """Go on: typed text is saved all the same, nothing typed is a skip."""
        self.dismiss(self.typed or None)
