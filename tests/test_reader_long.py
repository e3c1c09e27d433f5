"""Very long sections are laid out lazily, in block-aligned chunks."""

from __future__ import annotations

import pytest

from reflect.article import read_article
from reflect.outline_stream import OutlineStream
from reflect.section_body import CHUNK, SectionBody
from reflect.sections import block_parser
from reflect.spool import Spooled
from reflect.widgets.prose import Prose

from .reader_support import reading, settle

PARAGRAPH = "Slow words about a quiet garden and a lantern on the sill. " * 6


def long_article(folder, paragraphs: int = 8000, tail: str = "") -> object:
    folder.mkdir(parents=True, exist_ok=True)
    blocks = []
    for n in range(paragraphs):
        if n % 50 == 7:
            blocks.append("```\ncode block\n\nwith a blank line inside\n```")
        elif n % 50 == 20:
            blocks.append("- item one\n\n  still item one\n- item two")
        else:
            blocks.append(f"{n}: {PARAGRAPH}")
    path = folder / "long.md"
    path.write_text("# One Long Section\n\n" + "\n\n".join(blocks) + tail + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("split", ["here", "child, by pipe", "child, spooled"])
def test_cuts_fall_on_top_level_block_boundaries(tmp_path, split):
    """Wherever the section's text lies (the article's string, a child's bytes,
    a spool file), its chunks end where a whole-text parse starts a block."""
    path = long_article(tmp_path, 3000)
    if split == "here":
        sections = read_article(path).sections
    else:
        spool = tmp_path / "cache" if split == "child, spooled" else None
        stream = OutlineStream(path, child_from=0, spool_dir=spool)
        sections = [s for s in stream if not isinstance(s, str)]
        assert stream.used_child
        kind = Spooled if spool else bytes
        assert all(isinstance(s.text, kind) for s in sections)
    (section,) = sections
    body = SectionBody(section)
    text = section.body
    pos = body.start
    cuts = []
    pieces = []
    while pos < body.stop:
        end = body.next_cut(pos, CHUNK)
        assert end > pos
        pieces.append(body.piece(pos, end))
        cuts.append(len("".join(pieces)))
        pos = end
    assert "".join(pieces) == text  # the pieces are the body, whole and in order
    assert len(cuts) > 5
    whole = block_parser().parse(text)
    starts = {t.map[0] for t in whole if t.level == 0 and t.nesting >= 0 and t.map}
    for cut in cuts[:-1]:
        assert text[:cut].count("\n") in starts


async def test_a_huge_section_opens_with_a_few_chunks_and_grows_on_scroll(private_dirs, tmp_path):
    article = long_article(tmp_path / "articles", 8000, tail="\n\nthe very last zephyr word")
    assert article.stat().st_size > 2_000_000
    async with reading(article, private_dirs) as (app, pilot, reader):
        pane = reader.pane
        first = len(pane.query(Prose))
        assert 1 <= first <= 4
        assert not pane.complete
        await pilot.press("pagedown")
        for _ in range(5):
            pane.scroll_to(y=pane.max_scroll_y, animate=False)
            await settle(app, pilot)
        assert len(pane.query(Prose)) > first
        # Find reaches the very end, laying out what it must on the way.
        await pilot.press("slash", *"zephyr")
        await reader.find_done.wait()
        await settle(app, pilot)
        assert str(app.screen.query_one("#find-count").render()) == "1 / 1"
        assert pane.complete
        assert pane.scroll_y > 1000
