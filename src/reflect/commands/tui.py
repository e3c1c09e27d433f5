"""Starting the TUI: the only command that imports Textual.

The target is checked (and the first pane of a file read) before Textual is
imported, so a mistyped path gets a one-line error instead of a flash of the
app, and the first pane is ready the moment the screen is.  For a big book,
the child process that finds the whole outline is started first of all, so
it parses on another core while this process imports Textual.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from reflect.errors import ReflectError
from reflect.paths import Dirs
from reflect.startup import quick_start

if TYPE_CHECKING:
    from reflect.app import ReflectApp
    from reflect.config import Config


def build_app(target: str | Path | None, dirs: Dirs, *, config: Config | None = None) -> ReflectApp:
    """The app for a target, as ``reflect [PATH]`` starts it (benchmarks start it so too)."""
    path = Path(target) if target is not None else None
    outline = None
    if path is not None:
        if not path.exists():
            raise ReflectError(f"{path}: no such file or folder.")
        if not path.is_dir():
            from reflect.outline_stream import OutlineStream

            outline = OutlineStream(path, spool_dir=dirs.cache).start()
    try:
        with quick_start():
            preview = None
            if outline is not None:  # a file: the reader
                # Read first: a file that cannot be read (binary, empty) is
                # refused in one line before Textual is even imported.
                from reflect.article import preview_article

                preview = preview_article(outline.path)
                if preview.complete and preview.first is None:
                    # Said on the command line, not in a toast over an app that closes at once.
                    raise ReflectError(f"{outline.path}: has no text to read.")
            from reflect.app import create_app

            # The screen it opens is imported now, with the rest (collector off).
            screen = "reader" if outline is not None else "library"
            import_module(f"reflect.screens.{screen}")
            return create_app(path, dirs, preview=preview, config=config, outline=outline)
    except BaseException:
        if outline is not None:
            outline.close()  # a file that cannot be read: no child left behind
        raise


def run_tui(target: str | None, dirs: Dirs) -> int:
    """Open the library (no target or a folder) or the reader (a file)."""
    app = build_app(target, dirs)
    app.run()
    return app.return_code or 0
