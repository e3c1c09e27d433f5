"""The reflections file's data model and its mapping to and from TOML tables.

Kept apart from the file I/O (``store_io``) so the mapping can be tested and
reasoned about as pure data: a parsed TOML document goes in, :class:`Notes`
comes out, and back.  Three rules shape it:

* Keys the app does not know (hand edits, newer versions) are carried along
  in ``extra`` mappings at every level and written back after the known keys.
* Times are stored in UTC, whole seconds: tomli-w would happily write an
  offset such as ``+05:30:15`` that tomllib cannot read back.
* Text is stored exactly.  The only text refused is text that cannot be
  UTF-8 at all (lone surrogates, e.g. from undecodable command-line bytes):
  it is refused with a clear message rather than silently altered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from reflect.errors import ReflectError

SCHEMA = 1

_ARTICLE_KEYS = ("title", "source", "digest", "position", "opened")
_REFLECTION_KEYS = ("section", "heading", "written", "edited", "text")
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


# --- from TOML ---------------------------------------------------------------


def _when(value: Any) -> datetime | None:
    """A TOML date-time as an aware UTC datetime; local times are taken as UTC."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None


def from_doc(doc: Mapping[str, Any], path: Path, article_id: str, text: str) -> Notes:
    """The :class:`Notes` in a parsed file; raises :class:`NotesFileError` when its
    shape is wrong (``text`` is the file's text, used to find the line)."""
    schema = doc.get("schema", SCHEMA)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise NotesFileError(path, "'schema' is not a version number", _line_of(text, "schema"))
    if schema > SCHEMA:
        raise NotesFileError(
            path,
            f"was written by a newer reflect (schema {schema}; this one knows {SCHEMA})",
            _line_of(text, "schema"),
        )
    article = doc.get("article", {})
    if not isinstance(article, Mapping):
        raise NotesFileError(path, "'article' is not a table", _line_of(text, "article"))
    entries = doc.get("reflections", [])
    if not isinstance(entries, list):
        raise NotesFileError(
            path, "'reflections' is not a list of tables", _line_of(text, "reflections")
        )
    notes = Notes(
        path=path,
        article_id=article_id,
        title=_str(article.get("title")),
        source=_str(article.get("source")),
        digest=_str(article.get("digest")),
        position=article.get("position") if isinstance(article.get("position"), str) else None,
        opened=_when(article.get("opened")),
        extra={k: v for k, v in doc.items() if k not in ("schema", "article", "reflections")},
        article_extra={k: v for k, v in article.items() if k not in _ARTICLE_KEYS},
    )
    reflections: list[Reflection] = []
    for n, entry in enumerate(entries, 1):
        problem = _entry_problem(entry)
        if problem:
            raise NotesFileError(
                path, f"reflection {n} {problem}", _nth_line(text, "[[reflections]]", n)
            )
        reflections.append(
            Reflection(
                section=entry["section"],
                heading=_str(entry.get("heading")),
                written=_when(entry["written"]),  # type: ignore[arg-type]
                edited=_when(entry.get("edited")),
                text=entry["text"],
                extra={k: v for k, v in entry.items() if k not in _REFLECTION_KEYS},
            )
        )
    notes.reflections = number_reflections(reflections)
    return notes


def _entry_problem(entry: Any) -> str | None:
    if not isinstance(entry, Mapping):
        return "is not a table"
    if not isinstance(entry.get("section"), str):
        return "has no 'section' string"
    if _when(entry.get("written")) is None:
        return "has no 'written' date-time"
    if not isinstance(entry.get("text"), str):
        return "has no 'text' string"
    return None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*=|\[+\s*{re.escape(key)}\s*\]+)", re.M)
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _nth_line(text: str, marker: str, n: int) -> int | None:
    start = -1
    for _ in range(n):
        start = text.find(marker, start + 1)
        if start < 0:
            return None
    return text.count("\n", 0, start) + 1


# --- to TOML -----------------------------------------------------------------


def entry_table(r: Reflection) -> dict[str, Any]:
    """One ``[[reflections]]`` table: known keys in a fixed order, then the rest."""
    table: dict[str, Any] = {"section": r.section, "heading": r.heading, "written": r.written}
    if r.edited is not None:
        table["edited"] = r.edited
    table["text"] = r.text
    for k, v in r.extra.items():
        table.setdefault(k, v)
    return table


def head_doc(notes: Notes) -> dict[str, Any]:
    """Everything but the reflections, in a fixed order: the same notes always
    give the same bytes."""
    article: dict[str, Any] = {
        "title": printable(notes.title),
        "source": printable(notes.source),
        "digest": printable(notes.digest),
    }
    if notes.position is not None:
        article["position"] = printable(notes.position)
    if notes.opened is not None:
        article["opened"] = utc(notes.opened)
    for k, v in notes.article_extra.items():
        article.setdefault(k, v)
    doc: dict[str, Any] = {"schema": SCHEMA, "article": article}
    for k, v in notes.extra.items():
        doc.setdefault(k, v)
    return doc
