"""``reflect import FILE...``: copy articles into the user's library.

Plain text is converted to Markdown on the way in, so the library holds clean
articles.  A file is never silently replaced by a different article: the same
content again is a no-op, different content under the same name is refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reflect.atomic import write_atomic
from reflect.errors import ReflectError
from reflect.paths import Dirs
from reflect.sanitize import clean_line
from reflect.slugs import article_id
from reflect.source import display_name, kind_of, read_text, to_markdown


def import_file(source: Path, library: Path) -> tuple[Path, bool]:
    """Copy one article into ``library``; returns its path there and whether it was new."""
    markdown = to_markdown(read_text(source), kind_of(source), source)
    if not markdown.strip():
        raise ReflectError(f"{display_name(source)}: has no text to import.")
    if not markdown.endswith("\n"):
        markdown += "\n"
    if library.exists() and not library.is_dir():
        raise ReflectError(f"{display_name(library)}: the library folder is a file.")
    target = library / f"{_target_stem(source)}.md"
    if target.exists():
        try:
            existing = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            existing = None
        if existing == markdown:
            return target, False
        raise ReflectError(
            f"{target}: a different article with this name is already in the library; "
            "rename the file you are importing or remove the old one first."
        )
    _write_new(target, markdown)
    return target, True


def _target_stem(source: Path) -> str:
    """The library file keeps the original stem when that is a safe file name, so
    its notes (keyed on the stem's slug) are shared with the original.

    Leading dots go: the library, like a file manager, does not list hidden
    files, and ``.draft`` and ``draft`` have the same notes anyway.
    """
    stem = source.stem.lstrip(".")
    if stem and stem not in (".", "..") and "/" not in stem and "\x00" not in stem:
        return stem
    return article_id(source.name)


def _write_new(target: Path, text: str) -> None:
    """Write atomically and never over a file that appeared meanwhile."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text.encode("utf-8"), replace=False)
    except FileExistsError:
        raise ReflectError(f"{target}: already exists; nothing was changed.") from None
    except OSError as error:
        raise ReflectError(f"{target}: cannot be written ({error.strerror or error}).") from None


def run(args: argparse.Namespace, dirs: Dirs) -> int:
    """Import every FILE; report each; exit 1 if any failed (the others still land)."""
    failed = False
    for name in args.files:
        try:
            target, new = import_file(Path(name), dirs.library)
        except ReflectError as error:
            print(f"reflect: {clean_line(str(error))}", file=sys.stderr)
            failed = True
            continue
        verb = "imported" if new else "already in the library"
        print(f"{display_name(Path(name))} → {display_name(target)} ({verb})")
    return 1 if failed else 0
