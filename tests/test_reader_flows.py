"""Whole reading flows through Pilot, asserting on the TOML the reader writes."""

from __future__ import annotations

from reflect.screens.pause import PauseScreen
from reflect.widgets.pane import SectionPane

from .reader_support import copy_article, notes_file, read_notes, reading, settle


async def test_read_with_n_pause_write_and_save(private_dirs, tmp_path):
    article = copy_article("three-rooms.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        assert reader.section_index == 0
        assert len(reader.sections) == 4
        await pilot.press("n")
        assert isinstance(app.screen, PauseScreen)
        await pilot.press(*"kept [this]")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert reader.section_index == 1
    data = read_notes(private_dirs, article)
    [entry] = data["reflections"]
    assert entry["section"] == reader.sections[0].anchor
    assert entry["text"] == "kept [this]"
    assert entry["heading"] == "Three Rooms"
