"""Hand edits at the edges of TOML, and notes files shared through links.

A file reflect cannot read is reported with its name and kept read-only,
never a traceback and never rewritten; a value it cannot write back stops the
save with one sentence; and two notes folders linking to one file lose
nothing when both write at once.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from reflect.errors import ReflectError
from reflect.store import NotesFileError, NotesStore
from tests.helpers_store import META

HEAD = 'schema = 1\n\n[article]\ntitle = "Walking Away"\n'
ENTRY = '\n[[reflections]]\nsection = "what-stays"\nwritten = 2026-01-01T00:00:00Z\ntext = "kept"\n'

UNREADABLE = {
    "a date-time before the calendar in UTC": (
        ENTRY.replace("2026-01-01T00:00:00Z", "0001-01-01T00:00:00+05:00"),
        "holds a date-time out of range",
    ),
    # In range in UTC, but not on a calendar west of it (the pause and the
    # journal show dates in the reader's own time zone).
    "a date-time on the calendar's first day": (
        ENTRY.replace("2026-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        "holds a date-time out of range",
    ),
    "arrays nested thousands deep": (
        ENTRY + "deep = " + "[" * 3000 + "]" * 3000 + "\n",
        "nested too deeply",
    ),
    "an integer of thousands of digits": (ENTRY + "big = " + "9" * 5000 + "\n", "number too long"),
}


@pytest.mark.parametrize("name", list(UNREADABLE))
def test_an_unreadable_hand_edit_is_reported_and_never_written(tmp_path: Path, name: str) -> None:
    body, problem = UNREADABLE[name]
    notes = tmp_path / "walking-away.toml"
    notes.write_text(HEAD + body, encoding="utf-8")
    before = notes.read_bytes()
    store = NotesStore(tmp_path)
    with pytest.raises(NotesFileError, match=problem):
        store.load("walking-away")
    shown = store.load("walking-away", read_only_ok=True)
    assert problem in (shown.read_only_reason or "")
    with pytest.raises(ReflectError, match=str(notes)):
        store.add("walking-away", META, "what-stays", "What Stays", "more")
    assert notes.read_bytes() == before


def test_a_value_too_deep_to_write_back_stops_the_save_in_one_sentence(tmp_path: Path) -> None:
    notes = tmp_path / "walking-away.toml"
    notes.write_text(HEAD + ENTRY + "deep = " + "[" * 300 + "]" * 300 + "\n", encoding="utf-8")
    before = notes.read_bytes()
    store = NotesStore(tmp_path)
    assert [r.text for r in store.load("walking-away").reflections] == ["kept"]
    with pytest.raises(ReflectError, match="nested too deeply to write back"):
        store.add("walking-away", META, "what-stays", "What Stays", "more")
    assert notes.read_bytes() == before


def test_an_entry_with_a_hand_added_nan_can_be_edited(tmp_path: Path) -> None:
    notes = tmp_path / "walking-away.toml"
    notes.write_text(HEAD + ENTRY + "score = nan\nscores = [1.5, nan]\n", encoding="utf-8")
    store = NotesStore(tmp_path)
    (entry,) = store.load("walking-away").reflections
    store.edit("walking-away", META, entry.key, "kept, and edited")
    (saved,) = tomllib.loads(notes.read_text(encoding="utf-8"))["reflections"]
    assert saved["text"] == "kept, and edited"
    assert saved["score"] != saved["score"]  # still nan
    assert saved["scores"][0] == 1.5 and saved["scores"][1] != saved["scores"][1]


WRITER = """
import sys
from pathlib import Path
from reflect.store import NotesStore
from tests.helpers_store import META
store = NotesStore(Path(sys.argv[1]))
for i in range(60):
    store.add("walking-away", META, "what-stays", "What Stays", f"{sys.argv[2]}-{i}")
"""


def test_two_notes_folders_linking_to_one_file_lose_nothing(tmp_path: Path) -> None:
    shared = tmp_path / "synced"
    shared.mkdir()
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir(mode=0o700)
        (tmp_path / folder / "walking-away.toml").symlink_to(shared / "walking-away.toml")
    root = Path(__file__).resolve().parent.parent
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path / folder), f"{folder}{n}"], cwd=root
        )
        for n in range(2)
        for folder in ("one", "two")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0, 0]
    texts = [
        r["text"] for r in tomllib.loads((shared / "walking-away.toml").read_text())["reflections"]
    ]
    assert sorted(texts) == sorted(
        f"{f}{n}-{i}" for f in ("one", "two") for n in range(2) for i in range(60)
    )
    assert (tmp_path / "one" / "walking-away.toml").is_symlink()


WRONG_TYPES = {
    "a number for a heading": (
        'text = "kept"\n',
        "heading = 42\n",
        "reflection 1 has 'heading' set to something that is not a string",
        6,
    ),
    "edited as a string": (
        'text = "kept"\n',
        'edited = "2026-01-02 10:00"\n',
        "reflection 1 has 'edited' set to something that is not a date-time",
        6,
    ),
}


@pytest.mark.parametrize("name", list(WRONG_TYPES))
def test_a_known_key_of_the_wrong_type_makes_the_file_read_only(tmp_path: Path, name: str) -> None:
    """The next save would drop it: the file is kept as it is, and its line named
    (the key's own line; for an entry, its ``[[reflections]]`` line)."""
    after, added, problem, line = WRONG_TYPES[name]
    notes = tmp_path / "walking-away.toml"
    notes.write_text((HEAD + ENTRY).replace(after, after + added, 1), encoding="utf-8")
    before = notes.read_bytes()
    store = NotesStore(tmp_path)
    with pytest.raises(NotesFileError, match=f"line {line}: {problem}"):
        store.load("walking-away")
    with pytest.raises(ReflectError):
        store.add("walking-away", META, "what-stays", "What Stays", "more")
    assert notes.read_bytes() == before


def test_a_wrong_typed_article_key_is_simply_replaced_by_the_next_save(tmp_path: Path) -> None:
    """The article's keys are reflect's to rewrite (title, source, digest at each
    save): a hand-typed ``title = 42`` must not stop the reader's notes."""
    notes = tmp_path / "walking-away.toml"
    notes.write_text(HEAD.replace('title = "Walking Away"', "title = 42") + ENTRY, encoding="utf-8")
    store = NotesStore(tmp_path)
    store.add("walking-away", META, "what-stays", "What Stays", "more")
    doc = tomllib.loads(notes.read_text(encoding="utf-8"))
    assert doc["article"]["title"] == "Walking Away"
    assert [r["text"] for r in doc["reflections"]] == ["kept", "more"]
