"""The store API: exact text, stable bytes, private files, hand edits, times."""

from __future__ import annotations

import os
import stat
import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings

from reflect.errors import ReflectError
from reflect.store import ArticleMeta, NotesStore
from tests.helpers_store import HOSTILE, META, SECTIONS, entries, texts

WHEN = datetime(2026, 11, 27, 20, 31, 5, tzinfo=UTC)
SECTION, HEADING = SECTIONS[1]


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    return NotesStore(tmp_path / "notes")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_round_trips_exactly(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("rt")
    store = NotesStore(folder)
    added = store.add("a", META, SECTION, HEADING, text)
    assert added.text == text
    assert NotesStore(folder).load("a").reflections[0].text == text  # a fresh process's view
    assert entries(store.path_for("a"))[0]["text"] == text  # and plain tomllib's


def test_hostile_text_together_round_trips(store: NotesStore) -> None:
    text = "".join(HOSTILE)
    store.add("a", META, SECTION, HEADING, text)
    assert entries(store.path_for("a"))[0]["text"] == text


def test_multiline_strings_are_never_used_so_crlf_survives(store: NotesStore) -> None:
    store.add("a", META, SECTION, HEADING, "one\r\ntwo\n")
    raw = store.path_for("a").read_bytes()
    assert b'"""' not in raw
    assert entries(store.path_for("a"))[0]["text"] == "one\r\ntwo\n"


def test_same_notes_give_same_bytes(tmp_path: Path) -> None:
    def build(folder: Path) -> bytes:
        store = NotesStore(folder)
        store.record_open("a", META, "leaving-can-be-a-gift", now=WHEN)
        for i, (anchor, heading) in enumerate(SECTIONS):
            store.add("a", META, anchor, heading, f"note {i}", now=WHEN + timedelta(minutes=i))
        return store.path_for("a").read_bytes()

    first, second = build(tmp_path / "one"), build(tmp_path / "two")
    assert first == second
    # and a rewrite of unchanged notes leaves the bytes as they were
    store = NotesStore(tmp_path / "one")
    store.record_open("a", META, "leaving-can-be-a-gift", now=WHEN)
    assert store.path_for("a").read_bytes() == first


def test_file_follows_design_layout(store: NotesStore) -> None:
    store.record_open("a", META, "leaving-can-be-a-gift", now=WHEN)
    store.add("a", META, SECTION, HEADING, "x", now=WHEN)
    text = store.path_for("a").read_text(encoding="utf-8")
    assert text.startswith("schema = 1\n\n[article]\n")
    assert "\n[[reflections]]\n" in text
    doc = tomllib.loads(text)
    assert doc["article"] == {
        "title": "Walking Away",
        "source": "articles/walking-away.md",
        "digest": "sha256:0",
        "position": "leaving-can-be-a-gift",
        "opened": WHEN,
    }
    assert doc["reflections"] == [
        {"section": SECTION, "heading": HEADING, "written": WHEN, "text": "x"}
    ]


def test_files_are_0600_and_folders_0700(tmp_path: Path) -> None:
    notes = tmp_path / "deep" / "er" / "notes"
    store = NotesStore(notes)
    store.add("a", META, SECTION, HEADING, "private")
    for folder in (tmp_path / "deep", tmp_path / "deep" / "er", notes):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for file in notes.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_a_file_made_readable_by_others_becomes_private_on_save(store: NotesStore) -> None:
    store.add("a", META, SECTION, HEADING, "one")
    os.chmod(store.path_for("a"), 0o644)
    store.add("a", META, SECTION, HEADING, "two")
    assert stat.S_IMODE(store.path_for("a").stat().st_mode) == 0o600


def test_unknown_keys_survive_every_kind_of_write(store: NotesStore) -> None:
    path = store.path_for("a")
    path.parent.mkdir(mode=0o700)
    path.write_text(
        'schema = 1\nmood = "calm"\n\n[article]\ntitle = "Old"\nsource = "x"\ndigest = "d"\n'
        'colour = "blue"\n\n[[reflections]]\nsection = "what-stays"\nheading = "What Stays"\n'
        'written = 2026-01-01T00:00:00Z\ntext = "kept"\nstars = 5\n\n'
        '[reflections.meta]\nfrom = "phone"\n\n[future]\nflag = true\n',
        encoding="utf-8",
    )
    key = store.load("a").reflections[0].key
    store.add("a", META, SECTION, HEADING, "new")
    store.record_open("a", META, "what-stays")
    store.edit("a", META, key, "kept, edited")
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert doc["mood"] == "calm"
    assert doc["future"] == {"flag": True}
    assert doc["article"]["colour"] == "blue"
    first = doc["reflections"][0]
    assert first["stars"] == 5
    assert first["meta"] == {"from": "phone"}
    assert first["text"] == "kept, edited"
    assert doc["reflections"][1]["text"] == "new"


def test_bom_and_crlf_from_a_hand_edit_are_tolerated(store: NotesStore) -> None:
    path = store.path_for("a")
    path.parent.mkdir(mode=0o700)
    body = (
        'schema = 1\r\n\r\n[article]\r\ntitle = "T"\r\nsource = "s"\r\ndigest = "d"\r\n\r\n'
        '[[reflections]]\r\nsection = "what-stays"\r\nheading = "What Stays"\r\n'
        'written = 2026-01-01T00:00:00Z\r\ntext = "by hand"\r\n'
    )
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert [r.text for r in store.load("a").reflections] == ["by hand"]
    store.add("a", META, SECTION, HEADING, "more")
    assert [e["text"] for e in entries(path)] == ["by hand", "more"]


def test_lone_surrogates_are_refused_and_nothing_is_written(store: NotesStore) -> None:
    store.add("a", META, SECTION, HEADING, "first")
    before = store.path_for("a").read_bytes()
    with pytest.raises(ReflectError, match="U\\+DCFF"):
        store.add("a", META, SECTION, HEADING, "bad \udcff bytes")
    assert store.path_for("a").read_bytes() == before
    # tomli-w itself would have written them, and the file would not encode:
    with pytest.raises(UnicodeEncodeError):
        tomli_w.dumps({"text": "\udcff"}).encode("utf-8")


def test_surrogates_in_article_metadata_are_replaced_not_fatal(store: NotesStore) -> None:
    meta = ArticleMeta("Title \udcff", "path/\udcfe.md", "d", SECTIONS)
    store.add("a", meta, SECTION, HEADING, "fine")
    assert store.load("a").title == "Title \ufffd"


def test_empty_text_is_refused(store: NotesStore) -> None:
    for text in ("", "  \n\t"):
        with pytest.raises(ReflectError, match="empty"):
            store.add("a", META, SECTION, HEADING, text)
    assert not store.path_for("a").exists()


def test_times_are_stored_in_utc_even_with_sub_minute_offsets(store: NotesStore) -> None:
    odd = timezone(timedelta(hours=5, minutes=30, seconds=15))
    moment = datetime(2026, 11, 27, 23, 0, 0, 123456, tzinfo=odd)
    added = store.add("a", META, SECTION, HEADING, "x", now=moment)
    assert added.written == moment.replace(microsecond=0)
    assert added.written.utcoffset() == timedelta(0)
    raw = store.path_for("a").read_text(encoding="utf-8")
    assert "written = 2026-11-27 17:29:45+00:00" in raw
    assert NotesStore(store.notes_dir).load("a").reflections[0].written == added.written
    # the trap: tomli-w writes such an offset, and tomllib cannot read it back
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(tomli_w.dumps({"t": moment}))


def test_history_edit_and_delete(store: NotesStore) -> None:
    first = store.add("a", META, SECTION, HEADING, "first", now=WHEN)
    second = store.add("a", META, SECTION, HEADING, "second", now=WHEN)  # same second
    assert (first.nth, second.nth) == (0, 1)
    later = WHEN + timedelta(days=3)
    edited = store.edit("a", META, second.key, "second, rethought", now=later)
    assert edited.edited == later
    assert entries(store.path_for("a"))[1]["edited"] == later
    store.delete("a", META, first.key)
    (left,) = store.load("a").reflections
    assert (left.text, left.nth) == ("second, rethought", 0)
    with pytest.raises(ReflectError, match="no longer there"):
        store.delete("a", META, first.key)


def test_record_open_creates_the_file_for_resume(store: NotesStore) -> None:
    store.record_open("a", META, "what-stays", now=WHEN)
    notes = NotesStore(store.notes_dir).load("a")
    assert (notes.position, notes.opened, notes.reflections) == ("what-stays", WHEN, [])
    assert store.list_ids() == ["a"]


def test_loading_never_writes(tmp_path: Path) -> None:
    notes_dir = tmp_path / "notes"
    store = NotesStore(notes_dir)
    assert store.load("a").reflections == []
    assert not notes_dir.exists()
    store.add("a", META, SECTION, HEADING, "x")
    listing = sorted(os.listdir(notes_dir))
    before = store.path_for("a").stat()
    NotesStore(notes_dir).load("a", SECTIONS)
    assert sorted(os.listdir(notes_dir)) == listing
    assert store.path_for("a").stat().st_mtime_ns == before.st_mtime_ns


def test_a_change_by_another_writer_is_seen_even_with_a_warm_cache(tmp_path: Path) -> None:
    one, two = NotesStore(tmp_path), NotesStore(tmp_path)
    one.add("a", META, SECTION, HEADING, "from one")
    two.add("a", META, SECTION, HEADING, "from two")
    one.add("a", META, SECTION, HEADING, "one again")  # must re-read, not reuse its cache
    assert [e["text"] for e in entries(one.path_for("a"))] == ["from one", "from two", "one again"]


def test_a_hand_edit_is_seen_by_a_long_running_store(store: NotesStore) -> None:
    store.add("a", META, SECTION, HEADING, "x")
    path = store.path_for("a")
    path.write_text(path.read_text(encoding="utf-8").replace('"x"', '"y-by-hand"'), "utf-8")
    store.add("a", META, SECTION, HEADING, "z")
    assert [e["text"] for e in entries(path)] == ["y-by-hand", "z"]


def test_ids_that_could_leave_the_notes_dir_are_refused(store: NotesStore) -> None:
    for bad in ("", "../x", ".hidden", "a/b"):
        with pytest.raises(ValueError):
            store.path_for(bad)


def test_a_save_that_cannot_happen_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    for notes_dir in (blocker, blocker / "notes"):
        with pytest.raises(ReflectError, match="not-a-folder"):
            NotesStore(notes_dir).add("a", META, SECTION, HEADING, "kept by the caller")
    assert blocker.read_text() == "x"


def test_threads_saving_through_one_or_two_stores_lose_nothing(tmp_path: Path) -> None:
    """The reader saves from worker threads; a journal may hold its own store."""
    from concurrent.futures import ThreadPoolExecutor

    shared, other = NotesStore(tmp_path), NotesStore(tmp_path)
    jobs = [(shared if i % 3 else other, f"thread note {i}") for i in range(90)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda job: job[0].add("a", META, SECTION, HEADING, job[1]), jobs))
    saved = [e["text"] for e in entries(shared.path_for("a"))]
    assert sorted(saved) == sorted(text for _, text in jobs)


def test_a_symlinked_notes_file_stays_a_symlink(tmp_path: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    store = NotesStore(tmp_path / "notes")
    store.add("a", META, SECTION, HEADING, "first")
    os.replace(store.path_for("a"), synced / "a.toml")
    store.path_for("a").symlink_to(synced / "a.toml")
    NotesStore(store.notes_dir).add("a", META, SECTION, HEADING, "second")
    assert store.path_for("a").is_symlink()
    assert [e["text"] for e in entries(synced / "a.toml")] == ["first", "second"]


def test_an_existing_notes_folder_open_to_others_is_made_private(tmp_path: Path) -> None:
    notes_dir = tmp_path / "notes"
    notes_dir.mkdir(mode=0o755)
    os.chmod(notes_dir, 0o755)
    NotesStore(notes_dir).add("a", META, SECTION, HEADING, "private")
    assert stat.S_IMODE(notes_dir.stat().st_mode) == 0o700
