"""Line classifiers for the plain-text reader: what one line of a blog post looks like.

Each function looks at a single stripped line (no surrounding blank lines, no
leading indentation) and answers one question about its shape: is it a bullet,
a numbered item, a sign-off, a caption, chrome, how does it end, what heading
"style" does it have.  :mod:`reflect.plaintext` combines the answers with the
line's neighbours to decide what the line is.  Keeping the per-line questions
here keeps the structural decisions there readable, and every regex here is
anchored and free of nested quantifiers, so a 2 MB line costs linear time.
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
# space after them ("-5 °C", "—and then" are text); the others do not.
_BULLET = re.compile(r"(?:[-*–—]|[•◦▪▸►✓✔·●○■▫‣⁃➤])[ \t]+(?=\S)|[•◦▪▸►●○■▫‣⁃](?=\S)")
# "* * *", "- - -", "• •": separators drawn with bullet glyphs, not items.
_GLYPHS_ONLY = re.compile(r"[-*–—•◦▪▸►✓✔·●○■▫‣⁃➤_= \t]*$")
_NUMBERED = re.compile(r"(\d{1,9})([.)])[ \t]+(?=\S)")
# Heading numbering: "1." "2)" "#3" "Step 4:" "Day 5 -" "Tip #6" "1️⃣".
_HEADING_NUMBER = re.compile(
    r"(?:#\d{1,4}\b|\d{1,3}[.)][ \t]|\d\ufe0f?\u20e3"
    r"|(?:step|part|day|tip|rule|lesson|chapter|week|phase|stage|reason|mistake|way|no\.)"
    r"[ \t]*#?\d{1,4}\b)",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S", re.IGNORECASE)
_EMAIL = re.compile(r"\S@[A-Za-z0-9-]+\.[A-Za-z]")

# Lines that are never headings whatever their shape: cross-links, plugs,
# captions, bylines, sign-offs, calls to action.  Matched at the start of the
# line, after any leading emoji or arrow.
_NEVER = re.compile(
    r"(?:read (?:more|next|also|the full)|also read|related(?: posts?| articles?| reading)?"
    r"[ \t]*[:\-–—]|see also|you (?:may|might|will) (?:also )?(?:like|enjoy|love)"
    r"|check (?:out|it out)|click here|tap here|more from|pin (?:it|this|me)\b|source[ \t]*:"
    r"|via[ \t]|photos? (?:by|credit|courtesy|via|:)|images? (?:by|credit|courtesy|source|via|:)"
    r"|pictures? (?:by|:)|credits?[ \t]*:|featured image|disclosure|disclaimer"
    r"|this (?:post|article|page) (?:may )?contains?|tags?[ \t]*:|labels?[ \t]*:"
    r"|filed under|posted (?:in|on|by)|published (?:on|by|in)|updated (?:on|:)|last updated"
    r"|written by|share (?:this|on|via)|follow (?:me|us)|subscribe|sign up|enter your email"
    r"|leave a (?:comment|reply)|skip to|advertisement|sponsored|affiliate|shop (?:now|the)"
    r"|buy (?:now|it|on|here)|get (?:it|yours) (?:here|on)|available (?:on|at) amazon"
    r"|p\.?[ \t]?s\.?(?:[ \t:]|$)|xo|x ?o ?x ?o|with (?:love|gratitude|warmth)|love[ \t]*,"
    r"|cheers\b|warmly\b|warm(?:est)? regards|kind regards|best(?:[ \t]*,|[ \t]+wishes|$)"
    r"|thanks(?:[ \t]+for[ \t]+reading|[ \t]*,|$)|thank you for reading|until next time"
    r"|hugs\b|sincerely\b|regards\b|talk soon|stay (?:tuned|safe)|happy (?:reading|baking)"
    r"|jump to (?:recipe|comments|the recipe)|print recipe"
    r"|view (?:this )?(?:email )?in (?:your )?browser|unsubscribe"
    r"|much love|all my love|love always|yours(?: truly)?\b|home[ \t]*[»>›/]|menu$|search$)",
    re.IGNORECASE,
)
_READ_TIME = re.compile(r"\b\d{1,3}[ \t]*(?:-|–)?[ \t]*min(?:ute)?s?\.?[ \t]+read\b", re.IGNORECASE)
_CAPTION_SITE = re.compile(
    r"\b(?:on|via|from)[ \t]+(?:unsplash|pexels|pixabay|shutterstock|getty|canva|istock|flickr)\b",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = re.compile(
    rf"\b{_MONTH}\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}\b|\b\d{{1,2}}[ \t]+{_MONTH}"
    rf"\.?,?[ \t]+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"by[ \t]+\S", re.IGNORECASE)

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
# One-word lines that are beats in a story, not section titles.
_INTERJECTIONS = frozenset(
    (
        *("anyway", "anyways", "so", "well", "honestly", "seriously", "basically", "okay"),
        *("ok", "yes", "no", "nope", "yep", "and", "but", "also", "however", "meanwhile"),
        *("still", "then", "now", "sigh", "ugh", "wow", "oh", "hmm", "lol", "again"),
        *("instead", "actually", "literally", "finally", "exactly", "right", "true", "or"),
    )
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


def has_url(line: str) -> bool:
    """Whether the line carries a web address or an e-mail address."""
    return _URL.search(line) is not None or ("@" in line and _EMAIL.search(line) is not None)


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


def is_question(line: str) -> bool:
    """Whether the line ends with a question mark (emoji and quotes looked through)."""
    return line.rstrip(_CLOSERS + " \t\ufe0f").endswith(("?", "？"))


def is_meta(line: str) -> bool:
    """Bylines, dates, reading times and photo captions: never headings."""
    if _READ_TIME.search(line) or _CAPTION_SITE.search(line):
        return True
    return len(line.split()) <= 10 and _DATE.search(line) is not None


_DIGIT = re.compile(r"\d")
_SITES = ("unsplash", "pexels", "pixabay", "shutterstock", "getty", "canva", "istock", "flickr")


def is_byline(line: str) -> bool:
    """``By Maya Lee`` (only meaningful near the top, where bylines live)."""
    return _BYLINE.match(line) is not None and len(line.split()) <= 6


def never_heading(line: str) -> bool:
    """Lines a reader never takes for a heading: links, plugs, sign-offs, captions."""
    if _NEVER.match(strip_decoration(line)):
        return True
    # Cheap tests first: this runs on every short line of a 20 MB book.
    if ("://" in line or "www." in line or "@" in line) and has_url(line):
        return True
    if _DIGIT.search(line) and (_READ_TIME.search(line) or _DATE.search(line)):
        return _READ_TIME.search(line) is not None or len(line.split()) <= 10
    lower = line.lower()
    return any(site in lower for site in _SITES) and _CAPTION_SITE.search(line) is not None


_SIGN_OFF = re.compile(
    r"(?:with (?:love|gratitude|warmth)|love|xo|xoxo|x ?o ?x ?o|cheers|warmly|warm(?:est)? regards"
    r"|kind regards|best(?: wishes)?|thanks(?: for reading)?|thank you(?: for reading)?"
    r"|until next time|hugs|sincerely|regards|talk soon|much love|all my love|love always"
    r"|yours(?: truly)?|take care|stay (?:kind|well|safe|tuned))[ \t]*[,.!…]*(?:[ \t]*x+)?",
    re.IGNORECASE,
)


def is_sign_off(line: str) -> bool:
    """``With love,``, ``Cheers``, ``xoxo``: the line a letter closes with, before a name."""
    return line.endswith(",") or _SIGN_OFF.fullmatch(strip_decoration(line)) is not None


def is_sign_off_name(line: str) -> bool:
    """A short name line such as ``Maya`` or ``— Maya`` that closes a letter."""
    text = line.lstrip("-–—~ \t")
    words = text.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


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


def is_interjection(line: str) -> bool:
    """``Anyway``, ``Seriously``, ``Ugh``: a one-word beat in the story, not a heading."""
    word = strip_decoration(line).lower().rstrip(".!?…, ")
    return word in _INTERJECTIONS


def starts_with_conjunction(line: str) -> bool:
    """``And…``, ``But…``, ``Because…``: the rest of a sentence, not a heading."""
    words = strip_decoration(line).split(maxsplit=1)
    return bool(words) and words[0].lower().strip(",.…") in _CONJUNCTIONS


def heading_shaped(line: str, *, title: bool = False) -> bool:
    """Short, with letters, not ending like a sentence, not a list item or a link.

    This is the shape alone; whether the line is a heading also depends on its
    neighbours (see :mod:`reflect.plaintext`).
    """
    if len(line) > (MAX_TITLE_CHARS if title else MAX_HEADING_CHARS):
        return False
    if ends_sentence(line) or line.startswith(("*", ">", "|", "[", "<", "`", "=", "~", "# ", "##")):
        return False
    if line.count(" ") >= (MAX_TITLE_WORDS if title else MAX_HEADING_WORDS) and len(
        line.split()
    ) > (MAX_TITLE_WORDS if title else MAX_HEADING_WORDS):
        return False
    if (starts_lower(line) and not is_emoji(line[0])) or not any(ch.isalpha() for ch in line):
        return False
    if line[0] in "([" and line[-1] in ")]":
        return False  # "(Image courtesy of NASA)": an aside or a caption
    return bullet(line) is None and not never_heading(line)


def is_prose(line: str) -> bool:
    """A line that reads as running text: long, or ending like a sentence."""
    return len(line) > 70 or ends_sentence(line) or len(line.split()) > MAX_HEADING_WORDS
