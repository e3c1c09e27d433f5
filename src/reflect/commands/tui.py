"""Starting the TUI: the only command that imports Textual.

The target is checked (and the first pane of a file read) before Textual is
imported, so a mistyped path gets a one-line error instead of a flash of the
app, and the first pane is ready the moment the screen is.
"""

from __future__ import annotations

from pathlib import Path

from reflect.errors import ReflectError
from reflect.paths import Dirs
from reflect.startup import quick_start


def run_tui(target: str | None, dirs: Dirs) -> int:
    """Open the library (no target or a folder) or the reader (a file)."""
    path = Path(target) if target is not None else None
    with quick_start():
        preview = None
        if path is not None:
            if not path.exists():
                raise ReflectError(f"{path}: no such file or folder.")
            if not path.is_dir():
                from reflect.article import preview_article

                preview = preview_article(path)
        from reflect.app import create_app

        app = create_app(path, dirs, preview=preview)
    app.run()
    return 0
