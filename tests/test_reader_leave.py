"""Where ``q`` takes the reader: out of the app only from the first screen."""

from __future__ import annotations

from pathlib import Path

from reflect.app import create_app
from reflect.config import Config
from reflect.paths import Dirs
from reflect.screens.journal import JournalScreen
from reflect.screens.reader import ReaderScreen
from reflect.store import NotesStore
from tests.library_support import settle
from tests.reader_support import copy_article, meta_of


async def test_q_in_a_reader_opened_from_the_journal_goes_back(
    tmp_path: Path, private_dirs: Dirs
) -> None:
    article = copy_article("seed", tmp_path / "articles")
    meta = meta_of(article)
    anchor, heading = meta.sections[2]
    NotesStore(private_dirs.notes).add(
        "why-walking-away-can-be-the-kindest-choice", meta, anchor, heading, "kept"
    )
    app = create_app(article, private_dirs, config=Config(guided=False))
    async with app.run_test(size=(100, 30)) as pilot:
        first = app.screen
        assert isinstance(first, ReaderScreen) and first.is_base
        await settle(app, pilot)
        await pilot.press("ctrl+j")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("enter")  # the reflection, in its article at its section
        await settle(app, pilot)
        second = app.screen
        assert isinstance(second, ReaderScreen) and second is not first
        assert not second.is_base
        assert second.sections[second.section_index].anchor == anchor
        await pilot.press("q")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)  # back, not out of the app
        assert app.is_running
        await pilot.press("escape")  # the journal closes: the first reader again
        await settle(app, pilot)
        assert app.screen is first
        await pilot.press("q")  # the first screen: q quits
        await pilot.pause()
    assert app.return_code == 0
