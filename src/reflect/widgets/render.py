"""Markdown to laid-out lines of Content: one widget's worth, not one per block.

Textual's ``Markdown`` widget mounts a widget per block (about 75 ms for a
2 KB section and 0.6 s for 50 KB, measured with Textual 8.2.8), too slow for
"next pane in well under 50 ms", and its table cells put the cell text into
tooltips that are parsed as markup.  reflect instead turns a pane's Markdown
into a flat list of :class:`Item` (a body of Content with the prefixes that
draw bullets, numbers and quote bars), which :class:`reflect.widgets.pane.Prose`
wraps to the current width with hanging indents.

Everything is built from text, never markup.  A link becomes a style whose
click action is ``link(<number>)``: the address itself never enters an action
string, so no href can break out of one; the number indexes ``links``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.content import Content, Span
from textual.style import Style

from reflect.sanitize import clean

BULLETS = ("•", "◦", "▪")
QUOTE_BAR = "▎ "
CODE_STYLE = "$text-accent"
LINK_STYLE = "underline $text-primary"
MUTED = "$foreground-muted"


@cache
def full_parser() -> MarkdownIt:
    """CommonMark + tables, with inline parsing: used per pane, never on the whole book."""
    return MarkdownIt("commonmark").enable("table")


@dataclass(slots=True)
class Item:
    """A block laid out as lines: ``first`` prefixes its first line, ``rest`` the others."""

    body: Content
    first: Content = field(default_factory=Content)
    rest: Content = field(default_factory=Content)
    gap: int = 1
    """Blank lines before it (unless it opens the widget)."""
    verbatim: bool = False
    """Code and tables: keep line breaks and spaces, fold instead of word-wrap."""
    fill: str = ""
    """A style for the whole line width (the background of a code block)."""
    rule: bool = False
    """A thematic break, drawn as a centred ornament."""


@dataclass(slots=True)
class Rendered:
    """A pane's (or a chunk's) items and the link addresses they refer to by number."""

    items: list[Item]
    links: list[str]


def render_markdown(source: str, links: list[str] | None = None) -> Rendered:
    """Lay out ``source`` (already cleaned Markdown) as items; links are appended to ``links``."""
    tokens = full_parser().parse(source)
    builder = _Builder([] if links is None else links)
    builder.blocks(tokens, 0, len(tokens), Content(), Content(), tight=False)
    return Rendered(builder.items, builder.links)


def shown_texts(source: str) -> list[str]:
    """The text each block of ``source`` shows, as the pane shows it (find searches this).

    The very rendering the pane lays out, not a second reading of the
    Markdown, so find counts exactly the words on screen: no markup, link
    addresses, list markers, quote bars or table pipes (a table shows its
    own separators).  UI side because it builds ``Content``;
    :func:`reflect.reading.find_all` is handed it.
    """
    return [item.body.plain for item in render_markdown(source).items]


class _Builder:
    def __init__(self, links: list[str]) -> None:
        self.items: list[Item] = []
        self.links = links

    # -- blocks ---------------------------------------------------------------

    def blocks(
        self,
        tokens: list[Token],
        i: int,
        end: int,
        first: Content,
        rest: Content,
        tight: bool,
        depth: int = 0,
    ) -> None:
        """Lay out ``tokens[i:end]``; the first line made gets ``first``, the others ``rest``."""
        opened = False
        while i < end:
            token = tokens[i]
            close = _closing(tokens, i)
            prefix = rest if opened else first
            before = len(self.items)
            kind = token.type
            if kind in ("paragraph_open", "heading_open"):
                body = self.inline(tokens[i + 1])
                if kind == "heading_open":
                    body = body.stylize("bold")
                self.add(Item(body, prefix, rest, gap=0 if tight else 1))
            elif kind in ("fence", "code_block"):
                code = clean(token.content).rstrip("\n").expandtabs(4)
                body = Content(code, [Span(0, len(code), CODE_STYLE)] if code else None)
                self.add(Item(body, prefix, rest, verbatim=True, fill="on $boost"))
            elif kind == "html_block":
                html = clean(token.content).rstrip("\n")
                self.add(
                    Item(Content(html, [Span(0, len(html), MUTED)]), prefix, rest, verbatim=True)
                )
            elif kind == "hr":
                self.add(Item(Content("·   ·   ·", [Span(0, 9, MUTED)]), prefix, rest, rule=True))
            elif kind == "blockquote_open":
                bar = Content(QUOTE_BAR, [Span(0, len(QUOTE_BAR), MUTED)])
                self.blocks(tokens, i + 1, close, prefix + bar, rest + bar, False, depth)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.list(tokens, i, close, prefix, rest, depth, tight)
            elif kind == "table_open":
                self.add(Item(self.table(tokens, i, close), prefix, rest, verbatim=True))
            if len(self.items) > before:
                opened = True
            i = close + 1

    def list(
        self,
        tokens: list[Token],
        i: int,
        end: int,
        first: Content,
        rest: Content,
        depth: int,
        outer_tight: bool,
    ) -> None:
        opener = tokens[i]
        tight = _is_tight(tokens, i, end)
        ordered = opener.type == "ordered_list_open"
        start = int(opener.attrs.get("start", 1) or 1) if ordered else 1
        items = [
            j
            for j in range(i + 1, end)
            if tokens[j].type == "list_item_open" and tokens[j].level == opener.level + 1
        ]
        width = len(f"{start + len(items) - 1}.") + 1 if ordered else 2
        for n, j in enumerate(items):
            marker = f"{start + n}." if ordered else BULLETS[depth % len(BULLETS)]
            mark = Content(marker.ljust(width), [Span(0, len(marker), MUTED)])
            head = (first if n == 0 else rest) + mark
            before = len(self.items)
            self.blocks(
                tokens, j + 1, _closing(tokens, j), head, rest + " " * width, tight, depth + 1
            )
            if len(self.items) > before:
                self.items[before].gap = (0 if tight else 1) if n else (0 if outer_tight else 1)
            if len(self.items) == before:  # an empty item still shows its marker
                self.add(Item(Content(""), head, rest, gap=0 if tight else 1))

    def table(self, tokens: list[Token], i: int, end: int) -> Content:
        rows: list[list[Content]] = []
        header = 0
        for j in range(i, end):
            kind = tokens[j].type
            if kind == "tr_open":
                rows.append([])
            elif kind in ("th_open", "td_open"):
                cell = self.inline(tokens[j + 1])
                rows[-1].append(cell.stylize("bold") if kind == "th_open" else cell)
                if kind == "th_open":
                    header = len(rows)
        columns = max((len(row) for row in rows), default=0)
        widths = [
            max((row[c].cell_length for row in rows if c < len(row)), default=0)
            for c in range(columns)
        ]
        lines: list[Content] = []
        sep = Content(" │ ", [Span(0, 3, MUTED)])
        for n, row in enumerate(rows):
            cells = [
                (row[c] if c < len(row) else Content("")).pad_right(
                    widths[c] - (row[c].cell_length if c < len(row) else 0)
                )
                for c in range(columns)
            ]
            lines.append(sep.join(cells).rstrip())
            if n + 1 == header:
                rule = "─┼─".join("─" * w for w in widths)
                lines.append(Content(rule, [Span(0, len(rule), MUTED)]))
        return Content("\n").join(lines)

    def add(self, item: Item) -> None:
        self.items.append(item)

    # -- inline ---------------------------------------------------------------

    def inline(self, token: Token) -> Content:
        """Inline tokens as Content: styles from emphasis, numbered click actions for links."""
        parts: list[str] = []
        spans: list[Span] = []
        stack: list[tuple[tuple[str | Style, ...], int]] = []
        position = 0

        def add(text: str) -> None:
            nonlocal position
            text = clean(text)
            parts.append(text)
            position += len(text)

        for child in token.children or ():
            kind = child.type
            if kind in ("text", "html_inline"):
                add(child.content)
            elif kind == "softbreak":
                add(" ")
            elif kind == "hardbreak":
                add("\n")
            elif kind == "code_inline":
                start = position
                add(child.content)
                spans.append(Span(start, position, CODE_STYLE))
            elif kind == "em_open":
                stack.append((("italic",), position))
            elif kind == "strong_open":
                stack.append((("bold",), position))
            elif kind == "s_open":
                stack.append((("strike",), position))
            elif kind == "link_open":
                stack.append((self.link_style(str(child.attrs.get("href", ""))), position))
            elif kind == "image":
                start = position
                alt = child.content or str(child.attrs.get("alt", "")) or "image"
                add(f"[image: {alt}]")
                for style in self.link_style(str(child.attrs.get("src", ""))):
                    spans.append(Span(start, position, style))
            elif kind.endswith("_close") and stack:
                styles, start = stack.pop()
                if position > start:
                    spans.extend(Span(start, position, style) for style in styles)
        return Content("".join(parts), spans)

    def link_style(self, href: str) -> tuple[str, Style]:
        """A link's look plus a click action that names it by number only."""
        self.links.append(href)
        return LINK_STYLE, Style.from_meta({"@click": f"link({len(self.links) - 1})"})


def _closing(tokens: list[Token], i: int) -> int:
    """Index of the token closing the one at ``i`` (itself for self-closing tokens)."""
    if tokens[i].nesting != 1:
        return i
    level = tokens[i].level
    for j in range(i + 1, len(tokens)):
        if tokens[j].nesting == -1 and tokens[j].level == level:
            return j
    return len(tokens) - 1


def _is_tight(tokens: list[Token], i: int, end: int) -> bool:
    level = tokens[i].level + 2
    return any(
        t.type == "paragraph_open" and t.level == level and t.hidden for t in tokens[i:end]
    ) or not any(t.type == "paragraph_open" and t.level == level for t in tokens[i:end])
