"""The line that shows what the reader typed to filter a list, and how many match.

The library and the journal filter as you type: printable keys go to the
filter, not to a focused input, so arrows and ``enter`` keep moving and
opening.  This bar only shows the state; the screen owns it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.events import Key
from textual.reactive import reactive
from textual.widgets import Static

from reflect.sanitize import clean_line


def typed_into(text: str, event: Key) -> str | None:
    """``text`` after the key ``event``: a printable key adds its character,
    backspace takes the last one back; ``None`` when the key is not the
    filter's (so arrows, ``enter`` and the bindings keep working)."""
    if event.key == "backspace" and text:
        return text[:-1]
    if event.is_printable and event.character and event.character.isprintable():
        return text + event.character
    return None


class FilterBar(Horizontal):
    """Shows the filter text (or a hint when there is none) and a status on the right."""

    DEFAULT_CSS = """
    FilterBar {
        height: 1;
        margin: 1 1 0 1;
        #filter-text {
            width: 1fr;
        }
        #filter-status {
            width: auto;
        }
    }
    """

    text: reactive[str] = reactive("")
    """What the reader typed."""
    status: reactive[str] = reactive("")
    """A short summary on the right: counts, sort order, scan progress."""

    def __init__(self, hint: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hint = hint
        """Shown in place of the filter when nothing is typed."""

    def compose(self) -> ComposeResult:
        yield Static(id="filter-text", markup=False)
        yield Static(id="filter-status", markup=False)

    def on_mount(self) -> None:
        self._show_text()
        self._show_status()

    def watch_text(self) -> None:
        self._show_text()

    def watch_status(self) -> None:
        self._show_status()

    def _show_text(self) -> None:
        try:
            label = self.query_one("#filter-text", Static)
        except NoMatches:  # not composed yet: on_mount shows it
            return
        if self.text:
            label.update(
                Content.assemble(("/ ", "dim"), (clean_line(self.text), "bold"), ("▏", "dim"))
            )
        else:
            label.update(Content.styled(self.hint, "dim italic"))
        self.set_class(bool(self.text), "-active")

    def _show_status(self) -> None:
        try:
            label = self.query_one("#filter-status", Static)
        except NoMatches:
            return
        label.update(Content.styled(self.status, "dim"))
