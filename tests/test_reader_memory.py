"""A long reading session does not keep what it no longer shows: every pause
opened and closed used to keep its editor and two footers' worth of keys."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.widgets import TextArea
from textual.widgets._footer import FooterKey

from reflect.app import create_app
from reflect.config import Config
from reflect.paths import Dirs
from reflect.screens.pause import PauseScreen
from tests.reader_support import copy_article


def alive(kind: type) -> list[object]:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, kind)]


async def test_pauses_opened_and_closed_leave_nothing_behind(
    tmp_path: Path, private_dirs: Dirs
) -> None:
    article = copy_article("seed", tmp_path / "articles")
    app = create_app(article, private_dirs, config=Config(guided=False))
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.screen
        await reader.outline_ready.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        keys_shown = len(reader.query(FooterKey))
        assert keys_shown > 0
        for _ in range(12):
            await pilot.press("r")
            while not isinstance(app.screen, PauseScreen):
                await pilot.pause()
            await pilot.press("escape")
            while app.screen is not reader:
                await pilot.pause()
        await pilot.pause()
        assert alive(TextArea) == []
        assert len(alive(FooterKey)) == len(reader.query(FooterKey)) == keys_shown
