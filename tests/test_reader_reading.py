"""The reading session's rules, without the UI."""

from __future__ import annotations

import subprocess
import sys

from reflect.article import read_article
from reflect.reading import (
    DEFAULT_PROMPT,
    Match,
    Visit,
    find_all,
    minutes_left,
    progress_text,
    prompt_for,
)
from reflect.widgets.render import shown_texts

from .reader_support import FIXTURES, SEED


def test_progress_line_counts_sections_and_minutes_left_at_230_wpm():
    sections = read_article(SEED).sections
    assert len(sections) == 7
    total = sum(s.words for s in sections)
    assert minutes_left(sections, 0) == -(-total // 230)
    assert progress_text(2, sections, True).startswith("3 / 7 · ")
    assert progress_text(2, sections, True).endswith("min left")
    assert progress_text(6, sections, True) == "7 / 7 · under a minute left"
    assert progress_text(0, sections[:3], False) == "1 / 3+"


def test_each_section_pauses_once_per_visit_and_only_when_guided():
    visit = Visit()
    assert visit.should_pause(0, guided=True)
    assert not visit.should_pause(0, guided=False)
    visit.paused.add(0)
    assert not visit.should_pause(0, guided=True)
    assert visit.should_pause(1, guided=True)
    visit = Visit()
    assert visit.minutes_read(now=visit.started + 20) == 0  # "under a minute", not "about one"
    assert visit.minutes_read(now=visit.started + 40) == 1
    assert visit.minutes_read(now=visit.started + 25 * 60) == 25


def test_prompt_from_front_matter_else_the_default():
    sections = read_article(FIXTURES / "three-rooms.md").sections
    assert prompt_for(sections[2]) == "What did the second room ask of you?"
    assert prompt_for(sections[1]) == DEFAULT_PROMPT


def test_find_all_across_headings_and_bodies_in_reading_order():
    sections = read_article(FIXTURES / "three-rooms.md").sections

    def find(query: str, limit: int = 10_000) -> list[Match]:
        return find_all(sections, query, limit, shown=shown_texts)

    found = find("LANTERN")
    assert [(m.section, m.nth) for m in found] == [(1, 0), (2, 0), (2, 1), (3, 0)]
    assert all(m.offset >= 0 for m in found)
    assert find("room")[0] == Match(0, 0, -1)  # in the title heading
    assert find("   ") == []
    assert find("[b]") == []
    assert len(find("e", limit=5)) == 5


def test_reading_logic_does_not_import_textual():
    code = "import sys, reflect.reading; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
