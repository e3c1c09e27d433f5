"""The journal's list of reflections, grouped by section or listed by date.

Each option is ``Content`` built from sanitized text (never markup): the
reflection's date, its article and section when listed across articles, and
its text.  Section headings are disabled options, so the cursor skips them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reflect.journal import ORPHANED_NOTE, JournalEntry
from reflect.library import local_date
from reflect.sanitize import clean, clean_line

MAX_LINES = 8


def day_label(moment_day: date) -> str:
    """A date written out calmly: ``27 Nov 2026``."""
    return f"{moment_day.day} {moment_day:%b %Y}"


def entry_prompt(entry: JournalEntry, *, with_article: bool) -> Content:
    """One reflection as a few lines of text (with its article and section when
    listed across articles; under a section heading, the heading says it all)."""
    r = entry.reflection
    parts: list[Content] = []
    when = day_label(local_date(r.written))
    if r.edited is not None:
        when += f" · edited {day_label(local_date(r.edited))}"
    if with_article:
        parts.append(
            Content.assemble(
                (clean_line(entry.title), "bold"),
                ("  ·  ", "dim"),
                (clean_line(entry.heading), "italic"),
            )
        )
    parts.append(Content.styled(when, "dim"))
    if entry.orphaned and with_article:
        parts.append(Content.styled(ORPHANED_NOTE, "italic $warning"))
    lines = clean(r.text).expandtabs(4).split("\n")
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], "…"]
    parts.extend(Content(line) for line in lines)
    return Content("\n").join(parts)


class JournalList(OptionList):
    """Reflections as options whose ids index :attr:`entries`."""

    ALLOW_MAXIMIZE = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.entries: list[JournalEntry] = []
        """The entries shown, in order; option ``e<i>`` is ``entries[i]``."""

    def show_by_section(self, groups: Sequence[tuple[str, bool, list[JournalEntry]]]) -> None:
        """One article's reflections under their section headings."""
        keep = self.current
        self.clear_options()
        self.entries = []
        options: list[Option | None] = []
        for n, (heading, orphaned, entries) in enumerate(groups):
            label = Content.styled(clean_line(heading) or "(untitled section)", "bold")
            if orphaned:
                label = label + Content.styled(f"  — {ORPHANED_NOTE}", "italic")
            if n:
                options.append(Option(Content(" "), disabled=True))
            options.append(Option(label, disabled=True))
            for entry in entries:
                options.append(
                    Option(entry_prompt(entry, with_article=False), id=self._id_for(entry))
                )
        self.add_options(options)
        self._restore(keep)

    def show_by_date(self, entries: Sequence[JournalEntry]) -> None:
        """Reflections across articles, in the order given (newest first)."""
        keep = self.current
        self.clear_options()
        self.entries = []
        options: list[Option | None] = []
        for n, entry in enumerate(entries):
            if n:
                options.append(None)
            options.append(Option(entry_prompt(entry, with_article=True), id=self._id_for(entry)))
        self.add_options(options)
        self._restore(keep)

    def _id_for(self, entry: JournalEntry) -> str:
        self.entries.append(entry)
        return f"e{len(self.entries) - 1}"

    @property
    def current(self) -> JournalEntry | None:
        """The reflection under the cursor."""
        option = self.highlighted_option
        if option is None or option.id is None or not option.id.startswith("e"):
            return None
        return self.entries[int(option.id[1:])]

    def _restore(self, keep: JournalEntry | None) -> None:
        """Keep the cursor on the same reflection, else on the first one."""
        target = None
        if keep is not None:
            for i, entry in enumerate(self.entries):
                if (entry.article_id, entry.reflection.key) == (
                    keep.article_id,
                    keep.reflection.key,
                ):
                    target = i
                    break
        if target is None and self.entries:
            target = 0
        if target is None:
            return
        self.highlighted = self.get_option_index(f"e{target}")
