"""A key pressed the moment an article opens, before its notes file is read,
still shows the section's earlier entries: the editor waits for the notes."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from reflect.app import create_app
from reflect.article import preview_article
from reflect.config import Config
from reflect.paths import Dirs
from reflect.screens.pause import PauseScreen
from reflect.store import NotesStore
from tests.reader_support import copy_article, meta_of, notes_file, read_notes


async def test_the_pause_waits_for_the_notes_file(tmp_path: Path, private_dirs: Dirs) -> None:
    article = copy_article("seed", tmp_path / "articles")
    meta = meta_of(article)
    first = meta.sections[0][0]
    # The earlier note, written as a real notes file would be...
    elsewhere = Dirs(
        notes=tmp_path / "elsewhere", library=tmp_path, config=tmp_path, cache=tmp_path
    )
    NotesStore(elsewhere.notes).add("x", meta, first, meta.sections[0][1], "from last month")
    content = (elsewhere.notes / "x.toml").read_bytes()
    # ...reaches the reader only when the test says so: its notes file is a pipe.
    private_dirs.notes.mkdir(parents=True, mode=0o700)
    pipe = notes_file(private_dirs, article)
    os.mkfifo(pipe, 0o600)

    app = create_app(
        article, private_dirs, preview=preview_article(article), config=Config(guided=True)
    )

    def write() -> None:
        with open(pipe, "wb") as fifo:
            fifo.write(content)

    writer = threading.Thread(target=write)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.screen
        try:
            await reader.first_pane_ready.wait()
            await pilot.press("n")  # guided: the pause for the first section...
            await pilot.pause()
            assert not isinstance(app.screen, PauseScreen)  # ...waits for the notes
            assert not reader.notes_known
        finally:
            writer.start()  # (also on failure: the notes thread must not hang)
        while not isinstance(app.screen, PauseScreen):
            await pilot.pause()
        writer.join()
        shown = [str(entry.render()) for entry in app.screen.query(".entry")]
        assert any("from last month" in text for text in shown)
        await pilot.press("n", "o", "w")
        await pilot.press("ctrl+s")
        while reader.section_index != 1:
            await pilot.pause()
        await app.workers.wait_for_complete()
    texts = [r["text"] for r in read_notes(private_dirs, article)["reflections"]]
    assert texts == ["from last month", "now"]
