"""Quitting while the library is still being read keeps what was read.

The scan's thread must not need the screen to find the app: once the app quits
the screen is closed, and a thread that looked the app up through it failed
before saving the article cache, so the next start read every file again.
"""

from __future__ import annotations

import asyncio

from reflect.app import create_app
from reflect.library_cache import ArticleCache
from reflect.paths import Dirs
from reflect.screens.library import LibraryScreen, cache_for
from reflect.store import NotesStore
from tests.library_support import fill_library, isolate, meta_of


async def test_quitting_mid_scan_keeps_the_articles_read_in_the_cache(
    private_dirs: Dirs, monkeypatch
) -> None:
    isolate(monkeypatch)
    dirs = private_dirs
    articles = fill_library(dirs)
    walking = articles["walking-away"]  # the last by name but one, and the only one with notes
    NotesStore(dirs.notes).add(
        "walking-away", meta_of(walking), "walking-away", "Walking Away", "Courage."
    )
    later = dirs.library / "zz-later.md"
    later.write_text("# Later\n\nRead after the walk.\n", encoding="utf-8")
    app = create_app(None, dirs)
    # Held, the store's lock stops the scan at walking-away's notes, after the
    # article itself was read (only the scan's thread reads that far): the app
    # quits with the scan mid-way.
    app.store._lock.acquire()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            while not isinstance(app.screen, LibraryScreen):
                await pilot.pause()
            while cache_for(app).cached(walking, walking.stat()) is None:
                await pilot.pause()  # read by the scan, which now waits for its notes
            await pilot.press("escape")  # quit
            await pilot.pause()
    finally:
        app.store._lock.release()
    # Every worker thread finishes (the scan stops, as the app has quit).
    await asyncio.get_running_loop().shutdown_default_executor()
    on_disk = ArticleCache(dirs.cache)
    assert on_disk.cached(articles["a-quiet-morning"], articles["a-quiet-morning"].stat())
    assert on_disk.cached(walking, walking.stat()) is not None
    assert on_disk.cached(later, later.stat()) is None  # never reached
