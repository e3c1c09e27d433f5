"""``r`` while that section's note is still being saved: the note is saved once.

The race is made certain, not hoped for: the test holds the notes file's
writers' lock (as a second reflect saving the same article would), so the
first save is still waiting in its worker thread when the editor is opened
again.  Then the lock is let go and the file must hold exactly the notes the
reader meant: never the same note twice, never a word lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reflect import store_io
from reflect.app import ReflectApp
from reflect.paths import Dirs
from reflect.screens.pause import PauseScreen
from reflect.screens.reader import ReaderScreen
from reflect.slugs import article_id
from reflect.store import NotesStore, Reflection

from .reader_support import copy_article, reading, settle


def saved(dirs: Dirs, article: Path) -> list[Reflection]:
    """The reflections in the notes file, as the store reads them back."""
    return NotesStore(dirs.notes).load(article_id(article.name)).reflections


async def editor_open(app: ReflectApp, pilot: Pilot[None], *keys: str) -> PauseScreen:
    """Press ``keys`` and wait for the note editor they open."""
    await pilot.press(*keys)
    while not isinstance(app.screen, PauseScreen):
        await pilot.pause()
    return app.screen


async def first_save_held(
    app: ReflectApp, pilot: Pilot[None], reader: ReaderScreen, dirs: Dirs, article: Path
) -> None:
    """``r``, "first", ``ctrl+s``: that save is now waiting for the lock the test holds."""
    await editor_open(app, pilot, "r")
    await pilot.press(*"first", "ctrl+s")
    while isinstance(app.screen, PauseScreen):
        await pilot.pause()
    assert reader.unsaved == {0: "first"}  # not in the store yet
    assert saved(dirs, article) == []


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["ctrl+s"], ["first"]),
        (["escape"], ["first"]),
        (["end", *" and more", "ctrl+s"], ["first and more"]),
        (["end", *" and more", "escape"], ["first and more"]),
        (["f7", "backspace", "escape"], ["first"]),  # cleared: r never deletes a note
    ],
    ids=["save-unchanged", "escape-unchanged", "save-changed", "escape-changed", "cleared"],
)
async def test_r_during_the_save_edits_the_note_being_saved(
    private_dirs: Dirs, tmp_path: Path, keys: Sequence[str], expected: list[str]
) -> None:
    article = copy_article("three-rooms.md", tmp_path / "articles")
    lock = NotesStore(private_dirs.notes).path_for(article_id(article.name))
    async with reading(article, private_dirs) as (app, pilot, reader):
        with store_io.locked(lock):
            await first_save_held(app, pilot, reader, private_dirs, article)
            editor = await editor_open(app, pilot, "r")
            assert editor.query_one("#editor").text == "first"  # the note being saved
            await pilot.press(*keys)
            while isinstance(app.screen, PauseScreen):
                await pilot.pause()
        await settle(app, pilot)
        assert reader.unsaved == {}
        assert [r.text for r in reader.mine.values()] == expected
    notes = saved(private_dirs, article)
    assert [r.text for r in notes] == expected
    assert (notes[0].edited is not None) == (expected != ["first"])


async def test_r_again_and_again_while_saves_queue_up_keeps_one_note(
    private_dirs: Dirs, tmp_path: Path
) -> None:
    article = copy_article("three-rooms.md", tmp_path / "articles")
    lock = NotesStore(private_dirs.notes).path_for(article_id(article.name))
    async with reading(article, private_dirs) as (app, pilot, reader):
        with store_io.locked(lock):
            await first_save_held(app, pilot, reader, private_dirs, article)
            for word in ("second", "third"):
                editor = await editor_open(app, pilot, "r")
                await pilot.press("end", *f" {word}", "ctrl+s")
                while app.screen is editor:
                    await pilot.pause()
            editor = await editor_open(app, pilot, "r")
            assert editor.query_one("#editor").text == "first second third"
            await pilot.press("escape")
        await settle(app, pilot)
    assert [r.text for r in saved(private_dirs, article)] == ["first second third"]


async def test_the_pause_during_the_save_continues_the_note_being_saved(
    private_dirs: Dirs, tmp_path: Path
) -> None:
    """``n`` right after ``r``: the pause shows the note on its way (as ``r`` does), so
    going on without a change saves it once, and words added go into that note."""
    article = copy_article("three-rooms.md", tmp_path / "articles")
    lock = NotesStore(private_dirs.notes).path_for(article_id(article.name))
    async with reading(article, private_dirs) as (app, pilot, reader):
        with store_io.locked(lock):
            await first_save_held(app, pilot, reader, private_dirs, article)
            pause = await editor_open(app, pilot, "n")
            assert pause.query_one("#editor").text == "first"
            await pilot.press("escape")  # unchanged: go on
            while isinstance(app.screen, PauseScreen):
                await pilot.pause()
            assert reader.section_index == 1
            await pilot.press("p")
            await editor_open(app, pilot, "r")
            await pilot.press("end", *", then second thoughts", "ctrl+s")
            while isinstance(app.screen, PauseScreen):
                await pilot.pause()
        await settle(app, pilot)
    assert [r.text for r in saved(private_dirs, article)] == ["first, then second thoughts"]


async def test_a_note_whose_save_failed_is_continued_not_lost(
    private_dirs: Dirs, tmp_path: Path
) -> None:
    """The save being continued fails (the file was broken by hand meanwhile): the
    newer text is what is kept, once, offered again with ``r``."""
    article = copy_article("three-rooms.md", tmp_path / "articles")
    lock = NotesStore(private_dirs.notes).path_for(article_id(article.name))
    async with reading(article, private_dirs) as (app, pilot, reader):
        with store_io.locked(lock):
            await first_save_held(app, pilot, reader, private_dirs, article)
            lock.write_text("schema = 1\n[article\n", encoding="utf-8")  # broken meanwhile
            await editor_open(app, pilot, "r")
            await pilot.press("end", *" and more", "ctrl+s")
            while isinstance(app.screen, PauseScreen):
                await pilot.pause()
        await settle(app, pilot)
        assert reader.unsaved == {0: "first and more"}
        editor = await editor_open(app, pilot, "r")
        assert editor.query_one("#editor").text == "first and more"


async def test_ctrl_q_with_the_editor_reopened_during_the_save_saves_once(
    private_dirs: Dirs, tmp_path: Path
) -> None:
    article = copy_article("three-rooms.md", tmp_path / "articles")
    lock = NotesStore(private_dirs.notes).path_for(article_id(article.name))
    async with reading(article, private_dirs) as (app, pilot, reader):
        with store_io.locked(lock):
            await first_save_held(app, pilot, reader, private_dirs, article)
            await editor_open(app, pilot, "r")
            await pilot.press("end", *" and more")
        # ctrl+q waits for the first save (now free to finish), then saves the editor.
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert [r.text for r in saved(private_dirs, article)] == ["first and more"]


async def test_ctrl_q_with_the_unchanged_editor_reopened_during_the_save_saves_once(
    private_dirs: Dirs, tmp_path: Path
) -> None:
    article = copy_article("three-rooms.md", tmp_path / "articles")
    lock = NotesStore(private_dirs.notes).path_for(article_id(article.name))
    async with reading(article, private_dirs) as (app, pilot, reader):
        with store_io.locked(lock):
            await first_save_held(app, pilot, reader, private_dirs, article)
            await editor_open(app, pilot, "r")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert [r.text for r in saved(private_dirs, article)] == ["first"]
