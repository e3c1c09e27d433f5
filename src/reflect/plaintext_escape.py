"""Markdown escaping for plain text: what the reader wrote is what the reader sees.

Plain text is full of characters Markdown reads as structure: ``#`` and ``>``
at a line start, ``1986. was`` (an ordered list), ``**bold**``, ``<script>``,
``[x](javascript:…)``.  Escaping every punctuation mark would be safe but
would make the converted ``.md`` file unpleasant to read and edit, so each
rule here escapes a character only where CommonMark (as markdown-it-py parses
it) would otherwise change the text.  The tests parse the output with
markdown-it and compare the visible text with the input to keep the rules
honest.
"""

from __future__ import annotations

import re

# Characters that may start inline markup; everything else is passed through.
_INLINE = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)|`|\*+|_+|\](?=\()|<(?=[A-Za-z/!?])|&(?=#|[A-Za-z])")
# A line with none of these characters, and not starting with one of
# SPECIAL_STARTS, is ordinary prose that needs no escaping at all.
MAYBE_SPECIAL = re.compile(r"[\\`*_\]<&]")
SPECIAL_STARTS = frozenset("#>-*_+=~|:[0123456789")
_ESCAPE_ALL = {ord(ch): "\\" + ch for ch in "\\`*_[]<&"}
_DENSE_MIN = 256  # characters: shorter lines are always escaped minimally
_DENSE_RATIO = 8  # more than one special character in 8: markup soup
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# Line starts that open a block.  Leading whitespace is removed before these
# are tried, so indented code cannot happen.
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_ORDERED = re.compile(r"(\d{1,9})([.)])(?:[ \t]|$)")
_THEMATIC = re.compile(r"(?:([-*_])[ \t]*)(?:\1[ \t]*){2,}$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"~{3,}")
_TABLE_DELIMITER = re.compile(r"[|:\-][|:\- \t]*$")


def _flanked(text: str, start: int, end: int, outside: tuple[str, str]) -> bool:
    """Whether a run of ``*``/``_`` between ``start`` and ``end`` could open or close emphasis.

    ``outside`` gives the characters just before and after ``text`` in the
    line (text is escaped piecewise around links).
    """
    before = text[start - 1] if start else outside[0]
    after = text[end] if end < len(text) else outside[1]
    if before.isspace() and after.isspace():
        return False  # "5 * 3": neither left- nor right-flanking
    # Intraword underscores ("snake_case") can neither open nor close emphasis.
    return not (text[start] == "_" and before.isalnum() and after.isalnum())


def escape_inline(text: str, outside: tuple[str, str] = ("\n", "\n")) -> str:
    """``text`` with inline markup characters escaped where they would act.

    ``outside``: the characters around ``text`` in its line (space for a line
    edge, ``<``/``>`` next to an autolink), which decide whether ``*`` and ``_``
    could open or close emphasis.
    """

    if len(text) > _DENSE_MIN and len(MAYBE_SPECIAL.findall(text)) * _DENSE_RATIO > len(text):
        # Markup soup (a hostile or binary-looking line): escape every special
        # character, which is always safe, in one C-speed pass.
        return text.translate(_ESCAPE_ALL)

    def escape(match: re.Match[str]) -> str:
        token = match.group()
        first = token[0]
        if first in "*_":
            if _flanked(text, match.start(), match.end(), outside):
                return "".join("\\" + ch for ch in token)
            return token
        if first == "&" and not _ENTITY.match(text, match.start()):
            return token
        return "\\" + token

    return _INLINE.sub(escape, text)


def escape_line(line: str, *, first: bool, after: str = "\n") -> str:
    """One line of a paragraph or list item, escaped so it stays literal text.

    ``first`` says whether the line opens its paragraph: some constructs (an
    ordered list not starting at 1, a link reference definition) can only start
    a paragraph, while others (a setext underline) can only end one.  ``after``
    is the character that follows ``line`` in the Markdown: a newline, the
    backslash of a hard break, or the ``<`` of a link when ``line`` is only the
    first piece of a line.
    """
    line = line.lstrip(" \t")
    if not MAYBE_SPECIAL.search(line) and line[:1] not in SPECIAL_STARTS:
        return line  # the common case: a line of ordinary prose
    out = escape_inline(line, ("\n", after))
    if not line or out.startswith("\\"):
        return out
    head = line[0]
    if head in "#" and _ATX.match(line):
        return "\\" + out
    if head == ">" or (head == "[" and first):
        return "\\" + out
    if head in "-*_+" and (
        _THEMATIC.match(line) or (head != "_" and (len(line) == 1 or line[1] in " \t"))
    ):
        if head in "*_":
            # Escape the whole leading run: a run cut in two would be a new,
            # shorter run that can open emphasis.
            run = len(line) - len(line.lstrip(head))
            return ("\\" + head) * run + out[run:]
        return "\\" + out
    if head in "=-" and not first and _SETEXT.match(line):
        return "\\" + out
    if head == "~" and _FENCE.match(line):
        return "\\" + out
    if head in "|:-" and "-" in line and _TABLE_DELIMITER.match(line):
        return "\\" + out
    if head.isdigit():
        m = _ORDERED.match(line)
        if m and (first or (int(m.group(1)) == 1 and (line[m.end() :].strip() or after == "<"))):
            return out[: m.end(1)] + "\\" + out[m.end(1) :]
    return out


def escape_heading(text: str) -> str:
    """Heading text, escaped; a trailing ``#`` run would be read as a closing sequence."""
    out = escape_inline(text.strip())
    stripped = out.rstrip("#")
    if len(stripped) < len(out) and (not stripped or stripped[-1] in " \t"):
        out = stripped + "\\" + out[len(stripped) :]
    return out
