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
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer, TextArea


def forget_closed_watchers(watched: Any) -> None:
    """Drop the watchers on ``watched`` whose node has closed (or is closing)."""
    watchers = getattr(watched, "__watchers", None)  # where Textual keeps them
    if not isinstance(watchers, dict):
        return
    for pairs in watchers.values():
        pairs[:] = [pair for pair in pairs if not (pair[0]._closed or pair[0]._closing)]


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
