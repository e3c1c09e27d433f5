"""Asking for a file to import, with path completion as you type.

A modal that returns the chosen path (or ``None``); the library does the
importing, so a failure is reported where the list is.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, Static

from reflect.sanitize import clean_line
from reflect.screens.dialog import Dialog

MAX_LISTED = 2000


class PathSuggester(Suggester):
    """Completes the last part of a path from what is on disk; folders end with ``/``.

    Hidden entries are offered only when the typed part starts with a dot.
    No caching: the disk may change while the prompt is open.
    """

    def __init__(self, base: Path | None = None) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.base = base or Path.cwd()
        """Where relative paths start."""

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value, self.base)


def complete_path(value: str, base: Path) -> str | None:
    """``value`` extended by the rest of the first entry on disk it is the start of."""
    if not value:
        return None
    head, _, tail = value.rpartition("/")
    folder_text = head + "/" if "/" in value else ""
    folder = Path(os.path.expanduser(folder_text or "."))
    if not folder.is_absolute():
        folder = base / folder
    try:
        with os.scandir(folder) as listing:
            names = []
            for n, entry in enumerate(listing):
                if n >= MAX_LISTED:
                    break
                if (
                    entry.name.startswith(tail)
                    and (tail.startswith(".") or not entry.name.startswith("."))
                    # A name with escape sequences would reach the terminal
                    # through the input's suggestion: never offered.
                    and clean_line(entry.name) == entry.name
                ):
                    names.append((not entry.is_dir(), entry.name))
    except OSError:
        return None
    names = [item for item in names if item[1] != tail or not item[0]]
    if not names:
        return None
    is_file, name = min(names, key=lambda item: (item[0], item[1].casefold()))
    completed = folder_text + name + ("" if is_file else "/")
    return completed if completed != value else None


class ImportPrompt(Dialog[Path | None]):
    """A path prompt: ``enter`` imports, ``tab`` or ``right`` completes, ``escape`` cancels."""

    DEFAULT_CSS = """
    ImportPrompt {
        #import-help, #import-keys {
            color: $text-muted;
            margin: 1 0 0 0;
        }
        #import-path {
            margin: 1 0 0 0;
        }
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
        Binding("tab", "complete", "Complete", id="import.complete", priority=True),
    ]

    def __init__(self, base: Path | None = None) -> None:
        super().__init__()
        self.base = base or Path.cwd()
        """Where a relative path is taken from."""

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog", classes="dialog"):
            yield Static(Content.styled("Import an article", "bold"), id="import-title")
            yield Static(
                Content(
                    "A Markdown file or a blog post saved as text; it is copied into your library."
                ),
                id="import-help",
            )
            yield Input(
                placeholder="path to a file, e.g. ~/Downloads/post.txt",
                suggester=PathSuggester(self.base),
                id="import-path",
            )
            yield Static(
                Content.styled("enter import · tab complete · escape cancel", "dim"),
                id="import-keys",
            )

    def action_complete(self) -> None:
        """Accept the suggested completion, as a shell's tab does."""
        field = self.query_one(Input)
        field.cursor_position = len(field.value)
        field.action_cursor_right()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        path = Path(os.path.expanduser(text))
        self.dismiss(path if path.is_absolute() else self.base / path)

    def action_cancel(self) -> None:
        """Close without importing."""
        self.dismiss(None)
