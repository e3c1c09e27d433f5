"""A long reading session does not keep what it no longer shows: every pause
opened and closed used to keep its editor and two footers' worth of keys, and
Textual's memo of style pairs kept every closed widget's rendered lines."""

from __future__ import annotations

import gc
import time
import weakref
from pathlib import Path

from textual.widgets import TextArea
from textual.widgets._footer import FooterKey

from reflect.app import create_app
from reflect.config import Config
from reflect.paths import Dirs
from reflect.screens.pause import PauseScreen
from tests.reader_support import copy_article


async def test_pauses_opened_and_closed_leave_nothing_behind(
    tmp_path: Path, private_dirs: Dirs
) -> None:
    article = copy_article("seed", tmp_path / "articles")
    app = create_app(article, private_dirs, config=Config(guided=False))
    editors: list[weakref.ref[TextArea]] = []
    keys: list[weakref.ref[FooterKey]] = []
    styles: list[weakref.ref[object]] = []  # each widget's cache of rendered lines
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.screen
        await reader.outline_ready.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reader.query(FooterKey)
        for _ in range(12):
            keys += [weakref.ref(key) for key in reader.query(FooterKey)]
            await pilot.press("r")
            while not isinstance(app.screen, PauseScreen):
                await pilot.pause()
            editors.append(weakref.ref(app.screen.query_one(TextArea)))
            await pilot.pause()  # drawn: its widgets' line caches are filled
            styles += [weakref.ref(w._styles_cache) for w in app.screen.query("*")]
            await pilot.press("escape")
            while app.screen is not reader:
                await pilot.pause()
        await pilot.pause()
        gc.collect()
        assert [ref() for ref in editors if ref() is not None] == []
        shown = set(reader.query(FooterKey))
        assert [ref() for ref in keys if ref() is not None and ref() not in shown] == []
        assert [ref() for ref in styles if ref() is not None] == []


async def test_a_closed_pause_is_freed_once_the_reader_is_painted(
    tmp_path: Path, private_dirs: Dirs
) -> None:
    """Its widgets hold each other in cycles, which only a collection frees:
    the app collects when a screen closes, rather than let them pile up until
    the collector next gets round to a full pass.  Automatic collection is off
    here, so only the app's own collection can free it."""
    article = copy_article("seed", tmp_path / "articles")
    app = create_app(article, private_dirs, config=Config(guided=False))
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            reader = app.screen
            await reader.outline_ready.wait()
            await pilot.press("r")
            while not isinstance(app.screen, PauseScreen):
                await pilot.pause()
            pause = weakref.ref(app.screen)
            await pilot.press("escape")
            while app.screen is not reader:
                await pilot.pause()
            deadline = time.monotonic() + 5  # it is due in a fraction of a second
            while pause() is not None and time.monotonic() < deadline:
                await pilot.pause()
            assert pause() is None
    finally:
        if was_enabled:
            gc.enable()
