"""``reflect import``: plain text becomes a Markdown article in the library,
and nothing already there is ever silently replaced."""

from __future__ import annotations

import json
from pathlib import Path

from tests.clirun import reflect

# A copy of ../shared/seeds/ kept in the repository, so a fresh clone tests alone.
SEED = Path(__file__).resolve().parent / "fixtures" / "seed"


def test_plain_text_becomes_markdown_with_the_same_outline(tmp_path: Path) -> None:
    post = tmp_path / "my-post.txt"
    post.write_text(
        "A Quiet Morning\n\nI woke before the light.\nThe house was still.\n\n"
        "🌱 What Stillness Teaches\n\nIt teaches patience, mostly, and attention.\n",
        encoding="utf-8",
    )
    result = reflect("import", post, home=tmp_path)
    assert result.returncode == 0, result.stderr
    target = tmp_path / "library" / "my-post.md"
    assert target.is_file()
    assert "imported" in result.stdout
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# A Quiet Morning\n")
    assert "## 🌱 What Stillness Teaches" in text
    original = json.loads(reflect("outline", post, "--json", home=tmp_path).stdout)
    imported = json.loads(reflect("outline", target, "--json", home=tmp_path).stdout)
    assert [s["anchor"] for s in original["sections"]] == [
        s["anchor"] for s in imported["sections"]
    ]
    assert original["title"] == imported["title"] == "A Quiet Morning"


def test_importing_the_same_file_twice_is_a_no_op(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Post\n\nbody\n", encoding="utf-8")
    assert reflect("import", post, home=tmp_path).returncode == 0
    again = reflect("import", post, home=tmp_path)
    assert again.returncode == 0
    assert "already in the library" in again.stdout


def test_a_different_article_with_the_same_name_is_refused(tmp_path: Path) -> None:
    first = tmp_path / "a" / "post.md"
    second = tmp_path / "b" / "post.txt"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text("# First\n\nmine\n", encoding="utf-8")
    second.write_text("Second\n\nsomething else entirely\n", encoding="utf-8")
    assert reflect("import", first, home=tmp_path).returncode == 0
    target = tmp_path / "library" / "post.md"
    before = target.read_bytes()
    result = reflect("import", second, home=tmp_path)
    assert result.returncode == 1
    assert "already in the library" in result.stderr and str(target) in result.stderr
    assert result.stderr.count("\n") == 1
    assert target.read_bytes() == before


def test_several_files_one_bad(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good Title\n\nSome text here.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    result = reflect("import", good, bad, tmp_path / "missing.txt", home=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "library" / "good.md").is_file()
    assert not (tmp_path / "library" / "bad.md").exists()
    assert "bad.txt: looks like a binary file" in result.stderr
    assert "missing.txt: no such file" in result.stderr
    assert not list((tmp_path / "library").glob(".import-*"))


def test_notes_are_shared_between_the_text_and_its_import(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text("A Title Here\n\nIntro words for the post.\n", encoding="utf-8")
    anchor = json.loads(reflect("outline", post, "--json", home=tmp_path).stdout)["sections"][0][
        "anchor"
    ]
    assert reflect("note", post, "--section", anchor, "kept", home=tmp_path).returncode == 0
    assert reflect("import", post, home=tmp_path).returncode == 0
    imported = tmp_path / "library" / "post.md"
    listed = json.loads(reflect("notes", imported, "--json", home=tmp_path).stdout)
    assert [r["text"] for r in listed["articles"][0]["reflections"]] == ["kept"]


def test_the_seed_imports_to_the_shipped_article(tmp_path: Path) -> None:
    seed = SEED / "why-walking-away-can-be-the-kindest-choice.txt"
    shipped = Path(__file__).resolve().parents[1] / "articles" / seed.with_suffix(".md").name
    assert reflect("import", seed, home=tmp_path).returncode == 0
    made = (tmp_path / "library" / shipped.name).read_text(encoding="utf-8")
    assert made == shipped.read_text(encoding="utf-8")
