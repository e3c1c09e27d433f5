"""One article's reflections as a Markdown document a person would keep.

Used by ``reflect export`` and by the human-readable ``reflect notes``, so
both read the same: the article's title, each section that has notes under
its heading with dated entries (oldest first, in reading order), and notes
whose section is gone at the end, under "From an earlier version of this
article".  Every piece of text passes :func:`reflect.sanitize.clean`: notes
and titles are untrusted text on their way to a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reflect.sanitize import clean, clean_line
from reflect.store_model import Notes, Reflection

EARLIER = "From an earlier version of this article"


@dataclass(frozen=True, slots=True)
class Group:
    """The entries of one section, in the order they are shown."""

    anchor: str
    heading: str
    reflections: list[Reflection]


def ordered(
    notes: Notes, sections: Sequence[tuple[str, str]] | None
) -> tuple[list[Group], list[Group]]:
    """Sections with notes in reading order, then orphaned notes by old section;
    entries oldest first.

    ``notes`` should already be classified against ``sections``.  Without an
    outline, and for orphans, sections come in the order first written to.
    """
    by_anchor: dict[str, list[Reflection]] = {}
    lost: dict[str, list[Reflection]] = {}
    for r in sorted(notes.reflections, key=lambda r: r.written):  # stable: file order on ties
        (lost if r.orphaned else by_anchor).setdefault(r.section, []).append(r)
    groups: list[Group] = []
    if sections:
        for anchor, heading in sections:
            if anchor in by_anchor:
                groups.append(Group(anchor, heading, by_anchor.pop(anchor)))
    for anchor, entries in by_anchor.items():  # no outline, or not in it
        groups.append(Group(anchor, entries[-1].heading, entries))
    orphans = [Group(anchor, entries[-1].heading, entries) for anchor, entries in lost.items()]
    return groups, orphans


def stamp(moment: datetime) -> str:
    """A date a person reads at a glance, in UTC like the file."""
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _entry(r: Reflection) -> list[str]:
    when = f"**{stamp(r.written)}**"
    if r.edited is not None:
        when += f" · edited {stamp(r.edited)}"
    return [when, "", clean(r.text).strip("\n"), ""]


def render(
    notes: Notes,
    sections: Sequence[tuple[str, str]] | None,
    *,
    title: str | None = None,
) -> str:
    """The Markdown document for one article's notes (ends with one newline)."""
    groups, orphans = ordered(notes, sections)
    name = clean_line(title or notes.title or notes.article_id)
    lines = [f"# {name}", ""]
    if notes.source:
        lines += [f"Reflections on {clean_line(notes.source)}", ""]
    if not groups and not orphans:
        lines += ["No reflections yet.", ""]
    for group in groups:
        lines += [f"## {clean_line(group.heading) or group.anchor}", ""]
        for r in group.reflections:
            lines += _entry(r)
    if orphans:
        lines += [f"## {EARLIER}", ""]
        for group in orphans:
            lines += [f"### {clean_line(group.heading) or group.anchor}", ""]
            for r in group.reflections:
                lines += _entry(r)
    return "\n".join(lines).rstrip("\n") + "\n"
