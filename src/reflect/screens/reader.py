"""The reader: one section per pane, a pause at each heading, notes never lost.

How it stays fast on any size (DESIGN.md "Performance"): the first pane is
shown from the preview (:func:`reflect.article.preview_article`, read before
the screen), and the outline is read from the frame after it on, in a thread
worker that posts sections in batches, so the table of contents, the section
count and the progress line fill in while the reader is already reading.  A
big file is split by a child process started before Textual was imported
(:mod:`reflect.outline_stream`); a small one in that thread.  Only the current
section has widgets (:class:`reflect.widgets.pane.SectionPane`).

How notes stay safe: the pause (:class:`reflect.screens.pause.PauseScreen`)
only returns text; :mod:`reflect.screens.reader_notes` saves it in a worker on
the app (so a save outlives the screen), keeps it in memory until the store
says it is written, and tells the reader when it is not; ``ctrl+q`` with the
editor open saves synchronously through ``save_before_quit``.  Find lives in
:mod:`reflect.screens.reader_find`.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from reflect.article import Preview, Section, preview_article
from reflect.errors import ReflectError
from reflect.outline_stream import CHILD_FROM_BYTES, OutlineStream
from reflect.reading import Match, Visit, progress_text
from reflect.screens.palette import screen_commands
from reflect.screens.reader_find import FindMixin
from reflect.screens.reader_notes import NotesMixin
from reflect.slugs import article_id
from reflect.source import fallback_title
from reflect.store_model import Notes, Reflection, ReflectionKey
from reflect.ui_text import line, tell
from reflect.widgets.pane import SectionPane
from reflect.widgets.progress import ProgressLine
from reflect.widgets.prose import Prose
from reflect.widgets.released import KeysFooter, forget_closed_screen

if TYPE_CHECKING:  # the editor (and its TextArea) loads when first opened
    from reflect.screens.pause import PauseScreen
    from reflect.screens.reader_notes import _Save

BATCH_SECONDS = 0.05
"""How often the outline worker hands found sections to the screen."""
OUTLINE_DELAY = 0.05
"""Seconds between the first pane and starting to read the whole file."""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@dataclass
class OutlineBatch(Message):
    """Sections found by the outline worker (``title`` with the first batch)."""

    sections: list[Section]
    title: str | None
    done: bool
    digest: str = ""
    error: str = ""


class ReaderScreen(NotesMixin, FindMixin, Screen[None]):
    """Reads one article: panes, pauses, resume, find, contents, summary."""

    # Added to the stylesheet when a reader is first shown, parsed once: an app
    # stylesheet is parsed at every start (a library start too), and a CSS_PATH
    # here would make Textual reparse every stylesheet and restyle every node
    # when the screen opens.  Being default CSS, these rules beat Textual's
    # widget defaults by specificity only (each is scoped to ReaderScreen).
    DEFAULT_CSS = """
    ReaderScreen {
        background: $background;
        #reader-bottom {
            height: auto;
            align-horizontal: center;
        }
        #reader-title {
            height: 1;
            width: 1fr;
            margin: 1 2 0 2;
            color: $text-muted;
            text-style: italic;
            text-align: center;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        #notice {
            height: auto;
            width: 1fr;
            margin: 1 2 0 2;
            padding: 0 1;
            color: $text-secondary;
            background: $secondary 12%;
            text-align: center;
            &.-warning {
                color: $text-warning;
                background: $warning 12%;
            }
        }
        SectionPane {
            padding: 1 2 0 2;
            margin: 0 0 1 0;
            scrollbar-size-vertical: 1;
            scrollbar-background: $background;
            scrollbar-color: $panel;
            #column {
                padding: 0 2;
                & > .heading {
                    width: 1fr;
                    margin: 0 0 1 0;
                    padding: 0 0 0 0;
                    color: $text-primary;
                    text-style: bold;
                    border-bottom: hkey $primary 30%;
                    &.-match {
                        color: $text-warning;
                    }
                }
                & > Prose {
                    color: $foreground 90%;
                }
            }
            &:focus {
                background-tint: transparent;
            }
        }
        FindBar {
            height: 1;
            max-width: 80;
            padding: 0 2;
            #find-label {
                width: auto;
                padding: 0 1 0 0;
                color: $text-accent;
                text-style: bold;
            }
            #find-input {
                width: 1fr;
            }
            #find-count {
                width: auto;
                padding: 0 0 0 1;
                color: $text-muted;
            }
        }
        ProgressLine {
            height: 1;
            width: 100%;
            max-width: 80;
            padding: 0 2;
            color: $text-muted;
        }
    }
    """

    COMMANDS = {screen_commands}
    # The palette: our own words only (the matcher reads candidates as markup,
    # so headings are chosen in the table of contents, never here).
    PALETTE: tuple[tuple[str, str, str], ...] = (
        ("Next section", "next_section", "Go on (in guided mode, the pause comes first)"),
        ("Previous section", "previous_section", "Back one section, no pause"),
        ("Reflect on this section", "reflect", "Write or edit a reflection now"),
        ("Table of contents", "contents", "Jump to a heading"),
        ("Find in the article", "find", "Search every section"),
        ("Links in this section", "links", "Open a link from the keyboard (asked first)"),
        ("Toggle guided mode", "toggle_guided", "Pause at headings, or read freely"),
        ("Start from the top", "from_top", "Back to the first section"),
        ("Help: keys", "help", "Every key of the reader"),
        ("Leave the article", "leave", "Back to the library (or quit)"),
    )
    BINDINGS = [
        Binding("n,right", "next_section", "Next", id="reader.next"),
        Binding("p,left", "previous_section", "Previous", id="reader.previous"),
        Binding("space,pagedown", "page_down", "Page down", id="reader.page", show=False),
        Binding("j", "scroll_down", "Scroll down", id="reader.down", show=False),
        Binding("k", "scroll_up", "Scroll up", id="reader.up", show=False),
        Binding("r", "reflect", "Reflect", id="reader.reflect"),
        Binding("t", "contents", "Contents", id="reader.contents"),
        Binding("slash", "find", "Find", id="reader.find"),
        Binding("o", "links", "Links", id="reader.links", show=False),
        Binding("m", "toggle_guided", "Guided", id="reader.guided", show=False),
        Binding("g", "from_top", "From the top", id="reader.top", show=False),
        Binding("ctrl+j", "journal", "Journal", id="reader.journal", show=False),
        Binding("question_mark", "help", "Help", id="reader.help"),
        Binding("q", "leave", "Library", id="reader.leave"),
    ]

    section_index: reactive[int] = reactive(0, init=False)
    """The section shown in the pane."""
    guided: reactive[bool] = reactive(True, init=False)
    """Whether leaving a section forward opens the pause (``m`` toggles it)."""

    def __init__(
        self, path: Path, *, section: str | None = None, preview: Preview | None = None
    ) -> None:
        super().__init__()
        self.path = Path(path)
        """The article file."""
        self.article_id = article_id(self.path.name)
        """Names the notes file: the same file name means the same article."""
        self.start_at = section
        """An anchor to open at instead of the saved position."""
        self.preview = preview
        """The first pane, if the caller already read it."""
        self.title_text = fallback_title(self.path)
        """The article's title (its file name until the title is known)."""
        self.sections: list[Section] = []
        """Sections known so far, in reading order."""
        self.first_pane_ready = asyncio.Event()
        """Set once the first pane's text is in its widgets: the next frame shows it."""
        self.outline_ready = asyncio.Event()
        """Set when the complete outline is known."""
        self.find_done = asyncio.Event()
        """Set when the find bar's latest query or step has been shown."""
        self.digest = ""
        """Digest of the article text, recorded with each save."""
        self.notes: Notes | None = None
        """The notes file's content, once loaded."""
        self.visit = Visit()
        """Pauses shown and notes written since the article was opened."""
        self.editor: PauseScreen | None = None
        """The note editor while it is open (``ctrl+q`` saves its text)."""
        self.unsaved: dict[int, str] = {}
        """Text that could not be saved yet, by section index: ``r`` offers it again."""
        self.mine: dict[str, Reflection] = {}
        """The latest note written this visit per anchor: ``r`` edits it."""
        self._outline_done = threading.Event()
        self.outline_read = threading.Event()
        """Set (by the outline thread) once the whole file is read and split."""
        self.full_outline: tuple[str, str, list[Section]] | None = None
        """Title, digest and every section, from the outline thread: what saves record."""
        self._pending: set[_Save] = set()
        self._moved = False
        self._resumed_from: str | None = None
        self._find_query = ""
        self._matches: list[Match] = []
        self._match = -1
        self._position_timer: Timer | None = None
        self._find_timer: Timer | None = None
        self._editor_at: tuple[int, ReflectionKey | None] | None = None
        self._warning: str | None = None
        self._passing: str | None = None

    # -- layout -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="reader-title")
        yield Static(id="notice")
        yield SectionPane()
        with Vertical(id="reader-bottom"):
            yield ProgressLine()

    @property
    def pane(self) -> SectionPane:
        """The pane showing the current section."""
        return self.query_one(SectionPane)

    @property
    def outline_complete(self) -> bool:
        """Whether every section is known."""
        return self._outline_done.is_set()

    async def on_mount(self) -> None:
        self.guided = self.app.config.guided  # type: ignore[attr-defined]
        if self.is_base:
            # Nothing behind this reader: the footer says what q really does.
            quit_key = Binding("q", "leave", "Quit", id="reader.leave")
            self._bindings.key_to_bindings["q"] = [quit_key]
            self.refresh_bindings()
        self.query_one("#notice").display = False
        self._set_title()
        self._refresh_progress()
        self.pane.focus()
        preview = self.preview
        if preview is None:
            try:
                preview = preview_article(self.path)
            except ReflectError as error:
                self._fail(str(error))
                return
        self.title_text = preview.title
        self._set_title()
        # A big file is split by a child process on another core (``reflect
        # PATH`` starts it before importing Textual; from the library it starts
        # with the outline worker): its findings are read from the frame after
        # the first pane on.  A small file is split here, in milliseconds, a
        # moment after the first pane is drawn.  Either way, nothing competes
        # with the first pane for this process's interpreter lock.
        early = not preview.complete and _size(self.path) >= CHILD_FROM_BYTES
        if preview.first is not None and not self.sections:
            self.sections = [preview.first]
            await self._show(0)
            self.call_after_refresh(self._start_notes)
            self.call_after_refresh(self._mount_footer)
            if early:
                self.call_after_refresh(self._load_outline)
            else:
                self.set_timer(OUTLINE_DELAY, self._load_outline)
        else:
            self._start_notes()
            self._load_outline()
            await self._mount_footer()

    def on_unmount(self) -> None:
        forget_closed_screen()  # (the pane's rendered lines with it)

    async def _mount_footer(self) -> None:
        """The footer comes a frame after the text: the words first, then the chrome."""
        if self.is_attached and not self.query(Footer):  # (not when quitting at once)
            await self.mount(KeysFooter(compact=True))
            self.refresh_bindings()

    def _start_notes(self) -> None:
        # The app is looked up here, on the UI thread: from a thread, a screen
        # that was closed meanwhile (a quick quit) no longer finds it.
        app = self.app
        app.run_worker(partial(self._load_notes, app), thread=True, name="notes", group="reader")

    def _set_title(self) -> None:
        """The running title above the pane (blank where the pane's heading already says it)."""
        shown = self.pane.section
        same = shown is not None and shown.heading == self.title_text
        self.query_one("#reader-title", Static).update(line("" if same else self.title_text))

    def _fail(self, message: str) -> None:
        if self.is_base:
            # Opened on this file: the app closes at once, so a toast would go
            # unseen; the terminal gets the sentence, and the exit status says so.
            self.app.farewell.append(f"reflect: {message}")  # type: ignore[attr-defined]
            self.app.exit_status = 1  # type: ignore[attr-defined]
        tell(self.app, message, severity="error", timeout=10)
        self.app.call_later(self._leave_now)  # (which saves any text typed meanwhile first)

    # -- the outline, in the background --------------------------------------

    def _load_outline(self) -> None:
        """Start reading the outline (the app is looked up here, on the UI thread)."""
        self._read_outline(self.app)

    @work(thread=True, exclusive=True, group="outline")
    def _read_outline(self, app: App[object]) -> None:
        """Read and split the whole file, posting sections in batches as they are found."""
        import reflect.screens.pause  # noqa: F401  (warmed here, so the first pause opens at once)

        # Big files are split by a child process, usually started with the app.
        stream = app.take_outline(self.path) or OutlineStream(  # type: ignore[attr-defined]
            self.path,
            spool_dir=app.dirs.cache,  # type: ignore[attr-defined]
        )
        title = fallback_title(self.path)
        everything: list[Section] = []
        batch: list[Section] = []
        sent_title = False
        last = time.monotonic()
        worker = get_current_worker()
        items = iter(stream)
        try:
            for item in items:
                if worker.is_cancelled:
                    items.close()  # the reader was left: this ends the child too
                    return
                if isinstance(item, str):
                    title = item
                    continue
                batch.append(item)
                everything.append(item)
                if time.monotonic() - last >= BATCH_SECONDS:
                    self.post_message(OutlineBatch(batch, None if sent_title else title, False))
                    batch, sent_title, last = [], True, time.monotonic()
        except ReflectError as error:
            self.outline_read.set()
            self.post_message(OutlineBatch([], None, True, error=str(error)))
            return
        # Savers wait on this, not on the screen: quitting must not wait for the UI.
        self.full_outline = (title, stream.digest, everything)
        self.outline_read.set()
        self.post_message(OutlineBatch(batch, None if sent_title else title, True, stream.digest))

    @on(OutlineBatch)
    async def _add_sections(self, message: OutlineBatch) -> None:
        if message.error:
            self._outline_done.set()
            self.outline_ready.set()
            self._fail(message.error)
            return
        if message.title is not None:
            self.title_text = message.title
            self._set_title()
        known = len(self.sections)
        first = message.sections[0].index if message.sections else known
        # The preview's first section is replaced by the real one (it may have been cut short).
        self.sections[first:] = message.sections
        if message.done:
            self.digest = message.digest
            self._outline_done.set()
            self.outline_ready.set()
            if not self.sections:
                self._fail(f"{self.path}: has no text to read.")
                return
        if known == 0 and self.sections:
            await self._show(0)
        elif first == 0 and self.section_index == 0 and self.pane.section is not None:
            self.pane.extend(self.sections[0])
        self._try_resume()
        self._refresh_progress()
        if message.done and self.notes is not None and self.sections:
            self._schedule_position(0)

    def _try_resume(self) -> None:
        """Open at the saved position (or the requested section) once it is known."""
        target = self.start_at or (self.notes.position if self.notes else None)
        if self._moved or not target or (self.notes is None and not self.start_at):
            return
        for section in self.sections:
            if section.anchor == target:
                self._moved = True
                if section.index != self.section_index:
                    self.section_index = section.index
                    if not self.start_at:
                        self._resumed_from = target
                        self._show_notice(
                            f"Picked up where you left off: “{section.heading}”. "
                            "Press g to start from the top."
                        )
                return
        if self.outline_complete:
            self._moved = True

    def _show_notice(self, text: str, *, warning: bool = False) -> None:
        """Show a notice above the pane; a warning stays for the whole visit.

        A warning (notes that are read-only) is what the reader must not miss,
        so a passing notice (the resume) is shown under it, never in its place.
        """
        if warning:
            self._warning = text
        else:
            self._passing = text
        self._draw_notice()

    def _hide_notice(self) -> None:
        """Let the passing notice go; a warning stays."""
        self._passing = None
        self._draw_notice()

    def _draw_notice(self) -> None:
        notice = self.query_one("#notice", Static)
        shown = [text for text in (self._warning, self._passing) if text]
        notice.update(Content("\n").join(line(text) for text in shown))
        notice.set_class(self._warning is not None, "-warning")
        notice.display = bool(shown)

    # -- moving -------------------------------------------------------------

    async def watch_section_index(self, index: int) -> None:
        await self._show(index)
        self._schedule_position(index)

    async def _show(self, index: int) -> None:
        if not 0 <= index < len(self.sections):
            return
        if index != 0:
            self._moved = True
        marked = self._find_query if self._matches and self.find_open else ""
        await self.pane.show(self.sections[index], marked)
        self._set_title()
        self._refresh_progress()
        if not self.first_pane_ready.is_set():
            # The pane's widgets hold the text now; the very next frame paints it.
            self.first_pane_ready.set()

    def _refresh_progress(self) -> None:
        progress = self.query_one(ProgressLine)
        progress.guided = self.guided
        if self.sections:
            progress.progress = progress_text(
                self.section_index, self.sections, self.outline_complete
            )

    def watch_guided(self, guided: bool) -> None:
        self._refresh_progress()

    def go_to(self, index: int) -> None:
        """Show section ``index`` (no pause)."""
        if self._resumed_from and index != self.section_index:
            self._resumed_from = None
            self._hide_notice()
        self._moved = True
        if 0 <= index < len(self.sections):
            self.section_index = index

    def action_next_section(self) -> None:
        """Next section; in guided mode, first the pause for the one being left."""
        index = self.section_index
        if not self.sections:
            return
        if self.visit.should_pause(index, self.guided):
            self.visit.paused.add(index)
            self.open_editor(index, on_pause=True)
            return
        self._advance(index)

    def _advance(self, index: int) -> None:
        if index + 1 < len(self.sections):
            self.go_to(index + 1)
        elif self.outline_complete:
            self.show_summary()
        else:
            tell(self.app, "Still reading the rest of the article…", timeout=2)

    def action_previous_section(self) -> None:
        """Previous section, without a pause."""
        if self.section_index > 0:
            self.go_to(self.section_index - 1)

    def action_page_down(self) -> None:
        """Page down; at the bottom of the pane, go on as ``n``."""
        if self.pane.at_end:
            self.action_next_section()
        else:
            self.pane.scroll_page_down()

    def action_scroll_down(self) -> None:
        """Scroll the pane one line down."""
        self.pane.scroll_down()

    def action_scroll_up(self) -> None:
        """Scroll the pane one line up."""
        self.pane.scroll_up()

    def action_from_top(self) -> None:
        """Back to the first section (after a resume, or any time)."""
        self.go_to(0)
        self.pane.scroll_home(animate=False)

    def action_toggle_guided(self) -> None:
        """Pauses at headings on or off; remembered for next time."""
        self.guided = not self.guided
        tell(
            self.app,
            "Guided: a pause at each heading." if self.guided else "Free reading: no pauses.",
            timeout=3,
        )
        config = self.app.config  # type: ignore[attr-defined]
        config.guided = self.guided
        app = self.app
        app.run_worker(partial(self._save_config, app), thread=True, group="config")

    def _save_config(self, app: App[object]) -> None:
        from reflect.config import save_config

        try:
            save_config(app.dirs.config, app.config)  # type: ignore[attr-defined]
        except OSError as error:
            app.call_from_thread(
                tell,
                app,
                f"Could not remember the setting: {error.strerror or error}.",
                severity="warning",
            )

    @property
    def is_base(self) -> bool:
        """Whether this reader is the app's first screen (started on its file):
        ``q`` then quits; a reader opened from the library or journal goes back."""
        stack = self.app.screen_stack
        return not stack or stack[0] is self

    def _leave_words(self) -> str:
        """What ``q`` does here, in the words the summary uses."""
        if self.is_base:
            return "Quit"
        stack = self.app.screen_stack
        below = stack[stack.index(self) - 1] if self in stack else None
        return "Back to the library" if type(below).__name__ == "LibraryScreen" else "Back"

    async def action_leave(self) -> None:
        """Back to the library (or journal), or quit when this is the first screen.

        Saves still running are waited for and unsaved notes saved (or rescued)
        first: leaving must never drop a note.
        """
        await self._leave_now()

    async def _leave_now(self) -> None:
        if self.is_base:
            # Quitting: every screen's unsaved text is saved first, not only this one's.
            await self.app.action_quit()
        else:
            self.save_before_quit()
            self.dismiss()

    # -- contents, find, help, summary, links --------------------------------

    def action_contents(self) -> None:
        """Table of contents: choosing a heading jumps there."""
        from reflect.screens.toc import ContentsScreen

        def chosen(index: int | None) -> None:
            if index is not None:
                self.go_to(index)

        self.app.push_screen(
            ContentsScreen(self.sections, self.section_index, self.outline_complete), chosen
        )

    def action_journal(self) -> None:
        """This article's reflections, by section, in the journal."""
        self.app.open_journal(self.path)  # type: ignore[attr-defined]

    def action_help(self) -> None:
        """Every binding, explained."""
        from reflect.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def show_summary(self) -> None:
        """After the last section: sections reflected and time read."""
        from reflect.screens.summary import SummaryScreen

        # A note saved at the last pause is usually still on its way to the
        # store as the summary opens: it counts, as the reader just wrote it.
        on_its_way = {self.sections[s.index].anchor for s in self._pending}
        this_visit = self.visit.reflected | on_its_way
        reflected = {r.section for r in self.earlier_notes()} | this_visit
        anchors = {s.anchor for s in self.sections}

        async def chosen(leave: bool | None) -> None:
            if leave:
                await self.action_leave()

        self.app.push_screen(
            SummaryScreen(
                title=self.title_text,
                reflected=len(reflected & anchors),
                this_visit=len(this_visit),
                total=len(self.sections),
                minutes=self.visit.minutes_read(),
                leave_label=self._leave_words(),
            ),
            chosen,
        )

    def action_links(self) -> None:
        """The links of this section, to open from the keyboard (each asked first)."""
        from reflect.screens.link import LinksScreen, ask_to_open

        links = [href for prose in self.pane.query(Prose) for href in prose.links]

        def chosen(href: str | None) -> None:
            if href is not None:
                ask_to_open(self.app, href)

        self.app.push_screen(LinksScreen(links), chosen)

    @on(Prose.LinkClicked)
    def _link_clicked(self, message: Prose.LinkClicked) -> None:
        from reflect.screens.link import ask_to_open

        ask_to_open(self.app, message.href)

    def on_section_pane_shown(self, message: SectionPane.Shown) -> None:
        self.query_one(ProgressLine).refresh()
