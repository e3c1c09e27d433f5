"""Characters typed before the text box they were meant for has the focus.

Textual hands each key to the widget that has the focus when the key arrives
from the terminal.  A burst ("/" and a word, ``r`` and a sentence, a fast
typist on a slow machine) arrives while the find bar or the note editor it
opens is still being made, so its characters went to the page (where ``n``
would move on and ``q`` leave) or to nothing, and were lost.  Nothing typed
may be thrown away silently, so the app keeps them here, in order:

* a screen about to open a text box calls :meth:`TypeAhead.expect`; the
  characters that reach the app unhandled until the box calls
  :meth:`TypeAhead.hand_to` (or a second or two has passed) are kept and
  then typed into it;
* a character that reaches the app unhandled while a text box has the focus
  was delivered before it had it: it goes into the box.
"""

from __future__ import annotations

import time

from textual import events
from textual.widget import Widget

WINDOW = 2.0
"""Seconds a box being opened may take before what was typed for it is let go."""


def insert_into(box: Widget | None, text: str) -> bool:
    """Type ``text`` into ``box`` at its cursor if it is an editable text box."""
    # Only a box that exists has its class loaded: no import on every key.
    if box is None or not (hasattr(box, "insert_text_at_cursor") or hasattr(box, "document")):
        return False
    from textual.widgets import Input, TextArea

    if isinstance(box, Input):
        box.insert_text_at_cursor(text)
        return True
    if isinstance(box, TextArea) and not box.read_only:
        box.insert(text)
        return True
    return False


class TypeAhead:
    """The app's one keeper of characters typed ahead of their text box."""

    def __init__(self) -> None:
        self._kept: list[str] = []
        self._until = 0.0

    def expect(self) -> None:
        """A text box is about to open: keep what is typed until it takes it."""
        self._until = time.monotonic() + WINDOW

    def hand_to(self, box: Widget) -> None:
        """The box is open (and has the focus): type what was kept into it."""
        kept, self._kept, self._until = "".join(self._kept), [], 0.0
        if kept:
            insert_into(box, kept)

    def keep(self, event: events.Key, focused: Widget | None) -> bool:
        """Take a key that reached the app unhandled, if it was typed for a box.

        True when it was taken (the caller then stops it there).
        """
        character = event.character
        if not event.is_printable or not character:
            return False
        if time.monotonic() < self._until:
            self._kept.append(character)
            return True
        self._kept.clear()  # a box that never opened: what was kept for it is let go
        return insert_into(focused, character)
