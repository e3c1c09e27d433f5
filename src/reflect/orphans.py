"""Which notes still belong to a section of the article as it reads now.

Articles change: a heading is reworded, a section removed.  A note is never
dropped for that; it is *orphaned* (shown as "from an earlier version of
this article") unless the change was only a rename that can be recognised
without guessing.  A group of notes filed under a vanished anchor is
re-attached to a current section when all of these hold:

* the section's heading reads like the notes' old heading (the same words
  once case, emoji and punctuation are ignored; or the one's words inside
  the other's, "What Stays" → "What Stays With You"; or a close match) and
  no other section comes near;
* position: the section did not exist alongside the old one — no note on it
  is older than the newest note on the old anchor (a heading that already
  had notes while the old one was still being written to is a different
  section, not its new name);
* no other vanished anchor is re-attached to the same section.

Pure functions, no I/O: the caller passes the current outline.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from reflect.store_model import Notes, Reflection, number_reflections

CLOSE = 0.75  # similarity at which a reworded heading counts as the same
MARGIN = 0.15  # how far ahead of the runner-up the best match must be
CONTAINED = 0.9  # all the words of one heading, in order, inside the other


def classify(notes: Notes, sections: Sequence[tuple[str, str]]) -> Notes:
    """A copy of ``notes`` with ``orphaned`` set against ``sections`` (the current
    ``(anchor, heading)`` outline) and renamed headings re-attached.

    With no outline (the article could not be read) nothing is called orphaned:
    there is nothing to compare with.
    """
    if not sections:
        reflections = [
            r if not r.orphaned else replace(r, orphaned=False) for r in notes.reflections
        ]
        return replace(notes, reflections=reflections)
    current = {anchor for anchor, _ in sections}
    moves = _renames(notes.reflections, sections, current)
    out: list[Reflection] = []
    for r in notes.reflections:
        if r.section in current:
            out.append(r if not r.orphaned else replace(r, orphaned=False))
        elif r.section in moves:
            out.append(replace(r, section=moves[r.section], orphaned=False))
        else:
            out.append(r if r.orphaned else replace(r, orphaned=True))
    return replace(notes, reflections=number_reflections(out) if moves else out)


def _renames(
    reflections: Sequence[Reflection],
    sections: Sequence[tuple[str, str]],
    current: set[str],
) -> dict[str, str]:
    """Old anchor → current anchor, for vanished anchors that were only renamed."""
    newest: dict[str, datetime] = {}
    old_heading: dict[str, str] = {}
    earliest: dict[str, datetime] = {}
    for r in reflections:
        if r.section in current:
            if r.section not in earliest or r.written < earliest[r.section]:
                earliest[r.section] = r.written
        elif r.section not in newest or r.written >= newest[r.section]:
            newest[r.section] = r.written
            old_heading[r.section] = r.heading
    if not newest:
        return {}
    normalised = [(anchor, _words(heading)) for anchor, heading in sections]
    picks: dict[str, str] = {}
    for old, heading in old_heading.items():
        pick = _best(_words(heading), normalised, newest[old], earliest)
        if pick is not None:
            picks[old] = pick
    taken: dict[str, int] = {}
    for target in picks.values():
        taken[target] = taken.get(target, 0) + 1
    return {old: new for old, new in picks.items() if taken[new] == 1}


def _best(
    old: str,
    candidates: Sequence[tuple[str, str]],
    last_seen: datetime,
    earliest: dict[str, datetime],
) -> str | None:
    if not old:
        return None
    scored: list[tuple[float, str]] = []
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(old)
    for anchor, words in candidates:
        if anchor in earliest and earliest[anchor] <= last_seen:
            continue  # it existed alongside the old section
        if words == old:
            scored.append((1.0, anchor))
            continue
        if _contains(words, old):
            scored.append((CONTAINED, anchor))
            continue
        matcher.set_seq1(words)
        if matcher.real_quick_ratio() < CLOSE or matcher.quick_ratio() < CLOSE:
            continue
        scored.append((matcher.ratio(), anchor))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < CLOSE:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < MARGIN:
        return None
    return scored[0][1]


def _contains(a: str, b: str) -> bool:
    """Whether one heading's words appear, in order and whole, inside the other's."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return bool(short) and f" {short} " in f" {long} "


def _words(heading: str) -> str:
    """A heading's words, without case, emoji or punctuation."""
    kept = [
        ch if unicodedata.category(ch)[0] in "LN" else " "
        for ch in unicodedata.normalize("NFKC", heading).casefold()
    ]
    return " ".join("".join(kept).split())
