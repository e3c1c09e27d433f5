"""Properties of sectioning: chunked parsing equals a whole-file parse, and any
text at all reads into sections without crashing."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reflect.article import Section, iter_sections
from reflect.frontmatter import read_front_matter
from reflect.sections import iter_headings

BLOCKS = [
    "# Heading {i}\n",
    "## Sub *{i}*\n",
    "Setext {i}\n===\n",
    "Para {i}\nwith two lines\n",
    "- item {i}\n- # list heading\n",
    "1. one {i}\n2. two\n",
    "> quote {i}\n> # quoted heading\n",
    "```\n# fenced {i}\n```\n",
    "```\nunclosed fence {i}\n",
    "    # indented {i}\n",
    "<div>\n# html {i}\n</div>\n",
    "<!-- comment {i}\n# inside\n-->\n",
    "| a | b |\n|---|---|\n| {i} | x |\n",
    "---\n",
    "Lazy {i}\n---\n",
    "[ref{i}]: http://example.com\n",
    "",
]

documents = st.lists(
    st.tuples(st.sampled_from(BLOCKS), st.sampled_from(["\n", "", "\n\n"])), max_size=40
).map(lambda parts: "".join(b.format(i=i) + sep for i, (b, sep) in enumerate(parts)))


def whole_parse_headings(text: str) -> list[tuple[int, int]]:
    """Reference: top-level headings (line, level) from one parse of the whole text."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return [
        (t.map[0], int(t.tag[1]))
        for t in tokens
        if t.type == "heading_open" and t.level == 0 and t.map is not None
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([1, 10, 64, 300]))
def test_chunked_equals_whole_parse(text: str, chunk_size: int) -> None:
    found = list(iter_headings(text, chunk_size=chunk_size))
    lines = [(text.count("\n", 0, h.start), h.level) for h in found]
    assert lines == whole_parse_headings(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("#=-*>` \n\t[]()!<>/|:~ab1.😀مあ\\"), max_size=400))
def test_any_text_reads_into_sections(text: str) -> None:
    items = list(iter_sections(text, fallback="f.md"))
    title, sections = items[0], items[1:]
    assert isinstance(title, str) and title
    assert all(isinstance(s, Section) for s in sections)
    anchors = [s.anchor for s in sections if isinstance(s, Section)]
    assert len(anchors) == len(set(anchors))
    assert all(a and "/" not in a for a in anchors)
    # Sections tile the text after any front matter: in order, no overlaps.
    ends = [(s.start, s.end) for s in sections if isinstance(s, Section)]
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ends))
    if ends:
        assert ends[-1][1] == len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    from reflect.sanitize import clean

    items = list(iter_sections(clean(text), fallback="f.md"))
    assert isinstance(items[0], str)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_prefix_preview_agrees_with_whole(text: str) -> None:
    """The reader's early first pane is the same section the full outline finds."""
    whole = [s for s in iter_sections(text, fallback="f.md") if isinstance(s, Section)]
    # The reader's prefix (96 KB) always holds the whole front matter (at most
    # 64 KB), so cut only after it, as the reader does.
    front_end = read_front_matter(text).end
    cut = text.rfind("\n\n", front_end, max(front_end + 1, len(text) // 2))
    if cut <= front_end:
        return
    prefix = text[: cut + 1]
    partial = [
        s for s in iter_sections(prefix, fallback="f.md", partial=True) if isinstance(s, Section)
    ]
    assert len(partial) <= len(whole)
    for got, expected in zip(partial, whole, strict=False):
        assert (got.anchor, got.heading, got.level, got.start) == (
            expected.anchor,
            expected.heading,
            expected.level,
            expected.start,
        )
        assert got.end <= expected.end
    # Every section but the last one known is complete.
    for got, expected in zip(partial[:-1], whole, strict=False):
        assert got.end == expected.end
