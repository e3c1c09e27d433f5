"""The "on this day" strip: what the reader wrote on this date in earlier months or years.

Hidden when there is nothing to show.  At most :data:`SHOWN` memories, one line
each, the most recent first; every piece of text is sanitized and passed as
``Content``, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from reflect.journal import Memory
from reflect.sanitize import clean_line

SHOWN = 2


class OnThisDay(Static):
    """A calm strip above the library listing memories from this day."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "On this day"

    def show(self, memories: Sequence[Memory]) -> None:
        """Show ``memories`` (or hide the strip when there are none)."""
        self.display = bool(memories)
        if not memories:
            return
        lines: list[Content] = []
        for memory in memories[:SHOWN]:
            text = " ".join(clean_line(memory.text).split())
            lines.append(
                Content.assemble(
                    (memory.ago, "bold"),
                    ", in ",
                    (clean_line(memory.title), "italic"),
                    ": “",
                    text,
                    "”",
                )
            )
        more = len(memories) - SHOWN
        if more > 0:
            lines.append(Content.styled(f"and {more} more in the journal", "dim"))
        self.update(Content("\n").join(lines))
