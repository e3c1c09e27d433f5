"""Leaving a big book at once stops reading its outline: the child that splits
it is ended, not left parsing a book nobody reads."""

from __future__ import annotations

from reflect.app import create_app
from reflect.outline_stream import CHILD_FROM_BYTES
from reflect.paths import Dirs
from reflect.screens.library import LibraryScreen
from reflect.screens.reader import ReaderScreen
from tests.library_support import settle
from tests.test_startup import _outline_children


async def test_leaving_a_big_book_ends_its_outline(private_dirs: Dirs, monkeypatch) -> None:
    monkeypatch.setenv("REFLECT_BUNDLED_DIR", "")
    private_dirs.library.mkdir(parents=True)
    book = private_dirs.library / "book.md"
    # Many short blocks: the slowest Markdown to split, byte for byte (the
    # child reads a book as it splits it, and ends in well under a second for
    # 10 MB of long paragraphs: this one takes it seconds).
    chapters = "".join(
        f"## Part {i}\n\n" + "".join(f"- item {j}, slowly\n" for j in range(40)) + "\n"
        for i in range(6000)
    )
    book.write_text("# A Book\n\n" + chapters)
    assert book.stat().st_size > 4 * CHILD_FROM_BYTES  # seconds of splitting for the child
    app = create_app(None, private_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        while not isinstance(app.screen, ReaderScreen):
            await pilot.pause()
        reader = app.screen
        while not _outline_children(book):  # the child has started
            await pilot.pause()
        await pilot.press("q")
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert reader.full_outline is None  # it stopped reading, mid-book
        assert not _outline_children(book)
