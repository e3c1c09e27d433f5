"""Plain-text headings underlined the setext way: ``Title`` over ``=====`` or ``-----``.

The expected Markdown here is written by hand from reading each input: an
underlined heading-shaped line is a level-2 heading (or the title, when it is
the first heading-like line), its underline is gone, and a row of dashes or
equals signs with no such line right above it is a separator that stays text.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from reflect import plaintext_lines
from reflect.plaintext import to_markdown
from reflect.sanitize import clean

MD = MarkdownIt("commonmark").enable("table")


def convert(text: str, fallback: str = "Fallback Title") -> str:
    return to_markdown(clean(text), fallback_title=fallback)


def outline(markdown: str) -> list[tuple[int, str]]:
    tokens = MD.parse(markdown)
    return [
        (int(tok.tag[1]), tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


def visible_blocks(markdown: str) -> list[str]:
    """What a reader sees of each block: text and link text, hard breaks as newlines."""
    out: list[str] = []
    for tok in MD.parse(markdown):
        if tok.type == "inline":
            out.append(
                "".join(
                    "\n" if child.type in ("softbreak", "hardbreak") else child.content
                    for child in tok.children or []
                    if child.type in ("text", "softbreak", "hardbreak")
                )
            )
    return out


def structure(markdown: str) -> set[str]:
    return {tok.type for tok in MD.parse(markdown)}


def test_underlined_title_and_sections() -> None:
    text = (
        "My Essay\n"
        "========\n"
        "\n"
        "This is the intro.\n"
        "\n"
        "First Part\n"
        "----------\n"
        "\n"
        "Body of the first part.\n"
        "\n"
        "Second Part\n"
        "===========\n"
        "\n"
        "Body of the second part.\n"
    )
    md = convert(text)
    assert md == (
        "# My Essay\n"
        "\n"
        "This is the intro.\n"
        "\n"
        "## First Part\n"
        "\n"
        "Body of the first part.\n"
        "\n"
        "## Second Part\n"
        "\n"
        "Body of the second part.\n"
    )
    assert outline(md) == [(1, "My Essay"), (2, "First Part"), (2, "Second Part")]
    assert "hr" not in structure(md)


def test_both_underline_kinds_are_level_two() -> None:
    text = "My Title\n\nIntro.\n\nEquals\n======\n\nBody one.\n\nDashes\n------\n\nBody two.\n"
    assert outline(convert(text)) == [(1, "My Title"), (2, "Equals"), (2, "Dashes")]


def test_crlf_and_trailing_spaces_and_indent() -> None:
    text = (
        "My Essay  \r\n========   \r\n\r\nIntro.\r\n\r\n  Part One\r\n  --------\r\n\r\nBody.\r\n"
    )
    assert convert(text) == "# My Essay\n\nIntro.\n\n## Part One\n\nBody.\n"


def test_body_glued_under_the_underline() -> None:
    text = (
        "My Essay\n"
        "========\n"
        "Intro glued under the underline.\n"
        "\n"
        "Part One\n"
        "--------\n"
        "Body glued too.\n"
        "And a second line of it.\n"
    )
    assert convert(text) == (
        "# My Essay\n"
        "\n"
        "Intro glued under the underline.\n"
        "\n"
        "## Part One\n"
        "\n"
        "Body glued too.\\\n"
        "And a second line of it.\n"
    )


def test_lone_separators_stay_text() -> None:
    text = "My Title\n\nIntro text.\n\n-----\n\nMore text.\n\n=====\n\nEnd.\n"
    md = convert(text)
    assert md == "# My Title\n\nIntro text.\n\n\\-----\n\nMore text.\n\n=====\n\nEnd.\n"
    assert visible_blocks(md) == ["My Title", "Intro text.", "-----", "More text.", "=====", "End."]
    assert outline(md) == [(1, "My Title")]
    assert "hr" not in structure(md)


def test_separator_after_a_blank_line_does_not_underline() -> None:
    # The blank line between them makes the dashes a separator, not an underline.
    text = "My Title\n\nIt ended there.\n\n-----\n\nThe next day was quiet.\n"
    md = convert(text)
    assert md == "# My Title\n\nIt ended there.\n\n\\-----\n\nThe next day was quiet.\n"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("This is a sentence.", "-------------------"),  # ends like a sentence
        ("What happened next:", "==================="),  # ends like a clause
        ("Read more: Ten Ways to Rest", "---------------------------"),  # a cross-link
        ("https://example.com/post", "------------------------"),  # an address
        ("lower case line here", "--------------------"),  # starts lower case
        ("Short", "----------------------------------------"),  # a separator, not an underline
        ("A Rather Long Heading Line", "----"),  # far too short to underline it
    ],
)
def test_dashes_under_a_line_that_is_not_a_heading_stay_text(line: str, rule: str) -> None:
    md = convert(f"My Title\n\nIntro.\n\n{line}\n{rule}\n\nEnd.\n")
    assert outline(md) == [(1, "My Title")]
    assert "hr" not in structure(md)
    # Title, intro, the line with its rule under it (a hard break between), end.
    assert visible_blocks(md) == ["My Title", "Intro.", f"{line}\n{rule}", "End."]


def test_title_is_still_the_first_heading_like_line() -> None:
    # A plain heading-like line first: it is the title, the underlined one a section.
    md = convert("Site Name\n\nMy Post\n=======\n\nBody.\n")
    assert md == "# Site Name\n\n## My Post\n\nBody.\n"
    # Menus and bylines above an underlined title come after it, as with any title.
    md = convert("Home / Blog / About\n\nMy Post\n=======\n\nBody.\n")
    assert md == "# My Post\n\nHome / Blog / About\n\nBody.\n"
    # Body first: no title in the text, the underlined line is a section.
    md = convert("This opens with a sentence.\n\nA Part\n------\n\nBody.\n", fallback="my-post")
    assert md == "# my-post\n\nThis opens with a sentence.\n\n## A Part\n\nBody.\n"


def test_verbatim_repeat_of_the_title_is_dropped_underlined_or_not() -> None:
    assert convert("My Essay\n========\n\nMy Essay\n\nIntro.\n") == "# My Essay\n\nIntro.\n"
    assert convert("My Essay\n\nMy Essay\n--------\n\nIntro.\n") == "# My Essay\n\nIntro.\n"


def test_underline_beats_the_neighbour_rules() -> None:
    # Without underlines these three lone lines are a poem, and a heading needs
    # body after it; underlined, each is a heading (the last one with no body).
    text = (
        "My Title\n\nIntro.\n\n"
        "Part One\n--------\n\n"
        "Chapter One\n-----------\n\n"
        "It began on a Tuesday.\n\n"
        "Afterword\n=========\n"
    )
    assert convert(text) == (
        "# My Title\n\nIntro.\n\n## Part One\n\n## Chapter One\n\n"
        "It began on a Tuesday.\n\n## Afterword\n"
    )


def test_sentence_case_underlined_heading_in_an_emoji_house_style() -> None:
    text = (
        "My Title\n\nIntro.\n\n🌱 Start Small\n\nBody text.\n\n"
        "Trust me on this one\n--------------------\n\nBody text.\n\n"
        "🌻 Keep Going\n\nBody text.\n"
    )
    assert outline(convert(text))[1:] == [
        (2, "🌱 Start Small"),
        (2, "Trust me on this one"),
        (2, "🌻 Keep Going"),
    ]


def test_signature_under_a_sign_off_is_not_a_heading() -> None:
    md = convert("My Title\n\nIntro.\n\nWith love,\n\nMaya\n----\n\nP.S. Write back.\n")
    assert outline(md) == [(1, "My Title")]
    assert "Maya\\\n\\----" in md


def test_wide_characters_underlined_by_columns_or_by_characters() -> None:
    md = convert(
        "日本語の見出し\n==============\n\n本文です。\n\n💔 Love Hurts\n-------------\n\nBody.\n"
    )
    assert md == "# 日本語の見出し\n\n本文です。\n\n## 💔 Love Hurts\n\nBody.\n"
    md = convert("日本語の見出し\n=======\n\n本文です。\n")
    assert md == "# 日本語の見出し\n\n本文です。\n"


def test_post_without_blank_lines_keeps_its_underlined_headings() -> None:
    para = (
        "This paragraph is long enough to count as a whole paragraph on one line, "
        "the way some sites copy posts."
    )
    text = f"My Essay\n========\n{para}\nPart One\n--------\n{para}\n{para}\nPart Two\n--------\n{para}\n"
    assert convert(text) == (
        f"# My Essay\n\n{para}\n\n## Part One\n\n{para}\n\n{para}\n\n## Part Two\n\n{para}\n"
    )


def test_underlined_chrome_at_the_end_is_dropped() -> None:
    text = (
        "My Title\n\nIntro.\n\nLast Part\n---------\n\nThe last words of the post.\n\n"
        "Related Posts\n-------------\n\nTen Books for Winter\nHow I Keep a Notebook\n"
    )
    assert convert(text) == (
        "# My Title\n\nIntro.\n\n## Last Part\n\nThe last words of the post.\n"
    )


def test_markup_in_an_underlined_heading_is_literal() -> None:
    md = convert("My Title\n\nIntro.\n\nA *Bold* [Claim] #\n------------------\n\nBody.\n")
    assert outline(md) == [(1, "My Title"), (2, "A \\*Bold\\* [Claim] \\#")]
    heading = [tok for tok in MD.parse(md) if tok.type == "inline"][2]
    assert [child.type for child in heading.children or []] == ["text"]
    assert heading.children[0].content == "A *Bold* [Claim] #"  # type: ignore[index]


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        ("====", "Tips", True),
        ("------", "Tips", True),  # two longer: within two characters
        ("-------", "Tips", False),
        ("---", "Hi", True),
        ("--", "Hi", False),  # an underline is three characters at least
        ("----------------", "Twelve chars", True),  # 12 → 16: within a third
        ("-----------------", "Twelve chars", False),
        ("========", "Twelve chars", True),
        ("=======", "Twelve chars", False),
        ("=-=-=-=", "Mixed", False),
        ("= = = =", "Spaced", False),
        ("~~~~~~", "Tildes", False),
        ("==============", "日本語の見出し", True),  # 14 columns
        ("=======", "日本語の見出し", True),  # 7 characters
        ("===================", "日本語の見出し", False),  # 19: five over 14 columns
        ("====", "日本語の見出し", False),  # three under 7 characters
    ],
)
def test_what_counts_as_an_underline(rule: str, text: str, expected: bool) -> None:
    assert plaintext_lines.underlines(rule, text) is expected


def test_width_counts_columns() -> None:
    assert plaintext_lines.width("abc") == 3
    assert plaintext_lines.width("日本") == 4
    assert plaintext_lines.width("é") == 1
    assert plaintext_lines.width("e\u0301") == 1  # e and a combining accent
    assert plaintext_lines.width("💔 x") == 4
