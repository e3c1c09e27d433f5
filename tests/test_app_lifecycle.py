"""Starting and ending the app: a killed save's temp file is tidied away at
start, and what is printed after exit is plain, clean text."""

from __future__ import annotations

import pytest

from reflect.app import create_app
from reflect.paths import Dirs
from reflect.store import ArticleMeta, NotesStore
from tests.library_support import settle
from tests.reader_support import SEED


async def test_starting_removes_temp_files_a_killed_save_left(private_dirs: Dirs) -> None:
    store = NotesStore(private_dirs.notes)
    store.add(
        "kept", ArticleMeta(title="Kept", source="kept.md", digest=""), "s", "S", "a reflection"
    )
    stale = private_dirs.notes / ".kept.toml.k1ll3d.tmp"
    stale.write_bytes(b"schema = 1\n[arti")
    for target in (None, SEED):  # the library, and the reader opened on a file
        stale.write_bytes(b"schema = 1\n[arti")
        app = create_app(target, private_dirs)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert not stale.exists()
    assert [r.text for r in NotesStore(private_dirs.notes).load("kept").reflections] == [
        "a reflection"
    ]


async def test_what_is_printed_on_exit_is_plain_clean_text(private_dirs: Dirs) -> None:
    """A rescued note printed after exit: its brackets are not markup, its
    escape sequences never reach the terminal."""
    app = create_app(None, private_dirs)
    async with app.run_test(size=(80, 24)):
        assert app.farewell_message() is None
        app.farewell.append(
            "reflect: an edit could not be saved (disk full):\n[bold]x[/] \x1b]0;pwned\x07 y"
        )
        message = app.farewell_message()
    assert message is not None
    assert message.plain == "reflect: an edit could not be saved (disk full):\n[bold]x[/]  y"
    assert message.spans == []


async def test_a_worker_tells_the_ui_only_while_the_app_runs(private_dirs: Dirs) -> None:
    """``from_thread``: False once the app has gone, but a callback's own
    RuntimeError is not mistaken for that."""
    import asyncio

    from reflect.ui_threads import from_thread

    def fails() -> None:
        raise RuntimeError("the callback's own")

    seen: list[object] = []
    app = create_app(None, private_dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await asyncio.to_thread(from_thread, app, seen.append, "told") is True
        await pilot.pause()
        with pytest.raises(RuntimeError, match="the callback's own"):
            await asyncio.to_thread(from_thread, app, fails)
    assert seen == ["told"]
    assert await asyncio.to_thread(from_thread, app, seen.append, "too late") is False
    assert seen == ["told"]
