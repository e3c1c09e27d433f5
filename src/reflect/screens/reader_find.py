"""Find in the article: matches across every section, shown pane by pane.

A mixin of :class:`reflect.screens.reader.ReaderScreen`.  The search runs on
the text as shown (the pane's own renderer, on the pane's own chunks, so the
count is what the pane highlights) in a thread, debounced while typing; the
pane then highlights the words and scrolls to the hit, laying out a long
section just far enough to reach it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.worker import get_current_worker

from reflect.reading import Match, find_all
from reflect.ui_text import tell
from reflect.ui_threads import from_thread
from reflect.widgets.render import shown_texts

if TYPE_CHECKING:
    from reflect.screens.reader import ReaderScreen as _Base
    from reflect.widgets.findbar import FindBar
else:
    _Base = object

FIND_DELAY = 0.15
"""Seconds of no typing before a find runs (a 20 MB book is searched once, not per key)."""


class FindMixin(_Base):
    """The ``/`` find bar's behaviour for the reader."""

    find_open: bool = False
    """Whether the find bar is open: matches are highlighted only while it is
    (closed, the reader stays at the match and reads on unmarked; reopened,
    the same query and matches are there again)."""

    async def action_find(self) -> None:
        """Find in the article: type, then ``enter``/``shift+enter`` between matches."""
        from reflect.widgets.findbar import FindBar

        self.app.type_ahead.expect()  # type: ignore[attr-defined]  (words typed on its heels)
        bars = self.query(FindBar)
        if bars:
            bar = bars.first()
        else:
            # Made on first use: most visits never search, and the first pane
            # should not wait for an input box.
            bar = FindBar()
            await self.query_one("#reader-bottom").mount(bar, before=0)
        bar.open(again=bool(bars))
        self.find_open = True
        if self._matches:
            await self.pane.find(self._find_query, -1)  # marked again, where the reader is

    def _find_bar(self) -> FindBar:
        """The find bar (only its own messages call this, so it exists)."""
        from reflect.widgets.findbar import FindBar

        return self.query_one(FindBar)

    def on_find_bar_changed(self, message: FindBar.Changed) -> None:
        self._find_query = message.query
        self.find_done.clear()
        self._find_bar().set_count(None, 0, searching=bool(message.query.strip()))
        if self._find_timer is not None:
            self._find_timer.stop()
        self._find_timer = self.set_timer(
            FIND_DELAY, lambda: self._run_find(message.query, self.app)
        )

    @work(thread=True, exclusive=True, group="find")
    def _run_find(self, query: str, app: App[object]) -> None:
        try:
            worker = get_current_worker()
            matches = find_all(
                list(self.sections), query, shown=shown_texts, stop=lambda: worker.is_cancelled
            )
            if worker.is_cancelled:
                return  # a newer query took its place (exclusive workers cancel the older)
        except OSError as error:  # a big book's text is read back from its spool file
            reason = error.strerror or "it could not be read back"
            from_thread(app, tell, app, f"Could not search the article: {reason}.")
            return
        from_thread(app, self._found, query, matches)

    async def _found(self, query: str, matches: list[Match]) -> None:
        if query != self._find_query or not self.is_attached:
            return  # a newer query, or the reader was left (or the app quit) meanwhile
        self._matches = matches
        here = self.section_index
        self._match = next((i for i, m in enumerate(matches) if m.section >= here), 0)
        await self._go_to_match()

    async def on_find_bar_step(self, message: FindBar.Step) -> None:
        if not self._matches:
            return
        self._match = (self._match + message.direction) % len(self._matches)
        await self._go_to_match()

    async def _go_to_match(self) -> None:
        self.find_done.clear()
        bar = self._find_bar()
        if not self._matches:
            bar.set_count(None, 0)
            await self.pane.find(self._find_query, -1)
        else:
            match = self._matches[self._match]
            bar.set_count(self._match, len(self._matches))
            if match.section != self.section_index:
                self.go_to(match.section)
                await self._show(match.section)
            await self.pane.find(self._find_query, match.nth, match.offset)
        self.find_done.set()

    async def on_find_bar_closed(self, message: FindBar.Closed) -> None:
        self.find_open = False
        self.pane.focus()
        await self.pane.find("", -1)
