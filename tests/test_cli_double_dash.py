"""``--`` on the command line: everything after it is taken exactly.

``reflect note PATH --section ANCHOR -- --`` saves the text ``--``: DESIGN.md
says TEXT is taken exactly and stdin is read only when TEXT is absent or
``-``.  argparse 3.11 drops a value that is ``--`` (and intermixed parsing
loses the marker), so these run the real command in a subprocess and read the
saved notes back with :class:`~reflect.store.NotesStore` and ``notes --json``.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from reflect.store import NotesStore
from tests.helpers_store import REFLECT, SECTIONS, env_for, reflect, write_article

LOVE = SECTIONS[1][0]
STDIN = b"from stdin\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return write_article(tmp_path)


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    return tmp_path / "data" / "notes"


def saved(notes: Path, article_id: str = "walking-away") -> list[str]:
    """The texts in an article's notes file, as the store reads it."""
    if not (notes / f"{article_id}.toml").exists():
        return []
    return [r.text for r in NotesStore(notes).load(article_id).reflections]


def listed(notes: Path) -> list[str]:
    """The texts ``reflect notes --json`` prints."""
    result = reflect("notes", "--json", notes=notes, check=True)
    return [r["text"] for a in json.loads(result.stdout)["articles"] for r in a["reflections"]]


@pytest.mark.parametrize(
    "text",
    [
        "--",
        "---",
        "-x",
        "-",  # below: "-" after "--" still means stdin
        "--section",
        "--notes-dir",
        "--help",
        "--version",
        "-- and then words",
        "--\n-- a second line\n",
        " --",
    ],
)
def test_text_after_double_dash_is_saved_exactly(article: Path, notes: Path, text: str) -> None:
    result = reflect("note", article, "--section", LOVE, "--", text, notes=notes, stdin=STDIN)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""  # not --help's or --version's output
    expected = "from stdin" if text == "-" else text
    assert saved(notes) == [expected]
    assert listed(notes) == [expected]


def test_double_dash_text_does_not_read_stdin(article: Path, notes: Path) -> None:
    # Empty stdin would be refused as an empty reflection if it were read.
    result = reflect("note", article, "--section", LOVE, "--", "--", notes=notes, stdin=b"")
    assert result.returncode == 0, result.stderr.decode()
    assert saved(notes) == ["--"]


def test_dash_after_double_dash_reads_stdin(article: Path, notes: Path) -> None:
    reflect("note", article, "--section", LOVE, "--", "-", notes=notes, stdin=STDIN, check=True)
    reflect("note", "--section", LOVE, "--", article, "-", notes=notes, stdin=STDIN, check=True)
    assert saved(notes) == ["from stdin", "from stdin"]


def test_nothing_after_double_dash_reads_stdin(article: Path, notes: Path) -> None:
    reflect("note", article, "--section", LOVE, "--", notes=notes, stdin=STDIN, check=True)
    assert saved(notes) == ["from stdin"]


def test_path_and_text_both_after_double_dash(article: Path, notes: Path) -> None:
    reflect("note", "--section", LOVE, "--", article, "--", notes=notes, stdin=STDIN, check=True)
    reflect("note", "--section", LOVE, "--", article, "-x", notes=notes, stdin=STDIN, check=True)
    assert saved(notes) == ["--", "-x"]


def test_text_before_double_dash_and_options_after_it_are_not_mixed(
    article: Path, notes: Path
) -> None:
    # After "--", "--section" is TEXT, so the required option is missing.
    result = reflect("note", article, "--", "--section", LOVE, notes=notes, stdin=STDIN)
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1
    # An option before "--" cannot take its value from after it.
    result = reflect("note", article, "--section", "--", "x", notes=notes, stdin=STDIN)
    assert result.returncode == 2
    assert "--section" in result.stderr.decode()
    assert saved(notes) == []


def test_one_text_only_after_double_dash(article: Path, notes: Path) -> None:
    result = reflect("note", article, "--section", LOVE, "--", "--", "--", notes=notes)
    assert result.returncode == 2
    message = result.stderr.decode()
    assert message.startswith("reflect: ") and message.count("\n") == 1
    assert "Traceback" not in message
    assert saved(notes) == []


def test_a_path_that_starts_with_a_dash(tmp_path: Path, notes: Path) -> None:
    write_article(tmp_path, "-odd.md")

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [*REFLECT, *args],
            input=b"",
            capture_output=True,
            env=env_for(notes),
            cwd=tmp_path,
            timeout=60,
            check=False,
        )

    result = run("note", "--section", LOVE, "--", "-odd.md", "--")
    assert result.returncode == 0, result.stderr.decode()
    assert saved(notes, "odd") == ["--"]
    outline = run("outline", "--json", "--", "-odd.md")
    assert outline.returncode == 0, outline.stderr.decode()
    assert json.loads(outline.stdout)["sections"][1]["anchor"] == LOVE
