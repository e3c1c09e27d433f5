"""A book split while it is read, a block at a time, is split exactly as whole.

The outline child reads big Markdown books this way so that it never holds
one (:mod:`reflect.streamed_outline`).  Whatever the cuts between blocks and
parser chunks, the title, the sections and their text must be those
:func:`reflect.article.iter_sections` finds in the whole text in one parse.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.article import digest_of, iter_sections, read_article
from reflect.source import read_text
from reflect.streamed_outline import Dropped, Found, Piece, stream_sections, streamable, text_blocks

from .test_sections_property import documents

FRONT = ["", "---\ntitle: Given\nprompts:\n  Heading 0: Why?\n---\n", "+++\ntitle = 'T'\n+++\n"]


def whole(text: str, fallback: str = "f.md") -> tuple[str, list[tuple]]:
    """Reference: one parse of the whole text (a chunk bigger than the text)."""
    items = iter_sections(text, fallback=fallback, chunk_size=len(text) + 1)
    title = next(items)
    return title, [
        (
            s.index,
            s.level,
            s.anchor,
            s.heading,
            s.words,
            s.prompt,
            s.body_start - s.start,
            s.end - s.start,
            text[s.start : s.end],
        )
        for s in items
    ]


def streamed(blocks: list[str], fallback: str = "f.md", **sizes: int) -> tuple[str, list[tuple]]:
    """The streamed events, checked for order, gathered like the outline child does."""
    title: str | None = None
    sections: list[tuple] = []
    pieces: list[str] = []
    for event in stream_sections(blocks, fallback=fallback, **sizes):
        if isinstance(event, str):
            # Before any section (the text before the first heading may come
            # first: whether a heading opens the file decides the title).
            assert title is None and not sections
            title = event
        elif isinstance(event, Piece):
            assert event.text
            pieces.append(event.text)
        elif isinstance(event, Dropped):
            assert not "".join(pieces).strip("\n -*_=#")  # only blank lines and rules
            pieces = []
        else:
            assert isinstance(event, Found)
            text = "".join(pieces)
            assert len(text) == event.end
            sections.append(
                (
                    event.index,
                    event.level,
                    event.anchor,
                    event.heading,
                    event.words,
                    event.prompt,
                    event.body_start,
                    event.end,
                    text,
                )
            )
            pieces = []
    assert title is not None and not pieces
    return title, sections


def cut(text: str, points: list[int]) -> list[str]:
    """``text`` in blocks, each cut just after a line end (as files are read)."""
    ends = [i + 1 for i, c in enumerate(text) if c == "\n"]
    chosen = sorted({ends[p % len(ends)] for p in points}) if ends else []
    bounds = [0, *chosen, len(text)]
    return [text[a:b] for a, b in pairwise(bounds) if b > a]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(FRONT),
    documents,
    st.lists(st.integers(0, 1000), max_size=12),
    st.sampled_from([1, 16, 64, 300]),
    st.sampled_from([1, 20, 100]),
    st.sampled_from([1, 50, 4000]),
)
def test_streamed_equals_one_whole_parse(
    front: str, body: str, points: list[int], chunk_size: int, first: int, block: int
) -> None:
    text = front + body
    expected = whole(text)
    got = streamed(cut(text, points), chunk_size=chunk_size, first=first, block=block)
    assert got == expected


def test_the_bundled_seed_and_a_long_book_stream_as_they_split_whole(tmp_path: Path) -> None:
    seed = (
        Path(__file__).parent.parent / "articles" / "why-walking-away-can-be-the-kindest-choice.md"
    )
    parts = [seed.read_text(encoding="utf-8")]
    parts += [
        f"## Chapter {i} 📖\n\n" + "A line of the chapter, said twice.\n" * 200 for i in range(300)
    ]
    book = tmp_path / "book.md"
    book.write_text("\n".join(parts), encoding="utf-8")
    assert streamable(book)
    text = read_text(book)
    assert "".join(text_blocks(book)) == text
    assert streamed(list(text_blocks(book)), fallback="book.md") == whole(text, "book.md")


def files(tmp_path: Path, **contents: bytes) -> dict[str, Path]:
    made = {}
    for name, data in contents.items():
        path = tmp_path / f"{name}.md"
        path.write_bytes(data)
        made[name] = path
    return made


def test_only_files_that_read_the_same_in_blocks_are_streamed(tmp_path: Path) -> None:
    made = files(
        tmp_path,
        plain=b"# T\n\nbody\n",
        bom=codecs.BOM_UTF8 + b"# T\r\n\r\nbody\r\n",
        csi=b"# T\n\n\x1b[31mred\x1b[0m\n",  # line-bound sequences are cleaned per block
        latin1="# Café\n\nbody\n".encode("latin-1"),
        utf16=codecs.BOM_UTF16_LE + "# T\n".encode("utf-16-le"),
        nul=b"# T\n\x00\n",
        osc=b"# T\n\x1b]0;a title\nacross lines\x07\n",
        c1_osc="# T\n\u009d0;x\u009c\n".encode(),
        one_line=b"x" * (4 * 256 * 1024 + 10),
    )
    accepted = {name for name, path in made.items() if streamable(path)}
    assert accepted == {"plain", "bom", "csi"}
    assert not streamable(tmp_path / "missing.md")
    assert not streamable(tmp_path)
    for name in accepted:
        assert "".join(text_blocks(made[name])) == read_text(made[name])


def run_worker(path: Path, spool: int | None = None) -> list[object]:
    """The outline child's lines, run as the reader runs it (section bytes skipped)."""
    args = [sys.executable, "-m", "reflect.outline_worker", str(path)]
    if spool is not None:
        args += ["--spool", str(spool)]
    out = subprocess.run(
        args, capture_output=True, check=True, pass_fds=() if spool is None else (spool,)
    ).stdout
    lines: list[object] = []
    while out:
        line, _, out = out.partition(b"\n")
        item = json.loads(line)
        lines.append(item)
        if isinstance(item, list) and item[-1] is None:
            out = out[item[-2] :]
    return lines


def test_the_child_streams_a_book_into_the_spool_as_it_would_split_it_whole(
    tmp_path: Path,
) -> None:
    body = "".join(f"# Part {i} 🌿\n\n" + "Words on a line.\n\n" * 4000 for i in range(8))
    book = tmp_path / "book.md"
    book.write_text("Before any part.\n\n" + body, encoding="utf-8")
    assert book.stat().st_size > 512 * 1024
    spool = os.open(tmp_path, os.O_RDWR | os.O_TMPFILE, 0o600)
    try:
        lines = run_worker(book, spool)
        article = read_article(book)
        assert lines[0] == {"title": "book.md"}
        assert lines[-1] == {"done": True, "digest": digest_of(article.markdown)}
        sections = lines[1:-1]
        assert len(sections) == len(article.sections) == 9
        for line, section in zip(sections, article.sections, strict=True):
            assert isinstance(line, list)
            index, level, anchor, heading, words, _prompt, _s, body_start, end, size, at = line
            assert (index, level, anchor, heading, words) == (
                section.index,
                section.level,
                section.anchor,
                section.heading,
                section.words,
            )
            text = os.pread(spool, size, at).decode("utf-8")
            assert text == article.markdown[section.start : section.end]
            assert (body_start, end) == (section.body_start - section.start, len(text))
    finally:
        os.close(spool)


def test_the_child_reads_an_osc_string_book_whole_and_still_cleans_it(tmp_path: Path) -> None:
    book = tmp_path / "odd.md"
    book.write_bytes(b"# One\n\n\x1b]52;c;ZXZpbA==\nstill the string\x07 after\n\n# Two\n\nx\n")
    assert not streamable(book)
    lines = run_worker(book)
    assert [line[3] for line in lines if isinstance(line, list)] == ["One", "Two"]
    assert lines[-1] == {"done": True, "digest": digest_of(read_article(book).markdown)}
