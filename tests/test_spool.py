"""A big book's text kept on disk: the spool, read back a piece at a time.

The outline child writes each section's UTF-8 to an unlinked file (the spool)
and its sections then refer to it (:class:`reflect.spool.Spooled`); the pane
reads a body chunk by chunk (:class:`reflect.section_body.SectionBody`), and
find reads the same chunks.  Whatever
the text lies in (the article's string, the bytes a child sent, the spool),
what a reader sees and finds is the same.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.article import Section, read_article
from reflect.outline_stream import OutlineStream
from reflect.outline_worker import write_outline
from reflect.reading import Match, find_all
from reflect.section_body import SectionBody
from reflect.spool import Spooled
from reflect.widgets.render import shown_texts

JUNK_BEFORE = b"\xf0\x9f\x8c junk before\n"  # ends inside a character: nothing may bleed in
JUNK_AFTER = b"\n\x80\x80 junk after"


@contextmanager
def spool_over(data: bytes) -> Iterator[Spooled]:
    """A Spooled built directly: ``data`` between junk in a real temporary file."""
    with tempfile.TemporaryFile() as file:
        file.write(JUNK_BEFORE + data + JUNK_AFTER)
        file.flush()
        yield Spooled(file, len(JUNK_BEFORE), len(data))


# -- Spooled.read -----------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    data=st.binary(max_size=300),
    start=st.integers(0, 320),
    stop=st.one_of(st.none(), st.integers(0, 320)),
)
def test_spooled_read_is_a_slice(data: bytes, start: int, stop: int | None) -> None:
    with spool_over(data) as spooled:
        assert spooled.size == len(data)
        assert spooled.read() == data
        assert spooled.read(start) == data[start:]
        assert spooled.read(start, stop) == data[start:stop]


def test_spooled_reads_from_where_it_lies() -> None:
    with spool_over("“静か” 🌱".encode()) as spooled:
        assert spooled.read(0, 3) == "“".encode()
        assert spooled.read(3, 6) == "静".encode()
        assert spooled.read(100, 200) == b""
        assert spooled.read(5, 2) == b""
        assert spooled.decoded() == "“静か” 🌱"


def test_a_spooled_range_past_the_end_of_its_file_is_an_error() -> None:
    with tempfile.TemporaryFile() as file:
        file.write(b"0123456789")
        file.flush()
        spooled = Spooled(file, 4, 10)  # the file holds only 6 of its 10 bytes
        assert spooled.read(0, 6) == b"456789"
        with pytest.raises(OSError, match="ends early"):
            spooled.read()


# -- SectionBody over the three kinds of text ----------------------------------------


def unicode_book(folder: Path) -> Path:
    """Headings and bodies with curly quotes, CJK and emoji; one long section."""
    parts = [
        "---\ntitle: “Lanterns” 🌱 and 静けさ\n---\n",
        "Before any heading: “curly” words, 静か, 🌱.\n\n",
    ]
    for i in range(12):
        extra = "🏮" * 60 if i == 3 else "🏮" * (i % 3)  # a heading line of 240+ bytes
        parts.append(f"## “Chapter” {i} — 静かな夜 🌱{extra}\n\n")
        for n in range(400 if i == 5 else 7):
            if n % 9 == 4:
                parts.append(f"```\ncode “{n}” 🌱\n\nstill code 静か\n```\n\n")
            elif n % 9 == 6:
                parts.append(f"- item “{n}” 🏮\n\n  still the item, 静か\n- second e\u0301\n\n")
            elif n % 9 == 8:
                parts.append(f"> a quote 🌱 {n}\n> more “quote”\n\n")
            else:
                parts.append(
                    f"{n}: “Quiet” lantern light, 静かな言葉, 🌱 e\u0301 Тихо. " * 3 + "\n\n"
                )
    parts.append("Setext “heading” 静か\n-------------------\n\nLast words 🌱.\n")
    path = folder / "unicode-book.md"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def child_sections(path: Path, spool_dir: Path | None) -> list[Section]:
    stream = OutlineStream(path, child_from=0, spool_dir=spool_dir)
    sections = [s for s in stream if isinstance(s, Section)]
    assert stream.used_child
    return sections


def cuts(body: SectionBody, size: int) -> list[int]:
    """Every chunk end from the body's start, checking each advances."""
    pos, ends = body.start, []
    while pos < body.stop:
        end = body.next_cut(pos, size)
        assert pos < end <= body.stop
        ends.append(end)
        pos = end
    return ends


def pieces(body: SectionBody, ends: list[int]) -> list[str]:
    return [body.piece(a, b) for a, b in zip([body.start, *ends], ends, strict=False)]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Section]]:
    folder = tmp_path_factory.mktemp("book")
    path = unicode_book(folder)
    return {
        "here": read_article(path).sections,
        "child, by pipe": child_sections(path, None),
        "child, spooled": child_sections(path, folder / "cache"),
    }


def test_the_book_has_each_kind_of_text(book: dict[str, list[Section]]) -> None:
    kinds = {"here": str, "child, by pipe": bytes, "child, spooled": Spooled}
    for name, sections in book.items():
        assert len(sections) == 14  # the intro, 12 chapters, the setext heading
        assert all(isinstance(s.text, kinds[name]) for s in sections), name
    assert book["here"][4].heading == "“Chapter” 3 — 静かな夜 🌱" + "🏮" * 60
    assert max(s.size for s in book["here"]) > 30_000  # the long one: many chunks


@pytest.mark.parametrize("kind", ["here", "child, by pipe", "child, spooled"])
def test_a_body_read_whole_or_in_chunks_is_the_section_body(
    book: dict[str, list[Section]], kind: str
) -> None:
    expected = book["here"]
    for section, want in zip(book[kind], expected, strict=True):
        body = SectionBody(section)
        assert section.heading == want.heading
        assert body.piece(body.start, body.stop) == section.body == want.body
        assert body.stop - body.start == body.units(want.body)
        for size in (64, 300, 4096):
            ends = cuts(body, size)
            got = pieces(body, ends)
            assert "".join(got) == want.body
            assert all(p.endswith("\n") for p in got[:-1])  # cut after a line end
            if body.units(want.body) > 1.5 * size:
                assert len(ends) > 1


def test_bytes_and_spool_cut_alike(book: dict[str, list[Section]]) -> None:
    """Both are UTF-8 bytes: the same text cut at the same places."""
    for piped, spooled in zip(book["child, by pipe"], book["child, spooled"], strict=True):
        a, b = SectionBody(piped), SectionBody(spooled)
        assert (a.start, a.stop) == (b.start, b.stop)
        assert a.stop == len(piped.markdown.encode("utf-8"))
        for size in (64, 4096):
            assert cuts(a, size) == cuts(b, size)


def test_a_spooled_section_is_its_own_utf8(book: dict[str, list[Section]], tmp_path: Path) -> None:
    path = unicode_book(tmp_path)
    markdown = read_article(path).markdown
    for section, want in zip(book["child, spooled"], book["here"], strict=True):
        assert isinstance(section.text, Spooled)
        own = markdown[want.start : want.end]
        assert section.text.read() == own.encode("utf-8")
        assert section.markdown == own
        assert (section.start, section.body_start, section.end) == (
            0,
            want.body_start - want.start,
            len(own),
        )


clean_chars = st.characters(blacklist_categories=("Cs", "Cc"))  # as a read article is
paragraph = st.one_of(
    st.text(clean_chars, min_size=1, max_size=60),
    st.lists(st.text(clean_chars, max_size=30), min_size=1, max_size=5).map("\n".join),
    st.sampled_from(["```\n🌱 code\n\n静か\n```", "- “a”\n\n  b 静か\n- c", "> 🌱\n> e\u0301"]),
    st.sampled_from(["x" * 200, "静" * 100, "🌱" * 50]),
)


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    heading=st.text(clean_chars, min_size=1, max_size=30),
    paragraphs=st.lists(paragraph, max_size=40),
    size=st.integers(1, 200),
)
def test_next_cut_over_a_spooled_section(heading: str, paragraphs: list[str], size: int) -> None:
    line = f"## {heading}\n"
    text = line + "\n" + "\n\n".join(paragraphs) + "\n"
    data = text.encode("utf-8")
    with spool_over(data) as spooled:
        section = Section(
            index=0,
            level=2,
            anchor="a",
            heading="H",
            words=0,
            prompt=None,
            start=0,
            end=len(text),
            text=spooled,
            body_start=len(line),
        )
        body = SectionBody(section)
        assert (body.start, body.stop) == (len(line.encode("utf-8")), len(data))
        assert body.piece(body.start, body.stop) == section.body == text[len(line) :]
        got = pieces(body, cuts(body, size))
        assert "".join(got) == text[len(line) :]
        assert all(p.endswith("\n") for p in got[:-1])


# -- find_all over spooled sections ------------------------------------------------

LINE = "Lantern “light” 静かな夜 🌱 e\u0301 тихо {n:06d} by the LANTERN\n"
BIG_LINES = 36_000  # about 2.6 MiB: many chunks


def lantern_book(folder: Path) -> Path:
    big = "".join(LINE.format(n=n) + ("\n" if n % 10 == 9 else "") for n in range(BIG_LINES))
    path = folder / "lanterns.md"
    path.write_text(
        "# A Book of Lamps\n\nNo lamps here, only “quiet” 静か words.\n\n"
        "## Lantern Hall 🏮\n\n" + big + "\n"
        "## 静かな夜\n\nOne lantern, once. ТИХО.\n\n"
        "## The End 🌱\n\nNothing else.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def lanterns(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Section], list[Section]]:
    folder = tmp_path_factory.mktemp("lanterns")
    path = lantern_book(folder)
    here = read_article(path).sections
    spooled = child_sections(path, folder / "cache")
    assert all(isinstance(s.text, Spooled) for s in spooled)
    return here, spooled


def test_the_big_section_is_read_in_chunks(lanterns) -> None:
    """Find reads a big spooled section as the pane does: a chunk at a time."""
    _, spooled = lanterns
    big = spooled[1]
    assert big.heading == "Lantern Hall 🏮"
    assert isinstance(big.text, Spooled) and big.text.size > 2 * 1024 * 1024
    chunks = [text for _, text in SectionBody(big).chunks()]
    assert len(chunks) >= 3
    assert "".join(chunks) == big.body


QUERIES = ["lantern", "LANTERN", "“light”", "静かな", "🌱", "e\u0301", "ТИХО", "zq never here"]
FULL = 10**6  # above every hit count here


def find(sections: Sequence[Section], query: str, limit: int = 10_000) -> list[Match]:
    return find_all(sections, query, limit, shown=shown_texts)


def hits(matches: list[Match]) -> list[tuple[int, int]]:
    """Which hits, without where their chunks start: the pane cuts a child's
    section in bytes and the article's string in characters, so the chunks
    (and their offsets) of non-ASCII text differ, never the hits."""
    return [(m.section, m.nth) for m in matches]


@pytest.mark.parametrize("query", QUERIES)
def test_find_all_is_the_same_in_spooled_sections(lanterns, query: str) -> None:
    here, spooled = lanterns
    want = find(here, query, limit=FULL)
    assert hits(find(spooled, query, limit=FULL)) == hits(want)
    if query != "zq never here":
        assert want
    else:
        assert want == []


def test_find_all_hit_counts_by_hand(lanterns) -> None:
    here, spooled = lanterns
    for sections in (here, spooled):
        lantern = find(sections, "lantern", limit=FULL)
        assert find(sections, "LANTERN", limit=FULL) == lantern
        per_section = [sum(m.section == i for m in lantern) for i in range(4)]
        # Heading + two a line in the hall; one in the body of 静かな夜.
        assert per_section == [0, 1 + 2 * BIG_LINES, 1, 0]
        assert len(find(sections, "тихо", limit=FULL)) == BIG_LINES + 1
        # The hall's lines and the heading of 静かな夜 (the intro's 静か is not followed by な).
        assert len(find(sections, "静かな", limit=FULL)) == BIG_LINES + 1
        # Two words over a line end: each hall line not followed by a blank line
        # (every tenth is, the last among them): a soft break shows as a space.
        multi = find(sections, "LANTERN\nLantern", limit=FULL)
        assert len(multi) == BIG_LINES - BIG_LINES // 10
        assert find(sections, "lantern   lantern", limit=FULL) == multi
    assert hits(find(spooled, "LANTERN\nLantern", limit=FULL)) == hits(
        find(here, "LANTERN\nLantern", limit=FULL)
    )


def test_find_all_finds_hits_at_every_chunk_edge(lanterns) -> None:
    """The big section is read a chunk at a time, the pane's chunks: every hit
    is counted once, in the chunk the pane shows it in (its offset is where
    that chunk starts), none lost or doubled at a cut."""
    _, spooled = lanterns
    big = spooled[1]
    chunks = list(SectionBody(big).chunks())
    assert len(chunks) > 50
    assert "".join(text for _, text in chunks) == big.body
    found = [m for m in find(spooled, "lantern", limit=FULL) if m.section == 1]
    assert [m.nth for m in found] == list(range(len(found)))
    body_hits = [m.offset for m in found[1:]]  # the first is in the heading
    want = [offset for offset, text in chunks for _ in re.finditer("lantern", text, re.IGNORECASE)]
    assert body_hits == want


def test_find_all_stops_at_the_limit_alike(lanterns) -> None:
    here, spooled = lanterns
    full = hits(find(here, "lantern", limit=FULL))
    assert hits(find(spooled, "lantern")) == hits(find(here, "lantern")) == full[:10_000]
    first = next(SectionBody(spooled[1]).chunks())[0]
    in_first = sum(
        1 for m in find(spooled, "lantern", limit=FULL) if m.section == 1 and m.offset == first
    )
    assert in_first > 10  # the first chunk's hits
    # Reached in the body: early, at the first chunk's last hit, in the second chunk.
    for limit in (5, 1 + in_first, 2 + in_first, 5 + in_first):
        got = find(spooled, "lantern", limit=limit)
        assert hits(got) == hits(find(here, "lantern", limit=limit)) == full[:limit]
    assert find(spooled, "   ") == find(here, "   ") == []


def test_find_all_limit_counts_heading_hits(tmp_path: Path, lanterns) -> None:
    """``limit`` caps the list however many of the hits are in headings, as it
    did before spooling (``return found[:limit]``)."""
    path = tmp_path / "headings.md"
    path.write_text(
        "# Lantern lantern LANTERN\n\nquiet body\n\n"
        "## Lantern again, lantern\n\nno hits here\n\n"
        "## Third lantern\n\nnone\n",
        encoding="utf-8",
    )
    sections = read_article(path).sections
    full = find(sections, "lantern")
    assert len(full) == 6
    assert all(m.offset == -1 for m in full)
    assert find(sections, "lantern", limit=2) == full[:2]
    # The limit reached by the hall's heading hit: no body hit after it.
    for book in lanterns:
        assert find(book, "lantern", limit=1) == [Match(1, 0, -1)]


# -- fallbacks: no spool, or one that cannot be written ----------------------------------


def outline(sections: Sequence[Section]) -> list[tuple[object, ...]]:
    return [(s.index, s.level, s.anchor, s.heading, s.words, s.prompt, s.body) for s in sections]


def test_a_spool_folder_that_cannot_be_made_sends_the_text_by_pipe(tmp_path: Path) -> None:
    path = unicode_book(tmp_path)
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder should be")
    sections = child_sections(path, not_a_folder)
    assert all(isinstance(s.text, bytes) for s in sections)
    assert outline(sections) == outline(read_article(path).sections)
    assert not_a_folder.read_text() == "a file where the cache folder should be"


def parse(data: bytes) -> tuple[object, list[tuple[list[object], bytes | None]], object]:
    """The child's output: header, (section line, inline text or None), done line."""
    pos = data.index(b"\n") + 1
    header, sections = json.loads(data[:pos]), []
    while True:
        end = data.index(b"\n", pos) + 1
        item = json.loads(data[pos:end])
        pos = end
        if isinstance(item, dict):
            assert pos == len(data)
            return header, sections, item
        assert len(item) == 11
        nbytes, at = item[9], item[10]
        if at is None:
            sections.append((item, data[pos : pos + nbytes]))
            pos += nbytes
        else:
            sections.append((item, None))


def own_texts(path: Path) -> list[bytes]:
    article = read_article(path)
    return [article.markdown[s.start : s.end].encode("utf-8") for s in article.sections]


def test_a_spool_that_cannot_be_written_sends_every_section_inline(tmp_path: Path) -> None:
    path = unicode_book(tmp_path)
    read_only = tmp_path / "spool"
    read_only.write_bytes(b"")
    fd = os.open(read_only, os.O_RDONLY)
    try:
        out = io.BytesIO()
        write_outline(path, out, fd)
    finally:
        os.close(fd)
    header, sections, done = parse(out.getvalue())
    assert header == {"title": "“Lanterns” 🌱 and 静けさ"}
    assert [item[10] for item, _ in sections] == [None] * len(sections)
    assert [text for _, text in sections] == own_texts(path)
    assert done == {"done": True, "digest": read_article(path).digest}
    assert read_only.read_bytes() == b""


def test_a_writable_spool_holds_every_section_and_the_pipe_none(tmp_path: Path) -> None:
    path = unicode_book(tmp_path)
    spool = tmp_path / "spool"
    spool.write_bytes(b"already here\n")  # sections go after what the file holds
    fd = os.open(spool, os.O_RDWR)
    try:
        out = io.BytesIO()
        write_outline(path, out, fd)
    finally:
        os.close(fd)
    data = out.getvalue()
    header, sections, done = parse(data)
    assert header == {"title": "“Lanterns” 🌱 and 静けさ"}
    expected = own_texts(path)
    assert len(sections) == len(expected) == 14
    assert all(text is None for _, text in sections)
    assert len(data.splitlines()) == 1 + len(sections) + 1  # lines only: no text on the pipe
    held = spool.read_bytes()
    assert held.startswith(b"already here\n")
    at = len(b"already here\n")
    for (item, _), want in zip(sections, expected, strict=True):
        assert item[10] == at  # one after another
        assert item[9] == len(want)
        assert held[at : at + len(want)] == want
        at += len(want)
    assert at == len(held)
    assert done == {"done": True, "digest": read_article(path).digest}


# -- nothing left behind --------------------------------------------------------------


def open_in(folder: Path) -> Iterator[str]:
    """This process's open descriptors on files in ``folder`` (Linux /proc)."""
    for entry in os.scandir("/proc/self/fd"):
        try:
            target = os.readlink(entry.path)
        except OSError:
            continue
        if target.startswith(f"{folder}/"):
            yield target


def test_the_spool_leaves_nothing_behind(tmp_path: Path) -> None:
    path = unicode_book(tmp_path)
    spool_dir = tmp_path / "deep" / "cache"
    sections = child_sections(path, spool_dir)
    assert all(isinstance(s.text, Spooled) for s in sections)
    assert stat.S_IMODE(spool_dir.stat().st_mode) == 0o700
    assert list(spool_dir.iterdir()) == []  # unlinked from the start
    assert len(list(open_in(spool_dir))) == 1  # one file, held open by the sections
    assert sections[5].body == read_article(path).sections[5].body
    del sections
    assert list(open_in(spool_dir)) == []  # closed with the last section
    assert list(spool_dir.iterdir()) == []


class _Delivered(io.RawIOBase):
    """What a pipe would carry: each write the buffered stream hands down."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[no-untyped-def,override]
        self.writes.append(bytes(data))
        return len(data)


def test_spooled_sections_are_sent_one_at_a_time(tmp_path: Path) -> None:
    """With the text in the spool, only a short line per section goes down the
    pipe: each is sent as its section is found, not when 8 KB of lines have
    piled up in the buffer (a book of a few long sections arrived all at once,
    at the end).  Here the child's stdout is as buffered as it is on a pipe."""
    path = unicode_book(tmp_path)
    expected = read_article(path).sections
    delivered = _Delivered()
    out = io.BufferedWriter(delivered, buffer_size=8192)
    with tempfile.TemporaryFile() as spool:
        write_outline(path, out, spool.fileno())
    lines = [json.loads(write) for write in delivered.writes]  # one whole line each
    sections = [line for line in lines if isinstance(line, list)]
    assert [line[0] for line in sections] == list(range(len(expected)))
    assert lines[0] == {"title": read_article(path).title}
    assert lines[-1]["done"] is True


def test_a_reader_started_without_stdin_stdout_stderr_still_spools(tmp_path: Path) -> None:
    """Its spool must not take descriptor 0, 1 or 2: the child's own standard
    streams would replace it there, and the spool would silently fail."""
    import subprocess
    import sys

    path = unicode_book(tmp_path)
    report = tmp_path / "report.json"
    script = f"""
import json, os
from pathlib import Path
for fd in (0, 1, 2):
    os.close(fd)
from reflect.outline_stream import OutlineStream
from reflect.spool import Spooled
stream = OutlineStream(Path({str(path)!r}), child_from=0, spool_dir=Path({str(tmp_path / "cache")!r}))
sections = [s for s in stream if not isinstance(s, str)]
Path({str(report)!r}).write_text(json.dumps({{
    "child": stream.used_child,
    "spooled": all(isinstance(s.text, Spooled) for s in sections),
    "fds": sorted({{s.text.fileno() for s in sections if isinstance(s.text, Spooled)}}),
    "bodies": [s.body for s in sections],
}}))
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["child"] and result["spooled"]
    assert len(result["fds"]) == 1 and result["fds"][0] >= 3
    assert result["bodies"] == [s.body for s in read_article(path).sections]
