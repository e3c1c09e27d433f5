"""The reflections file's data model: what the store hands out and takes in.

Plain dataclasses, shared by the store, the reader and the journal, and kept
apart from the TOML mapping (``store_toml``) and the file I/O (``store_io``).
Two rules shape it:

* Times are kept in UTC, whole seconds: tomli-w would happily write an
  offset such as ``+05:30:15`` that tomllib cannot read back.
* Text is kept exactly.  The only text refused is text that cannot be
  UTF-8 at all (lone surrogates, e.g. from undecodable command-line bytes):
  it is refused with a clear message rather than silently altered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reflect.errors import ReflectError

SCHEMA = 1
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class NotesFileError(ReflectError):
    """A notes file that cannot be read safely: it is left untouched and read-only.

    ``line`` is the 1-based line the problem is on, when known.
    """

    def __init__(self, path: Path, problem: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {problem}; its notes are read-only until the file is fixed.")


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What the store needs to know about the article a write is for.

    ``sections`` are ``(anchor, heading)`` pairs in reading order: the current
    outline, used to tell orphaned notes and re-attach renamed headings.
    """

    title: str
    source: str
    digest: str
    sections: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True, slots=True)
class ReflectionKey:
    """Names one reflection across processes: its section, when it was written
    and its text as last seen.

    The text is part of it so that a stale key never hits the wrong entry: an
    entry changed or removed by another process since it was loaded is
    reported as gone instead.  Entries equal in all three are indistinguishable,
    so acting on either is the same.
    """

    section: str
    written: datetime
    text: str


@dataclass(frozen=True, slots=True)
class Reflection:
    """One dated entry; a section may hold many (a conversation with the past self).

    ``heading`` is the heading as it read when the entry was written.
    ``orphaned`` is computed against the current outline by
    :func:`reflect.orphans.classify`, never stored.  ``nth`` counts earlier
    entries with the same section and time (0 nearly always): a tie-breaker
    for sorting, not part of the key.
    """

    section: str
    heading: str
    written: datetime
    text: str
    edited: datetime | None = None
    orphaned: bool = False
    nth: int = field(default=0, compare=False)
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> ReflectionKey:
        """The key that :meth:`NotesStore.edit` and ``delete`` take."""
        return ReflectionKey(self.section, self.written, self.text)

    @property
    def latest(self) -> datetime:
        """When this entry last changed."""
        return self.edited or self.written


@dataclass(slots=True)
class Notes:
    """All that is kept for one article.

    ``read_only_reason`` is set when the file cannot be written safely (it
    does not parse, or has a newer schema); the reflections shown are then
    whatever could be read.
    """

    path: Path
    article_id: str
    title: str = ""
    source: str = ""
    digest: str = ""
    position: str | None = None
    opened: datetime | None = None
    reflections: list[Reflection] = field(default_factory=list)
    read_only_reason: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, repr=False)
    article_extra: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def exists(self) -> bool:
        """Whether anything (position or reflections) has been kept."""
        return bool(self.reflections or self.position or self.title)


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC, whole seconds; naive times are taken as local time."""
    return moment.astimezone(UTC).replace(microsecond=0)


def check_text(text: str, what: str = "the reflection") -> None:
    """Refuse text that cannot be saved as UTF-8 (lone surrogates).

    Replacing them would alter what the person wrote without telling them, so
    the save fails instead and the caller keeps the text.
    """
    found = _SURROGATE.search(text)
    if found:
        raise ReflectError(
            f"{what} contains U+{ord(found.group()):04X}, which is not valid Unicode "
            f"text (position {found.start()}); nothing was saved."
        )


def number_reflections(reflections: Sequence[Reflection]) -> list[Reflection]:
    """Set each entry's ``nth`` among entries with the same section and time."""
    seen: dict[tuple[str, datetime], int] = {}
    out: list[Reflection] = []
    for r in reflections:
        k = (r.section, r.written)
        n = seen.get(k, 0)
        seen[k] = n + 1
        out.append(r if r.nth == n else replace(r, nth=n))
    return out


def printable(text: str) -> str:
    """Article metadata is informational: make it storable instead of refusing it."""
    return _SURROGATE.sub("\ufffd", text)


def check_entry(text: str) -> None:
    """Refuse a reflection that is empty or cannot be saved as text."""
    if not text.strip():
        raise ReflectError("the reflection is empty; nothing was saved.")
    check_text(text)


def find(notes: Notes, key: ReflectionKey) -> int:
    """The index of the entry ``key`` names, or a sentence saying it is gone."""
    for i, r in enumerate(notes.reflections):
        if r.key == key:
            return i
    raise ReflectError(
        f"{notes.path}: that reflection (section '{key.section}', written "
        f"{key.written.isoformat()}) is no longer there; it may have been changed elsewhere."
    )
