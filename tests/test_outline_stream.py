"""The streamed outline is the same whether a child process or this one finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.article import Section, read_article
from reflect.errors import ReflectError
from reflect.outline_stream import OutlineStream

ROOT = Path(__file__).resolve().parent
SEED_TXT = ROOT / "fixtures" / "seed" / "why-walking-away-can-be-the-kindest-choice.txt"


def big_markdown(tmp_path: Path) -> Path:
    parts = [
        "---\ntitle: A Long Book\nprompts:\n  Chapter 3 🌱: What grew?\n---\n",
        "Opening words.\n\n",
    ]
    for i in range(1, 400):
        parts.append(
            f"## Chapter {i} 🌱\n\n"
            + "“Quiet” words, over and over. " * 40
            + "\n\n> a quote\n\n- a\n- b\n\n"
        )
    path = tmp_path / "book.md"
    path.write_text("".join(parts), encoding="utf-8")
    return path


@pytest.mark.parametrize("source", ["markdown", "text"])
def test_child_and_here_agree_with_read_article(tmp_path: Path, source: str) -> None:
    path = big_markdown(tmp_path) if source == "markdown" else SEED_TXT
    expected = read_article(path)
    for child_from in (0, 1 << 40):
        stream = OutlineStream(path, child_from=child_from)
        items = list(stream)
        assert stream.used_child is (child_from == 0)
        assert items[0] == expected.title
        sections = items[1:]
        assert all(isinstance(s, Section) for s in sections)
        assert sections == expected.sections
        assert [s.body for s in sections] == [s.body for s in expected.sections]  # type: ignore[union-attr]
        assert [s.prompt for s in sections] == [s.prompt for s in expected.sections]  # type: ignore[union-attr]
        assert stream.digest == expected.digest
        assert stream.markdown == expected.markdown


def test_errors_from_the_child_are_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "blob.md"
    path.write_bytes(bytes(range(256)) * 4096)
    with pytest.raises(ReflectError, match=r"blob\.md: looks like a binary file"):
        list(OutlineStream(path, child_from=0))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReflectError, match="no such file"):
        list(OutlineStream(tmp_path / "gone.md", child_from=0))


def test_a_started_child_is_read_later_or_ended(tmp_path: Path) -> None:
    path = big_markdown(tmp_path)
    expected = read_article(path)
    started = OutlineStream(path, child_from=0).start()
    items = list(started)  # reads what the early child found
    assert started.used_child
    assert items[1:] == expected.sections
    unread = OutlineStream(path, child_from=0).start()
    child = unread._child
    assert child is not None
    unread.close()
    assert child.poll() is not None  # ended, not left running
