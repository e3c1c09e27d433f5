"""The library: every article a reader has, with what they did with it.

Articles come from three places: the bundled ``articles/``, the user's library
dir, and the folder given on the command line.  For each file the library
shows its title, words, reading time, how many sections carry a reflection,
and when it was last opened.  Counting words means parsing the file, so
:func:`scan` yields entries in batches (the first as soon as there are rows
worth a frame) and remembers what it read in an :class:`ArticleCache`; the
first screenful as last shown is kept too (:func:`first_rows`), so the next
start shows rows in its very first frame.

"Today" (for the on-this-day strip and "last opened") comes from
``REFLECT_TODAY=YYYY-MM-DD`` when set, so tests and snapshots are
deterministic.  ``REFLECT_BUNDLED_DIR`` points at another folder of bundled
articles (an empty value hides them), for tests and packagers.

No Textual here.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reflect.errors import ReflectError
from reflect.folding import fold
from reflect.library_cache import (
    ArticleCache,
    ArticleInfo,
    info_row,
    read_head,
    row_info,
    write_head,
)
from reflect.pace import reading_minutes
from reflect.paths import Dirs, bundled_articles_dir
from reflect.slugs import article_id
from reflect.store import Notes, NotesStore

ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
FIRST_BATCH = 30
FIRST_SECONDS = 0.03
MAX_BATCH = 1000
BATCH_SECONDS = 0.15


def today() -> date:
    """Today's date, or ``REFLECT_TODAY`` (``YYYY-MM-DD``) when set."""
    fixed = os.environ.get("REFLECT_TODAY", "").strip()
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            pass
    return date.today()


def local_date(moment: datetime) -> date:
    """The reader's calendar date of a stored (UTC) time."""
    return moment.astimezone().date()


def library_folders(dirs: Dirs, folder: Path | None = None) -> list[Path]:
    """Where articles are looked for, in listing order, without repeats."""
    bundled_env = os.environ.get("REFLECT_BUNDLED_DIR")
    bundled = (
        bundled_articles_dir()
        if bundled_env is None
        else (Path(bundled_env) if bundled_env else None)
    )
    folders: list[Path] = []
    for candidate in (folder, dirs.library, bundled):
        if candidate is None:
            continue
        resolved = candidate.expanduser().resolve()
        if resolved not in folders:
            folders.append(resolved)
    return folders


def article_files(folders: Iterable[Path]) -> Iterator[tuple[Path, os.stat_result]]:
    """Article files (``.md``, ``.markdown``, ``.txt``, not hidden) in each folder, by name.

    Names are listed and sorted first and each file is ``stat``-ed only when
    its turn comes, so the first rows of a huge folder are not kept waiting.
    """
    seen: set[str] = set()
    for folder in folders:
        try:
            names = [
                name
                for name in os.listdir(folder)
                if not name.startswith(".")
                and os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES
            ]
        except OSError:
            continue
        names.sort(key=str.casefold)
        base = os.fspath(folder)
        for name in names:
            full = os.path.join(base, name)
            if full in seen:
                continue
            try:
                st = os.stat(full)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            seen.add(full)
            yield Path(full), st


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One row of the library: the article file and what the reader did with it."""

    info: ArticleInfo
    reflected: int = 0
    """Sections of the article as it reads now that carry at least one reflection."""
    reflections: int = 0
    """Every reflection kept for the article, orphaned ones included."""
    opened: datetime | None = None
    """When the article was last opened in the reader."""
    notes_problem: str | None = None
    """Why the notes file cannot be read, when it cannot."""

    @property
    def path(self) -> Path:
        return self.info.path

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def minutes(self) -> int:
        return reading_minutes(self.info.words)

    @property
    def unreadable(self) -> bool:
        return self.info.error is not None


def with_notes(info: ArticleInfo, notes: Notes | None) -> LibraryEntry:
    """Combine an article's info with its notes (``None``: it has none)."""
    if notes is None:
        return LibraryEntry(info)
    current = {anchor for anchor, _ in info.sections}  # only for articles with notes
    reflected = {r.section for r in notes.reflections if not r.orphaned and r.section in current}
    return LibraryEntry(
        info,
        reflected=len(reflected),
        reflections=len(notes.reflections),
        opened=notes.opened,
        notes_problem=notes.read_only_reason,
    )


def notes_for(store: NotesStore, info: ArticleInfo, ids: set[str]) -> Notes | None:
    """The article's notes, classified against its outline; ``None`` without a notes file."""
    if info.id not in ids:
        return None
    return store.load(info.id, info.sections or None, read_only_ok=True)


def first_article(
    folders: Sequence[Path], cache: ArticleCache, store: NotesStore, *, small: int = 256 * 1024
) -> LibraryEntry | None:
    """The first article in name order, read now: what a library with nothing
    cached (a first start) can show at once while :func:`scan` reads the rest.

    It goes into ``cache``, so the scan does not read it again.  Only an
    article small enough to read at once (``small``) is: a book comes with
    the scan, which reads it in a thread, and so does a notes folder that
    cannot be read.
    """
    for path, st in article_files(folders):
        if st.st_size > small:
            return None
        info = cache.info(path, st)
        try:
            notes = notes_for(store, info, set(store.list_ids()))
        except (ReflectError, OSError):
            return None
        return with_notes(info, notes)
    return None


def scan(
    folders: Sequence[Path],
    cache: ArticleCache,
    store: NotesStore,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[list[LibraryEntry]]:
    """Every article in ``folders``, in batches: small first (rows show at once), then larger.

    Files come in name order, from the cache when unchanged, else read; the
    cache is saved at the end (also when ``cancelled()`` stops the scan early,
    as it does when the app quits, so what was read is kept).
    """
    ids = set(store.list_ids())
    batch: list[LibraryEntry] = []
    limit = 1  # the very first row goes out at once, then batches grow
    wait = FIRST_SECONDS
    last = time.monotonic()

    def infos() -> Iterator[ArticleInfo]:
        for path, st in article_files(folders):
            if cancelled():
                return
            yield cache.info(path, st)

    for info in infos():
        batch.append(with_notes(info, notes_for(store, info, ids)))
        now = time.monotonic()
        if len(batch) >= limit or now - last >= wait:
            yield batch
            batch = []
            limit = min(max(limit * 4, FIRST_BATCH), MAX_BATCH)
            wait = BATCH_SECONDS
            last = now
    if batch and not cancelled():
        yield batch
    cache.save()


SORTS = {"title": "title", "opened": "last opened", "reflections": "reflections"}
"""Sort keys and how the status line names them."""


def sort_entries(entries: Iterable[LibraryEntry], by: str) -> list[LibraryEntry]:
    """Entries in the order the reader chose; unreadable files always last.

    ``title`` A to Z; ``opened`` most recent first (never opened last);
    ``reflections`` most sections reflected first.  Ties keep title order.
    """
    ordered = sorted(entries, key=lambda e: (e.unreadable, e.title.casefold(), str(e.path)))
    if by == "opened":
        ordered.sort(
            key=lambda e: e.opened.timestamp() if e.opened else float("-inf"), reverse=True
        )
    elif by == "reflections":
        ordered.sort(key=lambda e: (e.reflected, e.reflections), reverse=True)
    return ordered


def matches(entry: LibraryEntry, words: Sequence[str]) -> bool:
    """Whether every filter word (:func:`reflect.folding.filter_words`) is in the
    entry's title or file name."""
    haystack = fold(f"{entry.title}\n{entry.path.name}")
    return all(w in haystack for w in words)


HEAD_ROWS = 60


def _head_key(folders: Sequence[Path]) -> str:
    return "\n".join(str(f) for f in folders)


def first_rows(cache_dir: Path, folders: Sequence[Path]) -> list[LibraryEntry]:
    """The first screenful as last shown, for files unchanged since: read before
    the first frame, so rows show at once (the scan then replaces them).

    Each row is checked against its file's size and mtime; notes counts are
    as they were, and the scan corrects them moments later.
    """
    out: list[LibraryEntry] = []
    for row in read_head(cache_dir, _head_key(folders)):
        try:
            size, mtime, info_part, reflected, reflections, opened, problem = row
            info = row_info(info_part)
            st = os.stat(info.path)
            if (st.st_size, st.st_mtime_ns) != (size, mtime):
                continue
            when = datetime.fromisoformat(opened) if opened else None
            out.append(LibraryEntry(info, int(reflected), int(reflections), when, problem))
        except (OSError, TypeError, ValueError):
            continue
    return out


def remember_first_rows(
    cache_dir: Path, folders: Sequence[Path], entries: Sequence[LibraryEntry]
) -> None:
    """Save the first screenful (of ``entries`` in the order shown) for :func:`first_rows`."""
    rows = []
    for entry in entries[:HEAD_ROWS]:
        try:
            st = os.stat(entry.path)
        except OSError:
            continue
        opened = entry.opened.isoformat() if entry.opened else None
        rows.append(
            [
                st.st_size,
                st.st_mtime_ns,
                info_row(entry.info),
                entry.reflected,
                entry.reflections,
                opened,
                entry.notes_problem,
            ]
        )
    write_head(cache_dir, _head_key(folders), rows)


def refresh_notes(entries: Iterable[LibraryEntry], store: NotesStore) -> list[LibraryEntry]:
    """The same articles with their notes read again (after the reader was used)."""
    ids = set(store.list_ids())
    return [with_notes(e.info, notes_for(store, e.info, ids)) for e in entries]


def find_article(
    article: str,
    source: str,
    folders: Sequence[Path],
    *,
    bases: Sequence[Path] = (),
    index: dict[str, Path] | None = None,
) -> Path | None:
    """Where the article a notes file belongs to is now.

    ``source`` as recorded (absolute, or relative to one of ``bases`` or a
    folder's parent) when the file is still there and has the same id;
    otherwise any article file in ``folders`` with the same id (the notes
    follow a file that moved).  Pass an empty dict as ``index`` when looking
    up many articles: the folders are then listed once, not once per article.
    """
    if source:
        recorded = Path(source).expanduser()
        candidates = (
            [recorded]
            if recorded.is_absolute()
            else [b / recorded for b in (*bases, *folders, *(f.parent for f in folders))]
        )
        for candidate in candidates:
            if candidate.is_file() and article_id(candidate.name) == article:
                return candidate
    if index is None:
        for path, _ in article_files(folders):
            if article_id(path.name) == article:
                return path
        return None
    if not index:
        for path, _ in article_files(folders):
            index.setdefault(article_id(path.name), path)
        index.setdefault("", Path())  # listed, even if empty
    return index.get(article)


def when_label(moment: datetime | None, day: date | None = None) -> str:
    """A date as a reader says it: "today", "yesterday", "12 Nov", "12 Nov 2025"."""
    if moment is None:
        return "—"
    day = day or today()
    seen = local_date(moment)
    if seen == day:
        return "today"
    if (day - seen).days == 1:
        return "yesterday"
    if seen.year == day.year:
        return f"{seen.day} {seen:%b}"
    return f"{seen.day} {seen:%b %Y}"
