"""Markdown articles: exactly the sections a careful reader (and CommonMark) sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.article import read_article


def outline(
    tmp_path: Path, text: str, name: str = "a.md"
) -> tuple[str, list[tuple[int, str, str]]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    return article.title, [(s.level, s.anchor, s.heading) for s in article.sections]


def test_intro_before_first_heading_is_a_section_titled_by_the_title(tmp_path: Path) -> None:
    title, sections = outline(tmp_path, "Some words first.\n\n# Title\n\nbody\n\n## Next\n\nmore\n")
    # The opening is not a heading, so the title is the file name.
    assert title == "a.md"
    assert sections == [(1, "amd", "a.md"), (1, "title", "Title"), (2, "next", "Next")]


def test_opening_h1_is_the_title_and_its_own_section(tmp_path: Path) -> None:
    title, sections = outline(tmp_path, "# My Essay\n\nIntro.\n\n## Part One\n\nText.\n")
    assert title == "My Essay"
    assert sections == [(1, "my-essay", "My Essay"), (2, "part-one", "Part One")]


def test_setext_and_closing_hashes(tmp_path: Path) -> None:
    text = "Big Title\n=========\n\nIntro.\n\nSmaller\n-------\n\ntext\n\n## Closed ##\n\nx\n\n### Trailing #s ###   \n"
    title, sections = outline(tmp_path, text)
    assert title == "Big Title"
    assert sections == [
        (1, "big-title", "Big Title"),
        (2, "smaller", "Smaller"),
        (2, "closed", "Closed"),
        (3, "trailing-s", "Trailing #s"),
    ]


def test_headings_inside_containers_and_code_do_not_start_sections(tmp_path: Path) -> None:
    text = (
        "# Real\n\n"
        "> # Quoted heading\n\n"
        "- # Heading in a list\n\n"
        "```\n# Fenced comment\n```\n\n"
        "~~~python\n## also fenced\n~~~\n\n"
        "    # indented code\n\n"
        "<div>\n# inside html\n</div>\n\n"
        "1. ## in an ordered list\n\n"
        "#NoSpace is not a heading\n\n"
        "\\# escaped\n\n"
        "## Second real\n"
    )
    _, sections = outline(tmp_path, text)
    assert [h for _, _, h in sections] == ["Real", "Second real"]


def test_unclosed_fence_swallows_the_rest(tmp_path: Path) -> None:
    _, sections = outline(tmp_path, "# A\n\n```\n# not a heading\n\n## nor this\n")
    assert [h for _, _, h in sections] == ["A"]


def test_front_matter_gives_title_and_prompts_and_is_never_text(tmp_path: Path) -> None:
    text = (
        "---\ntitle: From Front Matter\nprompts:\n  Part One: What stays with you?\n"
        "  part-two: And here?\n---\n# Heading Title\n\n## Part One\n\nx\n\n## Part Two\n\ny\n"
    )
    path = tmp_path / "fm.md"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    assert article.title == "From Front Matter"
    assert [s.heading for s in article.sections] == ["Heading Title", "Part One", "Part Two"]
    assert [s.prompt for s in article.sections] == [None, "What stays with you?", "And here?"]
    assert all("title:" not in s.body and "prompts" not in s.body for s in article.sections)


def test_toml_front_matter(tmp_path: Path) -> None:
    text = '+++\ntitle = "TOML Title"\n[prompts]\n"One" = "Why one?"\n+++\n\nIntro words.\n\n## One\n\nx\n'
    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    assert article.title == "TOML Title"
    assert [(s.heading, s.prompt) for s in article.sections] == [
        ("TOML Title", None),
        ("One", "Why one?"),
    ]
    assert "+++" not in article.sections[0].body


def test_a_lone_thematic_break_is_not_front_matter(tmp_path: Path) -> None:
    _, sections = outline(tmp_path, "---\n\n# After a rule\n\ntext\n")
    assert [h for _, _, h in sections] == ["After a rule"]


def test_duplicate_headings_get_unique_anchors(tmp_path: Path) -> None:
    _, sections = outline(tmp_path, "# Notes\n\n## Notes\n\n## Notes\n\n## Notes 2\n")
    assert [a for _, a, _ in sections] == ["notes", "notes-2", "notes-3", "notes-2-2"]


def test_inline_markup_is_removed_from_heading_text(tmp_path: Path) -> None:
    text = "# *Emphasis* and **strong** with `code` and [a link](http://x.y) ![img alt](p.png)\n"
    _, sections = outline(tmp_path, text)
    assert sections[0][2] == "Emphasis and strong with code and a link img alt"
    assert sections[0][1] == "emphasis-and-strong-with-code-and-a-link-img-alt"


def test_html_inline_dropped_entities_decoded(tmp_path: Path) -> None:
    _, sections = outline(tmp_path, "# Tom &amp; Jerry <em>forever</em>\n")
    assert sections[0][2] == "Tom & Jerry forever"


def test_markup_lookalikes_stay_literal(tmp_path: Path) -> None:
    _, sections = outline(tmp_path, "# [b]Bold?[/b] [@click=app.quit]x[/]\n")
    assert sections[0][2] == "[b]Bold?[/b] [@click=app.quit]x[/]"


def test_cjk_and_right_to_left(tmp_path: Path) -> None:
    text = "# 日本語の記事\n\n本文です。\n\n## 第二章\n\n続き\n\n## مرحبا بالعالم\n\nنص\n"
    title, sections = outline(tmp_path, text)
    assert title == "日本語の記事"
    assert sections == [
        (1, "日本語の記事", "日本語の記事"),
        (2, "第二章", "第二章"),
        (2, "مرحبا-بالعالم", "مرحبا بالعالم"),
    ]


def test_emoji_only_heading_gets_section_anchor(tmp_path: Path) -> None:
    _, sections = outline(tmp_path, "# Title\n\n## 🌱🌸\n\ntext\n")
    assert sections[1][1] == "section-2"


def test_tables_and_body_and_words(tmp_path: Path) -> None:
    text = "# T\n\n| a | b |\n|---|---|\n| one two | three |\n\nfour five\n"
    path = tmp_path / "w.md"
    path.write_text(text, encoding="utf-8")
    (section,) = read_article(path).sections
    assert "| one two | three |" in section.body
    # "T" + "| a | b |" (5) + "|---|---|" (1) + "| one two | three |" (6) + "four five" (2)
    assert section.words == 1 + 5 + 1 + 6 + 2


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    assert outline(tmp_path, "", "empty.md") == ("empty.md", [])
    assert outline(tmp_path, "\n\n   \n", "blank.md") == ("blank.md", [])


def test_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "win.md"
    path.write_bytes(b"\xef\xbb\xbf# Title\r\n\r\nBody\r\n\r\n## Two\r\n\r\nx\r\n")
    article = read_article(path)
    assert article.title == "Title"
    assert [s.heading for s in article.sections] == ["Title", "Two"]
    assert "\r" not in article.markdown


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".MD"])
def test_markdown_suffixes(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"x{suffix}"
    path.write_text("# Hello\n\n## World\n", encoding="utf-8")
    assert read_article(path).kind == "markdown"


def test_digest_changes_with_the_text(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text("# A\n", encoding="utf-8")
    first = read_article(path).digest
    path.write_text("# B\n", encoding="utf-8")
    second = read_article(path).digest
    assert first.startswith("sha256:") and len(first) == len("sha256:") + 64
    assert first != second


def test_preview_of_long_front_matter_matches_the_whole(tmp_path: Path) -> None:
    from reflect.article import preview_article

    # Multi-byte front matter longer (in bytes) than the preview reads.
    prompts = "".join(f"  見出し{i}: 問い{i}はここに書かれている\n" for i in range(1500))
    text = (
        f"---\ntitle: 長い前付け\nprompts:\n{prompts}---\n# 最初\n\n本文\n\n" + "段落。\n\n" * 40000
    )
    path = tmp_path / "long-front.md"
    path.write_text(text, encoding="utf-8")
    preview = preview_article(path, limit=16 * 1024)
    article = read_article(path)
    assert preview.title == article.title == "長い前付け"
    assert preview.first is not None
    assert preview.first.heading == article.sections[0].heading == "最初"


def test_long_sections_are_counted_like_short_ones(tmp_path: Path) -> None:
    words = ("word " * 999 + "end\n\n") * 300  # 1.5 MB, counted in pieces
    path = tmp_path / "long.md"
    path.write_text("# Long\n\n" + words, encoding="utf-8")
    (section,) = read_article(path).sections
    assert section.words == 1 + 300 * 1000


def test_a_long_first_section_is_previewed_from_its_start(tmp_path):
    """The first pane shows the start of a long first section; the rest comes with the
    outline, so the preview is a block-aligned start of the real section."""
    from reflect.article import FIRST_PANE_CHARS, preview_article, read_article

    paragraphs = [f"Paragraph {n} of a long opening, before any heading." for n in range(3000)]
    path = tmp_path / "long.md"
    path.write_text(
        "---\ntitle: Long\n---\n\n"
        + "\n\n".join(paragraphs)
        + "\n\n```\ncode\n\n\nstill code\n```\n\n## Next\n\nMore.\n"
    )
    preview = preview_article(path)
    whole = read_article(path)
    assert preview.title == whole.title == "Long"
    assert not preview.complete
    first = preview.first
    assert first is not None
    assert (first.anchor, first.heading) == (whole.sections[0].anchor, whole.sections[0].heading)
    assert whole.sections[0].body.startswith(first.body)
    assert 0 < len(first.body) <= FIRST_PANE_CHARS
    assert first.body.rstrip("\n").endswith("before any heading.")  # between paragraphs
