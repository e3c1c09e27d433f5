"""The reflect Textual app: global bindings and screen setup.

Kept thin on purpose (STYLE.md): the library, reader and journal screens own
their bindings and their work.  :func:`create_app` is the one factory used by
the CLI, the tests and the snapshot apps, so every test runs the app exactly as
a reader does, but with its own temporary folders.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reflect.config import Config, load_config, save_config
from reflect.errors import ReflectError
from reflect.paths import Dirs
from reflect.sanitize import clean, clean_line
from reflect.store import NotesStore
from reflect.widgets.type_ahead import TypeAhead

if TYPE_CHECKING:  # the article parser loads only when an article is opened
    from reflect.article import Preview
    from reflect.outline_stream import OutlineStream


CATCH_UP_SECONDS = 1.0
"""At most this long for an editor to take in the keys typed before ``ctrl+q``."""


@runtime_checkable
class SavesOnQuit(Protocol):
    """A screen holding typed text that must be saved before the app exits."""

    def save_before_quit(self) -> None:
        """Save whatever the reader typed, synchronously and durably."""


class ReflectApp(App[None]):
    """reflect: a library, a reader and a journal for slow, reflective reading."""

    TITLE = "reflect"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False),
    ]

    def __init__(
        self,
        dirs: Dirs,
        target: Path | None = None,
        *,
        preview: Preview | None = None,
        config: Config | None = None,
        outline: OutlineStream | None = None,
    ) -> None:
        super().__init__()
        self.dirs = dirs
        """The folders this run reads and writes: never the real ones in tests."""
        self.target = target
        """The file (opens the reader) or folder (a library of it) given on the command line."""
        self.preview = preview
        """The first pane of ``target``, read before the app started, to show at once."""
        self.config = config if config is not None else load_config(dirs.config)
        """Preferences; the theme is saved whenever the reader changes it."""
        self.store = NotesStore(dirs.notes)
        """The one way reflections are read and written."""
        self.type_ahead = TypeAhead()
        """Characters typed before the text box they were meant for had the focus."""
        self.exit_status = 0
        """The exit status once the app quits (1: the file it opened had nothing to read)."""
        self.farewell: list[str] = []
        """Lines printed after the app exits (where rescued, unsaved notes went)."""
        self._early_outline = outline
        if outline is None and target is not None and self.opened_on_file:
            # A big article's outline is found by a child process: start it
            # before Textual composes anything, so both run at once.
            from reflect.outline_stream import OutlineStream

            self._early_outline = OutlineStream(target, spool_dir=dirs.cache).start()
        self.theme = (
            self.config.theme if self.config.theme in self.available_themes else "textual-dark"
        )

    @property
    def opened_on_file(self) -> bool:
        """When started on a file, ``q`` in the reader quits instead of going back."""
        return self.target is not None and not self.target.is_dir()

    def get_default_screen(self) -> Screen:
        """The first screen is the app's base screen (not pushed over an empty
        one): the reader for a file, else the library."""
        if self.opened_on_file:
            from reflect.screens.reader import ReaderScreen

            assert self.target is not None
            return ReaderScreen(self.target, preview=self.preview)
        from reflect.screens.library import LibraryScreen

        return LibraryScreen(folder=self.target)

    def on_mount(self) -> None:
        # Tidying the notes folder waits for the first frame: nothing on it needs it.
        self.call_after_refresh(
            self.run_worker, self._sweep, thread=True, group="sweep", exit_on_error=False
        )

    async def on_event(self, event: events.Event) -> None:
        # A key back from the page unhandled, typed for a text box that did not
        # have the focus yet (reflect.widgets.type_ahead): before any binding.
        if (
            isinstance(event, events.Key)
            and event.is_forwarded
            and self.type_ahead.keep(event, self.focused)
        ):
            event.stop()
            event.prevent_default()
            return
        await super().on_event(event)

    def _sweep(self) -> None:
        """Remove temp files that a killed save left in the notes folder."""
        try:
            self.store.sweep()
        except (OSError, ReflectError) as error:
            self.call_from_thread(
                self.notify,
                clean_line(f"Could not tidy the notes folder: {error}"),
                severity="warning",
                markup=False,
            )

    def take_outline(self, path: Path) -> OutlineStream | None:
        """The outline started with the app for ``path``, once (None otherwise)."""
        stream, self._early_outline = self._early_outline, None
        if stream is not None and stream.path != path:
            stream.close()
            return None
        return stream

    def on_unmount(self) -> None:
        """An outline child that was never read ends with the app."""
        if self._early_outline is not None:
            self._early_outline.close()

    def open_article(
        self, path: Path, *, section: str | None = None, preview: Preview | None = None
    ) -> None:
        """Show ``path`` in the reader, at ``section`` (an anchor) if given."""
        from reflect.screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(path, section=section, preview=preview))

    def open_journal(self, article: Path | None = None) -> None:
        """Show the journal: one article's reflections, or all of them."""
        from reflect.screens.journal import JournalScreen

        def closed(_: object) -> None:
            # Notes may have been edited or deleted there: open readers read them again.
            for screen in self.screen_stack:
                reload_notes = getattr(screen, "reload_notes", None)
                if reload_notes is not None:
                    reload_notes()

        self.push_screen(JournalScreen(article=article), closed)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands, and the journal from anywhere (from an article:
        that article's reflections, by section)."""
        yield from super().get_system_commands(screen)
        if type(screen).__name__ != "JournalScreen":
            article = getattr(screen, "path", None)
            article = article if isinstance(article, Path) else None
            yield SystemCommand(
                "Journal",
                "Your reflections" + (" on this article" if article else ", across all articles"),
                lambda: self.open_journal(article),
            )

    def watch_theme(self, theme: str) -> None:
        """Remember the chosen theme for next time."""
        if theme == self.config.theme:
            return
        self.config.theme = theme
        try:
            save_config(self.dirs.config, self.config)
        except OSError as error:
            self.notify(
                clean_line(f"Could not save the theme: {error.strerror or error}."),
                severity="warning",
                markup=False,
            )

    def farewell_message(self) -> Text | None:
        """What to print once the terminal is back (see :attr:`farewell`): text
        only (a note's ``[brackets]`` are not markup), through the sanitizer."""
        words = "\n".join(self.farewell)
        return Text(clean(words)) if words else None

    async def action_quit(self) -> None:
        """Quit from anywhere, saving any open editor's text first."""
        await self._caught_up()
        # From the bottom up: of two readers of one article (the journal opened
        # a second), the one on top was read last, and its position is kept.
        for screen in list(self.screen_stack):
            if isinstance(screen, SavesOnQuit):
                screen.save_before_quit()
        self.exit(return_code=self.exit_status, message=self.farewell_message())

    async def _caught_up(self) -> None:
        """Let the focused widget handle the keys it was sent before this one.

        ``ctrl+q`` is handled as soon as it arrives, but text typed just before
        it (one burst from the terminal, a paste) may still wait in the editor's
        queue: quitting now would save the note without its last words.
        """
        focused = self.focused
        if focused is None or not focused.is_running:
            return
        done = asyncio.Event()
        focused.call_later(done.set)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), CATCH_UP_SECONDS)


def create_app(
    target: Path | None,
    dirs: Dirs,
    *,
    preview: Preview | None = None,
    config: Config | None = None,
    outline: OutlineStream | None = None,
) -> ReflectApp:
    """The one way to build the app: CLI, tests and snapshot apps all come here.

    ``preview`` is the first pane of a ``target`` file and ``outline`` its
    outline, already started (:func:`reflect.commands.tui.build_app` starts
    both before importing Textual); without them the app reads them itself.
    """
    return ReflectApp(dirs, target, preview=preview, config=config, outline=outline)
