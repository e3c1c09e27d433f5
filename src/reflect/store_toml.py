"""The reflections file's mapping to and from TOML tables.

Pure data: a parsed TOML document goes in, :class:`Notes` comes out, and
back, so the mapping can be reasoned about apart from the file I/O.  Keys the
app does not know (hand edits, newer versions) are carried along in ``extra``
mappings at every level and written back after the known keys, in a fixed
order, so the same notes always give the same bytes.  A document of the wrong
shape is refused with the line it is on.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from reflect.errors import ReflectError
from reflect.store_model import (
    SCHEMA,
    Notes,
    NotesFileError,
    Reflection,
    number_reflections,
    printable,
    utc,
)

_ARTICLE_KEYS = ("title", "source", "digest", "position", "opened")
_REFLECTION_KEYS = ("section", "heading", "written", "edited", "text")


# --- from TOML ---------------------------------------------------------------


# A day inside the calendar's ends: any time zone can show a time between them.
_EARLIEST = datetime.min.replace(tzinfo=UTC) + timedelta(days=1)
_LATEST = datetime.max.replace(tzinfo=UTC) - timedelta(days=1)


def _when(value: Any) -> datetime | None:
    """A TOML date-time as an aware UTC datetime; local times are taken as UTC.

    Raises ``OverflowError`` for one within a day of the calendar's ends: it
    could not be shown on the reader's own calendar (the file is then read-only).
    """
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        moment = value.astimezone(UTC)
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day, tzinfo=UTC)
    else:
        return None
    if not _EARLIEST <= moment <= _LATEST:
        raise OverflowError("date-time out of range")
    return moment


def from_doc(
    doc: Mapping[str, Any], path: Path, article_id: str, text: str, *, newer_ok: bool = False
) -> Notes:
    """The :class:`Notes` in a parsed file; raises :class:`NotesFileError` when its
    shape is wrong (``text`` is the file's text, used to find the line).

    ``newer_ok`` reads a newer schema as far as this version understands it,
    for showing it read-only; such notes must never be written back.
    """
    schema = doc.get("schema", SCHEMA)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise NotesFileError(path, "'schema' is not a version number", _line_of(text, "schema"))
    if schema > SCHEMA and not newer_ok:
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
    for key in ("heading", "edited"):
        if key in entry and not _typed(key, entry[key]):
            return f"has '{key}' set to something that is not {_KINDS[key]}"
    return None


# Known keys of an entry checked for their type: a wrong one (a hand edit)
# would be dropped by the next save, and it is the reader's own data, so the
# file is read-only until it is fixed.  (The article's keys are reflect's to
# rewrite at each open and save: a wrong one there is simply replaced.)
_KINDS = {"heading": "a string", "edited": "a date-time"}


def _typed(key: str, value: Any) -> bool:
    """Whether a known key holds the kind of value reflect writes there."""
    if _KINDS[key] == "a string":
        return isinstance(value, str)
    return isinstance(value, date)  # (a datetime is a date too)


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


def verify_entry(path: Path, chunk: str, reflection: Reflection) -> None:
    """Read back the entry being saved before it replaces anything: what tomllib
    sees must be exactly what was given (a cheap guard on the writer)."""
    try:
        (seen,) = tomllib.loads(chunk)["reflections"]
    except (tomllib.TOMLDecodeError, KeyError, ValueError):
        seen = None
    if not _same(seen, entry_table(reflection)):
        raise ReflectError(f"{path}: this reflection could not be saved exactly; nothing changed.")


def _same(a: Any, b: Any) -> bool:
    """Equal as TOML values: a hand-added ``nan`` is the same ``nan`` (where ``==`` says no)."""
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b
