"""The journal: every reflection, per article or across all of them.

Queries only; the journal screen shows them.  Each entry carries what it needs
to be opened in its article (the article file, found again even if it moved)
and to be edited or deleted through the store (the article's outline and the
metadata the notes file already records, so an edit from the journal never
rewrites the article's title or source).  :func:`on_this_day` finds what
was written on this date in earlier months and years, for the library's strip.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reflect.folding import filter_words, fold
from reflect.library import find_article, local_date, today
from reflect.library_cache import ArticleCache, Outline
from reflect.slugs import article_id
from reflect.store import ArticleMeta, Notes, NotesStore, Reflection

ORPHANED_NOTE = "from an earlier version of this article"


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One reflection, with the article it belongs to."""

    article_id: str
    title: str
    """The article's title as it reads now (or as the notes file recorded it)."""
    path: Path | None
    """The article file, or ``None`` when it can no longer be found."""
    outline: Outline
    """The article's current ``(anchor, heading)`` outline; empty when not found."""
    meta: ArticleMeta
    """What the store is given when this entry is edited or deleted."""
    reflection: Reflection
    heading: str
    """The section's heading as it reads now, or as it read when written."""
    order: int
    """The section's place in reading order; orphaned entries sort after all sections."""
    read_only: str | None = None
    """Why the article's notes file cannot be written, when it cannot."""

    @property
    def anchor(self) -> str:
        return self.reflection.section

    @property
    def orphaned(self) -> bool:
        return self.reflection.orphaned


def _entries(notes: Notes, title: str, path: Path | None, outline: Outline) -> list[JournalEntry]:
    position = {anchor: i for i, (anchor, _) in enumerate(outline)}
    headings = dict(outline)
    meta = ArticleMeta(
        title=notes.title or title, source=notes.source, digest=notes.digest, sections=outline
    )
    return [
        JournalEntry(
            article_id=notes.article_id,
            title=title,
            path=path,
            outline=outline,
            meta=meta,
            reflection=r,
            heading=r.heading if r.orphaned else headings.get(r.section, r.heading),
            order=len(outline) if r.orphaned else position.get(r.section, len(outline)),
            read_only=notes.read_only_reason,
        )
        for r in notes.reflections
    ]


def article_entries(store: NotesStore, cache: ArticleCache, path: Path) -> list[JournalEntry]:
    """Every reflection on the article at ``path``, classified against its outline."""
    info = cache.info(path)
    notes = store.load(info.id, info.sections or None, read_only_ok=True)
    title = info.title if info.error is None else (notes.title or info.title)
    return _entries(notes, title, path, info.sections)


def all_entries(
    store: NotesStore,
    cache: ArticleCache,
    folders: Sequence[Path],
    bases: Sequence[Path] = (),
    problems: list[str] | None = None,
) -> list[JournalEntry]:
    """Every reflection on every article that has a notes file.

    A notes file that cannot be read contributes nothing; its one-line reason
    is appended to ``problems`` so the journal can say so.
    """
    found: list[JournalEntry] = []
    index: dict[str, Path] = {}
    for ident in store.list_ids():
        raw = store.load(ident, read_only_ok=True)
        if raw.read_only_reason and problems is not None:
            problems.append(raw.read_only_reason)
        if not raw.reflections:
            continue
        path = find_article(ident, raw.source, folders, bases=bases, index=index)
        outline: Outline = ()
        title = raw.title or ident
        if path is not None:
            info = cache.info(path)
            if info.error is None:
                outline, title = info.sections, info.title
        notes = store.load(ident, outline or None, read_only_ok=True)
        found.extend(_entries(notes, title, path, outline))
    cache.save()
    return found


def for_id(entries: Iterable[JournalEntry], ident: str) -> list[JournalEntry]:
    """The entries of one article."""
    return [e for e in entries if e.article_id == ident]


def by_section(entries: Iterable[JournalEntry]) -> list[tuple[str, bool, list[JournalEntry]]]:
    """One article's entries as ``(heading, orphaned, entries)`` groups: sections in
    reading order, oldest entry first, orphaned entries last."""
    ordered = sorted(entries, key=lambda e: (e.order, e.orphaned, e.anchor, e.reflection.written))
    groups: list[tuple[str, bool, list[JournalEntry]]] = []
    for entry in ordered:
        key = (entry.heading, entry.orphaned)
        if groups and (groups[-1][0], groups[-1][1]) == key:
            groups[-1][2].append(entry)
        else:
            groups.append((entry.heading, entry.orphaned, [entry]))
    return groups


def newest_first(entries: Iterable[JournalEntry]) -> list[JournalEntry]:
    """All entries, the most recently written first."""
    return sorted(
        entries,
        key=lambda e: (e.reflection.written, e.article_id, e.order, e.reflection.nth),
        reverse=True,
    )


def search(entries: Iterable[JournalEntry], query: str) -> list[JournalEntry]:
    """Entries where every word of ``query`` appears (any case) in the text, the
    heading or the article's title."""
    words = filter_words(query)
    if not words:
        return list(entries)
    return [
        e
        for e in entries
        if all(w in fold(f"{e.reflection.text}\n{e.heading}\n{e.title}") for w in words)
    ]


def article_key(path: Path) -> str:
    """The id the journal files an article under (its notes file's name)."""
    return article_id(path.name)


@dataclass(frozen=True, slots=True)
class Memory:
    """A reflection written on this day of an earlier month or year."""

    article_id: str
    title: str
    heading: str
    text: str
    written: datetime
    ago: str


def on_this_day(store: NotesStore, day: date | None = None) -> list[Memory]:
    """Reflections written on ``day``'s day of the month in earlier months or years,
    most recent first."""
    day = day or today()
    found: list[Memory] = []
    for ident in store.list_ids():
        notes = store.load(ident, read_only_ok=True)
        for r in notes.reflections:
            written = local_date(r.written)
            if written.day != day.day or written >= day:
                continue
            months = (day.year - written.year) * 12 + day.month - written.month
            found.append(
                Memory(ident, notes.title or ident, r.heading, r.text, r.written, _ago(months))
            )
    found.sort(key=lambda m: (m.written, m.article_id), reverse=True)
    return found


def _ago(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return "a year ago" if years == 1 else f"{years} years ago"
    return "a month ago" if months == 1 else f"{months} months ago"
