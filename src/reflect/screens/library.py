"""The library: what ``reflect`` and ``reflect DIR`` open.

A table of articles (title, words, reading time, sections reflected, last
opened) that fills in while a thread worker scans the folders, so the first
rows show at once however large the library.  Printable keys filter as you
type; the sort keys are control keys so they never collide with the filter.
Coming back from the reader re-reads the notes, so the counts and "last
opened" are current.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key, ScreenResume
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from reflect.errors import ReflectError
from reflect.folding import filter_words
from reflect.journal import Memory, on_this_day
from reflect.library import (
    SORTS,
    LibraryEntry,
    first_article,
    first_rows,
    library_folders,
    matches,
    notes_for,
    refresh_notes,
    remember_first_rows,
    scan,
    sort_entries,
    today,
    with_notes,
)
from reflect.library_cache import ArticleCache
from reflect.sanitize import clean_line
from reflect.screens.palette import screen_commands
from reflect.store import NotesStore
from reflect.ui_threads import from_thread
from reflect.widgets.library_filter import FilterBar, typed_into
from reflect.widgets.library_on_this_day import OnThisDay
from reflect.widgets.library_table import ArticleChosen, LibraryHeader, LibraryTable
from reflect.widgets.released import KeysFooter

EMPTY_TEXT = Content.assemble(
    ("Your library is empty.", "bold"),
    "\n\nBring something to read. From a shell, run\n\n",
    ("reflect import FILE", "bold"),
    "\n\nwith a Markdown file or a blog post saved as text,\n",
    "or press ctrl+a to import one from here.",
)


_CACHES: dict[Path, ArticleCache] = {}


def cache_for(app: object) -> ArticleCache:
    """One article cache per cache folder for the life of the process, so the
    library and the journal share what either has read."""
    folder = app.dirs.cache  # type: ignore[attr-defined]
    if folder not in _CACHES:
        _CACHES[folder] = ArticleCache(folder)
    return _CACHES[folder]


class LibraryScreen(Screen[None]):
    """Every article the reader has, and the way into the reader and the journal."""

    # Added when the library is first shown, parsed once (see ReaderScreen's).
    DEFAULT_CSS = """
    LibraryScreen {
        background: $background;
        align-horizontal: center;
        #library {
            height: 1fr;
            max-width: 112;
            padding: 0 1;
        }
        #library-title {
            height: 1;
            margin: 1 1 0 1;
        }
        #library-on-this-day {
            height: auto;
            max-height: 5;
            margin: 1 0 0 0;
            padding: 0 1;
            border: round $secondary 60%;
            border-title-color: $text-secondary;
            border-title-style: italic;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        #library-header {
            margin: 1 0 0 0;
        }
        #library-table {
            height: 1fr;
            background: $background;
        }
        #library-empty {
            width: 1fr;
            height: auto;
            margin: 2 4;
            padding: 1 2;
            color: $text-muted;
            border: round $primary 40%;
            content-align: center middle;
            text-align: center;
        }
    }
    """

    COMMANDS = {screen_commands}

    BINDINGS = [
        Binding("ctrl+j", "journal", "Journal", id="library.journal"),
        Binding("ctrl+a", "import", "Import", id="library.import"),
        Binding(
            "ctrl+t", "sort('title')", "Title", id="library.sort_title", tooltip="Sort by title"
        ),
        Binding(
            "ctrl+o",
            "sort('opened')",
            "Opened",
            id="library.sort_opened",
            tooltip="Sort by last opened, most recent first",
        ),
        Binding(
            "ctrl+r",
            "sort('reflections')",
            "Reflected",
            id="library.sort_reflections",
            tooltip="Sort by sections reflected, most first",
        ),
        Binding("escape", "escape", "Clear filter, then quit", id="library.escape", show=False),
    ]

    PALETTE: tuple[tuple[str, str, str], ...] = (
        ("Open the journal", "journal", "Every reflection, across all articles"),
        ("Import an article", "import", "Copy a Markdown or text file into the library"),
        ("Sort by title", "sort('title')", "A to Z"),
        ("Sort by last opened", "sort('opened')", "Most recently opened first"),
        ("Sort by reflections", "sort('reflections')", "Most reflected first"),
        ("Open the selected article", "open", "In the reader"),
    )
    """The screen's actions in the command palette (our own words only: Textual's
    matcher reads candidates as markup, so titles are never offered there)."""

    filter_text: reactive[str] = reactive("", init=False)
    """What the reader typed; rows must contain every word of it."""
    sort_by: reactive[str] = reactive("title", init=False)
    """``title``, ``opened`` or ``reflections``."""
    scanning: reactive[bool] = reactive(True, init=False)
    """Whether the folders are still being read."""

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.folder = folder
        """The folder given on the command line, listed with the others."""
        self.entries: dict[Path, LibraryEntry] = {}
        """Every article found so far, by path."""
        self.folders: list[Path] = []
        """Where articles are looked for (set when mounted)."""
        self._provisional: set[Path] = set()
        self.scan_complete = False
        """Set once the scan has finished (benchmarks and tests wait on it)."""
        self.today = today()
        """The date "on this day" and "last opened" are told relative to."""

    # --- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="library"):
            yield Static(Content.styled("reflect · library", "bold"), id="library-title")
            yield OnThisDay(id="library-on-this-day")
            yield FilterBar("Type to filter · escape quits", id="library-filter")
            yield LibraryHeader(id="library-header")
            table = LibraryTable(id="library-table")
            table.today = self.today
            yield table
            yield Static(EMPTY_TEXT, id="library-empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(OnThisDay).display = False
        self.query_one("#library-empty").display = False
        self.query_one(LibraryTable).focus()
        dirs = self.app.dirs  # type: ignore[attr-defined]
        self.folders = library_folders(dirs, self.folder)
        # The first screenful as last shown (a few stats): rows in the very first frame.
        for entry in first_rows(dirs.cache, self.folders):
            self.entries[entry.path] = entry
            self._provisional.add(entry.path)
        if not self.entries:
            # Nothing cached (a first start): the first file is read here, so the
            # first frame has a row, and the parser is imported at full speed
            # rather than by the scan's thread while frames are being drawn.
            first = first_article(self.folders, self.cache, self.app.store)  # type: ignore[attr-defined]
            if first is not None:
                self.entries[first.path] = first
                self._provisional.add(first.path)
        self._show_rows()
        if self.entries:
            # Rows to paint: paint first, as the scan's reads compete for the GIL.
            self.call_after_refresh(self.run_scan)
        else:
            self.run_scan()  # an empty library: the scan will say so

    @property
    def cache(self) -> ArticleCache:
        """The app's article cache, shared with the journal."""
        return cache_for(self.app)

    # --- scanning ------------------------------------------------------------

    def run_scan(self) -> None:
        """Start reading every folder (the app, store and cache are looked up here,
        on the UI thread: see :func:`reflect.ui_threads.from_thread`)."""
        app = self.app
        self._scan(app, app.store, self.cache, app.dirs.cache)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="library-scan", exit_on_error=False)
    def _scan(
        self, app: App[object], store: NotesStore, cache: ArticleCache, cache_dir: Path
    ) -> None:
        """Read every folder, posting rows in batches as they are known.

        A quit cancels the worker: the scan stops and keeps in the cache what it
        read, so the next start need not read those files again.
        """
        worker = get_current_worker()
        found: list[LibraryEntry] = []
        for batch in scan(self.folders, cache, store, lambda: worker.is_cancelled):
            found.extend(batch)
            from_thread(app, self._add_entries, batch)
        if worker.is_cancelled:
            return
        remember_first_rows(cache_dir, self.folders, sort_entries(found, "title"))
        memories = on_this_day(store, self.today)
        from_thread(app, self._scan_done, memories, {e.path for e in found})

    def _add_entries(self, batch: list[LibraryEntry]) -> None:
        """While scanning, rows are appended (files come in name order); the
        list is sorted once the scan is done, so a big library costs O(n)."""
        if not self.is_attached:
            return  # closed (the app quits): no rows to show
        words = filter_words(self.filter_text)
        fresh = [e for e in batch if e.path not in self.entries]
        for entry in batch:
            self.entries[entry.path] = entry
        if len(fresh) < len(batch):
            self._show_rows()
            return
        self.query_one(LibraryTable).append([e for e in fresh if matches(e, words)])
        self._update_status()

    def _scan_done(self, memories: list[Memory], found: set[Path]) -> None:
        if not self.is_attached:
            return
        for gone in self._provisional - found:
            self.entries.pop(gone, None)  # a first row whose file went away meanwhile
        self._provisional.clear()
        self.query_one(OnThisDay).show(memories)
        self.scanning = False
        self.scan_complete = True
        table = self.query_one(LibraryTable)
        moved = table.cursor != 0  # the reader already chose a row: keep it
        self._show_rows()
        if not moved:
            table.cursor = 0

    def refresh_notes(self) -> None:
        """Re-read the notes of every listed article (the reader or the journal may
        have changed them); the rows are taken here, on the UI thread."""
        app = self.app
        self._refresh_notes(app, app.store, list(self.entries.values()))  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="library-notes", exit_on_error=False)
    def _refresh_notes(
        self, app: App[object], store: NotesStore, entries: list[LibraryEntry]
    ) -> None:
        """Read the notes of ``entries`` again, off the UI thread."""
        fresh = refresh_notes(entries, store)
        memories = on_this_day(store, self.today)
        if get_current_worker().is_cancelled:
            return  # a newer refresh was started: its reading is the current one
        from_thread(app, self._notes_refreshed, fresh, memories)

    def _notes_refreshed(self, fresh: list[LibraryEntry], memories: list[Memory]) -> None:
        if not self.is_attached:
            return
        for entry in fresh:
            if entry.path in self.entries:
                self.entries[entry.path] = entry
        self.query_one(OnThisDay).show(memories)
        self._show_rows()

    def on_screen_resume(self, event: ScreenResume) -> None:
        if self.scan_complete:
            self.refresh_notes()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.scanning = False
            self.scan_complete = True
            self.notify(
                clean_line(f"The library could not be read: {error}"),
                severity="error",
                markup=False,
            )

    # --- showing -------------------------------------------------------------

    def visible_entries(self) -> list[LibraryEntry]:
        """The rows as shown: filtered, then sorted."""
        words = filter_words(self.filter_text)
        chosen = [e for e in self.entries.values() if matches(e, words)]
        return sort_entries(chosen, self.sort_by)

    def _show_rows(self) -> None:
        rows = self.visible_entries()
        self.query_one(LibraryTable).show(rows)
        empty = self.scan_complete and not self.entries
        self.query_one("#library-empty").display = empty
        self.query_one(LibraryTable).display = not empty
        self.query_one(LibraryHeader).display = not empty
        self.query_one(FilterBar).display = not empty
        self._update_status(len(rows))

    def _update_status(self, shown: int | None = None) -> None:
        total = len(self.entries)
        shown = total if shown is None else shown
        if self.scanning:
            count = f"reading… {total} so far"
        elif self.filter_text:
            count = f"{shown} of {total}" if shown else "no match: escape clears"
        else:
            count = f"{total} article{'s' if total != 1 else ''}"
        self.query_one(FilterBar).status = f"{count} · by {SORTS[self.sort_by]}"

    def watch_filter_text(self, text: str) -> None:
        self.query_one(FilterBar).text = text
        self._show_rows()

    def watch_sort_by(self) -> None:
        self._show_rows()

    def watch_scanning(self) -> None:
        self._update_status()

    # --- keys ----------------------------------------------------------------

    def on_key(self, event: Key) -> None:
        """Printable keys filter; backspace takes back the last one."""
        typed = typed_into(self.filter_text, event)
        if typed is not None:
            self.filter_text = typed
            event.stop()

    async def action_escape(self) -> None:
        """Clear the filter; with none, quit."""
        if self.filter_text:
            self.filter_text = ""
        else:
            await self.app.action_quit()

    def action_sort(self, by: str) -> None:
        """Sort by ``title``, ``opened`` (most recent first) or ``reflections`` (most first)."""
        self.sort_by = by

    def action_open(self) -> None:
        """Open the article under the cursor in the reader."""
        self._open(self.query_one(LibraryTable).current_path)

    @on(ArticleChosen)
    def _chosen(self, event: ArticleChosen) -> None:
        event.stop()
        self._open(event.path)

    def _open(self, path: Path | None) -> None:
        entry = self.entries.get(path) if path else None
        if entry is None:
            return
        if entry.unreadable:
            self.notify(
                clean_line(f"{entry.path.name}: {entry.info.error}"),
                severity="warning",
                markup=False,
            )
            return
        self.app.open_article(entry.path)  # type: ignore[attr-defined]

    def action_journal(self) -> None:
        """Every reflection, across all articles."""
        self.app.open_journal()  # type: ignore[attr-defined]

    def action_import(self) -> None:
        """Ask for a file and copy it into the library."""
        from reflect.screens.import_prompt import ImportPrompt

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.import_article(path)

        self.app.push_screen(ImportPrompt(), chosen)

    def import_article(self, source: Path) -> None:
        """Import ``source`` and list it (a failure is a one-line notification)."""
        app = self.app
        self._import(app, app.store, self.cache, app.dirs.library, source)  # type: ignore[attr-defined]

    @work(thread=True, group="library-import", exit_on_error=False)
    def _import(
        self,
        app: App[object],
        store: NotesStore,
        cache: ArticleCache,
        library: Path,
        source: Path,
    ) -> None:
        """Copy ``source`` into the library, then read it for its row."""
        from reflect.commands.import_ import import_file

        try:
            target, new = import_file(source, library)
        except ReflectError as error:
            from_thread(app, app.notify, clean_line(str(error)), severity="error", markup=False)
            return
        info = cache.info(target)
        cache.save()
        entry = with_notes(info, notes_for(store, info, set(store.list_ids())))
        from_thread(app, self._imported, entry, new)

    def _imported(self, entry: LibraryEntry, new: bool) -> None:
        if not self.is_attached:
            return
        self.entries[entry.path] = entry
        if self.filter_text:
            self.filter_text = ""
        self._show_rows()
        self.query_one(LibraryTable).move_to(entry.path)
        verb = "Imported" if new else "Already in the library:"
        self.notify(clean_line(f"{verb} {entry.title}"), markup=False)
