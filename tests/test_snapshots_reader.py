"""SVG snapshots of the reader, the pause (with an earlier entry) and help, at 80x24.

Deterministic: the seed article, notes written at fixed times, no cursor blink
(the editor's is off), no clocks, and each snapshot taken once the outline and
the notes are in.  Update with ``pytest --snapshot-update`` after a deliberate
change of look, and look at the pictures before committing them.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from reflect.app import create_app
from reflect.config import Config
from reflect.store import NotesStore

from .reader_support import SEED, meta_of, reader_of, settle

THEMES = ["textual-dark", "textual-light"]


def seed_app(dirs, tmp_path, theme: str, *, notes: bool = False):
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    article = folder / SEED.name
    shutil.copyfile(SEED, article)
    if notes:
        NotesStore(dirs.notes).add(
            "why-walking-away-can-be-the-kindest-choice",
            meta_of(article),
            "love-shouldnt-require-losing-yourself",
            "💔 Love Shouldn’t Require Losing Yourself",
            "I used to shrink to keep the peace.\nNot any more [really].",
            now=datetime(2026, 10, 3, 12, 0, tzinfo=UTC),
        )
    return create_app(article, dirs, config=Config(theme=theme, guided=True))


def ready(*keys: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        reader = reader_of(app)
        await reader.first_pane_ready.wait()
        await reader.outline_ready.wait()
        await settle(app, pilot)
        if keys:
            await pilot.press(*keys)
            await settle(app, pilot)

    return run_before


@pytest.mark.parametrize("theme", THEMES)
def test_reader(snap_compare, private_dirs, tmp_path, theme):
    app = seed_app(private_dirs, tmp_path, theme)

    async def run_before(pilot) -> None:
        await ready()(pilot)
        reader_of(pilot.app).go_to(2)
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_pause_with_an_earlier_entry(snap_compare, private_dirs, tmp_path, theme):
    app = seed_app(private_dirs, tmp_path, theme, notes=True)

    async def run_before(pilot) -> None:
        await ready()(pilot)
        reader = reader_of(pilot.app)
        reader.go_to(1)
        await settle(pilot.app, pilot)
        await pilot.press("n", *"Leaving can be kind.")
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_help(snap_compare, private_dirs, tmp_path, theme):
    app = seed_app(private_dirs, tmp_path, theme)
    assert snap_compare(app, terminal_size=(80, 24), run_before=ready("question_mark"))
