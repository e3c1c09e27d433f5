"""What the library knows about each article file, remembered between runs.

Reading an article to count its words and sections means parsing all of it,
which for thousands of files is seconds of work.  The results depend only on
the file's bytes, so they are kept in ``<cache dir>/library.json`` keyed by the
file's absolute path and checked against its size and modification time: a
changed file is read again, an unchanged one costs one ``stat``.

The cache is an optimisation and nothing more: a missing, corrupt or
unreadable cache is ignored (and rewritten), and it is written atomically so
two reflect processes or a crash can never leave half a file behind.
No Textual here.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reflect.atomic import write_atomic
from reflect.errors import ReflectError
from reflect.slugs import article_id

CACHE_VERSION = 3
CACHE_NAME = "library.json"
HEAD_NAME = "library-head.json"
ROW_FIELDS = 8  # size, mtime_ns, id, title, words, sections, outline, error

Outline = tuple[tuple[str, str], ...]
"""``(anchor, heading)`` pairs in reading order: what the store classifies notes against."""


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the library shows about one article file, from the file alone.

    ``error`` is set (and the counts are zero) when the file cannot be read as
    an article: it is listed as unreadable with that one-line reason.  The
    outline is kept as one ``anchor\theading`` line per section and split only
    when asked for: most articles in a big library have no notes, and their
    outline is never needed.
    """

    path: Path
    id: str
    title: str
    words: int
    section_count: int
    outline_text: str = field(default="", repr=False)
    error: str | None = None

    @property
    def sections(self) -> Outline:
        """``(anchor, heading)`` pairs in reading order."""
        if not self.outline_text:
            return ()
        return tuple(
            (anchor, heading)
            for anchor, _, heading in (
                line.partition("\t") for line in self.outline_text.split("\n")
            )
        )


def outline_text(sections: Outline) -> str:
    """The outline as :attr:`ArticleInfo.outline_text` keeps it (anchors and
    headings never hold tabs or newlines: both are single clean lines)."""
    return "\n".join(f"{anchor}\t{heading}" for anchor, heading in sections)


def unreadable(path: Path, reason: str) -> ArticleInfo:
    """The info of a file that cannot be read as an article."""
    return ArticleInfo(path, article_id(path.name), path.name, 0, 0, "", reason)


def read_info(path: Path) -> ArticleInfo:
    """Read and parse ``path``; never raises for a bad file (it becomes ``error``)."""
    return _read_info(path)[0]


def _read_info(path: Path) -> tuple[ArticleInfo, bool]:
    """The info and whether it may be cached (not when reading hit a bug)."""
    from reflect.article import read_article  # the parser only when a file must be read

    try:
        article = read_article(path)
    except ReflectError as error:
        return unreadable(path, _reason(path, error)), True
    except Exception as error:  # a bug, shown on the row: one file must not stop the list
        return unreadable(path, f"could not be read ({type(error).__name__}: {error})"), False
    info = ArticleInfo(
        path=path,
        id=article.id,
        title=article.title,
        words=sum(s.words for s in article.sections),
        section_count=len(article.sections),
        outline_text=outline_text(tuple((s.anchor, s.heading) for s in article.sections)),
    )
    return info, True


def _reason(path: Path, error: ReflectError) -> str:
    """The sentence without the file name in front: the row already names the file."""
    text = str(error)
    prefix = f"{path}: "
    return text[len(prefix) :] if text.startswith(prefix) else text


class ArticleCache:
    """Article infos by path, validated by size and mtime; thread-safe."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = Path(cache_dir) / CACHE_NAME
        """The JSON file the infos are kept in."""
        self._lock = threading.Lock()
        self._entries: dict[str, list[Any]] | None = None
        self._dirty = False

    def _load(self) -> dict[str, list[Any]]:
        if self._entries is None:
            self._entries = _read_cache(self.path)
        return self._entries

    def cached(self, path: Path, st: os.stat_result) -> ArticleInfo | None:
        """The info for ``path`` if the cache holds it for this very size and mtime."""
        with self._lock:
            row = self._load().get(str(path))
        if row is None:
            return None
        try:
            size, mtime, ident, title, words, count, outline, error = row
            if size != st.st_size or mtime != st.st_mtime_ns:
                return None
            return ArticleInfo(
                path, str(ident), str(title), int(words), int(count), str(outline), error or None
            )
        except (TypeError, ValueError):  # a hand-edited or foreign row: read the file
            return None

    def info(self, path: Path, st: os.stat_result | None = None) -> ArticleInfo:
        """The info for ``path``: from the cache when unchanged, else read and remembered."""
        if st is None:
            try:
                st = path.stat()
            except OSError as error:
                return unreadable(path, f"cannot be read ({error.strerror or error}).")
        found = self.cached(path, st)
        if found is not None:
            return found
        info, cacheable = _read_info(path)
        if not cacheable:
            return info
        row = [
            st.st_size,
            st.st_mtime_ns,
            info.id,
            info.title,
            info.words,
            info.section_count,
            info.outline_text,
            info.error,
        ]
        with self._lock:
            self._load()[str(path)] = row
            self._dirty = True
        return info

    def save(self) -> None:
        """Write the cache if anything changed; failures are ignored (it is only a cache).

        Rows of files that no longer exist are dropped on the way.
        """
        with self._lock:
            if not self._dirty or self._entries is None:
                return
            self._entries = {k: v for k, v in self._entries.items() if os.path.exists(k)}
            lines = [json.dumps({"version": CACHE_VERSION})]
            lines.extend(
                json.dumps([key, *row], separators=(",", ":")) for key, row in self._entries.items()
            )
            self._dirty = False
        with contextlib.suppress(OSError):
            _write_atomic(self.path, "\n".join(lines) + "\n")


def _read_cache(path: Path) -> dict[str, list[Any]]:
    """The rows by path: JSON Lines, one small parse per article, so reading a
    big cache in a worker never holds the GIL (and the UI) for long."""
    try:
        with open(path, encoding="utf-8") as handle:
            header = json.loads(handle.readline() or "null")
            if not isinstance(header, dict) or header.get("version") != CACHE_VERSION:
                return {}
            rows: dict[str, list[Any]] = {}
            for line in handle:
                try:
                    row = json.loads(line)
                except ValueError:
                    continue  # a torn or hand-edited line: that file is read again
                if isinstance(row, list) and len(row) == ROW_FIELDS + 1 and isinstance(row[0], str):
                    rows[row[0]] = row[1:]
            return rows
    except (OSError, ValueError):
        return {}


def _write_atomic(path: Path, text: str) -> None:
    # ``text`` is JSON with ASCII escapes: a file name that is not UTF-8 (kept by
    # Python as lone surrogates) is written as ``\udcff`` and read back as it was;
    # as raw UTF-8 it could not be written at all, and the whole cache was lost.
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))


def info_row(info: ArticleInfo) -> list[Any]:
    """An info as a JSON row (with its path), for the head file."""
    return [
        str(info.path),
        info.id,
        info.title,
        info.words,
        info.section_count,
        info.outline_text,
        info.error,
    ]


def row_info(row: Sequence[Any]) -> ArticleInfo:
    """The inverse of :func:`info_row`; raises ``TypeError``/``ValueError`` for a bad row."""
    path, ident, title, words, count, outline, error = row
    return ArticleInfo(
        Path(path), str(ident), str(title), int(words), int(count), str(outline), error or None
    )


def read_head(cache_dir: Path, key: str) -> list[Any]:
    """The rows saved by :func:`write_head` for ``key``, or none.

    The head is the first screenful of the library as it was last shown: it
    lets the first frame show rows before the scan has read anything.
    """
    try:
        doc = json.loads((Path(cache_dir) / HEAD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(doc, dict) or doc.get("version") != CACHE_VERSION or doc.get("key") != key:
        return []
    rows = doc.get("rows")
    return rows if isinstance(rows, list) else []


def write_head(cache_dir: Path, key: str, rows: list[Any]) -> None:
    """Remember the first screenful (failures are ignored: it is only a cache)."""
    data = json.dumps({"version": CACHE_VERSION, "key": key, "rows": rows}, separators=(",", ":"))
    with contextlib.suppress(OSError):
        _write_atomic(Path(cache_dir) / HEAD_NAME, data)
