"""The reader's side of the notes: loading, saving, the pause, the position.

A mixin of :class:`reflect.screens.reader.ReaderScreen`, kept apart because it
is one idea: nothing typed is ever lost.  The pause only returns text; saves
run in workers on the app (so they outlive the screen), the text stays in
:attr:`unsaved` until the store has it, failures are shown, and ``ctrl+q``
saves synchronously through :meth:`NotesMixin.save_before_quit`.  A notes file
that is read-only (broken or newer) is never written.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message
from textual.worker import Worker

from reflect.article import Section
from reflect.errors import ReflectError
from reflect.reading import prompt_for
from reflect.store_model import ArticleMeta, Notes, Reflection, ReflectionKey
from reflect.ui_text import tell
from reflect.ui_threads import from_thread

if TYPE_CHECKING:
    from reflect.screens.reader import ReaderScreen as _Base
else:
    _Base = object

POSITION_DELAY = 1.0
"""Seconds a section must stay on screen before it is recorded as the position."""


@dataclass
class NotesLoaded(Message):
    """The article's notes file was read (or found read-only); ``None``: it could
    not be read at all (the reader was told why)."""

    notes: Notes | None
    again: bool = False
    """Read again after the journal closed (not the first read of this visit)."""
    saves: int = 0
    """How many of this visit's saves had been heard back from when the read began."""


class _Save(threading.Event):
    """One note on its way to the store; set once the store has answered, either way.

    It stays in the reader's ``_pending`` until the screen has heard back, so an
    editor opened on the section meanwhile knows the note is not in ``mine``
    yet and continues it instead of adding it again.
    """

    _seq = itertools.count()

    def __init__(
        self, index: int, text: str, key: ReflectionKey | None, after: _Save | None
    ) -> None:
        super().__init__()
        self.seq = next(self._seq)
        """Order of the saves: an editor continues the section's latest."""
        self.index = index
        """The section the note is for."""
        self.text = text
        """The note as sent."""
        self.key = key
        """The entry it replaces (``None``: a new one); for a save that continues
        ``after``, known only once ``after`` has answered."""
        self.after = after
        """The earlier save of this section this one continues, if any."""
        self.saved: Reflection | None = None
        """The entry as the store wrote it (``None`` until then, or on failure)."""
        self.superseded = False
        """A later save of the same note was reported first (UI thread only)."""
        self.worker: Worker[None] | None = None
        """Its worker (a later save checks whether a quit cancelled it before it ran)."""
        self._claim = threading.Lock()
        self._began = False
        self._dropped = False

    def begin(self) -> bool:
        """In its own worker: whether to write (no, if a later save took its place)."""
        with self._claim:
            self._began = not self._dropped
            return self._began

    def wait_answered(self) -> None:
        """From a later save's worker: wait until this save has answered.

        A worker cancelled before it began (the app quitting) never answers: then
        this save is dropped and the later one does what it would have done.
        Waiting for it for ever would hold the process open at exit.
        """
        while not self.wait(timeout=0.2):
            if self.worker is not None and self.worker.is_cancelled:
                with self._claim:
                    if not self._began:
                        self._dropped = True
                        return


class NotesMixin(_Base):
    """Loading and saving reflections and the reading position for the reader."""

    _editor_after: _Save | None = None
    """The save the open editor continues (the note was still on its way when it opened)."""
    notes_known: bool = False
    """Whether the notes file has been read (or failed to be): until then the
    editor cannot show the section's earlier entries."""
    _editor_waiting: Callable[[], None] | None = None
    """An editor asked for before the notes were read: it opens once they are."""
    _classified: tuple[list[Reflection], list[Reflection]] | None = None
    """The notes as they belong to the article now, for the reflections list they
    were worked out from (:meth:`earlier_notes`)."""
    _saves_heard = 0
    """Saves of this visit the store has answered (a reread started before one is stale)."""
    _reload_after_saves = False
    """A reread waits for the saves on their way (:meth:`reload_notes`)."""

    def _load_notes(self, app: App[object], again: bool = False, saves: int = 0) -> None:
        """Read the notes file (in a thread); a broken one becomes read-only, not fatal."""
        try:
            notes = app.store.load(self.article_id, read_only_ok=True)  # type: ignore[attr-defined]
        except (ReflectError, OSError) as error:
            app.call_from_thread(tell, app, f"Could not read notes: {error}", severity="error")
            notes = None
        self.post_message(NotesLoaded(notes, again, saves))

    def reload_notes(self) -> None:
        """The journal may have edited or deleted notes of this article: read them again.

        Otherwise the pause would show the old words, and ``r`` would edit a
        version of a note that is no longer in the file (and fail to).
        """
        if self.notes is not None:
            app = self.app
            load = partial(self._load_notes, app, True, self._saves_heard)
            app.run_worker(load, thread=True, name="notes", group="reader")

    def on_notes_loaded(self, message: NotesLoaded) -> None:
        if message.again and (self._pending or message.saves != self._saves_heard):
            # A note of this visit was saved while the file was read again (or
            # is on its way): this read may not hold it.  Read once more.
            self._reload_after_saves = bool(self._pending)
            if not self._pending:
                self.reload_notes()
            return
        self.notes_known = True
        if message.notes is not None:
            self.notes = message.notes
            if self.mine:
                # This visit's notes as the file has them now (edited in the
                # journal); one deleted there is no longer this visit's to edit.
                now = {(r.section, r.written, r.nth): r for r in message.notes.reflections}
                self.mine = {
                    anchor: now[(r.section, r.written, r.nth)]
                    for anchor, r in self.mine.items()
                    if (r.section, r.written, r.nth) in now
                }
            if message.notes.read_only_reason:
                self._show_notice(message.notes.read_only_reason, warning=True)
            if message.again:
                return
            self._try_resume()
            if self.outline_complete and self.sections:
                self._schedule_position(0)
        waiting, self._editor_waiting = self._editor_waiting, None
        if waiting is not None:
            waiting()

    def meta(self) -> ArticleMeta:
        """What the store records about the article with each write (the full outline if read)."""
        title, digest, sections = self.title_text, self.digest, self.sections
        if self.full_outline is not None:
            title, digest, sections = self.full_outline
        return ArticleMeta(
            title=title,
            source=str(self.path),
            digest=digest,
            sections=[(s.anchor, s.heading) for s in sections],
        )

    @property
    def read_only(self) -> bool:
        """Whether the notes file must not be written (it is broken or newer)."""
        return bool(self.notes and self.notes.read_only_reason)

    def earlier_notes(self) -> list[Reflection]:
        """The notes as they belong to the article now, once its outline is known.

        A note written under a heading since reworded counts for the section
        as it is now called (as the journal shows it); notes of sections that
        are gone are left to the journal ("from an earlier version").
        Worked out once per change of the notes, not at every pause.
        """
        if self.notes is None:
            return []
        reflections = self.notes.reflections
        if not self.outline_complete:
            return reflections
        cached = self._classified
        if cached is not None and cached[0] is reflections:
            return cached[1]
        from reflect.orphans import classify  # (difflib: not on the way to the first pane)

        outline = [(s.anchor, s.heading) for s in self.sections]
        current = [r for r in classify(self.notes, outline).reflections if not r.orphaned]
        self._classified = (reflections, current)
        return current

    def earlier_for(self, section: Section) -> list[Reflection]:
        """Entries kept for ``section``, oldest first."""
        found = [r for r in self.earlier_notes() if r.section == section.anchor]
        return sorted(found, key=lambda r: r.written)

    # -- position ---------------------------------------------------------

    def _schedule_position(self, index: int) -> None:
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(POSITION_DELAY, self._record_position)

    def _record_position(self) -> None:
        if self.read_only or not self.outline_complete or self.notes is None:
            return
        if not self.sections:
            return
        anchor = self.sections[self.section_index].anchor
        meta = self.meta()
        app = self.app
        app.run_worker(
            lambda: self._write_position(app, meta, anchor),
            thread=True,
            group="notes-write",
            exit_on_error=False,
        )

    def _write_position(self, app: App[object], meta: ArticleMeta, anchor: str) -> None:
        try:
            app.store.record_open(self.article_id, meta, anchor)  # type: ignore[attr-defined]
        except (ReflectError, OSError) as error:
            from_thread(
                app, tell, app, f"Could not remember where you are: {error}", severity="warning"
            )

    def _record_position_now(self) -> None:
        """Synchronously record the position (leaving or quitting)."""
        if self._position_timer is not None:
            self._position_timer.stop()
        if self.read_only or not self.outline_complete or self.notes is None or not self.sections:
            return
        # Leaving anyway: the notes themselves are what must not be lost.
        with contextlib.suppress(ReflectError, OSError):
            self.app.store.record_open(  # type: ignore[attr-defined]
                self.article_id, self.meta(), self.sections[self.section_index].anchor
            )

    # -- the pause ----------------------------------------------------------

    def action_reflect(self) -> None:
        """Write (or edit this visit's) reflection for this section now."""
        if self.sections:
            self.open_editor(self.section_index, on_pause=False)

    def open_editor(self, index: int, *, on_pause: bool) -> None:
        """Open the note editor for section ``index``; save what it returns.

        While a note of this section is still on its way to the store, any editor
        opened on the section (``r`` or the pause) shows that note and continues
        it: what it returns becomes that note's next version, saved after it.
        Adding it as a new note would save the same words twice.
        """
        self.app.type_ahead.expect()  # type: ignore[attr-defined]  (words typed on its heels)
        if not self.notes_known:
            # A key pressed as the article opens, before its notes file is read
            # (milliseconds): the editor waits for them, so the section's earlier
            # entries are never missing from it.
            # One editor waits: a pause (the reader moving on) takes the place
            # of an ``r`` asked for just before, as its section is left.
            if self._editor_waiting is None or on_pause:
                self._editor_waiting = partial(self.open_editor, index, on_pause=on_pause)
            return
        from reflect.screens.pause import Earlier, PauseScreen

        section = self.sections[index]
        after = self._saving(index)
        # ``r`` on a section given a note this visit edits that note; a pause adds one.
        editing = None
        if after is None and not on_pause and index not in self.unsaved:
            editing = self.mine.get(section.anchor)
        key = editing.key if editing is not None else None
        hidden = after.key if after is not None else key  # the version being replaced
        earlier = [
            Earlier(r.written, r.text, r.edited)
            for r in self.earlier_for(section)
            if hidden is None or r.key != hidden
        ]
        if after is not None:
            initial = after.text
        else:
            initial = self.unsaved.get(index) or (editing.text if editing is not None else "")
        screen = PauseScreen(
            section.heading, prompt_for(section), earlier, initial=initial, on_pause=on_pause
        )
        self.editor = screen
        self._editor_at = (index, key)
        self._editor_after = after

        def done(text: str | None) -> None:
            self.editor = None
            self._editor_at = None
            self._editor_after = None
            if after is not None:
                # Unchanged or cleared: the note on its way is saved as it is.
                if text is not None and text != after.text:
                    self.save(index, text, after=after)
            elif text is not None and text != (editing.text if editing is not None else None):
                self.save(index, text, key)
            elif text is None and index in self.unsaved:
                del self.unsaved[index]
            if on_pause:
                self._advance(index)

        self.app.push_screen(screen, done)

    def _saving(self, index: int) -> _Save | None:
        """The latest save of section ``index`` the screen has not heard back from."""
        mine = [s for s in self._pending if s.index == index]
        return max(mine, key=lambda s: s.seq, default=None)

    def save(
        self,
        index: int,
        text: str,
        key: ReflectionKey | None = None,
        *,
        after: _Save | None = None,
    ) -> None:
        """Save a note in the background; it stays in memory until the store has it.

        ``key`` names the entry to edit (``None``: a new one).  With ``after``, the
        note continues that earlier save of the section, which may still be
        running: the worker waits for it, then edits the entry it wrote (or, if it
        failed, does what it would have done), so the note is written once.
        """
        section = self.sections[index]
        self.unsaved[index] = text
        if self.read_only:
            assert self.notes is not None
            tell(
                self.app,
                f"Not saved: {self.notes.read_only_reason} Your note is kept here: press r.",
                severity="error",
                timeout=10,
            )
            return
        this = _Save(index, text, key, after)
        self._pending.add(this)
        # The app and store are looked up here, on the UI thread: from the thread,
        # a reader left meanwhile (q) could no longer find them, and the note was lost.
        app = self.app
        store = app.store  # type: ignore[attr-defined]

        def write() -> None:
            # Never wait on the UI thread here: ctrl+q waits on ``this`` from it.
            if not this.begin():
                this.set()
                return
            try:
                self.outline_read.wait(timeout=120)
                if after is not None:
                    after.wait_answered()
                    this.key = after.saved.key if after.saved is not None else after.key
                meta = self.meta()
                if this.key is not None:
                    this.saved = store.edit(self.article_id, meta, this.key, text)
                else:
                    this.saved = store.add(
                        self.article_id, meta, section.anchor, section.heading, text
                    )
            except Exception as error:  # any failure: the text stays in memory, and is shown
                this.set()
                from_thread(app, self._save_failed, this, error)
                return
            if self.unsaved.get(index) == text:
                self.unsaved.pop(index, None)
            this.set()
            from_thread(app, self._saved, this)

        this.worker = app.run_worker(write, thread=True, group="notes-write", exit_on_error=False)

    def _saved(self, save: _Save) -> None:
        self._pending.discard(save)
        self._saves_heard += 1
        self._reload_if_waiting()
        if save.after is not None:
            save.after.superseded = True  # its news, if it comes later, is older than ours
        if save.superseded or save.saved is None:
            return
        saved = save.saved
        self.visit.reflected.add(saved.section)
        self.mine[saved.section] = saved
        if self.notes is not None:
            kept = [r for r in self.notes.reflections if save.key is None or r.key != save.key]
            self.notes.reflections = [*kept, saved]
        tell(self.app, "Reflection saved.", timeout=2)

    def _save_failed(self, save: _Save, error: Exception) -> None:
        self._pending.discard(save)
        self._reload_if_waiting()
        tell(
            self.app,
            f"Your note was not saved: {error} It is kept: press r on that section to try again.",
            severity="error",
            timeout=15,
        )

    def _reload_if_waiting(self) -> None:
        if self._reload_after_saves and not self._pending:
            self._reload_after_saves = False
            self.reload_notes()

    def save_before_quit(self) -> None:
        """``ctrl+q``: save the open editor's text and anything unsaved, synchronously."""
        for finished in list(self._pending):
            finished.wait(timeout=10)
        key = None
        if self.editor is not None and self._editor_at is not None:
            index, key = self._editor_at
            typed = self.editor.typed
            after = self._editor_after
            if after is not None:
                # The editor continues a note whose save has answered by now.
                key = after.saved.key if after.saved is not None else after.key
                if typed and typed != after.text:
                    self.unsaved[index] = typed
            elif typed and (key is None or typed != key.text):
                self.unsaved[index] = typed
            elif not typed:
                self.unsaved.pop(index, None)
        failed: list[tuple[str, str]] = []
        reason = self.notes.read_only_reason if self.notes and self.read_only else None
        if self.unsaved and not self.read_only and not self.outline_read.wait(timeout=30):
            reason = "the article was still being read"
        if self.unsaved and reason is None:
            store = self.app.store  # type: ignore[attr-defined]
            for index, text in list(self.unsaved.items()):
                section = self.sections[index]
                editing = key if self._editor_at and self._editor_at[0] == index else None
                try:
                    if editing is not None:
                        store.edit(self.article_id, self.meta(), editing, text)
                    else:
                        store.add(
                            self.article_id, self.meta(), section.anchor, section.heading, text
                        )
                except (ReflectError, OSError) as error:
                    failed.append((section.heading, text))
                    reason = str(error)
                    continue
                self.unsaved.pop(index, None)
        elif self.unsaved:
            failed = [(self.sections[i].heading, t) for i, t in self.unsaved.items()]
        if failed:
            self._rescue(failed, reason or "the save failed")
        self._record_position_now()

    def _rescue(self, items: list[tuple[str, str]], reason: str) -> None:
        """Keep text that could not be saved in a file beside the notes, and say where."""
        from reflect.rescue import rescue

        app = self.app
        try:
            path = rescue(app.dirs.notes, self.article_id, self.title_text, items, reason)  # type: ignore[attr-defined]
        except OSError as error:
            app.farewell.append(  # type: ignore[attr-defined]
                f"reflect: {len(items)} reflection(s) could not be saved ({error}):\n"
                + "\n\n".join(text for _, text in items)
            )
            return
        self.unsaved.clear()
        app.farewell.append(  # type: ignore[attr-defined]
            f"reflect: {len(items)} reflection(s) could not go into the notes file; kept in {path}"
        )
