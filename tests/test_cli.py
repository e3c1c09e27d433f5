"""The command line as a person (or a script) uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reflect import __version__
from tests.clirun import reflect

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "articles" / "why-walking-away-can-be-the-kindest-choice.md"


def test_version_and_help(tmp_path: Path) -> None:
    version = reflect("--version", home=tmp_path)
    assert version.returncode == 0
    assert version.stdout.strip() == f"reflect {__version__}"
    help_ = reflect("--help", home=tmp_path)
    assert help_.returncode == 0
    for command in ("outline", "notes", "export", "import", "note"):
        assert command in help_.stdout


def test_outline_json_shape(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "# Title\n\nOne two three.\n\n## Next Part\n\nFour five.\n", encoding="utf-8"
    )
    result = reflect("outline", article, "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == {
        "title": "Title",
        "sections": [
            {"index": 0, "level": 1, "anchor": "title", "heading": "Title", "words": 4},
            {"index": 1, "level": 2, "anchor": "next-part", "heading": "Next Part", "words": 4},
        ],
    }


def test_outline_human_readable(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nbody\n\n## Part\n\nx\n", encoding="utf-8")
    result = reflect("outline", article, home=tmp_path)
    assert result.returncode == 0
    assert "Title" in result.stdout and "part" in result.stdout and "2 sections" in result.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("outline", "missing.md"), "missing.md: no such file"),
        (("missing.md",), "missing.md: no such file or folder"),
    ],
)
def test_errors_are_one_sentence_exit_1(
    tmp_path: Path, args: tuple[str, ...], fragment: str
) -> None:
    result = reflect(*args, home=tmp_path)
    assert result.returncode == 1
    assert fragment in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_folder_and_binary_errors(tmp_path: Path) -> None:
    folder = reflect("outline", tmp_path, home=tmp_path)
    assert folder.returncode == 1 and "is a folder" in folder.stderr
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    result = reflect("outline", binary, home=tmp_path)
    assert result.returncode == 1
    assert "photo.md: looks like a binary file" in result.stderr
    assert result.stderr.count("\n") == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    for args in (("outline",), ("outline", "a", "--bogus"), ("note", "a.md"), ("--bogus",)):
        result = reflect(*args, home=tmp_path)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_options_before_or_after_the_command(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# T\n", encoding="utf-8")
    before = reflect("--notes-dir", tmp_path / "n", "outline", article, "--json", home=tmp_path)
    after = reflect("outline", article, "--json", "--notes-dir", tmp_path / "n", home=tmp_path)
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout


def test_shipped_article_is_found_from_any_directory(tmp_path: Path) -> None:
    from reflect.paths import bundled_articles_dir

    bundled = bundled_articles_dir()
    assert (bundled / SHIPPED.name).is_file()


def test_note_text_may_come_before_or_after_section(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_text("# Title\n\nText.\n", encoding="utf-8")
    orders = [
        (article, "--section", "title", "first"),
        ("--section", "title", article, "second"),
        (article, "third", "--section", "title"),
    ]
    for args in orders:
        result = reflect("note", *args, home=tmp_path)
        assert result.returncode == 0, result.stderr
    listed = json.loads(reflect("notes", article, "--json", home=tmp_path).stdout)
    texts = [r["text"] for r in listed["articles"][0]["reflections"]]
    assert texts == ["first", "second", "third"]
    extra = reflect("note", article, "--section", "title", "a", "b", home=tmp_path)
    assert extra.returncode == 2


def test_export_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_text("# Title\n\nText.\n", encoding="utf-8")
    assert reflect("note", article, "--section", "title", "kept", home=tmp_path).returncode == 0
    real = tmp_path / "real-export.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    result = reflect("export", article, "-o", link, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert "kept" in real.read_text(encoding="utf-8")


def test_export_refuses_the_notes_folder_and_notes_refuses_a_file(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_text("# Title\n\nText.\n", encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text("# Other\n\nText.\n", encoding="utf-8")
    assert reflect("note", article, "--section", "title", "mine", home=tmp_path).returncode == 0
    assert reflect("note", other, "--section", "other", "theirs", home=tmp_path).returncode == 0
    target = tmp_path / "notes" / "other.toml"
    before = target.read_bytes()
    result = reflect("export", article, "-o", target, home=tmp_path)
    assert result.returncode == 1 and "notes folder" in result.stderr
    assert target.read_bytes() == before
    a_file = tmp_path / "plain-file"
    a_file.write_text("x", encoding="utf-8")
    listed = reflect("notes", "--notes-dir", a_file, home=tmp_path)
    assert listed.returncode == 1 and "is not a folder" in listed.stderr
