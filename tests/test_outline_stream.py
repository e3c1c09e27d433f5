"""The streamed outline is the same whether a child process or this one finds it.

A child sends each section's own text, so its sections' offsets are relative
to that text while this process's point into the whole article: outlines are
compared by what a reader sees (heading, body, words, prompt...), never by
offsets.  A child's section keeps its text as the UTF-8 it was sent and
decodes it only when asked (``Section.markdown``).
"""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

import reflect.outline_stream as outline_stream
from reflect.article import Section, read_article
from reflect.errors import ReflectError
from reflect.outline_stream import OutlineStream
from reflect.outline_worker import write_outline
from reflect.reading import find_all
from reflect.widgets.render import shown_texts

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


def seed_text(tmp_path: Path) -> Path:
    return SEED_TXT


def front_matter_and_intro(tmp_path: Path) -> Path:
    path = tmp_path / "prompts.md"
    path.write_text(
        "---\ntitle: Prompts\nprompts:\n  Second: What stayed?\n  third-part: Why this?\n---\n"
        "Words before any heading, quiet ones.\n\n"
        "# First\n\nOne quiet body.\n\n"
        "Second\n------\n\nA setext heading's body.\n\n"
        "## Third part ##\n\nLast quiet words.\n",
        encoding="utf-8",
    )
    return path


def emoji_in_one_section(tmp_path: Path) -> Path:
    parts = [f"## Part {i}\n\n" + "plain quiet words " * 50 + "\n\n" for i in range(60)]
    parts[31] = "## Part 31\n\nOne 🌱 in this section only, quiet.\n\n"
    path = tmp_path / "emoji.md"
    path.write_text("# Emoji\n\n" + "".join(parts), encoding="utf-8")
    return path


def crlf(tmp_path: Path) -> Path:
    text = "# Title\r\n\r\nIntro, quiet.\r\n\r\n" + "".join(
        f"## Chapter {i}\r\n\r\nLine one é.\r\nLine two, quiet.\r\n\r\n" for i in range(30)
    )
    path = tmp_path / "crlf.md"
    path.write_bytes(text.encode("utf-8"))
    return path


def one_big_section(tmp_path: Path) -> Path:
    paragraph = "“Quiet” words in one long chapter, ünïcode and all.\n\n"
    body = paragraph * (2 * 1024 * 1024 // len(paragraph.encode("utf-8")) + 1)
    path = tmp_path / "single.md"
    path.write_text("# The Only Chapter\n\n" + body + "The end 🌱.\n", encoding="utf-8")
    assert path.stat().st_size >= 2 * 1024 * 1024
    return path


def scripts(tmp_path: Path) -> Path:
    path = tmp_path / "scripts.md"
    path.write_text(
        "# 最初\n\n静かな言葉。quiet\n\n"
        "## Тихо\n\nРусский текст, quiet.\n\n"
        "## سلام\n\nنص عربي quiet\n\n"
        "## नमस्ते\n\nहिन्दी पाठ quiet\n\n"
        "## Cafe\u0301\n\nCombining marks: e\u0301 a\u0308 quiet 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\n",
        encoding="utf-8",
    )
    return path


def plain_text_with_emoji_and_crlf(tmp_path: Path) -> Path:
    text = "A Plain Title\r\n=============\r\n\r\n" + "".join(
        f"Part {i}\r\n-------\r\n\r\nA quiet paragraph of plain text, “curly”.\r\n\r\n"
        for i in range(20)
    )
    text += "Part 20\r\n-------\r\n\r\nThe 🌱 is here only, quiet.\r\n"
    path = tmp_path / "plain.txt"
    path.write_bytes(text.encode("utf-8"))
    return path


def front_matter_only(tmp_path: Path) -> Path:
    path = tmp_path / "empty.md"
    path.write_text("---\ntitle: Nothing Yet\n---\n\n", encoding="utf-8")
    return path


ARTICLES: dict[str, Callable[[Path], Path]] = {
    "markdown book": big_markdown,
    "plain text": seed_text,
    "front matter, prompts, text before the first heading": front_matter_and_intro,
    "emoji in one section only": emoji_in_one_section,
    "CRLF": crlf,
    "a single 2 MB section": one_big_section,
    "non-ASCII scripts": scripts,
    "plain text with CRLF and one emoji": plain_text_with_emoji_and_crlf,
    "front matter only": front_matter_only,
}


def outline(sections: Sequence[object]) -> list[tuple[object, ...]]:
    """What a reader sees of each section, offsets aside."""
    assert all(isinstance(s, Section) for s in sections)
    return [
        (
            s.index,
            s.level,
            s.anchor,
            s.heading,
            s.words,
            s.prompt,
            s.markdown[s.start : s.body_start],  # the heading's own Markdown
            s.body,
            s.size,
        )
        for s in sections
        if isinstance(s, Section)
    ]


@pytest.mark.parametrize("article", list(ARTICLES.values()), ids=list(ARTICLES))
def test_child_and_here_agree_with_read_article(
    tmp_path: Path, article: Callable[[Path], Path]
) -> None:
    path = article(tmp_path)
    expected = read_article(path)
    assert expected.sections or article is front_matter_only
    for child_from in (0, 1 << 40):
        stream = OutlineStream(path, child_from=child_from)
        items = list(stream)
        assert stream.used_child is (child_from == 0)
        assert items[0] == expected.title
        sections = items[1:]
        assert outline(sections) == outline(expected.sections)
        assert stream.digest == expected.digest
        for query in QUERIES:
            assert found(sections, query) == found(expected.sections, query)  # type: ignore[arg-type]


def found(sections: Sequence[Section], query: str) -> list[tuple[int, int]]:
    """The find hits, as (section, nth): where their chunks start (``offset``)
    is counted in bytes for a child's section and in characters here, so a
    long non-ASCII section is cut in other places, around the same hits."""
    return [(m.section, m.nth) for m in find_all(sections, query, shown=shown_texts)]


QUERIES = ("quiet", "🌱", "e\u0301", "静か", "ТИХО", "é.\r\nline", "ÜNÏCODE", "“quiet”", "the end")


@pytest.mark.parametrize(
    "article",
    [big_markdown, emoji_in_one_section, crlf, seed_text, one_big_section, scripts],
)
def test_a_child_sends_each_section_as_its_own_utf8(
    tmp_path: Path, article: Callable[[Path], Path]
) -> None:
    path = article(tmp_path)
    expected = read_article(path)
    sections = [s for s in OutlineStream(path, child_from=0) if isinstance(s, Section)]
    for got, want in zip(sections, expected.sections, strict=True):
        own = expected.markdown[want.start : want.end]
        assert isinstance(got.text, bytes)  # kept as sent: a byte for each ASCII character
        assert got.text == own.encode("utf-8")
        assert got.start == 0
        assert got.end == len(got.markdown) == len(own)
        assert got.markdown == own
        assert got.body == want.body
        assert got.size == want.size == len(want.body)
        shifted = dataclasses.replace(
            want, start=0, body_start=want.body_start - want.start, end=want.end - want.start
        )
        assert got == shifted and hash(got) == hash(shifted)  # the text is not compared
        # Decoded when asked, never kept: each call makes its own string.
        assert got.markdown is not got.markdown


def test_sections_split_here_share_the_article_string(tmp_path: Path) -> None:
    path = one_big_section(tmp_path)
    whole = big_markdown(tmp_path)
    for article in (path, whole):
        sections = [s for s in OutlineStream(article, child_from=1 << 40) if isinstance(s, Section)]
        assert sections
        assert all(s.text is sections[0].text for s in sections)
        assert all(s.markdown is s.text for s in sections)  # no copy, no decoding


def test_a_section_of_utf8_reads_as_its_string() -> None:
    """The same section held as a string or as UTF-8: same text, body, size, equality."""
    text = "## Café ☕ 静か\r\n\r\n“Quiet” 🌱 words, Тихо.\r\n"
    body_start = text.index("\r\n") + 2
    as_str = Section(
        index=3,
        level=2,
        anchor="cafe-静か",
        heading="Café ☕ 静か",
        words=5,
        prompt=None,
        start=0,
        end=len(text),
        text=text,
        body_start=body_start,
    )
    as_utf8 = dataclasses.replace(as_str, text=text.encode("utf-8"))
    assert as_utf8.markdown == as_str.markdown == text
    assert as_utf8.body == as_str.body == "\r\n“Quiet” 🌱 words, Тихо.\r\n"
    assert as_utf8.size == as_str.size == len(as_str.body)
    assert as_utf8 == as_str and hash(as_utf8) == hash(as_str)
    assert "text" not in repr(as_utf8)
    with pytest.raises(dataclasses.FrozenInstanceError):
        as_utf8.text = b""  # type: ignore[misc]
    assert not hasattr(as_utf8, "__dict__")  # slots: no per-section dict
    # Found in what is shown; the offset is where the pane's chunk holding it starts.
    assert [m.offset for m in find_all([as_utf8], "🌱", shown=shown_texts)] == [0]
    assert find_all([as_utf8], "тихо", shown=shown_texts) == find_all(
        [as_str], "тихо", shown=shown_texts
    )


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
    assert outline(items[1:]) == outline(expected.sections)
    assert started.digest == expected.digest
    unread = OutlineStream(path, child_from=0).start()
    child = unread._child
    assert child is not None
    unread.close()
    assert child.poll() is not None  # ended, not left running


# -- a child whose output is garbled or cut short ------------------------------


def _records(path: Path) -> tuple[bytes, list[tuple[bytes, bytes]], bytes]:
    """The real child's output for ``path``: header, (line, text) per section, done line."""
    out = io.BytesIO()
    write_outline(path, out)
    data = out.getvalue()
    pos = data.index(b"\n") + 1
    header, sections = data[:pos], []
    while True:
        end = data.index(b"\n", pos) + 1
        line, pos = data[pos:end], end
        item = json.loads(line)
        if isinstance(item, dict):
            assert pos == len(data)
            return header, sections, line
        sections.append((line, data[pos : pos + item[9]]))
        pos += item[9]


def _relength(line: bytes, **changes: int) -> bytes:
    item = json.loads(line)
    fields = {"index": 0, "end": 8, "nbytes": 9}
    for name, value in changes.items():
        item[fields[name]] += value
    return json.dumps(item, ensure_ascii=False).encode("utf-8") + b"\n"


def _join(sections: list[tuple[bytes, bytes]]) -> bytes:
    return b"".join(line + text for line, text in sections)


def _not_utf8(text: bytes) -> bytes:
    return text[:5] + b"\xff" + text[6:]


Garble = Callable[[bytes, list[tuple[bytes, bytes]], bytes], bytes]
GARBLES: dict[str, tuple[Garble, int | None]] = {
    # name: (the output the child writes, sections the child path may send first)
    "nothing at all": (lambda h, s, d: b"", None),
    "a header that is not JSON": (lambda h, s, d: b"{title\n" + _join(s) + d, None),
    "a header without a title": (lambda h, s, d: b'{"length": 3}\n' + _join(s) + d, None),
    "cut after the title": (lambda h, s, d: h, 0),
    "cut inside a section's text": (
        lambda h, s, d: h + _join(s[:3]) + s[3][0] + s[3][1][: len(s[3][1]) // 2],
        3,
    ),
    "cut inside a section's line": (lambda h, s, d: h + _join(s[:2]) + s[2][0][:7], 2),
    "a junk line": (lambda h, s, d: h + _join(s[:1]) + b"not json\n" + _join(s[1:]) + d, 1),
    "a length one byte long": (
        lambda h, s, d: (
            h + _join(s[:2]) + _relength(s[2][0], nbytes=1) + _join(s[2:])[len(s[2][0]) :] + d
        ),
        2,
    ),
    "an end past the text": (
        lambda h, s, d: h + _join(s[:2]) + _relength(s[2][0], end=1) + s[2][1] + _join(s[3:]) + d,
        2,
    ),
    "a section that is not UTF-8": (
        lambda h, s, d: h + _join(s[:4]) + s[4][0] + _not_utf8(s[4][1]) + _join(s[5:]) + d,
        4,
    ),
    "a section out of order": (
        lambda h, s, d: h + _join(s[:1]) + _relength(s[1][0], index=1) + s[1][1] + d,
        1,
    ),
    "no done line": (lambda h, s, d: h + _join(s), 10),
    "done without a digest": (lambda h, s, d: h + _join(s) + b'{"done": true}\n', 10),
    "done with a bad digest": (
        lambda h, s, d: h + _join(s) + b'{"done": true, "digest": "sha256:zz"}\n',
        10,
    ),
}


def _small_book(tmp_path: Path) -> Path:
    path = tmp_path / "small.md"
    path.write_text(
        "---\nprompts:\n  Part 7: Why seven?\n---\nBefore.\n\n"
        + "".join(f"## Part {i} {'🌱' if i == 4 else ''}\n\nBody “{i}”.\n\n" for i in range(9)),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("name", list(GARBLES))
def test_garbled_child_output_is_finished_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A real child that writes a damaged protocol: the outline is still whole and right."""
    path = _small_book(tmp_path)
    expected = read_article(path)
    assert len(expected.sections) == 10
    garble, from_child = GARBLES[name]
    written = tmp_path / "output.bin"
    written.write_bytes(garble(*_records(path)))

    def spawn(_: Path, __: object) -> subprocess.Popen[bytes]:
        copy = "import shutil, sys; shutil.copyfileobj(open(sys.argv[1], 'rb'), sys.stdout.buffer)"
        return subprocess.Popen(
            [sys.executable, "-c", copy, str(written)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
        )

    monkeypatch.setattr(outline_stream, "_spawn", spawn)
    stream = OutlineStream(path, child_from=0)
    items = list(stream)
    assert items[0] == expected.title
    assert outline(items[1:]) == outline(expected.sections)
    assert stream.digest == expected.digest
    assert stream.used_child is (from_child is not None)
    sections = [s for s in items if isinstance(s, Section)]
    # The child's sections are their own UTF-8; the rest share this process's one string.
    sent = from_child or 0
    assert all(isinstance(s.text, bytes) for s in sections[:sent])
    assert all(s.end == len(s.markdown) and s.start == 0 for s in sections[:sent])
    assert all(isinstance(s.text, str) for s in sections[sent:])
    assert len({id(s.text) for s in sections[sent:]}) <= 1
    for query in QUERIES:
        assert found(sections, query) == found(expected.sections, query)


# -- the pipe reader ---------------------------------------------------------------


def test_the_pipe_reader_hands_over_big_sections_and_keeps_nothing_read(tmp_path: Path) -> None:
    """Lines and multi-megabyte UTF-8 blocks, as a real pipe delivers them in pieces."""
    big = ("“quiet” " * 400_000).encode("utf-8")  # 4 MB, mostly ASCII
    wide = ("🌱" * 300_000).encode("utf-8")  # 1.2 MB of four-byte characters
    plain = b"quiet " * 300_000  # 1.8 MB of ASCII
    # Checked a megabyte at a time: these straddle a megabyte with an "é"
    # (b"x" first), then are not UTF-8 past it.
    good = b"x" + "é".encode() * 700_000
    bad = b"\xff\n"
    cut = "🌱".encode()[:3]  # a section that ends inside a character
    data = b"first\n" + big + b"second\n" + wide + plain + good + bad + good + cut
    data += b"\xe2\x80\nlast"
    written = tmp_path / "pipe.bin"
    written.write_bytes(data)
    copy = "import shutil, sys; shutil.copyfileobj(open(sys.argv[1], 'rb'), sys.stdout.buffer)"
    child = subprocess.Popen(
        [sys.executable, "-c", copy, str(written)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE
    )
    assert child.stdout is not None
    try:
        out = outline_stream._Drained(child.stdout)
        assert out.readline() == b"first\n"
        with pytest.raises(ValueError, match="not as long"):
            out.read_utf8(len(big), len(big))  # characters, not bytes
        got = out.read_utf8(len(big), 3_200_000)
        assert type(got) is bytes and got == big  # checked, kept as UTF-8
        assert out.readline() == b"second\n"
        assert out.read_utf8(len(wide), 300_000) == wide
        assert out.read_utf8(len(plain), len(plain)) == plain
        with pytest.raises(UnicodeDecodeError):
            out.read_utf8(len(good + bad), 700_003)
        assert out.read_utf8(len(good), 700_001) == good  # a failed read takes nothing
        assert out.readline() == bad
        with pytest.raises(UnicodeDecodeError):
            out.read_utf8(len(good + cut), 700_002)
        assert out.read_utf8(len(good), 700_001) == good
        with pytest.raises(UnicodeDecodeError):
            out.read_utf8(5, 1)  # three bytes of an emoji and two of a curly quote
        with pytest.raises(UnicodeDecodeError):
            out.read_utf8(2, 1)  # half a character
        assert out.readline() == cut + b"\xe2\x80\n"
        with pytest.raises(ValueError, match="ended inside a section"):
            out.read_utf8(len(b"last") + 1, len(b"last") + 1)
        assert out.readline() == b"last"
        assert out.readline() == b""
        assert len(out._data) == 0  # nothing already read is kept
    finally:
        child.stdout.close()
        child.wait()
