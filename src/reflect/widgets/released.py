"""Textual widgets that let go of what they no longer show.

In Textual 8.2, ``watch()`` and ``data_bind()`` leave a ``(node, callback)``
pair on the watched object, and pairs of closed nodes are only dropped when
that value next changes.  Two of them add up in reflect:

* a TextArea watches the app's ``theme``: every pause or edit opened and
  closed kept its editor (document, styles, caches) for good;
* each FooterKey is bound to its Footer's ``compact``, and the footer is
  rebuilt whenever its screen comes back to the top: every pause opened
  and closed kept two footers' worth of keys.

About half a megabyte a pause, never returned.  These subclasses drop the
pairs of closed nodes themselves.

And Textual memoizes ``StylesCache.get_inner_outer`` with an ``lru_cache``
on the method, so its keys keep up to 1,024 closed widgets' style caches, and
every line they rendered, alive: about 9 MB after forty pauses.  Screens call
:func:`forget_closed_screen` as they close, which empties that memo and has
the cycle collector free the screen's widgets soon after.
"""

from __future__ import annotations

import asyncio
import gc
from contextvars import Context
from typing import Any

from textual.widgets import Footer, TextArea


def forget_closed_watchers(watched: Any) -> None:
    """Drop the watchers on ``watched`` whose node has closed (or is closing)."""
    watchers = getattr(watched, "__watchers", None)  # where Textual keeps them
    if not isinstance(watchers, dict):
        return
    for pairs in watchers.values():
        pairs[:] = [pair for pair in pairs if not (pair[0]._closed or pair[0]._closing)]


def forget_closed_styles() -> None:
    """Empty Textual's memo of style pairs, which holds closed widgets' caches
    (live widgets fill it again on the next frame, at a negligible cost)."""
    from textual._styles_cache import StylesCache

    clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if clear is not None:
        clear()


COLLECT_AFTER = 0.2
"""Seconds from a screen closing to the collection that frees it."""


def forget_closed_screen() -> None:
    """What a screen calls as it closes, to give back what it held.

    Its widgets are linked to each other (parent, children, message queues),
    so only the cycle collector frees them, and with start-up's objects
    frozen it may not run a full collection for many screens: a pause
    opened and closed seven times left about 3 MB of them waiting.  So one
    full collection (about 6 ms) runs a moment later, once Textual has let
    go of the screen (it still holds it for a few frames after this).
    """
    forget_closed_styles()
    # In a context of its own: the one it is called in (this screen's handler)
    # names the screen, and would keep it alive through its own collection.
    asyncio.get_running_loop().call_later(COLLECT_AFTER, gc.collect, context=Context())


class NoteEditor(TextArea):
    """The editor of the pause and the journal: unwatches the app when it closes."""

    def on_unmount(self) -> None:
        watchers = getattr(self.app, "__watchers", None)
        if isinstance(watchers, dict):
            for pairs in watchers.values():
                pairs[:] = [pair for pair in pairs if pair[0] is not self]


class KeysFooter(Footer):
    """The key footer: drops the bindings of its old keys when it is rebuilt."""

    async def recompose(self) -> None:
        await super().recompose()
        forget_closed_watchers(self)
