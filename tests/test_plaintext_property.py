"""Properties of the plain-text reader that must hold for any text at all.

1. ``to_markdown`` never raises and always opens with a level-1 title.
2. markdown-it finds headings only on the lines the converter wrote as
   ``# `` / ``## `` headings, and no other structure it did not intend: no
   HTML, no code, no quotes, no tables, no rules, no emphasis, no links but
   those made from bare web addresses (autolinks, and ``www.`` addresses
   shown as written with an ``https://`` target).
3. What the reader sees is what the author wrote: the visible text keeps every
   non-whitespace character of the input, as a multiset.  Four differences
   are expected and accounted for: bullet glyphs become list markers (so
   glyph characters are left out of the comparison), verbatim repeats of
   the title are dropped, the fallback title is added when the text has
   none, and the underline of a heading drawn the setext way (``Title`` over
   ``=====`` or ``-----``) is dropped, so the ``=`` and ``-`` of rows right
   under a line that became a heading may go missing.  Order is not compared
   because menu and byline lines found before the title are written after
   it.  The generated text avoids ``%`` (autolink text shows percent-escapes
   decoded) and the words of blog chrome (which is dropped on purpose);
   chrome has its own tests in ``test_plaintext.py``.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import NamedTuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reflect.plaintext import to_markdown
from reflect.sanitize import clean

MD = MarkdownIt("commonmark").enable("table")
FALLBACK = "⌂"  # never generated, so its presence shows the fallback was used
GLYPHS = set("-*–—•◦▪▸►✓✔·●○■▫‣⁃➤")

FRAGMENTS = [
    "# ", "## ", "###### ", "> ", ">", "1. ", "2) ", "1986. ", "10. ", "- ", "* ", "+ ",
    "• ", "◦ ", "▪", "— ", "– ", "~ ", "---", "===", "***", "___", "```", "~~~", "    ",
    "\t", "<div>", "</p>", "<!--", "<script>", "<a href='x'>", "[x](y)", "[a]: b",
    "![i](j)", "**", "__", "*", "_", "`", "\\", "&amp;", "&#65;", "&#x41;", "&", "|",
    "|---|", ":-:", "http://ex.com/a_b", "https://x.y/(z)", "<https://q.r>", "www.a.b",
    "💔 ", "🌸", "1️⃣ ", "Step 1: ", "#1 ", "Title Case Words", "ALL CAPS LINE",
    "Why Not?", "a sentence.", ":", ",", "…", "!", "?", "a.m.", "With love,", "Maya",
    "Photo by X on Unsplash", "Read more: x", "[@click=app.quit]", "[/]", "[bold]",
    "Why Walking Away", "xoxo", "P.S.", "“", "”", "’", "(", ")", "<", ">", "=",
    "\n-----", "\n=====", "\n----------", "\n==========", "Setext Head\n-----------",
    "Big Title\n=========", "A sentence.\n-----------", "- item\n------", "日本語\n======",
]  # fmt: skip
ALPHABET = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="%©\r",
)
LINE = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(ALPHABET, max_size=10)), max_size=6
).map("".join)
TEXT = st.lists(st.one_of(LINE, st.just("")), max_size=40).map("\n".join)


def inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def non_space(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace() and ch not in GLYPHS)


def underlines_of(text: str, headings: set[str]) -> Counter[str]:
    """The ``=``/``-`` of every row of them right under a line that is now a heading."""
    lines = [line.strip() for line in text.split("\n")]
    out: Counter[str] = Counter()
    for above, line in pairwise(lines):
        if above in headings and line and len(set(line)) == 1 and line[0] in "=-":
            out.update(line)
    return out


def check(text: str) -> None:
    text = clean(text)
    md = to_markdown(text, fallback_title=FALLBACK)
    assert md.startswith("# ")
    tokens = MD.parse(md)
    lines = md.split("\n")

    # 2. Headings only where the converter put them, nothing it did not intend.
    heading_lines = [k for k, line in enumerate(lines) if line.startswith(("# ", "## "))]
    found = [tok.map[0] for tok in tokens if tok.type == "heading_open" and tok.map]
    assert found == heading_lines
    assert all(tok.level == 0 for tok in tokens if tok.type == "heading_open")
    types = {tok.type for tok in tokens}
    assert not types & {"html_block", "code_block", "fence", "blockquote_open", "hr", "table_open"}
    for tok in tokens:
        for child in tok.children or []:
            assert child.type not in ("html_inline", "code_inline", "image", "em_open")
            assert child.type != "strong_open"
            if child.type == "link_open":
                # Autolinks, or "www." addresses shown as written and opened over https.
                href = str(child.attrs["href"])
                assert child.markup == "autolink" or href.startswith("https://www.")

    # 3. The visible text keeps the author's characters.
    seen: list[str] = []
    title = ""
    headings: set[str] = set()
    for k, tok in enumerate(tokens):
        if tok.type == "inline":
            seen.append(inline_text(tok))
            if k and tokens[k - 1].tag == "h1":
                title = seen[-1]
            if k and tokens[k - 1].type == "heading_open":
                headings.add(seen[-1])
        elif tok.type == "list_item_open" and tok.info:
            seen.append(tok.info + tok.markup)
    out = non_space("\n".join(seen))
    expected = non_space(text)
    if title == FALLBACK:
        out -= non_space(FALLBACK)
    assert not out - expected  # nothing added
    missing = expected - out  # repeats of the title, underlines of headings
    repeat = non_space(title) if title != FALLBACK else Counter()
    underlines = underlines_of(text, headings)
    copies = text.count(title) if title else 0
    repeats = [Counter({ch: n * k for ch, n in repeat.items()}) for k in range(copies + 1)]
    assert any(dropped <= missing and missing - dropped <= underlines for dropped in repeats), (
        missing
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_blog_like_text_keeps_its_text_and_gains_no_structure(text: str) -> None:
    check(text)


@settings(max_examples=150, deadline=None)
@given(st.text(ALPHABET, max_size=400))
def test_any_text_keeps_its_text_and_gains_no_structure(text: str) -> None:
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_at_all_converts(text: str) -> None:
    md = to_markdown(clean(text), fallback_title=text[:20])
    assert md.startswith("# ") and md.endswith("\n")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="*_`[]<>&#;\\!()-=:|~ ab1.\n", min_size=257, max_size=3000))
def test_markup_soup_keeps_its_text_and_gains_no_structure(text: str) -> None:
    check(text)


# Setext-style headings: ``Title`` over a row of ``=`` or ``-`` roughly as long.
WORDS = ["Slow", "Mornings", "River", "Garden", "Light", "Winter", "Bread", "Letters", "日本語"]
SENTENCES = ["It rained all day.", "We walked home slowly.", "Nobody said a word!"]
RULES = ["-----", "=====", "---", "===", "----------"]  # separators: rows standing alone
HEAD = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)


class Article(NamedTuple):
    text: str
    heads: list[str]  # the underlined lines, in order
    body_first: bool  # a sentence before the first of them: the title is the fallback
    rules: int  # separators


@st.composite
def setext_article(draw: st.DrawFn) -> Article:
    """Underlined headings (the underline a little off at times, sometimes with the
    body glued under it), each followed by a sentence, with sentences and
    separators between."""
    heads = draw(st.lists(HEAD, min_size=1, max_size=6, unique=True))
    parts: list[str] = []
    body_first = False
    rules = 0
    for k, head in enumerate(heads):
        for filler in draw(st.lists(st.sampled_from(SENTENCES + RULES), max_size=2)):
            body_first = body_first or (k == 0 and filler in SENTENCES)
            rules += filler in RULES
            parts.append(filler + "\n\n")
        columns = sum(2 if ch > "\u3000" else 1 for ch in head)  # CJK is two columns wide
        size = max(3, draw(st.sampled_from([len(head), columns])) + draw(st.integers(-2, 2)))
        rule = draw(st.sampled_from("=-")) * size
        glued = draw(st.booleans())
        parts.append(f"{head}\n{rule}\n" + ("" if glued else "\n"))
        parts.append(draw(st.sampled_from(SENTENCES)) + "\n\n")
    return Article("".join(parts), heads, body_first, rules)


@settings(max_examples=200, deadline=None)
@given(setext_article())
def test_underlined_headings_are_the_outline(article: Article) -> None:
    check(article.text)
    md = to_markdown(clean(article.text), fallback_title=FALLBACK)
    tokens = MD.parse(md)
    found = [
        (int(tok.tag[1]), inline_text(tokens[k + 1]))
        for k, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]
    heads = article.heads
    if article.body_first:
        assert found == [(1, FALLBACK), *[(2, head) for head in heads]]
    else:
        assert found == [(1, heads[0]), *[(2, head) for head in heads[1:]]]
    # No underline is left as text: the only rows of "=" or "-" are the separators.
    rows = [inline_text(tok) for tok in tokens if tok.type == "inline"]
    assert sum(1 for row in rows if set(row) <= {"=", "-"}) == article.rules
