"""Find on the text a reader sees, not on its Markdown: the query's pattern, and a
cheap test that tells which pieces of source cannot show a hit.

What is shown is decided by the renderer (:func:`reflect.widgets.render.shown_texts`,
UI side, since it builds Textual ``Content``); this module only holds the rules
both the search and the pane apply to that text, so they count the same hits:

* a query is its words; any run of whitespace between them matches any run of
  whitespace (a soft line break in the source, a wrap on screen), and case is
  ignored.  Leading and trailing spaces are dropped: a paragraph's last word
  has none after it, and typing "floor " should not lose "floor";
* hits are counted per block of shown text (a paragraph, list item, heading,
  table or code block), never across two.

Rendering costs about 8 MB/s, so a search renders only the pieces whose
source could show a hit.  :class:`SourceTest` is that filter, and it must
never say no to a piece that shows one.  No Textual here.
"""

from __future__ import annotations

import re

RUN = re.compile(r"[^\W_]+")
"""A run of letters and digits: shown only as written in the source, unless
markup sits inside it (see :data:`SPLIT`)."""

_MARKS = r"[*`_~]"
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
SPLIT = re.compile(
    # One character class first, so the scan for it runs in C at 300 MB/s;
    # then what it is and what came before it (about 1 s for 20 MB when
    # each branch started with "a letter or digit").
    rf"[*`_~\[<\]>)&!{_CONTROLS}]"
    # Emphasis or code inside a word: lan*tern*, lan`tern`, _lan_`tern`.  A
    # lone "_" between letters is never emphasis in CommonMark (snake_case
    # shows as written, and technical prose is full of it): it counts only
    # with another mark after it.
    rf"(?:(?<=[^\W_][*`~]){_MARKS}*[^\W_]"
    rf"|(?<=[^\W_]_){_MARKS}+[^\W_]"
    # A link or autolink opening right after a letter: lan[tern](…), lan**[tern](…)**.
    rf"|(?<=[^\W_]{_MARKS}){_MARKS}*[\[<]"
    rf"|(?<=[^\W_][\[<])"
    # A letter right after a link's end: [lan](…)tern, [lan][ref]tern, <…>tern;
    # or another link right after one: [Java](…)[Script](…) shows "JavaScript".
    rf"|(?<=[\]>)]){_MARKS}*(?:[^\W_]|[\[<])"
    # An entity (&amp; &#65; show other characters); an image ("[image: …]", words
    # its source lacks); controls, which the renderer drops (sanitize.clean).
    rf"|(?<=&)[#A-Za-z]"
    rf"|(?<=!)\["
    rf"|(?<=[{_CONTROLS}]))"
)
"""Source where a shown run of letters need not be written whole: the runs of a
query are not looked for in a piece that has any of these (it is rendered)."""


GAP = r"(?:[\W_]|\](?:\([\s\S]{0,1024}?\)|\[(?:\\.|[^\]\\]){0,1024}\]))*?"
"""What may lie in the source between two runs of letters a hit shows with
only spaces or punctuation between them: spaces, punctuation and markup, and a
link's address or reference (``the](…) of``), up to 1 KB of it."""

LONG_LINK = re.compile(r"\]\((?![^()]{0,1023}\))|\]\[(?![^\]]{0,1023}\])")
"""A link address (or reference) that :data:`GAP` may not span: one with a
parenthesis inside, or no end within 1 KB.  A piece with one is tested by its
runs alone.  (Left: a title over 1 KB with a ")" in it, and a hit across it.)"""


def query_pattern(query: str) -> re.Pattern[str] | None:
    """The query as a pattern over shown text, or None for a query of no words."""
    words = query.split()
    if not words:
        return None
    return re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE)


class SourceTest:
    """Whether a piece of Markdown source could show a hit of a query.

    A hit shows every run of letters and digits of the query; each is written
    in the source as it is shown (the same characters, case aside), unless
    markup or an entity splits it (:data:`SPLIT`), or an image adds words.
    So a piece with neither every run nor any such spot shows no hit.  The
    runs are looked for with the same case rules as the query's pattern.

    Better still, a hit shows its runs in order with only spaces or
    punctuation between them, so the source has them in order with only
    those, markup and link addresses between (:data:`GAP`): a phrase of two
    common words is looked for as a phrase, not as two words.
    """

    __slots__ = ("_phrase", "_runs")

    def __init__(self, query: str) -> None:
        runs = RUN.findall(query)
        self._phrase = re.compile(GAP.join(map(re.escape, runs)), re.IGNORECASE)
        # The longest first: the rarest, most often, so a piece fails sooner.
        ordered = sorted(dict.fromkeys(runs), key=len, reverse=True)
        self._runs = [re.compile(re.escape(run), re.IGNORECASE) for run in ordered]

    def may_show(self, source: str) -> bool:
        """False only if ``source``, rendered, cannot show a hit."""
        if SPLIT.search(source) is not None:
            return True
        if LONG_LINK.search(source) is not None:
            return all(run.search(source) for run in self._runs)
        return self._phrase.search(source) is not None


def hit_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where ``pattern`` matches in one block of shown text, in order, none overlapping."""
    return [match.span() for match in pattern.finditer(text)]
