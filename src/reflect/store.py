"""The reflection store: one TOML file per article that never loses or leaks a note.

API (what the reader, the library, the journal and the CLI call)::

    store = NotesStore(notes_dir)
    store.path_for(article_id) -> Path                 # <notes dir>/<id>.toml
    store.load(article_id, sections=None, *, read_only_ok=False) -> Notes
    store.add(article_id, meta, section, heading, text, *, now=None) -> Reflection
    store.edit(article_id, meta, key, text, *, now=None) -> Reflection
    store.delete(article_id, meta, key) -> None
    store.record_open(article_id, meta, position, *, now=None) -> None
    store.list_ids() -> list[str]
    store.sweep() -> int                               # at start-up: orphaned temp files
    classify(notes, sections) -> Notes                 # pure: orphaned / re-attached

    ArticleMeta(title, source, digest, sections=((anchor, heading), ...))
    Reflection(section, heading, written, text, edited=None, orphaned=False)
        .key -> ReflectionKey(section, written, text)  # for edit / delete
    Notes(path, article_id, title, source, digest, position, opened,
          reflections, read_only_reason)
    NotesFileError(ReflectError)                       # .path, .line

Behaviour worth knowing:

* ``load`` never writes (no folder, no lock file); a missing file gives empty
  :class:`Notes`.  A file that does not parse or has a newer schema raises
  :class:`NotesFileError` naming file and line, or with ``read_only_ok``
  comes back read-only (``read_only_reason``).  It is never written.
* Every write locks ``.<id>.toml.lock``, re-reads the file (unless its inode,
  size and times are those this store last read or wrote), classifies it
  against ``meta.sections``, applies the one change, and replaces the file
  atomically (temp file, fsync, rename, fsync of the folder).  So two
  processes lose nothing, and a kill leaves the old file or the new one.
  Re-attached renamed headings are saved with the next write.
* ``record_open`` creates the file when there is none: resuming where the
  reader stopped needs ``position`` even before any reflection is written.
  ``notes`` output skips articles with no reflections.
* Times are stored in UTC, whole seconds.  Text is stored exactly; empty text
  and lone surrogates (not text) are refused with a :class:`ReflectError`.
* Methods are thread-safe, so the UI can save from a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from reflect import store_io
from reflect.errors import ReflectError
from reflect.orphans import classify
from reflect.store_model import (
    ArticleMeta,
    Notes,
    NotesFileError,
    Reflection,
    ReflectionKey,
    check_entry,
    check_text,
    find,
    number_reflections,
    printable,
    utc,
)
from reflect.store_toml import entry_table, head_doc, verify_entry

__all__ = [
    "ArticleMeta",
    "Notes",
    "NotesFileError",
    "NotesStore",
    "Reflection",
    "ReflectionKey",
    "classify",
]

T = TypeVar("T")


class NotesStore:
    """All reflections files in one notes folder."""

    def __init__(self, notes_dir: Path) -> None:
        self.notes_dir = Path(notes_dir)
        self._lock = threading.RLock()
        # article id -> (stat of the file as last read or written, its notes)
        self._cache: dict[str, tuple[store_io.StatKey, Notes]] = {}
        self._swept: set[str] = set()
        self._chunks = store_io.ChunkCache()

    def path_for(self, article_id: str) -> Path:
        """The notes file of an article (ids from :func:`reflect.slugs.article_id`)."""
        if not article_id or "/" in article_id or article_id.startswith("."):
            raise ValueError(f"not an article id: {article_id!r}")
        return self.notes_dir / f"{article_id}.toml"

    def list_ids(self) -> list[str]:
        """Ids of every article with a notes file, sorted."""
        try:
            names = [p.name for p in self.notes_dir.iterdir()]
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as error:
            raise ReflectError(f"{self.notes_dir}: cannot be read ({error.strerror}).") from None
        return sorted(
            n[: -len(".toml")]
            for n in names
            if n.endswith(".toml") and not n.startswith(".") and len(n) > len(".toml")
        )

    def load(
        self,
        article_id: str,
        sections: Sequence[tuple[str, str]] | None = None,
        *,
        read_only_ok: bool = False,
    ) -> Notes:
        """An article's notes, classified against ``sections`` when given.

        Raises :class:`NotesFileError` for a file that cannot be read safely,
        unless ``read_only_ok``: then the notes come back with
        ``read_only_reason`` set, holding what a newer schema's file says as
        far as this version understands it (nothing for a file that does not
        parse).
        """
        path = self.path_for(article_id)
        try:
            with self._lock:
                notes = self._read(article_id, path)
        except NotesFileError as error:
            if not read_only_ok:
                raise
            try:
                notes = store_io.load_notes(path, article_id, newer_ok=True)[0]
            except NotesFileError:
                notes = Notes(path=path, article_id=article_id)
            notes.read_only_reason = str(error)
        notes = replace(notes, reflections=list(notes.reflections))
        return classify(notes, sections) if sections else notes

    def _read(self, article_id: str, path: Path) -> Notes:
        """The file's notes, from the cache when the file has not changed."""
        cached = self._cache.get(article_id)
        if cached is not None:
            try:
                if store_io.stat_key(path.stat()) == cached[0]:
                    return cached[1]
            except FileNotFoundError:
                pass
        notes, key = store_io.load_notes(path, article_id)
        if key is None:
            self._cache.pop(article_id, None)
        else:
            self._cache[article_id] = (key, notes)
        return notes

    def add(
        self,
        article_id: str,
        meta: ArticleMeta,
        section: str,
        heading: str,
        text: str,
        *,
        now: datetime | None = None,
    ) -> Reflection:
        """Save a new entry for ``section`` and return it."""
        check_entry(text)
        check_text(section, "the section anchor")
        check_text(heading, "the heading")
        entry = Reflection(section=section, heading=heading, written=utc(now or _now()), text=text)
        same = (section, entry.written)

        def change(notes: Notes) -> tuple[Notes, Reflection]:
            n = sum(1 for r in notes.reflections if (r.section, r.written) == same)
            new = replace(
                entry, nth=n, orphaned=bool(meta.sections) and section not in dict(meta.sections)
            )
            return replace(notes, reflections=[*notes.reflections, new]), new

        return self._write(article_id, meta, change)

    def edit(
        self,
        article_id: str,
        meta: ArticleMeta,
        key: ReflectionKey,
        text: str,
        *,
        now: datetime | None = None,
    ) -> Reflection:
        """Replace an entry's text, recording when in ``edited``."""
        check_entry(text)
        edited = utc(now or _now())

        def change(notes: Notes) -> tuple[Notes, Reflection]:
            i = find(notes, key)
            old = notes.reflections[i]
            if old.text == text:
                return notes, old
            new = replace(old, text=text, edited=max(edited, old.written))
            reflections = list(notes.reflections)
            reflections[i] = new
            return replace(notes, reflections=reflections), new

        return self._write(article_id, meta, change)

    def delete(self, article_id: str, meta: ArticleMeta, key: ReflectionKey) -> None:
        """Remove one entry."""

        def change(notes: Notes) -> tuple[Notes, None]:
            i = find(notes, key)
            reflections = [r for j, r in enumerate(notes.reflections) if j != i]
            return replace(notes, reflections=number_reflections(reflections)), None

        self._write(article_id, meta, change)

    def record_open(
        self, article_id: str, meta: ArticleMeta, position: str, *, now: datetime | None = None
    ) -> None:
        """Remember the section last read and when (creates the file if needed)."""
        check_text(position, "the position")
        opened = utc(now or _now())

        def change(notes: Notes) -> tuple[Notes, None]:
            return replace(notes, position=position, opened=opened), None

        self._write(article_id, meta, change)

    def sweep(self) -> int:
        """Remove temp files left by killed writers (of articles no one is saving)."""
        return store_io.sweep_all(self.notes_dir)

    def _write(
        self,
        article_id: str,
        meta: ArticleMeta,
        change: Callable[[Notes], tuple[Notes, T]],
    ) -> T:
        """Lock, re-read, apply ``change``, write atomically."""
        path = self.path_for(article_id)
        with self._lock:
            try:
                store_io.make_private_dir(self.notes_dir)
                # Locked and written where the bytes are: a notes file symlinked
                # elsewhere (a synced folder) stays a symlink, and two notes
                # folders linking to one file have writers that wait for each other.
                target = path.resolve() if path.is_symlink() else path
                with store_io.locked(target):
                    return self._write_locked(article_id, path, target, meta, change)
            except RecursionError:
                # A hand-added value nested hundreds deep: tomli-w cannot write it.
                raise ReflectError(
                    f"{path}: holds a hand-added value nested too deeply to write back; "
                    "it was left as it was."
                ) from None
            except OSError as error:
                raise ReflectError(
                    f"{path}: could not be saved ({error.strerror or error}); "
                    "it was left as it was."
                ) from None

    def _write_locked(
        self,
        article_id: str,
        path: Path,
        target: Path,
        meta: ArticleMeta,
        change: Callable[[Notes], tuple[Notes, T]],
    ) -> T:
        if article_id not in self._swept:
            store_io.sweep_temps(path)
            self._swept.add(article_id)
        notes = self._read(article_id, path)
        if meta.sections:
            notes = classify(notes, meta.sections)
        notes, result = change(notes)
        notes = replace(
            notes,
            title=printable(meta.title),
            source=printable(meta.source),
            digest=printable(meta.digest),
        )
        chunks = self._chunks.format(article_id, notes.reflections, entry_table)
        if isinstance(result, Reflection):
            verify_entry(path, chunks[notes.reflections.index(result)], result)
        data = store_io.join(head_doc(notes), chunks)
        key = store_io.write_atomic(target, data.encode("utf-8"))
        self._cache[article_id] = (key, notes)
        return result


def _now() -> datetime:
    return datetime.now(UTC)
