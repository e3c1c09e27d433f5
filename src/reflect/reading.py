"""One reading session, without Textual: progress, pauses, find.

The reader screen keeps its state here so the rules of DESIGN.md ("each
section pauses at most once per visit", minutes left at about 230 words a
minute, find across sections) can be tested as plain functions.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from reflect.article import Section
from reflect.pace import reading_minutes
from reflect.spool import utf8_blocks

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
        """Whole minutes since the visit began (at least 1 once anything was read)."""
        elapsed = (time.monotonic() if now is None else now) - self.started
        return max(1, round(elapsed / 60))


@dataclass(frozen=True, slots=True)
class Match:
    """One find hit: a section, the ordinal of the hit within it, and where it is.

    ``offset`` is the hit's position in the section's body (-1 in the heading),
    so a pane can lay out a long section just far enough to show it.
    """

    section: int
    nth: int
    offset: int = -1


def find_all(sections: Sequence[Section], query: str, limit: int = 10_000) -> list[Match]:
    """Every case-insensitive occurrence of ``query`` in headings and bodies, in reading order.

    Searches the Markdown source (cheap even for a 20 MB book); the pane then
    highlights the same words in what it shows.  A section a child process
    found is read and decoded a megabyte at a time (cut at line ends, which a
    query of one line never spans), so a search never holds a big book, or
    even a big section, decoded.
    """
    if not query.strip() or limit <= 0:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    found: list[Match] = []
    for section in sections:
        nth = 0
        for _ in pattern.finditer(section.heading):
            found.append(Match(section.index, nth))
            nth += 1
            if len(found) >= limit:
                return found
        for block, done in _body_blocks(section, whole="\n" in query):
            low = max(0, section.body_start - done)
            high = min(len(block), section.end - done)
            for hit in pattern.finditer(block, low, max(low, high)):
                found.append(Match(section.index, nth, done + hit.start() - section.body_start))
                nth += 1
                if len(found) >= limit:
                    return found
    return found


def _body_blocks(section: Section, whole: bool) -> Iterator[tuple[str, int]]:
    """The section's text as ``(block, characters before it)``: the article's
    own string as one block, a child's section a block at a time."""
    text = section.text
    if isinstance(text, str) or whole:
        yield section.markdown, 0
        return
    done = 0
    for block in utf8_blocks(text):
        yield block, done
        done += len(block)
        if done >= section.end:
            return
