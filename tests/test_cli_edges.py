"""The command line at its edges: odd terminals, full disks, slips of the hand,
notes files reflect may only read.  Each ends in one sentence and an exit
status, never a traceback, and never touches what it should not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.clirun import reflect

SEED = (
    Path(__file__).resolve().parent.parent
    / "articles"
    / "why-walking-away-can-be-the-kindest-choice.md"
)


def test_a_full_disk_is_one_sentence_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "REFLECT_NOTES_DIR": str(tmp_path / "notes")}
    with open("/dev/full", "w") as full:  # every write fails with ENOSPC
        run = subprocess.run(
            [sys.executable, "-m", "reflect", "outline", str(SEED)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    assert run.returncode == 1
    assert run.stderr == "reflect: could not write the output (No space left on device).\n"


def test_an_ascii_locale_still_gets_every_title_whole(tmp_path: Path) -> None:
    ascii_env = {"PYTHONIOENCODING": "ascii"}
    result = reflect("outline", SEED, "--json", home=tmp_path, env=ascii_env)
    assert result.returncode == 0, result.stderr
    headings = [s["heading"] for s in json.loads(result.stdout)["sections"]]
    assert "💔 Love Shouldn’t Require Losing Yourself" in headings
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("First Post\n\nIts only paragraph, a sentence.\n", encoding="utf-8")
    second.write_text("Second Post\n\nAnother paragraph here.\n", encoding="utf-8")
    result = reflect("import", first, second, home=tmp_path, env=ascii_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("→") == 2
    assert sorted(p.name for p in (tmp_path / "library").iterdir()) == ["first.md", "second.md"]


def test_abbreviated_and_unknown_options_are_refused(tmp_path: Path) -> None:
    (tmp_path / "somewhere").mkdir()
    for args in (["--notes-d", "somewhere", "notes"], ["--notes", "n", "outline", SEED]):
        result = reflect(*args, home=tmp_path)
        assert result.returncode == 2
        assert result.stderr.startswith("reflect: unrecognized option --notes")


def test_an_empty_folder_name_is_a_usage_error_not_the_real_folders(tmp_path: Path) -> None:
    for flag in ("--notes-dir", "--library-dir"):
        result = reflect(
            "note", SEED, "--section", "leaving-can-be-a-gift", "x", flag, "", home=tmp_path
        )
        assert result.returncode == 2
        assert f"{flag} was given an empty name" in result.stderr
    assert not (tmp_path / "notes").exists()


def test_a_second_path_is_a_usage_error(tmp_path: Path) -> None:
    result = reflect(SEED, "extra", home=tmp_path)
    assert result.returncode == 2
    assert (
        result.stderr
        == f"reflect: unexpected 'extra' after {SEED}: reflect opens one file or folder\n"
    )


def test_notes_written_by_a_newer_reflect_are_shown_and_never_touched(tmp_path: Path) -> None:
    added = reflect("note", SEED, "--section", "leaving-can-be-a-gift", "kept safe", home=tmp_path)
    assert added.returncode == 0, added.stderr
    (notes_file,) = (tmp_path / "notes").glob("*.toml")
    newer = notes_file.read_bytes().replace(b"schema = 1", b"schema = 2")
    notes_file.write_bytes(newer)
    listed = reflect("notes", "--json", home=tmp_path)
    assert listed.returncode == 1
    [article] = json.loads(listed.stdout)["articles"]
    assert [r["text"] for r in article["reflections"]] == ["kept safe"]
    assert listed.stderr == (
        f"reflect: {notes_file}, line 1: was written by a newer reflect (schema 2; this one "
        "knows 1); its notes are read-only until the file is fixed.\n"
    )
    exported = reflect("export", SEED, home=tmp_path)
    assert exported.returncode == 1
    assert "kept safe" in exported.stdout
    refused = reflect("note", SEED, "--section", "leaving-can-be-a-gift", "more", home=tmp_path)
    assert refused.returncode == 1
    assert notes_file.read_bytes() == newer


def test_a_notes_file_that_does_not_parse_is_not_reported_as_no_reflections(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir(mode=0o700)
    broken = tmp_path / "notes" / "broken.toml"
    broken.write_text("schema = 1\n[[reflections]\n", encoding="utf-8")
    listed = reflect("notes", home=tmp_path)
    assert listed.returncode == 1
    assert listed.stdout == ""
    assert listed.stderr.startswith(f"reflect: {broken}, line 2")
    assert broken.read_text(encoding="utf-8") == "schema = 1\n[[reflections]\n"


def test_an_article_with_no_text_cannot_take_a_note_or_be_imported(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    note = reflect("note", empty, "--section", "x", "words", home=tmp_path)
    assert note.returncode == 1
    assert note.stderr == f"reflect: {empty}: has no text, so no section to add a reflection to.\n"
    imported = reflect("import", empty, home=tmp_path)
    assert imported.returncode == 1
    assert imported.stderr == f"reflect: {empty}: has no text to import.\n"
    assert not (tmp_path / "library").exists()


def test_a_hidden_file_is_imported_under_a_name_the_library_lists(tmp_path: Path) -> None:
    hidden = tmp_path / ".draft.txt"
    hidden.write_text("A Draft\n\nWords of a draft, kept out of sight.\n", encoding="utf-8")
    result = reflect("import", hidden, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{hidden} → {tmp_path / 'library' / 'draft.md'} (imported)\n"
    from reflect.library import article_files

    assert [p.name for p, _ in article_files([tmp_path / "library"])] == ["draft.md"]


def test_notes_names_an_article_by_its_title_now_in_every_listing(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_text("# First Title\n\n## A Part\n\nWords.\n", encoding="utf-8")
    added = reflect("note", article, "--section", "a-part", "kept", home=tmp_path)
    assert added.returncode == 0, added.stderr
    article.write_text("# A Better Title\n\n## A Part\n\nWords.\n", encoding="utf-8")
    listed = json.loads(reflect("notes", "--json", home=tmp_path).stdout)
    one = json.loads(reflect("notes", article, "--json", home=tmp_path).stdout)
    assert listed["articles"][0]["title"] == one["articles"][0]["title"] == "A Better Title"


def test_an_empty_path_is_a_usage_error_not_every_article(tmp_path: Path) -> None:
    for args in (
        [""],
        ["notes", ""],
        ["outline", ""],
        ["export", ""],
        ["note", "", "--section", "a", "x"],
    ):
        result = reflect(*args, home=tmp_path)
        assert result.returncode == 2, args
        assert result.stderr == "reflect: PATH is empty; name an article file or a folder\n"


def test_an_empty_output_name_is_a_usage_error(tmp_path: Path) -> None:
    result = reflect("export", SEED, "-o", "", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "reflect: -o was given an empty name; name a file, or - for stdout\n"
    assert result.stdout == ""
