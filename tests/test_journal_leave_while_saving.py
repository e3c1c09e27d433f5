"""An edit or a delete confirmed in the journal is written even when the journal
is left at once, while the write is still waiting in its thread.

The wait is made certain: the test holds the notes file's writers' lock, as a
second reflect saving the same article would, until the journal is closed.
"""

from __future__ import annotations

from textual.pilot import Pilot

from reflect import store_io
from reflect.app import ReflectApp, create_app
from reflect.paths import Dirs
from reflect.screens.confirm import ConfirmScreen
from reflect.screens.edit_note import EditNoteScreen
from reflect.screens.journal import JournalScreen
from reflect.screens.library import LibraryScreen
from reflect.store import NotesStore, Reflection
from tests.library_support import open_journal, post_with_note, settle


def saved(dirs: Dirs) -> list[Reflection]:
    """The post's reflections, as the store reads them back."""
    return NotesStore(dirs.notes).load("post").reflections


async def closed(app: ReflectApp, pilot: Pilot[None], journal: JournalScreen) -> None:
    """Wait until the journal screen is gone and the library shows again."""
    while journal.is_attached or not isinstance(app.screen, LibraryScreen):
        await pilot.pause()


def notified(app: ReflectApp, text: str) -> bool:
    """Whether a notification saying ``text`` was shown."""
    return any(text in n.message for n in app._notifications)


async def test_an_edit_saved_then_left_at_once_is_written(private_dirs: Dirs) -> None:
    dirs = private_dirs
    post_with_note(dirs.library, dirs, "orig")
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_journal(app, pilot)
        with store_io.locked(app.store.path_for("post")):
            await pilot.press("ctrl+e")
            while not isinstance(app.screen, EditNoteScreen):
                await pilot.pause()
            await pilot.press("end", *" and more", "ctrl+s", "escape")  # save, leave
            await closed(app, pilot, journal)
            assert [r.text for r in saved(dirs)] == ["orig"]  # still waiting
        await settle(app, pilot)
        assert notified(app, "Reflection saved.")
    (entry,) = saved(dirs)
    assert entry.text == "orig and more"
    assert entry.edited is not None


async def test_a_delete_confirmed_then_left_at_once_is_written(private_dirs: Dirs) -> None:
    dirs = private_dirs
    article = post_with_note(dirs.library, dirs, "to let go")
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_journal(app, pilot)
        with store_io.locked(app.store.path_for("post")):
            await pilot.press("delete")
            while not isinstance(app.screen, ConfirmScreen):
                await pilot.pause()
            await pilot.press("y", "escape")  # yes, and leave
            await closed(app, pilot, journal)
            assert [r.text for r in saved(dirs)] == ["to let go"]  # still waiting
        await settle(app, pilot)
        assert notified(app, "Reflection deleted.")
        # The library, resumed meanwhile, counts what the file now says.
        assert app.screen.entries[article].reflections == 0
    assert saved(dirs) == []


async def test_an_edit_that_fails_after_the_journal_closed_is_kept_in_a_file(
    private_dirs: Dirs,
) -> None:
    """No journal to reopen the editor in: the text goes beside the notes, and
    the reader is told where."""
    dirs = private_dirs
    post_with_note(dirs.library, dirs, "orig")
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_journal(app, pilot)
        path = app.store.path_for("post")
        with store_io.locked(path):
            await pilot.press("ctrl+e")
            while not isinstance(app.screen, EditNoteScreen):
                await pilot.pause()
            await pilot.press("end", *" and more", "ctrl+s", "escape")
            await closed(app, pilot, journal)
            path.write_text("schema = 1\n[article\n", encoding="utf-8")  # broken meanwhile
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        (rescued,) = dirs.notes.glob("unsaved-post-*.md")
        assert "orig and more" in rescued.read_text(encoding="utf-8")
        assert notified(app, str(rescued))
