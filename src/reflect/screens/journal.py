"""The journal: every reflection, to revisit, open in its article, edit or delete.

Opened on one article it shows that article's reflections grouped by section
in reading order; otherwise (or with ``ctrl+a``) every reflection across all
articles, newest first.  Typing searches all reflections at once.  All store
calls run in thread workers; a failed save reopens the editor with the text,
so nothing typed is lost.  Edits and deletes are workers of the app, not of
this screen: leaving the journal right after confirming one must not cancel it.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key, ScreenResume
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reflect.errors import ReflectError
from reflect.journal import (
    JournalEntry,
    all_entries,
    article_entries,
    article_key,
    by_section,
    for_id,
    newest_first,
    search,
)
from reflect.library import library_folders
from reflect.library_cache import ArticleCache
from reflect.paths import Dirs
from reflect.sanitize import clean, clean_line
from reflect.screens.edit_note import EditNoteScreen
from reflect.screens.library import LibraryScreen, cache_for
from reflect.screens.palette import screen_commands
from reflect.store import NotesStore
from reflect.ui_threads import from_thread
from reflect.widgets.journal_list import JournalList
from reflect.widgets.library_filter import FilterBar, typed_into
from reflect.widgets.released import KeysFooter, forget_closed_screen

EMPTY_ALL = (
    "No reflections yet.\n\n"
    "Open an article and, at each pause, keep a few lines\n"
    "of what stayed with you. They will gather here."
)
EMPTY_ARTICLE = "No reflections on this article yet.\n\nctrl+a shows every article's."


def keep_aside(notes_dir: Path, entry: JournalEntry, text: str, reason: str) -> Path | None:
    """Keep an edit the store would not take in a file beside the notes.

    Returns the file, or ``None`` when even that could not be written.
    """
    from reflect.rescue import rescue

    try:
        return rescue(notes_dir, entry.article_id, entry.title, [(entry.heading, text)], reason)
    except OSError:
        return None


def _keep(app: App[object], entry: JournalEntry, text: str, error: Exception) -> Path | None:
    """Keep an edit the store would not take: in a file beside the notes (its
    path is returned), else printed when reflect exits (``None``)."""
    path = keep_aside(app.dirs.notes, entry, text, str(error))  # type: ignore[attr-defined]
    if path is None:
        app.farewell.append(f"reflect: an edit could not be saved ({error}):\n{text}")  # type: ignore[attr-defined]
    return path


class JournalScreen(Screen[None]):
    """Reflections by section for one article, or across all articles by date."""

    # Added when the journal is first shown, parsed once (see ReaderScreen's).
    DEFAULT_CSS = """
    JournalScreen {
        background: $background;
        align-horizontal: center;
        #journal {
            height: 1fr;
            max-width: 112;
            padding: 0 1;
        }
        #journal-title {
            height: 1;
            margin: 1 1 0 1;
        }
        #journal-list {
            height: 1fr;
            margin: 1 0 0 0;
            border: none;
            background: $background;
            scrollbar-size-vertical: 1;
            &:focus {
                border: none;
                background-tint: transparent;
            }
            & > .option-list--option {
                padding: 0 1;
            }
            & > .option-list--option-disabled {
                color: $text-accent;
                padding: 1 1 0 1;
            }
        }
        #journal-empty {
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

    BINDINGS = [
        Binding("enter", "open", "Open", id="journal.open"),
        Binding("ctrl+e", "edit", "Edit", id="journal.edit"),
        Binding("delete", "delete", "Delete", id="journal.delete"),
        Binding("ctrl+a", "toggle_scope", "Article/all", id="journal.scope"),
        Binding("escape", "escape", "Back", id="journal.escape"),
    ]

    COMMANDS = {screen_commands}
    PALETTE: tuple[tuple[str, str, str], ...] = (
        ("Open the reflection in its article", "open", "At its section"),
        ("Edit the reflection", "edit", "The change is dated (edited)"),
        ("Delete the reflection", "delete", "After a confirmation"),
        ("Switch between this article and all", "toggle_scope", "By section, or all by date"),
        ("Back", "escape", "Clear the search, then leave the journal"),
    )
    """The screen's actions in the command palette."""

    search_text: reactive[str] = reactive("", init=False)
    """What the reader typed: searches every reflection."""
    article_id: reactive[str | None] = reactive(None, init=False)
    """The article shown by section, or ``None`` for all articles by date."""

    def __init__(self, article: Path | None = None) -> None:
        super().__init__()
        self._editing: tuple[JournalEntry, EditNoteScreen] | None = None
        """The entry being edited and its editor, so ctrl+q can save the edit."""
        self.article = article
        """The article the journal was opened on, if any."""
        self.entries: list[JournalEntry] = []
        """Every reflection of every article, as last loaded."""
        self.loaded = False
        """Set once the first load finished (tests wait on it)."""
        self.set_reactive(JournalScreen.article_id, article_key(article) if article else None)

    def compose(self) -> ComposeResult:
        with Vertical(id="journal"):
            yield Static(id="journal-title")
            yield FilterBar("Type to search every reflection", id="journal-filter")
            yield JournalList(id="journal-list")
            yield Static(id="journal-empty")
        yield KeysFooter()

    def on_unmount(self) -> None:
        forget_closed_screen()

    def on_mount(self) -> None:
        self.query_one("#journal-empty").display = False
        self.query_one(JournalList).focus()
        self._show_title()
        self.load()

    def on_screen_resume(self, event: ScreenResume) -> None:
        if self.loaded:
            self.load()

    @property
    def cache(self) -> ArticleCache:
        """The app's article cache, shared with the library."""
        return cache_for(self.app)

    # --- loading -------------------------------------------------------------

    def load(self) -> None:
        """Re-read every reflection in the background (nothing to do once closed).

        The app, its store, folders and cache are looked up here, on the UI
        thread: from the worker's thread, a journal closed meanwhile no longer
        finds the app.
        """
        if not self.is_attached:
            return
        app = self.app
        self._read_all(app, app.store, app.dirs, self.cache, getattr(app, "target", None))  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="journal-load", exit_on_error=False)
    def _read_all(
        self,
        app: App[object],
        store: NotesStore,
        dirs: Dirs,
        cache: ArticleCache,
        target: Path | None,
    ) -> None:
        """Read every notes file (and the articles' outlines) off the UI thread."""
        folder = target if target is not None and target.is_dir() else None
        folders = library_folders(dirs, folder)
        bases = [dirs.library.parent, dirs.notes.parent, Path.cwd()]
        problems: list[str] = []
        entries = all_entries(store, cache, folders, bases, problems)
        if self.article is not None and self.article.is_file():
            ident = article_key(self.article)
            mine = article_entries(store, cache, self.article)
            entries = [e for e in entries if e.article_id != ident] + mine
        if get_current_worker().is_cancelled:
            return  # a newer load was started: its reading is the current one
        from_thread(app, self._loaded, entries, problems)

    def _loaded(self, entries: list[JournalEntry], problems: list[str]) -> None:
        if not self.is_attached:
            return
        first_load = not self.loaded
        self.entries = entries
        self.loaded = True
        self._show()
        if problems and first_load:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            self.notify(clean_line(problems[0] + more), severity="warning", markup=False)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.loaded = True
            self.notify(
                clean_line(f"The journal could not be read: {event.worker.error}"),
                severity="error",
                markup=False,
            )

    # --- showing -------------------------------------------------------------

    def _show(self) -> None:
        listing = self.query_one(JournalList)
        if self.search_text:
            found = newest_first(search(self.entries, self.search_text))
            listing.show_by_date(found)
            shown = len(found)
            status = f"{shown} found" if shown else "nothing found: escape clears"
        elif self.article_id is not None:
            mine = for_id(self.entries, self.article_id)
            listing.show_by_section(by_section(mine))
            shown = len(mine)
            status = f"{shown} reflection{'s' if shown != 1 else ''}"
        else:
            listing.show_by_date(newest_first(self.entries))
            shown = len(self.entries)
            status = f"{shown} reflection{'s' if shown != 1 else ''}"
        empty = self.loaded and shown == 0 and not self.search_text
        listing.display = not empty
        placeholder = self.query_one("#journal-empty", Static)
        placeholder.display = empty
        if empty:
            placeholder.update(Content(EMPTY_ARTICLE if self.article_id else EMPTY_ALL))
        self.query_one(FilterBar).status = status
        self._show_title()

    def _show_title(self) -> None:
        title = Content.styled("reflect · journal", "bold")
        if self.article_id is not None:
            name = self._article_title()
            title = title + Content.assemble(("  ·  ", "dim"), (clean_line(name), "italic"))
        else:
            title = title + Content.styled("  ·  all articles, newest first", "dim")
        self.query_one("#journal-title", Static).update(title)

    def _article_title(self) -> str:
        for entry in self.entries:
            if entry.article_id == self.article_id:
                return entry.title
        if self.article is not None:
            return self.article.name
        return self.article_id or ""

    def watch_search_text(self, query: str) -> None:
        self.query_one(FilterBar).text = query
        self._show()

    def watch_article_id(self) -> None:
        self._show()

    # --- keys ----------------------------------------------------------------

    def on_key(self, event: Key) -> None:
        """Printable keys search; backspace takes back the last one."""
        typed = typed_into(self.search_text, event)
        if typed is not None:
            self.search_text = typed
            event.stop()

    def action_escape(self) -> None:
        """Clear the search; with none, go back."""
        if self.search_text:
            self.search_text = ""
        else:
            self.dismiss()

    def action_toggle_scope(self) -> None:
        """Between the highlighted reflection's article (by section) and all articles."""
        if self.article_id is not None:
            self.article_id = None
            return
        current = self.query_one(JournalList).current
        if current is not None:
            self.search_text = ""
            self.article_id = current.article_id

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted reflection in its article, at its section."""
        entry = self.query_one(JournalList).current
        if entry is None:
            return
        if entry.path is None or not entry.path.is_file():
            where = entry.meta.source or entry.article_id
            self.notify(
                clean_line(f"The article “{entry.title}” is no longer where it was ({where})."),
                severity="warning",
                markup=False,
            )
            return
        section = None if entry.orphaned else entry.anchor
        self.app.open_article(entry.path, section=section)  # type: ignore[attr-defined]

    def action_edit(self, text: str | None = None, problem: str | None = None) -> None:
        """Edit the highlighted reflection; the store records when (``edited``)."""
        entry = self.query_one(JournalList).current
        if entry is None:
            return
        if entry.read_only:
            self.notify(clean_line(entry.read_only), severity="warning", markup=False)
            return
        self._edit(entry, entry.reflection.text if text is None else text, problem)

    def _edit(self, entry: JournalEntry, text: str, problem: str | None) -> None:
        from reflect.screens.edit_note import EditNoteScreen

        def done(new: str | None) -> None:
            self._editing = None
            if new is None:
                return
            if not new.strip():
                self._confirm_delete(entry, restore=new)
                return
            self.save_edit(entry, new)

        screen = EditNoteScreen(
            entry.heading, text, original=entry.reflection.text, problem=problem
        )
        self._editing = (entry, screen)
        self.app.push_screen(screen, done)

    def save_before_quit(self) -> None:
        """``ctrl+q`` with the editor open: save the edit now (or keep it in a file)."""
        if self._editing is None:
            return
        entry, screen = self._editing
        self._editing = None
        text = screen.typed
        if text is None or not text.strip():
            return  # nothing changed, or cleared: deleting needs a yes
        app = self.app
        try:
            app.store.edit(entry.article_id, entry.meta, entry.reflection.key, text)  # type: ignore[attr-defined]
        except (ReflectError, OSError) as error:
            if kept_in := _keep(app, entry, text, error):
                app.farewell.append(f"reflect: an edit could not be saved; kept in {kept_in}")  # type: ignore[attr-defined]

    def save_edit(self, entry: JournalEntry, text: str) -> None:
        """Save an edit in the background; on failure the text is shown again.

        The write is a worker of the app, given the app and its store from here,
        the UI thread: leaving the journal at once neither cancels it nor leaves
        its thread unable to find the app.
        """
        app = self.app
        store, notes_dir = app.store, app.dirs.notes  # type: ignore[attr-defined]
        app.run_worker(
            partial(self._write_edit, app, store, notes_dir, entry, text),
            thread=True,
            group="journal-save",
            exit_on_error=False,
        )

    def _write_edit(
        self,
        app: App[object],
        store: NotesStore,
        notes_dir: Path,
        entry: JournalEntry,
        text: str,
    ) -> None:
        try:
            store.edit(entry.article_id, entry.meta, entry.reflection.key, text)
        except Exception as error:  # any failure: the text is offered again, or kept
            if not from_thread(app, self._edit_failed, entry, text, error):
                # The app has quit meanwhile, its terminal given back: say so there.
                path = keep_aside(notes_dir, entry, text, str(error))
                kept = f"kept in {path}" if path is not None else f"here it is:\n{text}"
                sys.stderr.write(clean(f"reflect: an edit could not be saved ({error}); {kept}\n"))
            return
        from_thread(app, self._written, "Reflection saved.")

    def _edit_failed(self, entry: JournalEntry, text: str, error: Exception) -> None:
        """Reopen the editor with the text and the problem; once the journal is
        closed, keep the text in a file beside the notes and say where."""
        if self.is_attached:
            self._edit(entry, text, str(error))
            return
        kept_in = _keep(self.app, entry, text, error)
        where = f"it is kept in {kept_in}" if kept_in else "it is printed when you quit"
        self.notify(
            clean_line(f"Your edit could not be saved ({error}); {where}."),
            severity="error",
            markup=False,
            timeout=15,
        )

    def _written(self, message: str) -> None:
        """A write went through: show it here, or in the library if the journal
        was left meanwhile (it read the notes on its return, maybe before this)."""
        self.notify(message)
        if self.is_attached:
            self.load()
            return
        for screen in self.app.screen_stack:
            if isinstance(screen, LibraryScreen) and screen.scan_complete:
                screen.refresh_notes()

    def action_delete(self) -> None:
        """Delete the highlighted reflection, after asking."""
        entry = self.query_one(JournalList).current
        if entry is None:
            return
        if entry.read_only:
            self.notify(clean_line(entry.read_only), severity="warning", markup=False)
            return
        self._confirm_delete(entry)

    def _confirm_delete(self, entry: JournalEntry, restore: str | None = None) -> None:
        from reflect.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_entry(entry)
            elif restore is not None:
                self._edit(entry, restore, None)

        text = " ".join(clean_line(entry.reflection.text).split())
        detail = f"{clean_line(entry.heading)}\n“{text[:200]}{'…' if len(text) > 200 else ''}”"
        self.app.push_screen(ConfirmScreen("Delete this reflection?", detail), answered)

    def delete_entry(self, entry: JournalEntry) -> None:
        """Delete through the store in the background; a failure is a notification.

        A worker of the app, for the same reason as :meth:`save_edit`.
        """
        app = self.app
        app.run_worker(
            partial(self._write_delete, app, app.store, entry),  # type: ignore[attr-defined]
            thread=True,
            group="journal-save",
            exit_on_error=False,
        )

    def _write_delete(self, app: App[object], store: NotesStore, entry: JournalEntry) -> None:
        try:
            store.delete(entry.article_id, entry.meta, entry.reflection.key)
        except Exception as error:  # any failure is said, the reflection stays
            from_thread(app, app.notify, clean_line(str(error)), severity="error", markup=False)
            return
        from_thread(app, self._written, "Reflection deleted.")
