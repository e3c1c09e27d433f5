"""Very long sections are laid out lazily, in block-aligned chunks."""

from __future__ import annotations

from reflect.sections import block_parser
from reflect.widgets.pane import CHUNK, next_cut
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


def test_cuts_fall_on_top_level_block_boundaries(tmp_path):
    body = long_article(tmp_path, 3000).read_text(encoding="utf-8")
    body = body[body.index("\n\n") + 2 :]
    pos = 0
    cuts = []
    while pos < len(body):
        end = next_cut(body, pos, CHUNK)
        assert end > pos
        cuts.append(end)
        pos = end
    assert len(cuts) > 5
    whole = block_parser().parse(body)
    starts = {t.map[0] for t in whole if t.level == 0 and t.nesting >= 0 and t.map}
    for cut in cuts[:-1]:
        assert body[:cut].count("\n") in starts


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
