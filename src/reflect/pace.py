"""Reading time: one pace for the library, the reader's progress line and
``reflect outline``, so they never disagree about how long an article takes."""

from __future__ import annotations

WORDS_PER_MINUTE = 230
"""A calm reading pace (DESIGN.md: "about 230 words a minute")."""


def reading_minutes(words: int) -> int:
    """Minutes to read ``words``, rounded up; at least one for any text."""
    return max(1, -(-words // WORDS_PER_MINUTE)) if words > 0 else 0
