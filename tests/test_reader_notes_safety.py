"""Nothing typed is lost: read-only notes files stay untouched, failed saves keep the text."""

from __future__ import annotations

from reflect.screens.pause import PauseScreen

from .reader_support import copy_article, notes_file, reading, settle


async def test_a_broken_notes_file_is_read_only_and_never_written(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    path = notes_file(private_dirs, article)
    path.parent.mkdir(parents=True)
    original = b'schema = 1\n[article\ntitle = "broken by hand"\n'
    path.write_bytes(original)
    async with reading(article, private_dirs) as (app, pilot, reader):
        notice = app.screen.query_one("#notice")
        assert notice.display
        assert str(path) in str(notice.render())
        await pilot.press("n", *"still mine", "ctrl+s")
        await settle(app, pilot)
        assert reader.section_index == 1
        assert reader.unsaved == {0: "still mine"}
        assert any("Not saved" in n.message for n in app._notifications)
        # The text is offered again with r on that section.
        await pilot.press("p", "r")
        assert app.screen.query_one("#editor").text == "still mine"
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert path.read_bytes() == original


async def test_a_newer_schema_is_left_byte_identical(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    path = notes_file(private_dirs, article)
    path.parent.mkdir(parents=True)
    original = b'schema = 99\n\n[article]\nposition = "the-third-room"\n'
    path.write_bytes(original)
    async with reading(article, private_dirs) as (_app, pilot, _reader):
        await pilot.press("n", "n", *"x", "escape", "q")
        await pilot.pause()
    assert path.read_bytes() == original


async def test_a_failed_save_is_shown_and_the_text_kept(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        private_dirs.notes.parent.mkdir(parents=True, exist_ok=True)
        private_dirs.notes.write_text("not a folder")  # from now on every save fails
        await pilot.press("n", *"precious", "ctrl+s")
        await settle(app, pilot)
        assert reader.unsaved == {0: "precious"}
        assert any("not saved" in n.message for n in app._notifications), [
            n.message for n in app._notifications
        ]
        await pilot.press("p", "r")
        editor = app.screen
        assert isinstance(editor, PauseScreen)
        assert editor.query_one("#editor").text == "precious"


async def test_quitting_while_a_save_is_in_flight_keeps_it_once(private_dirs, tmp_path):
    import time

    from .reader_support import read_notes

    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (_app, pilot, reader):
        await pilot.press("n", *"first", "ctrl+s", "n", *"second")
        started = time.monotonic()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert time.monotonic() - started < 5
    texts = sorted(e["text"] for e in read_notes(private_dirs, article)["reflections"])
    assert texts == ["first", "second"]
    assert reader.unsaved == {}
