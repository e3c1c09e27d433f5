"""Writing plain-text blocks as Markdown paragraphs and lists.

A block of lines becomes paragraphs and lists: bullet glyphs become ``-``
items, consecutive numbered lines an ordered list, blocks that blank lines
split into single items one tight list again (the seed's bullets), and every
line is escaped (:mod:`reflect.plaintext_escape`) with its bare web addresses
made autolinks.  Line breaks inside a paragraph are hard breaks, written as a
trailing backslash (see :mod:`reflect.plaintext` for why).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reflect import plaintext_cues as cues
from reflect import plaintext_lines as lines_
from reflect.plaintext_escape import MAYBE_SPECIAL, SPECIAL_STARTS, escape_inline, escape_line

__all__ = ["ITEM_STARTS", "Segment", "append", "flush", "segments"]

# CJK text runs on with no space after an address ("…/walkをご覧ください。"), so an
# address ends at the first CJK character or full-width mark (（）、。「」：).
_CJK = "\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef"
# A bare address: with its scheme, or "www." not inside a word, address or e-mail
# ("www." links get an https:// target; a bracket or backslash ends them, since
# they are written as [text](<target>) where those would change the target).
_URL = re.compile(
    rf"https?://[^\s<>\"{_CJK}]+|(?<![\w@./:-])www\.[^\s<>\"\\\[\]{_CJK}]+", re.IGNORECASE
)
_URL_TRAIL = ".,;:!?'\"’”)]}*_"
# First characters of a line that may be a list item (a bullet glyph or a number).
ITEM_STARTS = frozenset("-*–•◦▪▸►✓✔·●○■▫‣⁃➤0123456789")


# A segment of output: ("p", lines) or ("ul", items) or ("ol", items) where an
# item is (marker, lines); ol items carry their number and delimiter.
Item = tuple[str, list[str]]
Segment = tuple[str, list]  # type: ignore[type-arg]


def segments(block: list[str], *, lone: bool, alone: bool = False) -> list[Segment]:
    """Split one block into paragraph and list segments.

    ``lone``: the block is a single line; ``alone``: and no bullet line is
    next to it (so ``- John Lubbock`` under a quote is an attribution).
    """
    numbered = [lines_.numbered(line) for line in block]
    segments: list[Segment] = []
    for k, line in enumerate(block):
        item = lines_.bullet(line)
        if item is not None and _signs_off(block, k, item, alone=alone):
            item = None
        if item is not None:
            if segments and segments[-1][0] == "ul":
                segments[-1][1].append(("-", [item]))
            else:
                segments.append(("ul", [("-", [item])]))
            continue
        num = numbered[k]
        if num is not None and (lone or _in_numbered_run(numbered, k)):
            marker = f"{num[0]}{num[1]}"
            if segments and segments[-1][0] == "ol" and _follows(segments[-1], num[0], num[1]):
                segments[-1][1].append((marker, [num[2]]))
            else:
                segments.append(("ol", [(marker, [num[2]])]))
            continue
        last = segments[-1] if segments else None
        if last is not None and last[0] != "p":
            tail = last[1][-1][1][-1]
            if lines_.starts_lower(line) and not lines_.ends_sentence(tail):
                last[1][-1][1].append(line)
                continue
        if last is not None and last[0] == "p":
            last[1].append(line)
        else:
            segments.append(("p", [line]))
    return segments


def _signs_off(block: list[str], k: int, item: str, *, alone: bool) -> bool:
    """Whether ``— Maya`` at line ``k`` is a signature or attribution, not a list item."""
    if block[k][0] not in "—–-" or not cues.is_sign_off_name(item):
        return False
    if alone:
        return True
    return block[k][0] != "-" and (len(block) == 1 or (k > 0 and block[k - 1].endswith(",")))


def _in_numbered_run(numbered: list[tuple[int, str, str] | None], k: int) -> bool:
    """Whether item ``k`` is consecutive with a numbered neighbour (a real list)."""
    num = numbered[k]
    assert num is not None
    before = numbered[k - 1] if k else None
    after = numbered[k + 1] if k + 1 < len(numbered) else None
    return (before is not None and before[0] + 1 == num[0] and before[1] == num[1]) or (
        after is not None and after[0] == num[0] + 1 and after[1] == num[1]
    )


def _follows(segment: Segment, number: int, delim: str) -> bool:
    """Whether ``number`` continues the ordered list ``segment``."""
    marker = segment[1][-1][0]
    return marker[-1] == delim and int(marker[:-1]) + 1 == number


def append(pending: list[Segment], segment: Segment) -> None:
    """Queue a segment, joining lists that blank lines split (the seed's bullets)."""
    if pending:
        last = pending[-1]
        if last[0] == "ul" and segment[0] == "ul":
            last[1].extend(segment[1])
            return
        if last[0] == "ol" and segment[0] == "ol":
            first = segment[1][0][0]
            if _follows(last, int(first[:-1]), first[-1]):
                last[1].extend(segment[1])
                return
    pending.append(segment)


def flush(pending: list[Segment]) -> Iterator[str]:
    """Write out and forget the queued segments."""
    for kind, body in pending:
        if kind == "p":
            yield _paragraph(body, indent="")
        elif kind == "ol" and len(body) == 1:
            marker, item_lines = body[0]
            yield _paragraph([f"{marker} {item_lines[0]}", *item_lines[1:]], indent="")
        else:
            yield "\n".join(
                f"{marker} " + _paragraph(item_lines, indent=" " * (len(marker) + 1))
                for marker, item_lines in body
            )
    pending.clear()


def _paragraph(lines: list[str], *, indent: str) -> str:
    """Lines of one paragraph, escaped, joined by hard breaks."""
    last = len(lines) - 1
    out: list[str] = []
    for k, line in enumerate(lines):
        linked = "://" in line or "www." in line
        if linked or MAYBE_SPECIAL.search(line) or line[0] in SPECIAL_STARTS:
            line = _line(line, first=k == 0, after="\n" if k == last else "\\")
        out.append(line)  # else ordinary prose, nothing to escape
    return ("\\\n" + indent).join(out)


def _line(line: str, *, first: bool, after: str) -> str:
    """One escaped line, its bare web addresses turned into autolinks.

    ``after`` is what follows the line in the Markdown (see
    :func:`~reflect.plaintext_escape.escape_line`).
    """
    if "://" not in line and "www." not in line:
        return escape_line(line, first=first, after=after)
    parts: list[str] = []
    pos = 0
    for match in _URL.finditer(line):
        url = _trim_url(match.group())
        end = match.start() + len(url)
        bare = url[:4].lower() == "www."
        if "." not in (url[4:] if bare else url[8:]):
            continue
        piece = line[pos : match.start()]
        opens = "[" if bare else "<"
        if pos == 0:
            parts.append(escape_line(piece, first=first, after=opens) if piece else "")
        else:
            parts.append(escape_inline(piece, (">", opens)))
        if bare and parts[-1].endswith("!"):
            parts[-1] = parts[-1][:-1] + "\\!"  # "!" then "[…](…)" would be an image
        parts.append(_link(url) if bare else f"<{url}>")
        pos = end
    if pos == 0:
        return escape_line(line, first=first, after=after)
    parts.append(escape_inline(line[pos:], (">", after)))
    return "".join(parts)


def _link(url: str) -> str:
    """``www.example.com/gear`` as a link that shows exactly that and opens it over https.

    An autolink would show the ``https://`` it needs; the text of an inline
    link is escaped like any text, and its target has no ``<``, ``>``,
    brackets, backslashes or spaces (see :data:`_URL`) to break out of ``<…>``.
    """
    return f"[{escape_inline(url, ('[', ']'))}](<https://{url}>)"


def _trim_url(url: str) -> str:
    """A URL without the punctuation that ends the sentence around it.

    A closing parenthesis stays when it closes one opened inside the URL
    (Wikipedia links).  Linear however much punctuation trails.
    """
    end = len(url)
    opened, closed = url.count("("), url.count(")")
    while end and url[end - 1] in _URL_TRAIL:
        if url[end - 1] == ")":
            if opened >= closed:
                break
            closed -= 1
        end -= 1
    return url[:end]
