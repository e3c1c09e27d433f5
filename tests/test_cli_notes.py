"""``reflect note``, ``notes`` and ``export`` as a person or a script uses them:
real processes, real files."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reflect.store import ArticleMeta, NotesStore
from tests.helpers_store import ARTICLE, HOSTILE, SECTIONS, entries, reflect, write_article

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
LOVE, LEAVING, STAYS = (a for a, _ in SECTIONS[1:])


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return write_article(tmp_path)


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    return tmp_path / "data" / "notes"


def _json(notes: Path, *args: str | Path) -> dict:
    result = reflect("notes", *args, "--json", notes=notes, check=True)
    return json.loads(result.stdout.decode("utf-8"))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def test_note_takes_text_exactly(article: Path, notes: Path) -> None:
    text = "".join(h for h in HOSTILE if "\x00" not in h)  # argv cannot carry NUL
    reflect("note", "--section", LOVE, article, text, notes=notes, check=True)
    (only,) = _json(notes)["articles"]
    assert only["reflections"][0]["text"] == text


def test_note_in_the_documented_argument_order(article: Path, notes: Path) -> None:
    """DESIGN.md's ``reflect note PATH --section ANCHOR TEXT`` (plain argparse
    would give TEXT its default as soon as PATH is seen, and reject it after)."""
    reflect("note", article, "--section", LOVE, "in DESIGN's order", notes=notes, check=True)
    assert [e["text"] for e in entries(notes / "walking-away.toml")] == ["in DESIGN's order"]


@pytest.mark.parametrize(
    ("stdin", "saved"),
    [
        (b"one line\n", "one line"),
        (b"no final newline", "no final newline"),
        (b"two final newlines\n\n", "two final newlines\n"),
        (b"windows\r\n", "windows\r"),
        (b"\xef\xbb\xbfbom kept\tand\x00nul\n", "\ufeffbom kept\tand\x00nul"),
        (b'"""\\\n  indented\n', '"""\\\n  indented'),
    ],
)
def test_note_reads_stdin_exactly_less_one_final_newline(
    article: Path, notes: Path, stdin: bytes, saved: str
) -> None:
    reflect("note", "--section", LEAVING, article, "-", notes=notes, stdin=stdin, check=True)
    reflect("note", "--section", LEAVING, article, notes=notes, stdin=stdin, check=True)
    assert [e["text"] for e in entries(notes / "walking-away.toml")] == [saved, saved]


def test_unknown_anchor_is_one_line_listing_the_valid_ones(article: Path, notes: Path) -> None:
    result = reflect("note", "--section", "nope", article, "x", notes=notes)
    assert result.returncode == 1
    message = result.stderr.decode()
    assert message.count("\n") == 1 and message.startswith("reflect: ")
    assert str(article) in message and "'nope'" in message
    for anchor, _ in SECTIONS:
        assert anchor in message
    assert not notes.exists()


@pytest.mark.parametrize("stdin", [b"", b"\n", b"  \n"])
def test_empty_text_is_an_error_and_nothing_is_written(
    article: Path, notes: Path, stdin: bytes
) -> None:
    result = reflect("note", "--section", LOVE, article, notes=notes, stdin=stdin)
    assert result.returncode == 1
    assert b"empty" in result.stderr
    assert not (notes / "walking-away.toml").exists()


def test_stdin_that_is_not_utf8_is_refused(article: Path, notes: Path) -> None:
    result = reflect("note", "--section", LOVE, article, notes=notes, stdin=b"caf\xe9\n")
    assert result.returncode == 1 and b"UTF-8" in result.stderr
    assert not (notes / "walking-away.toml").exists()


def test_a_fresh_notes_dir_is_private(article: Path, notes: Path) -> None:
    reflect("note", "--section", LOVE, article, "private", notes=notes, check=True)
    assert stat.S_IMODE(notes.stat().st_mode) == 0o700
    assert stat.S_IMODE(notes.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((notes / "walking-away.toml").stat().st_mode) == 0o600


def _seed(tmp_path: Path, notes: Path) -> tuple[Path, Path]:
    """Two articles with dated notes, one of them orphaned."""
    one = write_article(tmp_path, "walking-away.md")
    two = write_article(tmp_path, "second.md", ARTICLE.replace("Walking Away", "Second Essay"))
    store = NotesStore(notes)
    meta_one = ArticleMeta("Walking Away", str(one), "d", SECTIONS)
    store.add("walking-away", meta_one, STAYS, "What Stays", "stays, day 1", now=T0 + timedelta(1))
    store.add("walking-away", meta_one, "cut", "A Cut Section", "orphan, day 0", now=T0)
    store.add("walking-away", meta_one, LOVE, "Love", "love, day 2", now=T0 + timedelta(2))
    store.add("walking-away", meta_one, LOVE, "Love", "love, day 0", now=T0)
    meta_two = ArticleMeta("Second Essay", str(two), "d", [("second-essay", "Second Essay")])
    store.add(
        "second", meta_two, "second-essay", "Second Essay", "two, day 5", now=T0 + timedelta(5)
    )
    return one, two


def test_notes_json_shape_and_order(tmp_path: Path, notes: Path) -> None:
    _seed(tmp_path, notes)
    data = _json(notes)
    assert [a["id"] for a in data["articles"]] == ["second", "walking-away"]  # newest first
    walking = data["articles"][1]
    assert set(walking) == {"id", "title", "source", "notes_file", "reflections"}
    assert walking["title"] == "Walking Away"
    assert walking["source"] == str(tmp_path / "walking-away.md")
    assert walking["notes_file"] == str(notes / "walking-away.toml")
    assert [r["text"] for r in walking["reflections"]] == [
        "love, day 0",
        "love, day 2",
        "stays, day 1",
        "orphan, day 0",
    ]
    first = walking["reflections"][0]
    assert first == {
        "section": LOVE,
        "heading": "Love",
        "written": "2026-11-01T09:00:00Z",
        "edited": None,
        "text": "love, day 0",
        "orphaned": False,
    }
    assert walking["reflections"][-1]["orphaned"] is True


def test_notes_since_and_search_filter_and_drop_empty_articles(tmp_path: Path, notes: Path) -> None:
    _seed(tmp_path, notes)
    since = _json(notes, "--since", "2026-11-04")
    assert [a["id"] for a in since["articles"]] == ["second"]
    found = _json(notes, "--search", "LOVE")
    assert [r["text"] for a in found["articles"] for r in a["reflections"]] == [
        "love, day 0",
        "love, day 2",
    ]
    bad = reflect("notes", "--since", "last week", notes=notes)
    assert bad.returncode == 2 and b"--since" in bad.stderr


def test_notes_for_one_path(tmp_path: Path, notes: Path) -> None:
    one, _ = _seed(tmp_path, notes)
    data = _json(notes, one)
    assert [a["id"] for a in data["articles"]] == ["walking-away"]


def test_human_output_groups_sanitises_and_puts_orphans_last(tmp_path: Path, notes: Path) -> None:
    one, _ = _seed(tmp_path, notes)
    reflect("note", "--section", LOVE, one, "evil \x1b]0;title\x07\x1b[2J end", notes=notes)
    out = reflect("notes", notes=notes, check=True).stdout.decode()
    assert "\x1b" not in out and "\x07" not in out
    assert "evil  end" in out
    assert out.index("# Walking Away") < out.index("# Second Essay")  # the new note is newest
    walking = out[: out.index("# Second Essay")]
    assert walking.index("## 💔 Love") < walking.index("## What Stays")
    assert walking.index("## What Stays") < walking.index("From an earlier version")
    assert walking.index("From an earlier version") < walking.index("orphan, day 0")
    assert "2026-11-01 09:00 UTC" in walking


def test_export_is_a_document_to_keep(tmp_path: Path, notes: Path) -> None:
    one, _ = _seed(tmp_path, notes)
    out = tmp_path / "kept.md"
    reflect("export", one, "-o", out, notes=notes, check=True)
    document = out.read_text(encoding="utf-8")
    assert document.startswith("# Walking Away\n")
    assert "## 💔 Love Shouldn't Require Losing Yourself" in document
    assert "love, day 0" in document and "stays, day 1" in document
    assert "## From an earlier version of this article" in document
    assert "### A Cut Section" in document
    assert document.index("From an earlier") < document.index("orphan, day 0")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    stdout = reflect("export", one, notes=notes, check=True).stdout.decode()
    assert stdout == document
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_refuses_to_overwrite_the_article(tmp_path: Path, notes: Path) -> None:
    one, _ = _seed(tmp_path, notes)
    before = one.read_bytes()
    result = reflect("export", one, "-o", one, notes=notes)
    assert result.returncode == 1 and b"article itself" in result.stderr
    assert one.read_bytes() == before


def test_reading_commands_leave_every_file_byte_identical(tmp_path: Path, notes: Path) -> None:
    one, _ = _seed(tmp_path, notes)
    store_file = notes / "walking-away.toml"
    os.utime(store_file, ns=(1, 1))
    before = _files(notes)
    for args in (("notes",), ("notes", "--json"), ("notes", one), ("export", one)):
        reflect(*args, notes=notes, check=True)
    assert _files(notes) == before
    assert store_file.stat().st_mtime_ns == 1


def test_a_broken_file_stays_identical_and_every_command_names_it(
    tmp_path: Path, notes: Path
) -> None:
    one, _ = _seed(tmp_path, notes)
    broken = notes / "walking-away.toml"
    data = broken.read_bytes().replace(b'title = "Walking Away"', b"title = Walking Away")
    broken.write_bytes(data)
    for args in (
        ("note", "--section", LOVE, one, "x"),
        ("notes", one),
        ("notes", "--json", one),
        ("export", one),
    ):
        result = reflect(*args, notes=notes)
        assert result.returncode == 1, args
        message = result.stderr.decode()
        assert message.count("\n") == 1, message
        assert f"{broken}, line 4:" in message, message
    listing = reflect("notes", "--json", notes=notes)
    assert listing.returncode == 1
    assert [a["id"] for a in json.loads(listing.stdout)["articles"]] == ["second"]
    assert broken.read_bytes() == data


def test_a_newer_schema_file_is_left_alone(tmp_path: Path, notes: Path) -> None:
    one, _ = _seed(tmp_path, notes)
    newer = notes / "walking-away.toml"
    data = newer.read_bytes().replace(b"schema = 1", b"schema = 2")
    newer.write_bytes(data)
    result = reflect("note", "--section", LOVE, one, "x", notes=notes)
    assert result.returncode == 1 and b"newer" in result.stderr and b"line 1" in result.stderr
    assert newer.read_bytes() == data


def test_unknown_keys_and_orphans_survive_a_cli_rewrite(tmp_path: Path, notes: Path) -> None:
    one, _ = _seed(tmp_path, notes)
    path = notes / "walking-away.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("[article]\n", "[article]\nshelf = 3\n", 1)
    text = text.replace('text = "orphan, day 0"', 'text = "orphan, day 0"\nmood = "wistful"')
    path.write_text("colour = 'teal'\n" + text, encoding="utf-8")
    reflect("note", "--section", STAYS, one, "new", notes=notes, check=True)
    saved = path.read_text(encoding="utf-8")
    assert 'colour = "teal"' in saved and "shelf = 3" in saved and 'mood = "wistful"' in saved
    orphan = [r for a in _json(notes)["articles"] for r in a["reflections"] if r["orphaned"]]
    assert [r["text"] for r in orphan] == ["orphan, day 0"]


def test_text_argument_that_is_not_utf8_is_refused(article: Path, notes: Path) -> None:
    import subprocess

    from tests.helpers_store import REFLECT, env_for

    result = subprocess.run(
        [*REFLECT, "note", "--section", LOVE, str(article), b"caf\xe9"],
        capture_output=True,
        env=env_for(notes),
        timeout=60,
    )
    assert result.returncode == 1 and b"not valid UTF-8" in result.stderr
    assert not (notes / "walking-away.toml").exists()


def test_notes_of_a_deleted_article_are_still_shown_and_exported(
    tmp_path: Path, notes: Path
) -> None:
    one, _ = _seed(tmp_path, notes)
    one.unlink()
    data = _json(notes, one)
    texts = {r["text"] for r in data["articles"][0]["reflections"]}
    assert texts == {"love, day 0", "love, day 2", "stays, day 1", "orphan, day 0"}
    document = reflect("export", one, notes=notes, check=True).stdout.decode()
    assert document.startswith("# Walking Away\n") and "stays, day 1" in document
    missing = reflect("notes", tmp_path / "never-was.md", notes=notes)
    assert missing.returncode == 1 and b"never-was.md" in missing.stderr
