"""Find matches what the reader sees: the count in the find bar is the hits the
pane highlights and steps through, whatever Markdown made the text."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.article import read_article
from reflect.find_text import SourceTest, query_pattern
from reflect.reading import find_all
from reflect.screens.reader import ReaderScreen
from reflect.widgets.prose import Prose
from reflect.widgets.render import shown_texts

from .reader_support import copy_article, reading, settle


async def find(app, pilot, reader: ReaderScreen, query: str) -> str:
    """Type ``query`` in the find bar (opened if needed); the count it shows."""
    if not app.screen.query("#findbar") or not app.screen.query_one("#findbar").display:
        await pilot.press("slash")
        await settle(app, pilot)
    field = app.screen.query_one("#find-input")
    reader.find_done.clear()  # set again once this query's hits are shown
    field.value = query
    await asyncio.wait_for(reader.find_done.wait(), 30)
    await settle(app, pilot)
    return str(app.screen.query_one("#find-count").render())


def highlighted(reader: ReaderScreen) -> tuple[int, list[str]]:
    """Hits the pane marks (in its laid-out chunks) and the text of each marked line."""
    total = 0
    texts = []
    for prose in reader.pane.query(Prose):
        width = prose.content_size.width
        hits = prose.hits(width)
        total += len(hits.lines)
        lines = prose.lines(width)
        for y, spans in sorted(hits.spans.items()):
            texts.extend(lines[y].plain[a:b] for a, b, _ in spans)
    return total, texts


async def test_the_audit_cases_find_what_is_shown(private_dirs, tmp_path) -> None:
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        # A soft line break and emphasis in the source: shown as plain words.
        assert await find(app, pilot, reader, "floor is swept") == "1 / 1"
        assert reader.section_index == 1
        total, texts = highlighted(reader)
        assert total == 1
        assert " ".join(texts) == "floor is swept"  # on one line or two, as it wraps
        assert await find(app, pilot, reader, "forgets  to TICK") == "1 / 1"
        # Markup, list markers and table pipes are not shown, so not found.
        for query in ("**swept", "- a chair", "letter | table", "zzzqqq"):
            assert await find(app, pilot, reader, query) == "no matches", query
            assert highlighted(reader)[0] == 0
        # The table shows its own separator: that is found.
        assert await find(app, pilot, reader, "letter │ table") == "1 / 1"
        assert reader.section_index == 2


async def test_a_link_is_found_by_its_text_not_its_address(private_dirs, tmp_path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "link.md"
    article.write_text(
        "# Link\n\nSee [the page](https://example.com/lantern-guide) for more.\n\n"
        "## Next\n\nA lantern here.\n",
        encoding="utf-8",
    )
    async with reading(article, private_dirs) as (app, pilot, reader):
        assert await find(app, pilot, reader, "lantern") == "1 / 1"
        assert reader.section_index == 1
        assert await find(app, pilot, reader, "the page for") == "1 / 1"
        assert reader.section_index == 0
        assert highlighted(reader) == (1, ["the page for"])
        assert await find(app, pilot, reader, "example.com") == "no matches"


async def test_a_phrase_wrapped_on_screen_is_one_hit_marked_on_both_lines(
    private_dirs, tmp_path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    words = " ".join(f"w{n:02d}" for n in range(40))
    article = folder / "wrap.md"
    article.write_text(f"# Wrap\n\n{words}\n", encoding="utf-8")
    async with reading(article, private_dirs, size=(80, 24)) as (app, pilot, reader):
        (prose,) = reader.pane.query(Prose)
        lines = [line.plain for line in prose.lines(prose.content_size.width)]
        assert len(lines) >= 2
        last, first = lines[0].split()[-1], lines[1].split()[0]
        assert await find(app, pilot, reader, f"{last} {first}") == "1 / 1"
        total, texts = highlighted(reader)
        assert total == 1
        assert texts == [last, first]
        hits = prose.hits(prose.content_size.width)
        assert [hit for spans in hits.spans.values() for *_, hit in spans] == [0, 0]
        assert prose.current_hit == 0  # both halves drawn as the current hit
        for y in hits.spans:
            strip = prose.render_line(y)
            assert any(seg.style and seg.style.reverse for seg in strip)


async def test_stepping_reaches_every_hit_across_sections(private_dirs, tmp_path) -> None:
    article = copy_article("three-rooms.md", tmp_path / "articles")
    want = find_all(read_article(article).sections, "the", shown=shown_texts)
    async with reading(article, private_dirs) as (app, pilot, reader):
        assert await find(app, pilot, reader, "the") == f"1 / {len(want)}"
        seen = []
        for n in range(len(want)):
            match = reader._matches[reader._match]
            seen.append((match.section, match.nth))
            assert reader.section_index == match.section
            current = [p for p in reader.pane.query(Prose) if p.current_hit is not None]
            heading_hit = match.offset < 0
            assert len(current) == (0 if heading_hit else 1)
            count = str(app.screen.query_one("#find-count").render())
            assert count == f"{n + 1} / {len(want)}"
            await pilot.press("enter")
            await reader.find_done.wait()
            await settle(app, pilot)
        assert seen == [(m.section, m.nth) for m in want]
        assert str(app.screen.query_one("#find-count").render()) == f"1 / {len(want)}"
        await pilot.press("shift+enter")
        await reader.find_done.wait()
        await settle(app, pilot)
        assert str(app.screen.query_one("#find-count").render()) == f"{len(want)} / {len(want)}"


# -- the property: the bar's count is the pane's highlights ---------------------------

WORDS = ["lamp", "quiet", "room", "door", "sill", "Lantern", "the", "a", "garden"]
word = st.sampled_from(WORDS)


@st.composite
def inline(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        w = draw(word)
        kind = draw(st.sampled_from(["plain", "plain", "em", "strong", "link", "code"]))
        if kind == "em":
            w = f"*{w}*"
        elif kind == "strong":
            w = f"**{w}**"
        elif kind == "link":
            w = f"[{w}](https://example.com/{draw(word)})"
        elif kind == "code":
            w = f"`{w}`"
        parts.append(w)
        parts.append(draw(st.sampled_from([" ", " ", " ", "\n", "  \n"])))
    return "".join(parts).strip()


@st.composite
def section(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["para", "para", "list", "quote"]))
        if kind == "para":
            blocks.append(draw(inline()))
        elif kind == "list":
            items = draw(st.lists(inline(), min_size=1, max_size=3))
            blocks.append("\n".join(f"- {i.replace(chr(10), ' ')}" for i in items))
        else:
            blocks.append("> " + draw(inline()).replace("\n", "\n> "))
    return "\n\n".join(blocks)


@st.composite
def book_and_query(draw: st.DrawFn) -> tuple[str, str]:
    bodies = draw(st.lists(section(), min_size=1, max_size=3))
    text = "".join(f"## Part {n}\n\n{body}\n\n" for n, body in enumerate(bodies))
    shown = [t for body in bodies for t in shown_texts(body) if t.split()]
    block = draw(st.sampled_from(shown)).split()
    start = draw(st.integers(0, len(block) - 1))
    length = draw(st.integers(1, min(4, len(block) - start)))
    return text, " ".join(block[start : start + length])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=book_and_query())
def test_the_count_is_the_highlights_and_shown_text_is_found(
    case: tuple[str, str], tmp_path_factory: pytest.TempPathFactory, private_dirs
) -> None:
    text, query = case
    folder = tmp_path_factory.mktemp("prop")
    path = folder / "book.md"
    path.write_text(text, encoding="utf-8")
    sections = read_article(path).sections
    want = find_all(sections, query, shown=shown_texts)
    assert want, (query, text)  # taken from shown text: always found

    async def run() -> None:
        async with reading(path, private_dirs, guided=False) as (app, pilot, reader):
            assert await find(app, pilot, reader, query) == f"1 / {len(want)}"
            pattern = query_pattern(query)
            assert pattern is not None
            total = 0
            for index in sorted({m.section for m in want}):
                reader.go_to(index)
                await reader._show(index)
                await reader.pane.find(query, -1)
                await settle(app, pilot)
                heading = len(pattern.findall(reader.sections[index].heading))
                total += heading + highlighted(reader)[0]
            assert total == len(want)

    asyncio.run(run())


def test_the_source_test_never_drops_a_piece_that_shows_a_hit() -> None:
    """The cheap test on the source says yes wherever rendering finds a hit."""
    pieces = [
        "the *floor* is\nswept",
        "lan*tern*s and [lan](https://x)tern and lan[tern](https://y)",
        '[the](https://example.com/a_(b)_c "a title") of',
        "&amp; rock &amp; roll &#65;BC ![alt](x.png)",
        "| a | b |\n| --- | --- |\n| the | of |",
        "> the\n> of",
        "`the` `of`",
        "the\\\nof",
    ]
    for piece in pieces:
        for block in shown_texts(piece):
            words = block.split()
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + 4) + 1):
                    query = " ".join(words[i:j])
                    assert SourceTest(query).may_show(piece), (query, piece)


def test_reading_stays_free_of_textual() -> None:
    import subprocess
    import sys

    code = "import sys, reflect.reading, reflect.find_text; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)


async def test_closing_the_bar_unmarks_the_page_and_reopening_marks_it_again(
    private_dirs, tmp_path
) -> None:
    """Closed, the reader stays at the match and reads on unmarked; reopened, the
    same query and matches are there, and enter steps on from them."""
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs, guided=False) as (app, pilot, reader):
        await find(app, pilot, reader, "the")
        at = reader.section_index
        assert highlighted(reader)[0] > 0
        await pilot.press("escape")
        await settle(app, pilot)
        assert reader.section_index == at
        assert highlighted(reader)[0] == 0
        await pilot.press("n")
        await settle(app, pilot)
        assert highlighted(reader)[0] == 0
        await pilot.press("slash")
        await settle(app, pilot)
        assert highlighted(reader)[0] > 0
        reader.find_done.clear()
        await pilot.press("enter")
        await asyncio.wait_for(reader.find_done.wait(), 30)
        await settle(app, pilot)
        assert highlighted(reader)[0] > 0


def test_words_joined_by_adjacent_links_are_found(tmp_path) -> None:
    """[Java](…)[Script](…) shows "JavaScript": the source test must not skip it."""
    article = tmp_path / "links.md"
    article.write_text("# Links\n\nI wrote [Java](https://a)[Script](https://b) today.\n")
    sections = read_article(article).sections
    assert len(find_all(sections, "javascript", shown=shown_texts)) == 1


def test_snake_case_does_not_make_every_piece_rendered() -> None:
    """A "_" between letters is never emphasis: a piece of technical prose with no
    hit need not be rendered to know it (it made a search of 5 MB take 1 s)."""
    assert not SourceTest("zebra").may_show("Call the my_function helper with some_value.\n")
    assert SourceTest("thea").may_show("_the_`a`\n")  # emphasis closed, then code: "thea"


def test_a_search_overtaken_by_a_newer_one_stops(tmp_path) -> None:
    article = tmp_path / "many.md"
    article.write_text("".join(f"## Part {i}\n\nThe lamp, the lamp.\n\n" for i in range(50)))
    sections = read_article(article).sections
    everything = find_all(sections, "lamp", shown=shown_texts)
    assert len(everything) == 100
    asked = 0

    def stop() -> bool:
        nonlocal asked
        asked += 1
        return asked > 3  # a newer query arrived while the fourth piece was due

    assert len(find_all(sections, "lamp", shown=shown_texts, stop=stop)) == 6
