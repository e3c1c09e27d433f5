"""The journal screen: search, open at a section, edit, delete with confirmation, orphans."""

from __future__ import annotations

import tomllib

import pytest
from textual.widgets import TextArea

from reflect.app import create_app
from reflect.journal import ORPHANED_NOTE
from reflect.screens.confirm import ConfirmScreen
from reflect.screens.edit_note import EditNoteScreen
from reflect.screens.journal import JournalScreen
from reflect.widgets.journal_list import JournalList
from tests.library_support import (
    fill_library,
    isolate,
    make_dirs,
    open_journal,
    settle,
    write_notes,
)


@pytest.fixture
def full(tmp_path, monkeypatch):
    isolate(monkeypatch)
    dirs = make_dirs(tmp_path)
    articles = fill_library(dirs)
    write_notes(dirs, articles)
    return dirs, articles


def shown(app) -> list[str]:
    return [e.reflection.text for e in app.screen.query_one(JournalList).entries]


def notes_toml(dirs, ident: str) -> dict:
    return tomllib.loads((dirs.notes / f"{ident}.toml").read_text())


async def test_all_articles_newest_first_and_search_as_you_type(full):
    dirs, _ = full
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        assert shown(app)[0] == "What stays is who I became."
        assert len(shown(app)) == 4
        await pilot.press(*"patience")
        assert shown(app) == ["Patience with water, patience with people."]
        await pilot.press("escape")
        assert len(shown(app)) == 4
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, JournalScreen)


async def test_one_article_by_section_and_toggle(full):
    dirs, articles = full
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot, articles["walking-away"])
        assert shown(app) == [
            "Courage looks quiet sometimes.",
            "Leaving is not failing.\nIt can be the kindest choice.",
            "What stays is who I became.",
        ]
        await pilot.press("ctrl+a")
        assert len(shown(app)) == 4
        await pilot.press("ctrl+a")  # back to the highlighted entry's article
        assert len(shown(app)) == 3


async def test_edit_records_edited_in_the_toml(full):
    dirs, _ = full
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        await pilot.press(*"what stays", "ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, EditNoteScreen)
        await pilot.press("end", *" And who I keep becoming.", "ctrl+s")
        await settle(app, pilot)
        doc = notes_toml(dirs, "walking-away")
        edited = [r for r in doc["reflections"] if r["section"] == "what-stays"]
        assert edited[0]["text"] == "What stays is who I became. And who I keep becoming."
        assert "edited" in edited[0]
        assert shown(app) == ["What stays is who I became. And who I keep becoming."]


async def test_escape_in_the_editor_keeps_changes_and_no_change_writes_nothing(full):
    dirs, _ = full
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        before = (dirs.notes / "a-quiet-morning.toml").read_bytes()
        await pilot.press(*"kettle", "ctrl+e")
        await pilot.pause()
        await pilot.press("escape")
        await settle(app, pilot)
        assert (dirs.notes / "a-quiet-morning.toml").read_bytes() == before
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "Rewritten."
        await pilot.press("escape")
        await settle(app, pilot)
        doc = notes_toml(dirs, "a-quiet-morning")
        assert doc["reflections"][0]["text"] == "Rewritten."


async def test_delete_needs_confirmation_and_no_keeps_it(full):
    dirs, _ = full
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        await pilot.press(*"kettle", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focused button is "Keep"
        await settle(app, pilot)
        assert len(notes_toml(dirs, "a-quiet-morning")["reflections"]) == 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("n")
        await settle(app, pilot)
        assert len(notes_toml(dirs, "a-quiet-morning")["reflections"]) == 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert notes_toml(dirs, "a-quiet-morning").get("reflections", []) == []
        assert shown(app) == []


async def test_orphaned_notes_are_shown_as_such(full):
    dirs, articles = full
    path = articles["walking-away"]
    path.write_text(path.read_text().replace("## What Stays", "## Everything Else Entirely"))
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot, path)
        entries = app.screen.query_one(JournalList).entries
        assert entries[-1].orphaned and entries[-1].reflection.text == "What stays is who I became."
        assert ORPHANED_NOTE in app.export_screenshot().replace("&#160;", " ")


async def test_open_a_reflection_at_its_section(full):
    dirs, articles = full
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot, articles["walking-away"])
        await pilot.press(*"kindest", "enter")
        await settle(app, pilot)
        from reflect.screens.reader import ReaderScreen

        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.sections[reader.section_index].anchor == "leaving-can-be-a-gift"
        await pilot.press("q")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)


async def test_a_missing_article_is_said_not_opened(full):
    dirs, articles = full
    articles["a-quiet-morning"].unlink()
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        await pilot.press(*"kettle", "enter")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert any("no longer where it was" in n.message for n in app._notifications)


async def test_empty_journal_is_friendly(tmp_path, monkeypatch):
    isolate(monkeypatch)
    app = create_app(None, make_dirs(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        assert app.screen.query_one("#journal-empty").display
        assert "No reflections yet" in str(app.screen.query_one("#journal-empty").render())


async def test_the_palette_opens_the_journal_from_the_reader_on_its_article(full):
    dirs, articles = full
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_article(articles["walking-away"])
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"journal")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert screen.article_id == "walking-away"
        assert len(shown(app)) == 3


async def test_the_library_palette_offers_its_actions(full):
    dirs, _ = full
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"sort by reflections")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.sort_by == "reflections"


async def test_hostile_notes_are_text_and_a_broken_notes_file_is_said(full):
    dirs, articles = full
    from reflect.store import NotesStore
    from tests.library_support import at, meta_of

    store = NotesStore(dirs.notes)
    hostile = "[@click=app.quit]quit[/] \x1b]52;c;aGk=\x07[b]not bold[/b]"
    store.add(
        "notes-on-attention",
        meta_of(articles["notes-on-attention"]),
        "coda",
        "Coda",
        hostile,
        now=at("2026-11-26T12:00:00"),
    )
    (dirs.notes / "broken.toml").write_text("this is = = not toml\n")
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        assert app.is_running
        svg = app.export_screenshot().replace("&#160;", " ")
        assert "[@click=app.quit]quit[/]" in svg
        assert "\x1b" not in svg
        assert any("broken.toml" in n.message for n in app._notifications)


async def test_ctrl_j_in_the_reader_opens_that_articles_journal_and_escape_returns(full):
    dirs, articles = full
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_article(articles["walking-away"])
        await settle(app, pilot)
        reader = app.screen
        await pilot.press("ctrl+j")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        assert app.screen.article_id == "walking-away"
        assert len(shown(app)) == 3
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is reader
