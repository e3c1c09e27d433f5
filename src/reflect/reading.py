"""One reading session, without Textual: progress, pauses, find.

The reader screen keeps its state here so the rules of DESIGN.md ("each
section pauses at most once per visit", minutes left at about 230 words a
minute, find across sections) can be tested as plain functions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reflect.article import Section
from reflect.find_text import SourceTest, query_pattern
from reflect.pace import reading_minutes
from reflect.section_body import SectionBody

DEFAULT_PROMPT = "Anything you want to keep from this section?"


def minutes_left(sections: Sequence[Section], index: int) -> int:
    """Minutes to read this section and the ones after it, rounded up."""
    return reading_minutes(sum(section.words for section in sections[index:]))


def progress_text(index: int, sections: Sequence[Section], complete: bool) -> str:
    """The progress line: ``"3 / 7 · 2 min left"`` (``"3 / 7+"`` while the outline fills in)."""
    total = f"{len(sections)}" if complete else f"{len(sections)}+"
    if not complete:
        return f"{index + 1} / {total}"
    left = minutes_left(sections, index)
    when = "under a minute left" if left <= 1 and sections else f"{left} min left"
    return f"{index + 1} / {total} · {when}"


def prompt_for(section: Section) -> str:
    """The pause's question: the article's own (front matter) or a gentle default."""
    return section.prompt or DEFAULT_PROMPT


@dataclass(slots=True)
class Visit:
    """What happened since the article was opened this time."""

    started: float = field(default_factory=time.monotonic)
    """When the visit began (monotonic seconds), for "time read" in the summary."""
    paused: set[int] = field(default_factory=set)
    """Sections whose pause has been shown: each pauses at most once per visit."""
    reflected: set[str] = field(default_factory=set)
    """Anchors of sections given a reflection this visit."""

    def should_pause(self, index: int, guided: bool) -> bool:
        """Whether leaving section ``index`` forward opens the pause now."""
        return guided and index not in self.paused

    def minutes_read(self, now: float | None = None) -> int:
        """Whole minutes since the visit began, rounded (0: under half a minute)."""
        elapsed = (time.monotonic() if now is None else now) - self.started
        return round(elapsed / 60)


Shown = Callable[[str], Sequence[str]]
"""What a piece of Markdown shows: the text of each of its blocks, in order.

The reader passes :func:`reflect.widgets.render.shown_texts`, the pane's own
renderer; it lives UI side (it builds Textual ``Content``), and is handed in
so this module, and what it decides, stays free of Textual."""


@dataclass(frozen=True, slots=True)
class Match:
    """One find hit: a section, the ordinal of the hit within it, and where it is.

    ``offset`` is where the pane's chunk holding the hit starts, in characters
    of the section's body (-1 for a hit in the heading), so a pane can lay out
    a long section just far enough to show it.
    """

    section: int
    nth: int
    offset: int = -1


def find_all(
    sections: Sequence[Section],
    query: str,
    limit: int = 10_000,
    *,
    shown: Shown,
    stop: Callable[[], bool] = lambda: False,
) -> list[Match]:
    """Every hit of ``query`` in what the reader sees, in reading order.

    Headings as written, bodies as ``shown`` renders them, chunk by chunk as
    the pane does (:meth:`reflect.section_body.SectionBody.chunks`), with the
    rules of :mod:`reflect.find_text`; the pane counts the same hits in the
    same blocks, so the find bar's "n / N" is what it highlights.

    Rendering is the cost, so a chunk is rendered only when its source could
    show a hit (:class:`reflect.find_text.SourceTest`).  A section a child
    process found is read one chunk at a time, so a search never holds a big
    book, or even a big section, decoded.  ``stop`` is asked before each
    chunk: a search overtaken by a newer query ends there (what it found so
    far is returned, for nobody).
    """
    pattern = query_pattern(query)
    if pattern is None or limit <= 0:
        return []
    test = SourceTest(query)
    found: list[Match] = []
    for section in sections:
        nth = 0
        for _ in pattern.finditer(section.heading):
            found.append(Match(section.index, nth))
            nth += 1
            if len(found) >= limit:
                return found
        for offset, source in SectionBody(section).chunks():
            if stop():
                return found
            if not test.may_show(source):
                continue
            for text in shown(source):
                for _ in pattern.finditer(text):
                    found.append(Match(section.index, nth, offset))
                    nth += 1
                    if len(found) >= limit:
                        return found
    return found
