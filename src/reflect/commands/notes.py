"""``reflect note``, ``reflect notes`` and ``reflect export``: the store from the shell.

``note`` is the one that writes, through the same :class:`NotesStore` path as
the app (lock, re-read, merge, atomic replace).  ``notes`` and ``export``
only read: the notes files are left byte-identical, a broken one included.
JSON carries text exactly; everything meant for a person passes the sanitizer.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from reflect.article import Article, read_article
from reflect.errors import ReflectError, UsageError
from reflect.export import ordered, render
from reflect.folding import fold
from reflect.paths import Dirs
from reflect.slugs import article_id
from reflect.store import ArticleMeta, Notes, NotesStore, Reflection, classify
from reflect.store_io import write_atomic

Outline = list[tuple[str, str]]
_SHOWN_ANCHORS = 40


def _outline(article: Article) -> Outline:
    return [(s.anchor, s.heading) for s in article.sections]


def _meta(article: Article) -> ArticleMeta:
    return ArticleMeta(
        title=article.title,
        source=str(article.path.resolve()),
        digest=article.digest,
        sections=_outline(article),
    )


# --- reflect note --------------------------------------------------------------


def run_note(args: argparse.Namespace, dirs: Dirs) -> int:
    """Add one reflection: TEXT exactly, or stdin exactly less one final newline."""
    article = read_article(args.path)
    outline = _outline(article)
    headings = dict(outline)
    if not outline:
        raise ReflectError(f"{args.path}: has no text, so no section to add a reflection to.")
    if args.section not in headings:
        anchors = [a for a, _ in outline]
        shown = ", ".join(anchors[:_SHOWN_ANCHORS])
        more = len(anchors) - _SHOWN_ANCHORS
        if more > 0:
            shown += f", … and {more} more (see 'reflect outline {args.path}')"
        raise ReflectError(
            f"{args.path}: has no section '{args.section}'; valid anchors are: {shown}."
        )
    text = _read_stdin() if args.text == "-" else args.text
    if args.text != "-" and _not_utf8(text):
        raise ReflectError("TEXT is not valid UTF-8; nothing was saved.")
    store = NotesStore(dirs.notes)
    store.add(article.id, _meta(article), args.section, headings[args.section], text)
    return 0


def _read_stdin() -> str:
    if sys.stdin is None:
        raise ReflectError("there is no standard input to read the reflection from.")
    if sys.stdin.isatty():
        print("Write your reflection; end it with Ctrl-D.", file=sys.stderr)
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ReflectError("standard input is not valid UTF-8 text; nothing was saved.") from None
    return text[:-1] if text.endswith("\n") else text


def _not_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# --- reflect notes -------------------------------------------------------------


def run_notes(args: argparse.Namespace, dirs: Dirs) -> int:
    """Print saved reflections (one article, or all), as Markdown or JSON."""
    since = _since(args.since)
    if dirs.notes.exists() and not dirs.notes.is_dir():
        raise ReflectError(f"{dirs.notes}: is not a folder, so it holds no notes.")
    store = NotesStore(dirs.notes)
    found: list[tuple[Notes, Outline | None, str]] = []
    errors: list[str] = []
    if args.path:
        found.append(_one(args.path, store, errors))
    else:
        for article_id in store.list_ids():
            notes = _load(store, article_id, errors)
            if not notes.reflections:
                continue
            outline, title = _current(notes)
            found.append((classify(notes, outline or ()), outline, title))
    shown = []
    for notes, outline, title in found:
        kept = [r for r in notes.reflections if _wanted(r, since, args.search)]
        if kept:
            shown.append((replace(notes, reflections=kept), outline, title))
    shown.sort(key=lambda item: item[0].article_id)
    shown.sort(key=lambda item: max(r.latest for r in item[0].reflections), reverse=True)
    if args.json:
        _write(json.dumps(_json(shown), ensure_ascii=False, indent=2) + "\n")
    elif shown:
        _write("\n".join(render(n, o, title=t) for n, o, t in shown))
    elif not errors:  # (with errors, "none" would not be true: they are in a file unread)
        _write("No reflections yet.\n" if not (since or args.search) else "No matches.\n")
    for message in errors:
        print(f"reflect: {message}", file=sys.stderr)
    return 1 if errors else 0


def _one(path: str, store: NotesStore, errors: list[str]) -> tuple[Notes, Outline | None, str]:
    """One article's notes, classified against its outline.

    An article that has been deleted or moved still has its notes: when PATH
    is gone but a notes file for its name exists, that is shown as it is.
    """
    if not os.path.exists(path):
        kept = store.path_for(article_id(Path(path).name))
        if kept.is_file():
            notes = _load(store, kept.stem, errors)
            return (notes, *_current(notes))
    article = read_article(path)
    outline = _outline(article)
    return _load(store, article.id, errors, outline), outline, article.title


def _load(
    store: NotesStore, article: str, errors: list[str], outline: Outline | None = None
) -> Notes:
    """An article's notes to show, even from a file that is read-only to reflect.

    A file written by a newer reflect is shown as far as this one understands
    it; one that does not parse shows nothing.  Either way the reason (file and
    line) joins ``errors``: it goes to stderr and makes the exit status 1.  The
    file itself is never written here.
    """
    notes = store.load(article, outline, read_only_ok=True)
    if notes.read_only_reason:
        errors.append(notes.read_only_reason)
    return notes


def _current(notes: Notes) -> tuple[Outline | None, str]:
    """The outline and title of the article the notes were kept for, as it reads
    now if it is still there (so a listing names it as ``notes PATH`` does),
    else no outline and the title the notes recorded."""
    if not notes.source or not os.path.isfile(notes.source):
        return None, notes.title
    try:
        article = read_article(notes.source)
    except (ReflectError, OSError):
        return None, notes.title
    return _outline(article), article.title


def _since(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--since expects a date like 2026-11-27, not '{value}'.") from None


def _wanted(r: Reflection, since: date | None, search: str | None) -> bool:
    if (
        since is not None
        and r.written.date() < since
        and (r.edited is None or r.edited.date() < since)
    ):
        return False
    return search is None or fold(search) in fold(r.text)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat().replace("+00:00", "Z")


def _json(shown: list[tuple[Notes, Outline | None, str]]) -> dict[str, object]:
    articles = []
    for notes, outline, title in shown:
        groups, orphans = ordered(notes, outline)
        articles.append(
            {
                "id": notes.article_id,
                "title": title or notes.title,
                "source": notes.source,
                "notes_file": str(notes.path),
                "reflections": [
                    {
                        "section": r.section,
                        "heading": r.heading,
                        "written": _iso(r.written),
                        "edited": _iso(r.edited),
                        "text": r.text,
                        "orphaned": r.orphaned,
                    }
                    for group in (*groups, *orphans)
                    for r in group.reflections
                ],
            }
        )
    return {"articles": articles}


def _write(text: str) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


# --- reflect export ------------------------------------------------------------


def run_export(args: argparse.Namespace, dirs: Dirs) -> int:
    """Write one article's reflections as a Markdown document (stdout or ``-o``)."""
    store = NotesStore(dirs.notes)
    errors: list[str] = []
    notes, outline, title = _one(args.path, store, errors)
    if errors and not notes.reflections:
        raise ReflectError(errors[0])  # a file that does not parse: nothing to export
    for message in errors:
        print(f"reflect: {message}", file=sys.stderr)
    status = 1 if errors else 0
    document = render(notes, outline, title=title)
    if not args.output or args.output == "-":
        _write(document)
        return status
    out = Path(args.output)
    for guarded, what in ((Path(args.path), "the article itself"), (notes.path, "its notes file")):
        if _same(out, guarded):
            raise ReflectError(f"{out}: is {what}; choose another file for the export.")
    if _same(out.parent, dirs.notes):
        raise ReflectError(f"{out}: is in the notes folder, whose files only reflect writes.")
    if out.is_dir():
        raise ReflectError(f"{out}: is a folder; give a file name for the export.")
    if not out.parent.is_dir():
        raise ReflectError(f"{out}: its folder does not exist.")
    try:
        st = os.stat(out)
    except FileNotFoundError:
        st = None
    try:
        if (st is not None and not stat.S_ISREG(st.st_mode)) or out.is_symlink():
            # A device, a pipe or a link: write through it, never replace it.
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(document)
        else:
            mode = 0o600 if st is None else st.st_mode & 0o777  # notes are private
            write_atomic(out, document.encode("utf-8"), mode)
    except OSError as error:
        raise ReflectError(f"{out}: cannot be written ({error.strerror or error}).") from None
    return status


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False
