"""Whole reading flows through Pilot, asserting on the TOML the reader writes."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime

from reflect.config import load_config
from reflect.screens.pause import PauseScreen
from reflect.screens.summary import SummaryScreen
from reflect.screens.toc import ContentsScreen
from reflect.store import NotesStore

from .reader_support import copy_article, meta_of, notes_file, read_notes, reading, settle


def reflections(dirs, article) -> list[dict]:
    path = notes_file(dirs, article)
    if not path.exists():
        return []
    return tomllib.loads(path.read_text(encoding="utf-8")).get("reflections", [])


async def test_read_with_n_pause_write_and_save(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        assert reader.section_index == 0
        assert [s.heading for s in reader.sections] == [
            "Three Rooms",
            "The First Room",
            "The Second Room",
            "The Third Room",
        ]
        await pilot.press("n")
        assert isinstance(app.screen, PauseScreen)
        await pilot.press(*"kept [this]", "enter", *"two lines")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert reader.section_index == 1
        assert not isinstance(app.screen, PauseScreen)
    [entry] = read_notes(private_dirs, article)["reflections"]
    assert entry["section"] == "three-rooms"
    assert entry["text"] == "kept [this]\ntwo lines"
    assert entry["heading"] == "Three Rooms"
    assert isinstance(entry["written"], datetime)


async def test_escape_with_nothing_typed_skips_and_goes_on(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        await pilot.press("n")
        assert isinstance(app.screen, PauseScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert reader.section_index == 1
    assert reflections(private_dirs, article) == []


async def test_escape_with_text_typed_saves_it(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        await pilot.press("n", "n")  # the second n is typed into the pause
        await pilot.press("escape")
        await settle(app, pilot)
        assert reader.section_index == 1
    [entry] = reflections(private_dirs, article)
    assert entry["text"] == "n"


async def test_r_opens_the_editor_and_stays_on_the_section(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        reader.go_to(2)
        await settle(app, pilot)
        await pilot.press("r")
        editor = app.screen
        assert isinstance(editor, PauseScreen)
        assert editor.prompt == "What did the second room ask of you?"
        await pilot.press(*"a letter", "ctrl+s")
        await settle(app, pilot)
        assert reader.section_index == 2
        await pilot.press("r")
        assert app.screen.query_one("#editor").text == "a letter"  # this visit's note, to edit
        await pilot.press(*" unopened", "escape")
        await settle(app, pilot)
        assert reader.section_index == 2
    [entry] = reflections(private_dirs, article)
    assert entry["section"] == "the-second-room"
    assert entry["text"] == "a letter unopened"
    assert entry["edited"] >= entry["written"]


async def test_quitting_with_the_editor_open_saves_the_text(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, _reader):
        await pilot.press("n")
        await pilot.press(*"half a thought")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None
    [entry] = reflections(private_dirs, article)
    assert entry["text"] == "half a thought"
    assert read_notes(private_dirs, article)["article"]["position"] == "three-rooms"


async def test_reopening_resumes_at_the_position_with_a_way_to_the_top(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    NotesStore(private_dirs.notes).record_open("three-rooms", meta_of(article), "the-second-room")
    async with reading(article, private_dirs) as (app, pilot, reader):
        assert reader.section_index == 2
        notice = app.screen.query_one("#notice")
        assert notice.display
        assert "g to start from the top" in str(notice.render())
        await pilot.press("g")
        await settle(app, pilot)
        assert reader.section_index == 0


async def test_position_is_recorded_when_leaving(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs, guided=False) as (app, pilot, reader):
        await pilot.press("n", "n", "n")
        await settle(app, pilot)
        assert reader.section_index == 3
        await pilot.press("q")
        await pilot.pause()
    assert read_notes(private_dirs, article)["article"]["position"] == "the-third-room"


async def test_guided_off_moves_without_a_pause_and_is_remembered(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        await pilot.press("m")
        await settle(app, pilot)
        assert reader.guided is False
        await pilot.press("n", "n")
        await settle(app, pilot)
        assert reader.section_index == 2
        assert not isinstance(app.screen, PauseScreen)
    assert load_config(private_dirs.config).guided is False


async def test_each_section_pauses_once_per_visit(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        await pilot.press("n")
        assert isinstance(app.screen, PauseScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert reader.section_index == 0
        await pilot.press("n")
        await settle(app, pilot)
        assert not isinstance(app.screen, PauseScreen)
        assert reader.section_index == 1
        await pilot.press("n")  # a new section: it pauses
        assert isinstance(app.screen, PauseScreen)


async def test_the_pause_shows_earlier_entries_with_their_dates(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    store = NotesStore(private_dirs.notes)
    written = datetime(2026, 10, 3, 12, 0, tzinfo=UTC)
    store.add(
        "three-rooms",
        meta_of(article),
        "three-rooms",
        "Three Rooms",
        "[b]old[/b] note",
        now=written,
    )
    async with reading(article, private_dirs) as (app, pilot, _reader):
        await pilot.press("n")
        pause = app.screen
        assert isinstance(pause, PauseScreen)
        [entry] = pause.query(".entry")
        shown = str(entry.render())
        assert "3 Oct 2026" in shown
        assert "[b]old[/b] note" in shown
        await pilot.press(*"newer", "ctrl+s")
        await settle(app, pilot)
    texts = [e["text"] for e in reflections(private_dirs, article)]
    assert texts == ["[b]old[/b] note", "newer"]


async def test_contents_jumps_to_the_chosen_heading(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        await pilot.press("t")
        assert isinstance(app.screen, ContentsScreen)
        await pilot.press("down", "down", "down", "enter")
        await settle(app, pilot)
        assert reader.section_index == 3
        assert not isinstance(app.screen, PauseScreen)


async def test_find_moves_between_matches_across_sections(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        await pilot.press("slash", *"lantern")
        await reader.find_done.wait()
        await settle(app, pilot)
        # "lantern": once in sections 1 and 2 (body), twice in section 2 (body + table), once in 3
        count = app.screen.query_one("#find-count")
        assert str(count.render()) == "1 / 4"
        assert reader.section_index == 1
        await pilot.press("enter")
        await reader.find_done.wait()
        await settle(app, pilot)
        assert reader.section_index == 2
        await pilot.press("enter", "enter")
        await reader.find_done.wait()
        await settle(app, pilot)
        assert reader.section_index == 3
        assert str(count.render()) == "4 / 4"
        await pilot.press("shift+enter")
        await settle(app, pilot)
        assert reader.section_index == 2
        await pilot.press("escape")
        await settle(app, pilot)
        assert not app.screen.query_one("#findbar").display
        assert not isinstance(app.screen, PauseScreen)


async def test_summary_after_the_last_section_then_leave(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        for _ in range(3):
            await pilot.press("n", *"ok", "ctrl+s")
            await settle(app, pilot)
        assert reader.section_index == 3
        await pilot.press("n")
        assert isinstance(app.screen, PauseScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert "3 of 4" in str(summary.query_one("#summary-body").render())
        await pilot.press("enter")
        await pilot.pause()
    assert len(reflections(private_dirs, article)) == 3


async def test_space_pages_then_goes_on_at_the_bottom(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs, guided=False) as (app, pilot, reader):
        await pilot.press("space")
        await settle(app, pilot)
        assert reader.section_index == 1  # a short pane: already at its bottom


async def test_a_note_written_with_r_shows_at_the_pause_and_the_pause_adds_another(
    private_dirs, tmp_path
):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, _reader):
        await pilot.press("r", *"now", "ctrl+s")
        await settle(app, pilot)
        await pilot.press("n")
        pause = app.screen
        assert isinstance(pause, PauseScreen)
        assert "now" in str(pause.query_one(".entry").render())
        assert pause.query_one("#editor").text == ""
        await pilot.press(*"later", "ctrl+s")
        await settle(app, pilot)
    assert [e["text"] for e in reflections(private_dirs, article)] == ["now", "later"]
