"""The library screen, driven as a reader drives it (Pilot, tmp folders, no mocks)."""

from __future__ import annotations

import pytest

from reflect.app import create_app
from reflect.screens.library import LibraryScreen
from reflect.widgets.library_table import LibraryTable
from tests.library_support import fill_library, isolate, make_dirs, write_notes


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    isolate(monkeypatch)
    return make_dirs(tmp_path)


@pytest.fixture
def full(dirs):
    articles = fill_library(dirs)
    write_notes(dirs, articles)
    return dirs


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def titles(app) -> list[str]:
    table = app.screen.query_one(LibraryTable)
    return [table.row_text(i).plain.split("  ")[0].strip() for i in range(table.row_count)]


def row(app, path) -> list[str]:
    """The row's cells as shown, split on the gaps between columns."""
    table = app.screen.query_one(LibraryTable)
    index = [e.path for e in table.entries].index(path)
    return [cell.strip() for cell in table.row_text(index).plain.split("  ") if cell.strip()]


def library(app) -> LibraryScreen:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


async def test_lists_articles_by_title_with_unreadable_last(full):
    app = create_app(None, full)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        rows = titles(app)
        assert rows[1:4] == ["A Quiet Morning", "Notes on Attention", "Walking Away"]
        assert rows[0].startswith("[@click=app.quit]x[/] y")  # brackets are text
        assert rows[-1] == "broken.txt"
        broken = row(app, full.library.resolve() / "broken.txt")
        assert "binary" in broken[1]
        walking = row(app, full.library.resolve() / "walking-away.md")
        assert walking == ["Walking Away", "75", "1 min", "3 / 4", "yesterday"]


async def test_typing_filters_and_escape_clears_then_quits(full):
    app = create_app(None, full)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"quiet")
        assert titles(app) == ["A Quiet Morning"]
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        assert len(titles(app)) == 5
        await pilot.press(*"no match at all")
        assert titles(app) == []
        assert "no match" in str(app.screen.query_one("#filter-status").render())
        await pilot.press("escape")
        assert library(app).filter_text == ""
        assert len(titles(app)) == 5
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_sort_by_last_opened_and_by_reflections(full):
    app = create_app(None, full)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        assert titles(app)[:2] == ["A Quiet Morning", "Walking Away"]
        await pilot.press("ctrl+r")
        assert titles(app)[:2] == ["Walking Away", "A Quiet Morning"]
        assert "by reflections" in str(app.screen.query_one("#filter-status").render())
        await pilot.press("ctrl+t")
        assert titles(app)[1] == "A Quiet Morning"


async def test_open_an_article_and_come_back_with_the_row_updated(full):
    app = create_app(None, full)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"attention")
        path = full.library.resolve() / "notes-on-attention.md"
        assert row(app, path)[-1] == "—"
        await pilot.press("enter")
        await settle(app, pilot)
        from reflect.screens.reader import ReaderScreen

        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
        await settle(app, pilot)
        screen = library(app)
        entry = screen.entries[full.library.resolve() / "notes-on-attention.md"]
        assert entry.opened is not None
        assert row(app, path)[-1] != "—"


async def test_empty_library_says_how_to_add_articles(dirs):
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        empty = app.screen.query_one("#library-empty")
        assert empty.display
        assert "reflect import FILE" in str(empty.render())
        assert not app.screen.query_one(LibraryTable).display


async def test_import_through_the_prompt_with_completion(dirs, tmp_path):
    source_dir = tmp_path / "downloads"
    source_dir.mkdir()
    (source_dir / "a-long-essay.md").write_text("# A Long Essay\n\nWords to read.\n")
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+a")
        await pilot.pause()
        from reflect.screens.import_prompt import ImportPrompt

        assert isinstance(app.screen, ImportPrompt)
        await pilot.press(*f"{tmp_path}/down")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        await pilot.press(*"a-")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        from textual.widgets import Input

        assert app.screen.query_one(Input).value == f"{tmp_path}/downloads/a-long-essay.md"
        await pilot.press("enter")
        await settle(app, pilot)
        assert titles(app) == ["A Long Essay"]
        assert (dirs.library / "a-long-essay.md").is_file()
        assert not app.screen.query_one("#library-empty").display


async def test_a_failed_import_is_one_notification_and_nothing_changes(dirs, tmp_path):
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+a")
        await pilot.pause()
        await pilot.press(*str(tmp_path / "missing.txt"), "enter")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("no such file" in m and "\n" not in m for m in messages)
        assert titles(app) == []


async def test_hostile_titles_are_text_and_run_no_action(full):
    app = create_app(None, full)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down")
        await pilot.click(LibraryTable, offset=(5, 0))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(LibraryTable).cursor == 0
        svg = app.export_screenshot()
        assert "[@click=app.quit]x[/]" in svg.replace("&#160;", " ")


async def test_opening_an_unreadable_file_explains_instead(full):
    app = create_app(None, full)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"broken", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert any("binary" in n.message for n in app._notifications)


async def test_on_this_day_strip_shows_a_year_ago(full):
    app = create_app(None, full)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        strip = app.screen.query_one("#library-on-this-day")
        assert strip.display
        assert "a year ago" in str(strip.render())


async def test_no_strip_without_memories(full, monkeypatch):
    monkeypatch.setenv("REFLECT_TODAY", "2026-11-28")
    app = create_app(None, full)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not app.screen.query_one("#library-on-this-day").display


async def test_ctrl_j_opens_the_journal(full):
    app = create_app(None, full)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+j")
        await settle(app, pilot)
        from reflect.screens.journal import JournalScreen

        assert isinstance(app.screen, JournalScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_a_folder_given_is_listed_with_the_library(dirs, tmp_path):
    folder = tmp_path / "reading"
    folder.mkdir()
    (folder / "from-a-folder.md").write_text("# From a Folder\n\nWords.\n")
    fill_library(dirs, broken=False)
    app = create_app(folder, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "From a Folder" in titles(app)
        assert len(titles(app)) == 5


async def test_thousands_of_rows_stay_cheap_to_filter_and_sort(dirs):
    dirs.library.mkdir(parents=True)
    for n in range(1500):
        (dirs.library / f"essay-{n:04}.md").write_text(f"# Essay {n:04}\n\nA few words.\n")
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert len(titles(app)) == 1500
        await pilot.press("end")
        assert app.screen.query_one(LibraryTable).current_path.name == "essay-1499.md"
        await pilot.press(*"1234")
        assert titles(app) == ["Essay 1234"]
        await pilot.press("escape", "ctrl+o")
        assert len(titles(app)) == 1500
