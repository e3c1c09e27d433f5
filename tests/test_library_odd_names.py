"""File names and failures the library and journal meet in the wild: a name
that is not UTF-8, a name carrying escape sequences, a journal edit that
cannot be saved.  None may stop the library, reach the terminal, or lose words."""

from __future__ import annotations

import os

import pytest
from textual.widgets import TextArea

from reflect.app import create_app
from reflect.screens.edit_note import EditNoteScreen
from reflect.screens.import_prompt import complete_path
from tests.library_support import (
    fill_library,
    isolate,
    make_dirs,
    open_journal,
    settle,
    write_notes,
)
from tests.test_library_app import titles


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    isolate(monkeypatch)
    return make_dirs(tmp_path)


async def test_a_file_name_that_is_not_utf8_is_listed_and_the_cache_still_kept(dirs):
    dirs.library.mkdir(parents=True)
    (dirs.library / "walking.md").write_text("# Walking Away\n\nSome words.\n", encoding="utf-8")
    with open(os.fsencode(dirs.library) + b"/latin-\xe9t\xe9.md", "wb") as odd:
        odd.write(b"# An Odd Name\n\nBody.\n")
    for start in ("scanned", "from the cache"):
        app = create_app(None, dirs)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert titles(app) == ["An Odd Name", "Walking Away"], start  # sorted by title
            assert not [n for n in app._notifications if n.severity == "error"], start
        assert sorted(p.name for p in dirs.cache.iterdir()) == ["library-head.json", "library.json"]


async def test_a_journal_edit_that_cannot_be_saved_keeps_the_typed_words(tmp_path, monkeypatch):
    isolate(monkeypatch)
    dirs = make_dirs(tmp_path)
    write_notes(dirs, fill_library(dirs))
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        await pilot.press(*"what stays", "ctrl+e")
        await pilot.pause()
        notes = dirs.notes / "walking-away.toml"
        notes.write_bytes(notes.read_bytes() + b"\nnot = = toml\n")  # broken meanwhile, by hand
        await pilot.press("end", *" A careful edit.", "ctrl+s")
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, EditNoteScreen)  # the save failed: back in the editor…
        typed = "What stays is who I became. A careful edit."
        assert editor.query_one(TextArea).text == typed  # …with what was typed, not the old text
        await pilot.press("ctrl+q")
        await pilot.pause()
    (kept,) = dirs.notes.glob("unsaved-*.md")
    assert typed in kept.read_text(encoding="utf-8")
    assert notes.read_bytes().endswith(b"\nnot = = toml\n")  # never written over


def test_path_completion_never_offers_a_name_with_escape_sequences(tmp_path):
    (tmp_path / "\x1b]0;retitled\x07\x1b[2Jzz.txt").write_text("x")
    assert complete_path("\x1b", tmp_path) is None
    (tmp_path / "zz-plain.txt").write_text("x")
    assert complete_path("z", tmp_path) == "zz-plain.txt"
