"""A key pressed the moment an article opens, before its notes file is read,
still shows the section's earlier entries: the editor waits for the notes."""

from __future__ import annotations

from pathlib import Path

from reflect.app import create_app
from reflect.article import preview_article
from reflect.config import Config
from reflect.paths import Dirs
from reflect.screens.pause import PauseScreen
from reflect.store import NotesStore
from tests.reader_support import copy_article, meta_of, read_notes


async def test_the_pause_waits_for_the_notes_file(tmp_path: Path, private_dirs: Dirs) -> None:
    article = copy_article("seed", tmp_path / "articles")
    meta = meta_of(article)
    anchor, heading = meta.sections[0]
    NotesStore(private_dirs.notes).add(
        "why-walking-away-can-be-the-kindest-choice", meta, anchor, heading, "from last month"
    )
    app = create_app(
        article, private_dirs, preview=preview_article(article), config=Config(guided=True)
    )
    # Held, the store's lock keeps the notes file from being read until the test
    # says so (the reader reads it in a worker thread, which waits for the lock).
    app.store._lock.acquire()
    held = True
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            reader = app.screen
            await reader.first_pane_ready.wait()
            await pilot.press("n")  # guided: the pause for the first section...
            await pilot.pause()
            assert not isinstance(app.screen, PauseScreen)  # ...waits for the notes
            assert not reader.notes_known
            app.store._lock.release()
            held = False
            while not isinstance(app.screen, PauseScreen):
                await pilot.pause()
            shown = [str(entry.render()) for entry in app.screen.query(".entry")]
            assert any("from last month" in text for text in shown)
            await pilot.press("n", "o", "w")
            await pilot.press("ctrl+s")
            while reader.section_index != 1:
                await pilot.pause()
            await app.workers.wait_for_complete()
    finally:
        if held:
            app.store._lock.release()
    texts = [r["text"] for r in read_notes(private_dirs, article)["reflections"]]
    assert texts == ["from last month", "now"]
