"""Plain-text blog posts, read as a careful human would, written out as clean Markdown.

People copy essays out of browsers: the headings lose their size and become
short lines between blank lines, bullets become ``•`` glyphs, links become bare
addresses, and the page's chrome ("Popular posts from this blog", share
buttons, comment forms) comes along at the end.  :func:`to_markdown` puts the
structure back so the rest of reflect only ever reads Markdown.

How it reads (details in the helpers):

* The text is cut into *blocks* at blank lines.  A heading is a block of one
  short line that does not end like a sentence and is followed by body text;
  runs of such lines with nothing between them are a poem or a list, not
  headings.  Shape rules for single lines live in :mod:`reflect.plaintext_lines`.
* A heading-shaped line underlined the setext way (``=====`` or ``-----``
  roughly as long as the line, right under it) is a heading whatever its
  neighbours, since its author marked it so; the underline is not text.  Both
  kinds are level 2 like every plain-text section heading, and the first
  heading-like line is still the title.  A row of ``-----`` with no such
  line right above it is a separator and stays text.
* Articles keep to one heading style (all emoji-led, all numbered, ALL CAPS,
  Title Case, questions).  The style that dominates the first
  :data:`STYLE_WINDOW` characters is the *house style*; ordinary sentence-case
  lines and rhetorical questions become headings only when the house style is
  theirs.  Reading only the start keeps decisions local: converting a prefix
  of a huge file (cut at a blank line) gives the same headings as the whole
  for everything before the cut, except that a heading right at the cut,
  whose body is not in the prefix yet, waits for it.
* Line breaks inside a paragraph are the author's (poems, lyrics, one thought
  per line), so they are kept as hard breaks written as a trailing backslash:
  unlike two trailing spaces it is visible in the ``.md`` file and survives
  editors that trim whitespace, and unlike one paragraph per line it keeps the
  author's grouping and spacing.
  A heading may also sit on the first line of a paragraph when its shape is
  strong (emoji, number, caps) or the house style's.
* The title is the first heading-like line before the body begins (bylines,
  dates and menus may come first); a verbatim repeat of it in the opening, or
  later where a heading would be or as the last line (a Pinterest "pin
  this" block), is dropped.
  A post copied without blank lines (one paragraph per line) is read line by
  line.
* Bullets, numbered runs and bare addresses become lists and autolinks, and
  everything is escaped just enough that the visible text of the Markdown
  equals the plain text (:mod:`reflect.plaintext_render`,
  :mod:`reflect.plaintext_escape`).
* Trailing blog chrome is dropped from its first marker, provided nothing
  after the marker reads as the author's sentences
  (:mod:`reflect.plaintext_chrome`): when unsure, text is kept.

Everything is one pass over blocks with a look at their neighbours and
anchored, backtracking-free regexes: about 1.5 s of CPU for 20 MB of
blog-shaped text, a third of that for a novel.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reflect import plaintext_cues as cues
from reflect import plaintext_lines as lines_
from reflect.plaintext_chrome import chrome_start
from reflect.plaintext_escape import escape_heading
from reflect.plaintext_lines import Style
from reflect.plaintext_render import ITEM_STARTS, Segment, append, flush, segments
from reflect.sanitize import clean_line

__all__ = ["STYLE_WINDOW", "to_markdown"]

STYLE_WINDOW = 16 * 1024
"""Characters from the start of the text that decide the article's house style.

Small enough that the reader's 96 KB preview holds it with room to spare (in
any script, after being cut back to a blank line), so the preview and the
whole agree.
"""

_TITLE_SEARCH_BLOCKS = 12  # the title is among the first blocks, after bylines and menus
_FURNITURE_LINE = 40  # menu and byline lines above a title are at most this long
_STRONG: frozenset[Style] = frozenset({"number", "emoji", "caps"})

_SPLIT_LINES = 6  # a block this long may be a post without blank lines
_PARAGRAPH_LINE = 100  # characters: longer lines are paragraphs, not wrapped text
_BLANK_LINES = re.compile(r"\n\s*\n")

Block = list[str]


def to_markdown(text: str, *, fallback_title: str) -> str:
    """CommonMark for a plain-text article, opening with ``# <title>``.

    Args:
        text: the article, already cleaned by :func:`reflect.sanitize.clean`.
        fallback_title: the title to use when the text opens with no
            heading-like line (usually the file name, which may hold any
            character: it is cleaned here like the text was).

    Returns:
        Markdown whose only headings are the title (level 1) and the detected
        section headings (level 2), and whose visible text is the plain text.
    """
    blocks = _blocks(text)
    del blocks[chrome_start(blocks) :]
    title_at = _find_title(blocks)
    if title_at is None:
        title = " ".join(clean_line(fallback_title).split()) or "Untitled"
    else:
        title = blocks[title_at][0]
        del blocks[title_at][: 2 if _underlined(blocks[title_at]) else 1]
    window = len(_blocks(text[:STYLE_WINDOW]))  # the blocks that start in the window
    reader = _Reader(blocks, title_at, window)
    out = ["# " + escape_heading(title)]
    out.extend(_render(blocks, title, title_at, reader))
    return "\n\n".join(out) + "\n"


def _blocks(text: str) -> list[Block]:
    """The text's blank-line separated blocks, each a list of stripped lines.

    An underlined heading (:func:`_underlined`) is a block of its own, its
    text and its underline, even when a paragraph follows without a blank line.
    """
    blocks: list[Block] = []
    for chunk in _BLANK_LINES.split(text):
        block = [line for line in map(str.strip, chunk.split("\n")) if line]
        if len(block) >= _SPLIT_LINES and _one_paragraph_per_line(block):
            blocks.extend(_line_blocks(block))
            continue
        if len(block) >= 2 and block[1][0] in "=-" and _underlined(block[:2]):
            blocks.append(block[:2])
            del block[:2]
        if block:
            blocks.append(block)
    return blocks


def _underlined(block: Block) -> bool:
    """Whether a block is a heading drawn with a setext underline: ``Title`` over ``=====``.

    The line must still be shaped like a heading (a title's length is
    allowed): a sentence, a list item or a link with a row of dashes under it
    is text and a separator.
    """
    return (
        len(block) == 2
        and block[1][0] in "=-"
        and lines_.underlines(block[1], block[0])
        and cues.heading_shaped(block[0], title=True)
    )


def _line_blocks(block: Block) -> Iterator[Block]:
    """A post copied without blank lines, one block per line (underlined headings kept whole)."""
    k, end = 0, len(block)
    while k < end:
        if k + 1 < end and block[k + 1][0] in "=-" and _underlined(block[k : k + 2]):
            yield block[k : k + 2]
            k += 2
        else:
            yield [block[k]]
            k += 1


def _one_paragraph_per_line(block: Block) -> bool:
    """Whether a long block is a whole post copied without blank lines.

    Some sites copy as one paragraph per line with no blank lines between, so
    the whole post is one block.  When many of its lines are paragraph-long,
    each line is read as a block of its own, and headings show up as the short
    lines between them.  Hard-wrapped text (lines of 60–80 characters) and
    poems (short lines) are left alone.
    """
    long = sum(1 for line in block if len(line) > _PARAGRAPH_LINE)
    return long * 3 >= len(block)


def _find_title(blocks: list[Block]) -> int | None:
    """Index of the block whose first line is the title, or None.

    The title is the first heading-like line, looked for only before the body
    begins: bylines, dates, captions and menu lines may come first, but once a
    paragraph has started, a later heading is a section, not the title.
    """
    for i, block in enumerate(blocks[:_TITLE_SEARCH_BLOCKS]):
        first = block[0]
        if cues.heading_shaped(first, title=True) and not cues.is_byline(first):
            if len(block) == 1 or _underlined(block):
                return i
            if any(lines_.is_prose(line) for line in block[1:]):
                # "Title" glued to its first paragraph; a sentence-case line
                # there is the paragraph's own first line.
                return i if lines_.style(first) != "sentence" else None
        if not _furniture(block):
            return None
    return None


def _furniture(block: Block) -> bool:
    """Page furniture above a title: menus, bylines, dates ("Home / Blog / About")."""
    if cues.never_heading(block[0]) or cues.is_byline(block[0]):
        return True
    return all(len(line) <= _FURNITURE_LINE and not lines_.ends_sentence(line) for line in block)


class _Reader:
    """Per-block answers (is it a heading candidate, which style) computed once each."""

    def __init__(self, blocks: list[Block], title_at: int | None, window: int) -> None:
        """``window``: how many blocks, from the start, decide the house style."""
        self.blocks = blocks
        self.window = min(window, len(blocks))
        self.first_body = -1 if title_at is None else title_at + 1
        self._candidates: list[Style | bool | None] = [False] * len(blocks)
        self.house = self._house_style()

    def candidate(self, i: int) -> Style | None:
        """The style of block ``i`` if it is a lone heading-shaped line, else None."""
        if i < 0 or i >= len(self.blocks):
            return None
        known = self._candidates[i]
        if known is False:  # not worked out yet
            known = self._candidates[i] = self._candidate(i)
        return known  # type: ignore[return-value]

    def _candidate(self, i: int) -> Style | None:
        block = self.blocks[i]
        if len(block) != 1 or not cues.heading_shaped(block[0]):
            return None
        line = block[0]
        before = self.blocks[i - 1] if i > 0 else None
        if before and cues.is_sign_off(before[-1]) and cues.is_sign_off_name(line):
            return None  # "With love," then "Maya"
        if " " not in line and cues.is_interjection(line):
            return None
        after = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if after and len(after) == 1 and cues.is_link_line(after[0]):
            # "📓 The journal I use" over "➡️ https://amzn.to/…": a plug.  Over
            # several links it is a heading ("📚 Further Reading").
            return None
        if i <= self.first_body + 2:
            if cues.is_byline(line) and self._before_body(i):
                return None
            if i <= self.first_body + 1 and after and cues.is_meta(after[0]):
                return None  # the author's name over the date, under the title
        return lines_.style(line)

    def _before_body(self, i: int) -> bool:
        """Whether no paragraph comes between the title and block ``i``.

        A byline sits above the text; "By Mood" after the first paragraph is
        a section of the article (sorting books by mood), not its author.
        """
        return not any(
            lines_.is_prose(line)
            for block in self.blocks[max(0, self.first_body) : i]
            for line in block
        )

    def _house_style(self) -> Style | None:
        """The heading style the start of the article keeps to, if it keeps to one."""
        counts: dict[Style, int] = {}
        for i in range(self.window):
            kind = self.candidate(i)
            if kind and i + 1 < len(self.blocks) and not self._run(i, None):
                counts[kind] = counts.get(kind, 0) + 1
            elif len(self.blocks[i]) > 1:
                kind = self._lead_kind(i)
                if kind and kind != "sentence":
                    counts[kind] = counts.get(kind, 0) + 1
        if not counts:
            return None
        best = max(counts, key=lambda k: counts[k])
        top = [kind for kind in counts if counts[kind] == counts[best]]
        if len(top) > 1 and "sentence" in top:
            return None  # a tie with sentence case: whichever came first must not decide
        if counts[best] >= 2 and counts[best] * 2 >= sum(counts.values()):
            return best
        return None

    def _run(self, i: int, house: Style | None) -> bool:
        """Whether block ``i`` is one of a run of lone lines (a poem, a list), not a heading.

        A neighbour in the house style next to a line in another style (a
        stray one-liner before a heading) does not make a run.  ``house`` is
        None while the house style is being worked out: then only neighbours
        of the same style make a run.
        """
        mine = self.candidate(i)
        for j in (i - 1, i + 1):
            if j < self.first_body or (house is not None and not self.plausible(j)):
                continue
            other = self.candidate(j)
            if other is not None and (other == mine or (house is not None and mine != house)):
                return True
        return False

    def plausible(self, i: int) -> bool:
        """Whether block ``i`` could be a heading in this article, neighbours aside."""
        kind = self.candidate(i)
        if kind is None:
            return False
        line = self.blocks[i][0]
        if i == self.first_body and self.house is not None and kind != self.house:
            return False  # a subtitle right under the title, not a section
        if kind == "sentence":
            return self.house == "sentence" and not lines_.starts_with_conjunction(line)
        if kind == "emoji" and lines_.starts_lower(line):
            return self.house == "emoji"  # "✨ slow mornings" where every heading is so
        if kind == "question":
            return (
                self.house == "question"
                or (len(line.split()) >= 2 and lines_.is_title_case(line))
                or (self.house in (None, "sentence") and len(line.split()) >= 3)
            )
        return True

    def underlined(self, i: int) -> bool:
        """Whether block ``i`` is a heading its author underlined (:func:`_underlined`).

        The underline makes it a heading whatever its neighbours and the house
        style, and even with no body after it, but a name under "With love,"
        is a signature however it is drawn.
        """
        block = self.blocks[i]
        if not _underlined(block):
            return False
        before = self.blocks[i - 1] if i > 0 else None
        return not (before and cues.is_sign_off(before[-1]) and cues.is_sign_off_name(block[0]))

    def heading(self, i: int) -> bool:
        """Whether block ``i`` is a section heading: plausible, alone, and followed by body."""
        if len(self.blocks[i]) != 1 or i + 1 >= len(self.blocks):
            return False
        kind = self._candidates[i]
        if kind is None:
            return False
        if kind is False and lines_.ends_sentence(self.blocks[i][0]):
            self._candidates[i] = None  # the common case: a one-line paragraph
            return False
        return self.plausible(i) and not self._run(i, self.house)

    def lead_heading(self, i: int) -> bool:
        """Whether the first line of a multi-line block is a heading over the rest.

        Only for strong shapes (emoji, numbers, caps, or the house style),
        and only when the rest reads as prose or a list: a poem stanza's
        first line is not a heading.
        """
        kind = self._lead_kind(i)
        return kind is not None and (kind in _STRONG or (kind == self.house != "sentence"))

    def _lead_kind(self, i: int) -> Style | None:
        """The style of a multi-line block's first line, if it is shaped like a
        heading and the rest of the block reads as prose or a list."""
        block = self.blocks[i]
        if len(block) < 2 or len(block[0]) > lines_.MAX_HEADING_CHARS or _underlined(block):
            return None
        if not cues.heading_shaped(block[0]):
            return None
        kind = lines_.style(block[0])
        rest = block[1:]
        if kind == "number" and lines_.numbered(rest[0]) is not None:
            return None
        if any(lines_.is_prose(line) for line in rest) or all(
            lines_.bullet(line) is not None for line in rest
        ):
            return kind
        return None


def _render(
    blocks: list[Block], title: str, title_at: int | None, reader: _Reader
) -> Iterator[str]:
    """The Markdown blocks after the title, in order.

    Menu and byline lines that came before the title follow it, so the
    document still opens with its title.
    """
    pending: list[Segment] = []
    repeat = title if title_at is not None else None  # dropped once, before any heading
    is_heading, is_lead = reader.heading, reader.lead_heading
    last = len(blocks) - 1
    ends_sentence, longest = lines_.ends_sentence, lines_.MAX_HEADING_CHARS
    # This loop runs once per block of a 20 MB book: the cheap one-character
    # tests come first, and most blocks (sentences) never reach the helpers.
    for i, block in enumerate(blocks):
        if not block:
            continue
        first = block[0]
        if len(block) == 1:
            if first == repeat or (first == title and i == last and title_at is not None):
                repeat = None
                continue  # the title again, in the opening or closing the post (a pin image)
            if not ends_sentence(first) and is_heading(i):
                repeat = None
                if first != title or title_at is None:
                    yield from flush(pending)
                    yield "## " + escape_heading(first)
                continue  # a repeat of the title where a heading would be is dropped
            if first[0] not in ITEM_STARTS:
                pending.append(("p", block))
                continue
        elif len(block) == 2 and block[1][0] in "=-" and reader.underlined(i):
            if first != title or title_at is None:
                yield from flush(pending)
                yield "## " + escape_heading(first)
            repeat = None
            continue
        elif len(first) <= longest and not ends_sentence(first) and is_lead(i):
            yield from flush(pending)
            repeat = None
            yield "## " + escape_heading(first)
            block = block[1:]
        if any(line[0] in ITEM_STARTS for line in block):
            alone = len(block) == 1 and not any(
                0 <= j < len(blocks) and blocks[j] and lines_.bullet(blocks[j][0]) is not None
                for j in (i - 1, i + 1)
            )
            for segment in segments(block, lone=len(block) == 1, alone=alone):
                append(pending, segment)
        else:
            pending.append(("p", block))  # the common case: a paragraph
    yield from flush(pending)
