"""Worker threads telling the UI thread what they found.

Workers are handed the app from the UI thread (never ``self.app`` looked up
in the thread: a screen closed meanwhile, by a quit or a quick escape, no
longer finds it there), and a quit must not turn the rest of their work into
an error: the scan still saves what it read, a failed edit is still kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App


def from_thread(
    app: App[object], callback: Callable[..., object], *args: Any, **kwargs: Any
) -> bool:
    """Run ``callback`` on the UI thread from a worker; ``False`` if the app has gone.

    A ``RuntimeError`` of the callback's own, while the app runs, is raised as
    any other error would be: only a stopped app counts as gone.
    """
    if not app.is_running:
        return False
    try:
        app.call_from_thread(callback, *args, **kwargs)
    except RuntimeError:
        if app.is_running:
            raise
        return False
    return True
