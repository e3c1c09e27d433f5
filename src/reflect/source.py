"""Reading an article file into clean Markdown text.

This is the one place where article bytes become text: decoding, the
sanitizer, and the plain-text converter all happen here, so nothing later can
forget them.  ``.md``/``.markdown`` files are Markdown; anything else that is
text is read as a plain-text blog post and converted.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import Literal

from reflect.errors import ReflectError
from reflect.sanitize import clean, clean_line, decode

Kind = Literal["markdown", "text"]
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
MAX_BYTES = 256 * 1024 * 1024


def kind_of(path: Path) -> Kind:
    """Markdown by extension; everything else is read as plain text."""
    return "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"


def display_name(path: Path) -> str:
    """How a path is named in a message: as the reader typed it, but cleaned
    (a file name can carry escape sequences too)."""
    return clean_line(str(path))


def read_bytes(path: Path, limit: int | None = None) -> tuple[bytes, int]:
    """The file's bytes (at most ``limit``) and its full size, or a one-line error."""
    name = display_name(path)
    try:
        if path.exists() and not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
            # /dev/zero never ends and a FIFO blocks forever: only ordinary files.
            raise ReflectError(f"{name}: is not an ordinary file.")
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise ReflectError(
                    f"{name}: is {size // (1024 * 1024)} MB; reflect reads articles up to "
                    f"{MAX_BYTES // (1024 * 1024)} MB."
                )
            data = handle.read() if limit is None else handle.read(limit)
    except FileNotFoundError:
        raise ReflectError(f"{name}: no such file.") from None
    except IsADirectoryError:
        raise ReflectError(f"{name}: is a folder, not an article file.") from None
    except PermissionError:
        raise ReflectError(f"{name}: permission denied.") from None
    except OSError as error:
        raise ReflectError(f"{name}: cannot be read ({error.strerror or error}).") from None
    return data, size


def read_text(path: Path) -> str:
    """The whole file as clean text (LF line ends, no control characters)."""
    data, _ = read_bytes(path)
    return clean(decode(data, display_name(path)))


def read_prefix(path: Path, limit: int) -> tuple[str, bool]:
    """Clean text of about the first ``limit`` bytes, and whether that is the whole file.

    Lets the reader show the first section of a huge book without reading and
    decoding all of it.  Falls back to the whole file when the start is not
    plain UTF-8 (other encodings need the whole file to be detected).
    """
    data, size = read_bytes(path, limit)
    if size <= len(data):
        return clean(decode(data, display_name(path))), True
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return read_text(path), True
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return read_text(path), True
    return clean(text), False


def to_markdown(text: str, kind: Kind, path: Path) -> str:
    """Markdown for an article's clean text: as it is, or converted from plain text."""
    if kind == "markdown" or not text.strip():
        return text  # an empty text file is an empty article, not a bare title
    from reflect.plaintext import to_markdown as convert

    return convert(text, fallback_title=fallback_title(path))


def fallback_title(path: Path) -> str:
    """The title of an article that names none: its file name (DESIGN.md),
    cleaned like any text shown (a file name can hold escape sequences too)."""
    return clean_line(path.name) or "untitled"
