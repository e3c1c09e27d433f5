"""Quitting the moment the first pane shows must be clean: the notes and
outline threads are still starting, and must not find the app gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.app import create_app
from reflect.article import preview_article
from reflect.paths import Dirs

SEED = (
    Path(__file__).resolve().parents[1]
    / "articles"
    / "why-walking-away-can-be-the-kindest-choice.md"
)


@pytest.mark.parametrize("attempt", range(5))
async def test_quit_as_soon_as_the_first_pane_shows(
    tmp_path: Path, private_dirs: Dirs, attempt: int
) -> None:
    dirs = private_dirs
    app = create_app(SEED, dirs, preview=preview_article(SEED))
    async with app.run_test(size=(80, 24)) as pilot:
        while not hasattr(app.screen, "first_pane_ready"):
            await pilot.pause()
        await app.screen.first_pane_ready.wait()
        await pilot.press("ctrl+q")
    # run_test re-raises a worker's failure here; reaching this line is the test.
    assert app.return_code in (0, None)
