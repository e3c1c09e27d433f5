"""The shape of one line of a blog post: glyphs, numbers, endings, case.

Each function looks at a single stripped line (no surrounding blank lines, no
leading indentation) and answers one question about its shape: is it a
bullet or a numbered item, does it end like a sentence, is it ALL CAPS or
Title Case, which heading "style" does it have.  What a line *says* (a
caption, a sign-off, a link) is :mod:`reflect.plaintext_cues`;
:mod:`reflect.plaintext` combines both with the line's neighbours to decide
what the line is.  Every regex here is anchored and free of nested
quantifiers, so a 2 MB line costs linear time.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Style = Literal["number", "emoji", "caps", "question", "title", "sentence"]

# A heading is short: more words than this and it reads as a sentence.
MAX_HEADING_WORDS = 16
MAX_HEADING_CHARS = 120
# A title may be a little longer than a section heading (listicle titles are).
MAX_TITLE_WORDS = 22
MAX_TITLE_CHARS = 160

# Glyphs people and blog editors use as bullets.  ASCII marks and dashes need a
# space after them ("-5 °C", "–and then" are text); the others do not.  The em
# dash is not one: "— Tu joues encore ?" is dialogue and "— Rumi" an attribution.
_BULLET = re.compile(r"(?:[-*–]|[•◦▪▸►✓✔·●○■▫‣⁃➤])[ \t]+(?=\S)|[•◦▪▸►●○■▫‣⁃](?=\S)")
# "* * *", "- - -", "• •": separators drawn with bullet glyphs, not items.
_GLYPHS_ONLY = re.compile(r"[-*–—•◦▪▸►✓✔·●○■▫‣⁃➤_= \t]*$")
# No leading zeros: Markdown would show "01." as "1.", and the text must not change.
_NUMBERED = re.compile(r"(0|[1-9]\d{0,8})([.)])[ \t]+(?=\S)")
# Heading numbering: "1." "2)" "#3" "Step 4:" "Day 5 -" "Tip #6" "1️⃣".
_HEADING_NUMBER = re.compile(
    r"(?:#\d{1,4}\b|\d{1,3}[.)][ \t]|\d\ufe0f?\u20e3"
    r"|(?:step|part|day|tip|rule|lesson|chapter|week|phase|stage|reason|mistake|way|no\.)"
    r"[ \t]*#?\d{1,4}\b)",
    re.IGNORECASE,
)
# Words that start a fragment of a sentence, not a heading.
_CONJUNCTIONS = frozenset(
    [
        "and",
        "but",
        "or",
        "so",
        "because",
        "then",
        "yet",
        "nor",
        "which",
        "that",
        "who",
        "when",
        "while",
        "if",
        "though",
        "although",
    ]
)
# Words left in lower case by Title Case.
_SMALL = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "as",
        "vs",
        "vs.",
        "via",
        "per",
        "into",
        "onto",
        "upon",
        "off",
        "up",
        "so",
        "yet",
        "is",
        "it",
        "its",
    ]
)
# A final "." after these ends an abbreviation, not a sentence ("… for 10 a.m.").
_ABBREVIATIONS = frozenset(
    (
        *("a.m.", "p.m.", "etc.", "vs.", "no.", "dr.", "mr.", "mrs.", "ms.", "st.", "jr."),
        *("sr.", "inc.", "ltd.", "co.", "u.s.", "u.k.", "e.g.", "i.e.", "approx.", "vol."),
    )
)
_SENTENCE_END = frozenset(".!…,;:。！；：")
_CLOSERS = "\"'”’»)]*"


def is_emoji(ch: str) -> bool:
    """Whether ``ch`` is a pictograph (emoji, dingbat, symbol) rather than text."""
    code = ord(ch)
    if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF:
        return True
    return unicodedata.category(ch) == "So"


def _is_decoration(ch: str) -> bool:
    """Emoji and the invisible joiners and selectors that glue emoji together."""
    if ch < "\x80":
        return ch in " \t"
    return (
        ch.isspace()
        or ch in "\ufe0f\ufe0e\u200d\u20e3"
        or is_emoji(ch)
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
    )


def strip_decoration(line: str) -> str:
    """``line`` without leading emoji and spaces, for matching its words."""
    i = 0
    while i < len(line) and _is_decoration(line[i]):
        i += 1
    return line[i:]


def bullet(line: str) -> str | None:
    """The item text if ``line`` starts with a bullet glyph, else None."""
    m = _BULLET.match(line)
    if m is None or _GLYPHS_ONLY.match(line, m.end()):
        return None
    return line[m.end() :]


def numbered(line: str) -> tuple[int, str, str] | None:
    """``(number, delimiter, text)`` for a ``1.``/``1)`` item, else None."""
    m = _NUMBERED.match(line)
    return (int(m.group(1)), m.group(2), line[m.end() :]) if m else None


def ends_sentence(line: str) -> bool:
    """Whether the line ends the way a sentence or a clause does (``.``, ``!``, ``:``, …).

    Trailing emoji and closing quotes or brackets are looked through, so
    ``It's clarity. 💛`` and ``"Go."`` end like sentences; ``?`` does not count,
    because questions make good headings.
    """
    last = line[-1:]
    if last < "\x80" and last not in _CLOSERS:  # the common cases, decided by one character
        if last in "!,;:":
            return True
        if last != "." or not last:
            return False
        space = line.rfind(" ", 0, -1)
        return len(line) - space > 8 or line[space + 1 :].lower() not in _ABBREVIATIONS
    end = len(line)
    while end and _is_decoration(line[end - 1]):
        end -= 1
    while end and line[end - 1] in _CLOSERS:
        end -= 1
    if end == 0 or line[end - 1] not in _SENTENCE_END:
        return False
    if line[end - 1] == "." and line[end - 2 : end] != "..":
        last = line[:end].rsplit(None, 1)[-1].lower()
        return last not in _ABBREVIATIONS
    return True


def width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font: wide (CJK, most emoji) characters
    count two, combining marks and invisible joiners none."""
    if text.isascii():
        return len(text)
    columns = 0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            columns += 2
        elif unicodedata.category(ch) not in ("Mn", "Me", "Cf"):
            columns += 1
    return columns


def underlines(rule: str, text: str) -> bool:
    """Whether ``rule`` underlines ``text`` the setext way (``=====`` or ``-----``).

    An underline is a run of one of those characters, at least three, roughly
    as long as the text: within a third of its length (and always within two
    characters), counted in characters or in columns, since people draw it
    either way under wide characters.  A rule much longer or shorter than the
    line above it is a separator that happens to follow a line.
    """
    n = len(rule)
    if n < 3 or rule[0] not in "=-" or rule.count(rule[0]) != n:
        return False
    return any(abs(n - size) <= max(2, size // 3) for size in {len(text), width(text)})


def is_question(line: str) -> bool:
    """Whether the line ends with a question mark (emoji and quotes looked through)."""
    return line.rstrip(_CLOSERS + " \t\ufe0f").endswith(("?", "？"))


def style(line: str) -> Style:
    """The heading style of a line, used to see which style an article keeps to."""
    if _HEADING_NUMBER.match(line) or _HEADING_NUMBER.match(strip_decoration(line)):
        return "number"
    if is_emoji(line[0]) and line[0] not in "©®™":
        return "emoji"
    if is_caps(line):
        return "caps"
    if is_question(line):
        return "question"
    if is_title_case(line):
        return "title"
    return "sentence"


def is_caps(line: str) -> bool:
    """ALL CAPS: at least three cased letters and no lower-case ones."""
    if line.upper() != line:
        return False
    return sum(1 for ch in line if ch.isupper()) >= 3


def is_title_case(line: str) -> bool:
    """Title Case: the words that matter are capitalised (small words may not be)."""
    upper = lower = 0
    for i, word in enumerate(strip_decoration(line).split()):
        word = word.lstrip("\"'“‘(-–—[")
        first = word[:1]
        if not first.isalpha():
            continue
        if i and word.lower().rstrip(",:?!") in _SMALL:
            continue
        if first.isupper():
            upper += 1
        elif first.islower():
            lower += 1
    if lower == 0:
        return upper >= 1
    return upper >= 4 and lower * 5 <= upper


def starts_lower(line: str) -> bool:
    """Whether the first letter is lower case (a fragment, a poem line, a continuation).

    Numbers before it are looked through: ``1) one`` and ``2024 was`` are not headings.
    """
    for ch in line:
        if ch.isalpha():
            return ch.islower()
    return False


def starts_with_conjunction(line: str) -> bool:
    """``And…``, ``But…``, ``Because…``: the rest of a sentence, not a heading."""
    words = strip_decoration(line).split(maxsplit=1)
    return bool(words) and words[0].lower().strip(",.…") in _CONJUNCTIONS


def is_prose(line: str) -> bool:
    """A line that reads as running text: long, or ending like a sentence."""
    return len(line) > 70 or ends_sentence(line) or len(line.split()) > MAX_HEADING_WORDS
