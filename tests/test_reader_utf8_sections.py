"""A big book outlined by the child: its sections are UTF-8 in the child's
spool file, which the reader reads a chunk at a time, for the pane it shows
and for find, and reads as ever."""

from __future__ import annotations

import os
from pathlib import Path

from reflect.article import read_article
from reflect.outline_stream import CHILD_FROM_BYTES
from reflect.reading import find_all
from reflect.spool import Spooled
from reflect.widgets.prose import Prose
from reflect.widgets.render import shown_texts

from .reader_support import reading, settle

PARAGRAPH = "“Slow” words about a quiet garden, 静かな庭, and a 🌱 on the sill. " * 5


def utf8_book(folder: Path) -> Path:
    """A first section longer than the first pane (so the outline extends it),
    then many short ones, with a lantern in a few."""
    folder.mkdir(parents=True, exist_ok=True)
    first = "\n\n".join(PARAGRAPH for _ in range(150))  # about 60 KB
    parts = [f"# A Book of Gardens 🌿\n\n{first}\n\n"]
    for i in range(1, 1500):
        lantern = " A lantern glows, “Lantern” says the 猫." if i % 500 == 250 else ""
        parts.append(f"## Garden {i} 🌱\n\n{PARAGRAPH}{lantern}\n\n")
    path = folder / "gardens.md"
    path.write_text("".join(parts), encoding="utf-8")
    assert path.stat().st_size >= CHILD_FROM_BYTES
    return path


async def test_a_child_outlined_book_shows_extends_and_finds(private_dirs, tmp_path) -> None:
    path = utf8_book(tmp_path / "articles")
    expected = read_article(path)
    async with reading(path, private_dirs) as (app, pilot, reader):
        assert len(reader.sections) == len(expected.sections)
        assert all(isinstance(s.text, Spooled) for s in reader.sections)  # on disk
        pane = reader.pane
        # The preview's cut first section was swapped for the child's whole one.
        first = reader.sections[0]
        assert pane.section is first
        assert first.size == expected.sections[0].size
        assert first.body == expected.sections[0].body
        for _ in range(20):
            if pane.complete:
                break
            pane.scroll_to(y=pane.max_scroll_y, animate=False)
            await settle(app, pilot)
        assert pane.complete
        shown = "".join(line.plain for p in pane.query(Prose) for line in p.lines(60))
        assert "静かな庭" in shown and "🌱" in shown
        # Laid out whole, in order: 150 paragraphs, none lost or doubled at a cut.
        assert shown.count("🌱") == 150 * 5

        hits = find_all(expected.sections, "lantern", shown=shown_texts)
        assert len(hits) == 6
        assert find_all(reader.sections, "lantern", shown=shown_texts) == hits
        await pilot.press("slash", *"lantern")
        await reader.find_done.wait()
        await settle(app, pilot)
        count = app.screen.query_one("#find-count")
        assert str(count.render()) == f"1 / {len(hits)}"
        assert reader.section_index == hits[0].section == 250
        assert pane.section is reader.sections[250]
        await pilot.press("enter", "enter")
        await reader.find_done.wait()
        await settle(app, pilot)
        assert str(count.render()) == f"3 / {len(hits)}"
        assert reader.section_index == hits[2].section == 750
        assert pane.section is reader.sections[750]


async def test_a_spool_that_fails_is_said_in_the_pane_and_the_find_bar(
    private_dirs, tmp_path
) -> None:
    """The book's text is read back from its spool file as it is shown: should
    that file fail (here it is cut to nothing under the reader), the pane says
    so in place of the text and a search says it could not run; the app goes on."""
    path = utf8_book(tmp_path / "articles")
    async with reading(path, private_dirs, guided=False) as (app, pilot, reader):
        spooled = reader.sections[1].text
        assert isinstance(spooled, Spooled)
        os.ftruncate(spooled.fileno(), 0)
        await pilot.press("n")
        await settle(app, pilot)
        assert reader.section_index == 1
        shown = "".join(line.plain for p in reader.pane.query(Prose) for line in p.lines(70))
        assert "could not be read back" in shown
        assert "garden" not in shown.lower()
        await pilot.press("slash", *"lantern")
        for _ in range(50):  # the search runs a moment after typing stops
            await settle(app, pilot)
            notes = [str(n.message) for n in app._notifications]
            if notes:
                break
        assert any(n.startswith("Could not search the article") for n in notes)
        await pilot.press("escape", "p")  # and reading goes on
        await settle(app, pilot)
        assert reader.section_index == 0
