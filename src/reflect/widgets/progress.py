"""The muted progress line under the pane: "3 / 7 · 2 min left", and the mode."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from reflect.ui_text import join


class ProgressLine(Static):
    """Where the reader is, how long is left, and whether pauses are on."""

    progress: reactive[str] = reactive("")
    """Our own words from :func:`reflect.reading.progress_text`."""
    guided: reactive[bool] = reactive(True)
    """Whether the pause opens at headings (shown as a quiet word on the right)."""

    def __init__(self) -> None:
        super().__init__(id="progress")

    def render(self):  # type: ignore[no-untyped-def]
        mode = "guided" if self.guided else "free reading"
        gap = max(1, self.content_size.width - len(self.progress) - len(mode))
        return join([self.progress, " " * gap, (mode, "italic")])
