"""What a line says about itself: cues that it is not a heading, whatever its shape.

Cross-links ("Read more: …"), product plugs and web addresses, photo
captions, bylines, dates and reading times, sign-offs ("With love,", "Maya")
and one-word beats ("Anyway") look like headings by shape alone.  The cues
here rule them out; :func:`heading_shaped` combines them with the shape rules
of :mod:`reflect.plaintext_lines`.  Every regex is anchored or a plain
alternation, and the cheap tests run first: these run on every short line of
a 20 MB book.
"""

from __future__ import annotations

import re

from reflect.plaintext_lines import (
    MAX_HEADING_CHARS,
    MAX_HEADING_WORDS,
    MAX_TITLE_CHARS,
    MAX_TITLE_WORDS,
    bullet,
    ends_sentence,
    is_emoji,
    starts_lower,
    strip_decoration,
)

_URL = re.compile(r"(?:https?://|www\.)\S", re.IGNORECASE)
_EMAIL = re.compile(r"\S@[A-Za-z0-9-]+\.[A-Za-z]")

# Lines that are never headings whatever their shape: cross-links, plugs,
# captions, bylines, sign-offs, calls to action.  Matched at the start of the
# line, after any leading emoji or arrow.
_NEVER = re.compile(
    r"(?:read (?:more|next|also|the full)|also read|keep reading"
    r"|related(?: posts?| articles?| reading)?[ \t]*[:\-–—]|see also|don[’']?t miss[ \t]*:"
    r"|recommended[ \t]*:|more like this|next up[ \t]*:|up next[ \t]*:|previously[ \t]*:"
    r"|you (?:may|might|will) (?:also )?(?:like|enjoy|love)"
    r"|check (?:out|it out)|click here|tap here|more from|pin (?:it|this|me)\b|source[ \t]*:"
    r"|via[ \t]|photos? (?:by|credit|courtesy|via|:)|images? (?:by|credit|courtesy|source|via|:)"
    r"|pictures? (?:by|:)|credits?[ \t]*:|featured image|disclosure|disclaimer"
    r"|this (?:post|article|page) (?:may )?contains?|tags?[ \t]*:|labels?[ \t]*:"
    r"|filed under|posted (?:in|on|by)|published (?:on|by|in)|updated (?:on|:)|last updated"
    r"|written by|share (?:this|on|via)|follow (?:me|us)|subscribe|sign up|enter your email"
    r"|leave a (?:comment|reply)|skip to|advertisement|sponsored|affiliate|shop (?:now|the|my|our)"
    r"|join (?:my|our|the) (?:free )?(?:newsletter|mailing list|list|community)"
    r"|get (?:the|my|your|a) free|download (?:my|our|the|your|a) free|free download"
    r"|use (?:my |our |the )?(?:promo |discount |coupon )?code\b|grab (?:your|a|my) (?:copy|free)"
    r"|watch (?:the|my|our|this) video|listen (?:to )?(?:the|my|our|this) (?:podcast|episode)"
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
_BYLINE = re.compile(r"by[ \t]+", re.IGNORECASE)
# Lower-case words that may sit inside a person's name ("Vincent van Gogh").
_PARTICLES = frozenset(("de", "van", "von", "der", "den", "da", "di", "du", "le", "la", "del"))
_NAME_END = frozenset(("on", "in", "at", "for", "and", "&", "·", "|", "•", "—", "–", "-"))
# Arrows and marks that lead a bare address in a plug ("➡️ https://…", "→ www…").
_LINK_LEAD = "→➜➔»>-–—: \t"
_BARE_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

# One-word lines that are beats in a story, not section titles.
_INTERJECTIONS = frozenset(
    (
        *("anyway", "anyways", "so", "well", "honestly", "seriously", "basically", "okay"),
        *("ok", "yes", "no", "nope", "yep", "and", "but", "also", "however", "meanwhile"),
        *("still", "then", "now", "sigh", "ugh", "wow", "oh", "hmm", "lol", "again"),
        *("instead", "actually", "literally", "finally", "exactly", "right", "true", "or"),
    )
)


def has_url(line: str) -> bool:
    """Whether the line carries a web address or an e-mail address."""
    return _URL.search(line) is not None or ("@" in line and _EMAIL.search(line) is not None)


def is_meta(line: str) -> bool:
    """Bylines, dates, reading times and photo captions: never headings."""
    if _READ_TIME.search(line) or _CAPTION_SITE.search(line):
        return True
    return len(line.split()) <= 10 and _DATE.search(line) is not None


_DIGIT = re.compile(r"\d")
_SITES = ("unsplash", "pexels", "pixabay", "shutterstock", "getty", "canva", "istock", "flickr")


def is_byline(line: str) -> bool:
    """``By Maya Lee``, ``by Linda · June 3``: "By" and a person's name.

    Only the shape: "By Mood" is shaped like one too, so the caller also
    checks that no body text came before it (bylines sit above the article).
    """
    m = _BYLINE.match(line)
    if m is None or len(line.split()) > 6:
        return False
    words = line[m.end() :].split()
    name = 0
    for word in words:
        if word in _NAME_END or word.lower() in _NAME_END:
            break
        bare = word.rstrip(",")
        if not is_name(bare):
            return False
        name += 1
        if bare != word:
            break  # "By Maya Lee, June 3"
    return 0 < name <= 4


def is_name(text: str) -> bool:
    """Whether ``text`` reads like a person's name: one to four capitalised words.

    Words in scripts without case count as capitalised; "van", "de" and
    initials ("J.") may appear.  "Mood?" or "the way" are not names.
    """
    words = text.split()
    if not 0 < len(words) <= 4:
        return False
    capitalised = 0
    for word in words:
        if word in _PARTICLES:
            continue
        if not all(ch.isalpha() or ch in ".'’-" for ch in word) or not word[0].isalpha():
            return False
        if word[0].islower():
            return False
        capitalised += 1
    return capitalised > 0


def is_link_line(line: str) -> bool:
    """A line that is only a web address, maybe behind an emoji or an arrow (a plug's link)."""
    rest = strip_decoration(line).lstrip(_LINK_LEAD)
    return _BARE_LINK.fullmatch(rest) is not None


# A bare "Share" or "Listen" is a button (Substack, Medium); led by an emoji
# ("👂 Listen") it is an author's heading, so only the undecorated line counts.
_BUTTON = re.compile(r"(?:share|listen)[ \t]*", re.IGNORECASE)


def never_heading(line: str) -> bool:
    """Lines a reader never takes for a heading: links, plugs, sign-offs, captions."""
    if _NEVER.match(strip_decoration(line)) or _BUTTON.fullmatch(line):
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
    if line.endswith(","):
        return True
    return len(line) <= 40 and _SIGN_OFF.fullmatch(strip_decoration(line)) is not None


def is_sign_off_name(line: str) -> bool:
    """A short name line such as ``Maya`` or ``— Maya`` that closes a letter."""
    text = line.lstrip("-–—~ \t")
    words = text.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def is_interjection(line: str) -> bool:
    """``Anyway``, ``Seriously``, ``Ugh``: a one-word beat in the story, not a heading."""
    word = strip_decoration(line).lower().rstrip(".!?…, ")
    return word in _INTERJECTIONS


def heading_shaped(line: str, *, title: bool = False) -> bool:
    """Short, with letters, not ending like a sentence, not a list item or a link.

    This is the shape alone; whether the line is a heading also depends on its
    neighbours (see :mod:`reflect.plaintext`).
    """
    if len(line) > (MAX_TITLE_CHARS if title else MAX_HEADING_CHARS):
        return False
    if ends_sentence(line) or line.startswith(
        ("*", ">", "|", "[", "<", "`", "=", "~", "# ", "##", "—")
    ):
        return False  # markup, or an em dash: dialogue and attributions
    if line.count(" ") >= (MAX_TITLE_WORDS if title else MAX_HEADING_WORDS) and len(
        line.split()
    ) > (MAX_TITLE_WORDS if title else MAX_HEADING_WORDS):
        return False
    if (starts_lower(line) and not is_emoji(line[0])) or not any(ch.isalpha() for ch in line):
        return False
    if line[0] in "([" and line[-1] in ")]":
        return False  # "(Image courtesy of NASA)": an aside or a caption
    return bullet(line) is None and not never_heading(line)
