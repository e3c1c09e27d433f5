"""The plain-text reader: blog posts copied as text, read the way a careful human would.

Every fixture in ``tests/fixtures/plaintext`` is a different blog shape with an
outline written by hand from reading the text (``<name>.json``): the title,
the section headings, and phrases that must or must not survive.  The
Markdown is checked the way the rest of reflect reads it, by parsing it with
markdown-it (CommonMark + tables).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reflect import plaintext, plaintext_chrome
from reflect.plaintext import STYLE_WINDOW, to_markdown
from reflect.sanitize import clean

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "plaintext"
SEED = ROOT / "articles" / "why-walking-away-can-be-the-kindest-choice.md"
SEED_TEXT = FIXTURES / "seed" / "why-walking-away-can-be-the-kindest-choice.txt"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))

MD = MarkdownIt("commonmark").enable("table")


def convert(text: str, fallback: str = "Fallback Title") -> str:
    return to_markdown(clean(text), fallback_title=fallback)


def inline_text(token: Token) -> str:
    """What a reader sees of an inline token: text, code and link text, breaks as newlines."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def outline(markdown: str) -> list[tuple[int, str]]:
    """Every heading markdown-it finds, anywhere, as (level, visible text)."""
    tokens = MD.parse(markdown)
    return [
        (int(tok.tag[1]), inline_text(tokens[i + 1]))
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


def visible(markdown: str) -> str:
    """The visible text of the whole document, one block per line."""
    return "\n".join(inline_text(t) for t in MD.parse(markdown) if t.type == "inline")


def block_types(markdown: str) -> set[str]:
    return {t.type for t in MD.parse(markdown)}


def links(markdown: str) -> list[str]:
    return [
        str(child.attrs["href"])
        for tok in MD.parse(markdown)
        if tok.type == "inline"
        for child in tok.children or []
        if child.type == "link_open"
    ]


def count_items(markdown: str) -> dict[str, int]:
    counts = {"bullet": 0, "ordered": 0}
    stack: list[str] = []
    for tok in MD.parse(markdown):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            stack.append("bullet" if tok.type.startswith("bullet") else "ordered")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            stack.pop()
        elif tok.type == "list_item_open":
            counts[stack[-1]] += 1
    return counts


# --- the seed -------------------------------------------------------------------------

SEED_HEADINGS = [
    "💔 Love Shouldn’t Require Losing Yourself",
    "🌸 Walking Away Doesn’t Mean You Don’t Care",
    "🕊️ Staying Isn’t Always Loving — Sometimes It’s Avoiding",
    "💛 Leaving Can Be a Gift",
    "🌦 Healing Doesn’t Happen Overnight — and That’s Okay",
    "🌹 The Bravery in Choosing Yourself",
]


@pytest.fixture(scope="module")
def seed_md() -> str:
    return convert(SEED_TEXT.read_text(encoding="utf-8"), "seed")


def test_seed_outline_is_title_and_six_emoji_headings(seed_md: str) -> None:
    assert outline(seed_md) == [
        (1, "Why Walking Away Can Be the Kindest Choice"),
        *[(2, h) for h in SEED_HEADINGS],
    ]


def test_seed_title_repeat_is_dropped_and_intro_kept(seed_md: str) -> None:
    text = visible(seed_md)
    assert text.count("Why Walking Away Can Be the Kindest Choice") == 1
    assert "We grow up believing that love means holding on" in text
    assert "Sometimes, it’s the kindest choice — for both people." in text


def test_seed_has_real_lists_and_links_and_no_chrome(seed_md: str) -> None:
    assert count_items(seed_md) == {"bullet": 8, "ordered": 0}
    assert "•" not in seed_md
    assert links(seed_md) == [
        "https://amzn.to/3Zmx6zM",
        "https://amzn.to/4gD5kav",
        "https://amzn.to/4iBDd0W",
    ]
    text = visible(seed_md)
    assert "➡️ https://amzn.to/3Zmx6zM" in text
    assert "Popular posts" not in text
    assert "Decluttering" not in text
    assert text.rstrip().endswith("you won’t have to fight so hard to feel chosen.")


def test_seed_lists_are_tight(seed_md: str) -> None:
    tokens = MD.parse(seed_md)
    paragraphs_in_lists = [t for t in tokens if t.type == "paragraph_open" and t.hidden]
    assert len(paragraphs_in_lists) == 8


def test_seed_poem_keeps_its_line_breaks(seed_md: str) -> None:
    assert (
        "Sometimes the kindest thing you can do\nis stop hurting each other\nby trying"
        in visible(seed_md)
    )


def test_shipped_seed_article_is_the_converters_output() -> None:
    expected = convert(SEED_TEXT.read_text(encoding="utf-8"), "seed")
    assert SEED.read_text(encoding="utf-8") == expected


# --- hand-checked fixtures ------------------------------------------------------------


def load(name: str) -> tuple[str, dict]:  # type: ignore[type-arg]
    text = (FIXTURES / f"{name}.txt").read_bytes().decode("utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return text, expected


def test_there_are_at_least_ten_fixtures() -> None:
    assert len(NAMES) >= 10


@pytest.mark.parametrize("name", NAMES)
def test_fixture_outline(name: str) -> None:
    text, expected = load(name)
    md = convert(text, fallback=name)
    title = expected["title"] if expected["title"] is not None else name
    assert outline(md) == [(1, title), *[(2, h) for h in expected["headings"]]]


@pytest.mark.parametrize("name", NAMES)
def test_fixture_text_kept_and_chrome_dropped(name: str) -> None:
    text, expected = load(name)
    md = convert(text, fallback=name)
    seen = visible(md)
    for phrase in expected.get("present", []):
        assert phrase in seen
    for phrase in expected.get("absent", []):
        assert phrase not in seen
    for url in expected.get("links", []):
        assert url in links(md)
    if "lists" in expected:
        assert count_items(md) == expected["lists"]


@pytest.mark.parametrize("name", NAMES)
def test_fixture_markdown_has_no_unintended_structure(name: str) -> None:
    text, _ = load(name)
    md = convert(text, fallback=name)
    unexpected = block_types(md) & {
        "blockquote_open",
        "code_block",
        "fence",
        "html_block",
        "hr",
        "table_open",
    }
    assert not unexpected


# --- Markdown safety ------------------------------------------------------------------

HOSTILE_LINES = [
    "# not a heading",
    "## neither is this ##",
    "> quote",
    "1986. was a year",
    "1) one",
    "---",
    "===",
    "* * *",
    "+ plus",
    "<script>alert(1)</script>",
    "<div>block</div>",
    "<!-- comment -->",
    "[x](javascript:alert(1))",
    "![img](http://example.com/x.png)",
    "[@click=app.quit]x[/]",
    "[ref]: http://example.com",
    "**bold** and *em* and _em_ and __strong__",
    "snake_case_name and 5 * 3 and a*b*c",
    "back\\slash \\*not em\\* and trailing\\",
    "`code` and ``more``",
    "~~~ fence",
    "```python",
    "    four spaces of indent",
    "| a | b |",
    "|---|---|",
    "&amp; &copy; &#65; &#x41; & plain",
    "<https://example.com> and <me@example.com>",
]


def test_hostile_lines_as_paragraph_stay_literal() -> None:
    text = "Title Line\n\n" + "\n".join(HOSTILE_LINES) + "\n\nThe end of it.\n"
    md = convert(text)
    assert outline(md) == [(1, "Title Line")]
    paragraphs = [inline_text(t) for t in MD.parse(md) if t.type == "inline"][1:]
    expected = [line.strip() for line in HOSTILE_LINES]
    assert paragraphs[0].split("\n") == expected
    assert block_types(md) <= {
        "heading_open",
        "heading_close",
        "paragraph_open",
        "paragraph_close",
        "inline",
    }


@pytest.mark.parametrize("line", HOSTILE_LINES)
def test_each_hostile_line_alone_stays_literal(line: str) -> None:
    text = f"Title Line\n\nSome body text first.\n\n{line}\n\nAnd a closing sentence.\n"
    md = convert(text)
    assert outline(md) == [(1, "Title Line")]
    texts = [inline_text(t) for t in MD.parse(md) if t.type == "inline"]
    assert texts == ["Title Line", "Some body text first.", line.strip(), "And a closing sentence."]
    assert bool(links(md)) == ("://" in line)


@pytest.mark.parametrize("line", [line for line in HOSTILE_LINES if any(c.isalnum() for c in line)])
def test_hostile_line_as_list_item_and_continuation(line: str) -> None:
    text = f"Title Line\n\nIntro sentence.\n{line}\n\n• {line.strip()}\n\nDone.\n"
    md = convert(text)
    assert outline(md) == [(1, "Title Line")]
    texts = [inline_text(t) for t in MD.parse(md) if t.type == "inline"]
    assert texts == ["Title Line", f"Intro sentence.\n{line.strip()}", line.strip(), "Done."]


def test_headings_keep_emoji_and_markup_characters_literally() -> None:
    text = (
        "A *Title* with [brackets] #\n\nIntro text here.\n\n"
        "🚀 Ship It <Now> & Then_Again #\n\nBody text.\n"
    )
    md = convert(text)
    assert outline(md) == [
        (1, "A *Title* with [brackets] #"),
        (2, "🚀 Ship It <Now> & Then_Again #"),
    ]


def test_escaping_is_minimal_for_ordinary_prose() -> None:
    text = "Plain Title\n\nIt's 5 * 3 = 15, a snake_case word, <3 and a & b.\n"
    md = convert(text)
    assert "It's 5 * 3 = 15, a snake_case word, <3 and a & b." in md


def test_fallback_title_when_text_opens_with_prose() -> None:
    md = convert("This opens with a sentence.\n\nAnother one.\n", fallback="my-post")
    assert md.startswith("# my-post\n\n")
    assert outline(md) == [(1, "my-post")]


def test_empty_text_is_just_the_fallback_title() -> None:
    assert convert("", fallback="empty") == "# empty\n"
    assert convert("\n\n  \n\t\n", fallback="blank") == "# blank\n"


def test_escape_sequences_in_fallback_title_are_removed() -> None:
    md = convert("just a sentence.", fallback="\x1b]0;pwned\x07notes \x9b2J.txt")
    assert outline(md) == [(1, "notes .txt")]


def test_markup_in_fallback_title_is_escaped() -> None:
    md = convert("just a sentence.", fallback="*bold* [x](y) #")
    assert outline(md) == [(1, "*bold* [x](y) #")]


# --- heading rules --------------------------------------------------------------------


def headings_of(text: str) -> list[str]:
    return [h for level, h in outline(convert(text)) if level == 2]


def test_one_line_sentences_and_colon_lines_are_not_headings() -> None:
    text = (
        "My Title\n\nIntro paragraph here, long enough.\n\n"
        "This is a one-line sentence.\n\nMore body text.\n\n"
        "What happened next:\n\nBody again.\n\nWow!\n\nEnd of body.\n"
    )
    assert headings_of(text) == []


def test_sign_offs_and_cross_links_are_not_headings() -> None:
    text = (
        "My Title\n\nBody text, a sentence.\n\nCheers, Sam\n\nMore text.\n\n"
        "Read more: Ten Ways to Rest\n\nBody.\n\nAlso read Why We Walk\n\nBody.\n\n"
        "Related: The Slow Life\n\nBody.\n\nWith love,\n\nMaya\n\nP.S. See you soon.\n"
    )
    assert headings_of(text) == []


def test_heading_after_a_caption_or_link_line() -> None:
    text = (
        "My Title\n\nIntro text.\n\nPhoto by Jane Doe on Unsplash\n\nFinal Thoughts\n\n"
        "Body text here.\n\nhttps://example.com/a\n\nOne More Thing\n\nBody again.\n\n"
        "Cheers\n\nSam\n\nP.S. Write back.\n"
    )
    assert headings_of(text) == ["Final Thoughts", "One More Thing"]


def test_bylines_dates_and_captions_are_not_headings() -> None:
    text = (
        "My Title\n\nPosted on March 3, 2024 by Maya\n\n5 min read\n\n"
        "Body text here.\n\nPhoto by Jane Doe on Unsplash\n\nMore body text.\n"
    )
    assert headings_of(text) == []


def test_consecutive_numbered_lines_are_a_list_not_headings() -> None:
    text = "My Title\n\nThree steps.\n\n1. Mix\n\n2. Bake\n\n3. Eat\n\nThat's all.\n"
    md = convert(text)
    assert headings_of(text) == []
    assert count_items(md) == {"bullet": 0, "ordered": 3}


def test_zero_padded_numbers_stay_as_written() -> None:
    md = convert("My Title\n\nA list.\n\n01. # one\n02. two\n\nEnd:\n001. three\n")
    assert count_items(md) == {"bullet": 0, "ordered": 0}
    assert "01. # one\n02. two" in visible(md)
    assert "End:\n001. three" in visible(md)


def test_runs_of_short_lines_are_a_poem_not_headings() -> None:
    text = (
        "My Title\n\nAn intro sentence.\n\nThe River Knows\n\nThe Stones Remember\n\n"
        "The Sky Forgets\n\nAnd that is all I have to say about it.\n"
    )
    assert headings_of(text) == []


def test_heading_needs_body_after_it() -> None:
    assert headings_of("My Title\n\nBody text.\n\nA Dangling Heading\n") == []


def test_house_style_rejects_stray_sentence_case_lines() -> None:
    text = (
        "My Title\n\nIntro.\n\n🌱 Start Small\n\nBody text.\n\nTrust me on this one\n\n"
        "Body text.\n\n🌻 Keep Going\n\nBody text.\n"
    )
    assert headings_of(text) == ["🌱 Start Small", "🌻 Keep Going"]


def test_sentence_case_headings_when_that_is_the_house_style() -> None:
    text = (
        "My Title\n\nIntro.\n\nWhat I learned first\n\nBody text.\n\n"
        "Why it still matters\n\nBody text.\n\nWhere to go from here\n\nBody text.\n"
    )
    assert headings_of(text) == [
        "What I learned first",
        "Why it still matters",
        "Where to go from here",
    ]


def test_lower_case_emoji_headings_when_that_is_the_house_style() -> None:
    text = (
        "My Title\n\nIntro.\n\n✨ slow mornings\n\nBody text.\n\n"
        "🌿 quiet evenings\n\nBody text.\n\n🌸 and a poem line\nthat goes on\n"
    )
    assert headings_of(text) == ["✨ slow mornings", "🌿 quiet evenings"]
    assert headings_of("My Title\n\nIntro.\n\n✨ slow mornings\n\nBody text.\n") == []


def test_one_word_interjections_are_not_headings() -> None:
    text = "My Title\n\nIntro.\n\nAnyway\n\nBody text.\n\nSeriously\n\nMore body.\n"
    assert headings_of(text) == []
    text = "My Title\n\nIntro.\n\nIngredients\n\nFlour and water.\n"
    assert headings_of(text) == ["Ingredients"]


def test_attribution_under_a_quote_is_not_a_list() -> None:
    md = convert("My Title\n\n“Rest is not idleness.”\n\n- John Lubbock\n\nBody.\n")
    assert count_items(md) == {"bullet": 0, "ordered": 0}
    assert "- John Lubbock" in visible(md)


def test_wordpress_footer_is_dropped_and_short_paragraphs_kept() -> None:
    text = (
        "My Title\n\nA short first paragraph.\n\nRelated\n\nA second short one.\n\n"
        + "A long paragraph that goes on and on about the studio, the light, the season. " * 3
        + "\n\nThe end.\n\nShare this:\nTwitter\nFacebook\n\nLike this:\nLike Loading...\n\n"
        "Posted in Uncategorized\n\nLeave a comment\n\nBlog at WordPress.com.\n"
    )
    seen = visible(convert(text))
    assert "A second short one." in seen and "The end." in seen
    assert "Twitter" not in seen and "WordPress" not in seen and "Uncategorized" not in seen


def test_author_bio_at_the_end_is_dropped() -> None:
    text = (
        "My Title\n\n"
        + "An article paragraph that says something worth reading. " * 4
        + "\n\nAbout the Author\n\n"
        + "Maya is a writer and gardener living by the sea, who writes about slow living. " * 2
        + "\n"
    )
    seen = visible(convert(text))
    assert "worth reading" in seen and "Maya is a writer" not in seen


def test_heading_at_a_paragraph_boundary() -> None:
    text = (
        "My Title\n\nIntro.\n\n🌿 GROW SLOWLY\nThis is the body of the section, right under it.\n"
    )
    assert headings_of(text) == ["🌿 GROW SLOWLY"]


def test_genuine_comments_section_is_not_chrome() -> None:
    text = (
        "My Title\n\nIntro.\n\nComments\n\n"
        + "People wrote to me about the last post, and I read every letter twice. " * 8
        + "\n\nAnother Section\n\nMore body text that goes on for a while.\n"
    )
    md = convert(text)
    assert "People wrote to me" in visible(md)
    assert "More body text" in visible(md)


@pytest.mark.parametrize("name", NAMES)
def test_prefix_agrees_with_whole_before_the_cut(name: str) -> None:
    """The reader converts a prefix cut at a blank line to show the first pane early.

    The house style is read from the first STYLE_WINDOW characters, so prefixes
    that hold the window (the reader's 96 KB preview always does) must find
    the same headings as the whole text, but for one right at the cut whose
    body is not there yet.  The article is repeated to be long enough; its
    chrome is left out, as chrome ends an article.
    """
    blocks = plaintext._blocks(clean(load(name)[0]))  # the article without its chrome
    one = "\n\n".join("\n".join(block) for block in blocks[: plaintext_chrome.chrome_start(blocks)])
    text = "\n\n".join([one] * (2 * STYLE_WINDOW // len(one) + 2)) + "\n"
    whole = outline(convert(text))
    cuts = [m.start() + 1 for m in re.finditer("\n\n", text) if m.start() > STYLE_WINDOW]
    for cut in cuts[:: max(1, len(cuts) // 6)]:
        part = outline(convert(text[:cut]))
        assert part == whole[: len(part)]
        pos = before = 0
        for _, heading in whole[1:]:
            found = text.find(f"\n{heading}\n", pos)
            if not 0 <= found < cut:
                break
            before, pos = before + 1, found + 1
        assert len(part) - 1 >= before - 1


# --- hostile input --------------------------------------------------------------------


def test_two_megabyte_single_line() -> None:
    line = "word *star* _under_ [b] <t> & " * 70_000
    md = convert(line)
    assert md.startswith("# Fallback Title\n\n")


def test_twenty_thousand_heading_like_lines() -> None:
    text = "".join(
        f"Heading Number {i}\n\nSome body text for section {i}.\n\n" for i in range(20_000)
    )
    md = convert(text)
    found = outline(md)
    assert len(found) == 20_000  # the first is the title, the rest are sections


def test_thousands_of_nested_quotes() -> None:
    md = convert(
        "My Title\n\n" + "> " * 5000 + "deep\n\n" + "\n".join(">" * k for k in range(1, 300))
    )
    assert "blockquote_open" not in block_types(md)


def test_pathological_urls_and_runs_finish() -> None:
    text = (
        "https://a.b/"
        + ")" * 100_000
        + "\n\n"
        + "https://" * 20_000
        + "\n\n"
        + "*_" * 20_000
        + "\n\n"
        + "&#" * 20_000
        + "\n\n"
        + "\\" * 20_000
        + "\n"
    )
    md = convert(text)
    assert links(md) == ["https://a.b/"]


def test_urls_keep_balanced_parentheses_and_drop_sentence_punctuation() -> None:
    md = convert(
        "My Title\n\nSee https://en.wikipedia.org/wiki/Rest_(physics). Or (https://x.org/a).\n"
    )
    assert links(md) == ["https://en.wikipedia.org/wiki/Rest_(physics)", "https://x.org/a"]
    assert "See https://en.wikipedia.org/wiki/Rest_(physics). Or (https://x.org/a)." in visible(md)


def test_rich_markup_lookalikes_are_literal() -> None:
    text = "[bold red]Alarm[/]\n\n[@click=app.quit]Quit[/] and [link=file:///etc/passwd]x[/link]\n"
    md = convert(text)
    assert "[@click=app.quit]Quit[/] and [link=file:///etc/passwd]x[/link]" in visible(md)
    assert not links(md)


# --- through the CLI and the article model --------------------------


def _cli_outline(path: Path) -> dict:  # type: ignore[type-arg]
    """``reflect outline --json PATH``, as a user runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "reflect", "outline", "--json", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", NAMES)
def test_cli_outline_of_fixture(name: str) -> None:
    _, expected = load(name)
    path = FIXTURES / f"{name}.txt"
    result = _cli_outline(path)
    title = expected["title"] if expected["title"] is not None else path.name
    assert result["title"] == title
    assert [(s["index"], s["level"], s["heading"]) for s in result["sections"]] == [
        (0, 1, title),
        *[(k, 2, h) for k, h in enumerate(expected["headings"], start=1)],
    ]


def test_cli_outline_of_seed() -> None:
    result = _cli_outline(SEED_TEXT)
    assert result["title"] == "Why Walking Away Can Be the Kindest Choice"
    assert [s["heading"] for s in result["sections"][1:]] == SEED_HEADINGS
    assert result["sections"][1]["anchor"] == "love-shouldnt-require-losing-yourself"
