"""Starting reflect: the outline of a big book is started first, the cycle
collector is off while reflect is imported and built, and back on (with what
was built frozen) once the app runs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflect.commands.tui import build_app
from reflect.errors import ReflectError
from reflect.outline_stream import CHILD_FROM_BYTES
from reflect.startup import quick_start


@pytest.fixture(autouse=True)
def _restore_gc() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_collector_is_off_inside_and_on_after() -> None:
    gc.enable()
    gc.unfreeze()
    with quick_start():
        assert not gc.isenabled()
        built = {"like": ["the app", "and its widgets"]}
    assert gc.isenabled()
    # What was built is frozen: no later collection walks it again.
    assert gc.get_freeze_count() > 0
    assert not any(tracked is built for tracked in gc.get_objects())


def test_an_error_inside_still_turns_the_collector_back_on() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), quick_start():
        raise RuntimeError("a bad path")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with quick_start():
        pass
    assert not gc.isenabled()


def _outline_children(path: Path) -> list[int]:
    """Live outline worker processes started for ``path`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().split(")")[-1].split()[0]
        except OSError:
            continue
        if b"reflect.outline_worker" in argv and str(path).encode() in argv and state != "Z":
            found.append(int(entry.name))
    return found


def test_a_big_book_has_its_outline_started_before_the_app(tmp_path: Path, private_dirs) -> None:
    book = tmp_path / "book.md"
    book.write_text("# Book\n\n" + "".join(f"## Part {i}\n\nWords.\n\n" for i in range(40_000)))
    assert book.stat().st_size >= CHILD_FROM_BYTES
    app = build_app(book, private_dirs)
    stream = app.take_outline(book)
    assert stream is not None
    try:
        assert _outline_children(book)  # already parsing on another core
        assert app.preview is not None and app.preview.title == "Book"
    finally:
        stream.close()
    assert not _outline_children(book)


def test_a_file_that_cannot_be_read_leaves_no_child_behind(tmp_path: Path, private_dirs) -> None:
    binary = tmp_path / "big.md"
    binary.write_bytes(b"\0\xff" * CHILD_FROM_BYTES)
    with pytest.raises(ReflectError, match=r"big\.md"):
        build_app(binary, private_dirs)
    assert not _outline_children(binary)
    assert gc.isenabled()


def test_a_missing_path_is_one_sentence(tmp_path: Path, private_dirs) -> None:
    with pytest.raises(ReflectError, match="no such file or folder"):
        build_app(tmp_path / "nowhere.md", private_dirs)
