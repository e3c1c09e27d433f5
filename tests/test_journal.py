"""The journal's queries: by section in reading order, newest first, search, orphans."""

from __future__ import annotations

import pytest

from reflect.journal import all_entries, article_entries, by_section, for_id, newest_first, search
from reflect.library import library_folders
from reflect.library_cache import ArticleCache
from tests.library_support import at, fill_library, isolate, make_dirs, meta_of, write_notes


@pytest.fixture
def setup(tmp_path, monkeypatch):
    isolate(monkeypatch)
    dirs = make_dirs(tmp_path)
    articles = fill_library(dirs)
    store = write_notes(dirs, articles)
    return dirs, articles, store


def load(dirs, store):
    return all_entries(store, ArticleCache(dirs.cache), library_folders(dirs))


def test_by_section_follows_reading_order_then_date(setup):
    dirs, articles, store = setup
    meta = meta_of(articles["walking-away"])
    store.add(
        "walking-away",
        meta,
        "walking-away",
        "Walking Away",
        "Later.",
        now=at("2026-11-26T12:00:00"),
    )
    groups = by_section(for_id(load(dirs, store), "walking-away"))
    assert [(heading, [e.reflection.text for e in entries]) for heading, _, entries in groups] == [
        ("Walking Away", ["Courage looks quiet sometimes.", "Later."]),
        ("Leaving Can Be a Gift", ["Leaving is not failing.\nIt can be the kindest choice."]),
        ("What Stays", ["What stays is who I became."]),
    ]


def test_newest_first_across_articles(setup):
    dirs, _, store = setup
    texts = [e.reflection.text for e in newest_first(load(dirs, store))]
    assert texts == [
        "What stays is who I became.",
        "Patience with water, patience with people.",
        "Courage looks quiet sometimes.",
        "Leaving is not failing.\nIt can be the kindest choice.",
    ]


def test_search_matches_every_word_in_text_heading_or_title(setup):
    dirs, _, store = setup
    entries = load(dirs, store)
    assert [e.reflection.text for e in search(entries, "PATIENCE")] == [
        "Patience with water, patience with people."
    ]
    assert {e.article_id for e in search(entries, "walking")} == {"walking-away"}
    assert [e.reflection.text for e in search(entries, "kindest leaving")] == [
        "Leaving is not failing.\nIt can be the kindest choice."
    ]
    assert search(entries, "kindest kettle") == []
    assert len(search(entries, "   ")) == 4


def test_orphaned_notes_are_marked_and_last(setup):
    dirs, articles, store = setup
    path = articles["walking-away"]
    path.write_text(path.read_text().replace("## What Stays", "## Everything Else Entirely"))
    entries = article_entries(store, ArticleCache(dirs.cache), path)
    groups = by_section(entries)
    heading, orphaned, last = groups[-1]
    assert orphaned and heading == "What Stays"
    assert [e.reflection.text for e in last] == ["What stays is who I became."]
    assert not any(o for _, o, _ in groups[:-1])


def test_entries_of_a_missing_article_keep_the_recorded_title(setup):
    dirs, articles, store = setup
    articles["walking-away"].unlink()
    mine = for_id(load(dirs, store), "walking-away")
    assert {e.title for e in mine} == {"Walking Away"}
    assert {e.path for e in mine} == {None}
    assert not any(e.orphaned for e in mine)  # no outline: nothing to compare with
    assert mine[0].meta.source == str(articles["walking-away"])


def test_search_finds_accents_however_they_are_spelled(setup):
    dirs, articles, store = setup
    from tests.library_support import meta_of

    store.add(
        "walking-away",
        meta_of(articles["walking-away"]),
        "what-stays",
        "What Stays",
        "A cafe\u0301 by the sea, and a re\u0301sume\u0301 of the year.",  # decomposed, as pasted
    )
    entries = load(dirs, store)
    found = [e.reflection.text for e in search(entries, "CAFÉ résumé")]
    assert found == ["A cafe\u0301 by the sea, and a re\u0301sume\u0301 of the year."]
