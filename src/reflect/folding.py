"""How typed words are compared with titles and notes, wherever reflect filters.

Case-folded and composed (NFC): "é" typed finds an "e" with a combining
accent, as macOS file names and some copied text spell it, and the other way
round.  One rule for the library filter, the journal's search and
``reflect notes --search``.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """``text`` as filters compare it."""
    return unicodedata.normalize("NFC", text.casefold())


def filter_words(typed: str) -> list[str]:
    """The words of what was typed, folded."""
    return fold(typed).split()
