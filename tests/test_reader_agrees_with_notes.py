"""What the reader shows agrees with the notes file, whatever happened meanwhile.

Each case here was a reader showing something other than what the file held:
a summary that missed the note just written, a warning pushed off the screen
by a resume notice, a pause blind to a renamed heading's notes, an editor
still holding words the journal had changed, a nested reader's position lost
on quit, dates on UTC's calendar instead of the reader's.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from reflect.app import create_app
from reflect.config import Config
from reflect.screens.journal import JournalScreen
from reflect.screens.pause import PauseScreen
from reflect.screens.reader import ReaderScreen
from reflect.screens.summary import SummaryScreen
from reflect.store import NotesStore

from .clirun import reflect
from .reader_support import copy_article, meta_of, notes_file, read_notes, reading, settle


def texts(dirs, article) -> list[str]:
    return [r["text"] for r in read_notes(dirs, article).get("reflections", [])]


def shown(widget) -> str:
    return str(widget.render())


async def test_the_summary_counts_the_note_written_at_the_last_pause(private_dirs, tmp_path):
    """The last pause's note is still on its way to the store as the summary opens."""
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, _reader):
        for _ in range(3):
            await pilot.press("n", *"ok", "ctrl+s")
            await settle(app, pilot)
        await pilot.press("n", *"last", "ctrl+s")  # the pause of the last section, then the summary
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        body = shown(summary.query_one("#summary-body"))
        assert "4 of 4 sections reflected" in body
        assert "4 this time" in body
        await settle(app, pilot)
    assert texts(private_dirs, article) == ["ok", "ok", "ok", "last"]


async def test_a_read_only_warning_stays_under_the_resume_notice_and_after_moving(
    private_dirs, tmp_path
):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    private_dirs.notes.mkdir(parents=True, exist_ok=True)
    newer = 'schema = 2\n\n[article]\ntitle = "Three Rooms"\nposition = "the-second-room"\n'
    notes_file(private_dirs, article).write_text(newer, encoding="utf-8")
    async with reading(article, private_dirs) as (app, pilot, reader):
        notice = reader.query_one("#notice")
        assert reader.section_index == 2
        assert notice.display and notice.has_class("-warning")
        assert "read-only" in shown(notice)
        assert "Picked up where you left off" in shown(notice)
        await pilot.press("p")
        await settle(app, pilot)
        assert notice.display and notice.has_class("-warning")
        assert "read-only" in shown(notice)
        assert "Picked up" not in shown(notice)
    assert notes_file(private_dirs, article).read_text(encoding="utf-8") == newer


async def test_the_pause_shows_notes_written_under_a_heading_since_renamed(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    NotesStore(private_dirs.notes).add(
        "three-rooms",
        meta_of(article),
        "the-second-room",
        "The Second Room",
        "a note from before the rename",
        now=datetime(2025, 5, 6, 11, 0, tzinfo=UTC),
    )
    renamed = article.read_text(encoding="utf-8").replace(
        "## The Second Room", "## The Second Room, Revisited"
    )
    article.write_text(renamed, encoding="utf-8")
    async with reading(article, private_dirs) as (app, pilot, reader):
        assert reader.sections[2].anchor == "the-second-room-revisited"
        reader.go_to(2)
        await settle(app, pilot)
        await pilot.press("n")
        pause = app.screen
        assert isinstance(pause, PauseScreen)
        assert [shown(e) for e in pause.query(".entry")] == [
            "6 May 2025\na note from before the rename"
        ]


async def test_r_after_editing_the_note_in_the_journal_continues_the_edited_words(
    private_dirs, tmp_path
):
    """The journal changed this visit's note: ``r`` shows and edits the new words
    (before, it showed the old ones, failed to save, and ``ctrl+q`` added a copy)."""
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs, guided=False) as (app, pilot, reader):
        await pilot.press("r", *"one", "ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+j")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        await pilot.press("end", *" more", "ctrl+s")
        await settle(app, pilot)
        assert texts(private_dirs, article) == ["one more"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is reader
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, PauseScreen)
        assert app.screen.typed == "one more"
        await pilot.press("end", "!", "ctrl+s")
        await settle(app, pilot)
        assert not [n for n in app._notifications if "not saved" in str(n.message)]
        await pilot.press("ctrl+q")
        await pilot.pause()
    [entry] = read_notes(private_dirs, article)["reflections"]
    assert entry["text"] == "one more!"
    assert "edited" in entry


async def test_quitting_keeps_the_position_of_the_reader_on_top(private_dirs, tmp_path):
    """The journal opened a second reader of the same article; it was read last."""
    article = copy_article("three-rooms.md", tmp_path / "articles")
    NotesStore(private_dirs.notes).add(
        "three-rooms", meta_of(article), "the-second-room", "The Second Room", "old"
    )
    async with reading(article, private_dirs, guided=False) as (app, pilot, reader):
        assert reader.section_index == 0
        await pilot.press("ctrl+j")
        await settle(app, pilot)
        await pilot.press("enter")  # the note: its article, at its section
        await settle(app, pilot)
        inner = app.screen
        assert isinstance(inner, ReaderScreen) and inner is not reader
        await inner.outline_ready.wait()
        await settle(app, pilot)
        assert inner.section_index == 2
        await pilot.press("n")
        await settle(app, pilot)
        assert inner.section_index == 3
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert read_notes(private_dirs, article)["article"]["position"] == "the-third-room"


@pytest.fixture
def new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def test_the_pause_dates_notes_on_the_readers_own_calendar(private_dirs, tmp_path, new_york):
    """02:00 UTC on 5 March is 21:00 on 4 March in New York (EST, UTC-5)."""
    article = copy_article("three-rooms.md", tmp_path / "articles")
    NotesStore(private_dirs.notes).add(
        "three-rooms",
        meta_of(article),
        "three-rooms",
        "Three Rooms",
        "late in the evening",
        now=datetime(2025, 3, 5, 2, 0, tzinfo=UTC),
    )
    async with reading(article, private_dirs) as (app, pilot, _reader):
        await pilot.press("n")
        pause = app.screen
        assert isinstance(pause, PauseScreen)
        assert [shown(e) for e in pause.query(".entry")] == ["4 Mar 2025\nlate in the evening"]


@pytest.mark.parametrize(
    "content", ["", "  \n\n\t\n", "---\ntitle: Only front matter\n---\n"], ids=repr
)
def test_opening_a_file_with_no_text_says_so_and_exits_1(tmp_path, content):
    article = tmp_path / "nothing.md"
    article.write_text(content, encoding="utf-8")
    result = reflect(article, home=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"reflect: {article}: has no text to read.\n"
    assert not (tmp_path / "notes").exists()


async def test_a_long_file_found_empty_after_the_first_pane_exits_1_saying_why(
    private_dirs, tmp_path
):
    """Blank beyond what the first pane reads: only the whole outline finds no text,
    after the app has started; the terminal still gets the sentence."""
    article = tmp_path / "blank.txt"
    article.write_text(" \n" * 100_000, encoding="utf-8")  # 200 KB of nothing
    app = create_app(article, private_dirs, config=Config())
    async with app.run_test() as pilot:
        while app.is_running:
            await pilot.pause()
    assert app.return_code == 1
    assert f"{article}: has no text to read." in str(app.farewell_message())


async def test_a_note_saved_as_the_journal_opens_and_closes_stays_this_visits(
    private_dirs, tmp_path
):
    """The journal's reread may race the save of a note written just before it
    opened: the reader keeps the note as this visit's, so ``r`` edits it (a
    stale reread would have dropped it, and ``r`` added a second copy)."""
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs, guided=False) as (app, pilot, _reader):
        await pilot.press("r", *"just now", "ctrl+s", "ctrl+j", "escape")
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, PauseScreen)
        assert app.screen.typed == "just now"
        await pilot.press("end", *", and more", "ctrl+s")
        await settle(app, pilot)
    assert texts(private_dirs, article) == ["just now, and more"]
