"""The library's domain: scanning, the cache, counts, on-this-day, finding articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from reflect.errors import ReflectError
from reflect.journal import on_this_day
from reflect.library import (
    LibraryEntry,
    find_article,
    first_article,
    library_folders,
    reading_minutes,
    scan,
    today,
    when_label,
)
from reflect.library_cache import CACHE_NAME, CACHE_VERSION, ArticleCache
from reflect.store import NotesStore
from tests.library_support import at, fill_library, isolate, make_dirs, write_notes


def cache_rows(dirs) -> dict[str, list]:
    lines = (dirs.cache / CACHE_NAME).read_text().splitlines()
    assert json.loads(lines[0]) == {"version": CACHE_VERSION}
    return {row[0]: row for row in map(json.loads, lines[1:])}


def write_rows(dirs, rows: dict[str, list]) -> None:
    lines = [json.dumps({"version": CACHE_VERSION}), *map(json.dumps, rows.values())]
    (dirs.cache / CACHE_NAME).write_text("\n".join(lines) + "\n")


def all_entries(dirs, folder=None) -> list[LibraryEntry]:
    cache = ArticleCache(dirs.cache)
    store = NotesStore(dirs.notes)
    return [e for batch in scan(library_folders(dirs, folder), cache, store) for e in batch]


def by_name(entries: list[LibraryEntry]) -> dict[str, LibraryEntry]:
    return {e.path.name: e for e in entries}


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    isolate(monkeypatch)
    return make_dirs(tmp_path)


def test_scan_lists_every_article_with_counts_and_notes(dirs):
    articles = fill_library(dirs)
    write_notes(dirs, articles)
    found = by_name(all_entries(dirs))
    assert set(found) == {
        "a-quiet-morning.md",
        "broken.txt",
        "hostile-title.md",
        "notes-on-attention.md",
        "walking-away.md",
    }
    walking = found["walking-away.md"]
    assert walking.title == "Walking Away"
    assert len(walking.info.sections) == 4
    assert walking.reflected == 3
    assert walking.reflections == 3
    assert walking.opened == at("2026-11-26T12:00:00")
    assert walking.minutes == 1
    attention = found["notes-on-attention.md"]
    assert (attention.reflected, attention.opened) == (0, None)


def test_unreadable_files_are_listed_with_a_reason_not_raised(dirs):
    fill_library(dirs)
    (dirs.library / "folder.md").mkdir()  # a folder with an article's name is skipped
    broken = by_name(all_entries(dirs))["broken.txt"]
    assert broken.unreadable
    assert "binary" in (broken.info.error or "")
    assert str(dirs.library) not in (broken.info.error or "")  # the row names the file already
    assert "folder.md" not in by_name(all_entries(dirs))


def test_hidden_files_and_other_suffixes_are_not_articles(dirs):
    dirs.library.mkdir(parents=True)
    (dirs.library / ".draft.md").write_text("# Hidden\n")
    (dirs.library / "photo.jpg").write_bytes(b"\xff\xd8")
    (dirs.library / "Essay.MARKDOWN").write_text("# Essay\n\nText.\n")
    assert set(by_name(all_entries(dirs))) == {"Essay.MARKDOWN"}


def test_first_batch_is_small_so_rows_show_at_once(dirs):
    dirs.library.mkdir(parents=True)
    for n in range(100):
        (dirs.library / f"article-{n:03}.md").write_text(f"# Article {n}\n\nSome words.\n")
    batches = list(scan(library_folders(dirs), ArticleCache(dirs.cache), NotesStore(dirs.notes)))
    assert len(batches[0]) <= 30
    assert sum(len(b) for b in batches) == 100


def test_given_folder_and_bundled_folder_are_listed_too(dirs, tmp_path, monkeypatch):
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    (bundled / "seed.md").write_text("# Seed\n\nText.\n")
    monkeypatch.setenv("REFLECT_BUNDLED_DIR", str(bundled))
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "other.md").write_text("# Other\n\nText.\n")
    assert set(by_name(all_entries(dirs, folder))) == {"seed.md", "other.md"}


def test_cache_is_used_when_unchanged_and_invalidated_by_mtime_and_size(dirs):
    fill_library(dirs, broken=False)
    all_entries(dirs)
    key = str((dirs.library / "notes-on-attention.md").resolve())
    # Plant a different title: an unchanged file must come from the cache.
    rows = cache_rows(dirs)
    rows[key][4] = "From the cache"
    write_rows(dirs, rows)
    assert by_name(all_entries(dirs))["notes-on-attention.md"].title == "From the cache"

    # Same size, new mtime: read again.
    path = dirs.library / "notes-on-attention.md"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert by_name(all_entries(dirs))["notes-on-attention.md"].title == "Notes on Attention"

    # Same mtime, new size: read again.
    rows = cache_rows(dirs)
    rows[key][4] = "Stale"
    write_rows(dirs, rows)
    st = path.stat()
    path.write_text(path.read_text().replace("# Notes on Attention", "# Notes on Attention, Again"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert by_name(all_entries(dirs))["notes-on-attention.md"].title == "Notes on Attention, Again"


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{not json",
        b"[1, 2]",
        b'{"version": 99}',
        b'{"version": 1, "articles": {}}',
        b"\xff\xfe",
    ],
)
def test_a_corrupt_cache_is_ignored_and_rewritten(dirs, garbage):
    fill_library(dirs, broken=False)
    dirs.cache.mkdir(parents=True)
    (dirs.cache / CACHE_NAME).write_bytes(garbage)
    assert len(all_entries(dirs)) == 4
    assert len(cache_rows(dirs)) == 4


def test_a_bad_row_in_the_cache_is_read_again(dirs):
    fill_library(dirs, broken=False)
    all_entries(dirs)
    rows = cache_rows(dirs)
    for row in rows.values():
        row[6] = "not a number"
    write_rows(dirs, rows)
    with open(dirs.cache / CACHE_NAME, "a") as handle:
        handle.write('["torn line", 1, 2\n')
    assert by_name(all_entries(dirs))["walking-away.md"].title == "Walking Away"
    assert len(cache_rows(dirs)) == 4  # rewritten whole


def test_rows_of_deleted_files_leave_the_cache(dirs):
    articles = fill_library(dirs, broken=False)
    all_entries(dirs)
    articles["walking-away"].unlink()
    (dirs.library / "new.md").write_text("# New\n\nText.\n")
    all_entries(dirs)
    assert sorted(Path(k).name for k in cache_rows(dirs)) == [
        "a-quiet-morning.md",
        "hostile-title.md",
        "new.md",
        "notes-on-attention.md",
    ]


def test_the_cache_leaves_no_temp_files(dirs):
    fill_library(dirs)
    all_entries(dirs)
    assert [p.name for p in dirs.cache.iterdir()] == [CACHE_NAME]


def test_reading_time_is_230_words_a_minute():
    assert reading_minutes(0) == 0
    assert reading_minutes(1) == 1
    assert reading_minutes(230) == 1
    assert reading_minutes(231) == 2
    assert reading_minutes(2300) == 10


def test_today_can_be_fixed(monkeypatch):
    monkeypatch.setenv("REFLECT_TODAY", "2030-02-03")
    assert today() == date(2030, 2, 3)
    monkeypatch.setenv("REFLECT_TODAY", "nonsense")
    assert today() == date.today()


def test_when_label_is_a_date_a_person_says():
    day = date(2026, 11, 27)
    assert when_label(None, day) == "—"
    assert when_label(at("2026-11-27T12:00:00"), day) == "today"
    assert when_label(at("2026-11-26T12:00:00"), day) == "yesterday"
    assert when_label(at("2026-11-02T12:00:00"), day) == "2 Nov"
    assert when_label(at("2025-11-02T12:00:00"), day) == "2 Nov 2025"


def test_on_this_day_finds_earlier_months_and_years_only(dirs):
    articles = fill_library(dirs)
    store = write_notes(dirs, articles)
    from tests.library_support import meta_of

    meta = meta_of(articles["notes-on-attention"])
    store.add(
        "notes-on-attention", meta, "rest", "Rest", "A month ago.", now=at("2026-10-27T12:00:00")
    )
    store.add("notes-on-attention", meta, "coda", "Coda", "Today.", now=at("2026-11-27T12:00:00"))
    store.add(
        "notes-on-attention", meta, "coda", "Coda", "Other day.", now=at("2026-10-26T12:00:00")
    )
    memories = on_this_day(store, date(2026, 11, 27))
    assert [(m.text, m.ago) for m in memories] == [
        ("A month ago.", "a month ago"),
        ("Leaving is not failing.\nIt can be the kindest choice.", "a year ago"),
    ]
    assert memories[1].title == "Walking Away"
    assert on_this_day(store, date(2026, 11, 28)) == []


def test_find_article_follows_the_source_then_the_id(dirs, tmp_path):
    articles = fill_library(dirs)
    folders = library_folders(dirs)
    walking = articles["walking-away"].resolve()
    assert find_article("walking-away", str(walking), folders) == walking
    # The file moved: found by its id in the library.
    assert find_article("walking-away", "/gone/walking-away.md", folders) == walking
    # A relative source is tried against the bases.
    assert find_article("walking-away", "library/walking-away.md", folders, bases=[tmp_path]) == (
        tmp_path / "library" / "walking-away.md"
    )
    # A source that names another article is not trusted.
    other = str(articles["notes-on-attention"])
    assert find_article("walking-away", other, folders) == walking
    assert find_article("nowhere", "", folders) is None


def test_library_modules_do_not_import_textual():
    code = (
        "import sys, reflect.library, reflect.library_cache, reflect.journal;"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_library_folders_do_not_repeat(dirs, tmp_path, monkeypatch):
    monkeypatch.setenv("REFLECT_BUNDLED_DIR", str(dirs.library))
    assert library_folders(dirs, dirs.library) == [Path(dirs.library).resolve()]


def test_first_rows_come_back_for_unchanged_files_only(dirs):
    from reflect.library import first_rows, remember_first_rows
    from reflect.library_cache import HEAD_NAME

    articles = fill_library(dirs, broken=False)
    write_notes(dirs, articles)
    folders = library_folders(dirs)
    entries = sorted(all_entries(dirs), key=lambda e: e.title.casefold())
    remember_first_rows(dirs.cache, folders, entries)
    again = first_rows(dirs.cache, folders)
    assert [(e.title, e.reflected, e.opened) for e in again] == [
        (e.title, e.reflected, e.opened) for e in entries
    ]
    # A changed file is left to the scan; another folder list gets nothing.
    articles["walking-away"].write_text("# Walking Away, Revised\n\nNew.\n")
    assert "Walking Away" not in [e.title for e in first_rows(dirs.cache, folders)]
    assert first_rows(dirs.cache, [*folders, dirs.notes]) == []
    (dirs.cache / HEAD_NAME).write_text("{broken")
    assert first_rows(dirs.cache, folders) == []


def test_find_article_with_an_index_lists_the_folders_once(dirs):
    articles = fill_library(dirs)
    folders = library_folders(dirs)
    index: dict[str, Path] = {}
    walking = articles["walking-away"].resolve()
    assert find_article("walking-away", "/gone.md", folders, index=index) == walking
    assert "walking-away" in index
    walking.unlink()
    assert find_article("walking-away", "", folders, index=index) == walking  # as listed
    assert find_article("nowhere", "", folders, index=index) is None


def test_sorts_keep_unreadable_files_last_and_filters_match_every_word(dirs):
    from reflect.library import matches, sort_entries

    articles = fill_library(dirs)
    write_notes(dirs, articles)
    entries = all_entries(dirs)
    by_title = [e.path.name for e in sort_entries(entries, "title")]
    assert by_title[-1] == "broken.txt"
    assert by_title[1:4] == ["a-quiet-morning.md", "notes-on-attention.md", "walking-away.md"]
    opened = [e.path.name for e in sort_entries(entries, "opened")]
    assert opened[:2] == ["a-quiet-morning.md", "walking-away.md"]
    reflected = [e.path.name for e in sort_entries(entries, "reflections")]
    assert reflected[:2] == ["walking-away.md", "a-quiet-morning.md"]
    walking = by_name(entries)["walking-away.md"]
    assert matches(walking, ["walk", "away"])
    assert matches(walking, ["walking-away.md"])  # the file name counts too
    assert not matches(walking, ["walk", "morning"])


def test_a_cancelled_scan_stops_and_keeps_what_it_read(dirs):
    dirs.library.mkdir(parents=True)
    for n in range(50):
        (dirs.library / f"essay-{n:02}.md").write_text(f"# Essay {n}\n\nWords.\n")
    calls = iter(range(1000))
    stop = lambda: next(calls) >= 10  # noqa: E731
    store = NotesStore(dirs.notes)
    found = [
        e for b in scan(library_folders(dirs), ArticleCache(dirs.cache), store, stop) for e in b
    ]
    assert len(found) < 50  # the app is quitting: no more rows are sent
    assert len(cache_rows(dirs)) == 10


def test_first_article_is_read_at_once_and_kept_for_the_scan(dirs):
    articles = fill_library(dirs)
    write_notes(dirs, articles)
    cache = ArticleCache(dirs.cache)
    store = NotesStore(dirs.notes)
    first = first_article(library_folders(dirs), cache, store)
    # Name order: a-quiet-morning.md comes first of the five files.
    assert first is not None and first.path.name == "a-quiet-morning.md"
    assert first == by_name(all_entries(dirs))["a-quiet-morning.md"]
    assert cache.cached(first.path, first.path.stat()) == first.info  # the scan won't read it again


def test_first_article_carries_its_notes(dirs):
    articles = fill_library(dirs)
    write_notes(dirs, articles)
    for path in sorted(dirs.library.iterdir()):
        if path.name != "walking-away.md":
            path.unlink()
    walking = first_article(library_folders(dirs), ArticleCache(dirs.cache), NotesStore(dirs.notes))
    assert walking is not None
    assert (walking.reflected, walking.reflections) == (3, 3)
    assert walking.opened == at("2026-11-26T12:00:00")


def test_first_article_of_an_empty_library_is_none(dirs):
    dirs.library.mkdir(parents=True)
    assert (
        first_article(library_folders(dirs), ArticleCache(dirs.cache), NotesStore(dirs.notes))
        is None
    )


def test_a_big_first_article_is_left_to_the_scan(dirs):
    dirs.library.mkdir(parents=True)
    book = dirs.library / "a-book.md"
    book.write_text("# A Book\n\n" + "Many words here.\n\n" * 20_000)
    (dirs.library / "b-short.md").write_text("# Short\n\nText.\n")
    cache = ArticleCache(dirs.cache)
    assert first_article(library_folders(dirs), cache, NotesStore(dirs.notes), small=64_000) is None
    assert cache.cached(book, book.stat()) is None  # not read on the way to the first frame


def test_a_notes_folder_that_cannot_be_read_leaves_the_first_article_to_the_scan(dirs):
    fill_library(dirs)
    dirs.notes.parent.mkdir(parents=True, exist_ok=True)
    dirs.notes.symlink_to(dirs.notes)  # a loop: listing it fails (even for root)
    store = NotesStore(dirs.notes)
    with pytest.raises(ReflectError):
        store.list_ids()
    assert first_article(library_folders(dirs), ArticleCache(dirs.cache), store) is None


def test_filtering_matches_accents_however_they_are_spelled(dirs):
    """ "é" typed finds a title spelled with "e" and a combining accent (macOS file
    names, some copied text), and the other way round; case is ignored too."""
    from reflect.folding import filter_words
    from reflect.library import matches

    dirs.library.mkdir(parents=True)
    (dirs.library / "decomposed.md").write_text("# Cafe\u0301 Nights\n\nText.\n", encoding="utf-8")
    (dirs.library / "composed.md").write_text("# Résumé Days\n\nText.\n", encoding="utf-8")
    entries = by_name(all_entries(dirs))
    assert matches(entries["decomposed.md"], filter_words("CAFÉ"))
    assert matches(entries["composed.md"], filter_words("re\u0301sume\u0301"))
    assert not matches(entries["composed.md"], filter_words("café"))
