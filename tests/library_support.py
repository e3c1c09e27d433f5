"""Shared set-up for the library and journal tests: a library folder copied from
``fixtures/library``, notes written through the store API at fixed times, and
the app built by the one factory with every folder in ``tmp_path``."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from textual.worker import WorkerCancelled

from reflect.app import ReflectApp, create_app
from reflect.article import read_article
from reflect.paths import Dirs
from reflect.store import ArticleMeta, NotesStore

FIXTURES = Path(__file__).parent / "fixtures" / "library"
TODAY = "2026-11-27"


def at(text: str) -> datetime:
    """A fixed UTC time at midday, so the local date is the same in any time zone."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def make_dirs(tmp_path: Path) -> Dirs:
    """Folders for one test run, none of them real."""
    return Dirs(
        notes=tmp_path / "notes",
        library=tmp_path / "library",
        config=tmp_path / "config",
        cache=tmp_path / "cache",
    )


def isolate(monkeypatch, today: str = TODAY) -> None:
    """No bundled articles, a fixed today."""
    monkeypatch.setenv("REFLECT_BUNDLED_DIR", "")
    monkeypatch.setenv("REFLECT_TODAY", today)


def meta_of(path: Path) -> ArticleMeta:
    article = read_article(path)
    return ArticleMeta(
        title=article.title,
        source=str(path),
        digest=article.digest,
        sections=tuple((s.anchor, s.heading) for s in article.sections),
    )


def fill_library(dirs: Dirs, *, broken: bool = True) -> dict[str, Path]:
    """Copy the fixture articles into the library dir; returns them by stem."""
    dirs.library.mkdir(parents=True, exist_ok=True)
    found: dict[str, Path] = {}
    for source in sorted(FIXTURES.iterdir()):
        if source.suffix not in (".md", ".txt") or (not broken and source.name == "broken.txt"):
            continue
        target = dirs.library / source.name
        shutil.copyfile(source, target)
        found[source.stem] = target
    return found


def write_notes(dirs: Dirs, articles: dict[str, Path]) -> NotesStore:
    """A few reflections across articles, on fixed dates (one a year before today)."""
    store = NotesStore(dirs.notes)
    walking = articles["walking-away"]
    meta = meta_of(walking)
    store.add(
        "walking-away",
        meta,
        "leaving-can-be-a-gift",
        "Leaving Can Be a Gift",
        "Leaving is not failing.\nIt can be the kindest choice.",
        now=at("2025-11-27T12:00:00"),
    )
    store.add(
        "walking-away",
        meta,
        "walking-away",
        "Walking Away",
        "Courage looks quiet sometimes.",
        now=at("2026-11-20T12:00:00"),
    )
    store.add(
        "walking-away",
        meta,
        "what-stays",
        "What Stays",
        "What stays is who I became.",
        now=at("2026-11-25T12:00:00"),
    )
    store.record_open("walking-away", meta, "what-stays", now=at("2026-11-26T12:00:00"))
    morning = articles["a-quiet-morning"]
    mmeta = meta_of(morning)
    store.add(
        "a-quiet-morning",
        mmeta,
        "the-kettle",
        "The kettle",
        "Patience with water, patience with people.",
        now=at("2026-11-24T12:00:00"),
    )
    store.record_open("a-quiet-morning", mmeta, "the-kettle", now=at("2026-11-27T12:00:00"))
    return store


def build_app(tmp_path: Path, folder: Path | None = None) -> ReflectApp:
    return create_app(folder, make_dirs(tmp_path))


async def settle(app, pilot) -> None:
    """Wait until workers are done and the screen has caught up (twice: work
    finishing often starts a little more).  A worker cancelled by a newer one
    of its kind (a second refresh) is done too: the newer one is waited for."""
    for _ in range(2):
        while True:
            try:
                await app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                await pilot.pause()
        await pilot.pause()


async def open_journal(app, pilot, article=None):
    """Open the journal (all articles, or ``article``'s) and wait until it is loaded."""
    from reflect.screens.journal import JournalScreen

    await settle(app, pilot)
    app.open_journal(article)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, JournalScreen)
    return screen


def post_with_note(folder: Path, dirs: Dirs, text: str) -> Path:
    """``folder/post.md`` with one reflection, ``text``, on its only section."""
    article = folder / "post.md"
    article.parent.mkdir(parents=True, exist_ok=True)
    article.write_text("# Post\n\nSome words.\n", encoding="utf-8")
    meta = ArticleMeta(title="Post", source=str(article), digest="", sections=[("post", "Post")])
    NotesStore(dirs.notes).add("post", meta, "post", "Post", text)
    return article
