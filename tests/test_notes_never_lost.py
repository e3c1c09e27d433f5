"""Nothing typed is ever thrown away: leaving at once, quitting from the
journal's editor, and a notes file that cannot be written."""

from __future__ import annotations

import tomllib
from pathlib import Path

from reflect.app import create_app
from reflect.article import preview_article
from reflect.paths import Dirs
from reflect.screens.pause import PauseScreen
from reflect.slugs import article_id
from tests.library_support import open_journal, post_with_note


def big_article(folder: Path) -> Path:
    """Big enough (over 512 KB) that its outline comes from a child process,
    still arriving while the reader writes a note and leaves."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "long-book.md"
    body = "A quiet sentence about reading slowly, again and again. " * 12
    path.write_text(
        "# Long Book\n\nOpening.\n\n"
        + "".join(f"## Chapter {i}\n\n{body}\n\n{body}\n\n" for i in range(1, 500)),
        encoding="utf-8",
    )
    assert path.stat().st_size > 512 * 1024
    return path


async def test_a_note_written_then_left_at_once_is_saved(
    tmp_path: Path, private_dirs: Dirs
) -> None:
    """Back to the library the moment the note is written, while the outline
    (which the save waits for) is still arriving: the closed reader's save
    must still reach the file."""
    dirs = private_dirs
    article = big_article(tmp_path / "articles")
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_article(article)
        while not hasattr(app.screen, "first_pane_ready"):
            await pilot.pause()
        await app.screen.first_pane_ready.wait()
        await pilot.press("r")
        while not isinstance(app.screen, PauseScreen):
            await pilot.pause()
        await pilot.press(*"kept even when I leave at once")
        await pilot.press("escape")
        await pilot.press("q")
        await app.workers.wait_for_complete()
        await pilot.pause()
    notes = tomllib.loads((dirs.notes / "long-book.toml").read_text(encoding="utf-8"))
    assert [r["text"] for r in notes["reflections"]] == ["kept even when I leave at once"]
    assert notes["reflections"][0]["section"] == "long-book"


async def test_quitting_with_the_journal_editor_open_saves_the_edit(
    tmp_path: Path, private_dirs: Dirs
) -> None:
    dirs = private_dirs
    post_with_note(tmp_path / "library", dirs, "orig")
    app = create_app(None, dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("end", *" and more")
        await pilot.press("ctrl+q")
    saved = tomllib.loads((dirs.notes / "post.toml").read_text(encoding="utf-8"))
    (entry,) = saved["reflections"]
    assert entry["text"] == "orig and more"
    assert "edited" in entry


async def test_a_note_for_a_broken_notes_file_is_kept_beside_it(
    tmp_path: Path, private_dirs: Dirs
) -> None:
    dirs = private_dirs
    article = tmp_path / "post.md"
    article.write_text("# Post\n\nSome words.\n\n## Two\n\nMore.\n", encoding="utf-8")
    dirs.notes.mkdir(parents=True)
    broken = dirs.notes / f"{article_id(article.name)}.toml"
    broken.write_bytes(b"schema = 1\n[article\ntitle = 'oops'\n")
    before = broken.read_bytes()
    app = create_app(article, dirs, preview=preview_article(article))
    async with app.run_test(size=(80, 24)) as pilot:
        while not hasattr(app.screen, "first_pane_ready"):
            await pilot.pause()
        await app.screen.first_pane_ready.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("r")
        while not isinstance(app.screen, PauseScreen):
            await pilot.pause()
        await pilot.press(*"too precious to lose")
        await pilot.press("ctrl+q")
    assert broken.read_bytes() == before  # never modified
    (rescued,) = dirs.notes.glob("unsaved-post-*.md")
    text = rescued.read_text(encoding="utf-8")
    assert "too precious to lose" in text and "## Post" in text
    assert rescued.stat().st_mode & 0o777 == 0o600
