"""The article model: a title, a digest, and sections in reading order.

No Textual here: the CLI, the store and the tests use it without the UI.
(Interface stub; the implementation lands next.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Kind = Literal["markdown", "text"]


@dataclass(frozen=True, slots=True)
class Section:
    """One section: what the reader shows as a pane and notes are filed under."""

    index: int
    level: int
    anchor: str
    heading: str
    words: int
    body: str = field(repr=False)
    prompt: str | None = None


@dataclass(slots=True)
class Article:
    """A whole article, read and split into sections."""

    path: Path
    id: str
    title: str
    digest: str
    kind: Kind
    sections: list[Section]


def read_article(path: str | Path) -> Article:
    """Read, clean and split an article file; raises ReflectError for bad input."""
    raise NotImplementedError
