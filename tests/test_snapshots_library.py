"""SVG snapshots of the library and the journal at 80x24, dark and light.

Deterministic: "today" is fixed (``REFLECT_TODAY``), notes are written at
fixed times (midday UTC, the same date in any time zone), bundled articles are
hidden, and every screen is taken after its workers finished.  Update with
``pytest tests/test_snapshots_library.py --snapshot-update`` and look at the
report before accepting.
"""

from __future__ import annotations

import pytest

from reflect.app import create_app
from tests.library_support import fill_library, isolate, make_dirs, write_notes

THEMES = ["textual-dark", "textual-light"]


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    isolate(monkeypatch)
    return make_dirs(tmp_path)


@pytest.fixture
def full(dirs):
    write_notes(dirs, fill_library(dirs))
    return dirs


def settled(theme: str, *keys: str):
    """A ``run_before`` that sets the theme, presses ``keys`` and waits for every worker."""

    async def run_before(pilot) -> None:
        app = pilot.app
        app.theme = theme
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
            for _ in range(2):
                await app.workers.wait_for_complete()
                await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", THEMES)
def test_library_with_on_this_day(snap_compare, full, theme):
    """The full library: a hostile title shown as text, an unreadable file, and
    the on-this-day strip (a reflection written a year ago today)."""
    assert snap_compare(create_app(None, full), run_before=settled(theme))


@pytest.mark.parametrize("theme", THEMES)
def test_library_filtered(snap_compare, full, theme):
    assert snap_compare(create_app(None, full), run_before=settled(theme, *"walk"))


@pytest.mark.parametrize("theme", THEMES)
def test_library_empty(snap_compare, dirs, theme):
    assert snap_compare(create_app(None, dirs), run_before=settled(theme))


@pytest.mark.parametrize("theme", THEMES)
def test_journal_all_articles(snap_compare, full, theme):
    assert snap_compare(create_app(None, full), run_before=settled(theme, "ctrl+j"))


@pytest.mark.parametrize("theme", THEMES)
def test_journal_one_article_by_section(snap_compare, full, theme):
    """Walking Away by section, one note orphaned by a renamed heading."""
    path = full.library / "walking-away.md"
    path.write_text(path.read_text().replace("## What Stays", "## Everything Else Entirely"))
    settle = settled(theme)

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.open_journal(path)
        await settle(pilot)

    assert snap_compare(create_app(None, full), run_before=run_before)
