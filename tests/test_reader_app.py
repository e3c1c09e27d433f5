"""The reader within the app: from the library and back, the command palette, summary."""

from __future__ import annotations

from reflect.app import create_app
from reflect.config import Config
from reflect.screens.pause import PauseScreen
from reflect.screens.reader import ReaderScreen
from reflect.screens.summary import SummaryScreen

from .reader_support import copy_article, reader_of, settle


async def test_q_goes_back_to_the_library_and_the_summary_offers_it_too(
    private_dirs, tmp_path, monkeypatch
):
    monkeypatch.setenv("REFLECT_BUNDLED_DIR", "")
    folder = tmp_path / "shelf"
    copy_article("three-rooms.md", folder)
    app = create_app(folder, private_dirs, config=Config(guided=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        library = app.screen
        app.open_article(folder / "three-rooms.md")
        await pilot.pause()
        reader = reader_of(app)
        await reader.outline_ready.wait()
        await settle(app, pilot)
        await pilot.press("q")
        await settle(app, pilot)
        assert app.screen is library
        assert app.is_running
        app.open_article(folder / "three-rooms.md")
        await pilot.pause()
        reader = reader_of(app)
        await reader.outline_ready.wait()
        await settle(app, pilot)
        await pilot.press("n", "n", "n", "n")
        await settle(app, pilot)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert "back to the library" in str(summary.query_one("#summary-keys").render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("n", "enter")
        await settle(app, pilot)
        assert app.screen is library


async def test_the_palette_offers_every_reader_action(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    app = create_app(article, private_dirs, config=Config())
    async with app.run_test(size=(80, 24)) as pilot:
        reader = reader_of(app)
        await reader.outline_ready.wait()
        await settle(app, pilot)
        for _name, action, _help in ReaderScreen.PALETTE:
            assert hasattr(reader, f"action_{action}")
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"reflect on")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PauseScreen)
        assert reader.section_index == 0
