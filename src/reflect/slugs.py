"""Section anchors and article ids: the names notes are filed under.

Both are part of the interface (DESIGN.md): anchors key reflections inside a
notes file and article ids name the notes file itself, so the rules here must
never drift.  Neither may ever contain ``/`` or be empty.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

ANCHOR_MAX = 80
ARTICLE_ID_MAX = 60

_DASHES = re.compile(r"-{2,}")
_NON_ID = re.compile(r"[^a-z0-9]+")
# Letters NFKD does not decompose into ASCII, folded the way people spell them.
_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)


def slugify(text: str) -> str:
    """GitHub-style slug of a heading, possibly empty (see :func:`unique_anchors`).

    Letters of any script, digits, ``-`` and ``_`` are kept; combining marks
    only after a letter or digit (they belong to it: Devanagari vowel signs,
    accents); variation selectors and keycaps dress emoji, and are dropped.
    """
    out: list[str] = []
    attached = False  # whether a combining mark here belongs to a kept character
    for ch in text.lower():
        category = unicodedata.category(ch)
        if ch.isspace():
            out.append("-")
            attached = False
        elif category[0] == "L" or category == "Nd":
            out.append(ch)
            attached = True
        elif category[0] == "M":
            # Variation selectors and enclosing marks (keycaps) dress emoji.
            if attached and category != "Me" and not "\ufe00" <= ch <= "\ufe0f":
                out.append(ch)
        elif ch in "-_":
            out.append(ch)
            attached = False
        else:
            attached = False
    slug = _DASHES.sub("-", "".join(out)).strip("-")
    if len(slug) > ANCHOR_MAX:
        slug = slug[:ANCHOR_MAX].rstrip("-")
    return slug


class AnchorMaker:
    """Hands out unique anchors in reading order, so a streamed outline gets the
    same anchors as one built all at once."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}  # base -> next suffix to try: linear, not quadratic
        self._count = 0

    def make(self, heading: str) -> str:
        """The anchor for the next section, whose heading is ``heading``."""
        self._count += 1
        base = slugify(heading) or f"section-{self._count}"
        anchor = base
        n = self._next.get(base, 2)
        while anchor in self._taken:
            suffix = f"-{n}"
            anchor = base[: ANCHOR_MAX - len(suffix)].rstrip("-") + suffix
            n += 1
        self._next[base] = n
        self._taken.add(anchor)
        return anchor


def unique_anchors(headings: Iterable[str]) -> Iterator[str]:
    """Anchors for headings in reading order: unique, never empty, never with ``/``."""
    maker = AnchorMaker()
    for heading in headings:
        yield maker.make(heading)


def article_id(file_name: str) -> str:
    """The notes-file name (without ``.toml``) for an article file.

    Keyed on the file name without extension so that ``post.txt`` and the
    ``post.md`` that ``reflect import`` makes share their notes, and so notes
    follow a file that moves.
    """
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    folded = (
        unicodedata.normalize("NFKD", stem.translate(_FOLD))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    slug = _NON_ID.sub("-", folded.lower()).strip("-")
    if len(slug) > ARTICLE_ID_MAX:
        slug = slug[:ARTICLE_ID_MAX].rstrip("-")
    if not slug:
        import hashlib  # rare: a name with nothing left to slug

        digest = hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()
        slug = f"article-{digest[:8]}"
    return slug
