"""A note keeps whatever bytes were typed or piped into it (DESIGN: exact round
trip), but an editor never hands escape sequences to the terminal, and merely
opening and closing it changes nothing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from reflect.app import create_app
from reflect.paths import Dirs
from reflect.screens.edit_note import EditNoteScreen
from tests.library_support import open_journal, post_with_note

HOSTILE = "before \x1b]0;pwned-title\x07\x1b[2J after"


async def test_journal_editor_shows_a_hostile_note_cleaned_and_leaves_it_alone(
    tmp_path: Path, private_dirs: Dirs
) -> None:
    dirs = private_dirs
    post_with_note(tmp_path / "library", dirs, HOSTILE)
    before = (dirs.notes / "post.toml").read_bytes()
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        await pilot.press("ctrl+e")
        while not isinstance(app.screen, EditNoteScreen):
            await pilot.pause()
        shown = app.screen.query_one(TextArea).text
        assert "\x1b" not in shown and "\x07" not in shown
        assert shown.startswith("before ") and shown.endswith(" after")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (dirs.notes / "post.toml").read_bytes() == before
